"""Building and checking the book, for its maintainers: neither readers nor students import this.

- :mod:`~partnership_book.contents`: the two editions' tables of contents and the chapters' question blocks.
- :mod:`~partnership_book.build`: the strict build of either edition (``make book``, ``make instructor-book``).
- :mod:`~partnership_book.cache_guard`: clears the execution cache when the course package changes.
- :mod:`~partnership_book.pdf`: the PDF of an edition and the role sheets, printed by Chromium.
"""
