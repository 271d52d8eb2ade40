"""The roadmap (дорожная карта): events of an academic year with their deadlines read as a person writes
them, refused in Russian naming the field; due and overdue on fixed dates; marked done by hand and by a
registered document; started from the default roadmaps of the seeds; loaded from a DOCX or an xlsx in the
seeds' layout, all or nothing; the ``roadmap`` document from the demo registry, landscape, printed by
LibreOffice; the roadmap's pages and the start page's block through the Flask client."""

import datetime as dt
import io
import json
import re
import subprocess
import zipfile

import docx
import openpyxl
import pytest
from lxml import etree

from registry.db import RegistryError
from registry.orders import add_version, register_order
from registry.organization import create_organization, save_organization
from registry.pairs import academic_year
from registry.people import list_people
from registry.roadmap import (
    DEFAULTS_FILE,
    Deadline,
    due_events,
    get_event,
    grouped,
    list_events,
    mark_done,
    mark_done_for_document,
    parse_deadline,
    save_event,
    start_roadmap,
    undo_done,
)
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfConverter
from service.documents.render import preview, render
from service.documents.sources import from_registry
from service.roadmap_import import import_roadmap
from service.spreadsheets.workbook import UnreadableFile
from tests.conftest import docx_text, flat, login, org_id, tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP = "\u00a0"
TODAY = dt.date.today()
YEAR = academic_year(TODAY)


@pytest.fixture
def kindergarten(db) -> int:
    """A second organisation with no roadmap, whose academic year follows the calendar."""
    return create_organization(db, {"full_name": "Муниципальное бюджетное дошкольное образовательное учреждение "
                                                 "«Детский сад № 4»", "short_name": "МБДОУ д/с № 4",
                                    "locality": "г. Ставрополь", "head_position": "заведующий"})


def event(**values) -> dict:
    return {"stage": "Подготовка условий", "activity": "Назначение куратора", "deadline": "сентябрь",
            "responsible": "куратор", **values}


# -- deadlines ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "kind", "value", "text"), [
    ("До 11.01.2024", "date", "2024-01-11", "до 11.01.2024"),
    ("до 11.01. 2024 г.", "date", "2024-01-11", "до 11.01.2024"),
    ("20.09.2024г.", "date", "2024-09-20", "до 20.09.2024"),
    ("до 15.09", "date", "2023-09-15", "до 15.09.2023"),
    ("до 15.01", "date", "2024-01-15", "до 15.01.2024"),
    ("Сентябрь", "month", "2023-09", "сентябрь 2023 г."),
    ("Май 2024", "month", "2024-05", "май 2024 г."),
    ("Ноябрь-декабрь 2023 г.", "month", "2023-11/2023-12", "ноябрь – декабрь 2023 г."),
    ("Ноябрь-Апрель", "month", "2023-11/2024-04", "ноябрь 2023 г. – апрель 2024 г."),
    ("ноябрь – апрель 2024 г.", "month", "2023-11/2024-04", "ноябрь 2023 г. – апрель 2024 г."),
    ("Декабрь 2023 г. – апрель 2024 г.", "month", "2023-12/2024-04", "декабрь 2023 г. – апрель 2024 г."),
    ("Сентябрь- Октябрь", "month", "2023-09/2023-10", "сентябрь – октябрь 2023 г."),
    ("июль – август", "month", "2024-07/2024-08", "июль – август 2024 г."),
    ("постоянно", "phrase", "постоянно", "постоянно"),
    ("В  течение учебного года", "phrase", "В течение учебного года", "В течение учебного года"),
    ("май-сентябрь 2022г., далее ежегодно", "phrase", "май-сентябрь 2022г., далее ежегодно",
     "май-сентябрь 2022г., далее ежегодно"),
])
def test_a_deadline_is_read_as_a_person_writes_it(typed, kind, value, text):
    deadline = parse_deadline(typed, 2023)
    assert deadline == Deadline(kind, value)
    assert deadline.text() == text
    # What the page shows reads back as the same deadline (the form of an event shows it so).
    assert parse_deadline(text, 2023) == deadline


def test_a_deadline_covers_its_days():
    assert Deadline("date", "2024-01-11").span() == (dt.date(2024, 1, 11), dt.date(2024, 1, 11))
    assert Deadline("month", "2024-02").span() == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert Deadline("month", "2023-11/2024-04").span() == (dt.date(2023, 11, 1), dt.date(2024, 4, 30))
    assert Deadline("phrase", "ежегодно").span() is None


