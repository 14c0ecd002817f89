"""The course's assignments as plain-Python specs (solutions and hidden tests included).

Edit these, then run ``make exercises`` (``python -m partnership_grading sources``) to regenerate
``exercises/source/*/*.ipynb`` and the rubric and catalogue fragments the book includes.
This folder is deliberately outside the ``partnership`` package, so installing the package for
students does not install the solutions.
"""

from .capstone_memo import ASSIGNMENT as CAPSTONE
from .ps1_ip import ASSIGNMENT as PS1
from .ps2_revenue import ASSIGNMENT as PS2
from .ps3_regulation import ASSIGNMENT as PS3
from .ps4_future import ASSIGNMENT as PS4

ASSIGNMENTS = (PS1, PS2, PS3, PS4, CAPSTONE)
