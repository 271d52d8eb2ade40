"""A pair's work and its monitoring walked in the browser by the demo school's curator: a meeting of a pair
is logged ticking a plan item of its programme (a day before the pair's start refused next to its field,
what was typed kept), a mentee's exit questionnaire is entered from a paper blank (no person chosen refused,
the answers kept), the blank downloaded, and an online form's export is uploaded, its columns matched (one
reworded question by hand), checked and loaded; the organisation's meetings of that year are listed.
Screenshots ``130-…`` to ``138-…``.

The pair is one of the school year 2024/2025 (02.09.2024 – 30.05.2025) added to the demo registry, so that
the days typed never depend on today's date."""

import csv
import datetime as dt
import io

from playwright.sync_api import Page, expect

from registry.db import connect
from registry.pairs import academic_year, list_forms, save_pair
from registry.people import save_person
from registry.programmes import save_programme
from registry.questionnaires import default_sets
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
from tests.browser.test_walk import pair_row
from tests.conftest import docx_text, flat

MENTOR, MENTEE = ("Орлова", "Светлана", "Михайловна"), ("Белова", "Дарья", "Сергеевна")
MENTOR_NAME, MENTEE_NAME = " ".join(MENTOR), " ".join(MENTEE)
PLAN = ["Диагностика профессиональных затруднений", "Разработка урока по ФГОС", "Открытый урок в 7 классе"]
TOPIC = "Разработка урока по ФГОС: этапы и цели"
#: The e-mail addresses the export holds: the mapping page shows them among a column's first answers (Latin by
#: nature, like the logins elsewhere).
EMAILS = ("orlova@example.ru", "shevchenko@example.ru")


def _add_pair(server: LiveServer) -> None:
    """The pair of 2024/2025 with its programme, as the school entered them last year."""
    db = connect(server.db_path)
    try:
        organization = db.execute("select min(id) from organizations").fetchone()[0]
        ids = [save_person(db, organization, {"last_name": last, "first_name": first, "middle_name": middle,
                                              "position": position}, [role])
               for (last, first, middle), position, role in ((MENTOR, "учитель математики", "mentor"),
                                                              (MENTEE, "учитель биологии", "mentee"))]
        form = next(f["id"] for f in list_forms(db) if f["name"] == "педагог – педагог")
        pair = save_pair(db, organization, {"mentor_id": ids[0], "form_id": form, "start_date": "2024-09-02",
                                            "end_date": "2025-05-30", "status": "active"}, [ids[1]])
        save_programme(db, organization, pair, {"goal": "Адаптация молодого учителя биологии."},
                       [{"activity": activity, "deadline": deadline} for activity, deadline in
                        zip(PLAN, ("сентябрь 2024", "октябрь 2024", "март 2025"), strict=True)])
    finally:
        db.close()


