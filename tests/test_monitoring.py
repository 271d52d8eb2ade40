"""Monitoring (issue 11): every indicator of a small registry built here checked against values computed by
hand; the regional checklist with the journal's orders; the charts (Russian, grey, print resolution, the
same from several threads); the analytical report and the mentor's report from the demo registry with their
numbers and pictures, printed by LibreOffice; the district's view of the three demo organisations, its
summary and workbook; the pages of «Мониторинг» and «Округ» through the Flask client."""

import copy
import datetime as dt
import io
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pytest
from docx import Document
from PIL import Image

from registry.banks import leave_bank, save_entry
from registry.db import RegistryError, connect, migrate
from registry.indicators import Period, compute
from registry.meetings import list_meetings, save_meeting
from registry.orders import add_version, register_order
from registry.organization import create_organization, list_organizations, save_organization
from registry.pairs import academic_year, close_pair, list_forms, list_pairs, save_pair
from registry.people import save_person
from registry.programmes import get_programme, save_programme
from registry.questionnaires import save_question, save_response, save_set
from registry.roadmap import add_events, due_events, list_events, mark_done
from service.documents.catalogue import get_template
from service.documents.pdf import PdfConverter
from service.documents.render import check, render_document
from service.documents.sources import from_registry
from service.monitoring.charts import PRINT_DPI, WIDTH_MM, monitoring_charts, png, svg
from service.monitoring.checklist import ITEMS, checklist
from service.monitoring.district import district, draft_conclusions, mentor_bank, summary_data, workbook
from tests.conftest import docx_text, flat, login, org_id, tool

TODAY = dt.date(2025, 6, 15)
YEAR = Period.academic(2024)


# -- a small registry, every number of which is known -------------------------------------------------------

# (key, last name, position, category, experience, roles)
PEOPLE = [
    ("head", "Директоров", "директор", "высшая", 25, []),
    ("curator", "Кураторова", "заместитель директора по УВР", "высшая", 20, ["curator"]),
    ("m1", "Аникина", "учитель математики", "педагог-наставник", 20, ["mentor"]),
    ("m2", "Борисов", "учитель физики", "высшая", 15, ["mentor"]),
    ("m3", "Власова", "учитель химии", None, 10, ["mentor"]),
    ("e1", "Глебова", "учитель математики", None, 1, ["mentee"]),
    ("e2", "Дмитриев", "учитель истории", None, 0, ["mentee"]),
    ("e3", "Егорова", "учитель музыки", None, 2, ["mentee"]),
    ("e4", "Жаров", "учитель физики", None, 5, ["mentee"]),
    ("e5", "Зуева", "педагог-психолог", None, 3, ["mentee"]),
    ("e6", "Ильина", "учитель-логопед", None, None, ["mentee"]),
    ("e7", "Комарова", "учитель биологии", None, 1, ["mentee"]),
    ("e8", "Лебедева", "учитель географии", None, 2, ["mentee"]),
]


def _pair(db, organization, ids, mentor, mentees, start, end, ending=None):
    forms = {f["name"]: f["id"] for f in list_forms(db)}
    status = "draft" if ending == "draft" else "active"
    pair = save_pair(db, organization, {"mentor_id": ids[mentor], "form_id": forms["педагог – педагог"],
                                        "start_date": start, "end_date": end, "status": status},
                     [ids[m] for m in mentees])
    if ending and ending != "draft":
        status, day = ending
        close_pair(db, organization, pair, status=status, day=day,
                   reason="перевод на другую должность" if status == "terminated" else "",
                   initiative="mentee" if status == "terminated" else None)
    return pair


def _items(rows):
    return [{"activity": f"Мероприятие {n}", "deadline": deadline, "done_on": done}
            for n, (deadline, done) in enumerate(rows, start=1)]


