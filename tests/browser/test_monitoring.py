"""Monitoring walked in the browser: the demo school's curator opens «Мониторинг», sees the indicators, the
five charts and the checklist, edits the conclusions of the analytical report and downloads it, and writes a
mentor's report (a readiness refused until chosen); the methodological centre sees the three demo
organisations side by side, sorts them, looks through the district mentor bank and downloads the district
summary as DOCX and as an Excel book. Screenshots ``120-…`` to ``126-…``."""

import datetime as dt
import io
import re

import openpyxl
from docx import Document
from playwright.sync_api import Page, expect

from registry.pairs import academic_year
from tests.browser.conftest import (
    LiveServer,
    choose,
    download,
    expect_error_at,
    expect_russian_page,
    log_in,
    open_section,
    press,
)
from tests.conftest import docx_text, flat

YEAR = academic_year(dt.date.today())
ORGANIZATIONS = ["МБОУ Палагайская СОШ", "МБОУ СОШ № 24", "МДОУ «Детский сад № 7»"]
CONCLUSION = "Все пары работают по утверждённым программам; молодые педагоги включены в методическую работу."


def test_curator_reads_the_indicators_and_downloads_the_reports(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "curator")
    open_section(page, "Мониторинг", "Мониторинг")
    expect(page.get_by_role("heading", name=f"Показатели: {YEAR}/{YEAR + 1} учебный год")).to_be_visible()
    mentors = page.get_by_role("row").filter(has_text="Разные сотрудники — наставники в парах")
    expect(mentors).to_contain_text("3 чел.")
    expect(page.get_by_role("row").filter(has_text="Группы: действуют").first).to_contain_text("1")
    figures = page.get_by_role("figure")
    expect(figures).to_have_count(5)
    for index in range(5):
        picture = figures.nth(index).get_by_role("img")
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), f"chart {index + 1} is not drawn"
    expect(page.get_by_role("img", name=re.compile("^Средний балл анкет при входном и итоговом анкетировании. "
                                                   "входное анкетирование: наставники — "))).to_be_visible()
    expect(figures.nth(4)).to_contain_text("Рисунок 5 — Проведённые встречи по видам")
    bank = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Банк наставников", exact=True))
    expect(bank).to_contain_text("есть")
    expect(bank.get_by_role("link", name="банк наставников")).to_be_visible()
    website = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Страница о наставничестве на "
                                                                                     "сайте организации"))
    expect(website).to_contain_text("не указано")
    shot(page, "120-monitoring", full_page=True)

    # The analytical report: the drafted conclusions replaced by the curator's, then DOCX.
    page.get_by_role("link", name="Аналитическая справка", exact=True).click()
    expect_russian_page(page, "Аналитическая справка")
    conclusions = page.get_by_label("Выводы (каждый абзац с новой строки)")
    expect(conclusions).to_have_value(re.compile(f"^За {YEAR}/{YEAR + 1} учебный год в реализации программ"))
    conclusions.fill(CONCLUSION)
    page.get_by_label("Рекомендации (каждая с новой строки — в справке они нумеруются)").fill(
        "Провести открытые занятия молодых педагогов.\nПополнить методическую копилку.")
    shot(page, "121-analytical-report-form", full_page=True)
    name, content = download(page, lambda: press(page, "Скачать DOCX"))
    assert name == f"Аналитическая_справка_{YEAR}-{YEAR + 1}_учебный_год_МБОУ_Палагайская_СОШ.docx"
    text = flat(docx_text(content))
    assert CONCLUSION in text and "1. Провести открытые занятия молодых педагогов." in text
    assert "1. | Наставники | 3 чел." in text
    assert len(Document(io.BytesIO(content)).inline_shapes) == 5

    # A mentor's report: the readiness is asked for, then the report is made.
    page.get_by_role("link", name="К показателям").click()
    expect_russian_page(page, "Мониторинг")
    page.get_by_role("link", name="Отчёт наставника: Черных Ольга Ильинична").click()
    expect_russian_page(page, "Отчёт наставника")
    characteristic = page.get_by_label("Характеристика: Шевчук Анна Сергеевна")
    expect(characteristic).to_have_value(re.compile("^Шевчук Анна Сергеевна с 15 сентября \\d{4} г\\. работает"))
    characteristic.fill("Анна Сергеевна самостоятельно составляет программы коррекции, открыта к советам.")
    press(page, "Скачать DOCX")
    readiness = page.get_by_label("Готовность к самостоятельной профессиональной деятельности: Шевчук Анна Сергеевна")
    expect_error_at(readiness, "Выберите вывод о готовности.")
    expect(characteristic).to_have_value(re.compile("^Анна Сергеевна самостоятельно составляет"))
    choose(readiness, "готов(а) при условии дополнительного сопровождения")
    shot(page, "122-mentor-report-form", full_page=True)
    name, content = download(page, lambda: press(page, "Скачать DOCX"))
    assert name == "Отчёт_наставника_Шевчук_А.С.docx"
    text = flat(docx_text(content))
    assert "Анна Сергеевна самостоятельно составляет программы коррекции, открыта к советам." in text
    assert ("Наставляемая готова к самостоятельной профессиональной деятельности при условии дополнительного "
            "сопровождения.") in text


