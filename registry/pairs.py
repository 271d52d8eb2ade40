"""Mentoring pairs and groups: one mentor, one or more mentees, a form and a period; the editable
list of forms of mentoring; the lifecycle of a pair (DOMAIN.md §2, steps 5–7): a draft until an order
fixes it, then active, then completed or terminated early (by order, with the reason and whose
initiative)."""

import datetime as dt
import unicodedata
from collections.abc import Iterable

from sqlite_utils import Database

from registry.db import RegistryError, now, ru_date, write
from registry.people import full_name, get_person

#: Status codes and their Russian names, in the order of the lifecycle: a draft is not yet fixed by an
#: order; an order makes it active; it ends completed (by plan) or terminated early.
STATUSES = {"draft": "черновик", "active": "действует", "completed": "завершена",
            "terminated": "прекращена досрочно"}
#: Statuses of a pair not yet over: a mentee is in at most one such pair at a time.
CURRENT = ("draft", "active")
#: Shown instead of «действует» for an active pair whose end date has passed.
EXPIRED = "срок истёк"
#: Whose initiative ended a pair early, and how documents say it.
INITIATIVES = {"mentor": "по инициативе наставника", "mentee": "по инициативе наставляемого",
               "organization": "по инициативе организации", "mutual": "по взаимному согласию сторон"}
#: Longest reason of an early termination, in characters.
REASON_LENGTH = 500

#: Dates the registry accepts for periods and orders.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def check_date(value: dt.date, field: str, title: str) -> None:
    """Raises :class:`RegistryError` (``field``) for a date outside 2000–2100."""
    if not EARLIEST <= value <= LATEST:
        raise RegistryError(f"{title}: {value:%d.%m.%Y} — укажите дату между 2000 и 2100 годом.", field)


def check_day(value: str | dt.date | None, field: str, title: str, *, not_future: bool = False) -> dt.date:
    """An ISO date (or a date) the registry accepts: between 2000 and 2100 and, with ``not_future``,
    not after today. Raises :class:`RegistryError` (``field``) for an empty or malformed value too."""
    if not value:
        raise RegistryError(f"{title}: укажите дату.", field)
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise RegistryError(f"{title}: «{str(value)[:20]}» — не дата.", field) from None
    check_date(day, field, title)
    if not_future and day > dt.date.today():
        raise RegistryError(f"{title}: {day:%d.%m.%Y} — этот день ещё не наступил.", field)
    return day


