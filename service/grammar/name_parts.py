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

Men's surnames that are, or look like, common nouns with a fleeting vowel (Заяц, Лев, Соловей, Орёл,
Дятел, Козёл, Кравец, Воробей) have no settled norm. Розенталь («Справочник по правописанию и
литературной правке», on declining surnames) observes that, to avoid the common noun, such surnames are
either left in the nominative or declined keeping the vowel («О награждении Гребеня Д.К.»); the
Грамота.ру help desk recommends keeping it so that the nominative can be read back from any form (Заец →
Заеца) and calls the question open (gramota.ru, «Заец, Журавель и Казаченок: как склонять такие
фамилии»); Суперанская and Суслова («Современные русские фамилии») observe that before a final -ец the е
usually drops (Шабанец → Шабанца). The engine's choice, per kind:
- the petrovich rules decide: they keep the vowel of -ок/-ек, -ел/-ёл, -ень, -яц and of -ей (Заяца,
  Орёла, Дятела, Ременя — Розенталь's «Гребеня», Соловея) and drop it in -нец/-мец/-вец/-сец/-иец and
  -обей (Муромца, Кравца, Коломийца, Воробья) — the forms the petrovich-eval and ru-grammar-tools gold
  sets give for every such surname they hold (Кравцу, Сосковцу, Коломийца, Воробью, Муромца, Белорусца);
- a one-syllable surname keeps its only vowel (Жнец → Жнеца, as the noun жнец → жнеца), where the
  rules cut -нец blindly («Жнца»);
- Лев declines as the first name Лев (Льва), which every reader knows: Грамота's criterion, the
  nominative read back from the form, holds, and «Лева» would read as the diminutive Лёва.
:func:`disputed_forms` tells the caller, for any surname, whether references disagree and gives the
alternatives, so that the secretary can be asked once and the answer kept as a correction.
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
    if (part is NamePart.LASTNAME and gender == MALE and form != word and _vowel_count(form) == 1
            and _vowel_count(word) == 1 and _fleeting_surname(word)):
        form = _kept_vowel(word, case)  # Жнец → Жнеца: the rules' -нец would leave the stem no vowel
    if part is NamePart.LASTNAME and case is Case.INSTRUMENTAL and gender == MALE:
        form = _stressed_instrumental(word, form)
    return form


_NOUN_ENDINGS = {Case.GENITIVE: "а", Case.DATIVE: "у", Case.ACCUSATIVE: "а", Case.INSTRUMENTAL: "ом",
                 Case.PREPOSITIONAL: "е"}
# After a hissing consonant or ц the unstressed instrumental is -ем (Ткачем, Заяцем); after -ь/-й the
# soft endings replace the last letter (Ременя, Соловея).
_HISSING_ENDINGS = {**_NOUN_ENDINGS, Case.INSTRUMENTAL: "ем"}
_SOFT_ENDINGS = {Case.GENITIVE: "я", Case.DATIVE: "ю", Case.ACCUSATIVE: "я", Case.INSTRUMENTAL: "ем",
                 Case.PREPOSITIONAL: "е"}
#: Men's surnames that decline as the first name of the same spelling (see the module notes).
_LIKE_FIRST_NAME = frozenset({"лев"})


def _vowel_count(word: str) -> int:
    return sum(map(word.count, _VOWELS))


def _kept_vowel(word: str, case: Case) -> str:
    """A man's surname in a consonant, -ь or -ей declined as a noun with its stem intact: Заяц →
    Заяца, Ремень → Ременя, Соловей → Соловея."""
    if word.endswith(("ь", "й")):
        return word[:-1] + _SOFT_ENDINGS[case]
    return word + (_HISSING_ENDINGS if word.endswith(_HISSING) else _NOUN_ENDINGS)[case]


def _fleeting_surname(word: str) -> bool:
    """Could ``word`` (a man's surname, lower case) lose a vowel: it ends in a consonant, -ь or -ей
    and has a vowel to lose."""
    last = word[-1:]
    return ((last not in _VOWELS and last != "й") or word.endswith("ей")) and _vowel_count(word) > 0


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
    if part is NamePart.LASTNAME and gender == MALE:
        if _foreign_ikh(word):
            return word + _NOUN_ENDINGS[case]
        if word in _LIKE_FIRST_NAME:
            return _decline_piece(word, NamePart.FIRSTNAME, MALE, case)
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


_OBLIQUE = tuple(case for case in Case if case is not Case.NOMINATIVE)


def _noun_forms(word: str) -> dict[Case, str] | None:
    """The dictionary's masculine common noun spelt ``word`` (заяц, лев, певец), declined as a person
    (accusative = genitive); None when the dictionary has no such noun."""
    for parse in parses(word):
        tag = parse.tag
        if (tag.POS == "NOUN" and tag.case == "nomn" and tag.number == "sing" and "masc" in tag
                and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"):
            forms = {case: parse.inflect({"gent" if case is Case.ACCUSATIVE else case.value, "sing"})
                     for case in _OBLIQUE}
            if all(forms.values()):
                return {case: form.word for case, form in forms.items()}
    return None


def _other_vowel_choice(form: str, chosen: str) -> bool:
    """Is genitive ``form`` the other answer to the fleeting-vowel question than ``chosen``: the same
    ending and one vowel more or fewer in the stem (Зайца / Заяца, Льва / Лева)?"""
    return form[-1] == chosen[-1] and abs(_vowel_count(form) - _vowel_count(chosen)) == 1


def disputed_forms(surname: str, gender: str) -> list[dict[Case, str]]:
    """The ways references decline ``surname`` (nominative, a person of ``gender`` ``"m"``/``"f"``) when
    its vowel may be fleeting, each a dict of all six cases, the engine's own first: ``"Заяц"`` →
    ``[{…GENITIVE: "Заяца"…}, {…GENITIVE: "Зайца"…}]``. An empty list when the norm is settled (Иванов,
    Кот, Швец, any woman's surname in a consonant, which does not decline). The alternatives are the stem
    kept whole, the common noun's forms from the OpenCorpora dictionary, and the petrovich rules' form;
    a hyphenated surname is judged by its last part. The sources of the disagreement and the choice made
    for each kind are in the module notes. Keeps the user's capitals and е/ё. Never raises.
    """
    lower = surname.lower()
    head, _, last = lower.rpartition("-")
    if gender != MALE or not _fleeting_surname(last):
        return []
    whole = {case: decline_name_part(surname, NamePart.LASTNAME, MALE, case).lower() for case in _OBLIQUE}
    # The other parts of a hyphenated surname decline as the engine has them (Петрова-Заяца).
    prefix = {case: form.rpartition("-")[0] + "-" if head else "" for case, form in whole.items()}
    engine = {case: form.rpartition("-")[2] for case, form in whole.items()}
    chosen = engine[Case.GENITIVE].replace("ё", "е")
    candidates = [
        {case: _kept_vowel(last, case) for case in _OBLIQUE},
        _noun_forms(last),
        {case: rule_form(last, NamePart.LASTNAME, MALE, case) for case in _OBLIQUE},
    ]
    variants, seen = [engine], {chosen}
    for forms in filter(None, candidates):
        genitive = forms[Case.GENITIVE].replace("ё", "е")
        if genitive not in seen and _other_vowel_choice(genitive, chosen):
            variants.append(forms)
            seen.add(genitive)
    if len(variants) == 1:
        return []
    return [
        {Case.NOMINATIVE: surname} | {case: _restore(surname, keep_yo(lower, prefix[case] + forms[case]))
                                      for case in _OBLIQUE}
        for forms in variants
    ]
