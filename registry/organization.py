"""The organisation whose documents the registry makes (one per registry file)."""

from sqlite_utils import Database

from registry.db import write

FIELDS = ("full_name", "short_name", "locality", "founder", "head_person_id", "head_position",
          "order_number_format")


def get_organization(db: Database) -> dict | None:
    """The organisation row as a dict, or None before it is filled in."""
    rows = list(db["organizations"].rows_where(order_by="id", limit=1))
    return rows[0] if rows else None


def save_organization(db: Database, values: dict) -> int:
    """Create or update the organisation from ``values`` (keys of :data:`FIELDS`); returns its id."""
    record = {key: values.get(key) for key in FIELDS if key in values}
    with write(db):
        current = get_organization(db)
        if current:
            db["organizations"].update(current["id"], record)
            return current["id"]
        return db["organizations"].insert(record).last_pk
