"""People of the organisation and their roles in the mentoring system: the rules a record must keep,
search, archiving and deletion."""

import datetime as dt
import re
import unicodedata

from sqlite_utils import Database

from registry.db import RegistryError, now, write

#: Role codes and their Russian names.
ROLES = {"mentor": "наставник", "mentee": "наставляемый", "curator": "куратор"}

FIELDS = ("last_name", "first_name", "middle_name", "gender", "position", "subject",
          "qualification_category", "experience_years", "email", "phone", "birth_date", "personnel_number")

#: Longest value of each text field, in characters (the longest Russian job titles run to ~150).
MAX_LENGTHS = {"last_name": 60, "first_name": 40, "middle_name": 40, "position": 200, "subject": 150,
               "qualification_category": 60, "email": 254, "phone": 30, "personnel_number": 20}

#: Qualification categories as stored → their short labels in lists (the person form, the import template).
QUALIFICATION_CATEGORIES = {"соответствие занимаемой должности": "соответствие должности", "первая": "первая",
                            "высшая": "высшая", "педагог-методист": "педагог-методист",
                            "педагог-наставник": "педагог-наставник"}

FIELD_TITLES = {"last_name": "Фамилия", "first_name": "Имя", "middle_name": "Отчество", "position": "Должность",
                "subject": "Предмет / направление", "email": "Эл. почта", "phone": "Телефон",
                "personnel_number": "Табельный номер", "qualification_category": "Категория"}

_NAME_CHARS = re.compile(r"[А-Яа-яЁё\-' ’]")


def _describe(char: str) -> str:
    if char.isdigit():
        return f"цифра «{char}»"
    if unicodedata.category(char).startswith("C"):
        return f"служебный символ U+{ord(char):04X}"
    if "LATIN" in unicodedata.name(char, ""):
        return f"латинская буква «{char}» (наберите её в русской раскладке)"
    return f"знак «{char}»"


def check_name_part(value: str, field: str) -> str:
    """A surname, first name or patronymic as stored: spaces collapsed. Allowed: Cyrillic letters,
    hyphen, apostrophe and spaces («Мамедова», «Рашид кызы», «Д'Артаньян», «Петрова-Водкина»).

    Raises :class:`RegistryError` (``field``) naming the first refused character, or for a value
    longer than :data:`MAX_LENGTHS`."""
    value = " ".join(value.split())
    title = FIELD_TITLES[field]
    for char in value:
        if not _NAME_CHARS.fullmatch(char):
            raise RegistryError(f"{title}: {_describe(char)} — так писать нельзя, допустимы только русские буквы, "
                                "дефис, апостроф и пробел.", field)
    if len(value) > MAX_LENGTHS[field]:
        raise RegistryError(f"{title}: не длиннее {MAX_LENGTHS[field]} знаков.", field)
    if value and not any(char.isalpha() for char in value):
        raise RegistryError(f"{title}: нужны буквы, а не только дефис или апостроф.", field)
    return value


_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def check_text(value: str | None, field: str) -> str:
    """A free text field (position, subject, contacts): spaces collapsed; control characters, words
    mixing Latin and Cyrillic letters and values over :data:`MAX_LENGTHS` refused with
    :class:`RegistryError` (``field``)."""
    value = " ".join((value or "").split())
    title = FIELD_TITLES[field]
    for char in value:
        if unicodedata.category(char).startswith("C"):
            raise RegistryError(f"{title}: {_describe(char)} — удалите его.", field)
    if len(value) > MAX_LENGTHS[field]:
        raise RegistryError(f"{title}: не длиннее {MAX_LENGTHS[field]} знаков.", field)
    for word in re.findall(r"\w+", value):
        # «yчитель» with a Latin y looks right and declines wrong: a word is in one alphabet.
        if _CYRILLIC.search(word) and _LATIN.search(word):
            latin = _LATIN.search(word).group()
            raise RegistryError(f"{title}: в слове «{word}» латинская буква «{latin}» — наберите её в русской "
                                "раскладке.", field)
    return value