# -- registry rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("values", "field", "message"), [
    (event(activity=" "), "activity", "Мероприятие: не заполнено."),
    (event(activity="звонок\x07"), "activity", "Мероприятие: служебный символ U+0007 — удалите его."),
    (event(deadline=""), "deadline", "Срок: не заполнено — впишите дату, месяц или, например, «постоянно»."),
    (event(deadline="31.02.2026"), "deadline", "Срок: «31.02.2026» — такой даты нет. Впишите дату в виде "
                                               "ДД.ММ.ГГГГ, месяц («октябрь») или словами («постоянно»)."),
    (event(deadline="до 01.01.1999"), "deadline", "Срок: 01.01.1999 — укажите дату между 2000 и 2100 годом."),
    (event(deadline="май 2101"), "deadline", "Срок: «май 2101» — укажите месяц между 2000 и 2100 годом."),
    (event(deadline="декабрь 2025 – март 2025"), "deadline",
     "Срок: «декабрь 2025 – март 2025» — конец раньше начала; проверьте месяцы и годы."),
    (event(responsible=""), "responsible",
     "Ответственный: выберите сотрудника или впишите роль, например «куратор»."),
    (event(responsible_person_id=10**6), "responsible_person_id",
     "Ответственный: такого сотрудника нет в организации — выберите из списка."),
    (event(document_kind="pd-consent"), "document_kind",
     "Документ: «pd-consent» — такого документа нет; выберите из списка."),
    (event(result="ф" * 1001), "result", "Результат (документ): не длиннее 1000 знаков (сейчас 1001)."),
])
def test_an_event_is_refused_naming_the_field(db, kindergarten, values, field, message):
    with pytest.raises(RegistryError) as caught:
        save_event(db, kindergarten, 2025, values)
    assert (caught.value.field, caught.value.message) == (field, message)
    assert list_events(db, kindergarten, 2025) == []


def test_year_and_someone_elses_person_are_refused(db, kindergarten):
    with pytest.raises(RegistryError, match=r"^Учебный год: укажите первый год, например 2025 для 2025/2026"):
        save_event(db, kindergarten, 1999, event())
    demo_curator = list_people(db, org_id(db), "curator")[0]["id"]
    with pytest.raises(RegistryError, match="такого сотрудника нет в организации"):
        save_event(db, kindergarten, 2025, event(responsible="", responsible_person_id=demo_curator))


def test_an_event_goes_to_the_end_of_its_stage_and_moves_with_it(db, kindergarten):
    first = save_event(db, kindergarten, 2025, event(activity="Приказ о Положении"))
    later = save_event(db, kindergarten, 2025, event(stage="Завершение", activity="Итоговый круглый стол",
                                                     deadline="май"))
    added = save_event(db, kindergarten, 2025, event(activity="Информирование педагогов"))
    assert [e["id"] for e in list_events(db, kindergarten, 2025)] == [first, added, later]
    save_event(db, kindergarten, 2025, event(stage="Завершение", activity="Приказ о Положении"), first)
    groups = grouped(list_events(db, kindergarten, 2025))
    assert [(g["stage"], [e["id"] for e in g["events"]]) for g in groups] == [
        ("Подготовка условий", [added]), ("Завершение", [later, first])]


def test_a_person_and_a_role_make_the_responsible(db):
    organization = org_id(db)
    curator = list_people(db, organization, "curator")[0]["id"]
    event_id = save_event(db, organization, 2030, event(responsible="куратор", responsible_person_id=curator))
    assert get_event(db, organization, event_id)["responsible_text"] == "куратор Абашева Е.А."
    event_id = save_event(db, organization, 2030, event(responsible="", responsible_person_id=curator))
    assert get_event(db, organization, event_id)["responsible_text"] == "Абашева Е.А."


# -- due and overdue on fixed dates ------------------------------------------------------------------------


def _fixed_roadmap(db, organization_id) -> dict[str, int]:
    rows = {"приказ": "до 15.11.2024", "пары": "ноябрь", "обучение": "октябрь – декабрь", "контроль": "декабрь",
            "сайт": "постоянно", "анкеты": "до 01.11.2024", "прошлое": "сентябрь"}
    ids = {name: save_event(db, organization_id, 2024, event(activity=name, deadline=deadline))
           for name, deadline in rows.items()}
    mark_done(db, organization_id, ids["анкеты"], "2024-10-30")
    mark_done(db, organization_id, ids["прошлое"], dt.date(2024, 9, 20))
    return ids


