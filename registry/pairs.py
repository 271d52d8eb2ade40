"""Mentoring pairs and groups: one mentor, one or more mentees, a form and a period."""

from sqlite_utils import Database

from registry.people import get_person

#: Status codes and their Russian names.
STATUSES = {"active": "действует", "completed": "завершена", "terminated": "прекращена досрочно"}


def list_forms(db: Database) -> list[dict]:
    return list(db["mentoring_forms"].rows_where(order_by="id"))


def add_form(db: Database, name: str) -> int:
    """Add a form of mentoring to the editable list (or return the id of the existing one)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("Название формы наставничества не заполнено.")
    with db.atomic():
        existing = list(db["mentoring_forms"].rows_where("name = ?", [name]))
        if existing:
            return existing[0]["id"]
        return db["mentoring_forms"].insert({"name": name}).last_pk


def _expand(db: Database, pair: dict) -> dict:
    pair["mentor"] = get_person(db, pair["mentor_id"])
    pair["mentees"] = [
        get_person(db, row["mentee_id"])
        for row in db.query(
            "select pm.mentee_id from pair_mentees pm join people p on p.id = pm.mentee_id"
            " where pm.pair_id = ? order by p.last_name, p.first_name",
            [pair["id"]],
        )
    ]
    pair["form"] = db["mentoring_forms"].get(pair["form_id"])["name"]
    return pair


def list_pairs(db: Database, status: str | None = None) -> list[dict]:
    """Pairs and groups with ``mentor``, ``mentees`` (person dicts) and ``form`` (name), oldest first."""
    where, args = ("status = ?", [status]) if status else (None, None)
    return [_expand(db, pair) for pair in db["pairs"].rows_where(where, args, order_by="start_date, id")]


def get_pair(db: Database, pair_id: int) -> dict | None:
    rows = list(db["pairs"].rows_where("id = ?", [pair_id]))
    return _expand(db, rows[0]) if rows else None


def save_pair(db: Database, organization_id: int, values: dict, mentee_ids: list[int],
              pair_id: int | None = None) -> int:
    """Insert or update a pair (``values``: mentor_id, form_id, start_date, end_date, status as ISO
    dates and codes) with exactly ``mentee_ids``; one transaction.

    Raises ValueError (Russian) when there is no mentee or the mentor is among the mentees.
    """
    if not mentee_ids:
        raise ValueError("Выберите хотя бы одного наставляемого.")
    if values["mentor_id"] in mentee_ids:
        raise ValueError("Наставник не может быть наставляемым в своей же паре.")
    record = {key: values[key] for key in ("mentor_id", "form_id", "start_date", "end_date", "status")}
    record["organization_id"] = organization_id
    with db.atomic():
        if pair_id is None:
            pair_id = db["pairs"].insert(record).last_pk
        else:
            db["pairs"].update(pair_id, record)
            db.execute("delete from pair_mentees where pair_id = ?", [pair_id])
        db["pair_mentees"].insert_all({"pair_id": pair_id, "mentee_id": m} for m in mentee_ids)
    return pair_id