def test_methodological_centre_compares_the_organisations(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "municipal")
    open_section(page, "Округ", "Мониторинг организаций округа")
    compared = page.get_by_role("table").first
    assert compared.get_by_role("columnheader").all_inner_texts() == ["Показатель", *ORGANIZATIONS]
    mentees = compared.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Наставляемые", exact=True))
    assert mentees.get_by_role("cell").all_inner_texts() == ["4 чел.", "2 чел.", "3 чел."]
    expect(page.get_by_text("Организаций показано: 3 из 3.")).to_be_visible()
    checklists = page.get_by_role("table").nth(1)
    banks = checklists.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Банк наставников"))
    assert banks.get_by_role("cell").all_inner_texts() == ["есть", "есть", "есть"]
    shot(page, "123-district", full_page=True)

    choose(page.get_by_label("Порядок"), "по убыванию: Наставляемые")
    press(page, "Применить")
    expect_russian_page(page, "Мониторинг организаций округа")
    assert page.get_by_role("table").first.get_by_role("columnheader").all_inner_texts()[1:] == [
        ORGANIZATIONS[0], ORGANIZATIONS[2], ORGANIZATIONS[1]]

    page.get_by_role("link", name="Банк наставников округа").click()
    expect_russian_page(page, "Банк наставников округа")
    expect(page.get_by_text("Наставников показано: 8 из 8.")).to_be_visible()
    choose(page.get_by_label("Квалификационная категория"), "педагог-наставник")
    press(page, "Применить")
    expect(page.get_by_text("Наставников показано: 2 из 8.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Фёдорова Галина Ивановна")
    expect(row).to_contain_text("МБОУ СОШ № 24")
    expect(row).to_contain_text("Ким Алина Вадимовна")
    shot(page, "124-district-mentors", full_page=True)

    page.get_by_role("link", name="Сводная справка", exact=True).click()
    expect_russian_page(page, "Сводная справка по итогам мониторинга")
    page.get_by_label("Орган (учреждение), составивший справку: полное наименование").fill(
        "Отдел образования администрации Лужского муниципального района")
    page.get_by_label("Населённый пункт").fill("г. Луга")
    page.get_by_label("Должность подписывающего (в именительном падеже)").fill("начальник отдела образования")
    page.get_by_label("ФИО подписывающего").fill("Колесникова Ирина Владимировна")
    page.get_by_label(re.compile("^Чьих организаций")).fill("Лужского муниципального района")
    expect(page.get_by_label("Выводы и предложения (каждый абзац с новой строки)")).to_have_value(
        re.compile("^Мониторингом охвачено образовательных организаций: 3;"))
    shot(page, "125-district-summary-form", full_page=True)
    name, content = download(page, lambda: press(page, "Скачать DOCX"))
    assert name == f"Сводная_справка_мониторинга_{YEAR}-{YEAR + 1}_учебный_год.docx"
    text = flat(docx_text(content))
    assert "образовательных организациях Лужского муниципального района" in text
    assert all(f"| {organization} |" in text for organization in ORGANIZATIONS)
    assert "Начальник отдела образования\tИ.В. Колесникова" in text

    name, content = download(page, lambda: page.get_by_role("link", name="книгой Excel (xlsx)").click())
    assert name == f"Мониторинг_наставничества_{YEAR}-{YEAR + 1}_учебный_год.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert [cell.value for cell in book["Показатели"]["A"]] == ["Организация", *ORGANIZATIONS]
    shot(page, "126-district-summary-downloaded")
