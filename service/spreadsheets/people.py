"""The sheet «Участники»: its columns, a row read into a person's fields and roles, matching rows to
people already in the registry, and the rows of the export.

A row matches a person of the organisation (archived ones too) by personnel number; failing that,
by full name and date of birth; failing that, by full name alone (a person stored without a date of
birth, or a row without one). A matched person is updated, never added twice; an empty cell keeps
what the registry holds (a staff list without phones does not erase the phones)."""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlite_utils import Database

from registry.db import RegistryError
from registry.people import (
    FIELD_TITLES,
    FIELDS,
    QUALIFICATION_CATEGORIES,
    ROLES,
    check_name_part,
    check_text,
    full_name,
    list_people,
    save_person,
)
from service.grammar.gender import FEMALE, MALE, GenderUnknown
from service.grammar.names import PersonName
from service.spreadsheets.report import ImportReport
from service.spreadsheets.workbook import (
    DATE_FORMAT,
    TEXT_FORMAT,
    Column,
    Layout,
    Table,
    fold,
    text,
    to_date,
    to_flag,
    yes_no,
)

_YES_NO = "да или нет; пусто — у нового участника «нет», у найденного в реестре роль не меняется"

COLUMNS = (
    Column("last_name", "Фамилия", 16, "обязательно; русские буквы, дефис, апостроф, пробел"),
    Column("first_name", "Имя", 13, "обязательно"),
    Column("middle_name", "Отчество", 16, "если есть («Рашид кызы» — тоже отчество)"),
    Column("gender", "Пол (м/ж)", 8, "м или ж; пусто — по ФИО (если по ФИО не понять, сервис попросит указать)"),
    Column("birth_date", "Дата рождения", 13, "ДД.ММ.ГГГГ; помогает отличить тёзок", DATE_FORMAT),
    Column("personnel_number", "Табельный номер", 11, "по нему участник находится при повторной загрузке",
           TEXT_FORMAT),
    Column("position", "Должность", 32, "в именительном падеже, как в штатном расписании; обязательно для нового "
                                        "участника"),
    Column("subject", "Предмет", 20, "предмет или направление"),
    Column("qualification_category", "Категория", 20, "из списка; «без категории» убирает категорию"),
    Column("experience_years", "Стаж", 7, "педагогический стаж, лет: число от 0 до 70 (можно 4,5)"),
    Column("email", "Эл. почта", 24, ""),
    Column("phone", "Телефон", 17, "", TEXT_FORMAT),
    Column("mentor", "Наставник (да/нет)", 11, _YES_NO),
    Column("mentee", "Наставляемый (да/нет)", 13, _YES_NO),
    Column("curator", "Куратор (да/нет)", 10, _YES_NO),
)
LAYOUT = Layout("Участники", COLUMNS, required=("last_name", "first_name"))
_KEYS = {c.key for c in COLUMNS}

#: The example row of the template, in the order of :data:`COLUMNS`; an upload's row equal to it is skipped.
EXAMPLE = ("Образцова", "Мария", "Ивановна", "ж", dt.date(1985, 4, 12), "0001", "учитель начальных классов",
           "начальные классы", "первая", 12, "obraztsova@example.ru", "+7 900 000-00-00", "да", "нет", "нет")

GENDER_CELLS = {MALE: "м", FEMALE: "ж"}
_GENDERS = {"м": MALE, "муж": MALE, "мужской": MALE, "ж": FEMALE, "жен": FEMALE, "женский": FEMALE}
#: What the category column offers: the registry's categories and a way to remove one.
NO_CATEGORY = "без категории"
CATEGORY_CHOICES = (*QUALIFICATION_CATEGORIES, NO_CATEGORY)
_CATEGORIES = {fold(value): value for value in QUALIFICATION_CATEGORIES} | {
    fold(label): value for value, label in QUALIFICATION_CATEGORIES.items()} | {fold(NO_CATEGORY): None}


@dataclass
class PersonRow:
    """A row of «Участники» as read: the registry fields whose cells are filled (checked and
    normalised; a category of «без категории» is None), the roles whose cells say да or нет, and
    whether any cell was refused (``failed``: the row is not applied)."""

    table: Table
    row: int
    values: dict = field(default_factory=dict)
    roles: dict[str, bool] = field(default_factory=dict)
    failed: bool = False

    @property
    def name(self) -> str:
        return full_name({"middle_name": None, **self.values})


def is_example(table: Table, cells: tuple, example: tuple) -> bool:
    """Whether a row is the template's untouched example row (every column present and equal)."""
    return all(table.has(c.key) and fold(text(table.value(cells, c.key))) == fold(text(value))
               for c, value in zip(table.layout.columns, example, strict=True))


