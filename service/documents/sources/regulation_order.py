"""The order «Об утверждении Положения о системе наставничества педагогических работников и дорожной
карты» from the registry (catalogue ``source`` "organization": nothing to pick, ``choice`` is ignored).

``options``: ``number``, ``date`` (ISO; default today), ``curator_id`` (default: the first person with
the role «куратор»; ``0`` or ``None`` given explicitly — no curator), ``council_number`` and
``council_date`` (or ``council``: {number, date}) — the pedagogical council's protocol, ``academic_year``
(2025, «2025» or «2025/2026»; default: the organisation's academic year, else the one the order's date
opens — from June on, the year starting in September), ``effective_on`` or ``effective_date`` (ISO),
``appoint_curator`` (true/false or "on"/"off"). The organisation's ``regulation`` (an earlier Положение)
is repealed by the order. Missing pieces are left out so that the contract names them.
"""

import datetime as dt
import re

from sqlite_utils import Database

from registry.organization import get_organization
from service.documents.registry_data import order_data
from service.documents.sources.closing_order import first_curator, switch


def default_year(organization: dict, day: str) -> int:
    """The organisation's academic year, else that of ``day``, counting June to August as the run-up to
    the year starting in September (a Положение approved in August is for the coming year)."""
    if organization.get("academic_year"):
        return organization["academic_year"]
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        date = dt.date.today()
    return date.year if date.month >= 6 else date.year - 1


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.regulation_order.RegulationOrder`."""
    options = options or {}
    day = options.get("date") or dt.date.today().isoformat()
    curator_id = options["curator_id"] if "curator_id" in options else first_curator(db, organization_id)
    data = order_data(db, organization_id, number=str(options.get("number") or ""), date=day,
                      curator_id=curator_id or None, pair_ids=[])
    council = dict(options.get("council") or {})
    for key in ("number", "date"):
        if options.get(f"council_{key}"):
            council[key] = options[f"council_{key}"]
    if council:
        data["council"] = council
    year = options.get("academic_year")
    if isinstance(year, str) and re.match(r"\s*\d{4}", year):
        year = int(year.strip()[:4])
    data["academic_year"] = year if year not in (None, "") else default_year(
        get_organization(db, organization_id) or {}, day)
    effective = options.get("effective_on") or options.get("effective_date")
    if effective:
        data["effective_date"] = effective
    appoint = switch(options.get("appoint_curator"))
    if appoint is not None:
        data["options"] = {"appoint_curator": appoint}
    return data
