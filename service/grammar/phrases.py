"""Head-group declension of noun phrases: job titles and organisation names.

Only the head noun and the adjectives agreeing with it change case; everything after the group (its
dependent words, «по УВР», a quoted proper name) stays as typed — the rule of DOMAIN.md §4 and of
Розенталь's handbook on declining compound names. The group is: agreeing adjectives before the head
(«старший воспитатель»), the head (a noun, both parts of a hyphenated one — «педагог-психолог» — or a
substantivised adjective — «заведующая»), and agreeing adjectives after it («агент рекламный»). An
adverb before an adjective or participle of the group stays as typed («временно исполняющего»).

Words are analysed with pymorphy3 (OpenCorpora dictionary). Abbreviations never change and take the
gender of the word they stand for, so that an adjective next to one agrees with it («МБОУ Палагайской
СОШ»). An adjectival word the dictionary lacks («печевой») declines by its ending (:data:`_ADJECTIVE_ENDINGS`).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from service.grammar.cases import Case
from service.grammar.morph import parses
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
_NOUN = frozenset({"NOUN"})
_ADJ = frozenset({"ADJF", "PRTF"})

# Adjectival endings: nominative ending → (gender, forms gent datv accs-inanimate accs-animate ablt loct).
_ADJECTIVE_ENDINGS = {
    "ой": ("masc", ("ого", "ому", "ой", "ого", "ым", "ом")),
    "ый": ("masc", ("ого", "ому", "ый", "ого", "ым", "ом")),
    "кий": ("masc", ("кого", "кому", "кий", "кого", "ким", "ком")),
    "гий": ("masc", ("гого", "гому", "гий", "гого", "гим", "гом")),
    "хий": ("masc", ("хого", "хому", "хий", "хого", "хим", "хом")),
    "ий": ("masc", ("его", "ему", "ий", "его", "им", "ем")),
    "ая": ("femn", ("ой", "ой", "ую", "ую", "ой", "ой")),
    "жая": ("femn", ("жей", "жей", "жую", "жую", "жей", "жей")),
    "шая": ("femn", ("шей", "шей", "шую", "шую", "шей", "шей")),
    "чая": ("femn", ("чей", "чей", "чую", "чую", "чей", "чей")),
    "щая": ("femn", ("щей", "щей", "щую", "щую", "щей", "щей")),
    "яя": ("femn", ("ей", "ей", "юю", "юю", "ей", "ей")),
    "ое": ("neut", ("ого", "ому", "ое", "ое", "ым", "ом")),
    "ее": ("neut", ("его", "ему", "ее", "ее", "им", "ем")),
}
_CASE_SLOT = {Case.GENITIVE: 0, Case.DATIVE: 1, Case.INSTRUMENTAL: 4, Case.PREPOSITIONAL: 5}


@dataclass(frozen=True)
class _Ending:
    """A word the dictionary lacks, declined by its adjectival ending."""

    stem: str
    ending: str
    gender: str


@dataclass(frozen=True)
class _Word:
    """One word of the head group: its token index, one parse per hyphen part (None where the part
    stays as typed: шеф-, the учебно- of учебно-методический) and whether it is a noun."""

    index: int
    parts: tuple
    is_noun: bool


def is_abbreviation(word: str) -> bool:
    """УВР, МБОУ, д/с, И.о., № 24: written-out abbreviations and numbers never decline."""
    if not _WORD_START.match(word):
        return True
    letters = word.replace("-", "")
    return "/" in word or "." in word or any(c.isdigit() for c in word) or (
        len(letters) > 1 and letters.isupper() and len(letters) <= 6
    )


def abbreviation_gender(word: str, genders: Mapping[str, str]) -> str | None:
    """Gender of the noun an abbreviation stands for: the exact entry, else the longest known ending
    (МБДОУ ends in ОУ, учреждение: neuter)."""
    key = word.upper().replace("Ё", "Е")
    for start in range(len(key)):
        if key[start:] in genders:
            return genders[key[start:]]
    return None


def _nominative(word: str, pos: frozenset[str]):
    """The best pymorphy3 parse of ``word`` as a nominative singular of one of ``pos``, or None."""
    for parse in parses(word.lower()):
        tag = parse.tag
        if tag.POS in pos and tag.case == "nomn" and tag.number == "sing":
            return parse
    return None


def _by_ending(word: str) -> _Ending | None:
    lower = word.lower()
    for size in (3, 2):
        ending = lower[-size:]
        if ending in _ADJECTIVE_ENDINGS and len(lower) > size + 1:
            return _Ending(lower[:-size], ending, _ADJECTIVE_ENDINGS[ending][0])
    return None


def _gender(part) -> str:
    if isinstance(part, _Ending):
        return part.gender
    gender = part.tag.gender
    return gender if gender in _GENDERS else "masc"


def _noun(word: str) -> tuple | None:
    """Parses of the hyphen parts of a noun (педагог-психолог), None for fixed prefixes (шеф-)."""
    pieces = word.split("-")
    parts = tuple(
        None if (i < len(pieces) - 1 and piece.lower() in FIXED_PREFIXES) else _nominative(piece, _NOUN)
        for i, piece in enumerate(pieces)
    )
    return parts if parts[-1] is not None else None


def _adjective(word: str, *, fallback: bool) -> tuple | None:
    """An adjective declines by its last hyphen part (учебно-методический). With ``fallback``, a word
    with an adjectival ending that the dictionary lacks as an adjective is taken by its ending."""
    *head, last = word.split("-")
    parse = _nominative(last, _ADJ)
    if parse is None and fallback and (_nominative(last, _NOUN) is None or _adjectival_noun(last)):
        parse = _by_ending(last)
    return None if parse is None else (None,) * len(head) + (parse,)


def _adjectival_noun(word: str) -> bool:
    """A noun entry in -ой/-ый whose paradigm is not adjectival is a dictionary artefact for a job
    title («дверевой» → «дверевоя»); such titles are substantivised adjectives."""
    lower = word.lower()
    if not lower.endswith(("ой", "ый")):
        return False
    parse = _nominative(lower, _NOUN)
    gent = parse.inflect({"gent"}) if parse else None
    return gent is None or not gent.word.endswith(("ого", "его"))


def _adverb(word: str) -> bool:
    """The dictionary's best reading of ``word`` is an adverb («временно»)."""
    found = parses(word.lower())
    return bool(found) and found[0].tag.POS == "ADVB"


