"""The personalised mentoring programme from the registry (catalogue ``source`` "pair": ``choice`` is the
pair's id; ``options`` are not used).

The pair gives the mentor, the mentees, the form and the term; its programme
(:func:`registry.programmes.get_programme`) the difficulties, goal, tasks, plan with its done marks,
expected results and the day the head approved it; the curator is the organisation's (the first person
with the role «куратор», by surname). The registry keeps the tasks and the expected results as text, one
a line («1. Выявить …»): each line is an entry of the list (the template numbers them). A pair without a
programme gives only the pair, and the contract names what is missing.
"""

from sqlite_utils import Database

from registry.pairs import get_pair
from registry.people import list_people
from registry.programmes import get_programme
from service.documents.registry_data import _person, order_data


def organization_data(db: Database, organization_id: int) -> dict:
    """The organisation's part of a contract, with its head and the corrected case forms that stick."""
    return order_data(db, organization_id, number="", date="", curator_id=None, pair_ids=[])["organization"]


def pair_data(db: Database, organization_id: int, pair_id: int | None) -> dict | None:
    """The pair's part of a contract (mentor, mentees, form, term), or None when there is no such pair in
    the organisation."""
    pair = get_pair(db, pair_id, organization_id) if pair_id else None
    if pair is None:
        return None
    return {"id": pair["id"], "mentor": _person(db, pair["mentor"]),
            "mentees": [_person(db, m) for m in pair["mentees"]], "form": pair["form"],
            "start_date": pair["start_date"], "end_date": pair["end_date"]}


def curator_data(db: Database, organization_id: int) -> dict | None:
    curators = list_people(db, organization_id, "curator")
    return _person(db, curators[0]) if curators else None


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a registry text."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.programme.Programme`."""
    data: dict = {"organization": organization_data(db, organization_id)}
    pair = pair_data(db, organization_id, choice)
    if pair is None:
        return data
    data["pair"] = pair
    curator = curator_data(db, organization_id)
    if curator:
        data["curator"] = curator
    programme = get_programme(db, choice, organization_id)
    if programme is None:
        return data
    for key in ("difficulties", "goal"):
        if (programme.get(key) or "").strip():
            data[key] = programme[key]
    for key in ("tasks", "expected_results"):
        if lines(programme.get(key)):
            data[key] = lines(programme.get(key))
    if programme.get("approved_on"):
        data["approved_on"] = programme["approved_on"]
    data["plan"] = [
        {key: item[key] for key in ("activity", "deadline", "form", "expected_result", "done_on") if item.get(key)}
        for item in programme["items"]
    ]
    return data
