"""Words that agree with a person or a number: «ознакомлен/ознакомлена/ознакомлены»,
«наставляемого/наставляемую», «3 (три) месяца», «в течение 2 (двух) месяцев». Forms come from the
OpenCorpora dictionary (pymorphy3); numbers in words, in every case, from num2words."""

from num2words import num2words

from service.grammar.cases import Case
from service.grammar.gender import FEMALE
from service.grammar.morph import parses
from service.grammar.spelling import keep_yo, restore_case

_AGREEING = frozenset({"ADJF", "PRTF", "ADJS", "PRTS"})
_ADJECTIVES = frozenset({"ADJF", "PRTF"})
_NOUNS = frozenset({"NOUN"})
_NUM2WORDS_GENDER = {"masc": "m", "femn": "f", "neut": "n"}


def _agreeing_parse(word: str):
    for parse in parses(word.lower()):
        if parse.tag.POS in _AGREEING and "masc" in parse.tag and parse.tag.number == "sing":
            return parse
    raise ValueError(f"«{word}» — не прилагательное и не причастие в мужском роде: напишите его "
                     "в мужском роде единственного числа, например «ознакомлен», «назначенный».")


def agree(word: str, gender: str | None, case: Case = Case.NOMINATIVE, *, plural: bool = False) -> str:
    """Put an adjective or participle given in the masculine singular (``ознакомлен``,
    ``наставляемый``) into the gender ``"m"``/``"f"`` (or the plural) and ``case``; a masculine
    accusative is animate, since it refers to a person. Keeps the user's capitals and е/ё.

    Raises ValueError (Russian) when the word is not such an adjective or participle.
    """
    parse = _agreeing_parse(word)
    grammemes = {"plur"} if plural else {"femn" if gender == FEMALE else "masc", "sing"}
    if parse.tag.POS in ("ADJF", "PRTF"):
        grammemes.add(case.value)
        if case is Case.ACCUSATIVE and (plural or gender != FEMALE):
            grammemes.add("anim")
    form = parse.inflect(grammemes)
    return word if form is None else restore_case(word, keep_yo(word, form.word))


_NUM2WORDS_CASE = {Case.NOMINATIVE: "nominative", Case.GENITIVE: "genitive", Case.DATIVE: "dative",
                   Case.ACCUSATIVE: "accusative", Case.INSTRUMENTAL: "instrumental",
                   Case.PREPOSITIONAL: "prepositional"}
_STYLES = ("both", "words", "digits")


def _one_few(number: int) -> tuple[bool, bool]:
    """Does ``number`` end in один (1, 21, not 11), or in два–четыре (2, 33, not 12–14)?"""
    teen = 10 <= number % 100 <= 19
    return number % 10 == 1 and not teen, 2 <= number % 10 <= 4 and not teen


def _counted(number: int, case: Case, animate: bool) -> set[str]:
    """Number and case of a noun counted by ``number`` within a phrase in ``case`` (Розенталь,
    «Справочник по правописанию и литературной правке», on numerals with nouns): after один the
    singular in the phrase's case; in the nominative and an inanimate accusative, the genitive singular
    after два–четыре (also in 22, 33 …) and the genitive plural after the rest; an animate accusative
    after the simple два–четыре takes the genitive plural (двух учеников), compounds keep the nominative
    form (двадцать два ученика); in the other cases the plural of that case (двух месяцев, пятью
    годами). A number ending in тысяча, миллион governs like a noun: the genitive plural in every case
    (тысячей рублей)."""
    one, few = _one_few(number)
    if number and number % 1000 == 0:
        return {"plur", "gent"}
    if case not in (Case.NOMINATIVE, Case.ACCUSATIVE):
        return {"sing" if one else "plur", case.value}
    if one:
        return {"sing", case.value}
    if few and not (animate and case is Case.ACCUSATIVE and number < 5):
        return {"sing", "gent"}
    return {"plur", "gent"}


