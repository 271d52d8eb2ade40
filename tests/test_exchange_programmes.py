"""Personalised programmes in spreadsheets (the sheet «Программы» of service.spreadsheets): the
template workbook filled with openpyxl, imported, exported and read back; errors listed with sheet,
row and column while nothing is written; programmes of the demo organisation updated and left as
they were; CSV in both encodings Excel saves in Russia; the page «Обмен с Excel» and the CLI."""

import datetime as dt
import io

import openpyxl
from click.testing import CliRunner
from openpyxl.utils.datetime import from_excel

from registry.pairs import list_pairs
from registry.programmes import get_programme, list_programmes
from service.cli import main
from service.spreadsheets import pairs, people, programmes
from service.spreadsheets.importer import import_file
from tests.conftest import org_id

TODAY = dt.date.today()
DONE = TODAY - dt.timedelta(days=20)
PEOPLE_HEADER = [c.title for c in people.COLUMNS]
PAIRS_HEADER = [c.title for c in pairs.COLUMNS]
PLAN_HEADER = [c.title for c in programmes.COLUMNS]
TABLES = ("people", "pairs", "pair_mentees", "programmes", "programme_items")

CHERNYKH, SHEVCHUK = "Черных Ольга Ильинична", "Шевчук Анна Сергеевна"
GROUP_MENTOR, GROUP_MENTEES = "Сидорова Вера Павловна", "Новикова Анна Сергеевна; Петров Олег Ильич"
# Rows as Excel gives them back after the export: every role cell «да»/«нет», the gender filled, dates as dates.
NEW_PEOPLE = [
    ["Новикова", "Анна", "Сергеевна", "ж", dt.date(1999, 3, 2), "0107", "учитель математики", "математика", None,
     1.5, None, None, "нет", "да", "нет"],
    ["Петров", "Олег", "Ильич", "м", None, "0108", "учитель истории", None, None, None, "petrov@school.ru",
     "+7 900 123-45-67", "нет", "да", "нет"],
    ["Сидорова", "Вера", "Павловна", "ж", None, None, "учитель биологии", None, "высшая", 30, None, None, "да", "нет",
     "нет"],
]
NEW_PAIRS = [[GROUP_MENTOR, GROUP_MENTEES, "групповая", dt.date(2026, 9, 1), dt.date(2027, 5, 31), "действует"]]


def plan(mentor=GROUP_MENTOR, mentees=GROUP_MENTEES, **cells) -> list:
    """A row of «Программы» in the template's column order (cells by key, the rest empty)."""
    return [{"mentor": mentor, "mentees": mentees, **cells}.get(c.key) for c in programmes.COLUMNS]


TEXTS = {"difficulties": "Нет опыта работы с родителями;\nзатруднения в планировании уроков.",
         "goal": "Адаптация молодых учителей в школе.", "tasks": "1. Выявить затруднения.\n2. Освоить урок по ФГОС.",
         "expected_results": "Самостоятельно планируют уроки.", "approved_on": dt.date(2026, 9, 10)}
NEW_PLAN = [
    plan(pair_start=dt.date(2026, 9, 1), activity="Встреча-знакомство", deadline="сентябрь 2026",
         form="собеседование", expected_result="Согласован план", done_on=DONE, **TEXTS),
    plan(pair_start=dt.date(2026, 9, 1), activity="Посещение уроков наставника", deadline="15.01.2027",
         form="посещение уроков", expected_result="Анализ уроков"),
    plan(pair_start=dt.date(2026, 9, 1), activity="Итоговая встреча", deadline="в течение года"),
]


def workbook(people_rows=(), pair_rows=(), plan_rows=(), *, plan_header=PLAN_HEADER) -> bytes:
    """A workbook as Excel would hold it: the sheets given rows (a sheet without rows left out)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, header, rows in (("Участники", PEOPLE_HEADER, people_rows), ("Пары и группы", PAIRS_HEADER, pair_rows),
                                ("Программы", plan_header, plan_rows)):
        if rows:
            sheet = book.create_sheet(title)
            for row in [header, *rows]:
                sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def counts(db) -> dict[str, int]:
    return {table: db[table].count for table in TABLES}


def snapshot(db) -> dict:
    return {t: list(db[t].rows) for t in db.table_names() if t not in ("audit_log", "_sqlite_migrations")}


def problems(report) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.letter, p.message) for p in report.problems]


def values(sheet, first_row: int = 2) -> list[list]:
    """The cells of a sheet's rows from ``first_row``, dates as dates."""
    return [[v.date() if isinstance(v, dt.datetime) else v for v in row]
            for row in sheet.iter_rows(min_row=first_row, values_only=True)]