def _oblique_noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.case != "nomn" for p in parses(word.lower()))


def _head_gender(parts: tuple) -> str:
    """A hyphenated noun agrees by its first declining part: медицинская сестра-анестезист."""
    return _gender(next(p for p in parts if p is not None))


def _agrees(gender: str, word: str, abbreviations: Mapping[str, str]) -> bool:
    """Does ``word`` (nominative singular) have ``gender``: a noun, adjective or abbreviation."""
    if is_abbreviation(word):
        return abbreviation_gender(word, abbreviations) == gender
    noun = _noun(word)
    if noun and _head_gender(noun) == gender:
        return True
    adjective = _adjective(word, fallback=False)
    return bool(adjective) and _gender(adjective[-1]) == gender


def _head_group(words: list[tuple[int, str]], abbreviations: Mapping[str, str], substantive: bool):
    """(analysed words of the head group, gender of the head); ([], None) when the phrase has no
    nominative head. ``words`` are (token index, word) pairs. Leading abbreviations
    (МБОУ …) stand in apposition and are skipped. ``substantive``: a lone adjectival word may be the
    head (job titles: «заведующий», «печевой»)."""
    k = 0
    while k < len(words) and is_abbreviation(words[k][1]):
        if words[k][1].endswith("."):
            return [], None  # «с. Ивановка», «И.о. директора»: a shortened word governs what follows
        k += 1
    group: list[_Word] = []
    while k < len(words):
        index, word = words[k]
        following = words[k + 1][1] if k + 1 < len(words) else None
        if is_abbreviation(word):
            gender = abbreviation_gender(word, abbreviations)
            return (group, gender) if group and gender else ([], None)
        if following is not None and _adverb(word) and _adjective(following, fallback=False):
            # «временно исполняющий обязанности»: the adverb qualifies the participle and, like any
            # adverb, never declines.
            k += 1
            continue
        adjective = _adjective(word, fallback=substantive)
        if adjective and following is not None and _agrees(_gender(adjective[-1]), following, abbreviations):
            group.append(_Word(index, adjective, False))
            k += 1
            continue
        noun = _noun(word)
        if noun and not (adjective and substantive and _adjectival_noun(word)):
            group.append(_Word(index, noun, True))
            gender = _head_gender(noun)
        elif adjective and (substantive or group):
            group.append(_Word(index, adjective, False))
            gender = _gender(adjective[-1])
        else:
            return [], None
        # Adjectives after the head that agree with it: «агент рекламный», «сестра операционная».
        # A word that may also be a noun in an oblique case depends on the head instead: «мастер
        # буровой» is the foreman of a drilling rig (буровая), not a drilling foreman.
        for index, word in words[k + 1:]:
            after = None if is_abbreviation(word) else _adjective(word, fallback=False)
            if after is None or _gender(after[-1]) != gender or _oblique_noun(word):
                break
            group.append(_Word(index, after, False))
        return group, gender
    return [], None


