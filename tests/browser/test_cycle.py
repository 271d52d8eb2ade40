"""The mentoring cycle walked in the browser as a school secretary makes it: a mentee enters the bank
with her requests, her consents are recorded, a new pair is saved as a draft, its personalised
programme is written row by row (a missing deadline refused next to its cell, «Добавить строки»
keeping what was typed) and a plan item is marked done. Then, on the demo registry, the curator ends a
pair early. Screenshots ``80-…`` to ``95-…``."""

import datetime as dt
import io
import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from registry.pairs import academic_year
from tests.browser.conftest import (
    PAIR,
    SECRETARY,
    LiveServer,
    choose,
    download,
    expect_error_at,
    expect_russian_page,
    log_in,
    open_section,
    press,
)
from tests.browser.test_walk import DOWNLOAD, PAIRS_ORDER, fill_pair, pair_row, ru
from tests.conftest import docx_text, flat

TODAY = dt.date.today()
CLOSING_ORDER = "Приказ о завершении (прекращении) наставничества"
MENTOR, (MENTEE,), FORM = PAIR


def test_bank_consent_draft_pair_programme_and_a_done_mark(page: Page, school_server: LiveServer, shot):
    log_in(page, school_server, *SECRETARY[:2])

    # «Банки» → «Банк наставляемых» → «Включить в банк»: the requests are required, the choice is kept.
    open_section(page, "Банки", "Банк наставников")
    expect(page.get_by_text("В банке пока никого нет.")).to_be_visible()
    page.get_by_role("link", name="Банк наставляемых").click()
    expect_russian_page(page, "Банк наставляемых")
    page.get_by_role("link", name="Включить в банк").click()
    expect_russian_page(page, "Банк наставляемых: новая запись")
    person = page.get_by_label("Участник")
    choose(person, MENTEE)
    expect(page.get_by_label("Дата включения в банк")).to_have_value(ru(TODAY))
    choose(page.get_by_label("Источник сведений"), "собеседование")
    press(page, "Сохранить")
    requests = page.get_by_label("Профессиональные запросы (дефициты)")
    expect_error_at(requests, "Заполните это поле.")
    expect(person.locator("option:checked")).to_contain_text(MENTEE)
    expect(page.get_by_label("Источник сведений").locator("option:checked")).to_have_text("собеседование")
    requests.fill("Формирующее оценивание на уроках биологии\nРабота с родителями")
    shot(page, "80-bank-entry-form", full_page=True)
    press(page, "Сохранить")
    expect(page.get_by_text(f"Сохранено: {MENTEE} — в банке наставляемых.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=MENTEE)
    expect(row).to_contain_text("Формирующее оценивание на уроках биологии")
    expect(row).to_contain_text(ru(TODAY))
    expect(row).to_contain_text("собеседование")
    expect(row).to_contain_text("нет")  # no consent to personal data processing yet
    shot(page, "81-bank-of-mentees")

    # Her page: no consent yet, and a warning, since she is in a bank; two consents are added.
    row.get_by_role("link", name=MENTEE).click()
    expect_russian_page(page, MENTEE)
    expect(page.get_by_text("Согласий не внесено.")).to_be_visible()
    expect(page.get_by_text(f"Нет согласия — обработка персональных данных (152-ФЗ ст. 9) — на {ru(TODAY)}: "
                            f"{MENTEE}.")).to_be_visible()
    for kind in ("обработка персональных данных", "участие в наставничестве"):
        page.get_by_role("link", name="Добавить согласие").click()
        expect_russian_page(page, f"Новое согласие: {MENTEE}")
        choose(page.get_by_label("Вид согласия"), kind)
        expect(page.get_by_label("Дата согласия")).to_have_value(ru(TODAY))
        page.get_by_label("Примечание (необязательно)").fill("подлинник в личном деле")
        if kind.startswith("участие"):
            shot(page, "82-consent-form")
        press(page, "Сохранить")
        expect(page.get_by_text(f"Согласие внесено: {kind}")).to_be_visible()
        expect_russian_page(page, MENTEE)
    consents = page.get_by_role("row").filter(has_text="подлинник в личном деле")
    expect(consents).to_have_count(2)
    expect(page.get_by_text("Нет согласия")).to_have_count(0)
    page.get_by_role("heading", name="Согласия").scroll_into_view_if_needed()
    shot(page, "83-person-consents")

    # A new pair is a draft until an order fixes it.
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    page.get_by_role("link", name="Добавить пару (группу)").click()
    expect_russian_page(page, "Новая наставническая пара (группа)")
    expect(page.get_by_text("Новая пара сохраняется черновиком")).to_be_visible()
    expect(page.get_by_label("Состояние")).to_have_count(0)
    end = TODAY + dt.timedelta(days=200)
    fill_pair(page, MENTOR, [MENTEE], FORM, TODAY, end)
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) сохранена.")).to_be_visible()
    expect(page.get_by_text("Это черновик: пара начнёт действовать")).to_be_visible()
    row = pair_row(page, MENTOR)
    expect(row).to_contain_text("черновик")
    expect(row).to_contain_text("не закреплена приказом")
    expect(row).to_contain_text("не составлена")
    shot(page, "84-pairs-draft")
    row.get_by_role("link", name="изменить").click()
    expect_russian_page(page, "Наставническая пара (группа)")
    expect(page.get_by_text("черновик — пара не закреплена приказом")).to_be_visible()
    expect(page.get_by_role("link", name="Закрепить приказом")).to_be_visible()
    # Her consents are in; the mentor's are not, and the page says so.
    expect(page.get_by_text(f"Нет согласия — участие в наставничестве (ст. 351.8 ТК РФ) — на {ru(TODAY)}: "
                            f"{MENTOR}.")).to_be_visible()
    shot(page, "85-pair-draft-card", full_page=True)

    # The programme: a row without a deadline is refused next to its cell; nothing typed is lost.
    page.get_by_role("link", name="Программа наставничества: не составлена").click()
    expect_russian_page(page, "Программа наставничества")
    expect(page.get_by_text("Программа для этой пары ещё не составлена.")).to_be_visible()
    page.get_by_role("link", name="Составить программу").click()
    expect_russian_page(page, "Новая программа наставничества")
    expect(page.get_by_label("Строка 5: мероприятие")).to_be_visible()
    expect(page.get_by_label("Строка 6: мероприятие")).to_have_count(0)
    page.get_by_label("Выявленные профессиональные затруднения (дефициты)").fill("Оценивание; работа с родителями")
    page.get_by_label("Цель").fill("Профессиональная адаптация молодого учителя биологии")
    page.get_by_label("Задачи").fill("1. Освоить формирующее оценивание.\n2. Подготовить открытый урок.")
    page.get_by_label("Ожидаемые результаты", exact=True).fill("Открытый урок проведён, оценивание освоено.")
    rows = [("Встреча-знакомство, диагностика затруднений", ru(TODAY), "беседа", "Составлен план"),
            ("Посещение уроков наставника", "", "посещение уроков", "Анализ уроков"),
            ("Открытый урок наставляемой", "март", "открытый урок", "Урок проведён")]
    for number, (activity, deadline, form, result) in enumerate(rows, start=1):
        page.get_by_label(f"Строка {number}: мероприятие").fill(activity)
        page.get_by_label(f"Строка {number}: срок").fill(deadline)
        page.get_by_label(f"Строка {number}: форма").fill(form)
        page.get_by_label(f"Строка {number}: ожидаемый результат").fill(result)
    press(page, "Сохранить программу")
    deadline = page.get_by_label("Строка 2: срок")
    expect_error_at(deadline, "Строка 2 плана: укажите срок.")
    expect(page.get_by_text("Проверьте план мероприятий: ошибки отмечены в строках.")).to_be_visible()
    expect(page.get_by_label("Строка 3: мероприятие")).to_have_value("Открытый урок наставляемой")
    expect(page.get_by_label("Цель")).to_have_value("Профессиональная адаптация молодого учителя биологии")
    shot(page, "86-programme-row-without-deadline", full_page=True)
    deadline.fill("в течение года")
    # More rows: what was typed stays, three empty rows are added below.
    press(page, "Добавить строки")
    expect_russian_page(page, "Новая программа наставничества")
    expect(page.get_by_label("Строка 8: мероприятие")).to_have_value("")
    expect(page.get_by_label("Строка 2: срок")).to_have_value("в течение года")
    expect(page.get_by_label("Строка 1: мероприятие")).to_have_value(rows[0][0])
    page.get_by_label("Строка 6: мероприятие").fill("Итоговая встреча")
    page.get_by_label("Строка 6: срок").fill("май")
    page.get_by_label("Удалить строку 6").check()
    press(page, "Сохранить программу")
    expect(page.get_by_text("Программа наставничества сохранена.")).to_be_visible()
    expect_russian_page(page, "Программа наставничества")
    expect(page.get_by_text("Выполнено пунктов плана: 0 из 3.")).to_be_visible()
    plan = page.get_by_role("table").last
    expect(plan.get_by_role("row")).to_have_count(4)
    expect(plan).not_to_contain_text("Итоговая встреча")
    expect(plan.get_by_role("row").nth(2)).to_contain_text("в течение года")
    shot(page, "87-programme", full_page=True)

    # One item done, with its date.
    page.get_by_role("link", name="Отметка о выполнении: строка 1").click()
    expect_russian_page(page, "Отметка о выполнении")
    expect(page.get_by_label("Дата выполнения")).to_have_value(ru(TODAY))
    shot(page, "88-programme-mark-done")
    press(page, "Отметить выполненным")
    expect(page.get_by_text(f"Выполнено {ru(TODAY)}: «{rows[0][0]}».")).to_be_visible()
    expect(page.get_by_text("Выполнено пунктов плана: 1 из 3.")).to_be_visible()
    expect(plan.get_by_role("row").nth(1)).to_contain_text(f"выполнено {ru(TODAY)}")
    expect(plan.get_by_role("row").nth(2)).to_contain_text("не выполнено")
    shot(page, "89-programme-one-done", full_page=True)

    # The programmes of the year list it.
    autumn = academic_year(TODAY)
    open_section(page, "Программы", f"Программы наставничества {autumn}/{autumn + 1} учебного года")
    listed = page.get_by_role("row").filter(has_text=MENTOR)
    expect(listed).to_contain_text("1 из 3")
    expect(listed).to_contain_text("черновик")
    shot(page, "90-programmes-of-the-year")

    # The pairs order fixes the draft: registered, the pair is active by it.
    open_section(page, "Документы", "Документы")
    page.get_by_role("link", name=PAIRS_ORDER).click()
    expect_russian_page(page, PAIRS_ORDER)
    ticked = page.get_by_label(f"{MENTOR} → {MENTEE}")
    expect(ticked).to_be_checked()
    _, content = download(page, lambda: press(page, DOWNLOAD))
    assert "Закрепить за наставником" in flat(docx_text(content)) or "закрепить" in flat(docx_text(content)).lower()
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    row = pair_row(page, MENTOR)
    expect(row).to_contain_text("действует")
    expect(row).to_contain_text(f"№ 1 от {ru(TODAY)}")

    # Its programme printed from the documents page.
    open_section(page, "Документы", "Документы")
    page.get_by_role("link", name="Персонализированная программа наставничества").click()
    expect_russian_page(page, "Персонализированная программа наставничества")
    choose(page.get_by_label("Наставническая пара (группа)"), MENTOR)
    name, content = download(page, lambda: press(page, "Скачать DOCX"))
    assert name.endswith(".docx") and "Профессиональная адаптация молодого учителя биологии" in flat(docx_text(content))

    # The closing order ends it early; registered, the pair is terminated by it.
    open_section(page, "Документы", "Документы")
    page.get_by_role("link", name=CLOSING_ORDER).click()
    expect_russian_page(page, CLOSING_ORDER)
    closing = page.get_by_label(f"{MENTOR} → {MENTEE}")
    expect(closing).not_to_be_checked()  # in its term: ticked by hand
    closing.check()
    choose(page.get_by_label("Итог для пар, ещё не завершённых в реестре"), "Прекращено досрочно")
    page.get_by_label("Дата завершения (прекращения)", exact=False).fill(ru(TODAY))
    choose(page.get_by_label("При досрочном прекращении: по чьей инициативе"), "по инициативе наставляемого")
    page.get_by_label("При досрочном прекращении: причина (в именительном падеже)").fill("перевод в другую школу")
    press(page, "Предпросмотр")
    expect(page.get_by_role("heading", name="Предпросмотр")).to_be_visible()
    shot(page, "96-closing-order-preview", full_page=True)
    _, content = download(page, lambda: press(page, DOWNLOAD))
    text = flat(docx_text(content))
    assert "Прекратить досрочно с" in text and "перевод в другую школу" in text, text
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    choose(page.get_by_label("Состояние"), "прекращена досрочно")
    press(page, "Показать")
    row = pair_row(page, MENTOR)
    expect(row).to_contain_text("по инициативе наставляемого: перевод в другую школу")
    expect(row).to_contain_text(f"№ 2 от {ru(TODAY)}")
    shot(page, "97-pair-closed-by-order")

    # The closing order with its acquaintance sheet, as one PDF to print.
    open_section(page, "Документы", "Документы")
    page.get_by_role("row").filter(has_text="О завершении").get_by_role("link", name="2", exact=True).click()
    expect_russian_page(page, f"Приказ № 2 от {ru(TODAY)}")
    page.get_by_role("link", name="Печать с приложениями, согласиями и листом ознакомления").click()
    expect_russian_page(page, f"Печать пакетом: {autumn}/{autumn + 1} учебный год")
    expect(page.get_by_label(re.compile(r"^№ 2 от .* О завершении"))).to_be_checked()
    expect(page.get_by_label(re.compile(r"^приказ № 2 от "))).to_be_checked()
    expect(page.get_by_label(re.compile(r"^№ 1 от "))).not_to_be_checked()
    page.get_by_label("Двусторонняя печать", exact=False).check()
    shot(page, "98-print-set", full_page=True)
    name, content = download(page, lambda: press(page, "Сформировать файл для печати"))
    reader = PdfReader(io.BytesIO(content))
    assert name.endswith(".pdf") and [item.title.split(":")[0] for item in reader.outline] == [
        "Приказ № 2 от " + ru(TODAY) + " — О завершении (прекращении) наставничества", "Лист ознакомления с приказом"]
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in reader.pages[reader.get_destination_page_number(reader.outline[1])] \
        .extract_text().upper()


def test_curator_ends_a_pair_early_and_reads_the_demo_cycle(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "curator")
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    choose(page.get_by_label("Состояние"), "прекращена досрочно")
    press(page, "Показать")
    ended = page.get_by_role("row").filter(has_text="Шевченко Андрей Викторович")
    expect(ended).to_have_count(1)
    expect(ended).to_contain_text("по инициативе организации: длительная болезнь наставника")
    shot(page, "91-pairs-terminated")

    page.get_by_role("link", name="Сбросить").click()
    group = pair_row(page, "Кузнецова Марина Петровна")
    group.get_by_role("link", name="изменить").click()
    expect_russian_page(page, "Наставническая пара (группа)")
    page.get_by_role("link", name="Прекратить досрочно").click()
    expect_russian_page(page, "Завершение наставничества")
    expect(page.get_by_label("Как закончилась").locator("option:checked")).to_have_text("прекращена досрочно")
    expect(page.get_by_label("Дата")).to_have_value(ru(TODAY))
    # Within the group's term (1 October – 31 May): early in September, or in summer, another day is typed.
    autumn = academic_year(TODAY)
    day = min(max(TODAY, dt.date(autumn, 10, 1)), dt.date(autumn + 1, 5, 31))
    page.get_by_label("Дата").fill(ru(day))
    page.get_by_label("Причина").fill("перевод наставляемых в другую организацию")
    press(page, "Сохранить")
    expect_error_at(page.get_by_label("По чьей инициативе (при досрочном прекращении)"),
                    "Укажите, по чьей инициативе прекращено наставничество.")
    expect(page.get_by_label("Причина")).to_have_value("перевод наставляемых в другую организацию")
    shot(page, "92-pair-close-refused", full_page=True)
    choose(page.get_by_label("По чьей инициативе (при досрочном прекращении)"), "по взаимному согласию сторон")
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) прекращена досрочно.")).to_be_visible()
    expect(page.get_by_text(f"Прекращена досрочно {ru(day)}, по взаимному согласию сторон.")).to_be_visible()
    expect(page.get_by_text("Причина: перевод наставляемых в другую организацию")).to_be_visible()
    expect(page.get_by_role("link", name="Вернуть в действующие")).to_be_visible()
    shot(page, "93-pair-terminated-card")

    # The banks and a programme of the demo, as the curator reads and keeps them.
    open_section(page, "Банки", "Банк наставников")
    expect(page.get_by_role("row").filter(has_text="Черных Ольга Ильинична")).to_contain_text("Адаптация молодых")
    shot(page, "94-bank-of-mentors-demo", full_page=True)
    open_section(page, "Программы", f"Программы наставничества {academic_year(TODAY)}/{academic_year(TODAY) + 1} "
                                    "учебного года")
    page.get_by_role("row").filter(has_text="Черных Ольга Ильинична").get_by_role("link", name="открыть").click()
    expect_russian_page(page, "Программа наставничества")
    expect(page.get_by_text("Выполнено пунктов плана: 3 из 6.")).to_be_visible()
    shot(page, "95-programme-demo", full_page=True)
