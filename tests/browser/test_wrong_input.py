"""Wrong input, as a person makes it, on the demo registry (logged in as ``secretary``): each case shows a
Russian message next to its field, keeps everything typed, and saves nothing until it is right. Screens
``60-…`` to ``75-…`` (the walk itself is ``test_walk.py``)."""

import datetime as dt

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    LiveServer,
    choose,
    download,
    expect_error_at,
    expect_russian_page,
    log_in,
    log_out,
    open_section,
    press,
)
from tests.conftest import docx_text, flat

NOT_A_DATE = "не дата: введите в виде ДД.ММ.ГГГГ"
CSRF_EXPIRED = "введённое сохранено — нажмите кнопку ещё раз"
HUGE_ID = "99999999999999999999"  # beyond SQLite's 2^63
PAIRS_ORDER = "Приказ о закреплении наставнических пар (групп)"
DOWNLOAD = "Зарегистрировать и скачать DOCX"


def new_person_form(page: Page) -> None:
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Добавить участника").click()
    expect_russian_page(page, "Новый участник")


def test_person_with_wrong_letters_digits_and_dates(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    new_person_form(page)
    last, first, middle = page.get_by_label("Фамилия", exact=True), page.get_by_label("Имя", exact=True), \
        page.get_by_label("Отчество")
    position, born = page.get_by_label("Должность"), page.get_by_label("Дата рождения")
    typed = {last: "Ивaнов", first: "Пётр", middle: "Сергеевич", position: "учитель химии"}  # «a» is Latin
    for field, value in typed.items():
        field.fill(value)
    page.get_by_label("наставляемый", exact=True).check()
    press(page, "Сохранить")
    expect_error_at(last, "Фамилия: латинская буква «a» (наберите её в русской раскладке)")
    for field, value in typed.items():
        expect(field).to_have_value(value)
    expect(page.get_by_label("наставляемый", exact=True)).to_be_checked()
    expect_russian_page(page, "Новый участник")
    shot(page, "60-person-latin-letter", full_page=True)

    last.fill("Иванов")
    first.fill("Пётр2")
    typed.update({last: "Иванов", first: "Пётр2"})
    press(page, "Сохранить")
    expect_error_at(first, "Имя: цифра «2»")
    for field, value in typed.items():
        expect(field).to_have_value(value)
    shot(page, "61-person-digit-in-name")

    first.fill("Пётр")
    typed[first] = "Пётр"
    for wrong in ("31.02.1990", "вчера"):
        born.fill(wrong)
        press(page, "Сохранить")
        expect_error_at(born, f"«{wrong}» — {NOT_A_DATE}")
        expect(born).to_have_value(wrong)
        for field, value in typed.items():
            expect(field).to_have_value(value)
    shot(page, "62-person-not-a-date")

    born.fill("14.03.1985")
    press(page, "Сохранить")
    expect(page.get_by_text("Сохранено: Иванов Пётр Сергеевич.")).to_be_visible()
    expect_russian_page(page, "Иванов Пётр Сергеевич")
    expect(born).to_have_value("14.03.1985")

    # The same person typed again (ё as е): flagged as a probable duplicate, saved only when confirmed.
    new_person_form(page)
    for field, value in {last: "Иванов", first: "Петр", middle: "Сергеевич", position: "учитель"}.items():
        field.fill(value)
    press(page, "Сохранить")
    expect(page.get_by_role("alert")).to_contain_text("Похоже, этот человек уже есть в реестре")
    expect(page.get_by_role("alert").get_by_role("link", name="Иванов Пётр Сергеевич")).to_be_visible()
    expect(first).to_have_value("Петр")
    shot(page, "63-person-duplicate")
    page.get_by_label("Это другой человек — всё равно сохранить").check()
    press(page, "Сохранить")
    expect(page.get_by_text("Сохранено: Иванов Петр Сергеевич.")).to_be_visible()


def test_pair_with_wrong_dates_and_a_busy_mentee(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    page.get_by_role("link", name="Добавить пару (группу)").click()
    expect_russian_page(page, "Новая наставническая пара (группа)")
    mentor, form = page.get_by_label("Наставник", exact=True), page.get_by_label("Форма наставничества")
    mentee = page.get_by_label("Шевчук Анна Сергеевна")  # already in Черных's active pair
    start, end = page.get_by_label("Начало"), page.get_by_label("Окончание")
    choose(mentor, "Шевченко Андрей Викторович")
    mentee.check()
    choose(form, "педагог – педагог")

    def expect_kept(start_text: str, end_text: str) -> None:
        expect(mentor.locator("option:checked")).to_contain_text("Шевченко Андрей Викторович")
        expect(form.locator("option:checked")).to_have_text("педагог – педагог")
        expect(mentee).to_be_checked()
        expect(page.get_by_label("Ильин Артём Олегович")).not_to_be_checked()
        expect(start).to_have_value(start_text)
        expect(end).to_have_value(end_text)

    start.fill("вчера")
    end.fill("31.02.2024")
    press(page, "Сохранить")
    expect_error_at(start, f"«вчера» — {NOT_A_DATE}")
    expect_error_at(end, f"«31.02.2024» — {NOT_A_DATE}")
    expect_kept("вчера", "31.02.2024")
    shot(page, "64-pair-not-dates", full_page=True)

    start.fill("01.09.1999")
    end.fill("31.05.2000")
    press(page, "Сохранить")
    expect_error_at(start, "Укажите дату между 01.01.2000 и 31.12.2100.")
    expect_kept("01.09.1999", "31.05.2000")
    shot(page, "65-pair-date-1999")

    year = dt.date.today().year
    start.fill(f"01.09.{year}")
    end.fill(f"31.05.{year}")
    press(page, "Сохранить")
    expect_error_at(end, "Окончание раньше начала: проверьте срок наставничества.")
    expect_kept(f"01.09.{year}", f"31.05.{year}")
    shot(page, "66-pair-end-before-start")

    end.fill(f"31.05.{year + 1}")
    press(page, "Сохранить")
    expect_error_at(mentee, "Шевчук Анна Сергеевна уже в действующей паре (группе), наставник — Черных Ольга "
                            "Ильинична")
    expect_kept(f"01.09.{year}", f"31.05.{year + 1}")
    expect_russian_page(page, "Новая наставническая пара (группа)")
    shot(page, "67-pair-mentee-busy", full_page=True)

    open_section(page, "Пары и группы", "Наставнические пары и группы")
    # His pair, and the one of last spring terminated early: no third.
    expect(page.get_by_role("row").filter(has_text="Шевченко Андрей Викторович")).to_have_count(2)


def test_mentor_of_an_active_pair_keeps_the_role(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Черных Ольга Ильинична").click()
    role = page.get_by_label("наставник", exact=True)
    expect(role).to_be_checked()
    role.uncheck()
    press(page, "Сохранить")
    expect_error_at(role, "Роль «наставник» нельзя снять: Черных Ольга Ильинична — наставник в действующей паре")
    expect(role).not_to_be_checked()  # as typed; nothing was saved
    expect(page.get_by_label("Фамилия", exact=True)).to_have_value("Черных")
    page.get_by_text("Роль «наставник» нельзя снять").scroll_into_view_if_needed()
    shot(page, "68-person-mentor-role-kept")

    open_section(page, "Участники", "Участники")
    expect(page.get_by_role("row").filter(has_text="Черных Ольга Ильинична")).to_contain_text("наставник")
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    page.get_by_role("row").filter(has_text="Черных Ольга Ильинична").get_by_role("link", name="изменить").click()
    expect(page.get_by_label("Наставник", exact=True).locator("option:checked")).to_contain_text(
        "Черных Ольга Ильинична")
    expect(page.get_by_text("нет роли «наставник»")).to_have_count(0)


def test_order_with_a_wrong_date_no_pair_or_a_long_number(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    page.get_by_role("link", name=PAIRS_ORDER).click()
    expect_russian_page(page, PAIRS_ORDER)
    number, date = page.get_by_label("Номер приказа"), page.get_by_label("Дата приказа")
    pairs = page.get_by_role("checkbox")
    for box in pairs.all():
        box.uncheck()
    date.fill("31.02.2024")
    press(page, "Предпросмотр")
    expect_error_at(date, f"«31.02.2024» — {NOT_A_DATE}")
    expect(date).to_have_value("31.02.2024")
    date.fill("15.01.1999")
    press(page, "Предпросмотр")
    expect_error_at(date, "Укажите дату между 01.01.2000 и 31.12.2100.")
    expect(date).to_have_value("15.01.1999")
    date.fill("15.01.2026")
    press(page, DOWNLOAD)
    expect_error_at(pairs.first, "Отметьте хотя бы одну наставническую пару (группу).")
    expect(date).to_have_value("15.01.2026")
    for box in pairs.all():
        expect(box).not_to_be_checked()
    shot(page, "69-order-no-pair")
    page.get_by_label("Черных Ольга Ильинична → Шевчук Анна Сергеевна").check()

    thirty = "123456789012345678901234567890"
    # The field cuts nothing silently: a 30-character number reaches the server, which names the rule
    # next to the field and keeps the number as typed.
    number.press_sequentially(thirty)
    expect(number).to_have_value(thirty)
    press(page, DOWNLOAD)
    expect_error_at(number, "Номер приказа — не больше 20 знаков")
    expect(number).to_have_value(thirty)
    expect(date).to_have_value("15.01.2026")
    expect(page.get_by_label("Черных Ольга Ильинична → Шевчук Анна Сергеевна")).to_be_checked()
    page.evaluate("window.scrollTo(0, 0)")  # the number and its message, at the top of the form
    shot(page, "70-order-number-too-long")
    open_section(page, "Документы", "Документы")
    expect(page.get_by_text("Приказов пока нет.")).to_be_visible()


def new_session_elsewhere(page: Page, server: LiveServer) -> None:
    """In another tab the secretary logs out and in again: the session is new, and the form token of
    every form still open in the first tab is stale while the secretary stays logged in."""
    other = page.context.new_page()
    other.goto(server.url + "/")
    log_out(other)
    log_in(other, server, "secretary")
    other.close()


def test_expired_form_keeps_what_was_typed(page: Page, live_server: LiveServer, shot):
    """A form opened, then its form token gone stale (the secretary logged out and in again in another
    tab): the button answers with the form as typed and asks to press again, which then saves."""
    log_in(page, live_server, "secretary")
    new_person_form(page)
    typed = {"Фамилия": "Соколова", "Имя": "Ирина", "Отчество": "Павловна",
             "Должность": "учитель математики", "Дата рождения": "02.04.1990"}
    for label, value in typed.items():
        page.get_by_label(label, exact=label in ("Фамилия", "Имя")).fill(value)
    page.get_by_label("наставляемый", exact=True).check()
    new_session_elsewhere(page, live_server)
    press(page, "Сохранить")
    expect(page.get_by_role("alert")).to_contain_text(CSRF_EXPIRED)
    expect_russian_page(page, "Новый участник")
    for label, value in typed.items():
        expect(page.get_by_label(label, exact=label in ("Фамилия", "Имя"))).to_have_value(value)
    expect(page.get_by_label("наставляемый", exact=True)).to_be_checked()
    shot(page, "71-form-expired-person", full_page=True)
    press(page, "Сохранить")
    expect(page.get_by_text("Сохранено: Соколова Ирина Павловна.")).to_be_visible()

    # The order form the same way: nothing registered by the expired press, the second one downloads.
    open_section(page, "Документы", "Документы")
    page.get_by_role("link", name=PAIRS_ORDER).click()
    page.get_by_label("Номер приказа").fill("17-ОД")
    page.get_by_label("Черных Ольга Ильинична → Шевчук Анна Сергеевна").check()
    page.get_by_label("Шевченко Андрей Викторович → Ильин Артём Олегович").uncheck()
    new_session_elsewhere(page, live_server)
    press(page, DOWNLOAD)
    expect(page.get_by_role("alert")).to_contain_text(CSRF_EXPIRED)
    expect(page.get_by_label("Номер приказа")).to_have_value("17-ОД")
    expect(page.get_by_label("Шевченко Андрей Викторович → Ильин Артём Олегович")).not_to_be_checked()
    expect(page.get_by_label("Черных Ольга Ильинична → Шевчук Анна Сергеевна")).to_be_checked()
    page.get_by_role("alert").scroll_into_view_if_needed()
    shot(page, "72-form-expired-order")
    _, content = download(page, lambda: press(page, DOWNLOAD))
    text = flat(docx_text(content))
    assert "№ 17-ОД" in text and "Шевчук Анну Сергеевну" in text and "Ильина" not in text, text
    open_section(page, "Документы", "Документы")
    expect(page.get_by_role("row").filter(has_text="17-ОД")).to_have_count(1)


def test_expired_declension_forms_keep_what_was_typed(page: Page, live_server: LiveServer, shot):
    """The person's case forms («Как имя и должность встанут в документы») the same way: a correction
    typed before the form token went stale is kept, and pressing again saves it."""
    log_in(page, live_server, "secretary")
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Шевчук Анна Сергеевна").click()
    dative = page.get_by_label("ФИО: дательный")
    expect(dative).to_have_value("Шевчук Анне Сергеевне")
    dative.fill("Шевчук-Ивановой Анне Сергеевне")
    new_session_elsewhere(page, live_server)
    press(page, "Сохранить формы")
    expect_russian_page(page, "Шевчук Анна Сергеевна")
    expect(page.get_by_text("ещё раз").first).to_be_visible()
    page.get_by_text("ещё раз").first.scroll_into_view_if_needed()
    shot(page, "73-form-expired-declension")
    expect(dative).to_have_value("Шевчук-Ивановой Анне Сергеевне")  # what was typed, kept
    press(page, "Сохранить формы")
    expect(page.get_by_text("Формы сохранены: документы будут использовать их.")).to_be_visible()
    expect(dative).to_have_value("Шевчук-Ивановой Анне Сергеевне")


def test_missing_pages_are_russian(page: Page, live_server: LiveServer, error_page, shot):
    url = live_server.url
    log_in(page, live_server, "secretary")
    for path in (f"/people/{HUGE_ID}", f"/pairs/{HUGE_ID}", f"/documents/orders/{HUGE_ID}",
                 f"/documents/orders/{HUGE_ID}/versions/1", f"/documents/pairs-order?order={HUGE_ID}",
                 f"/people/{HUGE_ID}/archive", "/people/999", "/documents/no-such-order", "/no-such-page"):
        error_page(url + path)
        if path == f"/people/{HUGE_ID}":
            shot(page, "74-not-found")
    error_page(f"{url}/people/1/forms", 405, "Действие недоступно")  # a form's address opened by hand
    shot(page, "75-not-allowed")
    page.get_by_role("link", name="К документам").click()
    expect_russian_page(page, "Документы")