def the_pair(db, mentor: str) -> dict:
    return next(p for p in list_pairs(db, org_id(db)) if p["mentor"]["full_name"] == mentor)


def the_programme(db, mentor: str) -> dict:
    return get_programme(db, the_pair(db, mentor)["id"], org_id(db))


def test_template_round_trips_download_fill_import_export(client, db):
    template = client.get("/exchange/template.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(template.data))
    for title, rows in (("Участники", NEW_PEOPLE), ("Пары и группы", NEW_PAIRS), ("Программы", NEW_PLAN)):
        for row in rows:
            book[title].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    filled = buffer.getvalue()
    organization = org_id(db)
    before = counts(db)

    dry = import_file(db, organization, filled, "Шаблон.xlsx", dry_run=True)
    assert problems(dry) == [] and not dry.written and counts(db) == before
    created = (f"{GROUP_MENTOR} → Новикова Анна Сергеевна, Петров Олег Ильич, 01.09.2026–31.05.2027; "
               "строк плана: 3")
    assert dry.programmes.created == [created] and dry.programmes.updated == []
    assert dry.notes[2:] == ["Лист «Программы», строка 2: пример из шаблона — пропущен.",
                             "Лист «Программы», строка 3: пример из шаблона — пропущен."]

    report = import_file(db, organization, filled, "Шаблон.xlsx")
    assert problems(report) == [] and report.written and report.programmes.created == [created]
    assert counts(db) == {**before, "people": before["people"] + 3, "pairs": before["pairs"] + 1,
                          "pair_mentees": before["pair_mentees"] + 2, "programmes": before["programmes"] + 1,
                          "programme_items": before["programme_items"] + 3}
    stored = the_programme(db, GROUP_MENTOR)
    assert {key: stored[key] for key in ("difficulties", "goal", "tasks", "expected_results", "approved_on")} == {
        **TEXTS, "approved_on": "2026-09-10"}
    assert [(i["activity"], i["deadline"], i["form"], i["expected_result"], i["done_on"]) for i in stored["items"]] == [
        ("Встреча-знакомство", "сентябрь 2026", "собеседование", "Согласован план", DONE.isoformat()),
        ("Посещение уроков наставника", "15.01.2027", "посещение уроков", "Анализ уроков", None),
        ("Итоговая встреча", "в течение года", "", "", None)]

    exported = client.get("/exchange/registry.xlsx").data
    book = openpyxl.load_workbook(io.BytesIO(exported))
    staff = {row[0]: row for row in values(book["Участники"])}
    assert [staff[row[0]] for row in NEW_PEOPLE] == [[*row, "нет"] for row in NEW_PEOPLE]
    groups = [row for row in values(book["Пары и группы"]) if row[0] == GROUP_MENTOR]
    assert groups == [[*row, "нет"] for row in NEW_PAIRS]
    plans = [row for row in values(book["Программы"]) if row[0] == GROUP_MENTOR]
    assert plans == NEW_PLAN
    sheet = book["Программы"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:M{sheet.max_row}"
    assert sheet.column_dimensions["D"].width == 44 and sheet["D2"].alignment.wrap_text
    dated = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == GROUP_MENTOR)
    assert dated[7].value == dt.datetime.combine(DONE, dt.time()) and dated[7].number_format == "DD.MM.YYYY"
    assert dated[2].number_format == dated[12].number_format == "DD.MM.YYYY"

    # The export and the filled template read back: everything «без изменений», not a row written.
    kept = snapshot(db)
    for content, name in ((exported, "Реестр.xlsx"), (filled, "Шаблон.xlsx")):
        again = import_file(db, organization, content, name)
        assert problems(again) == [] and not again.changes_anything()
        assert again.programmes.unchanged == (3 if content is exported else 1)
        assert "Программы: создано 0, обновлено 0, без изменений" in again.summary()
        assert snapshot(db) == kept


def test_template_sheet_of_programmes(client):
    book = openpyxl.load_workbook(io.BytesIO(client.get("/exchange/template.xlsx").data))
    sheet = book["Программы"]
    assert [c.value for c in sheet[1]] == [
        "Наставник (ФИО)", "Наставляемые (ФИО через «;»)", "Начало пары", "Мероприятие", "Срок", "Форма работы",
        "Ожидаемый результат", "Выполнено (дата)", "Затруднения (дефициты)", "Цель", "Задачи",
        "Ожидаемые результаты", "Утверждена (дата)"]
    example = values(sheet)
    assert example[0][:4] == ["Образцова Мария Ивановна", "Новикова Анна Сергеевна; Петров Олег Ильич",
                              dt.date(2025, 9, 1), "Встреча-знакомство, диагностика профессиональных затруднений"]
    assert example[0][9] == "Успешная адаптация молодых специалистов в школе" and example[1][8:] == [None] * 5
    assert sheet["A2"].font.italic and sheet["A3"].font.italic and sheet.freeze_panes == "A2"
    assert sheet["E2"].number_format == "@" and sheet["C2"].number_format == "DD.MM.YYYY"
    checks = {str(v.sqref): (v.type, from_excel(float(v.formula1)).date(), from_excel(float(v.formula2)).date())
              for v in sheet.data_validations.dataValidation}
    assert checks["C2:C5001"] == checks["M2:M5001"] == ("date", dt.date(2000, 1, 1), dt.date(2100, 12, 31))
    assert checks["H2:H5001"] == ("date", dt.date(2000, 1, 1), TODAY)
    instructions = "\n".join(str(c.value) for c in book["Инструкция"]["A"] if c.value)
    assert "Строки одной пары — её программа" in instructions and "Столбцы листа «Программы»" in instructions
    assert "«Цель» — у новой программы обязательна; один раз на программу — в любой её строке" in instructions


def test_every_kind_of_programme_error_is_listed_and_nothing_is_written(db):
    organization = org_id(db)
    ilyin = "Ильин Артём Олегович"
    before, kept = counts(db), snapshot(db)
    future = TODAY + dt.timedelta(days=3)
    content = workbook(
        [["Лаврова", "Нина", "Олеговна", "ж", None, None, "учитель", None, None, None, None, None, "да", "нет",
          "нет"],
         ["Кротов", "Ян", "Ильич", "м", None, None, "учитель", None, None, None, None, None, "нет", "да", "нет"]],
        [["Лаврова Нина Олеговна", "Кротов Ян Ильич", "по переписке", dt.date(2026, 9, 1), dt.date(2027, 5, 31),
          "действует"]],
        [
            plan("Неизвестный Пётр Петрович", SHEVCHUK, activity="Встреча", deadline="сентябрь"),  # 2
            plan("Неизвестный Пётр Петрович", SHEVCHUK, activity="Урок", deadline="октябрь"),  # 3: the same pair
            plan(CHERNYKH, "Шевчук Аннa Сергеевна", activity="Встреча", deadline="сентябрь"),  # 4: a Latin «a»
            plan(None, SHEVCHUK, activity="Встреча", deadline="сентябрь"),  # 5
            plan(CHERNYKH, ilyin, activity="Встреча", deadline="сентябрь"),  # 6: no such pair
            plan(CHERNYKH, SHEVCHUK, pair_start=dt.date(2025, 1, 10), activity="Встреча", deadline="май"),  # 7
            plan(CHERNYKH, SHEVCHUK, pair_start=dt.date(1999, 9, 1), activity="Встреча", deadline="май"),  # 8
            plan(CHERNYKH, SHEVCHUK, deadline="май", form="беседа"),  # 9: no activity
            plan(CHERNYKH, SHEVCHUK, activity="Открытый урок"),  # 10: no deadline
            plan(CHERNYKH, SHEVCHUK, activity="Открытый урок", deadline="май", done_on=future),  # 11
            plan(CHERNYKH, SHEVCHUK, activity="Открытый урок", deadline="май", done_on="вчера"),  # 12
            plan(CHERNYKH, SHEVCHUK, activity="я" * 501, deadline="май"),  # 13
            plan(CHERNYKH, SHEVCHUK, approved_on="сентябрь"),  # 14
            plan("Шевченко Андрей Викторович", ilyin, activity="Встреча", deadline="май",
                 goal="Становление учителя"),  # 15
            plan("Шевченко Андрей Викторович", ilyin, activity="Урок", deadline="май",
                 goal="Другая цель"),  # 16: the goal differs from row 15
            plan("Лаврова Нина Олеговна", "Кротов Ян Ильич", activity="Встреча", deadline="сентябрь",
                 goal="Адаптация"),  # 17: the pair's row failed
            plan("Кузнецова Марина Петровна", "Зайцев Дмитрий Игоревич; Мамедова Лейла Рашид кызы",
                 activity="Встреча", deadline="октябрь"),  # 18: a new programme without a goal
        ])
    report = import_file(db, organization, content, "программы.xlsx")
    assert not report.written
    sheet = "Программы"
    latin = ("Латинская буква «a» (наберите её в русской раскладке) — так писать нельзя, допустимы только русские "
             "буквы, дефис, апостроф и пробел.")
    plan_cells = "Не заполнено: в строке плана нужны мероприятие и срок."
    assert problems(report) == [
        ("Пары и группы", 2, "Форма наставничества", "C", "«по переписке» — нет в списке форм наставничества: "
         "выберите форму из списка (его можно дополнить в «Пары и группы» → «Формы наставничества»)."),
        (sheet, 2, "Наставник (ФИО)", "A", "Наставника «Неизвестный Пётр Петрович» нет ни на листе «Участники», ни в "
         "реестре организации: проверьте ФИО или добавьте участника. То же в строке 3."),
        (sheet, 4, "Наставляемые (ФИО через «;»)", "B", latin),
        (sheet, 5, "Наставник (ФИО)", "A", "Не заполнено."),
        (sheet, 6, "Наставляемые (ФИО через «;»)", "B", f"Пары (группы) наставника {CHERNYKH} с наставляемыми "
         f"{ilyin} нет ни на листе «Пары и группы», ни в реестре: добавьте её туда или проверьте ФИО."),
        (sheet, 7, "Начало пары", "C", "У этих участников нет пары, начатой 10.01.2025: их пары начинаются "
         f"{dt.date.fromisoformat(the_pair(db, CHERNYKH)['start_date']):%d.%m.%Y}."),
        (sheet, 8, "Начало пары", "C", "01.09.1999 — укажите дату между 2000 и 2100 годом."),
        (sheet, 9, "Мероприятие", "D", plan_cells),
        (sheet, 10, "Срок", "E", plan_cells),
        (sheet, 11, "Выполнено (дата)", "H", f"{future:%d.%m.%Y} — этот день ещё не наступил."),
        (sheet, 12, "Выполнено (дата)", "H", "«вчера» — не дата: впишите в виде ДД.ММ.ГГГГ, например 15.01.2025."),
        (sheet, 13, "Мероприятие", "D", "Не длиннее 500 знаков (сейчас 501)."),
        (sheet, 14, "Утверждена (дата)", "M", "«сентябрь» — не дата: впишите в виде ДД.ММ.ГГГГ, например "
                                              "15.01.2025."),
        (sheet, 16, "Цель", "J", "Не совпадает со строкой 15 этой же программы: у программы одно значение «Цель» — "
                                 "оставьте ячейку пустой или впишите то же."),
        (sheet, 17, "Наставляемые (ФИО через «;»)", "B", "Эту пару описывает строка 2 листа «Пары и группы», а в ней "
                                                         "ошибка: исправьте её."),
        (sheet, 18, "Цель", "J", "Не заполнено: у новой программы должна быть цель — впишите её в первой строке "
                                 "пары."),
    ]
    assert counts(db) == before and snapshot(db) == kept
    # The date that is no date is the registry's refusal, named at its row once the goals agree.
    content = workbook(plan_rows=[plan("Шевченко Андрей Викторович", ilyin, activity="Встреча", deadline="май"),
                                  plan("Шевченко Андрей Викторович", ilyin, activity="Урок", deadline="31.02.2027")])
    assert problems(import_file(db, organization, content, "программы.xlsx")) == [
        (sheet, 3, "Срок", "E", "Срок «31.02.2027» — такой даты нет. Впишите дату в виде ДД.ММ.ГГГГ или словами, "
                                "например «октябрь 2025», «в течение года».")]
    assert counts(db) == before and snapshot(db) == kept


def test_a_programme_is_updated_and_empty_cells_keep_what_is_stored(db):
    organization = org_id(db)
    stored = the_programme(db, CHERNYKH)
    # Only a new goal: the other texts and the whole plan stay.
    report = import_file(db, organization, workbook(plan_rows=[plan(CHERNYKH, SHEVCHUK, goal="Новая цель.")]),
                         "цель.xlsx")
    assert problems(report) == [] and len(report.programmes.updated) == 1
    assert report.programmes.updated[0].startswith(f"{CHERNYKH} → {SHEVCHUK}, ")
    assert report.programmes.updated[0].endswith("; строк плана: 6")
    changed = the_programme(db, CHERNYKH)
    assert changed["goal"] == "Новая цель." and changed["tasks"] == stored["tasks"]
    assert [i["activity"] for i in changed["items"]] == [i["activity"] for i in stored["items"]]
    # A plan in the file replaces the stored one, done marks with it; the dry run says so and writes nothing.
    rows = [plan(CHERNYKH, SHEVCHUK, activity="Консультация по программе коррекции", deadline="декабрь",
                 done_on=DONE),
            plan(CHERNYKH, SHEVCHUK, activity="Открытое занятие", deadline="март")]
    kept = snapshot(db)
    dry = import_file(db, organization, workbook(plan_rows=rows), "план.xlsx", dry_run=True)
    assert problems(dry) == [] and dry.programmes.updated[0].endswith("; строк плана: 2") and snapshot(db) == kept
    done = import_file(db, organization, workbook(plan_rows=rows), "план.xlsx")
    assert done.written and len(done.programmes.updated) == 1
    replaced = the_programme(db, CHERNYKH)
    assert [(i["activity"], i["deadline"], i["done_on"]) for i in replaced["items"]] == [
        ("Консультация по программе коррекции", "декабрь", DONE.isoformat()), ("Открытое занятие", "март", None)]
    assert replaced["goal"] == "Новая цель." and replaced["approved_on"] == stored["approved_on"]
    # The same file again: «без изменений», not even the time of the change moves.
    kept = snapshot(db)
    again = import_file(db, organization, workbook(plan_rows=rows), "план.xlsx")
    assert (again.programmes.updated, again.programmes.unchanged) == ([], 1) and snapshot(db) == kept
    # A date-like deadline typed loosely is stored as the registry writes it, and reads back unchanged.
    loose = [plan(CHERNYKH, SHEVCHUK, activity="Открытое занятие", deadline="1.3.2027")]
    assert import_file(db, organization, workbook(plan_rows=loose), "план.xlsx").programmes.updated
    assert the_programme(db, CHERNYKH)["items"][0]["deadline"] == "01.03.2027"
    assert import_file(db, organization, workbook(plan_rows=loose), "план.xlsx").programmes.unchanged == 1


def test_a_pair_is_told_by_its_start_when_the_same_people_have_several(db):
    organization = org_id(db)
    lebedev = the_pair(db, "Лебедев Сергей Николаевич")
    first = dt.date.fromisoformat(lebedev["start_date"])
    end = dt.date.fromisoformat(lebedev["end_date"])
    mentor, mentee = "Лебедев Сергей Николаевич", "Гончаренко Кирилл Андреевич"
    renewed = [[mentor, mentee, lebedev["form"], first, end, "завершена"],
               [mentor, mentee, lebedev["form"], dt.date(2026, 10, 1), dt.date(2027, 5, 31), "действует"]]
    # The pairs and the programme in one file: the programme names a pair the same file adds.
    rows = [plan(mentor, mentee, activity="Встреча", deadline="октябрь", goal="Сопровождение педагога.")]
    unclear = import_file(db, organization, workbook(pair_rows=renewed, plan_rows=rows), "пары.xlsx")
    assert problems(unclear) == [("Программы", 2, "Начало пары", "C", f"У этих участников несколько пар (начало "
                                  f"{first:%d.%m.%Y}, 01.10.2026): впишите дату начала нужной пары.")]
    rows = [plan(mentor, mentee, pair_start=dt.date(2026, 10, 1), activity="Встреча", deadline="октябрь",
                 goal="Сопровождение педагога.")]
    report = import_file(db, organization, workbook(pair_rows=renewed, plan_rows=rows), "пары.xlsx")
    assert problems(report) == [] and report.written and len(report.pairs.created) == 1
    assert report.programmes.created == [f"{mentor} → {mentee}, 01.10.2026–31.05.2027; строк плана: 1"]
    new = next(p for p in list_pairs(db, organization) if p["start_date"] == "2026-10-01" and p["mentor_id"] ==
               lebedev["mentor_id"])
    assert get_programme(db, new["id"], organization)["goal"] == "Сопровождение педагога."
    assert get_programme(db, lebedev["id"], organization) is None


def test_programmes_from_csv_in_utf8_and_windows_1251(db):
    organization = org_id(db)
    lines = ["Наставник (ФИО);Наставляемые;Мероприятие;Срок;Выполнено;Цель;Задачи",
             f'{CHERNYKH};{SHEVCHUK};Встреча-знакомство;сентябрь;{DONE:%d.%m.%Y};Адаптация;"1. Узнать школу.\n'
             '2. Освоить документацию."',
             f"{CHERNYKH};{SHEVCHUK};Открытое занятие;март;;;"]
    text = "\r\n".join(lines) + "\r\n"
    for encoding in ("utf-8-sig", "cp1251"):
        report = import_file(db, organization, text.encode(encoding), "программы.csv", dry_run=True)
        assert problems(report) == [], encoding
        assert report.programmes.updated[0].endswith("; строк плана: 2"), encoding
    report = import_file(db, organization, text.encode("cp1251"), "программы.csv")
    programme = the_programme(db, CHERNYKH)
    assert report.written and programme["tasks"] == "1. Узнать школу.\n2. Освоить документацию."
    assert [(i["activity"], i["done_on"]) for i in programme["items"]] == [
        ("Встреча-знакомство", DONE.isoformat()), ("Открытое занятие", None)]
    missing = "Наставник (ФИО);Наставляемые;Мероприятие;Цель\n".encode("cp1251")
    assert problems(import_file(db, organization, missing, "план.csv")) == [
        ("план.csv", 1, "Срок", "", "Нет столбца «Срок»: добавьте его (заголовки — как в шаблоне).")]


def test_exchange_page_and_cli_tell_of_programmes(app, client, db, tmp_path):
    content = workbook(NEW_PEOPLE, NEW_PAIRS, NEW_PLAN)
    page = client.post("/exchange/", data={"file": (io.BytesIO(content), "реестр.xlsx"), "check": "Проверить"})
    text = page.get_data(as_text=True)
    assert "<h3>Программы</h3>" in text
    assert (f"Будут добавлены (1): {GROUP_MENTOR} → Новикова Анна Сергеевна, Петров Олег Ильич, "
            "01.09.2026–31.05.2027; строк плана: 3") in text
    source = tmp_path / "реестр.xlsx"
    source.write_bytes(content)
    runner, path = CliRunner(), app.config["DATABASE"]
    dry = runner.invoke(main, ["import", str(source), "--dry-run", "--organization", str(org_id(db)), "--db", path])
    assert dry.exit_code == 0, dry.output
    assert f"Программы — будут добавлены (1): {GROUP_MENTOR} → Новикова Анна Сергеевна" in dry.output
    assert len(list_programmes(db, org_id(db))) == 2
    loaded = client.post("/exchange/", data={"file": (io.BytesIO(content), "реестр.xlsx"), "load": "Загрузить"})
    assert loaded.status_code == 302 and len(list_programmes(db, org_id(db))) == 3
    again = runner.invoke(main, ["import", str(source), "--organization", str(org_id(db)), "--db", path])
    assert again.exit_code == 0 and again.output.strip().endswith("Программы: создано 0, обновлено 0, без изменений 1.")
