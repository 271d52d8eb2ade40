"""The roadmap (дорожная карта, план мероприятий; DOMAIN.md §1, §2) of an organisation for an academic
year: events grouped by stage, each with its deadline, who is responsible, the expected result (tied,
when it is one, to a document of the catalogue), and a done mark with its date.

A deadline is typed as a person writes it and kept as a kind and a value (:func:`parse_deadline`): a
date («до 15.10.2025», «15.10»), a month or a run of months of the academic year («октябрь», «ноябрь –
апрель 2026 г.») or a phrase («ежегодно», «постоянно», «в течение учебного года»). A date or a month is
compared with today: an event not done after its deadline is overdue. A new roadmap starts from one of
the default roadmaps of ``roadmaps.json`` (school, kindergarten, municipality: the seed roadmaps'
stages and events, ../shared/seeds).
"""

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from registry.db import RegistryError, now, ru_date, write
from registry.organization import current_academic_year, get_organization
from registry.pairs import EARLIEST, LATEST, check_date, check_day, check_free_text
from registry.people import get_person, list_people

#: Status codes and their Russian names; «overdue» is computed: not done and the deadline passed.
STATUSES = {"planned": "запланировано", "done": "выполнено", "overdue": "просрочено"}
#: Documents of the catalogue an event may be tied to: registering one marks the event done.
DOCUMENT_KINDS = {
    "regulation": "Положение о системе наставничества",
    "regulation-order": "приказ об утверждении Положения и дорожной карты",
    "curator-order": "приказ о назначении куратора",
    "pairs-order": "приказ о закреплении наставнических пар (групп)",
    "programme": "персонализированные программы наставничества",
    "closing-order": "приказ о завершении наставничества",
}
#: Phrases a deadline is often written with (the form offers them; any other wording is kept as typed).
PHRASES = ("ежегодно", "постоянно", "в течение учебного года", "по мере необходимости", "ежеквартально")
#: The cells of an event, how messages name them, and their longest texts in characters.
TITLES = {"stage": "Этап", "activity": "Мероприятие", "deadline": "Срок", "responsible": "Ответственный",
          "result": "Результат (документ)", "document_kind": "Документ"}
LENGTHS = {"stage": 300, "activity": 2000, "deadline": 100, "responsible": 300, "result": 1000}
#: Most events a roadmap of one year may have.
MAX_EVENTS = 300
#: The default roadmaps: variant → title, source and stages with their events.
DEFAULTS_FILE = Path(__file__).with_name("roadmaps.json")

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь")
_MONTH = "|".join(MONTHS)
_YEAR = r"(\d{4})\s*(?:г\.?|года?)?"
_DATE = re.compile(r"(?:до\s*)?(\d{1,2})\.(\d{1,2})\.?(?:\s*(\d{4}|\d{2}))?\s*(?:г\.?|года?)?")
_MONTHS = re.compile(rf"({_MONTH})(?:\s+{_YEAR})?(?:\s*[-–—]\s*({_MONTH})(?:\s+{_YEAR})?)?")


