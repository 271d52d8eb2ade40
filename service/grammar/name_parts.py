"""One part of a personal name (surname, first name, patronymic) in one case: the combined engine.

Sources, in order of authority:
1. :data:`INDECLINABLE_SURNAMES` — a short list of surnames every source gets wrong (stressed foreign
   endings).
2. The petrovich exception lists (whole words, github.com/petrovich/petrovich-rules ``rules.json``).
3. For first names, the OpenCorpora dictionary (pymorphy3-dicts-ru) where it knows the name of that
   gender and disagrees with the rules, read from ``first_names.json`` (written by
   ``tools/build_first_names.py``): on petrovich-eval ``firstnames.tsv`` it fixes 586 of petrovich's
   587 misses (Марек, Жан-Клод, Николя) and breaks none outside the petrovich exceptions. For
   surnames the dictionary only settles the instrumental after a hissing consonant, where the ending
   follows the stress (Лебедевым-Кумачом).
4. A man's surname in -их that is no adjective form declines as a noun (Фрейндлих → Фрейндлиха).
5. The petrovich suffix rules (pytrovich), then two corrections from Russian spelling: ы never follows
   г к х ж ш ч щ (Ажа → Ажи), and the е of a foreign first name in -ек is not fleeting (Томек →
   Томека, where the rules give «Томька»).
"""

import json
from functools import cache, lru_cache
from pathlib import Path

from pytrovich.enums import Case as PetrovichCase
from pytrovich.enums import Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from service.grammar.cases import Case
from service.grammar.gender import FEMALE, MALE
from service.grammar.morph import parses, petrovich
from service.grammar.spelling import keep_yo, restore_case

_PETROVICH_CASE = {
    Case.GENITIVE: PetrovichCase.GENITIVE,
    Case.DATIVE: PetrovichCase.DATIVE,
    Case.ACCUSATIVE: PetrovichCase.ACCUSATIVE,
    Case.INSTRUMENTAL: PetrovichCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: PetrovichCase.PREPOSITIONAL,
}
_PETROVICH_GENDER = {MALE: Gender.MALE, FEMALE: Gender.FEMALE}
_GENDER_LABELS = {MALE: ("male", "androgynous"), FEMALE: ("female", "androgynous")}
_DICTIONARY_TAG = {MALE: "masc", FEMALE: "femn"}

#: Indeclinable names missing from the petrovich exceptions: French surnames stressed on the final
#: vowel (Розенталь, «Справочник по правописанию», § 174).
INDECLINABLE_SURNAMES = frozenset({"золя", "дюкасс", "гамсахурдиа", "рабле", "мальро", "бизе", "дидро"})

_HISSING = tuple("жшчщц")
_VELAR_OR_HISSING = "гкхжшчщ"
_VOWELS = frozenset("аеёиоуыэюя")


@cache
def _first_name_exceptions() -> dict[str, frozenset[str]]:
    """First names petrovich declines by an exception, per gender ("m"/"f"; androgynous exceptions
    count for both)."""
    rules = json.loads(Path(PetrovichDeclinationMaker.DEFAULT_PATH_TO_RULES_FILE).read_text(encoding="utf-8"))
    exceptions = rules["firstname"].get("exceptions", [])
    return {
        gender: frozenset(word for rule in exceptions if rule["gender"] in labels for word in rule["test"])
        for gender, labels in _GENDER_LABELS.items()
    }


def is_first_name_exception(word: str, gender: str) -> bool:
    return word in _first_name_exceptions()[gender]


