"""The journal of orders: a register of numbers, unique per organisation and calendar year, each with
the versions of its file and the data each version was made from.

Registering takes two short writes so that no lock is held while the document renders:
:func:`register_order` reserves the number (allocated from the per-year counter, or typed by hand and
checked), the caller renders with it, then :func:`add_version` stores the file, or
:func:`discard_order` releases a number whose document could not be made. A number is never handed
out twice: the counter moves in the same transaction that inserts the row, and a unique index on
(organisation, year, number) guards numbers typed by hand.
"""

import datetime as dt
import json
import re

from sqlite_utils import Database

from registry.db import RegistryError, now, write

#: What an order number may hold (практика делопроизводства: «219», «42-ОД», «26/1», «3.1»).
NUMBER_PATTERN = re.compile(r"(?=.*\d)[0-9A-Za-zА-Яа-яЁё./-]{1,20}")
NUMBER_RULE = "не больше 20 знаков: цифры, буквы, «-», «/» и «.», например 42-ОД или 26/1"
#: A number reserved whose file never came (the process stopped in between) is released after this.
STALE_RESERVATION = dt.timedelta(minutes=10)


def check_number(number: str) -> str:
    """``number`` without surrounding spaces; raises :class:`RegistryError` (field ``number``) unless
    it follows :data:`NUMBER_PATTERN` (with at least one digit) and keeps to one alphabet («42-OД»
    with a Latin O would look like «42-ОД» and be another number)."""
    number = number.strip()
    if not NUMBER_PATTERN.fullmatch(number):
        raise RegistryError(f"Номер приказа — {NUMBER_RULE}.", "number")
    if re.search(r"[A-Za-z]", number) and re.search(r"[А-Яа-яЁё]", number):
        raise RegistryError("Номер приказа: латинские и русские буквы вперемешку — наберите буквы в одной "
                            "раскладке, например 42-ОД.", "number")
    return number


def format_number(number_format: str, n: int) -> str:
    """The organisation's format with ``{n}`` replaced: ``format_number("{n}-ОД", 42)`` → «42-ОД»."""
    return number_format.replace("{n}", str(n))


def _sequence_number(number_format: str, number: str) -> int | None:
    """The counter value a number written in ``number_format`` stands for («42-ОД» → 42), else None."""
    prefix, _, suffix = number_format.partition("{n}")
    match = re.fullmatch(re.escape(prefix) + r"(\d{1,9})" + re.escape(suffix), number)
    return int(match.group(1)) if match else None


def _taken(db: Database, organization_id: int, year: int, number: str) -> dict | None:
    """The order of that year holding ``number``, letter case ignored («42-од» is «42-ОД»)."""
    wanted = number.upper()
    for row in db["orders"].rows_where("organization_id = ? and year = ?", [organization_id, year]):
        if row["number"].upper() == wanted:
            return row
    return None


def _last_number(db: Database, organization_id: int, year: int, number_format: str) -> int:
    row = db.execute("select last_number from order_counters where organization_id = ? and year = ?",
                     [organization_id, year]).fetchone()
    if row is not None:
        return row[0]
    # No counter yet (a new year, or a journal from before counters): continue from the journal.
    numbers = [_sequence_number(number_format, r["number"]) or _leading(r["number"])
               for r in db["orders"].rows_where("organization_id = ? and year = ?", [organization_id, year])]
    return max(numbers, default=0)


def _leading(number: str) -> int:
    """The first run of digits of a number («26/1» → 26, «ОД-42» → 42), else 0."""
    match = re.search(r"\d{1,9}", number)
    return int(match.group()) if match else 0


def _set_last_number(db: Database, organization_id: int, year: int, value: int) -> None:
    db.execute("insert into order_counters (organization_id, year, last_number) values (?, ?, ?)"
               " on conflict (organization_id, year) do update set last_number = excluded.last_number",
               [organization_id, year, value])


def next_number(db: Database, organization_id: int, year: int, number_format: str = "{n}") -> str:
    """The number :func:`register_order` would allocate now in ``year`` (for the form's hint; it is
    not reserved)."""
    n = _last_number(db, organization_id, year, number_format) + 1
    while _taken(db, organization_id, year, format_number(number_format, n)):
        n += 1
    return format_number(number_format, n)


def taken_message(order: dict) -> str:
    """«Номер 42-ОД за 2024 год уже занят приказом „О …“ от 11.01.2024.»"""
    date = dt.date.fromisoformat(order["date"]).strftime("%d.%m.%Y")
    return (f"Номер {order['number']} за {order['year']} год уже занят приказом „{order['heading']}“ от {date}. "
            "Оставьте поле пустым — номер присвоится автоматически, или впишите другой.")