def test_due_this_month_and_overdue_on_fixed_dates(db, kindergarten):
    ids = _fixed_roadmap(db, kindergarten)
    names = {value: key for key, value in ids.items()}

    def due(day):
        found = due_events(db, kindergarten, day)
        return found["year"], [names[e["id"]] for e in found["this_month"]], [names[e["id"]] for e in found["overdue"]]

    assert due(dt.date(2024, 11, 14)) == (2024, ["приказ", "пары", "обучение"], [])
    assert due(dt.date(2024, 11, 20)) == (2024, ["пары", "обучение"], ["приказ"])
    assert due(dt.date(2024, 12, 1)) == (2024, ["обучение", "контроль"], ["приказ", "пары"])
    # In the summer the year is still 2024/2025; from September the next one, which has no events.
    assert due(dt.date(2025, 8, 31))[2] == ["приказ", "пары", "обучение", "контроль"]
    assert due(dt.date(2025, 9, 1)) == (2025, [], [])
    # The profile's academic year wins over the calendar's.
    save_organization(db, kindergarten, {"academic_year": 2024})
    assert due(dt.date(2025, 9, 1))[0] == 2024
    statuses = {names[e["id"]]: e["status_title"] for e in list_events(db, kindergarten, 2024, dt.date(2024, 11, 20))}
    assert statuses == {"приказ": "просрочено", "пары": "запланировано", "обучение": "запланировано",
                        "контроль": "запланировано", "сайт": "запланировано", "анкеты": "выполнено",
                        "прошлое": "выполнено"}


def test_marked_done_by_hand_and_undone(db, kindergarten):
    event_id = save_event(db, kindergarten, 2024, event(deadline="до 15.09.2024"))
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(RegistryError) as caught:
        mark_done(db, kindergarten, event_id, tomorrow.isoformat())
    assert caught.value.message == f"Дата выполнения: {tomorrow:%d.%m.%Y} — этот день ещё не наступил."
    with pytest.raises(RegistryError, match="Нет мероприятия с номером"):
        mark_done(db, org_id(db), event_id, "2024-09-10")
    mark_done(db, kindergarten, event_id, "2024-09-10")
    assert get_event(db, kindergarten, event_id)["status"] == "done"
    undo_done(db, kindergarten, event_id)
    done = get_event(db, kindergarten, event_id, dt.date(2024, 9, 16))
    assert (done["done_on"], done["status_title"]) == (None, "просрочено")


def test_a_registered_document_marks_its_events_done(db, kindergarten):
    tied = save_event(db, kindergarten, 2024, event(document_kind="curator-order"))
    also = save_event(db, kindergarten, 2024, event(activity="Приказ: повторно", document_kind="curator-order"))
    other_kind = save_event(db, kindergarten, 2024, event(document_kind="pairs-order"))
    other_year = save_event(db, kindergarten, 2025, event(document_kind="curator-order"))
    mark_done(db, kindergarten, also, "2024-09-02")
    order = register_order(db, kindergarten, date="2024-09-10", kind="curator-order", heading="О назначении")
    assert mark_done_for_document(db, kindergarten, "curator-order", "2024-09-10", order["id"]) == 1
    marked = get_event(db, kindergarten, tied)
    assert (marked["done_on"], marked["done_order"]) == ("2024-09-10", {"id": order["id"], "number": "1",
                                                                          "date": "2024-09-10"})
    assert get_event(db, kindergarten, also)["done_on"] == "2024-09-02"  # done before: left as it was
    assert get_event(db, kindergarten, other_kind)["done_on"] is None
    assert get_event(db, kindergarten, other_year)["done_on"] is None
    # A Положение is no order: done with no order; nothing left to mark counts 0.
    regulation = save_event(db, kindergarten, 2024, event(document_kind="regulation"))
    assert mark_done_for_document(db, kindergarten, "regulation", "2024-09-11", None) == 1
    assert get_event(db, kindergarten, regulation)["done_order"] is None
    assert mark_done_for_document(db, kindergarten, "regulation", "2024-09-12", None) == 0
    demo_order = register_order(db, org_id(db), date="2024-09-10", kind="curator-order", heading="О назначении")
    with pytest.raises(RegistryError, match=f"Нет приказа с номером {demo_order['id']} в журнале организации"):
        mark_done_for_document(db, kindergarten, "curator-order", "2024-09-10", demo_order["id"])


# -- default roadmaps ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["school", "kindergarten", "municipality"])
def test_default_roadmaps_of_the_seeds(db, variant):
    organization = org_id(db)
    expected = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))[variant]["stages"]
    count = start_roadmap(db, organization, 2030, variant)
    events = list_events(db, organization, 2030, dt.date(2030, 8, 1))
    assert count == len(events) == sum(len(stage["events"]) for stage in expected)
    assert [g["stage"] for g in grouped(events)] == [stage["stage"] for stage in expected]
    assert all(e["status"] == "planned" for e in events)
    # Every deadline a date or months of 2030/2031, but the phrases.
    for e in events:
        span = Deadline(e["deadline_kind"], e["deadline_value"]).span()
        assert span is None or (dt.date(2030, 9, 1) <= span[0] and span[1] <= dt.date(2031, 8, 31)), e
    with pytest.raises(RegistryError, match=r"^Дорожная карта на 2030/2031 учебный год уже есть"):
        start_roadmap(db, organization, 2030, variant)


