"""«Обмен с Excel» in a real browser, as a secretary uses it on the demo registry: download the template
workbook, fill it (here with openpyxl, as Excel would save it), upload it, read the reported rows, fix
them, check again, import, and find the imported programme among the programmes of the year. Screens
``exchange-…``."""

import datetime as dt
import io

import openpyxl
from playwright.sync_api import Page, expect

from registry.pairs import academic_year
from service.spreadsheets import programmes
from tests.browser.conftest import LiveServer, download, expect_russian_page, log_in, open_section, press

TODAY = dt.date.today()
YEAR = academic_year(TODAY)
FORMATS = ("excel", "xlsx", "csv")


def filled(template: bytes, mentor_last_name: str, deadline: str | None) -> bytes:
    """The template with a mentor, a mentee, their pair and a programme of two plan rows."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    book["Участники"].append([mentor_last_name, "Вера", "Павловна", "ж", None, None, "учитель биологии", None, None,
                              None, None, None, "да", "нет", "нет"])
    book["Участники"].append(["Новикова", "Анна", "Сергеевна", "ж", None, None, "учитель математики", None, None,
                              None, None, None, "нет", "да", "нет"])
    book["Пары и группы"].append(["Сидорова Вера Павловна", "Новикова Анна Сергеевна", "педагог – педагог",
                                  dt.date(YEAR, 9, 1), dt.date(YEAR + 1, 5, 31), "действует"])
    cells = {"mentor": "Сидорова Вера Павловна", "mentees": "Новикова Анна Сергеевна"}
    for row in ({**cells, "activity": "Встреча-знакомство", "deadline": "сентябрь", "done_on": TODAY,
                 "goal": "Адаптация молодого учителя."},
                {**cells, "activity": "Открытый урок", "deadline": deadline}):
        book["Программы"].append([row.get(c.key) for c in programmes.COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_secretary_fixes_the_reported_rows_and_imports_a_programme(page: Page, live_server: LiveServer, shot,
                                                                   tmp_path):
    log_in(page, live_server, "secretary")
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Обмен с Excel").click()
    expect_russian_page(page, "Обмен с Excel", FORMATS)
    name, template = download(page, lambda: page.get_by_role("link", name="Скачать шаблон для заполнения").click())
    assert name == "Шаблон_загрузки_реестра.xlsx"
    upload = tmp_path / "реестр.xlsx"
    upload.write_bytes(filled(template, "Cидорова", None))  # a Latin «C», and a plan row without its deadline

    field = page.get_by_label("Файл: книга Excel (.xlsx) или CSV")
    field.set_input_files(upload)
    press(page, "Проверить")
    expect_russian_page(page, "Обмен с Excel", FORMATS)
    expect(page.get_by_text("Найдено ошибок: 4.")).to_be_visible()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(5)
    # The pair and the programme name her in Cyrillic: not found until her row is fixed.
    unknown = ("Наставника «Сидорова Вера Павловна» нет ни на листе «Участники», ни в реестре организации: проверьте "
               "ФИО или добавьте участника.")
    for number, cells in enumerate([["Участники", "3", "A — Фамилия", "Латинская буква «C»"],
                                    ["Пары и группы", "3", "A — Наставник (ФИО)", unknown],
                                    ["Программы", "4", "A — Наставник (ФИО)", unknown],
                                    ["Программы", "5", "E — Срок", "Не заполнено: в строке плана нужны мероприятие и "
                                                                   "срок."]], 1):
        expect(rows.nth(number).get_by_role("cell")).to_contain_text(cells)
    shot(page, "exchange-1-errors", full_page=True, allow=FORMATS)

    upload.write_bytes(filled(template, "Сидорова", "март"))
    field.set_input_files(upload)
    press(page, "Проверить")
    expect(page.get_by_text("Ошибок нет.")).to_be_visible()
    expect(page.get_by_text("Будут добавлены (1): Сидорова Вера Павловна → Новикова Анна Сергеевна, "
                            f"01.09.{YEAR}–31.05.{YEAR + 1}; строк плана: 2")).to_be_visible()
    shot(page, "exchange-2-checked", full_page=True, allow=FORMATS)

    field.set_input_files(upload)
    press(page, "Загрузить")
    expect(page.get_by_text("Файл «реестр.xlsx» загружен. Участники: создано 2")).to_be_visible()
    expect(page.get_by_text("Программы: создано 1, обновлено 0, без изменений 0.")).to_be_visible()

    open_section(page, "Программы", f"Программы наставничества {YEAR}/{YEAR + 1} учебного года")
    row = page.get_by_role("row").filter(has_text="Сидорова Вера Павловна")
    expect(row).to_contain_text("Новикова Анна Сергеевна")
    expect(row).to_contain_text("1 из 2")