def register_order(db: Database, organization_id: int, *, date: str, kind: str, heading: str,
                   number: str | None = None, number_format: str = "{n}") -> dict:
    """Reserve an order number in the journal; returns the new row (``id``, ``number``, ``year`` …).

    ``date`` is ISO; the number belongs to its calendar year. With ``number`` None or empty the next
    number of the per-organisation, per-year counter is allocated in ``number_format``; a number typed
    by hand is checked (:func:`check_number`) and must be free. Raises :class:`RegistryError`
    (field ``number``) for a malformed or taken number, and :class:`~registry.db.RegistryBusy`.
    """
    year = dt.date.fromisoformat(date).year
    typed = check_number(number) if number and number.strip() else None
    with write(db):
        stale = (dt.datetime.now() - STALE_RESERVATION).isoformat(timespec="seconds")
        db.execute("delete from orders where organization_id = ? and created_at < ? and id not in"
                   " (select order_id from order_versions)", [organization_id, stale])
        last = _last_number(db, organization_id, year, number_format)
        if typed is None:
            n = last + 1
            while _taken(db, organization_id, year, format_number(number_format, n)):
                n += 1
            chosen, last = format_number(number_format, n), n
        else:
            existing = _taken(db, organization_id, year, typed)
            if existing:
                raise RegistryError(taken_message(existing), "number")
            chosen, last = typed, max(last, _sequence_number(number_format, typed) or 0)
        _set_last_number(db, organization_id, year, last)
        order_id = db["orders"].insert({
            "organization_id": organization_id, "year": year, "number": chosen, "date": date, "kind": kind,
            "heading": heading, "created_at": now(),
        }).last_pk
    return get_order(db, order_id)


def add_version(db: Database, order_id: int, *, file_name: str, file: bytes, data: dict,
                person_ids: list[int] = (), pair_ids: list[int] = ()) -> int:
    """Store a file of a registered order with the contract ``data`` it was made from and the people
    and pairs it names; returns the version number (1 for the first file, then 2, 3 …: earlier
    versions are kept)."""
    with write(db):
        version = db.execute("select coalesce(max(version), 0) + 1 from order_versions where order_id = ?",
                             [order_id]).fetchone()[0]
        db["order_versions"].insert({
            "order_id": order_id, "version": version, "file_name": file_name, "file": file,
            "data": json.dumps(data, ensure_ascii=False),
            "created_at": now(),
        })
        db["order_people"].insert_all(
            ({"order_id": order_id, "person_id": p} for p in dict.fromkeys(person_ids)), ignore=True)
        db["order_pairs"].insert_all(
            ({"order_id": order_id, "pair_id": p} for p in dict.fromkeys(pair_ids)), ignore=True)
    return version


def discard_order(db: Database, order_id: int) -> None:
    """Release a number reserved by :func:`register_order` whose file was never stored; the counter
    steps back when this was its last number, so the journal has no gap."""
    with write(db):
        order = get_order(db, order_id)
        if order is None or db["order_versions"].count_where("order_id = ?", [order_id]):
            return
        db.execute("delete from orders where id = ?", [order_id])
        db.execute("update order_counters set last_number = last_number - 1 where organization_id = ?"
                   " and year = ? and last_number = ?",
                   [order["organization_id"], order["year"], _leading(order["number"])])


_JOURNAL = ("select o.id, o.number, o.date, o.year, o.kind, o.heading, o.note, o.created_at,"
            " v.version, v.file_name, v.created_at as version_created_at from orders o"
            " join order_versions v on v.order_id = o.id"
            " and v.version = (select max(version) from order_versions where order_id = o.id)")


def list_orders(db: Database, organization_id: int, person_id: int | None = None) -> list[dict]:
    """Registered orders of the organisation (their latest version, without the file), newest first;
    only those naming a person when given. A number reserved but not yet stored is not listed."""
    where, args = ["o.organization_id = ?"], [organization_id]
    if person_id is not None:
        where.append("o.id in (select order_id from order_people where person_id = ?)")
        args.append(person_id)
    sql = _JOURNAL + (" where " + " and ".join(where) if where else "") + " order by o.date desc, o.id desc"
    return [dict(row) for row in db.query(sql, args)]


def get_order(db: Database, order_id: int) -> dict | None:
    """The journal row of an order with ``versions`` (version, file_name, created_at; newest first)."""
    rows = list(db["orders"].rows_where("id = ?", [order_id]))
    if not rows:
        return None
    order = rows[0]
    order["versions"] = list(db.query(
        "select version, file_name, created_at from order_versions where order_id = ? order by version desc",
        [order_id]))
    return order


def order_records(db: Database, order_id: int) -> tuple[list[int], list[int]]:
    """The ids of the people and of the pairs an order's versions name (each in the order stored)."""
    people = [row[0] for row in db.execute("select person_id from order_people where order_id = ? order by rowid",
                                            [order_id])]
    pairs = [row[0] for row in db.execute("select pair_id from order_pairs where order_id = ? order by rowid",
                                           [order_id])]
    return people, pairs


def get_version(db: Database, order_id: int, version: int | None = None) -> dict | None:
    """One stored file of an order (the latest when ``version`` is None): file_name, file, data
    (the contract dict it was made from), created_at."""
    sql = "select * from order_versions where order_id = ?"
    args: list = [order_id]
    if version is None:
        sql += " order by version desc limit 1"
    else:
        sql += " and version = ?"
        args.append(version)
    row = db.execute(sql, args).fetchone()
    if row is None:
        return None
    result = dict(row)
    result["data"] = json.loads(result["data"])
    return result
