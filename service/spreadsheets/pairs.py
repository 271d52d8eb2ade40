"""The sheet «Пары и группы»: its columns, a row read into a mentor, mentees, a form and a period,
people named in it found among the organisation's people (those of the file's «Участники» already
added), and the rows of the export. How a cell names people (:func:`name_ref`, :func:`name_refs`,
:class:`People`, :func:`name_cells`) serves the sheet «Программы» too.

A row is the pair of the registry with the same mentor, the same mentees and the same start date
when there is one (then its form, end and state are updated), a new pair otherwise. The registry's
own rules (:func:`registry.pairs.save_pair`) decide the rest: one active pair per mentee, the end not
before the start."""

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

from registry.db import RegistryError
from registry.pairs import EXPIRED, STATUSES, check_date, list_forms, list_pairs, save_pair
from registry.people import check_name_part, list_people
from service.spreadsheets.people import is_example, sentence
from service.spreadsheets.report import ImportReport
from service.spreadsheets.workbook import DATE_FORMAT, Column, Layout, Table, fold, text, to_date

COLUMNS = (
    Column("mentor", "Наставник (ФИО)", 30, "ФИО полностью, как на листе «Участники» или в реестре; тёзок различает "
                                            "табельный номер в скобках: «Иванов Иван Иванович (123)»"),
    Column("mentees", "Наставляемые (ФИО через «;»)", 44, "один наставляемый — пара, несколько через «;» — группа"),
    Column("form", "Форма наставничества", 30, "из списка форм реестра"),
    Column("start_date", "Начало", 12, "ДД.ММ.ГГГГ, между 2000 и 2100 годом", DATE_FORMAT),
    Column("end_date", "Окончание", 12, "ДД.ММ.ГГГГ, не раньше начала", DATE_FORMAT),
    Column("status", "Состояние", 19, "из списка; пусто — «действует»"),
)
LAYOUT = Layout("Пары и группы", COLUMNS, required=("mentor", "mentees", "form", "start_date", "end_date"))

#: The example row of the template, in the order of :data:`COLUMNS`; an upload's row equal to it is skipped.
EXAMPLE = ("Образцова Мария Ивановна", "Новикова Анна Сергеевна; Петров Олег Ильич", "групповая",
           dt.date(2025, 9, 1), dt.date(2026, 5, 31), "действует")

#: The registry's refusals by field → the column they concern.
_COLUMN_OF_FIELD = {"mentee_ids": "mentees", "start_date": "start_date", "end_date": "end_date", "status": "status"}
_STATUSES = {fold(title): code for code, title in STATUSES.items()} | {fold(EXPIRED): "active"}
_WITH_NUMBER = re.compile(r"(?P<name>[^()]*?)\s*\((?P<number>[^()]*)\)")


@dataclass(frozen=True)
class NameRef:
    """A person named in a cell: the ``text`` as written, the full ``name``, and the personnel
    ``number`` written in brackets after it (None without)."""

    text: str
    name: str
    number: str | None


def name_ref(written: str) -> NameRef:
    """The person a cell names: «Иванов Иван Иванович» or «Иванов Иван Иванович (123)». Raises
    RegistryError for a name with characters no name holds (Latin letters, digits)."""
    match = _WITH_NUMBER.fullmatch(written)
    name, number = (match["name"], match["number"].strip() or None) if match else (written, None)
    return NameRef(written, " ".join(check_name_part(word, "last_name") for word in name.split()), number)


def name_refs(value) -> list[NameRef]:
    """The people a cell of mentees names, separated by «;» (or «,», or line breaks). Raises
    RegistryError as :func:`name_ref`, ValueError when the cell names nobody."""
    refs = [name_ref(part.strip()) for part in re.split(r"[;,\n]", text(value)) if part.strip()]
    if not refs:
        raise ValueError("Не заполнено: впишите ФИО наставляемых через «;».")
    return refs


@dataclass
class PairRow:
    """A row of «Пары и группы» as read (cells refused: ``failed``, the row is not applied)."""

    table: Table
    row: int
    mentor: NameRef | None = None
    mentees: list[NameRef] = field(default_factory=list)
    form: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = "active"
    failed: bool = False


def _read(row: PairRow, key: str, value) -> None:
    """Fill ``row`` from the filled cell of column ``key``; raises RegistryError or ValueError."""
    if key == "mentor":
        row.mentor = name_ref(text(value))
    elif key == "mentees":
        row.mentees = name_refs(value)
    elif key == "form":
        row.form = text(value)
    elif key in ("start_date", "end_date"):
        day = to_date(value)
        check_date(day, key, LAYOUT.column(key).title)
        setattr(row, key.removesuffix("_date"), day)
    elif fold(text(value)) not in _STATUSES:
        raise ValueError(f"«{text(value)[:30]}» — выберите из списка: {', '.join(STATUSES.values())}.")
    else:
        row.status = _STATUSES[fold(text(value))]