@dataclass(frozen=True)
class Deadline:
    """A deadline as stored: ``kind`` "date" (``value`` ISO «2025-10-15»), "month" («2025-10», or a
    run of months «2025-11/2026-04») or "phrase" (the words as typed)."""

    kind: str
    value: str

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day the deadline covers; None for a phrase (never overdue)."""
        if self.kind == "date":
            day = dt.date.fromisoformat(self.value)
            return day, day
        if self.kind == "month":
            first, _, last = self.value.partition("/")
            start, end = _month(first), _month(last or first)
            return start, end.replace(day=calendar.monthrange(end.year, end.month)[1])
        return None

    def text(self) -> str:
        """As a roadmap prints it: «до 15.10.2025», «октябрь 2025 г.», «ноябрь – декабрь 2025 г.»,
        «декабрь 2025 г. – апрель 2026 г.», or the phrase."""
        if self.kind == "date":
            return f"до {ru_date(self.value)}"
        if self.kind == "month":
            first, _, last = self.value.partition("/")
            start, end = _month(first), _month(last or first)
            if start == end:
                return f"{MONTHS[start.month - 1]} {start.year} г."
            if start.year == end.year:
                return f"{MONTHS[start.month - 1]} – {MONTHS[end.month - 1]} {end.year} г."
            return f"{MONTHS[start.month - 1]} {start.year} г. – {MONTHS[end.month - 1]} {end.year} г."
        return self.value


def _month(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def _in_year(month: int, year: int) -> int:
    """The calendar year of ``month`` in the academic year starting in September of ``year``."""
    return year if month >= 9 else year + 1


def _full_year(text: str | None) -> int | None:
    if not text:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


def parse_deadline(text: str | None, year: int, field: str = "deadline", title: str = "Срок") -> Deadline:
    """The deadline a person typed, for the academic ``year`` (2025 = 2025/2026): «до 15.10.2025»,
    «15.10.2025 г.», «до 15.10» (a date; without a year, the one of the academic year), «октябрь»,
    «октябрь 2025 г.», «ноябрь – апрель», «ноябрь – декабрь 2025 г.» (a month or a run of months), anything
    else a phrase kept as typed («постоянно», «в течение учебного года»). Raises :class:`RegistryError`
    (``field``, the message starting with ``title``) for an empty text, a date that does not exist or
    one outside 2000–2100."""
    words = " ".join((text or "").replace("\u00a0", " ").split())
    if not words:
        raise RegistryError(f"{title}: не заполнено — впишите дату, месяц или, например, «постоянно».", field)
    if len(words) > LENGTHS["deadline"]:
        raise RegistryError(f"{title}: не длиннее {LENGTHS['deadline']} знаков (сейчас {len(words)}).", field)
    folded = words.lower().replace("ё", "е")
    date = _DATE.fullmatch(folded)
    if date:
        day, month = int(date.group(1)), int(date.group(2))
        calendar_year = _full_year(date.group(3)) or (_in_year(month, year) if 1 <= month <= 12 else year)
        try:
            value = dt.date(calendar_year, month, day)
        except ValueError:
            raise RegistryError(f"{title}: «{words}» — такой даты нет. Впишите дату в виде ДД.ММ.ГГГГ, месяц "
                                "(«октябрь») или словами («постоянно»).", field) from None
        check_date(value, field, title)
        return Deadline("date", value.isoformat())
    months = _MONTHS.fullmatch(folded)
    if months:
        first, first_year, last, last_year = months.groups()
        first_month = MONTHS.index(first) + 1
        last_month = MONTHS.index(last) + 1 if last else first_month
        end_year = int(last_year) if last_year else None
        start_year = int(first_year) if first_year else None
        if start_year is None and end_year is None:
            start_year, end_year = _in_year(first_month, year), _in_year(last_month, year)
        elif start_year is None:
            start_year = end_year if first_month <= last_month else end_year - 1
        elif end_year is None:
            end_year = start_year if last_month >= first_month else start_year + 1
        if not all(EARLIEST.year <= y <= LATEST.year for y in (start_year, end_year)):
            raise RegistryError(f"{title}: «{words}» — укажите месяц между 2000 и 2100 годом.", field)
        start, end = dt.date(start_year, first_month, 1), dt.date(end_year, last_month, 1)
        if end < start:
            raise RegistryError(f"{title}: «{words}» — конец раньше начала; проверьте месяцы и годы.", field)
        value = f"{start:%Y-%m}" if start == end else f"{start:%Y-%m}/{end:%Y-%m}"
        return Deadline("month", value)
    return Deadline("phrase", words)


def _check_year(year) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2099:
        raise RegistryError("Учебный год: укажите первый год, например 2025 для 2025/2026, между 2000 и 2099.", "year")
    return year


def check_event(db: Database, organization_id: int, year: int, values: dict, where: str = "") -> dict:
    """The event to store from ``values`` (``stage``, ``activity``, ``deadline`` as typed,
    ``responsible`` — a role or words, ``responsible_person_id`` — a person of the organisation,
    ``result``, ``document_kind`` — a key of :data:`DOCUMENT_KINDS`) for the academic ``year``: texts
    normalised, the deadline parsed. An activity and a deadline are required, and a responsible person
    or role. Raises :class:`RegistryError` naming the field; ``where`` («Строка 5») opens each message
    when given: «Строка 5, срок: не заполнено …»."""
    _check_year(year)

    def title(key: str) -> str:
        return f"{where}, {TITLES[key].lower()}" if where else TITLES[key]

    texts = {key: check_free_text(values.get(key), key, title(key), LENGTHS[key], required=key == "activity")
             for key in ("stage", "activity", "responsible", "result")}
    texts["stage"] = " ".join(texts["stage"].split())
    deadline = parse_deadline(values.get("deadline"), year, "deadline", title("deadline"))
    person_id = values.get("responsible_person_id") or None
    if person_id is not None and (not isinstance(person_id, int) or get_person(db, person_id, organization_id) is None):
        raise RegistryError(f"{title('responsible')}: такого сотрудника нет в организации — выберите из списка.",
                            "responsible_person_id")
    if not texts["responsible"] and person_id is None:
        raise RegistryError(f"{title('responsible')}: выберите сотрудника или впишите роль, например «куратор».",
                            "responsible")
    kind = values.get("document_kind") or None
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise RegistryError(f"{title('document_kind')}: «{str(kind)[:40]}» — такого документа нет; выберите из списка.",
                            "document_kind")
    return {**texts, "deadline_kind": deadline.kind, "deadline_value": deadline.value,
            "responsible_person_id": person_id, "document_kind": kind}


def _short(person: dict) -> str:
    """«Абашева Е.А.»."""
    initials = "".join(f"{part[0]}." for part in (person["first_name"], person.get("middle_name")) if part)
    return f"{person['last_name']} {initials}".strip()


def deadline_of(event: dict) -> Deadline:
    """The deadline of an event row (its ``deadline_kind`` and ``deadline_value``)."""
    return Deadline(event["deadline_kind"], event["deadline_value"])


def status_of(event: dict, today: dt.date) -> str:
    """"done", "overdue" (not done and the last day of the deadline before ``today``) or "planned"."""
    if event["done_on"]:
        return "done"
    span = deadline_of(event).span()
    return "overdue" if span and span[1] < today else "planned"


def _expand(db: Database, row: dict, today: dt.date) -> dict:
    event = dict(row)
    person = get_person(db, event["responsible_person_id"]) if event["responsible_person_id"] else None
    event["person"] = person
    event["responsible_text"] = " ".join(filter(None, [event["responsible"], _short(person) if person else ""]))
    event["deadline_text"] = deadline_of(event).text()
    event["status"] = status_of(event, today)
    event["status_title"] = STATUSES[event["status"]]
    event["document_title"] = DOCUMENT_KINDS.get(event["document_kind"] or "", "")
    order = (db.execute("select id, number, date from orders where id = ?", [event["done_order_id"]]).fetchone()
             if event["done_order_id"] else None)
    event["done_order"] = dict(order) if order else None
    return event


def list_events(db: Database, organization_id: int, year: int, today: dt.date | None = None) -> list[dict]:
    """The events of the organisation's roadmap for the academic ``year`` (2025 = 2025/2026), by
    position. Each row with ``deadline_text`` («до 15.10.2025»), ``responsible_text`` («куратор
    Абашева Е.А.»), ``person`` (the responsible person or None), ``status`` (a key of
    :data:`STATUSES` on ``today``, default the real one), ``status_title``, ``document_title`` and
    ``done_order`` (id, number, date of the order that marked it done, or None)."""
    today = today or dt.date.today()
    rows = db.query("select * from roadmap_events where organization_id = ? and year = ? order by position, id",
                    [organization_id, year])
    return [_expand(db, row, today) for row in rows]


def grouped(events: list[dict]) -> list[dict]:
    """The events as the roadmap prints them: consecutive events of one stage together,
    ``[{"stage": "…" or "", "events": […]}, …]``."""
    groups: list[dict] = []
    for event in events:
        if not groups or groups[-1]["stage"] != event["stage"]:
            groups.append({"stage": event["stage"], "events": []})
        groups[-1]["events"].append(event)
    return groups


def stages(db: Database, organization_id: int, year: int) -> list[str]:
    """The stages of the year's roadmap, in their order (for the choices of a form)."""
    return [group["stage"] for group in grouped(list_events(db, organization_id, year)) if group["stage"]]