def test_the_school_roadmap_names_the_head_and_the_curator(db, kindergarten):
    start_roadmap(db, org_id(db), 2030, "school")
    events = {e["activity"]: e for e in list_events(db, org_id(db), 2030)}
    curator_order = events["Назначение куратора реализации программ наставничества"]
    assert (curator_order["responsible_text"], curator_order["deadline_text"], curator_order["document_kind"]) == (
        "директор Ведерников А.А.", "до 15.09.2030", "curator-order")
    positions = events["Разработка Положения о системе наставничества педагогических работников, рассмотрение на "
                       "педагогическом совете"]
    assert positions["responsible_text"] == "куратор Абашева Е.А."
    # No head nor curator in the registry: the roles as the seeds write them.
    start_roadmap(db, kindergarten, 2030, "kindergarten")
    texts = {e["responsible_text"] for e in list_events(db, kindergarten, 2030)}
    assert {"заведующий", "куратор", "наставники"} <= texts
    with pytest.raises(RegistryError, match="Образец дорожной карты: выберите из списка."):
        start_roadmap(db, kindergarten, 2031, "college")


def test_the_demo_roadmap(db):
    found = due_events(db, org_id(db), TODAY)
    events = list_events(db, org_id(db), YEAR)
    assert found["year"] == YEAR and found["total"] == len(events) == 20
    assert sum(1 for e in events if e["done_on"]) >= 3
    assert all(e["done_on"] <= TODAY.isoformat() for e in events if e["done_on"])
    assert any("Заседание методического объединения наставников" in e["activity"] for e in found["this_month"])
    if TODAY > dt.date(YEAR, 9, 1):  # on the first day of the year nothing can be late yet
        assert [e["activity"] for e in found["overdue"]] == [
            "Информирование родительского сообщества о планируемой реализации программы наставничества"]


# -- import --------------------------------------------------------------------------------------------------

MUNICIPAL_HEADER = ("№ п/п", "Наименование мероприятия", "Сроки исполнения", "Ответственный исполнитель", "Результат")


