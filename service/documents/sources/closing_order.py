"""The order «О завершении (прекращении) наставничества» from the registry (catalogue ``source``
"closing": the pairs to close; ``choice`` is ignored).

``options``:

- ``number``, ``date`` (ISO; default today), ``curator_id`` (default: the first person with the role
  «куратор», by surname);
- ``pair_ids``: the pairs to close; default — the pairs ended in the registry but not yet by an order
  (completed or terminated without a closing order) and the active pairs whose term has passed;
- ``outcomes``: ``{pair_id: {"status": "completed" | "terminated", "date": "YYYY-MM-DD", "reason": "…",
  "initiative": "mentor" | "mentee" | "mutual" | "organization"}}`` (keys as numbers or strings), per pair;
- for a pair without an outcome: a pair already ended in the registry keeps its own (``closed_on``,
  ``close_reason``, ``close_initiative``); an active one takes ``status`` (default "completed"),
  ``closed_on`` (default: the end of its term when completed, the order's date when terminated),
  ``reason`` and ``initiative`` of ``options`` (the web form's fields for all the pairs picked);
- ``thanks_item``, ``bonus_item``, ``monitoring_item``: true/false or "on"/"off".

The pair's fixing order (``opened_order`` in the registry) is cited per pair. Missing pieces are left out
so that the contract names them.
"""

import datetime as dt

from sqlite_utils import Database

from registry.pairs import get_pair, list_pairs
from registry.people import list_people
from service.documents.registry_data import order_data

ITEMS = ("thanks_item", "bonus_item", "monitoring_item")


def switch(value) -> bool | None:
    """An option as a boolean: true/false, "on"/"off", "yes"/"no", "1"/"0"; None when absent or other."""
    if isinstance(value, bool):
        return value
    return {"on": True, "yes": True, "true": True, "1": True,
            "off": False, "no": False, "false": False, "0": False}.get(str(value).strip().lower())


def first_curator(db: Database, organization_id: int) -> int | None:
    curators = list_people(db, organization_id, "curator")
    return curators[0]["id"] if curators else None


def unclosed_pairs(db: Database, organization_id: int) -> list[int]:
    """Pairs ended in the registry but by no order yet, then active pairs whose term has passed."""
    ended = [p["id"] for p in list_pairs(db, organization_id, ("completed", "terminated")) if not p["closed_order"]]
    return ended + [p["id"] for p in list_pairs(db, organization_id, "expired")]


def _outcome(pair: dict, given: dict | None, options: dict, day: str) -> dict:
    if given:
        status = given.get("status")
        found = {"status": status, "closed_on": given.get("date") or given.get("closed_on"),
                 "reason": given.get("reason"), "initiative": given.get("initiative")}
    elif pair["status"] in ("completed", "terminated"):
        found = {"status": pair["status"], "closed_on": pair["closed_on"], "reason": pair.get("close_reason"),
                 "initiative": pair.get("close_initiative")}
    else:
        status = options.get("status") or "completed"
        found = {"status": status,
                 "closed_on": options.get("closed_on") or (pair["end_date"] if status == "completed" else day)}
        if status == "terminated":
            found |= {"reason": options.get("reason"), "initiative": options.get("initiative")}
    if found["status"] == "completed":
        found.pop("reason", None)  # a note on a completed pair is not printed
    return {key: value for key, value in found.items() if value not in (None, "")}


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.closing.ClosingOrder`."""
    options = options or {}
    day = options.get("date") or dt.date.today().isoformat()
    pair_ids = [int(p) for p in options.get("pair_ids") or []] or unclosed_pairs(db, organization_id)
    data = order_data(db, organization_id, number=str(options.get("number") or ""), date=day,
                      curator_id=options.get("curator_id") or first_curator(db, organization_id), pair_ids=pair_ids)
    outcomes = {str(key): value for key, value in (options.get("outcomes") or {}).items()}
    for entry in data.get("pairs", []):
        pair = get_pair(db, entry["id"], organization_id)
        entry |= _outcome(pair, outcomes.get(str(entry["id"])), options, day)
        opened = pair.get("opened_order")
        if opened:
            entry["opened_by"] = {"number": opened["number"], "date": opened["date"]}
    chosen = {name: switch(options[name]) for name in ITEMS if name in options}
    chosen = {name: value for name, value in chosen.items() if value is not None}
    if chosen:
        data["options"] = chosen
    return data