@pytest.fixture
def small(tmp_path):
    """A school of 13 people and the pairs, plans, meetings, questionnaires, banks, roadmap and orders of
    2024/2025 whose indicators are worked out by hand in the tests below."""
    path = tmp_path / "small.sqlite"
    migrate(path)
    db = connect(path)
    organization = create_organization(db, {"full_name": "Муниципальное бюджетное общеобразовательное учреждение "
                                                         "«Средняя школа № 1»", "short_name": "МБОУ СШ № 1",
                                            "locality": "г. Луга"})
    ids = {key: save_person(db, organization, {"last_name": last, "first_name": "Анна" if last.endswith("а") else
                                               "Иван", "middle_name": "Петровна" if last.endswith("а") else "Петрович",
                                               "position": position, "qualification_category": category,
                                               "experience_years": years}, roles)
           for key, last, position, category, years, roles in PEOPLE}
    save_organization(db, organization, {"head_person_id": ids["head"]})
    pairs = {
        "p6": _pair(db, organization, ids, "m2", ["e5"], "2023-09-01", "2024-05-31", ("completed", "2024-05-31")),
        "p1": _pair(db, organization, ids, "m1", ["e1"], "2024-09-10", "2025-05-30"),
        "p2": _pair(db, organization, ids, "m1", ["e2", "e3"], "2024-10-01", "2025-05-30", ("completed", "2025-05-30")),
        "p3": _pair(db, organization, ids, "m2", ["e4"], "2024-09-15", "2025-06-30", ("terminated", "2025-02-14")),
        "p4": _pair(db, organization, ids, "m2", ["e6"], "2024-09-01", "2025-08-31", ("completed", "2025-04-30")),
        "p5": _pair(db, organization, ids, "m3", ["e5"], "2024-09-01", "2025-05-31", "draft"),
        "p8": _pair(db, organization, ids, "m3", ["e8"], "2025-01-10", "2025-06-30", ("completed", "2025-06-30")),
    }
    plans = {
        "p1": [("сентябрь 2024", "2024-09-20"), ("15.10.2024", "2024-10-20"), ("ноябрь – декабрь 2024", None),
               ("в течение года", "2025-05-20"), ("июль 2025", None), ("до 01.03.2025", "2025-02-27")],
        "p2": [("октябрь", "2024-10-31"), ("постоянно", None)],
        "p3": [("январь 2025", "2025-01-15"), ("март 2025", None), ("август 2024", None)],
    }
    for key, rows in plans.items():
        save_programme(db, organization, pairs[key], {"goal": "Профессиональное становление."}, _items(rows))
    for key, kind, day, feedback in (("p1", "intro", "2024-09-12", ""), ("p1", "working", "2024-10-10", "Полезно."),
                                     ("p1", "working", "2024-11-14", ""), ("p1", "final", "2025-05-29", "Спасибо."),
                                     ("p2", "intro", "2024-10-02", ""), ("p2", "planning", "2024-10-09", ""),
                                     ("p3", "intro", "2024-09-20", ""), ("p8", "working", "2025-06-20", ""),
                                     ("p6", "intro", "2023-09-10", "")):
        save_meeting(db, organization, pairs[key], {"kind": kind, "held_on": day, "topic": "Тема встречи",
                                                    "feedback": feedback})
    sets = {}
    for role, scale in (("mentor", 10), ("mentee", 5)):
        sets[role] = save_set(db, organization, {"role": role, "title": f"Анкета {role}", "scale": scale})
        sets[role, "q"] = [save_question(db, organization, sets[role], {"kind": "scaled", "text": f"Оценка {n}"})
                           for n in (1, 2)]
        save_question(db, organization, sets[role], {"kind": "closed", "text": "Выбор", "choices": ["да", "нет"]})
    for role, who, stage, day, scores in (("mentor", "m1", "entry", "2024-09-15", (6, 8)),
                                          ("mentor", "m2", "entry", "2024-09-20", (5, None)),
                                          ("mentor", "m1", "exit", "2025-05-25", (9, 9)),
                                          ("mentor", "m1", "entry", "2024-05-01", (1, 1)),
                                          ("mentee", "e1", "entry", "2024-09-15", (2, 3)),
                                          ("mentee", "e2", "entry", "2024-10-05", (4, None)),
                                          ("mentee", "e1", "exit", "2025-05-28", (5, 4))):
        answers = {q: s for q, s in zip(sets[role, "q"], scores, strict=True) if s is not None}
        save_response(db, organization, {"set_id": sets[role], "person_id": ids[who], "stage": stage,
                                         "answered_on": day}, answers)
    for bank, who, entered in (("mentor", "m1", "2024-08-20"), ("mentor", "m2", "2024-09-01"),
                               ("mentor", "m3", "2025-07-01"), ("mentee", "e1", "2024-08-25"),
                               ("mentee", "e7", "2025-06-15")):
        entry = save_entry(db, organization, {"bank": bank, "person_id": ids[who], "requests": "Запросы.",
                                              "entered_on": entered, "source": "interview"})
        if who == "m2":
            leave_bank(db, organization, entry, "2025-03-01")
    add_events(db, organization, 2024, [
        {"activity": f"Мероприятие {n}", "deadline": deadline, "responsible": "куратор"}
        for n, deadline in enumerate(("до 15.09.2024", "октябрь 2024", "постоянно", "июнь 2025", "май 2025"), 1)])
    events = list_events(db, organization, 2024)
    mark_done(db, organization, events[0]["id"], "2024-09-14")
    mark_done(db, organization, events[4]["id"], "2025-05-20")
    yield {"db": db, "organization": organization, "ids": ids, "pairs": pairs}
    db.close()


def test_periods():
    assert (YEAR.start, YEAR.end, YEAR.year, YEAR.title) == (dt.date(2024, 9, 1), dt.date(2025, 8, 31), 2024,
                                                             "2024/2025 учебный год")
    spring = Period.between(dt.date(2025, 1, 9), dt.date(2025, 5, 31))
    assert (spring.year, spring.title, spring.years) == (None, "с 09.01.2025 по 31.05.2025", [2024])
    assert Period.between(dt.date(2024, 9, 1), dt.date(2025, 8, 31)) == YEAR
    assert Period.between(dt.date(2024, 5, 1), dt.date(2025, 9, 1)).years == [2023, 2024, 2025]
    with pytest.raises(RegistryError, match="Конец периода раньше начала"):
        Period.between(dt.date(2025, 5, 31), dt.date(2025, 1, 9))
    with pytest.raises(RegistryError, match="между 2000 и 2099") as caught:
        Period.academic(1999)
    assert caught.value.field == "year"


