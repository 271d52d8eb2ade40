"""Mentoring pairs and groups: one mentor, one or more mentees, a form and a period; the editable
list of forms of mentoring."""

import datetime as dt

from sqlite_utils import Database

from registry.db import RegistryError, now, write
from registry.people import full_name, get_person

#: Status codes and their Russian names.
STATUSES = {"active": "действует", "completed": "завершена", "terminated": "прекращена досрочно"}
#: Shown instead of «действует» for an active pair whose end date has passed.
EXPIRED = "срок истёк"

#: Dates the registry accepts for periods and orders.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def check_date(value: dt.date, field: str, title: str) -> None:
    """Raises :class:`RegistryError` (``field``) for a date outside 2000–2100."""
    if not EARLIEST <= value <= LATEST:
        raise RegistryError(f"{title}: {value:%d.%m.%Y} — укажите дату между 2000 и 2100 годом.", field)


def list_forms(db: Database, *, archived: bool | None = False) -> list[dict]:
    """Forms of mentoring in the order added, each with ``used`` (pairs using it): those in use by
    default, archived ones with ``archived`` True, all with None."""
    where = {False: "archived_at is null", True: "archived_at is not null", None: "1"}[archived]
    return [dict(row) for row in db.query(
        f"select f.*, (select count(*) from pairs p where p.form_id = f.id) as used from mentoring_forms f"
        f" where {where} order by id")]


def add_form(db: Database, name: str) -> int:
    """Add a form of mentoring to the editable list, or return the id of the one with that name
    (bringing it back from the archive)."""
    name = " ".join(name.split())
    if not name:
        raise RegistryError("Название формы наставничества не заполнено.", "new_form")
    if len(name) > 150:
        raise RegistryError("Название формы наставничества — не длиннее 150 знаков.", "new_form")
    with write(db):
        existing = list(db["mentoring_forms"].rows_where("name = ?", [name]))
        if existing:
            db["mentoring_forms"].update(existing[0]["id"], {"archived_at": None})
            return existing[0]["id"]
        return db["mentoring_forms"].insert({"name": name}).last_pk


def archive_form(db: Database, form_id: int, archived: bool = True) -> None:
    """Hide a form from the choices of new pairs (pairs using it keep it), or bring it back."""
    with write(db):
        db["mentoring_forms"].update(form_id, {"archived_at": now() if archived else None})


def delete_form(db: Database, form_id: int) -> None:
    """Delete a form no pair uses; raises :class:`RegistryError` otherwise."""
    with write(db):
        if db["pairs"].count_where("form_id = ?", [form_id]):
            raise RegistryError("Эту форму указывают пары: удалить её нельзя, можно перенести в архив.")
        db.execute("delete from mentoring_forms where id = ?", [form_id])



def is_expired(pair: dict, today: dt.date | None = None) -> bool:
    """An active pair whose end date has passed."""
    return pair["status"] == "active" and pair["end_date"] < (today or dt.date.today()).isoformat()


def _expand(db: Database, pair: dict) -> dict:
    pair = dict(pair)
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
    pair["expired"] = is_expired(pair)
    pair["status_title"] = EXPIRED if pair["expired"] else STATUSES[pair["status"]]
    return pair


def academic_year(day: dt.date) -> int:
    """The first calendar year of the academic year (1 September – 31 August) holding ``day``."""
    return day.year if day.month >= 9 else day.year - 1


def list_pairs(db: Database, organization_id: int, status: str | None = None, *, year: int | None = None,
               archived: bool = False, person_id: int | None = None) -> list[dict]:
    """Pairs and groups of the organisation with ``mentor``, ``mentees`` (person dicts), ``form``
    (name), ``expired`` and ``status_title``, oldest first. Filters: ``status`` a code of
    :data:`STATUSES` or "expired"; ``year`` an academic year (2024 = 2024/2025) the period overlaps;
    ``person_id`` the mentor or a mentee; archived pairs only with ``archived`` True."""
    where, args = ["organization_id = ?", "(archived_at is not null) = ?"], [organization_id, int(archived)]
    if status == "expired":
        where.append("status = 'active' and end_date < ?")
        args.append(dt.date.today().isoformat())
    elif status:
        where.append("status = ?")
        args.append(status)
    if year is not None:
        where.append("start_date <= ? and end_date >= ?")
        args += [f"{year + 1}-08-31", f"{year}-09-01"]
    if person_id is not None:
        where.append("(mentor_id = ? or id in (select pair_id from pair_mentees where mentee_id = ?))")
        args += [person_id, person_id]
    rows = db["pairs"].rows_where(" and ".join(where), args, order_by="start_date, id")
    return [_expand(db, pair) for pair in rows]


def pair_years(db: Database, organization_id: int) -> list[int]:
    """Academic years that some pair's period overlaps, newest first (for the year filter)."""
    years = set()
    for row in db.query("select min(start_date) as first, max(end_date) as last from pairs where organization_id = ?",
                        [organization_id]):
        if row["first"]:
            first = academic_year(dt.date.fromisoformat(row["first"]))
            last = academic_year(dt.date.fromisoformat(row["last"]))
            years.update(range(first, min(last, first + 30) + 1))
    return sorted(years, reverse=True)