def _export() -> bytes:
    """An export of the mentors' form as Google Forms gives it: a timestamp, the name, an e-mail and the
    questions — the second one reworded by the form's author."""
    questions = [q["text"] for q in default_sets()["mentor"]["questions"]]
    header = ["Отметка времени", "ФИО", "Адрес электронной почты", questions[0],
              "Оцените, насколько вам комфортно с наставляемым", *questions[2:8]]
    rows = [["12.09.2024 18:02:11", "Орлова Светлана Михайловна", EMAILS[0], "нет", "7", "6", "7", "5",
             "7", "8", "7"],
            ["13.09.2024 09:15:40", "Шевченко А.В.", EMAILS[1], "да", "8", "8", "7", "6", "6", "9",
             "8"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def test_curator_logs_a_meeting_enters_and_imports_questionnaires(page: Page, live_server: LiveServer, shot):
    _add_pair(live_server)
    log_in(page, live_server, "curator")

    # «Пары и группы» → the pair → «Встречи пары»: nothing yet.
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    pair_row(page, MENTOR_NAME).get_by_role("link", name="изменить").click()
    expect_russian_page(page, "Наставническая пара (группа)")
    page.get_by_role("link", name="Встречи пары").click()
    expect_russian_page(page, "Встречи пары (группы)")
    expect(page.get_by_text("Встреч пока не было. Первая встреча пары — встреча-знакомство.")).to_be_visible()

    # A meeting: a day before the pair started is refused next to the date, what was typed stays.
    page.get_by_role("link", name="Добавить встречу").click()
    expect_russian_page(page, "Новая встреча пары")
    expect(page.get_by_label("Вид встречи").locator("option:checked")).to_have_text("встреча-знакомство")
    page.get_by_label("Вид встречи").select_option(label="рабочая встреча")
    date = page.get_by_label("Дата встречи")
    date.fill("30.08.2024")
    page.get_by_label("Тема").fill(TOPIC)
    page.get_by_label("Содержание и договорённости").fill("Разобрали структуру урока; договорились о плане урока.")
    page.get_by_label("Обратная связь наставляемого").fill("Стало понятно, как ставить цели урока.")
    page.get_by_label(f"2. {PLAN[1]} (срок: октябрь 2024)").check()
    press(page, "Сохранить")
    expect_error_at(date, "Дата встречи: 30.08.2024 — раньше начала наставничества (02.09.2024).")
    expect(page.get_by_label("Тема")).to_have_value(TOPIC)
    expect(page.get_by_label(f"2. {PLAN[1]} (срок: октябрь 2024)")).to_be_checked()
    shot(page, "130-meeting-wrong-date", full_page=True)
    date.fill("10.10.2024")
    press(page, "Сохранить")
    expect(page.get_by_text(f"Встреча сохранена: рабочая встреча 10.10.2024 — «{TOPIC}». Отмечено выполненными "
                            "пунктов плана: 1.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=TOPIC)
    expect(row).to_contain_text("рабочая встреча")
    expect(row).to_contain_text(f"2. {PLAN[1]}")
    expect(row).to_contain_text("Стало понятно, как ставить цели урока.")
    expect(page.get_by_text("выполнено пунктов плана 1 из 3")).to_be_visible()
    shot(page, "131-meetings-of-a-pair", full_page=True)

    # The programme shows the item done on the meeting's day.
    page.get_by_role("link", name="Программа наставничества").click()
    expect_russian_page(page, "Программа наставничества")
    expect(page.get_by_role("row").filter(has_text=PLAN[1])).to_contain_text("выполнено 10.10.2024")

    # «Анкеты»: the mentee's exit questionnaire from a paper blank.
    open_section(page, "Анкеты", "Анкеты")
    shot(page, "132-questionnaires")
    page.get_by_role("link", name="Внести анкету: Анкета наставляемого").click()
    expect_russian_page(page, "Новая анкета: Анкета наставляемого")
    choose(page.get_by_label("Этап анкетирования"), "итоговое")
    page.get_by_label("Дата заполнения").fill("28.05.2025")
    questions = default_sets()["mentee"]["questions"]
    for number, question in enumerate(questions, start=1):
        group = page.get_by_role("group", name=f"{number}. {question['text']}")
        if question["kind"] == "scaled":
            group.get_by_label("9", exact=True).check()
        elif question["kind"] == "closed":
            group.get_by_label(question["choices"][0], exact=True).check()
        else:
            group.get_by_role("textbox").fill("Разбор уроков и поддержка")
    press(page, "Сохранить анкету")
    expect_error_at(page.get_by_label("Кто заполнил"), "Кто заполнил анкету: выберите участника из списка.")
    expect(page.get_by_role("group", name=f"2. {questions[1]['text']}").get_by_label("9", exact=True)).to_be_checked()
    choose(page.get_by_label("Кто заполнил"), MENTEE_NAME)
    shot(page, "133-questionnaire-entered", full_page=True)
    press(page, "Сохранить анкету")
    expect(page.get_by_text(f"Анкета сохранена: {MENTEE_NAME}, итоговое анкетирование, 28.05.2025.")).to_be_visible()
    expect_russian_page(page, "Ответы: Анкета наставляемого")
    expect(page.get_by_role("row").filter(has_text=MENTEE_NAME).filter(has_text="28.05.2025")).to_contain_text("9,0")
    expect(page.get_by_role("table", name="Средние баллы")).to_contain_text("Все вопросы с оценкой")
    shot(page, "134-answers-and-averages", full_page=True)

    # The blank of the mentors' questionnaire, for the exit stage.
    page.get_by_role("link", name="Вопросы анкеты").click()
    expect_russian_page(page, "Анкета наставляемого")
    shot(page, "137-questionnaire-set", full_page=True)
    name, content = download(page, lambda: page.get_by_role("link", name="итоговое — DOCX").click())
    assert name == "Анкета_наставляемого_итоговое_МБОУ_Палагайская_СОШ.docx", name
    text = flat(docx_text(content))
    for phrase in ("ФИО (необязательно):", "итоговое анкетирование (по завершении программы наставничества)",
                   "В вопросах с оценкой обведите одну цифру от 1 до 10"):
        assert phrase in text, phrase

    # An export of the mentors' online form: the reworded column matched by hand, checked, loaded.
    open_section(page, "Анкеты", "Анкеты")
    page.get_by_role("link", name="Загрузить ответы из файла").click()
    expect_russian_page(page, "Загрузка ответов из файла")
    choose(page.get_by_label("Анкета", exact=True), "Анкета наставника")
    choose(page.get_by_label("Этап анкетирования"), "входное")
    page.get_by_label("Файл: выгрузка ответов формы").set_input_files(
        files=[{"name": "Анкета наставника (ответы).csv", "mimeType": "text/csv", "buffer": _export()}])
    press(page, "Далее: сопоставить столбцы")
    expect_russian_page(page, "Столбцы файла и вопросы анкеты", allow=EMAILS)
    expect(page.get_by_label("Что в столбце A").locator("option:checked")).to_have_text(
        "Дата заполнения (отметка времени)")
    expect(page.get_by_label("Что в столбце B").locator("option:checked")).to_have_text(
        "ФИО (или фамилия, имя, отчество)")
    reworded = page.get_by_label("Что в столбце E")
    expect(reworded.locator("option:checked")).to_have_text("— не загружать —")
    choose(reworded, "Вопрос 2: Насколько комфортно вам работать с наставляемым?")
    press(page, "Проверить")
    expect(page.get_by_text("Ошибок нет: будет загружено анкет — 2 (новых 2, заменят прежние 0). Нажмите "
                            "«Загрузить».")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Шевченко Андрей Викторович")).to_contain_text("13.09.2024")
    shot(page, "135-import-columns-checked", full_page=True, allow=EMAILS)
    press(page, "Загрузить")
    expect(page.get_by_text("Файл «Анкета наставника (ответы).csv» загружен: анкет — 2 (новых 2, заменено "
                            "прежних 0).")).to_be_visible()
    expect_russian_page(page, "Ответы: Анкета наставника")
    loaded = page.get_by_role("row").filter(has_text=MENTOR_NAME).filter(has_text="12.09.2024")
    expect(loaded).to_contain_text("загружено из файла")
    shot(page, "136-import-loaded", full_page=True)

    # The same file again: the column is remembered.
    page.get_by_role("link", name="Загрузить ответы из файла").click()
    page.get_by_label("Файл: выгрузка ответов формы").set_input_files(
        files=[{"name": "Анкета наставника (ответы).csv", "mimeType": "text/csv", "buffer": _export()}])
    press(page, "Далее: сопоставить столбцы")
    expect(page.get_by_label("Что в столбце E").locator("option:checked")).to_have_text(
        "Вопрос 2: Насколько комфортно вам работать с наставляемым?")
    expect(page.get_by_text("Ошибок нет: будет загружено анкет — 2 (новых 0, заменят прежние 2).")).to_be_visible()

    # The organisation's meetings of the year the pair worked in.
    open_section(page, "Анкеты", "Анкеты")
    page.get_by_role("link", name="Встречи наставнических пар").click()
    year = academic_year(dt.date.today())
    expect_russian_page(page, f"Встречи наставнических пар за {year}/{year + 1} учебный год")
    choose(page.get_by_label("Учебный год"), "2024/2025")
    press(page, "Показать")
    expect_russian_page(page, "Встречи наставнических пар за 2024/2025 учебный год")
    expect(page.get_by_role("row").filter(has_text=TOPIC)).to_contain_text(f"{MENTOR_NAME} → {MENTEE_NAME}")
    expect(page.get_by_text("Встреч: 1 проведено, 0 запланировано; без обратной связи наставляемого: 0; отмечено "
                            "выполненными пунктов плана: 1.")).to_be_visible()
    shot(page, "138-meetings-of-a-year", full_page=True)
