"""Shared, lazily built analysers: pymorphy3 (OpenCorpora dictionary) and pytrovich (petrovich rules).

Both load data files once per process (~0.1 s each); building them at import time would slow every
CLI call that never declines a word.
"""

from functools import cache

import pymorphy3
from pytrovich.detector import PetrovichGenderDetector
from pytrovich.maker import PetrovichDeclinationMaker


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@cache
def petrovich() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def petrovich_gender() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()