def roadmap_years(db: Database, organization_id: int) -> list[int]:
    """The academic years the organisation has roadmap events for, latest first."""
    return [row[0] for row in db.execute("select distinct year from roadmap_events where organization_id = ?"
                                         " order by year desc", [organization_id]).fetchall()]


def get_event(db: Database, organization_id: int, event_id: int, today: dt.date | None = None) -> dict | None:
    """An event as :func:`list_events` gives it; None when the organisation has none with that id."""
    row = db.execute("select * from roadmap_events where id = ? and organization_id = ?",
                     [event_id, organization_id]).fetchone()
    return _expand(db, row, today or dt.date.today()) if row else None


def _slot(db: Database, organization_id: int, year: int, stage: str) -> int:
    """The position after the last event of ``stage`` (after all when the stage is new), the events
    below it moved down by one."""
    last = db.execute("select max(position) from roadmap_events where organization_id = ? and year = ? and stage = ?",
                      [organization_id, year, stage]).fetchone()[0]
    if last is None:
        last = db.execute("select coalesce(max(position), 0) from roadmap_events"
                          " where organization_id = ? and year = ?", [organization_id, year]).fetchone()[0]
    db.execute("update roadmap_events set position = position + 1 where organization_id = ? and year = ?"
               " and position > ?", [organization_id, year, last])
    return last + 1


