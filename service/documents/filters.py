"""Jinja filters for template authors (docs/templates.md shows each with an example).

Case arguments are the OpenCorpora tags ``nomn gent datv accs ablt loct`` or the Russian ``им род дат
вин твор пред``; dates may be ``datetime.date`` or ISO strings.
"""

import datetime as dt

from service.documents.context import PersonView, and_join
from service.grammar import dates
from service.grammar.agreement import agree as agree_word
from service.grammar.agreement import count as count_words
from service.grammar.cases import parse_case
from service.grammar.names import decline_name
from service.grammar.organizations import decline_organization
from service.grammar.positions import decline_position


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def name(text, case: str = "nomn", style: str = "full", gender: str | None = None) -> str:
    """``{{ "Смирнова Елена Александровна"|name("gent", "short") }}`` → «Смирновой Е.А.»."""
    return decline_name(str(text), parse_case(case), gender, style)


def position(text, case: str = "nomn") -> str:
    """``{{ "педагог-психолог"|position("datv") }}`` → «педагогу-психологу»."""
    return decline_position(str(text), parse_case(case))


def organization(text, case: str = "nomn") -> str:
    """``{{ "МБОУ Палагайская СОШ"|organization("loct") }}`` → «МБОУ Палагайской СОШ»."""
    return decline_organization(str(text), parse_case(case))


def agree(word: str, who, case: str = "nomn") -> str:
    """``{{ "ознакомлен"|agree(person) }}`` → «ознакомлена» for a woman; ``who`` may be a person,
    a list of people (plural when more than one) or a gender ``"m"``/``"f"``."""
    if isinstance(who, list | tuple):
        if len(who) > 1:
            return agree_word(word, None, parse_case(case), plural=True)
        who = who[0] if who else "m"
    gender = who.gender if isinstance(who, PersonView) else who
    return agree_word(word, gender, parse_case(case))


def count(number, noun: str, case: str = "nomn", style: str = "both") -> str:
    """``{{ 3|count("месяц") }}`` → «3 (три) месяца»; ``{{ 2|count("месяц", "gent") }}`` → «2 (двух)
    месяцев»; ``style`` ``"words"`` → «двух месяцев», ``"digits"`` → «2 месяцев»."""
    return count_words(int(number), str(noun), parse_case(case), style=style)


def date(value) -> str:
    """``{{ order_date|date }}`` → «11.01.2024»."""
    return dates.numeric(_date(value))


def date_words(value) -> str:
    """«11 января 2024 г.»."""
    return dates.in_words(_date(value))


def date_stamp(value) -> str:
    """«"11" января 2024 г.» in «ёлочках», as approval stamps write it."""
    return dates.stamped(_date(value))


def period(start, end) -> str:
    """``{{ start|period(end) }}`` → «с 15 января по 31 мая 2024 г.»."""
    return dates.period(_date(start), _date(end))


def academic_year(value, case: str = "nomn") -> str:
    """``{{ order_date|academic_year("loct") }}`` → «2023–2024 учебном году»."""
    return dates.academic_year(_date(value), parse_case(case))


FILTERS = {
    "name": name,
    "position": position,
    "organization": organization,
    "agree": agree,
    "count": count,
    "date": date,
    "date_words": date_words,
    "date_stamp": date_stamp,
    "period": period,
    "academic_year": academic_year,
    "and_join": and_join,
}
