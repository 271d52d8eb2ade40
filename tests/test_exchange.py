"""Registry ↔ spreadsheets (service.spreadsheets, the page «Обмен с Excel», ``nastavnik import/export``):
real xlsx files made with openpyxl and CSV in both encodings Excel saves in Russia, imported into the
demo organisation."""

import datetime as dt
import io
import zipfile
from urllib.parse import quote

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from registry.audit import list_entries
from registry.orders import add_version, register_order
from registry.pairs import list_forms, list_pairs
from registry.people import get_person, list_people, save_person
from service.cli import main
from service.spreadsheets import pairs, people, workbook
from service.spreadsheets.importer import import_file
from service.spreadsheets.report import Problem
from service.spreadsheets.workbook import UnreadableFile
from tests.conftest import login, org_id

PEOPLE_HEADER = [c.title for c in people.COLUMNS]
PAIRS_HEADER = [c.title for c in pairs.COLUMNS]


def person(last, first, middle="", *, gender="", born=None, number="", position="учитель", subject="", category="",
           years=None, email="", phone="", mentor="", mentee="", curator="") -> list:
    """A row of «Участники» in the template's column order."""
    return [last, first, middle, gender, born, number, position, subject, category, years, email, phone, mentor,
            mentee, curator]


def pair(mentor, mentees, form="педагог – педагог", start=dt.date(2026, 9, 1), end=dt.date(2027, 5, 31),
         status="действует") -> list:
    return [mentor, mentees, form, start, end, status]


