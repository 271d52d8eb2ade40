"""The roadmap from the registry (catalogue ``source`` "organization": nothing to pick, ``choice`` is ignored).

The events are the organisation's roadmap of the academic year (:func:`registry.roadmap.list_events`):
stage, activity, deadline and responsible as the roadmap prints them, the expected result. The approving
order is the latest «Об утверждении Положения … и дорожной карты» of the journal made for that academic
year: the roadmap is its attachment № 2; without one the head's stamp «УТВЕРЖДАЮ» is printed.

``options`` (all optional): ``academic_year`` (2025, «2025» or «2025/2026»; default the organisation's
academic year), ``header`` ("order" — the default — or "stamp": the stamp even when the journal holds the
order), ``date`` (ISO: the day of the stamp; without it the stamp's date is left blank), ``scope`` (whose
teachers, see :mod:`service.documents.contracts.roadmap`). Missing pieces are left out so that the
contract names them (a year without events: «нужен список: мероприятия дорожной карты …»).
"""

import re

from sqlite_utils import Database

from registry.orders import get_version, list_orders
from registry.organization import current_academic_year, get_organization
from registry.roadmap import list_events
from service.documents.sources.programme import organization_data


def _year(value, organization: dict) -> int | None:
    """The academic year asked for: an int, or text starting with four digits; None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.match(r"\s*\d{4}", value):
        return int(value.strip()[:4])
    if value in (None, ""):
        return current_academic_year(organization)
    return None


def approving_order(db: Database, organization_id: int, year: int) -> dict | None:
    """Number and date of the latest order of the journal approving the Положение and the roadmap for the
    academic ``year``, or None."""
    for order in list_orders(db, organization_id):
        if order["kind"] != "regulation-order":
            continue
        version = get_version(db, order["id"])
        if version and version["data"].get("academic_year") == year:
            return {"number": order["number"], "date": order["date"]}
    return None


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.roadmap.Roadmap`."""
    options = options or {}
    organization = get_organization(db, organization_id) or {}
    data: dict = {"organization": organization_data(db, organization_id)}
    year = _year(options.get("academic_year"), organization)
    data["academic_year"] = options.get("academic_year") if year is None else year
    if year is None or not 2000 <= year <= 2099:
        return data
    approval = approving_order(db, organization_id, year) if options.get("header", "order") != "stamp" else None
    if approval:
        data["approval"] = approval
    elif options.get("date"):
        data["approved_on"] = options["date"]
    if options.get("scope"):
        data["scope"] = options["scope"]
    events = []
    for event in list_events(db, organization_id, year):
        item = {"activity": event["activity"], "deadline": event["deadline_text"]}
        for key, value in (("stage", event["stage"]), ("responsible", event["responsible_text"]),
                           ("result", event["result"])):
            if value:
                item[key] = value
        events.append(item)
    if events:
        data["events"] = events
    return data