def get_pair(db: Database, pair_id: int, organization_id: int | None = None) -> dict | None:
    """A pair expanded as in :func:`list_pairs`; None when there is none (or, with
    ``organization_id``, none in that organisation)."""
    rows = list(db["pairs"].rows_where("id = ?", [pair_id]))
    if not rows or (organization_id is not None and rows[0]["organization_id"] != organization_id):
        return None
    return _expand(db, rows[0])


def save_pair(db: Database, organization_id: int, values: dict, mentee_ids: list[int],
              pair_id: int | None = None) -> int:
    """Insert or update a pair (``values``: mentor_id, form_id, start_date, end_date as ISO dates,
    status a code of :data:`STATUSES`) with exactly ``mentee_ids``; one transaction.

    Raises :class:`RegistryError` (Russian, with the form field) and saves nothing when there is no
    mentee, the mentor is among the mentees, a date lies outside 2000–2100, the period ends before it
    starts, or an active pair would take a mentee who is already in another active pair or group.
    """
    mentee_ids = list(dict.fromkeys(mentee_ids))
    if not mentee_ids:
        raise RegistryError("Выберите хотя бы одного наставляемого.", "mentee_ids")
    if values["mentor_id"] in mentee_ids:
        raise RegistryError("Наставник не может быть наставляемым в своей же паре: снимите отметку с него "
                            "в списке наставляемых.", "mentee_ids")
    start, end = dt.date.fromisoformat(values["start_date"]), dt.date.fromisoformat(values["end_date"])
    check_date(start, "start_date", "Начало")
    check_date(end, "end_date", "Окончание")
    if end < start:
        raise RegistryError("Окончание раньше начала: проверьте срок наставничества.", "end_date")
    if values["status"] not in STATUSES:
        raise RegistryError("Выберите состояние из списка.", "status")
    record = {key: values[key] for key in ("mentor_id", "form_id", "start_date", "end_date", "status")}
    record["organization_id"] = organization_id
    with write(db):
        people = [values["mentor_id"], *mentee_ids]
        found = db.execute(f"select count(*) from people where organization_id = ? and id in "
                           f"({', '.join('?' * len(people))})", [organization_id, *people]).fetchone()[0]
        if found != len(people):
            raise RegistryError("Наставник и наставляемые должны быть участниками этой организации.", "mentee_ids")
        if pair_id is not None and not db["pairs"].count_where("id = ? and organization_id = ?",
                                                               [pair_id, organization_id]):
            raise RegistryError(f"Нет пары с номером {pair_id}.")
        if values["status"] == "active":
            _check_free(db, mentee_ids, pair_id)
        if pair_id is None:
            pair_id = db["pairs"].insert(record).last_pk
        else:
            db["pairs"].update(pair_id, record)
            db.execute("delete from pair_mentees where pair_id = ?", [pair_id])
        db["pair_mentees"].insert_all({"pair_id": pair_id, "mentee_id": m} for m in mentee_ids)
    return pair_id


def busy_mentees(db: Database, pair_id: int | None = None) -> set[int]:
    """Ids of people who are mentees of an active, not archived pair other than ``pair_id``."""
    return {row[0] for row in db.execute(
        "select m.mentee_id from pair_mentees m join pairs p on p.id = m.pair_id where p.status = 'active'"
        " and p.archived_at is null and p.id != ?", [pair_id or 0])}


def _check_free(db: Database, mentee_ids: list[int], pair_id: int | None) -> None:
    for mentee_id in mentee_ids:
        other = db.execute(
            "select p.id, p.mentor_id from pairs p join pair_mentees m on m.pair_id = p.id where m.mentee_id = ?"
            " and p.status = 'active' and p.archived_at is null and p.id != ?", [mentee_id, pair_id or 0]
        ).fetchone()
        if other:
            mentee, mentor = get_person(db, mentee_id), get_person(db, other["mentor_id"])
            raise RegistryError(
                f"{full_name(mentee)} уже в действующей паре (группе), наставник — {full_name(mentor)}: "
                "наставляемый может быть только в одной действующей паре. Завершите ту пару или снимите отметку.",
                "mentee_ids")


def close_expired(db: Database, organization_id: int, today: dt.date | None = None) -> int:
    """Mark every active pair of the organisation whose end date has passed as completed; returns how
    many."""
    with write(db):
        return db.execute(
            "update pairs set status = 'completed' where organization_id = ? and status = 'active'"
            " and archived_at is null and end_date < ?",
            [organization_id, (today or dt.date.today()).isoformat()]).rowcount


def archive_pair(db: Database, pair_id: int, archived: bool = True) -> None:
    """Hide a completed or terminated pair from lists and forms (or bring it back); the journal keeps
    it. Raises :class:`RegistryError` for an active pair."""
    with write(db):
        pair = db["pairs"].get(pair_id)
        if archived and pair["status"] == "active":
            raise RegistryError("Пара (группа) действует: сначала завершите её, затем переносите в архив.")
        db["pairs"].update(pair_id, {"archived_at": now() if archived else None})


def delete_pair(db: Database, pair_id: int) -> None:
    """Delete a pair no order names; raises :class:`RegistryError` otherwise."""
    with write(db):
        if db["order_pairs"].count_where("pair_id = ?", [pair_id]):
            raise RegistryError("Пару (группу) называет приказ журнала: удалить нельзя, можно перенести в архив.")
        db.execute("delete from pair_mentees where pair_id = ?", [pair_id])
        db.execute("delete from pairs where id = ?", [pair_id])