def test_every_indicator_of_a_small_registry(small):
    m = compute(small["db"], small["organization"], YEAR, TODAY)
    values = {i.key: i.value for i in m.indicators}
    shares = {i.key: (i.part, i.whole) for i in m.indicators if i.whole is not None}
    # The pairs of 2024/2025: p1, p2 (a group), p3, p4, p8 — not p5 (a draft) nor p6 (ended in May 2024).
    # On 15.06.2025 p1 and p8 (completed only on 30.06) are active, p2 and p4 completed, p3 terminated.
    expected = {
        "mentors": 3, "mentees": 6,  # Аникина, Борисов, Власова; Глебова, Дмитриев, Егорова, Жаров, Ильина, Лебедева
        "mentors_category": 100 / 3,  # Аникина of the three
        "young_covered": 400 / 6,  # stage up to 3 years: e1, e2, e3, e5, e7, e8; in the pairs: e1, e2, e3, e8
        "pairs_active": 2, "pairs_completed": 1, "pairs_terminated": 1,
        "groups_active": 0, "groups_completed": 1, "groups_terminated": 0,
        "programmes": 60,  # p1, p2, p3 of the five
        # Ended by 15.06: p2 on its end date (on plan), p4 four months early, p3 terminated; p1 and p8 still run.
        "on_plan": 100 / 3, "early": 100 / 3, "terminated": 100 / 3, "running": 2,
        # Due by 15.06 within the year: p1 — сентябрь (on time), 15.10 (done 20.10: late), ноябрь – декабрь
        # (missed), «в течение года» = 30.05.2025 (on time), до 01.03.2025 (on time), not июль 2025; p2 —
        # октябрь 2024 (on time), «постоянно» = 30.05.2025 (missed); p3 — январь (on time), not март (after it
        # was terminated on 14.02) nor август 2024 (before the year).
        "items_on_time": 62.5, "items_late": 1, "items_missed": 2,
        "questionnaires": 6,  # the one of May 2024 is outside the year
        # Mentors (1–10): entry 6, 8, 5; exit 9, 9. Mentees (1–5, as 1 + (s − 1) · 9 / 4): entry 2 → 3.25,
        # 3 → 5.5, 4 → 7.75; exit 5 → 10, 4 → 7.75.
        "mentor_entry": 19 / 3, "mentor_exit": 9, "mentor_change": 9 - 19 / 3,
        "mentee_entry": 5.5, "mentee_exit": 8.875, "mentee_change": 3.375,
        # Held by 15.06 within the year: p1 — intro, two working, final; p2 — intro, planning; p3 — intro.
        "meetings": 7, "meetings_intro": 3, "meetings_trial": 0, "meetings_planning": 1, "meetings_working": 2,
        "meetings_final": 1, "feedback": 200 / 3,  # of the two working and the final one, two with feedback
        # On 15.06.2025: Аникина (Борисов left on 01.03, Власова came on 01.07); Глебова and Комарова (that day).
        "bank_mentor": 1, "bank_mentee": 2,
        "roadmap_done": 40, "roadmap_overdue": 1,  # done: 1st and 5th of 5; overdue: октябрь 2024
    }
    assert set(values) == set(expected)
    for key, value in expected.items():
        assert values[key] == pytest.approx(value), key
    assert shares == {"mentors_category": (1, 3), "young_covered": (4, 6), "programmes": (3, 5), "on_plan": (1, 3),
                      "early": (1, 3), "terminated": (1, 3), "items_on_time": (5, 8), "feedback": (2, 3),
                      "roadmap_done": (2, 5)}


def test_indicators_of_a_period_by_dates_and_their_texts(small):
    db, organization = small["db"], small["organization"]
    spring = compute(db, organization, Period.between(dt.date(2025, 1, 1), dt.date(2025, 3, 31)), TODAY)
    # p6 ended before; p1, p2, p3 (terminated on 14.02), p4, p8 share days with January–March.
    assert (spring["pairs_active"].value, spring["pairs_terminated"].value, spring["groups_active"].value) == (3, 1, 1)
    # Due in January–March: p1 «до 01.03.2025» (on time), p3 «январь 2025» (on time).
    assert (spring["items_on_time"].part, spring["items_on_time"].whole) == (2, 2)
    assert spring["meetings"].value == 0 and spring["questionnaires"].value == 0
    assert spring["mentor_entry"].text() == "нет данных" and spring["mentor_change"].value is None
    year = compute(db, organization, YEAR, TODAY)
    assert year["mentors_category"].text() == "33,3 % (1 из 3)"
    assert year["mentor_change"].text() == "+2,7 балла"
    assert year["mentee_entry"].text() == "5,5 балла из 10"
    assert year["mentors"].text() == "3 чел." and year["running"].text() == "2"
    assert [title for title, _ in year.sections()] == ["Участники", "Пары и группы", "Программы наставничества",
                                                       "Анкетирование наставников и наставляемых",
                                                       "Встречи пар и групп", "Организационные условия"]
    assert all(i.note for i in year.indicators)


