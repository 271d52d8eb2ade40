"""The personalised mentoring programme of a pair (персонализированная программа наставничества,
DOMAIN.md §1, §5): the difficulties found, the goal, the tasks, a plan of activities (each with a
deadline, a form, the expected result and a done mark with its date) and the expected results. One
programme per pair; saving it replaces the plan as a whole, in one transaction."""

import datetime as dt
import re

from sqlite_utils import Database

from registry.db import RegistryError, now, write
from registry.pairs import check_date, check_day, check_free_text, get_pair

#: The texts of a programme and their Russian titles.
TITLES = {"difficulties": "Выявленные профессиональные затруднения (дефициты)", "goal": "Цель",
          "tasks": "Задачи", "expected_results": "Ожидаемые результаты"}
#: Longest text of a programme, in characters.
TEXT_LENGTH = 4000
#: The cells of a plan row and how messages name them.
ITEM_TITLES = {"activity": "мероприятие", "deadline": "срок", "form": "форма", "expected_result": "ожидаемый результат"}
#: Longest text of each cell, in characters.
ITEM_LENGTHS = {"activity": 500, "deadline": 100, "form": 200, "expected_result": 500}
#: Most rows a plan may have.
MAX_ITEMS = 200

_DATE_LIKE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")


def _check_deadline(text: str, row: int) -> str:
    """A deadline typed as a date is a real date, written ДД.ММ.ГГГГ; any other wording («октябрь
    2025», «в течение года») stays as typed."""
    if not _DATE_LIKE.fullmatch(text):
        return text
    field = f"items-{row - 1}-deadline"
    try:
        day = dt.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        raise RegistryError(f"Строка {row} плана: срок «{text}» — такой даты нет. Впишите дату в виде ДД.ММ.ГГГГ или "
                            "словами, например «октябрь 2025», «в течение года».", field) from None
    check_date(day, field, f"Строка {row} плана, срок")
    return day.strftime("%d.%m.%Y")


def _check_items(items: list[dict]) -> list[dict]:
    """The rows to store (every cell checked; rows with every cell empty left out), in order."""
    checked = []
    for row, item in enumerate(items, start=1):
        cells = {key: check_free_text(item.get(key), f"items-{row - 1}-{key}", f"Строка {row} плана, {title}",
                                      ITEM_LENGTHS[key]) for key, title in ITEM_TITLES.items()}
        done = item.get("done_on") or None
        if not any(cells.values()) and not done:
            continue
        if not cells["activity"]:
            raise RegistryError(f"Строка {row} плана: укажите мероприятие.", f"items-{row - 1}-activity")
        if not cells["deadline"]:
            raise RegistryError(f"Строка {row} плана: укажите срок.", f"items-{row - 1}-deadline")
        cells["deadline"] = _check_deadline(cells["deadline"], row)
        if done:
            done = check_day(done, f"items-{row - 1}-done_on", f"Строка {row} плана, дата выполнения",
                             not_future=True).isoformat()
        checked.append({**cells, "done_on": done})
    if len(checked) > MAX_ITEMS:
        raise RegistryError(f"В плане не больше {MAX_ITEMS} строк.", "items")
    return checked


def _items(db: Database, programme_id: int) -> list[dict]:
    return [dict(row) for row in db.query("select * from programme_items where programme_id = ? order by position, id",
                                          [programme_id])]


def _with_items(db: Database, programme: dict) -> dict:
    programme = dict(programme)
    programme["items"] = _items(db, programme["id"])
    programme["items_total"] = len(programme["items"])
    programme["items_done"] = sum(1 for item in programme["items"] if item["done_on"])
    return programme


def get_programme(db: Database, pair_id: int, organization_id: int) -> dict | None:
    """The programme of the pair (its texts, ``approved_on``, ``items`` ordered by position, and
    ``items_total``, ``items_done``); None when the pair has none or is not of the organisation."""
    row = db.execute("select pr.* from programmes pr join pairs p on p.id = pr.pair_id"
                     " where pr.pair_id = ? and p.organization_id = ?", [pair_id, organization_id]).fetchone()
    return _with_items(db, row) if row else None


