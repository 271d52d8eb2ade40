"""Gender of a person from the parts of the name.

Order of evidence (DOMAIN.md §4; petrovich gender rules, github.com/petrovich/petrovich-rules):
the patronymic (-вич/-ич, -вна/-чна, оглы/кызы) is certain; then the first name (petrovich's
gender list, then the OpenCorpora dictionary via pymorphy3); then the surname ending (-ова, -ская …),
which for a double surname is read from its first part when that part tells (Новикова-Прибой is a
woman's name although «Прибой» alone reads as a man's). A name that stays ambiguous (Саша Шевчук)
raises :class:`GenderUnknown`: documents never carry a silent guess, the user is asked instead.
"""

from functools import lru_cache

from pytrovich.enums import Gender

from service.grammar.morph import parses, petrovich_gender

MALE = "m"
FEMALE = "f"
GENDERS = (MALE, FEMALE)

_MALE_PATRONYMIC_WORDS = {"оглы", "оглу", "улы", "уулу", "угли"}
_FEMALE_PATRONYMIC_WORDS = {"кызы", "гызы", "кизи", "кзы"}


class GenderUnknown(ValueError):
    """The name alone does not tell the gender; the caller must ask for it."""

    def __init__(self, full_name: str):
        super().__init__(
            f"Не удалось определить пол по ФИО «{full_name}»: укажите пол (мужской или женский)."
        )
        self.full_name = full_name


def _from_patronymic(middle: str) -> str | None:
    words = middle.lower().replace("ё", "е").split()
    if not words:
        return None
    if words[-1] in _MALE_PATRONYMIC_WORDS:
        return MALE
    if words[-1] in _FEMALE_PATRONYMIC_WORDS:
        return FEMALE
    last = words[-1]
    if last.endswith("ич"):
        return MALE
    if last.endswith(("вна", "чна", "шна")):
        return FEMALE
    return None


def _from_petrovich(**part: str) -> str | None:
    found = petrovich_gender().detect(**part)
    return {Gender.MALE: MALE, Gender.FEMALE: FEMALE}.get(found)


def _from_dictionary(first: str) -> str | None:
    genders = {
        "masc" if "masc" in p.tag else "femn"
        for p in parses(first.lower())
        if "Name" in p.tag and p.tag.case == "nomn" and ("masc" in p.tag or "femn" in p.tag)
    }
    if genders == {"masc"}:
        return MALE
    if genders == {"femn"}:
        return FEMALE
    return None


def _from_surname(last: str) -> str | None:
    """petrovich reads a hyphenated surname by its last part only, so «Иванова-Шевчук» tells nothing and
    «Новикова-Прибой» reads as a man's. A woman's double surname carries her form in the part that has
    one (Иванова-, Римская-), a man's his: the first part decides when it tells, else the whole name."""
    head, _, tail = last.partition("-")
    return (_from_petrovich(lastname=head) if tail else None) or _from_petrovich(lastname=last)


@lru_cache(maxsize=16384)
def detect_gender(last: str = "", first: str = "", middle: str = "") -> str | None:
    """Return ``"m"``, ``"f"`` or None when the parts of a name do not tell.

    ``first`` and ``middle`` may be initials (then they tell nothing). Strings are in the nominative.
    """
    if middle and not middle.endswith("."):
        gender = _from_patronymic(middle) or _from_petrovich(middlename=middle)
        if gender:
            return gender
    if first and not first.endswith("."):
        gender = _from_petrovich(firstname=first) or _from_dictionary(first)
        if gender:
            return gender
    if last:
        return _from_surname(last)
    return None
