"""Head-group declension of noun phrases: job titles and organisation names.

Only the head noun and the adjectives agreeing with it change case; everything after the head (its
dependent words, «по УВР», a quoted proper name) stays as typed — the rule of DOMAIN.md §4 and of
Розенталь's handbook on declining compound names. Words are analysed with pymorphy3 (OpenCorpora
dictionary); abbreviations never change and take the gender of the word they stand for, so that an
adjective next to one agrees with it («МБОУ Палагайской СОШ»).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from service.grammar.cases import Case
from service.grammar.morph import morph
from service.grammar.spelling import keep_yo, restore_case

#: Hyphenated title prefixes that never decline (шеф-повар → шеф-повара).
FIXED_PREFIXES = frozenset({"шеф", "вице", "экс", "обер", "унтер", "штаб", "лейб", "контр", "генерал"})

_TOKEN = re.compile(
    r"«[^»]*»?|\"[^\"]*\"?|„[^“]*“?|'[^']*'?"  # quoted proper names are opaque
    r"|[0-9A-Za-zА-Яа-яЁё]+(?:[-/.][0-9A-Za-zА-Яа-яЁё]+)*\.?"  # words, д/с, И.о.
    r"|\s+|."
)
_WORD_START = re.compile(r"[A-Za-zА-Яа-яЁё]")
_GENDERS = ("masc", "femn", "neut")


@dataclass(frozen=True)
class _Analysis:
    """How one word of the head group changes: its parse and the grammemes it takes."""

    index: int
    parses: tuple  # one pymorphy3 Parse per hyphen part; None where the part stays as typed
    gender: str
    animate: bool
    is_noun: bool


def is_abbreviation(word: str) -> bool:
    """УВР, МБОУ, д/с, И.о., № 24: written-out abbreviations and numbers never decline."""
    if not _WORD_START.match(word):
        return True
    letters = word.replace("-", "")
    return "/" in word or "." in word or any(c.isdigit() for c in word) or (
        len(letters) > 1 and letters.isupper() and len(letters) <= 6
    )


def _nominative(word: str, pos: frozenset[str]):
    """The best pymorphy3 parse of ``word`` as a nominative singular of one of ``pos``, or None."""
    for parse in morph().parse(word.lower()):
        tag = parse.tag
        if tag.POS in pos and tag.case == "nomn" and tag.number == "sing":
            return parse
    return None


_NOUN = frozenset({"NOUN"})
_ADJ = frozenset({"ADJF", "PRTF"})
_ANY = _NOUN | _ADJ


def _gender_of(parse) -> str:
    gender = parse.tag.gender
    return gender if gender in _GENDERS else "masc"


def _noun_parts(word: str):
    """Parses of each hyphen part of a noun (педагог-психолог), None for fixed prefixes (шеф-)."""
    parts = word.split("-")
    parses = tuple(
        None if (i < len(parts) - 1 and part.lower() in FIXED_PREFIXES) else _nominative(part, _NOUN)
        for i, part in enumerate(parts)
    )
    return parses if parses[-1] is not None else None


def _adjective(word: str):
    """An adjective declines by its last hyphen part (учебно-методический)."""
    *_, last = word.split("-")
    parse = _nominative(last, _ADJ)
    return None if parse is None else (None,) * word.count("-") + (parse,)


def _agrees(gender: str, word: str, abbreviation_genders: Mapping[str, str]) -> bool:
    if is_abbreviation(word):
        return abbreviation_gender(word, abbreviation_genders) == gender
    last = word.split("-")[-1].lower()
    return any(
        p.tag.POS in _ANY and p.tag.case == "nomn" and p.tag.number == "sing" and _gender_of(p) == gender
        for p in morph().parse(last)
    )


def abbreviation_gender(word: str, genders: Mapping[str, str]) -> str | None:
    """Gender of the noun an abbreviation stands for: the exact entry, else the longest known ending
    (МБДОУ ends in ОУ, учреждение: neuter)."""
    key = word.upper().replace("Ё", "Е")
    for start in range(len(key)):
        if key[start:] in genders:
            return genders[key[start:]]
    return None


def _head_group(words: list[tuple[int, str]], abbreviation_genders: Mapping[str, str]):
    """The analysed words of the head group, in order, or [] when the phrase has no nominative head.

    ``words`` are (token index, word) pairs. Leading abbreviations (МБОУ …) are skipped: they stand in
    apposition and do not change.
    """
    position = 0
    while position < len(words) and is_abbreviation(words[position][1]):
        position += 1
    group: list[_Analysis] = []
    for k in range(position, len(words)):
        index, word = words[k]
        following = words[k + 1][1] if k + 1 < len(words) else None
        if is_abbreviation(word):
            gender = abbreviation_gender(word, abbreviation_genders)
            if group and gender:
                return [
                    _Analysis(a.index, a.parses, gender, False, False) for a in group
                ]
            return []
        adjective = _adjective(word)
        if adjective and following is not None and _agrees(
            _gender_of(adjective[-1]), following, abbreviation_genders
        ):
            group.append(_Analysis(index, adjective, _gender_of(adjective[-1]), False, False))
            continue
        noun = _noun_parts(word)
        if noun:
            head = noun[-1]
            animate = head.tag.animacy == "anim"
            gender = _gender_of(head)
            return [_Analysis(a.index, a.parses, gender, animate, False) for a in group] + [
                _Analysis(index, noun, gender, animate, True)
            ]
        if adjective:
            # A substantivised adjective or participle is the head itself: заведующий, вожатая.
            gender = _gender_of(adjective[-1])
            return [_Analysis(a.index, a.parses, gender, True, False) for a in group] + [
                _Analysis(index, adjective, gender, True, False)
            ]
        return []
    return []


def _inflect(analysis: _Analysis, original: str, case: Case) -> str:
    pieces = original.split("-")
    out = []
    for piece, parse in zip(pieces, analysis.parses, strict=True):
        if parse is None:
            out.append(piece)
            continue
        if analysis.is_noun:
            grammemes = {case.value}
        else:
            grammemes = {case.value, "sing", analysis.gender}
            if case is Case.ACCUSATIVE and analysis.gender == "masc":
                grammemes.add("anim" if analysis.animate else "inan")
        form = parse.inflect(grammemes)
        out.append(piece if form is None else restore_case(piece, keep_yo(piece, form.word)))
    return "-".join(out)


@lru_cache(maxsize=16384)
def _decline(text: str, case: Case, abbreviation_items: tuple[tuple[str, str], ...]) -> str:
    tokens = _TOKEN.findall(text)
    words = [
        (i, token)
        for i, token in enumerate(tokens)
        if not token.isspace() and token[0] not in "«\"„'" and (_WORD_START.match(token) or token[0].isdigit())
    ]
    # Punctuation and «№» end the part of the phrase that can hold the head group.
    for k, (i, _) in enumerate(words):
        if any(not t.isspace() for t in tokens[words[k - 1][0] + 1 : i]) if k else False:
            words = words[:k]
            break
    for analysis in _head_group(words, dict(abbreviation_items)):
        tokens[analysis.index] = _inflect(analysis, tokens[analysis.index], case)
    return "".join(tokens)


def decline_phrase(text: str, case: Case, abbreviation_genders: Mapping[str, str] | None = None) -> str:
    """Decline the head group of a noun phrase (nominative singular in) into ``case``.

    ``abbreviation_genders`` maps an abbreviation or its ending (``"СОШ"``, ``"ОУ"``) to the gender
    (``"masc"``, ``"femn"``, ``"neut"``) of the word it stands for. A phrase with no recognisable
    nominative head comes back unchanged.
    """
    if case is Case.NOMINATIVE or not text.strip():
        return text
    items = tuple(sorted((abbreviation_genders or {}).items()))
    return _decline(text, case, items)