def municipal_docx(rows=None) -> bytes:
    """Seed 003's layout: the columns numbered under the header, stages as rows merged across the table."""
    rows = rows or [
        "Организационные мероприятия",
        ("1.", "Формирование базы наставников", "сентябрь", "МКУ «ИМЦСО ЛМО СК»",
         "Сформирована актуальная база наставников"),
        ("2.", "Консультирование по вопросам реализации целевой модели наставничества", "постоянно",
         "МКУ «ИМЦСО ЛМО СК»", "Консультирование по заявкам"),
        "Мониторинг и оценка результатов",
        ("3.", "Мониторинг оценки эффективности персонализированных программ", "июль-август, ежегодно",
         "МКУ «ИМЦСО ЛМО СК»", "Аналитическая справка"),
        ("4.", "Отчёт наставников об итогах выполнения программ", "Май 2026", "Кураторы, наставники",
         "Пополнение методической копилки"),
    ]
    document = docx.Document()
    document.add_paragraph("Приложение 2 к приказу отдела образования от 08.04.2022 г. № 209-од")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, MUNICIPAL_HEADER, strict=True):
        cell.text = text
    for index, cell in enumerate(table.add_row().cells, start=1):
        cell.text = str(index)
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            cells[0].merge(cells[-1]).text = row
        else:
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def kindergarten_xlsx(responsible_of_last="Куратор") -> bytes:
    """Seed 002's layout in a book: a title above, a stage column and a deadline merged down a stage's rows,
    both «Мероприятия» and «Содержание деятельности»."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "План"
    sheet.append(["План реализации целевой модели наставничества в МБДОУ д/с № 4 на 2025–2026 учебный год"])
    sheet.append(["№", "Наименование этапа", "Мероприятия", "Содержание деятельности", "Сроки", "Ответственные"])
    sheet.append([1, "Подготовка условий для запуска программы наставничества",
                  "Изучение и систематизация материалов", "1. Изучение нормативной базы\n2. Подготовка системных папок",
                  "Сентябрь", "Руководитель ДОУ\nЗам. зав. по УВР"])
    sheet.append([None, None, "Подготовка нормативной базы", "Назначение куратора (издание приказа)", None,
                  "Руководитель ДОУ"])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("E3:E4")
    sheet.append([2, "Формирование базы наставляемых", "Сбор данных о наставляемых",
                  "Анкетирование педагогов, сбор согласий", "Сентябрь- Октябрь", responsible_of_last])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_from_docx_checks_first_then_loads(db, kindergarten):
    checked = import_roadmap(db, kindergarten, 2025, municipal_docx(), "Дорожная карта.docx")
    assert checked.problems == [] and not checked.written
    assert list_events(db, kindergarten, 2025) == []
    assert [(e["label"], e["stage"], e["activity"][:25], e["deadline_text"], e["deadline_title"])
            for e in checked.events] == [
        ("Строка 4", "Организационные мероприятия", "Формирование базы наставн", "сентябрь 2025 г.", "месяц"),
        ("Строка 5", "Организационные мероприятия", "Консультирование по вопро", "постоянно", "словами"),
        ("Строка 7", "Мониторинг и оценка результатов", "Мониторинг оценки эффекти", "июль-август, ежегодно",
         "словами"),
        ("Строка 8", "Мониторинг и оценка результатов", "Отчёт наставников об итог", "май 2026 г.", "месяц")]
    loaded = import_roadmap(db, kindergarten, 2025, municipal_docx(), "Дорожная карта.docx", dry_run=False)
    assert loaded.written
    events = list_events(db, kindergarten, 2025)
    assert [(e["responsible_text"], e["result"]) for e in events][-1] == ("Кураторы, наставники",
                                                                          "Пополнение методической копилки")
    # Once the year has a roadmap, a second load must say «replace».
    again = import_roadmap(db, kindergarten, 2025, municipal_docx(), "Дорожная карта.docx", dry_run=False)
    assert not again.written and again.problems == [
        "Дорожная карта на 2025/2026 учебный год уже есть: отметьте «Заменить мероприятия этого учебного года» или "
        "выберите другой год."]
    replaced = import_roadmap(db, kindergarten, 2025, municipal_docx(["Один этап", ("1.", "Одно", "май", "куратор",
                                                                                    "")]),
                              "карта.docx", dry_run=False, replace=True)
    assert replaced.written and [e["activity"] for e in list_events(db, kindergarten, 2025)] == ["Одно"]


def test_import_is_all_or_nothing_naming_each_row(db, kindergarten):
    rows = [("1.", "Формирование базы наставников", "", "МКУ «ИМЦСО ЛМО СК»", ""),
            ("2.", "Консультирование", "до 31.02.2026", "МКУ «ИМЦСО ЛМО СК»", ""),
            ("3.", "Информирование", "постоянно", "", ""),
            ("4.", "", "май", "кураторы", "Отчёты"),
            ("5.", "Верное мероприятие", "май", "кураторы", "Отчёты")]
    report = import_roadmap(db, kindergarten, 2025, municipal_docx(rows), "карта.docx", dry_run=False)
    assert not report.written
    assert report.problems == [
        "Строка 6: нет мероприятия — впишите его или удалите строку.",
        "Строка 3, срок: не заполнено — впишите дату, месяц или, например, «постоянно».",
        "Строка 4, срок: «до 31.02.2026» — такой даты нет. Впишите дату в виде ДД.ММ.ГГГГ, месяц («октябрь») или "
        "словами («постоянно»).",
        "Строка 5, ответственный: выберите сотрудника или впишите роль, например «куратор»."]
    assert list_events(db, kindergarten, 2025) == []


def test_import_from_xlsx_with_merged_cells(db, kindergarten):
    report = import_roadmap(db, kindergarten, 2025, kindergarten_xlsx(), "план.xlsx", dry_run=False)
    assert report.problems == [] and report.written
    events = list_events(db, kindergarten, 2025)
    assert [(e["stage"], e["activity"], e["deadline_text"], e["responsible_text"]) for e in events] == [
        ("Подготовка условий для запуска программы наставничества",
         "Изучение и систематизация материалов\n1. Изучение нормативной базы\n2. Подготовка системных папок",
         "сентябрь 2025 г.", "Руководитель ДОУ, Зам. зав. по УВР"),
        ("Подготовка условий для запуска программы наставничества",
         "Подготовка нормативной базы\nНазначение куратора (издание приказа)", "сентябрь 2025 г.", "Руководитель ДОУ"),
        ("Формирование базы наставляемых", "Сбор данных о наставляемых\nАнкетирование педагогов, сбор согласий",
         "сентябрь – октябрь 2025 г.", "Куратор")]
    broken = import_roadmap(db, kindergarten, 2026, kindergarten_xlsx(None), "план.xlsx", dry_run=False)
    assert broken.problems == ["Лист «План», строка 5, ответственный: выберите сотрудника или впишите роль, например "
                               "«куратор»."]
    assert list_events(db, kindergarten, 2026) == []


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"not a zip", "карта.docx", "Файл не открывается как документ .docx: сохраните его заново"),
    (b"PK\x03\x04 broken", "карта.xlsx", "Файл не открывается как книга Excel (.xlsx): сохраните его заново"),
    (b"", "карта.doc", "Файл в старом формате (.doc или .xls)"),
    (b"", "карта.pdf", "Загрузите дорожную карту: документ .docx или книгу Excel (.xlsx)."),
])
def test_unreadable_files_are_told_in_russian(db, kindergarten, content, name, message):
    with pytest.raises(UnreadableFile) as caught:
        import_roadmap(db, kindergarten, 2025, content, name)
    assert caught.value.message.startswith(message)


def test_a_file_without_a_roadmap_table(db, kindergarten):
    document = docx.Document()
    document.add_paragraph("Дорожная карта")
    document.add_table(rows=2, cols=2).rows[0].cells[0].text = "Фамилия"
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(UnreadableFile, match="^В файле нет таблицы дорожной карты: нужна таблица со столбцами"):
        import_roadmap(db, kindergarten, 2025, buffer.getvalue(), "карта.docx")


# -- the document ------------------------------------------------------------------------------------------


def _lines(content: bytes) -> list[str]:
    return flat(docx_text(content)).replace("\u2011", "-").splitlines()


def test_the_demo_roadmap_as_a_document(db):
    data = from_registry("roadmap", db, org_id(db), None, {})
    rendered = render("roadmap", data)
    assert rendered.file_name == f"Дорожная_карта_{YEAR}-{YEAR + 1}_МБОУ_Палагайская_СОШ.docx"
    lines = _lines(rendered.content)
    for line in ("Муниципальное бюджетное общеобразовательное учреждение «Палагайская средняя общеобразовательная "
                 "школа»", "(МБОУ Палагайская СОШ)", "УТВЕРЖДАЮ", "Директор МБОУ Палагайской СОШ",
                 "______________ А.А. Ведерников", "«___» ____________ 20___ г.", "Дорожная карта (план мероприятий)",
                 "по реализации Положения о системе наставничества педагогических работников в МБОУ Палагайской СОШ",
                 f"на {YEAR}/{YEAR + 1} учебный год",
                 "№ п/п | Мероприятие | Срок | Ответственный | Результат (документ)",
                 f"3. | Назначение куратора реализации программ наставничества | до 15.09.{YEAR} | директор "
                 "Ведерников А.А. | Приказ о назначении куратора",
                 "20. | Освещение мероприятий дорожной карты на сайте образовательной организации и в социальных "
                 "сетях, по возможности на муниципальном и региональном уровнях | постоянно | куратор Абашева Е.А. | "
                 "Раздел «Наставничество» на официальном сайте"):
        assert line in lines, line
    stage = "Формирование банка наставляемых"
    assert f"{stage} | {stage} | {stage} | {stage} | {stage}" in lines  # a row across the table
    assert sum(1 for line in lines if re.match(r"\d+\. \|", line)) == 20
    text = docx_text(rendered.content)
    assert f"до{NBSP}15.09.{YEAR}" in text and f"А.А.{NBSP}Ведерников" in text


def test_the_journal_order_makes_it_attachment_2(db):
    organization = org_id(db)
    order = register_order(db, organization, date=f"{YEAR}-09-01", kind="regulation-order",
                           heading="Об утверждении Положения")
    add_version(db, order["id"], file_name="Приказ.docx", file=b"PK", data={"academic_year": YEAR})
    lines = _lines(render("roadmap", from_registry("roadmap", db, organization, None, {})).content)
    assert lines[:2] == ["Приложение № 2", f"к приказу от 01.09.{YEAR} № {order['number']}"]
    assert "УТВЕРЖДАЮ" not in lines
    stamped = _lines(render("roadmap", from_registry("roadmap", db, organization, None, {
        "header": "stamp", "date": f"{YEAR}-09-02"})).content)
    assert "УТВЕРЖДАЮ" in stamped and f"«02» сентября {YEAR} г." in stamped
    # Another year's roadmap is not that order's attachment; a year without events is refused by name.
    with pytest.raises(ContractError) as caught:
        render("roadmap", from_registry("roadmap", db, organization, None, {"academic_year": f"{YEAR + 1}/{YEAR + 2}"}))
    assert {e.field: e.message for e in caught.value.errors} == {
        "events": "нужен список: мероприятия дорожной карты, хотя бы один элемент."}


def test_the_layout_landscape_table_heading_repeated(db):
    content = render("roadmap", get_template("roadmap").example).content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    size = body.find(f"{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}orient"), size.get(f"{W}w"), size.get(f"{W}h")) == ("landscape", "16838", "11906")
    table = body.find(f"{W}tbl")
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    stages = [r for r in rows if r.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None]
    assert [("".join(s.itertext()), s.find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val")) for s in stages][0] == (
        "Подготовка условий для реализации системы наставничества", "5")
    sizes = {run.find(f"{W}rPr/{W}sz").get(f"{W}val") for run in table.iter(f"{W}r")
             if run.find(f"{W}rPr/{W}sz") is not None}
    assert sizes == {"24"}  # Times New Roman 12 in the table
    assert all(r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "ru-RU" for r in body.iter(f"{W}r"))
    lines = _lines(content)
    assert lines[:2] == ["Приложение № 2", "к приказу от 11.01.2024 № 219"]
    assert ("8. | Организация работы наставнических пар или групп:\n– встреча-знакомство;"
            in "\n".join(lines))


def test_events_without_a_stage_and_a_municipal_scope():
    data = {**get_template("roadmap").example, "scope": "образовательных организаций Левокумского муниципального "
            "округа", "events": [{"activity": "Формирование базы наставников", "deadline": "сентябрь 2023 г.",
                                 "responsible": "МКУ «ИМЦСО ЛМО СК»"}]}
    lines = _lines(render("roadmap", data).content)
    assert ("по реализации Положения о системе наставничества педагогических работников образовательных организаций "
            "Левокумского муниципального округа") in lines
    assert lines[-1] == "1. | Формирование базы наставников | сентябрь 2023 г. | МКУ «ИМЦСО ЛМО СК» | "
    assert lines[-2] == "№ п/п | Мероприятие | Срок | Ответственный | Результат (документ)"  # no stage row


def test_properties_and_preview():
    entry = get_template("roadmap")
    from service.documents.contracts import validate

    document = validate(entry.contract, entry.example)
    properties = docx.Document(io.BytesIO(render("roadmap", entry.example).content)).core_properties
    assert (properties.author, properties.category, properties.subject) == (
        "МБОУ Палагайская СОШ", "Дорожная карта", "Дорожная карта (план мероприятий) на 2023/2024 учебный год")
    rows = dict(preview(entry, document))
    assert rows["Приложение № 2 к приказу"] == f"от{NBSP}11.01.2024 №{NBSP}219"
    assert rows["Заголовок: … педагогических работников в (предложный)"] == (
        "по реализации Положения о системе наставничества педагогических работников в МБОУ Палагайской СОШ")
    assert rows["Этап 1"] == f"Подготовка условий для реализации системы наставничества{NBSP}— мероприятий: 4"


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"events": []}, "events", "нужен список: мероприятия дорожной карты, хотя бы один элемент."),
    ({"academic_year": "2023"}, "academic_year", "учебный год (первый год: 2025 — 2025/2026): нужно целое число."),
    ({"approval": {"number": "219", "date": "2022-01-11"}}, "approval.date",
     "дата приказа об утверждении дорожной карты: 11.01.2022 не подходит к дорожной карте на 2023/2024 учебный год: её "
     "утверждают в этом учебном году или в предыдущем; проверьте дату или учебный год."),
    ({"events": [{"activity": "Приказ", "deadline": "май 2024 г."}]}, "events[0].responsible",
     "не заполнено: ответственный."),
])
def test_contract_names_the_field_in_russian(change, field, message):
    data = {**get_template("roadmap").example, **change}
    with pytest.raises(ContractError) as caught:
        render("roadmap", data)
    assert {e.field: e.message for e in caught.value.errors}[field] == message


def test_printed_by_libreoffice_landscape_with_the_heading_on_every_page(db, tmp_path):
    tool("soffice")
    pdfinfo, pdftotext = tool("pdfinfo"), tool("pdftotext")
    converter = PdfConverter(tmp_path / "profiles", 1, resident=False)
    path = tmp_path / "roadmap.pdf"
    path.write_bytes(converter.convert(render("roadmap", from_registry("roadmap", db, org_id(db), None, {})).content))
    info = subprocess.run([pdfinfo, str(path)], check=True, capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", info).groups())
    assert width > height  # landscape A4
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages == 3
    for number in range(1, pages + 1):
        page = subprocess.run([pdftotext, "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
                              check=True, capture_output=True, text=True).stdout
        lines = [" ".join(flat(line).split()) for line in page.splitlines() if line.strip()]
        heading = next(i for i, line in enumerate(lines) if line.startswith("№ п/"))
        assert "Мероприятие Срок Ответственный Результат (документ)" in lines[heading]
        if number == 1:
            assert lines[0].startswith("Муниципальное бюджетное общеобразовательное учреждение")
        else:
            assert lines[0] == str(number) and heading == 1  # the page number, then the repeated heading
    converter.close()


# -- the pages -----------------------------------------------------------------------------------------------


def _page(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_the_start_page_shows_what_is_due(app):
    client = app.test_client()
    login(client, "curator")
    page = _page(client.get("/"))
    assert "Дорожная карта: в этом месяце / просрочено" in page
    assert "Заседание методического объединения наставников: обмен опытом, обсуждение затруднений наставляемых" in page
    assert f"Дорожная карта на {YEAR}/{YEAR + 1} учебный год</a>" in page
    head = app.test_client()
    login(head, "head")
    assert "Дорожная карта: в этом месяце / просрочено" in _page(head.get("/"))


def test_roadmap_pages_start_add_mark_and_download(client, db, kindergarten):
    year = YEAR + 1
    page = _page(client.get(f"/roadmap/?year={year}"))
    assert f"Дорожной карты на {year}/{year + 1} учебный год пока нет." in page
    assert "Создать дорожную карту по образцу" in page
    response = client.post(f"/roadmap/start?year={year}", data={"variant": "school"})
    assert response.status_code == 302
    page = _page(client.get(response.headers["Location"]))
    assert "создана по образцу «школа (общеобразовательная организация)»: мероприятий — 18" in page
    response = client.post(f"/roadmap/event?year={year}", data={
        "stage": "Информационная поддержка системы наставничества", "activity": "Публикация отчёта на сайте",
        "deadline": "июнь", "responsible": "", "responsible_person_id": "0", "result": "", "document_kind": ""})
    assert "Ответственный: выберите сотрудника или впишите роль, например «куратор»." in _page(response)
    response = client.post(f"/roadmap/event?year={year}", data={
        "stage": "Информационная поддержка системы наставничества", "activity": "Публикация отчёта на сайте",
        "deadline": "июнь", "responsible": "куратор", "responsible_person_id": "0", "result": "Отчёт",
        "document_kind": ""})
    assert response.status_code == 302
    events = list_events(db, org_id(db), year)
    added = next(e for e in events if e["activity"] == "Публикация отчёта на сайте")
    assert (added["position"], added["deadline_text"]) == (19, f"июнь {year + 1} г.")
    first = events[0]
    response = client.post(f"/roadmap/done?event={first['id']}", data={"done_on": TODAY.strftime("%d.%m.%Y")})
    assert response.status_code == 302 and get_event(db, org_id(db), first["id"])["done_on"] == TODAY.isoformat()
    client.post(f"/roadmap/done?event={first['id']}", data={"done_on": "", "clear": "Снять отметку"})
    assert get_event(db, org_id(db), first["id"])["done_on"] is None
    response = client.get(f"/roadmap/roadmap.docx?year={year}")
    assert response.status_code == 200
    assert f"19. | Публикация отчёта на сайте | июнь {year + 1} г. | куратор | Отчёт" in _lines(response.data)
    # Another organisation's event is not found; a year without events sends back, saying why.
    other = save_event(db, kindergarten, year, event())
    assert client.get(f"/roadmap/event?event={other}").status_code == 404
    assert client.post(f"/roadmap/delete?event={other}").status_code == 404
    response = client.get(f"/roadmap/roadmap.docx?year={year + 1}", follow_redirects=True)
    assert "Документ не сформирован: нужен список: мероприятия дорожной карты" in _page(response)
    assert client.post(f"/roadmap/delete?event={added['id']}").status_code == 302
    assert get_event(db, org_id(db), added["id"]) is None


def test_roadmap_upload_previews_then_loads(client, db):
    year = YEAR + 2
    data = {"file": (io.BytesIO(kindergarten_xlsx()), "план.xlsx"), "check": "Проверить"}
    page = _page(client.post(f"/roadmap/import?year={year}", data=data, content_type="multipart/form-data"))
    assert "Ошибок нет: будет загружено мероприятий — 3. Нажмите «Загрузить»." in page
    assert "Лист «План», строка 5" in page and f"сентябрь – октябрь {year} г." in page
    assert list_events(db, org_id(db), year) == []
    data = {"file": (io.BytesIO(kindergarten_xlsx()), "план.xlsx"), "load": "Загрузить"}
    response = client.post(f"/roadmap/import?year={year}", data=data, content_type="multipart/form-data")
    assert response.status_code == 302 and len(list_events(db, org_id(db), year)) == 3
    data = {"file": (io.BytesIO(b"text"), "план.csv"), "check": "Проверить"}
    page = _page(client.post(f"/roadmap/import?year={year}", data=data, content_type="multipart/form-data"))
    assert "Загрузите документ .docx или книгу Excel (.xlsx)" in page


def test_readers_see_the_roadmap_but_cannot_change_it(app, db):
    client = app.test_client()
    login(client, "head")
    page = _page(client.get("/roadmap/"))
    assert f"Дорожная карта на {YEAR}/{YEAR + 1} учебный год" in page and "Добавить мероприятие" not in page
    first = list_events(db, org_id(db), YEAR)[0]
    assert client.post(f"/roadmap/done?event={first['id']}", data={"done_on": "01.09.2025"}).status_code == 403
    assert client.get(f"/roadmap/delete?event={first['id']}").status_code == 403
    assert get_event(db, org_id(db), first["id"])["done_on"] == first["done_on"]