def _order(db, organization, kind, date, options=None):
    data = copy.deepcopy(get_template(kind).example)
    data["order"]["date"] = date
    if options:
        data["options"] = options
    order = register_order(db, organization, date=date, kind=kind, heading=get_template(kind).heading)
    add_version(db, order["id"], file_name="Приказ.docx", file=b"PK", data=data)
    return order


def test_checklist_finds_the_orders_of_the_journal(small):
    db, organization = small["db"], small["organization"]
    regulation = _order(db, organization, "regulation-order", "2024-08-30")
    pairs_order = _order(db, organization, "pairs-order", "2024-09-09")  # before 01.03.2025: no pay item
    _order(db, organization, "pairs-order", "2025-09-05")  # after the year
    closing = _order(db, organization, "closing-order", "2025-05-30", {"bonus_item": True})
    items = {i.key: i for i in checklist(db, compute(db, organization, YEAR, TODAY))}
    assert list(items) == list(ITEMS)
    found = {key: (i.present, i.detail, [o["id"] for o in i.orders]) for key, i in items.items()}
    assert found == {
        "website": (None, "не указано: впишите адрес страницы в сведениях об организации", []),
        "regulation_order": (True, "приказ № 1 от 30.08.2024", [regulation["id"]]),
        "regulation": (True, "приложение № 1 к приказу № 1 от 30.08.2024", [regulation["id"]]),
        "roadmap": (True, "мероприятий: 5, выполнено: 2", []),
        "curator_order": (False, "в журнале нет приказа о назначении куратора", []),
        "mentor_bank": (True, "1 чел.", []),
        "mentee_bank": (True, "2 чел.", []),
        "incentive": (True, "приказ № 2 от 30.05.2025", [closing["id"]]),
        "pairs_orders": (True, "приказов в периоде: 1", [pairs_order["id"]]),
        "pairs": (True, "4 пары, 1 группа", []),
        "programmes": (True, "3 из 5 пар и групп", []),
    }
    assert items["website"].mark == "не указано" and items["curator_order"].mark == "нет"
    # A pairs order from 01.03.2025 pays for mentoring unless it says otherwise (Labour Code art. 351.8).
    paying = _order(db, organization, "pairs-order", "2025-03-10")
    items = {i.key: i for i in checklist(db, compute(db, organization, YEAR, TODAY))}
    assert [o["id"] for o in items["incentive"].orders] == [closing["id"], paying["id"]]
    save_organization(db, organization, {"regulation_number": "5", "regulation_date": "2023-08-30"})
    earlier = {i.key: i for i in checklist(db, compute(db, organization, Period.academic(2022), TODAY))}
    assert earlier["regulation"].present
    assert earlier["regulation"].detail == "утверждено приказом № 5 от 30.08.2023 (сведения об организации)"
    # The page on mentoring, once its address is in the organisation's profile.
    save_organization(db, organization, {"mentoring_url": "https://school.ru/nastavnichestvo"})
    website = {i.key: i for i in checklist(db, compute(db, organization, YEAR, TODAY))}["website"]
    assert (website.present, website.detail, website.mark) == (True, "https://school.ru/nastavnichestvo", "есть")
    for wrong in ("school.ru", "https://school.ru/a b", "javascript:alert(1)", "https://" + "x" * 300):
        with pytest.raises(RegistryError, match="Страница о наставничестве: укажите адрес целиком"):
            save_organization(db, organization, {"mentoring_url": wrong})
    assert not earlier["regulation_order"].present and not earlier["roadmap"].present and not earlier["pairs"].present


