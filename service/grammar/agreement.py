"""Words that agree with a person or a number: «ознакомлен/ознакомлена/ознакомлены»,
«наставляемого/наставляемую», «3 (три) месяца». Forms come from the OpenCorpora dictionary (pymorphy3);
numbers in words from num2words."""

from num2words import num2words

from service.grammar.cases import Case
from service.grammar.gender import FEMALE
from service.grammar.morph import parses
from service.grammar.spelling import keep_yo, restore_case

_AGREEING = frozenset({"ADJF", "PRTF", "ADJS", "PRTS"})
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


def count(number: int, noun: str) -> str:
    """«3 (три) месяца», «1 (одна) неделя», «21 (двадцать один) день»: the number, the number in
    words agreeing with the noun's gender, and the noun agreeing with the number.

    Raises ValueError (Russian) for a negative number or a word that is not a noun.
    """
    if number < 0:
        raise ValueError(f"Число не может быть отрицательным: {number}.")
    parse = next((p for p in parses(noun.lower()) if p.tag.POS == "NOUN" and p.tag.case == "nomn"), None)
    if parse is None:
        raise ValueError(f"«{noun}» — не существительное в именительном падеже.")
    words = num2words(number, lang="ru", gender=_NUM2WORDS_GENDER.get(parse.tag.gender, "m"))
    agreed = parse.make_agree_with_number(number).word
    if agreed == "годов":  # counted years take the suppletive «лет»: 5 лет, not «5 годов»
        agreed = "лет"
    return f"{number} ({words}) {restore_case(noun, agreed)}"
