"""Models, explorers and grading tools for the 'Partners and Rivals' case-study course.

One module per model: :mod:`bargaining`, :mod:`property_rights`, :mod:`revenue`,
:mod:`concentration` (with the modified HHI), :mod:`foreclosure`, :mod:`cooperation`,
:mod:`scenarios`, :mod:`game`, :mod:`negotiation` (the role-play's scoring); :mod:`timeline` loads the sourced
case timeline; :mod:`plotting` holds the course's colour-blind-safe style.
"""

__version__ = "0.1.0"
