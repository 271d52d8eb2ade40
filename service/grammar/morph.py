"""Shared, lazily built analysers: pymorphy3 (OpenCorpora dictionary) and pytrovich (petrovich rules).

Both load data files once per process (~0.1 s each); building them at import time would slow every
CLI call that never declines a word.
"""

from functools import cache, lru_cache

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


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple:
    """pymorphy3's parses of a lower-case ``word``, best first, remembered: a phrase asks about the
    same word several times (as noun, as adjective, for agreement)."""
    return tuple(morph().parse(word))