def check_free_text(value: str | None, field: str, title: str, max_length: int, *, required: bool = False) -> str:
    """A free text (several lines allowed) as stored: NFC, line ends unified, spaces at the ends of
    lines and empty lines at the ends removed. Raises :class:`RegistryError` (``field``) for a control
    character, a text longer than ``max_length`` or, with ``required``, an empty one."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    for char in text:
        if unicodedata.category(char)[0] == "C" and char not in "\n\t":
            raise RegistryError(f"{title}: служебный символ U+{ord(char):04X} — удалите его.", field)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n ")
    if required and not text:
        raise RegistryError(f"{title}: не заполнено.", field)
    if len(text) > max_length:
        raise RegistryError(f"{title}: не длиннее {max_length} знаков (сейчас {len(text)}).", field)
    return text


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


def _order_ref(db: Database, order_id: int | None) -> dict | None:
    """id, number and date (ISO) of a journal order, or None."""
    if not order_id:
        return None
    row = db.execute("select id, number, date from orders where id = ?", [order_id]).fetchone()
    return dict(row) if row else None


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
    pair["initiative_title"] = INITIATIVES.get(pair.get("close_initiative") or "", "")
    pair["opened_order"] = _order_ref(db, pair.get("opened_order_id"))
    pair["closed_order"] = _order_ref(db, pair.get("closed_order_id"))
    programme = db.execute("select id from programmes where pair_id = ?", [pair["id"]]).fetchone()
    pair["programme_id"] = programme[0] if programme else None
    return pair


def academic_year(day: dt.date) -> int:
    """The first calendar year of the academic year (1 September – 31 August) holding ``day``."""
    return day.year if day.month >= 9 else day.year - 1


def list_pairs(db: Database, organization_id: int, status: str | Iterable[str] | None = None, *,
               year: int | None = None, archived: bool = False, person_id: int | None = None) -> list[dict]:
    """Pairs and groups of the organisation with ``mentor``, ``mentees`` (person dicts), ``form``
    (name), ``expired``, ``status_title``, ``initiative_title``, ``opened_order`` and ``closed_order``
    (id, number, date or None) and ``programme_id``, oldest first. Filters: ``status`` a code of
    :data:`STATUSES`, several codes (``("draft", "active")``: the pairs an order may fix) or
    "expired"; ``year`` an academic year (2024 = 2024/2025) the period overlaps; ``person_id`` the
    mentor or a mentee; archived pairs only with ``archived`` True."""
    where, args = ["organization_id = ?", "(archived_at is not null) = ?"], [organization_id, int(archived)]
    if status == "expired":
        where.append("status = 'active' and end_date < ?")
        args.append(dt.date.today().isoformat())
    elif isinstance(status, str):
        where.append("status = ?")
        args.append(status)
    elif status:
        codes = list(status)
        where.append(f"status in ({', '.join('?' * len(codes))})")
        args += codes
    if year is not None:
        where.append("start_date <= ? and end_date >= ?")
        args += [f"{year + 1}-08-31", f"{year}-09-01"]
    if person_id is not None:
        where.append("(mentor_id = ? or id in (select pair_id from pair_mentees where mentee_id = ?))")
        args += [person_id, person_id]
    rows = db["pairs"].rows_where(" and ".join(where), args, order_by="start_date, id")
    return [_expand(db, pair) for pair in rows]


def orderable_pairs(db: Database, organization_id: int) -> list[dict]:
    """The pairs an order fixing pairs may name: drafts and active pairs, not archived."""
    return list_pairs(db, organization_id, CURRENT)


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
    """A pair expanded as in :func:`list_pairs` (with the lifecycle columns: ``opened_order_id``,
    ``opened_on``, ``closed_order_id``, ``closed_on``, ``close_reason``, ``close_initiative``);
    None when there is none (or, with ``organization_id``, none in that organisation)."""
    rows = list(db["pairs"].rows_where("id = ?", [pair_id]))
    if not rows or (organization_id is not None and rows[0]["organization_id"] != organization_id):
        return None
    return _expand(db, rows[0])


def _pair_row(db: Database, organization_id: int, pair_id: int) -> dict:
    rows = list(db["pairs"].rows_where("id = ? and organization_id = ?", [pair_id, organization_id]))
    if not rows:
        raise RegistryError(f"Нет пары с номером {pair_id}.")
    return rows[0]


def _who(db: Database, pair: dict) -> str:
    """«наставник — Черных Ольга Ильинична» for messages about a pair."""
    return f"наставник — {full_name(get_person(db, pair['mentor_id']))}"


def _mentee_ids(db: Database, pair_id: int) -> list[int]:
    return [row[0] for row in db.execute("select mentee_id from pair_mentees where pair_id = ?", [pair_id])]


_CLOSED_COLUMNS = {"closed_on": None, "closed_order_id": None, "close_reason": None, "close_initiative": None}


def save_pair(db: Database, organization_id: int, values: dict, mentee_ids: list[int],
              pair_id: int | None = None) -> int:
    """Insert or update a pair (``values``: mentor_id, form_id, start_date, end_date as ISO dates;
    ``status`` a code of :data:`STATUSES`, optional: a new pair is a draft until an order fixes it
    (:func:`activate_pairs`), an existing one keeps its status) with exactly ``mentee_ids``; one
    transaction. A status given back to a draft or active clears the closing details.

    Raises :class:`RegistryError` (Russian, with the form field) and saves nothing when there is no
    mentee, the mentor is among the mentees, a date lies outside 2000–2100, the period ends before it
    starts, or a draft or active pair would take a mentee who is already in another pair not over
    (:func:`busy_mentee_statuses`; an active pair whose term has passed too: complete it first).
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
    status = values.get("status")
    if status is not None and status not in STATUSES:
        raise RegistryError("Выберите состояние из списка.", "status")
    record = {key: values[key] for key in ("mentor_id", "form_id", "start_date", "end_date")}
    record["organization_id"] = organization_id
    with write(db):
        people = [values["mentor_id"], *mentee_ids]
        found = db.execute(f"select count(*) from people where organization_id = ? and id in "
                           f"({', '.join('?' * len(people))})", [organization_id, *people]).fetchone()[0]
        if found != len(people):
            raise RegistryError("Наставник и наставляемые должны быть участниками этой организации.", "mentee_ids")
        current = _pair_row(db, organization_id, pair_id)["status"] if pair_id is not None else None
        status = status or current or "draft"
        if status != current:
            record["status"] = status
            if status in CURRENT:
                record.update(_CLOSED_COLUMNS)
            if status == "draft":
                record.update(opened_order_id=None, opened_on=None)
        if status in CURRENT:
            _check_free(db, mentee_ids, pair_id)
        if pair_id is None:
            pair_id = db["pairs"].insert(record).last_pk
        else:
            db["pairs"].update(pair_id, record)
            db.execute("delete from pair_mentees where pair_id = ?", [pair_id])
        db["pair_mentees"].insert_all({"pair_id": pair_id, "mentee_id": m} for m in mentee_ids)
    return pair_id