def _dictionary_parse(word: str, tag: str, gender: str):
    """The dictionary entry of ``word`` as a nominative ``tag`` (Name/Surn) of ``gender``, or None."""
    wanted = {_DICTIONARY_TAG[gender], "ms-f"}
    plain = word.replace("ё", "е")
    for parse in parses(word):
        if (tag in parse.tag and parse.tag.case == "nomn" and parse.tag.number != "plur"
                and wanted & parse.tag.grammemes and parse.normal_form.replace("ё", "е") == plain
                and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"):
            return parse
    return None


@cache
def _first_names() -> dict[str, dict[str, dict[str, str]]]:
    """gender → first name (lower case, ё as е) → case → form; see tools/build_first_names.py."""
    table = json.loads(Path(__file__).with_name("first_names.json").read_text(encoding="utf-8"))
    return {gender: {word.replace("ё", "е"): forms for word, forms in names.items()}
            for gender, names in table.items()}


def _from_table(word: str, gender: str, case: Case) -> str | None:
    forms = _first_names()[gender].get(word.replace("ё", "е"))
    return None if forms is None else keep_yo(word, forms[case.value])


def _stressed_instrumental(word: str, form: str) -> str:
    """Лебедев-Кумач → Лебедевым-Кумачом, not «-Кумачем»: after a hissing consonant the instrumental
    ending follows the stress, which the common noun of the same spelling tells (кумач → кумачом).
    One-syllable surnames (Ткач) keep the stem stress usual for surnames: Ткачем."""
    if not (form == word + "ем" and word.endswith(_HISSING) and sum(c in _VOWELS for c in word) > 1):
        return form
    for parse in parses(word):
        if parse.tag.POS == "NOUN" and parse.tag.case == "nomn" and parse.normal_form == word:
            noun = parse.inflect({"ablt", "sing"})
            if noun is not None and noun.word == word + "ом":
                return word + "ом"
            break
    return form


def _spelling(word: str, form: str, part: NamePart) -> str:
    if len(form) > 1 and form.endswith("ы") and form[-2] in _VELAR_OR_HISSING:
        form = form[:-1] + "и"
    fleeting = word[:-2] + "ьк"
    if part is NamePart.FIRSTNAME and word.endswith("ек") and form.startswith(fleeting):
        # The rules drop the е of -ек (Томек → «Томька»). It is fleeting only in Russian diminutives
        # in -ёк written with е (Санек → Санька), whose stem the dictionary knows as a name (Санька).
        if not any(_dictionary_parse(fleeting + "а", "Name", g) for g in (MALE, FEMALE)):
            form = word + form[len(fleeting):]
    return form


def rule_form(word: str, part: NamePart, gender: str, case: Case) -> str:
    """The petrovich rules' form of a lower-case, unhyphenated ``word`` with the spelling corrections."""
    form = petrovich().make(part, _PETROVICH_GENDER[gender], _PETROVICH_CASE[case], word)
    form = _spelling(word, form, part)
    if part is NamePart.LASTNAME and case is Case.INSTRUMENTAL and gender == MALE:
        form = _stressed_instrumental(word, form)
    return form


_NOUN_ENDINGS = {Case.GENITIVE: "а", Case.DATIVE: "у", Case.ACCUSATIVE: "а", Case.INSTRUMENTAL: "ом",
                 Case.PREPOSITIONAL: "е"}


def _foreign_ikh(word: str) -> bool:
    """Surnames in -их are indeclinable when they are old genitive plurals of adjectives (Долгих ←
    долгий, Мягких); a man's German -их (Фрейндлих, Дитрих) is no adjective form and declines."""
    return word.endswith("их") and not any(
        p.tag.POS == "ADJF" and p.tag.number == "plur" and p.tag.case in ("gent", "loct") for p in parses(word)
    )


def _decline_piece(word: str, part: NamePart, gender: str, case: Case) -> str:
    """``word`` is lower case, without hyphens."""
    if part is NamePart.LASTNAME and word in INDECLINABLE_SURNAMES:
        return word
    if part is NamePart.LASTNAME and gender == MALE and _foreign_ikh(word):
        return word + _NOUN_ENDINGS[case]
    if part is NamePart.FIRSTNAME and not is_first_name_exception(word, gender):
        form = _from_table(word, gender, case)
        if form is not None:
            return form
    return rule_form(word, part, gender, case)


@lru_cache(maxsize=65536)
def decline_name_part(word: str, part: NamePart, gender: str, case: Case) -> str:
    """Decline one name part (nominative in, ``gender`` ``"m"``/``"f"``) into ``case``, keeping the
    user's capitals and, when the user writes no ё, writing none either (Ильей, not «Ильёй»). A
    hyphenated name declines piece by piece as petrovich does (Римская-Корсакова, Бонч-Бруевич), unless
    the dictionary knows it whole (Жан-Клод)."""
    if case is Case.NOMINATIVE:
        return word
    lower = word.lower()
    if "-" not in lower:
        form = keep_yo(lower, _decline_piece(lower, part, gender, case))
        return form if word == lower else restore_case(word, form)
    if part is NamePart.FIRSTNAME:
        whole = None if is_first_name_exception(lower, gender) else _from_table(lower, gender, case)
        form = whole or "-".join(_decline_piece(piece, part, gender, case) for piece in lower.split("-"))
    else:
        # petrovich's own split keeps its first-word exceptions (Бонч-, Тер-); our corrections apply
        # to the last piece.
        pieces = petrovich().make(part, _PETROVICH_GENDER[gender], _PETROVICH_CASE[case], lower).split("-")
        form = "-".join(pieces[:-1] + [_decline_piece(lower.rsplit("-", 1)[-1], part, gender, case)])
    return _restore(word, keep_yo(lower, form))


def _restore(word: str, form: str) -> str:
    """Put back the user's capitals piece by piece (Римская-Корсакова, ИВАНОВ, де-Голль)."""
    return "-".join(
        restore_case(orig, new) if orig.lower() != new else orig
        for orig, new in zip(word.split("-"), form.split("-"), strict=True)
    )
