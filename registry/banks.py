"""The mentor bank and the mentee bank (банк наставников / наставляемых, DOMAIN.md §2, steps 2–3):
the organisation's registry of candidates. A mentee's entry keeps the professional requests and
difficulties found (профессиональные запросы, дефициты), a mentor's the competences offered; each
with the date of entry and its source (a questionnaire or an interview). A person is in a bank at
most once at a time; leaving keeps the entry with the date left."""


from sqlite_utils import Database

from registry.db import RegistryError, now, ru_date, write
from registry.pairs import check_day, check_free_text
from registry.people import full_name

#: Bank codes and their Russian names.
BANKS = {"mentor": "банк наставников", "mentee": "банк наставляемых"}
#: «в банке …» (prepositional) for messages.
_IN_BANK = {"mentor": "в банке наставников", "mentee": "в банке наставляемых"}
#: What the ``requests`` of an entry hold in each bank (the column's title).
REQUESTS_TITLES = {"mentor": "Компетенции и опыт, которыми готов делиться",
                   "mentee": "Профессиональные запросы (дефициты)"}
#: Where an entry came from, and its Russian name.
SOURCES = {"questionnaire": "анкета", "interview": "собеседование"}
#: Longest text of requests or competences, in characters.
REQUESTS_LENGTH = 2000


_SELECT = ("select e.*, p.last_name, p.first_name, p.middle_name, p.position, p.qualification_category,"
           " p.experience_years, p.archived_at as person_archived_at from bank_entries e"
           " join people p on p.id = e.person_id")


def _expand(row) -> dict:
    entry = dict(row)
    entry["full_name"] = full_name(entry)
    entry["bank_title"] = BANKS.get(entry["bank"], entry["bank"])
    entry["source_title"] = SOURCES.get(entry["source"], entry["source"])
    return entry


def list_bank(db: Database, organization_id: int, bank: str, *, current: bool = True) -> list[dict]:
    """Entries of the bank (a code of :data:`BANKS`) by surname: those in it now, or with ``current``
    False every entry, the people who left it too (``left_on`` set). Each with the person's
    ``full_name``, ``position``, ``qualification_category``, ``experience_years``, and
    ``source_title``."""
    where = "e.organization_id = ? and e.bank = ?" + (" and e.left_on is null" if current else "")
    rows = db.query(f"{_SELECT} where {where} order by p.last_name, p.first_name, p.middle_name,"
                    " e.entered_on desc, e.id desc", [organization_id, bank])
    return [_expand(row) for row in rows]


def get_entry(db: Database, entry_id: int, organization_id: int | None = None) -> dict | None:
    """One entry expanded as in :func:`list_bank`; None when there is none (or none of the
    organisation)."""
    row = db.execute(f"{_SELECT} where e.id = ?", [entry_id]).fetchone()
    if row is None or (organization_id is not None and row["organization_id"] != organization_id):
        return None
    return _expand(row)


def entry_for(db: Database, person_id: int, bank: str) -> dict | None:
    """The person's current entry in the bank, or None."""
    row = db.execute(f"{_SELECT} where e.person_id = ? and e.bank = ? and e.left_on is null",
                     [person_id, bank]).fetchone()
    return _expand(row) if row else None


def entries_of(db: Database, person_id: int) -> list[dict]:
    """Every entry of the person in either bank, the current first, then newest."""
    rows = db.query(f"{_SELECT} where e.person_id = ? order by e.left_on is not null, e.entered_on desc, e.id desc",
                    [person_id])
    return [_expand(row) for row in rows]


def save_entry(db: Database, organization_id: int, values: dict, entry_id: int | None = None) -> int:
    """Enter a person in a bank, or change an entry (``entry_id``); returns the entry's id.

    ``values``: ``bank`` (a code of :data:`BANKS`; an existing entry keeps its own), ``person_id``
    (a new entry only), ``requests`` (the mentee's requests, the mentor's competences), ``entered_on``
    (ISO), ``source`` (a code of :data:`SOURCES`). Raises :class:`RegistryError` with the field and
    writes nothing for a person not of the organisation or archived, a person already in the bank, an
    empty text, a day not yet come or an unknown source."""
    with write(db):
        if entry_id is not None:
            entry = get_entry(db, entry_id, organization_id)
            if entry is None:
                raise RegistryError(f"Нет записи банка с номером {entry_id}.")
            bank, person_id = entry["bank"], entry["person_id"]
        else:
            bank, person_id = values.get("bank"), values.get("person_id")
            if bank not in BANKS:
                raise RegistryError("Выберите банк: наставников или наставляемых.", "bank")
        requests = check_free_text(values.get("requests"), "requests", REQUESTS_TITLES[bank], REQUESTS_LENGTH,
                                   required=True)
        day = check_day(values.get("entered_on"), "entered_on", "Дата включения в банк", not_future=True)
        if values.get("source") not in SOURCES:
            raise RegistryError("Источник: выберите анкету или собеседование.", "source")
        if entry_id is None:
            person = db.execute("select * from people where id = ? and organization_id = ?",
                                [person_id, organization_id]).fetchone() if person_id else None
            if person is None:
                raise RegistryError("Выберите участника этой организации.", "person_id")
            if person["archived_at"]:
                raise RegistryError(f"{full_name(dict(person))} в архиве: сначала верните участника из архива.",
                                    "person_id")
            existing = entry_for(db, person_id, bank)
            if existing:
                raise RegistryError(f"{existing['full_name']} уже {_IN_BANK[bank]} с "
                                    f"{ru_date(existing['entered_on'])}: измените ту запись.", "person_id")
            return db["bank_entries"].insert({
                "organization_id": organization_id, "person_id": person_id, "bank": bank, "requests": requests,
                "entered_on": day.isoformat(), "source": values["source"], "left_on": None, "created_at": now(),
            }).last_pk
        if entry["left_on"] and day.isoformat() > entry["left_on"]:
            raise RegistryError(f"Дата включения в банк: {day:%d.%m.%Y} — позже даты выхода "
                                f"({ru_date(entry['left_on'])}).", "entered_on")
        db["bank_entries"].update(entry_id, {"requests": requests, "entered_on": day.isoformat(),
                                             "source": values["source"]})
        return entry_id


def leave_bank(db: Database, organization_id: int, entry_id: int, left_on: str) -> None:
    """The person leaves the bank on ISO date ``left_on``; the entry stays, with that date. Raises
    :class:`RegistryError` (field ``left_on``) for an entry not of the organisation, one already
    left, or a day before the entry or not yet come."""
    day = check_day(left_on, "left_on", "Дата выхода из банка", not_future=True)
    with write(db):
        entry = get_entry(db, entry_id, organization_id)
        if entry is None:
            raise RegistryError(f"Нет записи банка с номером {entry_id}.")
        if entry["left_on"]:
            raise RegistryError(f"{entry['full_name']} уже вне банка с {ru_date(entry['left_on'])}.", "left_on")
        if day.isoformat() < entry["entered_on"]:
            raise RegistryError(f"Дата выхода из банка: {day:%d.%m.%Y} — раньше даты включения "
                                f"({ru_date(entry['entered_on'])}).", "left_on")
        db["bank_entries"].update(entry_id, {"left_on": day.isoformat()})


def delete_entry(db: Database, organization_id: int, entry_id: int) -> None:
    """Remove an entry made by mistake (a person who left is recorded by :func:`leave_bank`)."""
    with write(db):
        if get_entry(db, entry_id, organization_id) is None:
            raise RegistryError(f"Нет записи банка с номером {entry_id}.")
        db.execute("delete from bank_entries where id = ?", [entry_id])