def busy_mentee_statuses(db: Database, pair_id: int | None = None) -> dict[int, str]:
    """Mentees of a draft or active, not archived pair other than ``pair_id``: person id → "active"
    (when in an active pair) or "draft"."""
    busy: dict[int, str] = {}
    for mentee_id, status in db.execute(
            "select m.mentee_id, p.status from pair_mentees m join pairs p on p.id = m.pair_id"
            " where p.status in ('draft', 'active') and p.archived_at is null and p.id != ?", [pair_id or 0]):
        if busy.get(mentee_id) != "active":
            busy[mentee_id] = status
    return busy


def busy_mentees(db: Database, pair_id: int | None = None) -> set[int]:
    """Ids of people who are mentees of a draft or active, not archived pair other than ``pair_id``."""
    return set(busy_mentee_statuses(db, pair_id))


def _check_free(db: Database, mentee_ids: list[int], pair_id: int | None) -> None:
    """A mentee is in at most one pair not over: refuse another active pair (one whose term has passed
    too — complete it first) or another draft."""
    for mentee_id in mentee_ids:
        others = db.execute(
            "select p.id, p.mentor_id, p.status from pairs p join pair_mentees m on m.pair_id = p.id"
            " where m.mentee_id = ? and p.status in ('draft', 'active') and p.archived_at is null and p.id != ?"
            " order by p.status = 'active' desc, p.id", [mentee_id, pair_id or 0]).fetchall()
        for other in others:
            mentee, mentor = get_person(db, mentee_id), get_person(db, other["mentor_id"])
            if other["status"] == "active":
                raise RegistryError(
                    f"{full_name(mentee)} уже в действующей паре (группе), наставник — {full_name(mentor)}: "
                    "наставляемый может быть только в одной действующей паре. Завершите ту пару или снимите "
                    "отметку.", "mentee_ids")
            raise RegistryError(
                f"{full_name(mentee)} уже в черновике пары (группы), наставник — {full_name(mentor)}: наставляемый "
                "может быть только в одной паре, ещё не завершённой. Измените или удалите тот черновик либо "
                "снимите отметку.", "mentee_ids")


def _check_order(db: Database, organization_id: int, order_id: int | None) -> dict | None:
    if order_id is None:
        return None
    order = _order_ref(db, order_id)
    if order is None or not db["orders"].count_where("id = ? and organization_id = ?", [order_id, organization_id]):
        raise RegistryError(f"Нет приказа с номером записи {order_id} в журнале этой организации.", "order_id")
    return order


def activate_pairs(db: Database, organization_id: int, pair_ids: Iterable[int], order_id: int | None,
                   day: str | dt.date) -> None:
    """The order ``order_id`` (a journal row; None: an order outside the journal) of ISO date ``day``
    fixes the pairs: each draft becomes active with ``opened_order_id`` and ``opened_on``; an active
    pair without an opening order gets this one; one transaction.

    Raises :class:`RegistryError` and changes nothing when a pair is not of the organisation, is
    archived, completed or terminated, ends before ``day``, or takes a mentee who is in another
    active pair (one whose term has passed too: complete it first) or another draft."""
    day = check_day(day, "date", "Дата приказа")
    with write(db):
        _check_order(db, organization_id, order_id)
        for pair_id in dict.fromkeys(pair_ids):
            pair = _pair_row(db, organization_id, pair_id)
            who = _who(db, pair)
            if pair["archived_at"]:
                raise RegistryError(f"Пара (группа), {who}, в архиве: верните её из архива, затем закрепляйте "
                                    "приказом.", "pair_ids")
            if pair["status"] in ("completed", "terminated"):
                raise RegistryError(f"Пара (группа), {who}, уже {STATUSES[pair['status']]}"
                                    + (f" {ru_date(pair['closed_on'])}" if pair["closed_on"] else "")
                                    + ": закрепить её приказом нельзя.", "pair_ids")
            if pair["status"] == "active":
                if pair["opened_order_id"] is None and order_id is not None:
                    db["pairs"].update(pair_id, {"opened_order_id": order_id, "opened_on": day.isoformat()})
                continue
            if pair["end_date"] < day.isoformat():
                raise RegistryError(f"Срок пары (группы), {who}, закончился {ru_date(pair['end_date'])} — раньше даты "
                                    f"приказа {ru_date(day)}: исправьте срок пары.", "date")
            _check_free(db, _mentee_ids(db, pair_id), pair_id)
            db["pairs"].update(pair_id, {"status": "active", "opened_order_id": order_id,
                                         "opened_on": day.isoformat()})