def test_charts_are_russian_grey_print_resolution_and_thread_safe(small):
    charts = monitoring_charts(compute(small["db"], small["organization"], YEAR, TODAY))
    assert [c.title for c in charts] == ["Пары и группы по состоянию на 15.06.2025", "Итоги программ наставничества",
                                         "Мероприятия планов со сроком до 15.06.2025",
                                         "Средний балл анкет при входном и итоговом анкетировании",
                                         "Проведённые встречи по видам"]
    assert charts[1].series[0].values == (1, 1, 1, 2) and charts[2].series[0].values == (5, 1, 2)
    assert charts[3].series[1].values == (9, 8.875)
    assert "наставники — 6,3, наставляемые — 5,5" in charts[3].description()
    picture = png(charts[3])
    image = Image.open(io.BytesIO(picture))
    assert image.info["dpi"] == pytest.approx((PRINT_DPI, PRINT_DPI), abs=0.1)
    assert abs(image.width - WIDTH_MM / 25.4 * PRINT_DPI) < 1  # 165 mm at 300 dpi
    assert image.mode == "L"  # greyscale, no transparency
    drawing = svg(charts[3])
    # Black and white by design: every colour of the drawing a grey (the series differ by hatching).
    colours = set(re.findall(r"#([0-9a-f]{6})\b", drawing))
    assert colours and all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours
    # No program's name or address in the files (the drawing's element ids are no text anyone reads).
    assert b"matplotlib" not in picture.lower() and b"Software" not in picture
    assert "matplotlib.org" not in drawing and "<dc:creator>" not in drawing
    assert "<title>Средний балл анкет при входном и итоговом анкетировании</title>" in drawing
    # The words of the chart (the SVG keeps each as a comment beside its outlines) are Russian or numbers.
    words = re.findall(r"<!-- (.*?) -->", drawing)
    assert {"наставники", "наставляемые", "входное анкетирование", "итоговое анкетирование", "6,3", "8,9"} <= set(words)
    assert not [w for w in words if re.search(r"[A-Za-z]", w)]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(png, charts * 2)) == [png(chart) for chart in charts] * 2


# -- the reports from the demo registry ---------------------------------------------------------------------


def _rendered(template_id, db, organization, choice, options):
    data = from_registry(template_id, db, organization, choice, options)
    return render_document(get_template(template_id), check(template_id, data)[1]).content


def test_monitoring_report_from_the_demo(db):
    organization = org_id(db)
    year = academic_year(dt.date.today())
    content = _rendered("monitoring-report", db, organization, None, {
        "academic_year": str(year), "conclusions": "Программы идут по плану.\nАнкеты заполнены.",
        "recommendations": "Провести открытые занятия.\nПополнить методическую копилку.", "date": "2026-06-15"})
    text = flat(docx_text(content))
    # This year's demo pairs: Черных → Шевчук, Шевченко → Ильин, Кузнецова → Зайцев and Мамедова (a group);
    # the first two have programmes.
    for row in ("1. | Наставники | 3 чел.", "2. | Наставляемые | 4 чел.", "| Пары: действуют | 2",
                "| Группы: действуют | 1", "| Пары и группы с персонализированной программой | 66,7 % (2 из 3)"):
        assert row in text, row
    assert f"за {year}/{year + 1} учебный год" in text
    assert "в МБОУ Палагайской СОШ" in text
    assert "Программы идут по плану.\nАнкеты заполнены." in text
    assert "1. Провести открытые занятия.\n" in text and "2. Пополнить методическую копилку." in text
    assert "Заместитель директора по учебно-воспитательной работе\tЕ.А. Абашева" in text
    assert "«15» июня 2026 г." in text
    assert f"Рисунок 1 — Пары и группы по состоянию на {dt.date.today():%d.%m.%Y}" in text
    assert "Рисунок 5 — Проведённые встречи по видам" in text
    assert "Как рассчитаны показатели" in text
    assert len(Document(io.BytesIO(content)).inline_shapes) == 5
    # Without the curator's texts the report drafts them from the indicators.
    drafted = flat(docx_text(_rendered("monitoring-report", db, organization, None, {"academic_year": year})))
    assert (f"За {year}/{year + 1} учебный год в реализации программ наставничества участвовали 3 наставника и 4 "
            "наставляемых; работали 2 наставнические пары и 1 наставническая группа.") in drafted
    assert re.search(r"Проведено \d+ встреч наставников и наставляемых; обратная связь", drafted)
    for event in due_events(db, organization, dt.date.today())["overdue"]:  # none on 1 September
        assert f"{event['activity'][1:]} (срок — {event['deadline_text']})" in drafted
    assert "Обобщить лучшие практики наставничества и пополнить методическую копилку." in drafted