def parse(table: Table, report: ImportReport) -> list[PairRow]:
    """The rows of a «Пары и группы» table (the template's example row skipped with a note); every
    refused cell goes to ``report.problems`` and marks its row failed."""
    rows = []
    for number, cells in table.rows:
        if is_example(table, cells, EXAMPLE):
            report.notes.append(f"Лист «{table.sheet}», строка {number}: пример из шаблона — пропущен.")
            continue
        row = PairRow(table, number)
        for column in COLUMNS:
            value = table.value(cells, column.key)
            try:
                if text(value):
                    _read(row, column.key, value)
                elif column.key in LAYOUT.required:
                    raise ValueError("Не заполнено.")
            except RegistryError as error:
                report.problems.append(table.problem(number, column.key, name_sentence(error, column)))
                row.failed = True
            except ValueError as error:
                report.problems.append(table.problem(number, column.key, str(error)))
                row.failed = True
        rows.append(row)
    return rows


def name_sentence(error: RegistryError, column: Column) -> str:
    """A refusal of a cell of ``column`` as the table of problems says it: a name's check speaks of
    «Фамилия», which the column of names does not need to repeat."""
    return sentence(error, "Фамилия" if column.key in ("mentor", "mentees") else column.title)


#: «Наставника …», «Наставляемого …» in the messages about a name.
_WHOM = {"mentor": "Наставника", "mentees": "Наставляемого"}


class People:
    """People of the organisation (archived too) by folded full name, and the names of the file's
    «Участники» rows that were refused (folded name → (sheet, row))."""

    def __init__(self, db: Database, organization_id: int, refused: dict[str, tuple[str, int]]):
        self.by_name: dict[str, list[dict]] = defaultdict(list)
        for person in list_people(db, organization_id) + list_people(db, organization_id, archived=True):
            self.by_name[fold(person["full_name"])].append(person)
        self.refused = refused

    def find(self, ref: NameRef, key: str) -> dict:
        """The person ``ref`` names in column ``key``. Raises ValueError (Russian message) when none
        or several fit (among namesakes one not archived is preferred)."""
        found = self.by_name.get(fold(ref.name), [])
        if ref.number:
            found = [p for p in found if fold(p["personnel_number"] or "") == fold(ref.number)]
        if len(found) > 1:
            found = [p for p in found if not p["archived_at"]] or found
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(f"В реестре несколько участников «{ref.name}»: допишите табельный номер в скобках, "
                             f"например «{ref.name} (123)».")
        if fold(ref.name) in self.refused:
            sheet, row = self.refused[fold(ref.name)]
            raise ValueError(f"{_WHOM[key]} «{ref.text}» описывает строка {row} листа «{sheet}», а в ней ошибка: "
                             "исправьте её.")
        raise ValueError(f"{_WHOM[key]} «{ref.text}» нет ни на листе «Участники», ни в реестре организации: "
                         "проверьте ФИО или добавьте участника.")


def _newcomer_problems(mentor: dict, mentees: list[dict], form: dict) -> list[tuple[str, str]]:
    """(column, message) for what a new pair may not take (the pair form offers only these): a
    participant without the role or archived, an archived form."""
    problems = []
    for key, person, role, title in [("mentor", mentor, "mentor", "наставник"),
                                     *(("mentees", m, "mentee", "наставляемый") for m in mentees)]:
        if person["archived_at"]:
            problems.append((key, f"{person['full_name']} в архиве: верните участника из архива или выберите "
                                  "другого."))
        elif role not in person["roles"]:
            column = "Наставник" if role == "mentor" else "Наставляемый"
            problems.append((key, f"У участника {person['full_name']} нет роли «{title}»: впишите «да» в столбце "
                                  f"«{column}» листа «Участники» или отметьте роль в его карточке."))
    if form["archived_at"]:
        problems.append(("form", f"Форма «{form['name']}» убрана в архив: верните её в «Пары и группы» → «Формы "
                                 "наставничества» или выберите другую."))
    return problems


def describe(mentor: dict, mentees: list[dict], start: dt.date, end: dt.date) -> str:
    """«Черных Ольга Ильинична → Шевчук Анна Сергеевна, 15.09.2025–31.05.2026»."""
    return f"{mentor['full_name']} → {', '.join(m['full_name'] for m in mentees)}, {start:%d.%m.%Y}–{end:%d.%m.%Y}"