def _ending(status: str, day: str | dt.date, reason: str | None, initiative: str | None) -> dict:
    """The closing columns of a pair ended on ``day`` with ``status``, checked as :func:`close_pair` says
    (the rules that do not depend on the pair)."""
    if status not in ("completed", "terminated"):
        raise RegistryError("Выберите, как закончилась пара: завершена или прекращена досрочно.", "status")
    early = status == "terminated"
    day = check_day(day, "closed_on", "Дата прекращения" if early else "Дата завершения")
    if early and not (reason or "").strip():
        raise RegistryError("Укажите причину досрочного прекращения.", "close_reason")
    reason = check_free_text(reason, "close_reason", "Причина", REASON_LENGTH)
    if early and initiative not in INITIATIVES:
        raise RegistryError("Укажите, по чьей инициативе прекращено наставничество.", "close_initiative")
    return {"status": status, "closed_on": day.isoformat(), "close_reason": reason or None,
            "close_initiative": initiative if early else None}


def _end(db: Database, pair: dict, ending: dict, order_id: int | None) -> None:
    """Write ``ending`` (of :func:`_ending`) and the closing order into ``pair`` (a row), after the rules
    that compare the day with the pair's term."""
    early = ending["status"] == "terminated"
    title = "Дата прекращения" if early else "Дата завершения"
    day = ending["closed_on"]
    if day < pair["start_date"]:
        raise RegistryError(f"{title}: {ru_date(day)} — раньше начала наставничества "
                            f"({ru_date(pair['start_date'])}).", "closed_on")
    if early and day > pair["end_date"]:
        raise RegistryError(f"{title}: {ru_date(day)} — позже окончания срока ({ru_date(pair['end_date'])}): пара, "
                            "дошедшая до конца срока, завершается, а не прекращается досрочно.", "closed_on")
    db["pairs"].update(pair["id"], {**ending, "closed_order_id": order_id})


def close_pair(db: Database, organization_id: int, pair_id: int, *, status: str, day: str | dt.date,
               reason: str = "", initiative: str | None = None, order_id: int | None = None) -> None:
    """End an active pair on ISO date ``day``: ``status`` "completed" (by plan; a ``reason`` is
    kept if given) or "terminated" (early: ``reason`` and ``initiative``, a code of
    :data:`INITIATIVES`, are required), optionally by the journal order ``order_id``.

    Raises :class:`RegistryError` (with the field: status, closed_on, close_reason,
    close_initiative, order_id) for a draft (nothing to end: change or delete it), a pair already
    ended, a day before the start or — for an early termination — after the end of the term."""
    ending = _ending(status, day, reason, initiative)
    with write(db):
        pair = _pair_row(db, organization_id, pair_id)
        if pair["status"] == "draft":
            raise RegistryError("Пара (группа) ещё не закреплена приказом (черновик): завершать нечего — её можно "
                                "изменить или удалить.", "status")
        if pair["status"] != "active":
            raise RegistryError(f"Пара (группа) уже {STATUSES[pair['status']]}"
                                + (f" {ru_date(pair['closed_on'])}." if pair["closed_on"] else "."), "status")
        _check_order(db, organization_id, order_id)
        _end(db, pair, ending, order_id)