def _count(db: Database, organization_id: int, year: int) -> int:
    return db["roadmap_events"].count_where("organization_id = ? and year = ?", [organization_id, year])


def save_event(db: Database, organization_id: int, year: int, values: dict, event_id: int | None = None) -> int:
    """Add an event to the roadmap of the academic ``year`` (at the end of its stage), or change event
    ``event_id`` (moved to the end of its new stage when the stage changes; its done mark kept). ``values``
    as :func:`check_event` takes them. Returns the event's id. Raises :class:`RegistryError` naming the
    field and writes nothing when a rule is broken."""
    record = check_event(db, organization_id, year, values)
    with write(db):
        stamp = now()
        if event_id is None:
            if _count(db, organization_id, year) >= MAX_EVENTS:
                raise RegistryError(f"В дорожной карте одного учебного года — не больше {MAX_EVENTS} мероприятий.")
            position = _slot(db, organization_id, year, record["stage"])
            return db["roadmap_events"].insert({**record, "organization_id": organization_id, "year": year,
                                                "position": position, "created_at": stamp,
                                                "updated_at": stamp}).last_pk
        current = get_event(db, organization_id, event_id)
        if current is None or current["year"] != year:
            raise RegistryError(f"Нет мероприятия с номером {event_id}.")
        if current["stage"] != record["stage"]:
            record["position"] = _slot(db, organization_id, year, record["stage"])
        db["roadmap_events"].update(event_id, {**record, "updated_at": stamp})
        return event_id


def add_events(db: Database, organization_id: int, year: int, events: list[dict], *, replace: bool = False) -> int:
    """Add ``events`` (each as :func:`check_event` takes it) in their order to the roadmap of the
    academic ``year``, all in one transaction; with ``replace`` the year's events are deleted first.
    Returns how many were added. Raises :class:`RegistryError` («Мероприятие 3, срок: …») and writes
    nothing when any is wrong, or when the year already has events and ``replace`` is not set."""
    _check_year(year)
    records = [check_event(db, organization_id, year, values, f"Мероприятие {number}")
               for number, values in enumerate(events, start=1)]
    if not records:
        raise RegistryError("Нет ни одного мероприятия.")
    if len(records) > MAX_EVENTS:
        raise RegistryError(f"В дорожной карте одного учебного года — не больше {MAX_EVENTS} мероприятий.")
    with write(db):
        if replace:
            db.execute("delete from roadmap_events where organization_id = ? and year = ?", [organization_id, year])
        elif _count(db, organization_id, year):
            raise RegistryError(f"Дорожная карта на {year}/{year + 1} учебный год уже есть: измените её или замените "
                                "целиком.", "year")
        stamp = now()
        db["roadmap_events"].insert_all(
            {**record, "organization_id": organization_id, "year": year, "position": position,
             "created_at": stamp, "updated_at": stamp} for position, record in enumerate(records, start=1))
    return len(records)


def delete_event(db: Database, organization_id: int, event_id: int) -> None:
    """Delete an event of the organisation; raises :class:`RegistryError` when there is none."""
    with write(db):
        if get_event(db, organization_id, event_id) is None:
            raise RegistryError(f"Нет мероприятия с номером {event_id}.")
        db.execute("delete from roadmap_events where id = ?", [event_id])


def mark_done(db: Database, organization_id: int, event_id: int, day: str | dt.date) -> None:
    """Mark an event done on ``day`` (ISO or a date; not after today, within 2000–2100). Raises
    :class:`RegistryError` (field ``done_on``) otherwise, or when the organisation has no such event."""
    done = check_day(day, "done_on", "Дата выполнения", not_future=True).isoformat()
    with write(db):
        if get_event(db, organization_id, event_id) is None:
            raise RegistryError(f"Нет мероприятия с номером {event_id}.")
        db["roadmap_events"].update(event_id, {"done_on": done, "done_order_id": None, "updated_at": now()})