def _counted_adjective(number: int, case: Case, gender: str, animate: bool) -> set[str]:
    """An adjective counted with its noun (or standing for one: «наставляемый»), the noun of ``gender``
    and animacy: as the noun in the singular (одного рабочего дня) and in the plural; where the noun
    takes the genitive singular after два–четыре, the genitive plural with a masculine or neuter noun
    (два рабочих дня) and the nominative plural with a feminine one (две рабочие недели)."""
    counted = _counted(number, case, animate)
    if "plur" in counted:
        return counted
    if not _one_few(number)[0]:  # the genitive singular after два–четыре
        return {"plur", "nomn" if gender == "femn" else "gent"}
    grammemes = counted | {gender}
    if case is Case.ACCUSATIVE and gender == "masc":
        grammemes.add("anim" if animate else "inan")
    return grammemes


def _nominative(word: str, pos: frozenset[str]):
    return next((p for p in parses(word.lower()) if p.tag.POS in pos and p.tag.case == "nomn"), None)


def count(number: int, noun: str, case: Case = Case.NOMINATIVE, *, style: str = "both") -> str:
    """A number with the noun it counts, agreeing in ``case``: «3 (три) месяца», «1 (одна) неделя»,
    «21 (двадцать один) день»; genitive «2 (двух) месяцев» (в течение …), instrumental «двумя
    месяцами», prepositional «о пяти годах», «3 (трёх) рабочих дней», accusative «двух наставляемых».

    ``noun`` is a noun in the nominative singular, optionally after adjectives agreeing with it
    («рабочий день», «молодой специалист»), or an adjective or participle standing for a person
    («наставляемый», «наставляемая»). ``style``: ``"both"`` (digits, then words in brackets, as orders
    write terms), ``"words"`` or ``"digits"``. Counted years take «лет» in the genitive plural (5 лет,
    двух лет). The agreement rules are in :func:`_counted` and :func:`_counted_adjective`.

    Raises ValueError (Russian) for a negative number, an unknown style, or words that are not
    [adjectives +] a noun.
    """
    if number < 0:
        raise ValueError(f"Число не может быть отрицательным: {number}.")
    if style not in _STYLES:
        raise ValueError(f"Неизвестный способ записи числа «{style}». Допустимо: {', '.join(_STYLES)}.")
    *leading, last = noun.split()
    head = _nominative(last, _NOUNS) or _nominative(last, _ADJECTIVES)
    if head is None:
        raise ValueError(f"«{last}» — не существительное в именительном падеже.")
    adjectives = [(word, _nominative(word, _ADJECTIVES)) for word in leading]
    for word, parse in adjectives:
        if parse is None:
            raise ValueError(f"«{word}» — не прилагательное в именительном падеже: перед существительным "
                             "допустимы только согласованные с ним слова («рабочий день»).")
    is_noun = head.tag.POS == "NOUN"
    gender = head.tag.gender or "masc"
    animate = "anim" in head.tag or not is_noun  # an adjective standing alone names a person
    agreeing = _counted_adjective(number, case, gender, animate)
    form = head.inflect(_counted(number, case, animate) if is_noun else agreeing).word
    if form == "годов":  # counted years take the suppletive «лет»: 5 лет, not «5 годов»
        form = "лет"
    words = [restore_case(word, keep_yo(word, parse.inflect(agreeing).word)) for word, parse in adjectives]
    words.append(restore_case(last, keep_yo(last, form)))
    # The numeral takes the animate accusative only where the noun does: одного, двух учеников.
    animate_numeral = animate and (number < 5 or _one_few(number)[0])
    spelled = num2words(number, lang="ru", case=_NUM2WORDS_CASE[case],
                        gender=_NUM2WORDS_GENDER.get(gender, "m"), animate=animate_numeral)
    numeral = {"both": f"{number} ({spelled})", "words": spelled, "digits": str(number)}[style]
    return f"{numeral} {' '.join(words)}"
