"""The roadmap walked in the browser by the demo school's curator: the start page says what is due this
month and what is overdue; the next academic year's roadmap is made from the kindergarten's default one;
an event is added (a date that does not exist refused next to its field, what was typed kept), one is
marked done, and the roadmap is downloaded as DOCX. Screenshots ``100-…`` to ``106-…``."""

import datetime as dt

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
from tests.browser.test_walk import ru, show_at_top
from tests.conftest import docx_text, flat

TODAY = dt.date.today()
YEAR = academic_year(TODAY)
NEXT = YEAR + 1
MEETING = "Заседание методического объединения наставников: обмен опытом, обсуждение затруднений наставляемых"
LATE = "Информирование родительского сообщества о планируемой реализации программы наставничества"
ADDED = "Открытый урок молодого педагога для родителей"


def test_curator_sees_what_is_due_starts_a_roadmap_adds_marks_and_downloads(page: Page, live_server: LiveServer,
                                                                              shot):
    log_in(page, live_server, "curator")
    expect_russian_page(page, "Документы")

    # The start page: what is due this month and what is overdue, with deadlines and who is responsible.
    due = page.get_by_role("region", name="Дорожная карта: в этом месяце / просрочено")
    expect(due).to_be_visible()
    expect(due.get_by_role("listitem").filter(has_text=MEETING)).to_contain_text("ответственный: куратор, наставники")
    if TODAY > dt.date(YEAR, 9, 1):  # on the year's first day nothing can be late yet
        late = due.get_by_role("listitem").filter(has_text=LATE)
        expect(late).to_contain_text("просрочено")
        expect(late).to_contain_text("ответственный: куратор Абашева Е.А.")
    shot(page, "100-start-page-roadmap-due", full_page=True)

    # The year's roadmap, by stage, the late event marked.
    due.get_by_role("link", name=f"Дорожная карта на {YEAR}/{YEAR + 1} учебный год").click()
    expect_russian_page(page, f"Дорожная карта на {YEAR}/{YEAR + 1} учебный год")
    expect(page.get_by_role("rowheader", name="Подготовка условий для реализации системы наставничества")) \
        .to_be_visible()
    expect(page.get_by_role("row").filter(has_text=MEETING)).to_contain_text("в этом месяце")
    expect(page.get_by_text("Мероприятий: 20,")).to_be_visible()
    shot(page, "101-roadmap-of-the-year", full_page=True)

    # The next academic year has none: made from the kindergarten's default roadmap.
    choose(page.get_by_label("Учебный год"), f"{NEXT}/{NEXT + 1}")
    press(page, "Показать")
    expect_russian_page(page, f"Дорожная карта на {NEXT}/{NEXT + 1} учебный год")
    expect(page.get_by_text(f"Дорожной карты на {NEXT}/{NEXT + 1} учебный год пока нет.")).to_be_visible()
    choose(page.get_by_label("Образец"), "детский сад")
    shot(page, "102-roadmap-none-yet")
    press(page, "Создать дорожную карту по образцу")
    expect(page.get_by_text(f"Дорожная карта на {NEXT}/{NEXT + 1} учебный год создана по образцу «детский сад "
                            "(дошкольная образовательная организация)»: мероприятий — 20.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Формирование базы наставляемых")).to_be_visible()
    first = page.get_by_role("row").filter(has_text="Изучение нормативной базы")
    expect(first).to_contain_text(f"сентябрь {NEXT} г.")
    expect(first).to_contain_text("запланировано")

    # A new event: a date that does not exist is refused next to the field, what was typed stays.
    page.get_by_role("link", name="Добавить мероприятие").first.click()
    expect_russian_page(page, "Новое мероприятие дорожной карты")
    page.get_by_label("Этап").fill("Завершение наставничества")
    page.get_by_label("Мероприятие", exact=True).fill(ADDED)
    page.get_by_label("Срок").fill(f"31.04.{NEXT + 1}")
    choose(page.get_by_label("Ответственный сотрудник"), "Абашева Елена Алексеевна")
    page.get_by_label("Ответственный: роль или кто").fill("куратор")
    page.get_by_label("Ожидаемый результат (документ)").fill("Протокол родительского собрания")
    press(page, "Сохранить")
    expect_error_at(page.get_by_label("Срок"), f"Срок: «31.04.{NEXT + 1}» — такой даты нет.")
    expect(page.get_by_label("Мероприятие", exact=True)).to_have_value(ADDED)
    shot(page, "103-roadmap-event-wrong-date", full_page=True)
    page.get_by_label("Срок").fill("апрель")
    press(page, "Сохранить")
    expect(page.get_by_text(f"Мероприятие сохранено: «{ADDED}».")).to_be_visible()
    added = page.get_by_role("row").filter(has_text=ADDED)
    expect(added).to_contain_text(f"апрель {NEXT + 1} г.")
    expect(added).to_contain_text("куратор Абашева Е.А.")

    # The first event done today.
    page.get_by_role("link", name="Отметка о выполнении: мероприятие 1", exact=True).click()
    expect_russian_page(page, "Отметка о выполнении")
    expect(page.get_by_label("Дата выполнения")).to_have_value(ru(TODAY))
    shot(page, "104-roadmap-mark-done")
    press(page, "Отметить выполненным")
    expect(page.get_by_text(f"Выполнено {ru(TODAY)}: «Изучение нормативной базы")).to_be_visible()
    expect(first).to_contain_text(f"выполнено {ru(TODAY)}")
    expect(page.get_by_text("Мероприятий: 21, выполнено: 1, просрочено: 0.")).to_be_visible()
    show_at_top(page.get_by_role("rowheader", name="Завершение наставничества"))
    shot(page, "105-roadmap-next-year")

    # The document: the seeds' table, the added event in its stage.
    name, content = download(page, lambda: page.get_by_role("link", name="Скачать DOCX").click())
    assert name == f"Дорожная_карта_{NEXT}-{NEXT + 1}_МБОУ_Палагайская_СОШ.docx", name
    text = flat(docx_text(content))
    for phrase in (f"на {NEXT}/{NEXT + 1} учебный год", "УТВЕРЖДАЮ",
                   f"| {ADDED} | апрель {NEXT + 1} г. | куратор Абашева Е.А. | Протокол родительского собрания"):
        assert phrase in text, f"«{phrase}» is not in the roadmap:\n{text}"

    # Back on the start page: the current year's block is unchanged by the next year's roadmap.
    open_section(page, "Документы", "Документы")
    expect(page.get_by_role("region", name="Дорожная карта: в этом месяце / просрочено")).not_to_contain_text(ADDED)
    shot(page, "106-start-page-after")