def _ending_form(part: _Ending, case: Case, animate: bool) -> str:
    forms = _ADJECTIVE_ENDINGS[part.ending][1]
    slot = 3 if case is Case.ACCUSATIVE and animate else 2 if case is Case.ACCUSATIVE else _CASE_SLOT[case]
    return part.stem + forms[slot]


def _inflect(word: _Word, original: str, case: Case, gender: str, animate: bool) -> str:
    out = []
    for piece, part in zip(original.split("-"), word.parts, strict=True):
        if part is None:
            out.append(piece)
            continue
        if isinstance(part, _Ending):
            out.append(restore_case(piece, _ending_form(part, case, animate and gender == "masc")))
            continue
        target = case.value
        if case is Case.PREPOSITIONAL and not animate and part.inflect({"loc2"}) is not None:
            target = "loc2"  # an organisation stands after «в»: в детском саду, not «в детском саде»
        if word.is_noun:
            # Job titles name people: a masculine noun of the second declension takes the animate
            # accusative, which is its genitive (агента, конструктора), whatever sense the dictionary
            # lists first; судья, старшина keep their own accusative (судью).
            second_declension = _gender(part) == "masc" and not part.word.endswith(("а", "я"))
            grammemes = {"gent" if animate and case is Case.ACCUSATIVE and second_declension else target}
        else:
            grammemes = {target, "sing", gender}
            if case is Case.ACCUSATIVE and gender == "masc":
                grammemes.add("anim" if animate else "inan")
        form = part.inflect(grammemes)
        out.append(piece if form is None else restore_case(piece, keep_yo(piece, form.word)))
    return "-".join(out)


@lru_cache(maxsize=16384)
def _analyse(text: str, abbreviation_items: tuple[tuple[str, str], ...], animate: bool):
    """(tokens, indices of ALL-CAPS tokens, head group, its gender): the case-independent part of
    declining ``text``, done once for all six cases."""
    tokens = _TOKEN.findall(text)
    # ALL-CAPS input: analyse long words in lower case (short ones stay abbreviations: МБОУ, УВР) and
    # write the results back in capitals.
    shouted = frozenset(i for i, t in enumerate(tokens) if text.isupper() and len(t) > 4 and t.isupper())
    tokens = tuple(t.lower() if i in shouted else t for i, t in enumerate(tokens))
    words = []
    for i, token in enumerate(tokens):
        if token.isspace():
            continue
        if token[0] in "«\"„'" or not (_WORD_START.match(token) or token[0].isdigit()):
            break  # a quoted name, «№» or punctuation ends the part that can hold the head group
        words.append((i, token))
    group, gender = _head_group(words, dict(abbreviation_items), substantive=animate)
    return tokens, shouted, tuple(group), gender


@lru_cache(maxsize=16384)
def _decline(text: str, case: Case, abbreviation_items: tuple[tuple[str, str], ...], animate: bool) -> str:
    tokens, shouted, group, gender = _analyse(text, abbreviation_items, animate)
    tokens = list(tokens)
    for word in group:
        tokens[word.index] = _inflect(word, tokens[word.index], case, gender, animate)
    return "".join(t.upper() if i in shouted else t for i, t in enumerate(tokens))


def names_person(text: str) -> bool:
    """Does the job title ``text`` (nominative singular) have a person as its head: an animate noun
    («начальник отдела», «классный руководитель») or a substantivised adjective or participle
    («заведующая», «временно исполняющий обязанности …»)? False when no nominative head opens the text
    («информатики», «по УВР»), the head names a thing («высшая категория»), or the dictionary knows the
    word only in another form (the «технологий» of «… продуктов и технологий» merely ends like one)."""
    _, _, group, _ = _analyse(text, (), True)
    nouns = [word for word in group if word.is_noun]
    if nouns:
        return "anim" in nouns[0].parts[-1].tag
    return bool(group) and not isinstance(group[0].parts[-1], _Ending)


def decline_phrase(text: str, case: Case, abbreviation_genders: Mapping[str, str] | None = None,
                   *, animate: bool = False) -> str:
    """Decline the head group of a noun phrase (nominative singular in) into ``case``.

    ``abbreviation_genders`` maps an abbreviation or its ending (``"СОШ"``, ``"ОУ"``) to the gender
    (``"masc"``, ``"femn"``, ``"neut"``) of the word it stands for. ``animate``: the phrase names a
    person (a job title), so masculine words take the animate accusative and a lone adjectival word is
    a substantivised head. A phrase with no recognisable nominative head comes back unchanged.
    """
    if case is Case.NOMINATIVE or not text.strip():
        return text
    items = tuple(sorted((abbreviation_genders or {}).items()))
    return _decline(text, case, items, animate)
