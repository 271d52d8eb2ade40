"""The six grammatical cases, named by their OpenCorpora tags (as pymorphy3 names them)."""

from enum import StrEnum


class Case(StrEnum):
    """A Russian grammatical case; the value is the OpenCorpora tag pymorphy3 uses."""

    NOMINATIVE = "nomn"
    GENITIVE = "gent"
    DATIVE = "datv"
    ACCUSATIVE = "accs"
    INSTRUMENTAL = "ablt"
    PREPOSITIONAL = "loct"


CASES: tuple[Case, ...] = tuple(Case)

#: Russian names of the cases, shown in the UI next to each form.
CASE_TITLES: dict[Case, str] = {
    Case.NOMINATIVE: "именительный (кто?)",
    Case.GENITIVE: "родительный (кого?)",
    Case.DATIVE: "дательный (кому?)",
    Case.ACCUSATIVE: "винительный (кого?)",
    Case.INSTRUMENTAL: "творительный (кем?)",
    Case.PREPOSITIONAL: "предложный (о ком?)",
}

_ALIASES = {
    "им": Case.NOMINATIVE,
    "род": Case.GENITIVE,
    "рд": Case.GENITIVE,
    "дат": Case.DATIVE,
    "дт": Case.DATIVE,
    "вин": Case.ACCUSATIVE,
    "вн": Case.ACCUSATIVE,
    "твор": Case.INSTRUMENTAL,
    "тв": Case.INSTRUMENTAL,
    "пред": Case.PREPOSITIONAL,
    "пр": Case.PREPOSITIONAL,
}


def parse_case(text: str) -> Case:
    """Return the case named by ``text``: an OpenCorpora tag (``nomn`` … ``loct``) or a Russian
    abbreviation (``им``, ``род``/``рд``, ``дат``/``дт``, ``вин``/``вн``, ``твор``/``тв``, ``пред``/``пр``).

    Raises ValueError with a Russian message listing the accepted names.
    """
    key = text.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return Case(key)
    except ValueError:
        accepted = ", ".join([c.value for c in Case] + ["им", "род", "дат", "вин", "твор", "пред"])
        raise ValueError(f"Неизвестный падеж «{text}». Допустимо: {accepted}.") from None
