"""Personal names («Фамилия Имя Отчество», «Фамилия И.О.», «И.О. Фамилия») in the six cases.

Each part declines by :mod:`service.grammar.name_parts` (the petrovich rules, corrected by the
OpenCorpora dictionary and Russian spelling rules). Turkic patronymics with оглы/кызы stay as typed, as
do initials. Initials follow the surname in running text («Смирновой Е.А.») and precede it in
signatures («Е.А. Смирнова»), joined by no-break spaces (DOMAIN.md §4); a name typed with its initials
first («А.А. Ведерников», «А. А. Ведерников», «А.А.Ведерников») keeps that order in every case
(«А.А. Ведерникову»), since the staff list it comes from chose it.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from pytrovich.enums import NamePart

from service.grammar.cases import Case
from service.grammar.gender import FEMALE, MALE, GenderUnknown, detect_gender
from service.grammar.morph import parses
from service.grammar.name_parts import decline_name_part, disputed_forms

NBSP = "\u00a0"

# «А.», «А.А.», and «А.А» with the last dot forgotten, as staff lists often have it.
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.(?:[А-ЯЁA-Z]\.?)?$")
# «А.А.Ведерников», «Ведерников А.А.»: initials glued to the surname by the typist.
_GLUED_INITIALS = re.compile(r"(?<=[А-ЯЁA-Z]\.)(?=[А-ЯЁA-Z][а-яёa-z])|(?<=[а-яёa-z])(?=[А-ЯЁA-Z]\.)")
_TURKIC_PATRONYMIC = re.compile(r"\s(оглы|оглу|улы|уулу|угли|кызы|гызы|кизи|кзы)$", re.IGNORECASE)


@dataclass(frozen=True)
class PersonName:
    """A parsed personal name. ``first`` and ``middle`` are either whole words or initials «Е.»;
    ``middle`` may be empty. ``gender`` is ``"m"``/``"f"``. ``first_name_first``: the name was typed
    with the first name or the initials before the surname, and :meth:`full` keeps that order."""

    last: str
    first: str = ""
    middle: str = ""
    gender: str = MALE
    first_name_first: bool = False

    @classmethod
    def parse(cls, full_name: str, gender: str | None = None) -> "PersonName":
        """Split a name typed as «Фамилия Имя Отчество», «Фамилия И.О.», «Фамилия И. О.», «Фамилия И.О»,
        «И.О. Фамилия», «И.О.Фамилия», or with the first name first («Вероника Соколова», «Иван
        Петрович Сидоров», «Анна Андреевна»: told by the OpenCorpora dictionary of first names and the
        patronymic ending). ``gender`` overrides detection; otherwise a name with initials only takes
        its gender from the surname.

        Raises ValueError (Russian message) for an empty name and :class:`GenderUnknown` when the
        gender is neither given nor told by the name.
        """
        return _parse(full_name, gender)

    @property
    def initials(self) -> str:
        return "".join(f"{part[0]}." for part in (self.first, self.middle) if part)

    def full(self, case: Case = Case.NOMINATIVE) -> str:
        """«Фамилия Имя Отчество» in ``case``, in the order typed; when only initials are known,
        «Фамилия И.О.» (:meth:`short`) or, typed initials first, «И.О. Фамилия» (:meth:`signature`)."""
        return self._full(case, self.last_in(case) if self.last else "")

    def _full(self, case: Case, last: str) -> str:
        """:meth:`full` with the surname already in ``case``."""
        if self.first.endswith("."):  # only initials are known
            parts = (self.initials, last) if self.first_name_first else (last, self.initials)
            return NBSP.join(filter(None, parts))
        first = _decline_part(self.first, NamePart.FIRSTNAME, self.gender, case) if self.first else ""
        middle = _decline_middle(self.middle, self.gender, case) if self.middle else ""
        parts = (first, middle, last) if self.first_name_first else (last, first, middle)
        return " ".join(filter(None, parts))

    def disputed_forms(self) -> list[dict[Case, str]]:
        """The whole name (as :meth:`full`) in every case for each way references decline a surname
        whose vowel may be fleeting (Заяц: Заяца or Зайца), the engine's own first; an empty list when
        the norm is settled. A form chosen here can be stored as the person's name correction.
        See :func:`service.grammar.name_parts.disputed_forms`."""
        return [{case: self._full(case, forms[case]) for case in Case}
                for forms in disputed_forms(self.last, self.gender)] if self.last else []

    def short(self, case: Case = Case.NOMINATIVE) -> str:
        """«Смирновой Е.А.»: surname in ``case``, then the initials, no-break space between."""
        return NBSP.join(filter(None, [self.last_in(case), self.initials]))

    def signature(self, case: Case = Case.NOMINATIVE) -> str:
        """«Е.А. Смирнова»: the initials, no-break space, the surname in ``case``."""
        return NBSP.join(filter(None, [self.initials, self.last_in(case)]))

    def last_in(self, case: Case) -> str:
        return _decline_part(self.last, NamePart.LASTNAME, self.gender, case)


@lru_cache(maxsize=16384)
def _parse(full_name: str, gender: str | None) -> PersonName:
    """:meth:`PersonName.parse`, remembered: a document names the same people in several cases."""
    text = full_name.replace(NBSP, " ")
    has_initials = "." in text
    words = (_GLUED_INITIALS.sub(" ", text) if has_initials else text).split()
    if not words:
        raise ValueError("ФИО не заполнено.")
    initials = [w for w in words if _INITIAL.match(w)] if has_initials else []
    if initials and len(initials) < len(words) and _INITIAL.match(words[0]):
        last, first_name_first = " ".join(words[len(initials):]), True
        first, middle = _split_initials("".join(initials))
    elif initials and len(words) > 1 and all(_INITIAL.match(w) for w in words[1:]):
        last, first_name_first = words[0], False
        first, middle = _split_initials("".join(words[1:]))
    else:
        last, first, middle, first_name_first = _split_words(words)
    gender = gender or detect_gender(last, first, middle)
    if gender not in (MALE, FEMALE):
        raise GenderUnknown(full_name.strip())
    return PersonName(last, first, middle, gender, first_name_first)


def _is_first_name(word: str) -> bool:
    return any("Name" in p.tag and p.tag.case == "nomn" for p in parses(word.lower()))


def _is_patronymic(word: str) -> bool:
    return word.lower().endswith(("ич", "вна", "чна", "шна"))


def _split_words(words: list[str]) -> tuple[str, str, str, bool]:
    """Whole words, no initials: (last, first, middle, first name comes first)."""
    if len(words) == 2 and _is_patronymic(words[1]) and _is_first_name(words[0]):
        return "", words[0], words[1], False
    if len(words) >= 3 and _is_patronymic(words[1]) and _is_first_name(words[0]):
        return " ".join(words[2:]), words[0], words[1], True
    if len(words) == 2 and _is_first_name(words[0]) and not _is_first_name(words[1]):
        return words[1], words[0], "", True
    return words[0], " ".join(words[1:2]), " ".join(words[2:]), False


def _split_initials(text: str) -> tuple[str, str]:
    letters = [c for c in text if c != "."]
    return f"{letters[0]}.", (f"{letters[1]}." if len(letters) > 1 else "")


def _decline_middle(middle: str, gender: str, case: Case) -> str:
    if _TURKIC_PATRONYMIC.search(middle):
        return middle
    return _decline_part(middle, NamePart.MIDDLENAME, gender, case)


_PARTS = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "middle": NamePart.MIDDLENAME}


def decline_part(word: str, part: str, gender: str, case: Case) -> str:
    """Decline one part of a name: ``part`` is ``"last"``, ``"first"`` or ``"middle"``, ``gender``
    ``"m"``/``"f"``. The word keeps the user's capitals and е/ё."""
    if part == "middle":
        return _decline_middle(word, gender, case)
    return _decline_part(word, _PARTS[part], gender, case)


def _decline_part(word: str, part: NamePart, gender: str, case: Case) -> str:
    if word.endswith("."):  # an initial
        return word
    return decline_name_part(word, part, gender, case)


def decline_name(full_name: str, case: Case, gender: str | None = None, style: str = "full") -> str:
    """Decline a personal name into ``case``.

    ``style`` is ``"full"`` («Иванова Мария Петровна»), ``"short"`` («Ивановой М.П.») or
    ``"signature"`` («М.П. Иванова»); the short styles join initials and surname with a no-break space.
    Raises ValueError for an empty name, :class:`GenderUnknown` when gender is needed and unknown.
    """
    name = PersonName.parse(full_name, gender)
    return {"full": name.full, "short": name.short, "signature": name.signature}[style](case)