def sentence(error: RegistryError, prefix: str) -> str:
    """A registry message without the column title it starts with («Фамилия: латинская …» →
    «Латинская …»): the table of problems names the column already."""
    message = error.message
    if message.startswith(f"{prefix}: "):
        message = message[len(prefix) + 2:]
        message = message[:1].upper() + message[1:]
    return message


def _parse_cell(key: str, value):
    """The registry value of one filled cell of column ``key``. Raises RegistryError or ValueError
    with the Russian message for the table of problems."""
    if key in ("last_name", "first_name", "middle_name"):
        return check_name_part(text(value), key)
    if key == "gender":
        if fold(text(value)) not in _GENDERS:
            raise ValueError(f"«{text(value)[:20]}» — впишите «м» или «ж» (пусто — пол по ФИО).")
        return _GENDERS[fold(text(value))]
    if key == "birth_date":
        return to_date(value).isoformat()
    if key == "qualification_category":
        if fold(text(value)) not in _CATEGORIES:
            raise ValueError(f"«{text(value)[:40]}» — выберите из списка: {', '.join(CATEGORY_CHOICES)}.")
        return _CATEGORIES[fold(text(value))]
    if key == "experience_years":
        try:
            years = float(value) if isinstance(value, int | float) else float(text(value).replace(",", "."))
        except ValueError:
            raise ValueError(f"«{text(value)[:20]}» — не число: впишите стаж в годах, например 4,5.") from None
        if not (math.isfinite(years) and 0 <= years <= 70):
            raise ValueError("Стаж — число лет от 0 до 70.")
        return years
    checked = check_text(text(value), key)
    if key == "email":
        try:
            validate_email(checked, check_deliverability=False)
        except EmailNotValidError:
            raise ValueError("Проверьте адрес эл. почты.") from None
    return checked


def parse(table: Table, report: ImportReport) -> list[PersonRow]:
    """The rows of a «Участники» table (the template's example row skipped with a note); every
    refused cell goes to ``report.problems`` and marks its row failed."""
    rows = []
    for number, cells in table.rows:
        if is_example(table, cells, EXAMPLE):
            report.notes.append(f"Лист «{table.sheet}», строка {number}: пример из шаблона — пропущен.")
            continue
        row = PersonRow(table, number)
        for column in COLUMNS:
            value = table.value(cells, column.key)
            if not text(value):
                if column.key in ("last_name", "first_name"):
                    report.problems.append(table.problem(number, column.key, "Не заполнено."))
                    row.failed = True
                continue
            try:
                if column.key in ROLES:
                    row.roles[column.key] = to_flag(value)
                else:
                    row.values[column.key] = _parse_cell(column.key, value)
            except RegistryError as error:
                report.problems.append(table.problem(number, column.key, sentence(error, FIELD_TITLES[column.key])))
                row.failed = True
            except ValueError as error:
                report.problems.append(table.problem(number, column.key, str(error)))
                row.failed = True
        rows.append(row)
    return rows


def _same_person(a: PersonRow, b: PersonRow) -> bool:
    number_a, number_b = a.values.get("personnel_number"), b.values.get("personnel_number")
    if number_a and number_b:
        return fold(number_a) == fold(number_b)
    born_a, born_b = a.values.get("birth_date"), b.values.get("birth_date")
    return fold(a.name) == fold(b.name) and not (born_a and born_b and born_a != born_b)


def check_duplicates(rows: list[PersonRow], report: ImportReport) -> None:
    """Report a row naming the same person as an earlier row of the file (same personnel number, or
    same full name with no conflicting date of birth or number), and a personnel number given twice."""
    by_name: dict[str, list[PersonRow]] = defaultdict(list)
    by_number: dict[str, PersonRow] = {}
    for row in rows:
        if "last_name" not in row.values or "first_name" not in row.values:
            continue
        number = fold(row.values.get("personnel_number") or "")
        earlier = next((r for r in by_name[fold(row.name)] if _same_person(r, row)), None)
        if earlier is None and number in by_number:
            earlier = by_number[number]
            report.problems.append(row.table.problem(
                row.row, "personnel_number", f"Табельный номер {row.values['personnel_number']} уже указан на листе "
                f"«{earlier.table.sheet}» в строке {earlier.row} ({earlier.name}): у каждого сотрудника свой."))
            row.failed = True
        elif earlier is not None:
            report.problems.append(row.table.problem(
                row.row, "last_name", f"{row.name} уже есть на листе «{earlier.table.sheet}» в строке {earlier.row}: "
                "оставьте одну строку."))
            row.failed = True
        by_name[fold(row.name)].append(row)
        if number:
            by_number.setdefault(number, row)


class _Ambiguous(ValueError):
    pass