def _resolve(row: PairRow, people: People, forms: dict[str, dict]) -> tuple[list[tuple[str, str]], dict]:
    """(problems as (column, message), the row's ``mentor``, ``mentees`` and ``form`` of the registry)."""
    problems, found = [], {"mentor": None, "mentees": {}, "form": forms.get(fold(row.form))}
    for key, refs in (("mentor", [row.mentor]), ("mentees", row.mentees)):
        for ref in refs:
            try:
                person = people.find(ref, key)
            except ValueError as error:
                problems.append((key, str(error)))
                continue
            if key == "mentor":
                found["mentor"] = person
            else:
                found["mentees"][person["id"]] = person
    if found["mentor"] and found["mentor"]["id"] in found["mentees"]:
        problems.append(("mentees", "Наставник не может быть среди своих наставляемых: уберите его из этого списка."))
    if found["form"] is None:
        problems.append(("form", f"«{row.form}» — нет в списке форм наставничества: выберите форму из списка "
                                 "(его можно дополнить в «Пары и группы» → «Формы наставничества»)."))
    found["mentees"] = list(found["mentees"].values())
    return problems, found


def apply(db: Database, organization_id: int, rows: list[PairRow], report: ImportReport,
          refused: dict[str, tuple[str, int]]) -> None:
    """Create or update the pairs of the rows not failed, inside the caller's transaction (after the
    people of the file are applied, so that they can be named); what is done goes to
    ``report.pairs``, what the registry refuses to ``report.problems``. ``refused``: names of the
    file's people rows that failed (folded full name → (sheet, row)), for a clearer message. A row
    refused here is marked failed too."""
    people = People(db, organization_id, refused)
    forms = {fold(f["name"]): f for f in list_forms(db, archived=None)}
    stored = {(p["mentor_id"], tuple(sorted(m["id"] for m in p["mentees"])), p["start_date"]): p
              for p in list_pairs(db, organization_id) + list_pairs(db, organization_id, archived=True)}
    seen: dict[tuple, PairRow] = {}
    for row in rows:
        if row.failed:
            continue
        problems, found = _resolve(row, people, forms)
        mentor, mentees, form = found["mentor"], found["mentees"], found["form"]
        existing = None
        if not problems:
            key = (mentor["id"], tuple(sorted(m["id"] for m in mentees)), row.start.isoformat())
            existing = stored.get(key)
            if key in seen:
                earlier = seen[key]
                problems = [(None, f"Эта пара (группа) уже есть на листе «{earlier.table.sheet}» в строке "
                                   f"{earlier.row}: оставьте одну строку.")]
            else:
                seen[key] = row
                problems = [] if existing else _newcomer_problems(mentor, mentees, form)
        for column, message in problems:
            report.problems.append(row.table.problem(row.row, column, message))
        if problems:
            row.failed = True
            continue
        values = {"mentor_id": mentor["id"], "form_id": form["id"], "start_date": row.start.isoformat(),
                  "end_date": row.end.isoformat(), "status": row.status}
        if existing is not None and all(existing[k] == v for k, v in values.items()):
            report.pairs.unchanged += 1
            continue
        try:
            save_pair(db, organization_id, values, [m["id"] for m in mentees], existing["id"] if existing else None)
        except RegistryError as error:
            column = _COLUMN_OF_FIELD.get(error.field or "")
            message = sentence(error, LAYOUT.column(column).title) if column else error.message
            report.problems.append(row.table.problem(row.row, column, message))
            row.failed = True
            continue
        (report.pairs.updated if existing else report.pairs.created).append(
            describe(mentor, mentees, row.start, row.end))


def name_cells(pair: dict, namesakes: set[str]) -> tuple[str, str]:
    """The cells naming the mentor and the mentees of ``pair`` (as :func:`registry.pairs.list_pairs`
    gives it); a person whose folded full name is in ``namesakes`` is named with the personnel
    number in brackets, so that the cells read back to the same people."""

    def name(person: dict) -> str:
        if fold(person["full_name"]) in namesakes and person["personnel_number"]:
            return f"{person['full_name']} ({person['personnel_number']})"
        return person["full_name"]

    return name(pair["mentor"]), "; ".join(name(m) for m in pair["mentees"])


def cells(pair: dict, namesakes: set[str]) -> list:
    """A pair of the registry (as :func:`registry.pairs.list_pairs` gives it) as a row of
    :data:`COLUMNS`, named as :func:`name_cells` says."""
    return [*name_cells(pair, namesakes), pair["form"], dt.date.fromisoformat(pair["start_date"]),
            dt.date.fromisoformat(pair["end_date"]), pair["status_title"]]