def test_mentor_reports_from_the_demo(db):
    organization = org_id(db)
    pairs = {p["mentor"]["last_name"]: p for p in list_pairs(db, organization, "active")
             if p["start_date"] >= f"{academic_year(dt.date.today())}-09-01"}
    pair = pairs["Черных"]
    programme = get_programme(db, pair["id"], organization)
    done = sum(1 for item in programme["items"] if item["done_on"])
    held = [m for m in list_meetings(db, organization, pair_id=pair["id"]) if not m["planned"]]
    mentee = pair["mentees"][0]["id"]
    text = flat(docx_text(_rendered("mentor-report", db, organization, pair["id"], {
        f"characteristic_{mentee}": "Анна Сергеевна освоила составление программ коррекции.",
        f"readiness_{mentee}": "conditional", "date": "2026-05-29"})))
    assert "Наставник: Черных Ольга Ильинична, учитель начальных классов." in text
    assert "Наставляемая: Шевчук Анна Сергеевна, учитель-логопед." in text
    assert f"Выполнено мероприятий плана: {done} из {len(programme['items'])}." in text
    assert f"Проведено встреч: {len(held)}." in text
    assert "Характеристика наставляемой\nАнна Сергеевна освоила составление программ коррекции." in text
    assert ("Наставляемая готова к самостоятельной профессиональной деятельности при условии дополнительного "
            "сопровождения.") in text
    assert "Наставник\t____________________\tО.И. Черных" in text
    assert "Куратор\t____________________\tЕ.А. Абашева" in text
    for m in held:
        assert f"| {m['held_on'][8:]}.{m['held_on'][5:7]}.{m['held_on'][:4]} | {m['kind_title']} | {m['topic']}" in text
    group = pairs["Кузнецова"]
    ids = {m["last_name"]: m["id"] for m in group["mentees"]}
    text = flat(docx_text(_rendered("mentor-report", db, organization, group["id"], {
        f"readiness_{ids['Зайцев']}": "ready", f"readiness_{ids['Мамедова']}": "not_ready"})))
    assert "Характеристика наставляемых" in text
    assert "План мероприятий персонализированной программы не заполнен." in text
    assert "Наставляемый готов к самостоятельной профессиональной деятельности." in text
    assert "Наставляемая не готова к самостоятельной профессиональной деятельности." in text
    # Without the mentor's words, a draft of the registry's facts starts the characteristic.
    assert re.search(r"Зайцев Дмитрий Игоревич с 1 октября \d{4} г\. работает по персонализированной программе "
                     r"наставничества \(срок — по 31 мая \d{4} г\.\)", text)
    assert "Форма наставничества: групповая." in text


def test_mentor_report_of_a_pair_ended_early_says_so(db):
    organization = org_id(db)
    ended = next(p for p in list_pairs(db, organization, "terminated"))
    closed = dt.date.fromisoformat(ended["closed_on"]).strftime("%d.%m.%Y")
    text = flat(docx_text(_rendered("mentor-report", db, organization, ended["id"], {"readiness": "conditional"})))
    assert (f"Наставничество прекращено досрочно {closed} {ended['initiative_title']} (причина — "
            f"{ended['close_reason']}).") in text
    until = dt.date.fromisoformat(ended["closed_on"])
    assert f"по {until.day} " in text.split("Срок реализации программы: ", 1)[1].split("\n", 1)[0]
    mentee = ended["mentees"][0]["full_name"]
    assert re.search(rf"{mentee} в период с .* по {until.day} \w+ {until.year} г\. работал", text)


def test_reports_printed_by_libreoffice(db, tmp_path):
    """Both reports and the district summary as LibreOffice prints them: A4 pages, the five charts as images
    of the analytical report; the pages rendered to PNG at 60 dpi for a person to look at
    (``tmp_path/<kind>-N.png``)."""
    tool("soffice")
    pdfinfo, pdfimages, pdftoppm = tool("pdfinfo"), tool("pdfimages"), tool("pdftoppm")
    organization = org_id(db)
    pair = next(p for p in list_pairs(db, organization, "active") if p["mentor"]["last_name"] == "Черных")
    mentee = pair["mentees"][0]["id"]
    maker = {"full_name": "Отдел образования администрации Лужского муниципального района", "locality": "г. Луга",
             "head": {"full_name": "Колесникова Ирина Владимировна", "position": "начальник отдела образования"}}
    period = Period.academic(academic_year(dt.date.today()))
    views = district(db, period)
    documents = {
        "monitoring-report": _rendered("monitoring-report", db, organization, None, {}),
        "mentor-report": _rendered("mentor-report", db, organization, pair["id"], {f"readiness_{mentee}": "ready"}),
        "district-summary": render_document(get_template("district-summary"), check("district-summary", summary_data(
            views, period, maker, scope="Лужского муниципального района", conclusions=draft_conclusions(views)))[1]
        ).content,
    }
    converter = PdfConverter(tmp_path / "profiles", 1, resident=False)
    pages = {}
    for kind, content in documents.items():
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(converter.convert(content))
        info = subprocess.run([pdfinfo, str(path)], check=True, capture_output=True, text=True).stdout
        assert "(A4)" in info
        pages[kind] = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        subprocess.run([pdftoppm, "-r", "60", "-png", str(path), str(tmp_path / kind)], check=True)
        assert len(list(tmp_path.glob(f"{kind}-*.png"))) == pages[kind]
    converter.close()
    listed = subprocess.run([pdfimages, "-list", str(tmp_path / "monitoring-report.pdf")], check=True,
                            capture_output=True, text=True).stdout.splitlines()[2:]
    assert len(listed) == 5
    assert 3 <= pages["monitoring-report"] <= 6 and pages["mentor-report"] in (2, 3) and pages["district-summary"] == 2


# -- the district ----------------------------------------------------------------------------------------------


