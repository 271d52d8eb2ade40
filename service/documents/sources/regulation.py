"""The Положение о системе наставничества from the registry (catalogue ``source`` "organization": nothing
to pick, ``choice`` is ignored).

The organisation gives its full and short names, head (with the corrected case forms that stick), regional
act and — when its profile holds them (``regulation_number``, ``regulation_date``) — the order approving
the Положение, printed in the stamp. The curator's post is that of the organisation's curator (the first
person with the role «куратор», by surname); the Положение names the post, not the person.

``options`` (all optional) override or add: ``approval`` {number, date}, ``council`` {number, date} (the
pedagogical council's protocol), ``curator_position`` (text), ``date`` (ISO, the day whose law the Положение
states). With no approval and no date the Положение states today's law.
"""

import datetime as dt

from sqlite_utils import Database

from registry.corrections import phrase_forms
from registry.organization import get_organization
from registry.people import get_person, list_people
from service.documents.registry_data import _person


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.regulation.Regulation`; missing pieces
    are left out so that the contract names them."""
    options = options or {}
    organization = get_organization(db, organization_id) or {}
    head_id = organization.get("head_person_id")
    head = get_person(db, head_id, organization_id) if head_id else None
    org = {
        "full_name": organization.get("full_name") or "",
        "short_name": organization.get("short_name") or "",
        "locality": organization.get("locality") or "",
        "founder": organization.get("founder") or "",
        "head": _person(db, head, organization.get("head_position") or head.get("position") or "") if head else None,
        "forms": phrase_forms(db, "organization", organization.get("full_name") or ""),
        "short_forms": phrase_forms(db, "organization", organization.get("short_name") or ""),
    }
    if organization.get("regional_act"):
        org["regional_act"] = organization["regional_act"]
    data: dict = {"organization": org}
    if organization.get("regulation_number") and organization.get("regulation_date"):
        data["approval"] = {"number": organization["regulation_number"], "date": organization["regulation_date"]}
    if options.get("approval"):
        data["approval"] = options["approval"]
    if options.get("council"):
        data["council"] = options["council"]
    curators = [p for p in list_people(db, organization_id, "curator") if p.get("position")]
    position = options.get("curator_position") or (curators[0]["position"] if curators else None)
    if position:
        data["curator_position"] = position
    if options.get("date"):
        data["date"] = options["date"]
    elif "approval" not in data:
        data["date"] = dt.date.today().isoformat()
    return data
