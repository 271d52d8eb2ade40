"""Dates in the forms Russian orders use (DOMAIN.md §3), written by Babel's CLDR Russian data."""

import datetime as dt

from babel.dates import format_date

from service.grammar.cases import Case


def numeric(day: dt.date) -> str:
    """«11.01.2024»."""
    return day.strftime("%d.%m.%Y")


def in_words(day: dt.date) -> str:
    """«11 января 2024 г.» — no leading zero, month in the genitive."""
    return f"{format_date(day, 'd MMMM y', locale='ru')} г."


def stamped(day: dt.date) -> str:
    """«"11" января 2024 г.» — the form of approval stamps."""
    return f"«{day.day:02d}» {format_date(day, 'MMMM y', locale='ru')} г."


def period(start: dt.date, end: dt.date) -> str:
    """«с 15 января по 31 мая 2024 г.»; the year is written once when both dates share it."""
    if start.year == end.year:
        return f"с {format_date(start, 'd MMMM', locale='ru')} по {in_words(end)}"
    return f"с {in_words(start)} по {in_words(end)}"


_ACADEMIC_YEAR = {
    Case.NOMINATIVE: "учебный год", Case.GENITIVE: "учебного года", Case.DATIVE: "учебному году",
    Case.ACCUSATIVE: "учебный год", Case.INSTRUMENTAL: "учебным годом", Case.PREPOSITIONAL: "учебном году",
}


def academic_year(day: dt.date, case: Case = Case.NOMINATIVE) -> str:
    """«2023–2024 учебный год» for any day from 1 September 2023 to 31 August 2024; ``case`` declines
    the words («в 2023–2024 учебном году»). The school year starts on 1 September (273-ФЗ, ст. 28 and
    the federal calendar of the school year)."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}–{start + 1} {_ACADEMIC_YEAR[case]}"