def full_name(person: dict) -> str:
    """«Фамилия Имя Отчество» of a person row."""
    return " ".join(filter(None, (person["last_name"], person["first_name"], person.get("middle_name"))))


def _with_roles(db: Database, person: dict) -> dict:
    person["roles"] = [
        row["role"] for row in db["person_roles"].rows_where("person_id = ?", [person["id"]], order_by="role")
    ]
    person["full_name"] = full_name(person)
    return person


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def list_people(db: Database, organization_id: int, role: str | None = None, *, query: str = "",
                position: str = "", archived: bool = False) -> list[dict]:
    """People of the organisation sorted by surname, each with ``roles`` (codes) and ``full_name``:
    only those holding ``role``, whose full name contains ``query`` and position contains ``position``
    (case and ё/е ignored) when given; archived people only when ``archived`` is True, the others
    otherwise."""
    sql = "select p.* from people p"
    where, args = ["p.organization_id = ?", "(p.archived_at is not null) = ?"], [organization_id, int(archived)]
    if role:
        sql += " join person_roles r on r.person_id = p.id"
        where.append("r.role = ?")
        args.append(role)
    rows = db.query(f"{sql} where {' and '.join(where)} order by p.last_name, p.first_name, p.middle_name", args)
    people = [_with_roles(db, dict(row)) for row in rows]
    if query.strip():
        words = _fold(query).split()
        people = [p for p in people if all(w in _fold(p["full_name"]) for w in words)]
    if position.strip():
        people = [p for p in people if _fold(position.strip()) in _fold(p["position"] or "")]
    return people


def get_person(db: Database, person_id: int, organization_id: int | None = None) -> dict | None:
    """A person with ``roles`` and ``full_name``; None when there is none (or, with
    ``organization_id``, none in that organisation)."""
    rows = list(db["people"].rows_where("id = ?", [person_id]))
    if not rows or (organization_id is not None and rows[0]["organization_id"] != organization_id):
        return None
    return _with_roles(db, rows[0])


def probable_duplicates(db: Database, organization_id: int, values: dict, person_id: int | None = None) -> list[dict]:
    """People of the organisation (archived too) with the same full name, ё/е and case ignored, and
    the same date of birth when both have one: probably the same person entered twice."""
    wanted = _fold(full_name(values))
    found = []
    for row in db["people"].rows_where("organization_id = ? and id != ?", [organization_id, person_id or 0]):
        if _fold(full_name(row)) != wanted:
            continue
        if values.get("birth_date") and row["birth_date"] and values["birth_date"] != row["birth_date"]:
            continue
        found.append(_with_roles(db, row))
    return found


def active_pairs_of(db: Database, person_id: int, as_role: str) -> list[dict]:
    """Active, not archived pairs in which the person is the mentor (``as_role`` "mentor") or a
    mentee ("mentee"): id, start_date, end_date."""
    if as_role == "mentor":
        sql = "select p.id, p.start_date, p.end_date from pairs p where p.mentor_id = ?"
    else:
        sql = ("select p.id, p.start_date, p.end_date from pairs p join pair_mentees m on m.pair_id = p.id"
               " where m.mentee_id = ?")
    sql += " and p.status = 'active' and p.archived_at is null"
    return [dict(row) for row in db.query(sql, [person_id])]


