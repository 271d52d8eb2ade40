"""The acquaintance sheet of an order of the journal (catalogue ``source`` "order": ``choice`` is the
order's id; ``options`` are not used).

The order's number, date and heading come from the journal; the organisation and the people from the data
its latest version was made from (``registry.orders.get_version``), as the order prints them: the
curator, the mentors and mentees of its pairs and anyone else it names, in order of first mention, each
once, the head who signed it aside. Without such an order only the organisation is given, and the
contract names what is missing.
"""

from sqlite_utils import Database

from registry.orders import get_order, get_version
from service.documents.registry_data import order_data

#: The fields of a person the sheet keeps (its consent to mentoring is not printed).
PERSON_FIELDS = ("id", "full_name", "position", "gender", "forms", "position_forms")


def named_people(data) -> list[dict]:
    """Every person an order's contract dict names (an object with a full name and a position), outside
    its organisation, in order of first mention."""
    found: list[dict] = []

    def walk(node, key=None):
        if key == "organization":
            return
        if isinstance(node, dict):
            if isinstance(node.get("full_name"), str) and "position" in node:
                found.append({k: node[k] for k in PERSON_FIELDS if node.get(k) not in (None, "", {})})
                return
            for child_key, child in node.items():
                walk(child, child_key)
        elif isinstance(node, list):
            for child in node:
                walk(child, key)

    walk(data)
    return found


def _key(person: dict):
    return person.get("id") or " ".join(person["full_name"].lower().replace("ё", "е").split())


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.acquaintance.AcquaintanceSheet`."""
    order = get_order(db, choice) if choice and 0 < choice < 2**63 else None
    version = get_version(db, choice) if order and order["organization_id"] == organization_id else None
    if version is None:
        return {"organization": order_data(db, organization_id, number="", date="", curator_id=None,
                                           pair_ids=[])["organization"]}
    stored = version["data"]
    organization = stored.get("organization") or order_data(db, organization_id, number="", date="",
                                                            curator_id=None, pair_ids=[])["organization"]
    head = organization.get("head") or {}
    people, seen = [], {_key(head)} if head.get("full_name") else set()
    for person in named_people(stored):
        if _key(person) not in seen:
            seen.add(_key(person))
            people.append(person)
    return {"organization": organization,
            "order": {"number": order["number"], "date": order["date"], "heading": order["heading"]},
            "people": people}