def undo_done(db: Database, organization_id: int, event_id: int) -> None:
    """Clear the done mark of an event (and the order that set it)."""
    with write(db):
        if get_event(db, organization_id, event_id) is None:
            raise RegistryError(f"Нет мероприятия с номером {event_id}.")
        db["roadmap_events"].update(event_id, {"done_on": None, "done_order_id": None, "updated_at": now()})


def mark_done_for_document(db: Database, organization_id: int, kind: str, day: str, order_id: int | None) -> int:
    """A document of the catalogue ``kind`` («curator-order» …) registered on ``day`` (ISO) — by the
    journal's order ``order_id`` when it is an order: the events of the organisation's current academic
    year (the one its profile names, else the one holding ``day``) tied to that kind and not yet done are
    marked done on ``day``, with the order. Returns how many. Raises :class:`RegistryError` for a day
    outside 2000–2100 or an order of another organisation."""
    done = check_day(day, "date", "Дата документа")
    with write(db):
        if order_id is not None and not db["orders"].count_where("id = ? and organization_id = ?",
                                                                 [order_id, organization_id]):
            raise RegistryError(f"Нет приказа с номером {order_id} в журнале организации.")
        organization = get_organization(db, organization_id) or {}
        year = current_academic_year(organization, done)
        cursor = db.execute("update roadmap_events set done_on = ?, done_order_id = ?, updated_at = ?"
                            " where organization_id = ? and year = ? and document_kind = ? and done_on is null",
                            [done.isoformat(), order_id, now(), organization_id, year, kind])
        return cursor.rowcount


def due_events(db: Database, organization_id: int, today: dt.date) -> dict:
    """What the curator's start page shows for the organisation's current academic year (its profile's,
    else the one holding ``today``): ``{"year": 2025, "total": 20, "this_month": [...], "overdue": [...]}``
    — ``total`` the events of the year; ``this_month`` those not done whose deadline (a date or months)
    falls within ``today``'s month and has not passed; ``overdue`` those whose deadline passed; each list by
    its deadline, events as :func:`list_events` gives them. A deadline in words is never due nor overdue."""
    year = current_academic_year(get_organization(db, organization_id) or {}, today)
    month_start = today.replace(day=1)
    month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    this_month, overdue = [], []
    events = list_events(db, organization_id, year, today)
    for event in events:
        span = deadline_of(event).span()
        if event["done_on"] or span is None:
            continue
        if event["status"] == "overdue":
            overdue.append((span[1], event["position"], event))
        elif span[0] <= month_end and span[1] >= month_start:
            this_month.append((span[1], event["position"], event))
    return {"year": year, "total": len(events),
            "this_month": [e for *_, e in sorted(this_month, key=lambda t: t[:2])],
            "overdue": [e for *_, e in sorted(overdue, key=lambda t: t[:2])]}


@cache
def default_roadmaps() -> dict:
    """``roadmaps.json``: variant → {"title", "source", "stages": [{"stage", "events": [...]}]}."""
    return json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))


def variants() -> dict[str, str]:
    """Variant → its Russian title («школа (общеобразовательная организация)» …)."""
    return {key: roadmap["title"] for key, roadmap in default_roadmaps().items()}


def start_roadmap(db: Database, organization_id: int, year: int, variant: str) -> int:
    """Give the academic ``year`` the default roadmap ``variant`` ("school", "kindergarten",
    "municipality"): its stages and events with deadlines in that year, the head (by the position) or
    the curator (the first person with the role «куратор») named where the event is theirs. Returns how
    many events. Raises :class:`RegistryError` for an unknown variant or a year that already has a roadmap."""
    if variant not in default_roadmaps():
        raise RegistryError("Образец дорожной карты: выберите из списка.", "variant")
    organization = get_organization(db, organization_id) or {}
    curators = list_people(db, organization_id, "curator")
    people = {"head": organization.get("head_person_id"), "curator": curators[0]["id"] if curators else None}
    events = []
    for stage in default_roadmaps()[variant]["stages"]:
        for event in stage["events"]:
            values = {key: event.get(key) for key in ("activity", "deadline", "responsible", "result", "document_kind")}
            person_id = people.get(event.get("who"))
            if person_id and event["who"] == "head":
                # «директор Ведерников А.А.», as seed 001 names him, rather than «руководитель ОО».
                values["responsible"] = organization.get("head_position") or values["responsible"]
            events.append({**values, "stage": stage["stage"], "responsible_person_id": person_id})
    return add_events(db, organization_id, year, events)