class _Registry:
    """People of the organisation (archived too) indexed by folded full name and personnel number."""

    def __init__(self, db: Database, organization_id: int):
        people = list_people(db, organization_id) + list_people(db, organization_id, archived=True)
        self.by_name: dict[str, list[dict]] = defaultdict(list)
        self.by_number: dict[str, list[dict]] = defaultdict(list)
        for person in people:
            self.by_name[fold(person["full_name"])].append(person)
            if person["personnel_number"]:
                self.by_number[fold(person["personnel_number"])].append(person)

    def match(self, row: PersonRow) -> dict | None:
        """The person a row stands for (see the module's docstring), or None for a new person.
        Raises :class:`_Ambiguous` (Russian message) when several people fit equally."""
        number = row.values.get("personnel_number")
        if number:
            found = self.by_number.get(fold(number), [])
            if len(found) > 1:
                raise _Ambiguous(f"В реестре несколько участников с табельным номером {number}: исправьте номер "
                                 "в их карточках, затем загрузите файл снова.")
            if found:
                return found[0]
        # Someone stored with another personnel number is a namesake, not this person.
        candidates = [p for p in self.by_name.get(fold(row.name), []) if not (number and p["personnel_number"])]
        born = row.values.get("birth_date")
        if born:
            candidates = [p for p in candidates if p["birth_date"] == born] or [
                p for p in candidates if not p["birth_date"]]
        if len(candidates) > 1:
            raise _Ambiguous(f"В реестре несколько участников «{row.name}»: допишите табельный номер или дату "
                             "рождения, чтобы было понятно, кого обновить.")
        return candidates[0] if candidates else None


def _roles_column(error: RegistryError) -> str:
    """The role column a refusal about roles concerns (it names the role it cannot take away)."""
    return next((role for role, title in ROLES.items() if f"«{title}»" in error.message), "mentor")


def _refuse(report: ImportReport, row: PersonRow, key: str | None, message: str) -> None:
    report.problems.append(row.table.problem(row.row, key, message))
    row.failed = True


def apply(db: Database, organization_id: int, rows: list[PersonRow], report: ImportReport) -> None:
    """Create or update the people of the rows not failed, inside the caller's transaction; what is
    done goes to ``report.people``, what the registry refuses to ``report.problems`` (the row's
    changes are then undone by its savepoint and the row marked failed; the others are kept for the
    caller to commit or discard)."""
    registry = _Registry(db, organization_id)
    claimed: dict[int, PersonRow] = {}
    for row in rows:
        if row.failed:
            continue
        try:
            match = registry.match(row)
        except _Ambiguous as error:
            _refuse(report, row, "last_name", str(error))
            continue
        if match is not None:
            if match["id"] in claimed:
                _refuse(report, row, "last_name", f"Строка указывает на того же участника реестра "
                        f"({match['full_name']}), что и строка {claimed[match['id']].row}: допишите табельные номера "
                        "или даты рождения.")
                continue
            claimed[match["id"]] = row
            stored = {key: match[key] for key in FIELDS}
            record = {**stored, **row.values}
            roles = {role for role in ROLES if row.roles.get(role, role in match["roles"])}
            if record == stored and roles == set(match["roles"]):
                report.people.unchanged += 1
                continue
        else:
            record = {key: row.values.get(key) for key in FIELDS}
            roles = {role for role, flag in row.roles.items() if flag}
            if not record["position"]:
                _refuse(report, row, "position", "Не заполнено: должность нужна для приказов.")
                continue
        if not record["gender"]:
            try:
                PersonName.parse(full_name(record))
            except GenderUnknown:
                _refuse(report, row, "gender", "По ФИО пол не определяется: впишите «м» или «ж».")
                continue
        try:
            save_person(db, organization_id, record, sorted(roles), match["id"] if match else None)
        except RegistryError as error:
            key = _roles_column(error) if error.field == "roles" else error.field
            if key in _KEYS:
                _refuse(report, row, key, sentence(error, FIELD_TITLES.get(key, LAYOUT.column(key).title)))
            else:
                _refuse(report, row, None, error.message)
            continue
        if match is None:
            report.people.created.append(full_name(record))
        elif match["full_name"] != full_name(record):
            report.people.updated.append(f"{match['full_name']} → {full_name(record)}")
        else:
            report.people.updated.append(full_name(record))


def cells(person: dict) -> list:
    """A person of the registry as a row of :data:`COLUMNS` (the export; reads back unchanged)."""
    born = dt.date.fromisoformat(person["birth_date"]) if person["birth_date"] else None
    values = {**person, "gender": GENDER_CELLS.get(person["gender"] or ""), "birth_date": born,
              **{role: yes_no(role in person["roles"]) for role in ROLES}}
    return [values[c.key] for c in COLUMNS]