def save_programme(db: Database, organization_id: int, pair_id: int, values: dict, items: list[dict]) -> int:
    """Create or replace the pair's programme: ``values`` the texts of :data:`TITLES` (the goal
    required) and ``approved_on`` (ISO or empty); ``items`` the plan rows (activity, deadline, form,
    expected_result, done_on ISO or empty), stored in their order. Rows with every cell empty are
    left out; a row with anything in it needs an activity and a deadline. Returns the programme's id.

    Raises :class:`RegistryError` with the field (``goal``, ``approved_on``, ``items-2-deadline`` …)
    and writes nothing when a rule is broken: «Строка 3 плана: укажите срок.»"""
    texts = {key: check_free_text(values.get(key), key, title, TEXT_LENGTH, required=key == "goal")
             for key, title in TITLES.items()}
    approved = values.get("approved_on") or None
    if approved:
        approved = check_day(approved, "approved_on", "Дата утверждения").isoformat()
    rows = _check_items(items)
    with write(db):
        if get_pair(db, pair_id, organization_id) is None:
            raise RegistryError(f"Нет пары с номером {pair_id}.")
        stamp = now()
        record = {**texts, "approved_on": approved, "updated_at": stamp}
        existing = db.execute("select id from programmes where pair_id = ?", [pair_id]).fetchone()
        if existing:
            programme_id = existing[0]
            db["programmes"].update(programme_id, record)
        else:
            programme_id = db["programmes"].insert({**record, "pair_id": pair_id, "created_at": stamp}).last_pk
        _replace_items(db, programme_id, rows)
    return programme_id


def _replace_items(db: Database, programme_id: int, rows: list[dict]) -> None:
    """Make ``rows`` the programme's plan. A row whose activity an earlier row of the plan had keeps
    that row's id, so what refers to it (the meeting that ticked it) stays; the other rows are new,
    and the earlier rows not kept are deleted."""
    earlier: dict[str, list[int]] = {}
    for item_id, activity in db.execute("select id, activity from programme_items where programme_id = ?"
                                        " order by position", [programme_id]):
        earlier.setdefault(activity, []).append(item_id)
    kept = []
    for position, row in enumerate(rows, start=1):
        record = {**row, "programme_id": programme_id, "position": position}
        same = earlier.get(row["activity"])
        if same:
            item_id = same.pop(0)
            db["programme_items"].update(item_id, record)
        else:
            item_id = db["programme_items"].insert(record).last_pk
        kept.append(item_id)
    db.execute(f"delete from programme_items where programme_id = ? and id not in ({', '.join('?' * len(kept))})",
               [programme_id, *kept])


def get_item(db: Database, item_id: int, organization_id: int) -> dict | None:
    """A plan row with its ``pair_id``; None when there is none in the organisation."""
    row = db.execute("select i.*, pr.pair_id from programme_items i join programmes pr on pr.id = i.programme_id"
                     " join pairs p on p.id = pr.pair_id where i.id = ? and p.organization_id = ?",
                     [item_id, organization_id]).fetchone()
    return dict(row) if row else None


def mark_item(db: Database, organization_id: int, item_id: int, done_on: str | None) -> None:
    """Mark a plan row done on ISO date ``done_on`` (None clears the mark). Raises
    :class:`RegistryError` (field ``done_on``) for a row not of the organisation or a day not yet
    come."""
    if done_on:
        done_on = check_day(done_on, "done_on", "Дата выполнения", not_future=True).isoformat()
    with write(db):
        item = get_item(db, item_id, organization_id)
        if item is None:
            raise RegistryError(f"Нет строки плана с номером {item_id}.")
        db["programme_items"].update(item_id, {"done_on": done_on or None})
        db["programmes"].update(item["programme_id"], {"updated_at": now()})


def list_programmes(db: Database, organization_id: int, year: int | None = None) -> list[dict]:
    """Programmes of the organisation's pairs not archived, by the pair's start: of the pairs whose
    period overlaps the academic ``year`` (2025 = 2025/2026) when given. Each as
    :func:`get_programme` gives it, with the ``pair`` (as :func:`registry.pairs.get_pair`)."""
    where, args = ["p.organization_id = ?", "p.archived_at is null"], [organization_id]
    if year is not None:
        where.append("p.start_date <= ? and p.end_date >= ?")
        args += [f"{year + 1}-08-31", f"{year}-09-01"]
    rows = db.query(f"select pr.* from programmes pr join pairs p on p.id = pr.pair_id where {' and '.join(where)}"
                    " order by p.start_date, p.id", args)
    programmes = []
    for row in rows:
        programme = _with_items(db, row)
        programme["pair"] = get_pair(db, programme["pair_id"])
        programmes.append(programme)
    return programmes