def xlsx(people_rows=(), pair_rows=(), *, people_header=PEOPLE_HEADER) -> bytes:
    """A workbook as Excel would hold it: «Участники» and «Пары и группы» with real date cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Участники"
    for row in [people_header, *people_rows]:
        sheet.append(row)
    groups = book.create_sheet("Пары и группы")
    for row in [PAIRS_HEADER, *pair_rows]:
        groups.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def snapshot(db) -> dict:
    return {t: list(db[t].rows) for t in db.table_names() if t not in ("audit_log", "_sqlite_migrations")}


def problems(report) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.letter, p.message) for p in report.problems]


NEW_PEOPLE = [
    person("Новикова", "Анна", "Сергеевна", born=dt.date(1999, 3, 2), number="0107", position="учитель математики",
           subject="математика", years=1.5, mentee="да"),
    person("Петров", "Олег", "Ильич", number="0108", position="учитель истории", email="petrov@school.ru",
           phone=79001234567, mentee="да"),
    person("Сидорова", "Вера", "Павловна", gender="ж", position="учитель биологии", category="высшая", years=30,
           mentor="да"),
]
NEW_PAIRS = [pair("Сидорова Вера Павловна", "Новикова Анна Сергеевна; Петров Олег Ильич", "групповая")]


def test_filled_template_imports_and_the_same_file_again_changes_nothing(app, client, db):
    template = client.get("/exchange/template.xlsx")
    assert template.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(template.data))
    for row in NEW_PEOPLE:
        book["Участники"].append(row)
    for row in NEW_PAIRS:
        book["Пары и группы"].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    filled = buffer.getvalue()

    organization = org_id(db)
    report = import_file(db, organization, filled, "Шаблон.xlsx")
    assert problems(report) == [] and report.written
    assert report.people.created == ["Новикова Анна Сергеевна", "Петров Олег Ильич", "Сидорова Вера Павловна"]
    assert report.pairs.created == ["Сидорова Вера Павловна → Новикова Анна Сергеевна, Петров Олег Ильич, "
                                    "01.09.2026–31.05.2027"]
    assert report.notes == ["Лист «Участники», строка 2: пример из шаблона — пропущен.",
                            "Лист «Пары и группы», строка 2: пример из шаблона — пропущен.",
                            "Лист «Программы», строка 2: пример из шаблона — пропущен.",
                            "Лист «Программы», строка 3: пример из шаблона — пропущен."]
    novikova = next(p for p in list_people(db, organization) if p["last_name"] == "Новикова")
    assert (novikova["birth_date"], novikova["personnel_number"], novikova["experience_years"], novikova["roles"]) == \
        ("1999-03-02", "0107", 1.5, ["mentee"])
    petrov = next(p for p in list_people(db, organization) if p["last_name"] == "Петров")
    assert petrov["phone"] == "79001234567" and petrov["gender"] is None
    group = next(p for p in list_pairs(db, organization) if p["mentor"]["last_name"] == "Сидорова")
    assert (group["form"], group["start_date"], group["status"]) == ("групповая", "2026-09-01", "active")
    assert [m["last_name"] for m in group["mentees"]] == ["Новикова", "Петров"]

    before = snapshot(db)
    again = import_file(db, organization, filled, "Шаблон.xlsx")
    assert problems(again) == [] and again.written
    assert (again.people.created, again.people.updated, again.people.unchanged) == ([], [], 3)
    assert (again.pairs.created, again.pairs.updated, again.pairs.unchanged) == ([], [], 1)
    assert snapshot(db) == before


def test_template_workbook(client, db):
    response = client.get("/exchange/template.xlsx")
    assert response.headers["Content-Disposition"].endswith(f"filename*=UTF-8''{quote('Шаблон_загрузки_реестра.xlsx')}")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Участники", "Пары и группы", "Программы", "Инструкция", "Списки"]
    assert book["Списки"].sheet_state == "hidden"
    staff, groups = book["Участники"], book["Пары и группы"]
    assert [c.value for c in staff[1]] == PEOPLE_HEADER
    assert PEOPLE_HEADER[:4] == ["Фамилия", "Имя", "Отчество", "Пол (м/ж)"]
    assert [c.value for c in groups[1]] == ["Наставник (ФИО)", "Наставляемые (ФИО через «;»)", "Форма наставничества",
                                            "Начало", "Окончание", "Состояние"]
    assert staff.freeze_panes == groups.freeze_panes == "A2"
    assert staff.column_dimensions["G"].width == 32 and staff[2][4].number_format == "DD.MM.YYYY"
    assert staff["A2"].value == "Образцова" and isinstance(staff["E2"].value, dt.datetime)
    lists = {str(v.sqref): v.formula1 for v in staff.data_validations.dataValidation}
    assert lists["D2:D5001"] == '"м,ж"' and lists["M2:M5001"] == '"да,нет"'
    assert lists["I2:I5001"] == "'Списки'!$B$2:$B$7"
    group_lists = {str(v.sqref): v.formula1 for v in groups.data_validations.dataValidation}
    assert group_lists["C2:C5001"] == f"'Списки'!$A$2:$A${len(list_forms(db)) + 1}"
    assert group_lists["F2:F5001"] == '"черновик,действует,завершена,прекращена досрочно"'
    forms = [row[0].value for row in book["Списки"].iter_rows(min_row=2, max_col=1) if row[0].value]
    assert forms == [f["name"] for f in list_forms(db)]
    instructions = "\n".join(str(c.value) for c in book["Инструкция"]["A"] if c.value)
    assert "Повторная загрузка того же файла ничего не меняет" in instructions
    assert "«Пол (м/ж)» — м или ж; пусто — по ФИО" in instructions
    # Untouched, it imports nothing and complains of nothing.
    report = import_file(db, org_id(db), response.data, "Шаблон.xlsx")
    assert problems(report) == [] and report.people.created == [] and report.pairs.created == []


def test_every_kind_of_error_is_listed_and_nothing_is_written(db):
    before = snapshot(db)
    content = xlsx([
        person("Ивaнова", "Мария", "Петровна", mentor="да"),  # 2: a Latin «a»
        person("Смирнов", "", "Петрович"),  # 3
        person("Козлова", "Ирина", "Олеговна", gender="x"),  # 4
        person("Орлов", "Павел", "Андреевич", born="31.02.1990", years="много"),  # 5
        person("Фомина", "Юлия", "Игоревна", mentor="может", email="не-почта", category="вторая"),  # 6
        person("Белова", "Анна", "Игоревна", mentee="да"),  # 7
        person("Белова", "Анна", "Игоревна"),  # 8: the same person again
        person("Шевчук", "Саша", position="методист"),  # 9: gender unknown
        person("Громов", "Илья", "Ильич", position=""),  # 10: a new person without a position
        person("Юнусов", "Тимур", "Маратович", born=dt.date(2020, 1, 1)),  # 11: a child
        person("Чернов", "Антон", "Сергеевич", number="77"),  # 12
        person("Чернова", "Алла", "Сергеевна", number="77"),  # 13: the same personnel number
    ], [
        pair("Неизвестный Пётр Петрович", "Белова Анна Игоревна"),  # 2
        pair("Кузнецова Марина Петровна", "Шевчук Анна Сергеевна", start=dt.date(1999, 1, 1)),  # 3
        pair("Кузнецова Марина Петровна", "Шевчук Анна Сергеевна"),  # 4: she is in an active pair
        pair("Кузнецова Марина Петровна", "Белова Анна Игоревна", form=""),  # 5
        pair("Кузнецова Марина Петровна", "Белова Анна Игоревна", form="наставничество по переписке"),  # 6
        pair("Кузнецова Марина Петровна", "Белова Анна Игоревна", start=dt.date(2027, 6, 1)),  # 7: ends before
        pair("Кузнецова Марина Петровна", "Абашева Елена Алексеевна"),  # 8: not a mentee
        pair("Кузнецова Марина Петровна", "Ивaнова Мария Петровна"),  # 9: a Latin «a» again
        pair("Кузнецова Марина Петровна", "Смирнов Илья", status="на паузе"),  # 10
        pair("Черных Ольга Ильинична", "Фомина Юлия Игоревна"),  # 11: her row failed
    ])
    report = import_file(db, org_id(db), content, "реестр.xlsx")
    assert not report.written
    people_sheet, pairs_sheet = "Участники", "Пары и группы"
    latin = ("Латинская буква «a» (наберите её в русской раскладке) — так писать нельзя, допустимы только "
             "русские буквы, дефис, апостроф и пробел.")
    assert problems(report) == [
        (people_sheet, 2, "Фамилия", "A", latin),
        (people_sheet, 3, "Имя", "B", "Не заполнено."),
        (people_sheet, 4, "Пол (м/ж)", "D", "«x» — впишите «м» или «ж» (пусто — пол по ФИО)."),
        (people_sheet, 5, "Дата рождения", "E",
         "«31.02.1990» — не дата: впишите в виде ДД.ММ.ГГГГ, например 15.01.2025."),
        (people_sheet, 5, "Стаж", "J", "«много» — не число: впишите стаж в годах, например 4,5."),
        (people_sheet, 6, "Категория", "I", "«вторая» — выберите из списка: соответствие занимаемой должности, "
                                            "первая, высшая, педагог-методист, педагог-наставник, без категории."),
        (people_sheet, 6, "Эл. почта", "K", "Проверьте адрес эл. почты."),
        (people_sheet, 6, "Наставник (да/нет)", "M", "«может» — впишите «да» или «нет»."),
        (people_sheet, 8, "Фамилия", "A", "Белова Анна Игоревна уже есть на листе «Участники» в строке 7: оставьте "
                                          "одну строку."),
        (people_sheet, 9, "Пол (м/ж)", "D", "По ФИО пол не определяется: впишите «м» или «ж»."),
        (people_sheet, 10, "Должность", "G", "Не заполнено: должность нужна для приказов."),
        (people_sheet, 11, "Дата рождения", "E", "Проверьте год — сотруднику должно быть не меньше 16 лет."),
        (people_sheet, 13, "Табельный номер", "F", "Табельный номер 77 уже указан на листе «Участники» в строке 12 "
                                                   "(Чернов Антон Сергеевич): у каждого сотрудника свой."),
        (pairs_sheet, 2, "Наставник (ФИО)", "A", "Наставника «Неизвестный Пётр Петрович» нет ни на листе «Участники», "
                                                 "ни в реестре организации: проверьте ФИО или добавьте участника."),
        (pairs_sheet, 3, "Начало", "D", "01.01.1999 — укажите дату между 2000 и 2100 годом."),
        (pairs_sheet, 4, "Наставляемые (ФИО через «;»)", "B",
         "Шевчук Анна Сергеевна уже в действующей паре (группе), наставник — Черных Ольга Ильинична: наставляемый "
         "может быть только в одной действующей паре. Завершите ту пару или снимите отметку."),
        (pairs_sheet, 5, "Форма наставничества", "C", "Не заполнено."),
        (pairs_sheet, 6, "Форма наставничества", "C", "«наставничество по переписке» — нет в списке форм "
         "наставничества: выберите форму из списка (его можно дополнить в «Пары и группы» → «Формы наставничества»)."),
        (pairs_sheet, 7, "Окончание", "E", "Окончание раньше начала: проверьте срок наставничества."),
        (pairs_sheet, 8, "Наставляемые (ФИО через «;»)", "B", "У участника Абашева Елена Алексеевна нет роли "
         "«наставляемый»: впишите «да» в столбце «Наставляемый» листа «Участники» или отметьте роль в его карточке."),
        (pairs_sheet, 9, "Наставляемые (ФИО через «;»)", "B", latin),
        (pairs_sheet, 10, "Состояние", "F", "«на паузе» — выберите из списка: черновик, действует, завершена, "
                                            "прекращена досрочно."),
        (pairs_sheet, 11, "Наставляемые (ФИО через «;»)", "B",
         "Наставляемого «Фомина Юлия Игоревна» описывает строка 6 листа «Участники», а в ней ошибка: исправьте её."),
    ]
    assert str(report.problems[0]) == f"Лист «Участники», строка 2, столбец A «Фамилия»: {latin}"
    assert snapshot(db) == before


def test_one_bad_row_writes_nothing_then_the_fixed_file_writes_all(db):
    organization = org_id(db)
    count = len(list_people(db, organization))
    bad = xlsx([*NEW_PEOPLE, person("Плохов", "Иван1", "Иванович")], NEW_PAIRS)
    report = import_file(db, organization, bad, "реестр.xlsx")
    assert problems(report) == [("Участники", 5, "Имя", "B", "Цифра «1» — так писать нельзя, допустимы только "
                                                             "русские буквы, дефис, апостроф и пробел.")]
    assert not report.written and len(list_people(db, organization)) == count
    # The pair naming people of the good rows was checked too: it would have been created.
    assert len(report.pairs.created) == 1
    fixed = import_file(db, organization, xlsx(NEW_PEOPLE, NEW_PAIRS), "реестр.xlsx")
    assert fixed.written and len(list_people(db, organization)) == count + 3


def test_dry_run_tells_what_would_change_and_writes_nothing(db):
    organization = org_id(db)
    rows = [person("Шевчук", "Анна", "Сергеевна", position="учитель-логопед", phone="+7 912 000-11-22"),
            person("Ильин", "Артём", "Олегович", position="учитель информатики"), *NEW_PEOPLE[:2]]
    before = snapshot(db)
    report = import_file(db, organization, xlsx(rows), "реестр.xlsx", dry_run=True)
    assert problems(report) == [] and report.dry_run and not report.written
    assert (report.people.created, report.people.updated, report.people.unchanged) == (
        ["Новикова Анна Сергеевна", "Петров Олег Ильич"], ["Шевчук Анна Сергеевна"], 1)
    assert report.summary() == ("Участники: создано 2, обновлено 1, без изменений 1. Пары и группы: создано 0, "
                                "обновлено 0, без изменений 0. Программы: создано 0, обновлено 0, без изменений 0.")
    assert snapshot(db) == before
    done = import_file(db, organization, xlsx(rows), "реестр.xlsx")
    assert (done.people.created, done.people.updated) == (report.people.created, report.people.updated)


def test_people_are_matched_by_number_then_name_and_birth_date_and_empty_cells_keep_values(db):
    organization = org_id(db)
    ivanova = save_person(db, organization, {"last_name": "Иванова", "first_name": "Ольга", "middle_name": "Юрьевна",
                                             "position": "учитель", "personnel_number": "15", "phone": "123",
                                             "birth_date": "1980-05-05"}, ["mentor"])
    namesake = save_person(db, organization, {"last_name": "Иванова", "first_name": "Ольга", "middle_name": "Юрьевна",
                                              "position": "повар", "birth_date": "1990-01-01"}, [])
    report = import_file(db, organization, xlsx([
        # Married: the number finds her; empty phone and roles keep what is stored.
        person("Петрова", "Ольга", "Юрьевна", number="15", position="учитель музыки"),
        # Name and date of birth find the namesake.
        person("Иванова", "Ольга", "Юрьевна", born=dt.date(1990, 1, 1), position="шеф-повар", curator="да"),
    ]), "реестр.xlsx")
    assert problems(report) == [] and report.people.updated == ["Иванова Ольга Юрьевна → Петрова Ольга Юрьевна",
                                                                "Иванова Ольга Юрьевна"]
    first, second = get_person(db, ivanova), get_person(db, namesake)
    assert (first["last_name"], first["position"], first["phone"], first["roles"]) == (
        "Петрова", "учитель музыки", "123", ["mentor"])
    assert (second["position"], second["roles"]) == ("шеф-повар", ["curator"])
    for _ in range(2):
        save_person(db, organization, {"last_name": "Зуева", "first_name": "Ирина", "position": "учитель"}, [])
    save_person(db, organization, {"last_name": "Лосева", "first_name": "Нина", "position": "учитель"}, [])
    unclear = import_file(db, organization, xlsx([
        person("Зуева", "Ирина", position="учитель химии"),
        person("Лосева", "Нина", born=dt.date(1980, 1, 1)),
        person("Лосева", "Нина", born=dt.date(1985, 1, 1)),
    ]), "реестр.xlsx")
    assert problems(unclear) == [
        ("Участники", 2, "Фамилия", "A", "В реестре несколько участников «Зуева Ирина»: допишите табельный номер или "
                                         "дату рождения, чтобы было понятно, кого обновить."),
        ("Участники", 4, "Фамилия", "A", "Строка указывает на того же участника реестра (Лосева Нина), что и строка 3: "
                                         "допишите табельные номера или даты рождения."),
    ]


def test_csv_in_utf8_and_windows_1251(db):
    organization = org_id(db)
    lines = [";".join(PEOPLE_HEADER[:7] + PEOPLE_HEADER[12:]),
             "Новикова;Анна;Сергеевна;;02.03.1999;0107;учитель математики;нет;да;нет",
             "Ёлкин;Пётр;Семёнович;м;;;учитель физкультуры;да;нет;нет"]
    text = "\r\n".join(lines) + "\r\n"
    for encoding in ("utf-8-sig", "cp1251"):
        report = import_file(db, organization, text.encode(encoding), "сотрудники.csv", dry_run=True)
        assert problems(report) == [], encoding
        assert report.people.created == ["Новикова Анна Сергеевна", "Ёлкин Пётр Семёнович"], encoding
    comma = import_file(db, organization, "Фамилия,Имя,Должность\nИванов,Иван,учитель\n".encode(), "a.csv")
    assert comma.written and comma.people.created == ["Иванов Иван"]
    bad = import_file(db, organization, "Фамилия;Имя;Должность\nJohn;Smith;teacher\n".encode("cp1251"), "b.csv")
    assert problems(bad)[0] == ("b.csv", 2, "Фамилия", "A", "Латинская буква «J» (наберите её в русской раскладке) "
                                                           "— так писать нельзя, допустимы только русские "
                                                           "буквы, дефис, апостроф и пробел.")
    pairs_csv = "Наставник (ФИО);Наставляемые;Форма наставничества;Начало;Окончание\n" \
                "Черных Ольга Ильинична;Иванов Иван;педагог – педагог;01.09.2026;31.05.2027\n"
    linked = import_file(db, organization, pairs_csv.encode("cp1251"), "пары.csv")
    assert problems(linked) == [("пары.csv", 2, "Наставляемые (ФИО через «;»)", "B", "У участника Иванов Иван нет роли "
                                 "«наставляемый»: впишите «да» в столбце «Наставляемый» листа «Участники» или отметьте "
                                 "роль в его карточке.")]


@pytest.mark.parametrize("content, name, message", [
    (b"\xd0\xa4\x98\x00", "a.csv", "Файл не похож на CSV: в нём двоичные данные."),
    ("Фамилия;Имя\n".encode()[:-3] + b"\x98\n", "a.csv", "CSV сохранён в кодировке, которую сервис не читает"),
    (b"%PDF-1.4", "a.xlsx", "Файл не открывается как книга Excel (.xlsx)"),
    (b"PK\x05\x06" + b"\x00" * 18, "a.xlsx", "Файл не открывается как книга Excel (.xlsx): возможно, он повреждён"),
    (b"\xd0\xcf\x11\xe0", "a.xls", "Файл в старом формате .xls"),
    (b"text", "a.txt", "Загрузите книгу Excel (.xlsx) или файл CSV (.csv)."),
    ("Имя;Телефон\nИван;1\n".encode(), "a.csv", "В файле нет листа «Участники» (Фамилия, Имя …) или «Пары и группы» "
                                                "(Наставник (ФИО), Наставляемые (ФИО через «;») …)"),
])
def test_files_that_are_not_the_registry_are_refused_in_russian(db, content, name, message):
    with pytest.raises(UnreadableFile) as refused:
        import_file(db, org_id(db), content, name)
    assert refused.value.message.startswith(message)


def test_structure_problems_name_the_header_row(db):
    book = openpyxl.Workbook()
    book.active.append(["Список педагогов на 2026/2027 учебный год"])
    book.active.append([])
    book.active.append(["Наставник (ФИО)", "Наставляемые", "Начало"])
    book.active.title = "Лист1"
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_file(db, org_id(db), buffer.getvalue(), "пары.xlsx")
    assert report.problems == [
        Problem("Лист1", 3, "Форма наставничества", "", "Нет столбца «Форма наставничества»: добавьте его (заголовки "
                                                        "— как в шаблоне)."),
        Problem("Лист1", 3, "Окончание", "", "Нет столбца «Окончание»: добавьте его (заголовки — как в шаблоне)."),
    ]


def test_export_is_a_workbook_to_keep_and_reads_back_unchanged(client, db):
    organization = org_id(db)
    order = register_order(db, organization, date="2026-09-01", kind="pairs-order", heading="О закреплении наставников")
    add_version(db, order["id"], file_name="Приказ_1.docx", file=b"PK", data={})
    add_version(db, order["id"], file_name="Приказ_1.docx", file=b"PK", data={})
    # A namesake: the pairs sheet names each Шевчук Анна Сергеевна with her personnel number.
    save_person(db, organization, {"last_name": "Шевчук", "first_name": "Анна", "middle_name": "Сергеевна",
                                   "position": "учитель", "personnel_number": "9", "birth_date": "1970-01-31"},
                ["mentee"])
    demo = next(p for p in list_people(db, organization) if p["last_name"] == "Шевчук" and not p["personnel_number"])
    save_person(db, organization, {**demo, "personnel_number": "8"}, demo["roles"], demo["id"])
    response = client.get("/exchange/registry.xlsx")
    name = f"Реестр_МБОУ_Палагайская_СОШ_{dt.date.today():%d.%m.%Y}.xlsx"
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f"filename*=UTF-8''{quote(name)}")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Участники", "Пары и группы", "Программы", "Журнал приказов"]
    staff, groups, journal = book["Участники"], book["Пары и группы"], book["Журнал приказов"]
    for sheet in (staff, groups, book["Программы"], journal):
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    assert staff.auto_filter.ref == "A1:P14" and staff["P1"].value == "В архиве"
    born = next(r for r in staff.iter_rows(min_row=2) if r[5].value == "9")[4]
    assert born.value == dt.datetime(1970, 1, 31) and born.number_format == "DD.MM.YYYY"
    first_pair = [c.value for c in groups[2]]
    assert first_pair[0] == "Лебедев Сергей Николаевич" and isinstance(first_pair[3], dt.datetime)
    assert groups["D2"].number_format == "DD.MM.YYYY" and groups.column_dimensions["B"].width == 44
    assert "Шевчук Анна Сергеевна (8)" in [c.value for c in groups["B"]]
    assert [c.value for c in journal[2]][:5] == ["1", dt.datetime(2026, 9, 1), "О закреплении наставников",
                                                 "Приказ о закреплении наставнических пар (групп)", 2]
    assert journal["B2"].number_format == "DD.MM.YYYY" and isinstance(journal["F2"].value, dt.datetime)
    assert journal["F2"].number_format == "DD.MM.YYYY HH:MM" and journal["G2"].value == "Приказ_1.docx"
    entries = {(e["login"], e["action"], e["object_kind"]) for e in list_entries(db)}
    assert ("secretary", "export", "person") in entries
    before = snapshot(db)
    report = import_file(db, organization, response.data, name)
    assert problems(report) == [] and report.people.unchanged == 13 and report.pairs.unchanged == 5
    assert report.programmes.unchanged == 2 and not report.changes_anything()
    assert snapshot(db) == before


def test_exchange_page(client, db):
    assert "/exchange/" in client.get("/people/").get_data(as_text=True)
    page = client.get("/exchange/").get_data(as_text=True)
    assert "Обмен с Excel" in page and "Скачать реестр (.xlsx)" in page and 'enctype="multipart/form-data"' in page
    checked = client.post("/exchange/", data={"file": (io.BytesIO(xlsx([person("Ивaнов", "Иван", "Иванович")])),
                                                       "штат.xlsx"), "check": "Проверить"})
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200
    assert "<th>Лист</th><th>Строка</th><th>Столбец</th><th>Что не так</th>" in page
    assert "<td>Участники</td><td>2</td>" in page and "A — Фамилия" in page and "латинская" not in page
    assert "Латинская буква «a»" in page and "Найдено ошибок: 1." in page
    plan = client.post("/exchange/", data={"file": (io.BytesIO(xlsx(NEW_PEOPLE, NEW_PAIRS)), "штат.xlsx"),
                                           "check": "Проверить"}).get_data(as_text=True)
    assert "Ошибок нет" in plan and "Будут добавлены (3): Новикова Анна Сергеевна; Петров Олег Ильич" in plan
    assert db["people"].count_where("last_name = 'Новикова'") == 0
    loaded = client.post("/exchange/", data={"file": (io.BytesIO(xlsx(NEW_PEOPLE, NEW_PAIRS)), "штат.xlsx"),
                                             "load": "Загрузить"})
    assert loaded.status_code == 302
    page = client.get("/exchange/").get_data(as_text=True)
    assert ("Файл «штат.xlsx» загружен. Участники: создано 3, обновлено 0, без изменений 0. Пары и группы: создано 1, "
            "обновлено 0, без изменений 0.") in page
    assert db["people"].count_where("last_name = 'Новикова'") == 1
    assert ("secretary", "create", "person") in {(e["login"], e["action"], e["object_kind"]) for e in list_entries(db)}
    for upload, message in [((io.BytesIO(b"%PDF-1.4"), "приказ.pdf"), "Загрузите книгу Excel (.xlsx) или файл CSV"),
                            ((io.BytesIO(b"%PDF-1.4"), "приказ.xlsx"), "Файл не открывается как книга Excel"),
                            (None, "Выберите файл.")]:
        response = client.post("/exchange/", data={"load": "Загрузить", **({"file": upload} if upload else {})})
        assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_head_reads_and_exports_but_cannot_import(app, db):
    head = app.test_client()
    login(head, "head")
    page = head.get("/exchange/").get_data(as_text=True)
    assert "Скачать реестр (.xlsx)" in page and "Загружать файлы в реестр может секретарь." in page
    assert 'type="file"' not in page
    assert head.get("/exchange/registry.xlsx").status_code == 200
    before = snapshot(db)
    refused = head.post("/exchange/", data={"file": (io.BytesIO(xlsx(NEW_PEOPLE)), "штат.xlsx"), "load": "Загрузить"})
    assert refused.status_code == 403 and "Доступ запрещён" in refused.get_data(as_text=True)
    assert snapshot(db) == before


def test_cli_import_and_export(app, db, tmp_path):
    path, runner = app.config["DATABASE"], CliRunner()
    source = tmp_path / "штат.xlsx"
    source.write_bytes(xlsx(NEW_PEOPLE, NEW_PAIRS))
    dry = runner.invoke(main, ["import", str(source), "--dry-run", "--organization", str(org_id(db)), "--db", path])
    assert dry.exit_code == 0, dry.output
    assert "Участники — будут добавлены (3): Новикова Анна Сергеевна; Петров Олег Ильич; Сидорова Вера Павловна" \
        in dry.output
    assert dry.output.strip().endswith("Проверка: ошибок нет, ничего не записано. Участники: создано 3, обновлено 0, "
                                       "без изменений 0. Пары и группы: создано 1, обновлено 0, без изменений 0. "
                                       "Программы: создано 0, обновлено 0, без изменений 0.")
    assert db["people"].count_where("last_name = 'Новикова'") == 0
    done = runner.invoke(main, ["import", str(source), "--organization", str(org_id(db)), "--db", path])
    assert done.exit_code == 0 and "Загружено." in done.output
    assert db["people"].count_where("last_name = 'Новикова'") == 1
    broken = tmp_path / "с ошибкой.csv"
    broken.write_bytes("Фамилия;Имя;Должность\nПетров;;учитель\n".encode("cp1251"))
    failed = runner.invoke(main, ["import", str(broken), "--organization", str(org_id(db)), "--db", path])
    assert failed.exit_code == 1
    assert "Лист «с ошибкой.csv», строка 2, столбец B «Имя»: Не заполнено." in failed.output
    assert "Ошибок: 1. Ничего не записано: исправьте файл и повторите." in failed.output
    unknown = runner.invoke(main, ["import", str(source), "--organization", "999", "--db", path])
    assert unknown.exit_code == 1 and "Нет организации с номером 999." in unknown.output
    target = tmp_path / "реестр.xlsx"
    exported = runner.invoke(main, ["export", str(target), "--organization", str(org_id(db)), "--db", path])
    assert exported.exit_code == 0 and f"Записано: {target}" in exported.output
    assert openpyxl.load_workbook(target)["Участники"].max_row == 16


def test_reading_excel_extensions_is_not_a_warning(db):
    """Excel keeps data validation lists in an extension openpyxl warns it drops; an upload with one
    imports (pytest turns warnings into errors)."""
    plain = zipfile.ZipFile(io.BytesIO(xlsx(NEW_PEOPLE)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as excel:
        for item in plain.infolist():
            data = plain.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
                                    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                                    b'<x14:dataValidations count="0"/></ext></extLst></worksheet>')
            excel.writestr(item, data)
    report = import_file(db, org_id(db), buffer.getvalue(), "из Excel.xlsx")
    assert problems(report) == [] and len(report.people.created) == 3


def test_limits_of_a_sheet_and_of_a_book(db, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 2)
    report = import_file(db, org_id(db), xlsx(NEW_PEOPLE), "штат.xlsx")
    assert problems(report) == [("Участники", 4, "", "", "На листе больше 2 строк с данными: разделите файл на "
                                                         "несколько.")]
    monkeypatch.setattr(workbook, "MAX_SCANNED_ROWS", 5)
    far = xlsx([person("Иванов", "Иван", "Иванович"), *[[None]] * 6, person("Петров", "Пётр", "Петрович")])
    assert problems(import_file(db, org_id(db), far, "штат.xlsx")) == [
        ("Участники", None, "", "", "На листе больше 5 строк (считая пустые): удалите пустые строки ниже данных или "
                                    "разделите файл.")]
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 2**20)
    bulky = xlsx([person("Иванов", "Иван", "Иванович", subject="я" * 30_000)] * 40)
    with pytest.raises(UnreadableFile, match="Книга распаковывается больше чем в 1 МБ"):
        import_file(db, org_id(db), bulky, "штат.xlsx")


def test_a_pair_matched_in_the_registry_is_updated(db):
    organization = org_id(db)
    lebedev = next(p for p in list_pairs(db, organization) if p["mentor"]["last_name"] == "Лебедев")
    start, end = dt.date.fromisoformat(lebedev["start_date"]), dt.date.fromisoformat(lebedev["end_date"])
    row = pair("Лебедев Сергей Николаевич", "Гончаренко Кирилл Андреевич", lebedev["form"], start, end, "завершена")
    report = import_file(db, organization, xlsx(pair_rows=[row]), "пары.xlsx")
    assert problems(report) == [] and len(report.pairs.updated) == 1 and report.pairs.created == []
    updated = next(p for p in list_pairs(db, organization) if p["id"] == lebedev["id"])
    assert updated["status"] == "completed"
    # Now Гончаренко is free: a new active pair may take him, and the same row again changes nothing.
    row = pair("Черных Ольга Ильинична", "Гончаренко Кирилл Андреевич", "педагог – педагог", start=end)
    assert import_file(db, organization, xlsx(pair_rows=[row]), "пары.xlsx").pairs.created
    assert import_file(db, organization, xlsx(pair_rows=[row]), "пары.xlsx").pairs.unchanged == 1
