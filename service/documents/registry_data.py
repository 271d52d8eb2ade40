"""Build the JSON data contract of an order from the registry, so that the web form goes through the
same checks and rendering as the CLI and the API."""

from sqlite_utils import Database

from registry.consents import consent_on
from registry.corrections import effective_forms, phrase_forms
from registry.organization import get_organization
from registry.pairs import get_pair
from registry.people import full_name, get_person


def _person(db: Database, person: dict, position: str | None = None) -> dict:
    """A person of the contract with the corrections that stick: their own, else the global ones for
    their position."""
    position = person["position"] or "" if position is None else position
    data = {"id": person["id"], "full_name": full_name(person), "position": position}
    if person["gender"]:
        data["gender"] = person["gender"]
    fixes = effective_forms(db, person["id"], position)
    if fixes["name"]:
        data["forms"] = fixes["name"]
    if fixes["position"]:
        data["position_forms"] = fixes["position"]
    return data


def _with_consent(db: Database, person: dict, day: str) -> dict:
    """The person with the day of their written consent to mentoring (Labour Code art. 351.8) when the
    registry holds one in force on ``day`` (ISO); the order notes it in its attachment."""
    consent = consent_on(db, person["id"], "mentoring", day)
    if consent:
        person["consent"] = consent["given_on"]
    return person


def order_data(db: Database, organization_id: int, *, number: str, date: str, curator_id: int | None,
               pair_ids: list[int], effective_date: str | None = None, options: dict | None = None) -> dict:
    """The contract dict (see :mod:`service.documents.contract`) for an order of the organisation;
    missing pieces (and people or pairs of another organisation) are left out so that the contract
    check names them."""
    organization = get_organization(db, organization_id) or {}
    head = get_person(db, organization["head_person_id"]) if organization.get("head_person_id") else None
    data = {
        "organization": {
            "full_name": organization.get("full_name") or "",
            "short_name": organization.get("short_name") or "",
            "locality": organization.get("locality") or "",
            "founder": organization.get("founder") or "",
            "head": _person(db, head, organization.get("head_position") or "") if head else None,
            "forms": phrase_forms(db, "organization", organization.get("full_name") or ""),
            "short_forms": phrase_forms(db, "organization", organization.get("short_name") or ""),
        },
        "order": {"number": number, "date": date},
    }
    if organization.get("regional_act"):
        data["organization"]["regional_act"] = organization["regional_act"]
    if organization.get("regulation_number") and organization.get("regulation_date"):
        data["organization"]["regulation"] = {"number": organization["regulation_number"],
                                              "date": organization["regulation_date"]}
    if effective_date:
        data["order"]["effective_date"] = effective_date
    if options:
        data["options"] = options
    curator = get_person(db, curator_id, organization_id) if curator_id else None
    if curator:
        data["curator"] = _person(db, curator)
    if not pair_ids:
        return data
    pairs = [get_pair(db, pair_id, organization_id) for pair_id in pair_ids]
    data["pairs"] = [
        {
            "id": pair["id"],
            "mentor": _with_consent(db, _person(db, pair["mentor"]), date),
            "mentees": [_with_consent(db, _person(db, m), date) for m in pair["mentees"]],
            "form": pair["form"],
            "start_date": pair["start_date"],
            "end_date": pair["end_date"],
        }
        for pair in pairs
        if pair
    ]
    return data