def close_by_order(db: Database, organization_id: int, order_id: int, outcomes: Iterable[dict]) -> int:
    """The closing order ``order_id`` (a journal row) ends the pairs it names, as it prints them:
    each of ``outcomes`` is {"id", "status", "closed_on" (ISO), "reason"?, "initiative"?} (a pair of
    the order's contract, :class:`service.documents.contracts.closing.ClosingPair`). An active pair is
    ended (:func:`close_pair`); a pair already ended in the registry without an order, or by this
    order (a new version of it), takes the order's outcome and the order. A pair this order ended
    before but no longer names (its new version dropped it) stays ended, without an order. One
    transaction; returns how many pairs the order ends.

    Raises :class:`RegistryError` (field ``pair_ids``, or the field of :func:`close_pair`'s rules)
    and changes nothing when a pair is not of the organisation, is a draft, or was ended by another
    order."""
    count = 0
    with write(db):
        _check_order(db, organization_id, order_id)
        named = []
        for outcome in outcomes:
            pair = _pair_row(db, organization_id, outcome["id"])
            named.append(pair["id"])
            if pair["status"] == "draft":
                raise RegistryError(f"Пара (группа), {_who(db, pair)}, — черновик, не закреплённый приказом: "
                                    "завершать её нечего.", "pair_ids")
            other = pair["closed_order_id"] not in (None, order_id) and _order_ref(db, pair["closed_order_id"])
            if other:
                raise RegistryError(f"Пара (группа), {_who(db, pair)}, уже {STATUSES[pair['status']]} приказом "
                                    f"№ {other['number']} от {ru_date(other['date'])}: снимите с неё отметку.",
                                    "pair_ids")
            _end(db, pair, _ending(outcome["status"], outcome["closed_on"], outcome.get("reason"),
                                   outcome.get("initiative")), order_id)
            count += 1
        db.execute(f"update pairs set closed_order_id = null where closed_order_id = ? and organization_id = ?"
                   f" and id not in ({', '.join('?' * len(named))})", [order_id, organization_id, *named])
    return count


def reopen_pair(db: Database, organization_id: int, pair_id: int) -> None:
    """Undo an ending entered by mistake: a completed or terminated pair is active again, without
    the closing details. Raises :class:`RegistryError` for a pair not ended or a mentee who has since
    joined another pair."""
    with write(db):
        pair = _pair_row(db, organization_id, pair_id)
        if pair["status"] not in ("completed", "terminated"):
            now_is = "— черновик" if pair["status"] == "draft" else "действует"
            raise RegistryError(f"Пара (группа) {now_is}: возвращать в действующие нечего.", "status")
        if pair["archived_at"]:
            raise RegistryError("Пара (группа) в архиве: сначала верните её из архива.", "status")
        _check_free(db, _mentee_ids(db, pair_id), pair_id)
        db["pairs"].update(pair_id, {"status": "active", **_CLOSED_COLUMNS})


def close_expired(db: Database, organization_id: int, today: dt.date | None = None) -> int:
    """Mark every active pair of the organisation whose end date has passed as completed on its end
    date; returns how many."""
    with write(db):
        return db.execute(
            "update pairs set status = 'completed', closed_on = end_date where organization_id = ?"
            " and status = 'active' and archived_at is null and end_date < ?",
            [organization_id, (today or dt.date.today()).isoformat()]).rowcount


def archive_pair(db: Database, pair_id: int, archived: bool = True) -> None:
    """Hide a pair that is not active (a draft, completed or terminated) from lists and forms (or
    bring it back); the journal keeps it. Raises :class:`RegistryError` for an active pair."""
    with write(db):
        pair = db["pairs"].get(pair_id)
        if archived and pair["status"] == "active":
            raise RegistryError("Пара (группа) действует: сначала завершите её, затем переносите в архив.")
        db["pairs"].update(pair_id, {"archived_at": now() if archived else None})


def delete_pair(db: Database, pair_id: int) -> None:
    """Delete a pair no order names, with its programme; raises :class:`RegistryError` otherwise."""
    with write(db):
        if db["order_pairs"].count_where("pair_id = ?", [pair_id]) or db["pairs"].count_where(
                "id = ? and (opened_order_id is not null or closed_order_id is not null)", [pair_id]):
            raise RegistryError("Пару (группу) называет приказ журнала: удалить нельзя, можно перенести в архив.")
        db.execute("delete from programme_items where programme_id in (select id from programmes where pair_id = ?)",
                   [pair_id])
        db.execute("delete from programmes where pair_id = ?", [pair_id])
        db.execute("delete from pair_mentees where pair_id = ?", [pair_id])
        db.execute("delete from pairs where id = ?", [pair_id])