def test_district_of_the_three_demo_organisations(db):
    period = Period.academic(academic_year(dt.date.today()))
    views = district(db, period)
    assert [v.name for v in views] == ["МБОУ Палагайская СОШ", "МБОУ СОШ № 24", "МДОУ «Детский сад № 7»"]
    assert [o["id"] for o in list_organizations(db)][0] == org_id(db)
    # This year's pairs of the new organisations (registry/demo_district.py): the school's two pairs; the
    # kindergarten's pair and group.
    assert [(v.monitoring["pairs_active"].value, v.monitoring["groups_active"].value) for v in views] == [
        (2, 1), (2, 0), (1, 1)]
    mentors = mentor_bank(db, period)
    assert [(m["organization"], m["full_name"]) for m in mentors if m["category"] == "педагог-наставник"] == [
        ("МБОУ СОШ № 24", "Фёдорова Галина Ивановна"), ("МДОУ «Детский сад № 7»", "Григорьева Наталья Викторовна")]
    assert len(mentors) == 8
    assert next(m for m in mentors if m["full_name"].startswith("Белых"))["mentees"] == [
        "Кравец Денис Олегович", "Осипова Мария Игоревна"]
    book = openpyxl.load_workbook(io.BytesIO(workbook(views, mentors, period)))
    assert book.sheetnames == ["Показатели", "Чек-лист", "Банк наставников"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    indicators = book["Показатели"]
    assert [c.value for c in indicators["A"]][1:] == [v.name for v in views]
    assert indicators["B1"].value == "Наставники, чел." and indicators["B2"].value == 3
    assert [c.value for c in book["Чек-лист"][2]][:2] == ["МБОУ Палагайская СОШ", "не указано"]
    bank = book["Банк наставников"]
    assert bank.max_row == 9 and bank["B1"].value == "ФИО" and bank.column_dimensions["B"].width == 34
    assert bank["F2"].number_format == "DD.MM.YYYY"


def test_district_summary_of_every_organisation(db):
    period = Period.academic(academic_year(dt.date.today()))
    views = district(db, period)
    maker = {"full_name": "Отдел образования администрации Лужского муниципального района", "locality": "г. Луга",
             "head": {"full_name": "Колесникова Ирина Владимировна", "position": "начальник отдела образования"}}
    data = summary_data(views, period, maker, scope="Лужского муниципального района", conclusions="Все работают.")
    document = check("district-summary", data)[1]
    text = flat(docx_text(render_document(get_template("district-summary"), document).content))
    assert ("по итогам мониторинга эффективности реализации персонализированных программ наставничества в "
            "образовательных организациях Лужского муниципального района") in text
    for index, view in enumerate(views, start=1):
        m = view.monitoring
        pairs = sum(m[f"pairs_{s}"].value for s in ("active", "completed", "terminated"))
        groups = sum(m[f"groups_{s}"].value for s in ("active", "completed", "terminated"))
        assert f"{index} | {view.name} | {m['mentors'].value} | {m['mentees'].value} | {pairs} / {groups} |" in text
    assert "| Итого организаций: 3 | 7 | 9 | 5 / 2 | 7 | 0 | 0 |" in text
    assert "Начальник отдела образования\tИ.В. Колесникова" in text and "Все работают." in text


# -- the pages -----------------------------------------------------------------------------------------------


def _client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def test_monitoring_page_shows_indicators_charts_and_checklist(app):
    page = _client(app, "curator").get("/monitoring/").get_data(as_text=True)
    assert page.count('src="data:image/svg+xml;base64,') == 5
    assert "Рисунок 4 — Средний балл анкет при входном и итоговом анкетировании" in page
    assert "Наставники с квалификационной категорией «педагог-наставник»" in page
    assert "Разные сотрудники — наставники в парах и группах периода" in page
    assert "Чек-лист регионального мониторинга" in page and "Документ о стимулировании наставников" in page
    assert 'aria-label="Отчёт наставника: Черных Ольга Ильинична"' in page
    year = academic_year(dt.date.today())
    dates = _client(app, "head").get(f"/monitoring/?start=01.09.{year}&end=31.12.{year}").get_data(as_text=True)
    assert f"Показатели: с 01.09.{year} по 31.12.{year}" in dates and "Скачать" not in dates
    wrong = _client(app, "curator").get("/monitoring/?start=31.02.2025&end=1").get_data(as_text=True)
    assert "Период: введите обе даты в виде ДД.ММ.ГГГГ" in wrong
    assert f"Показатели: {year}/{year + 1} учебный год" in wrong


def test_analytical_report_with_the_curators_texts(app):
    client = _client(app, "curator")
    form = client.get("/monitoring/report?year=2025").get_data(as_text=True)
    assert "За 2025/2026 учебный год в реализации программ наставничества участвовали" in form
    refused = client.post("/monitoring/report?year=2025", data={"conclusions": " ", "recommendations": "Одна.",
                                                                "download": "1"})
    assert refused.status_code == 200 and "Заполните это поле." in refused.get_data(as_text=True)
    sent = client.post("/monitoring/report?year=2025", data={"conclusions": "Год прошёл успешно.",
                                                             "recommendations": "Продолжить работу.", "download": "1"})
    assert sent.mimetype.endswith("wordprocessingml.document")
    text = flat(docx_text(sent.data))
    assert "за 2025/2026 учебный год" in text and "Год прошёл успешно." in text
    assert "Продолжить работу." in text and len(Document(io.BytesIO(sent.data)).inline_shapes) == 5


def test_mentor_report_needs_a_readiness(app, db):
    organization = org_id(db)
    pair = next(p for p in list_pairs(db, organization, "active") if p["mentor"]["last_name"] == "Шевченко"
                and len(p["mentees"]) == 1)
    mentee = pair["mentees"][0]["id"]
    client = _client(app, "curator")
    form = client.get(f"/monitoring/pairs/{pair['id']}/report").get_data(as_text=True)
    assert "Ильин Артём Олегович с " in form and "работает по персонализированной программе" in form
    refused = client.post(f"/monitoring/pairs/{pair['id']}/report", data={
        f"characteristic_{mentee}": "Старателен.", "download": "1"})
    assert "Выберите вывод о готовности." in refused.get_data(as_text=True)
    sent = client.post(f"/monitoring/pairs/{pair['id']}/report", data={
        f"characteristic_{mentee}": "Старателен.", f"readiness_{mentee}": "ready", "download": "1"})
    text = flat(docx_text(sent.data))
    assert "Старателен." in text and "Наставляемый готов к самостоятельной профессиональной деятельности." in text
    other = list_pairs(db, [o for o in list_organizations(db) if o["id"] != organization][0]["id"])[0]
    assert client.get(f"/monitoring/pairs/{other['id']}/report").status_code == 404


def test_district_pages_for_the_methodological_centre(app):
    municipal = _client(app, "municipal")
    page = municipal.get("/district/").get_data(as_text=True)
    header = re.search(r'<table class="list compared">.*?</thead>', page, re.S).group(0)
    assert re.findall(r'<th scope="col">([^<]+)</th>', header) == [
        "Показатель", "МБОУ Палагайская СОШ", "МБОУ СОШ № 24", "МДОУ «Детский сад № 7»"]
    by_mentees = municipal.get("/district/?sort=mentees").get_data(as_text=True)
    header = re.search(r'<table class="list compared">.*?</thead>', by_mentees, re.S).group(0)
    assert re.findall(r'<th scope="col">([^<]+)</th>', header)[1:] == [
        "МБОУ Палагайская СОШ", "МДОУ «Детский сад № 7»", "МБОУ СОШ № 24"]  # 4, 3 and 2 mentees
    garden = municipal.get("/district/?q=сад").get_data(as_text=True)
    assert "Организаций показано: 1 из 3." in garden
    mentors = municipal.get("/district/mentors?category=педагог-наставник").get_data(as_text=True)
    assert "Наставников показано: 2 из 8." in mentors and "Фёдорова Галина Ивановна" in mentors
    refused = municipal.post("/district/summary", data={"full_name": "", "download": "1"}).get_data(as_text=True)
    assert refused.count("Заполните это поле.") == 4  # the conclusions come drafted
    sent = municipal.post("/district/summary", data={
        "full_name": "Отдел образования администрации Лужского муниципального района", "locality": "г. Луга",
        "head_position": "начальник отдела образования", "head_name": "Колесникова Ирина Владимировна",
        "conclusions": "Выводы.", "download": "1"})
    text = flat(docx_text(sent.data))
    assert all(name in text for name in ("МБОУ Палагайская СОШ", "МБОУ СОШ № 24", "МДОУ «Детский сад № 7»"))
    book = municipal.get("/district/summary.xlsx")
    assert openpyxl.load_workbook(io.BytesIO(book.data)).sheetnames == ["Показатели", "Чек-лист", "Банк наставников"]
    for role in ("curator", "secretary", "head"):
        assert _client(app, role).get("/district/").status_code == 403


def test_a_schools_summary_holds_that_school_alone(client):
    """From a school's own «Документы» the district summary is that school's line: no other organisation's
    data reaches its pages."""
    sent = client.post("/documents/district-summary", data={"download": "1"})
    text = flat(docx_text(sent.data))
    assert "МБОУ Палагайская СОШ" in text and "Итого организаций: 1" in text
    assert "МБОУ СОШ № 24" not in text and "Детский сад № 7" not in text


def test_the_documents_page_makes_both_reports_too(client, db):
    """The catalogue's papers on «Документы»: the analytical report of the year asked for, with its drafts and
    charts; a mentor's report with the readiness chosen there."""
    year = academic_year(dt.date.today())
    sent = client.post("/documents/monitoring-report", data={"academic_year": str(year - 1), "download": "1"})
    text = flat(docx_text(sent.data))
    assert f"за {year - 1}/{year} учебный год" in text and "Рекомендации" in text
    assert len(Document(io.BytesIO(sent.data)).inline_shapes) == 5
    pair = next(p for p in list_pairs(db, org_id(db), "active") if p["mentor"]["last_name"] == "Черных")
    sent = client.post("/documents/mentor-report", data={"choice": pair["id"], "readiness": "not_ready",
                                                         "download": "1"})
    assert "Наставляемая не готова к самостоятельной профессиональной деятельности." in flat(docx_text(sent.data))