def save_person(db: Database, organization_id: int, values: dict, roles: list[str],
                person_id: int | None = None) -> int:
    """Insert or update a person with exactly ``roles`` (codes of :data:`ROLES`); one transaction.

    Names are checked by :func:`check_name_part`, other texts by :func:`check_text`. A role cannot be
    taken away while the person holds it in an active pair: the pair would silently lose its mentor.
    Raises :class:`RegistryError` (Russian, with the field) for any broken rule; nothing is saved then.
    """
    roles = list(dict.fromkeys(roles))
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise RegistryError(f"Неизвестная роль: {', '.join(sorted(unknown))}.", "roles")
    record = {key: values.get(key) for key in FIELDS}
    for field in ("last_name", "first_name", "middle_name"):
        record[field] = check_name_part(record[field] or "", field) or None
    for field in ("position", "subject", "qualification_category", "email", "phone", "personnel_number"):
        record[field] = check_text(record[field], field) or None
    for field in ("last_name", "first_name"):
        if not record[field]:
            raise RegistryError(f"{FIELD_TITLES[field]}: не заполнено.", field)
    if record["birth_date"]:
        born = dt.date.fromisoformat(record["birth_date"])
        if not dt.date(1920, 1, 1) <= born <= dt.date.today() - dt.timedelta(days=365 * 16):
            raise RegistryError("Дата рождения: проверьте год — сотруднику должно быть не меньше 16 лет.",
                                "birth_date")
    record["organization_id"] = organization_id
    with write(db):
        if person_id is None:
            return _insert(db, record, roles)
        if not db["people"].count_where("id = ? and organization_id = ?", [person_id, organization_id]):
            raise RegistryError(f"Нет участника с номером {person_id}.")
        for role in ("mentor", "mentee"):
            if role not in roles and active_pairs_of(db, person_id, role):
                raise RegistryError(
                    f"Роль «{ROLES[role]}» нельзя снять: {full_name(record)} — {ROLES[role]} в действующей "
                    "паре (группе). Сначала завершите эту пару или замените в ней участника, затем снимите роль.",
                    "roles")
        db["people"].update(person_id, record)
        db.execute("delete from person_roles where person_id = ?", [person_id])
        db["person_roles"].insert_all({"person_id": person_id, "role": role} for role in roles)
    return person_id


def _insert(db: Database, record: dict, roles: list[str]) -> int:
    person_id = db["people"].insert(record).last_pk
    db["person_roles"].insert_all({"person_id": person_id, "role": role} for role in roles)
    return person_id


def archive_person(db: Database, person_id: int, archived: bool = True) -> None:
    """Hide a person from lists and forms (``archived`` False brings them back); the journal keeps
    naming them. Raises :class:`RegistryError` while they are in an active pair or head the
    organisation."""
    with write(db):
        person = get_person(db, person_id)
        if archived and (active_pairs_of(db, person_id, "mentor") or active_pairs_of(db, person_id, "mentee")):
            raise RegistryError(f"{person['full_name']} — участник действующей пары (группы): сначала завершите "
                                "её, затем переносите в архив.")
        if archived and db["organizations"].count_where("head_person_id = ?", [person_id]):
            raise RegistryError(f"{person['full_name']}: участник указан руководителем организации — сначала "
                                "выберите другого руководителя.")
        db["people"].update(person_id, {"archived_at": now() if archived else None})


def delete_person(db: Database, person_id: int) -> None:
    """Delete a person outright with their roles and corrected forms. Raises :class:`RegistryError`
    when an order names them or a pair holds them: such a person can only be archived."""
    with write(db):
        person = get_person(db, person_id)
        if db["order_people"].count_where("person_id = ?", [person_id]):
            raise RegistryError(f"{person['full_name']}: участник назван в приказах журнала — удалить нельзя, "
                                "можно перенести в архив.")
        if db["pairs"].count_where("mentor_id = ?", [person_id]) or \
                db["pair_mentees"].count_where("mentee_id = ?", [person_id]):
            raise RegistryError(f"{person['full_name']} состоит в наставнических парах: сначала удалите пары "
                                "или перенесите участника в архив.")
        if db["organizations"].count_where("head_person_id = ?", [person_id]):
            raise RegistryError(f"{person['full_name']}: участник указан руководителем организации — сначала "
                                "выберите другого руководителя.")
        for table in ("person_roles", "person_forms"):
            db.execute(f"delete from {table} where person_id = ?", [person_id])
        db.execute("delete from people where id = ?", [person_id])
