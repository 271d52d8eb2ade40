"""Dates in the forms Russian orders use (DOMAIN.md §3), written by Babel's CLDR Russian data."""

import datetime as dt

from babel.dates import format_date


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
