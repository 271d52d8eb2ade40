"""Accounts and roles in the browser (issue 7): logging in and out, the limit on wrong passwords, what
each role sees and may do, the audit log, the administrator's «Пользователи», API tokens on «Профиль»,
and the security headers. Screens ``80-…`` to ``90-…`` (the walk is ``test_walk.py``)."""

import csv
import io
import json
import re

from playwright.sync_api import Page, expect

from registry.demo import ORGANIZATION
from service.documents.catalogue import get_template
from tests.browser.conftest import (
    LOGIN_EXAMPLE,
    LOGIN_HEADING,
    SCHOOL,
    LiveServer,
    choose,
    download,
    expect_error_at,
    expect_no_english,
    expect_russian_page,
    log_in,
    log_out,
    open_section,
    press,
    user_organization,
)
from tests.conftest import docx_text, flat

WRONG_LOGIN = "Неверный логин или пароль, либо учётная запись отключена."
CURATOR_ORDER = "Приказ о назначении куратора"
PAIRS_ORDER = "Приказ о закреплении наставнических пар (групп)"
DEMO_SCHOOL = ORGANIZATION["short_name"]
DEMO_SCHOOL_FULL = ORGANIZATION["full_name"]
#: The captions of the buttons and links that change something, none of which a reading role may see
#: (a pattern of whole captions; the order tiles are links named by their title and heading).
EDIT_CONTROLS = re.compile("^(" + "|".join(re.escape(c) for c in (
    "Добавить участника", "Сохранить", "Удалить", "Добавить пару (группу)", "Перенести в архив", "Сохранить формы",
    "Добавить", "убрать в архив")) + "|Завершить пары с истёкшим сроком.*|Сформировать заново.*"
    + f"|{re.escape(CURATOR_ORDER)}.*|{re.escape(PAIRS_ORDER)}.*)$")


def expect_no_edit_controls(page: Page) -> None:
    """No button or link of :data:`EDIT_CONTROLS` on the page."""
    expect(page.get_by_role("button", name=EDIT_CONTROLS)).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("link", name=EDIT_CONTROLS)).to_have_count(0)


# --- «Вход» ---------------------------------------------------------------------------------------------


def test_wrong_password_then_too_many_attempts(page: Page, live_server: LiveServer, forgive, shot):
    page.goto(live_server.url + "/people/")
    expect_russian_page(page, LOGIN_HEADING)
    expect(page).to_have_title("Вход — Наставник")
    expect(page.get_by_role("navigation")).to_have_count(0)  # no menu before logging in
    shot(page, "80-login")

    login, password = page.get_by_label("Логин"), page.get_by_label("Пароль", exact=True)
    login.fill("secretary")
    password.fill("demo1")
    press(page, "Войти")
    expect(page.get_by_role("alert")).to_have_text(WRONG_LOGIN)
    expect_russian_page(page, LOGIN_HEADING)
    expect(login).to_have_value("secretary")  # the login as typed, the password not
    expect(password).to_have_value("")
    shot(page, "81-login-wrong-password")

    # Five wrong passwords for one login: the sixth attempt is refused outright. (A login of this test
    # alone: the limiter keeps its counts in the server process, shared by every test.)
    for _ in range(5):
        login.fill("podbor-parolya")
        password.fill("nepravilno")
        press(page, "Войти")
        expect(page.get_by_role("alert")).to_have_text(WRONG_LOGIN)
    login.fill("podbor-parolya")
    password.fill("nepravilno")
    with page.expect_response(lambda r: r.url.startswith(live_server.url + "/login")
                              and r.request.method == "POST") as answer:
        press(page, "Войти")
    assert answer.value.status == 429, answer.value.status
    forgive(live_server.url + "/login", 429)
    expect_russian_page(page, "Слишком много попыток")
    expect(page.get_by_text("Подождите минуту и повторите.")).to_be_visible()
    shot(page, "82-login-too-many-attempts")

    # The limit is of that login: the secretary, right after, logs in at once.
    log_in(page, live_server, "secretary", start="/people/")
    expect_russian_page(page, "Участники")


def test_security_headers(page: Page, live_server: LiveServer):
    for path in ("/login", "/people/"):
        if path == "/people/":
            log_in(page, live_server, "secretary", start=path)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200
        headers = response.headers
        csp = headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, csp
        assert headers.get("x-frame-options") == "DENY", headers
        assert headers.get("x-content-type-options") == "nosniff", headers
        assert headers.get("referrer-policy") == "same-origin", headers


# --- the roles that read ----------------------------------------------------------------------------------


def test_head_reads_everything_and_changes_nothing(page: Page, live_server: LiveServer, error_page, shot):
    log_in(page, live_server, "head")
    expect_russian_page(page, "Документы")
    expect(page.get_by_role("banner").get_by_role("link", name="Ведерников Алексей Андреевич")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Журнал аудита")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Пользователи")).to_have_count(0)
    expect_no_edit_controls(page)

    open_section(page, "Участники", "Участники")
    expect(page.get_by_role("row").filter(has=page.get_by_role("link"))).to_have_count(12)
    expect_no_edit_controls(page)
    page.get_by_role("link", name="Черных Ольга Ильинична").click()
    expect_russian_page(page, "Черных Ольга Ильинична")
    for label in ("Фамилия", "Имя", "Должность (в именительном падеже)", "Дата рождения (необязательно)"):
        expect(page.get_by_label(label, exact=True)).to_be_disabled()
    expect(page.get_by_label("Фамилия", exact=True)).to_have_value("Черных")
    expect(page.get_by_label("наставник", exact=True)).to_be_disabled()
    expect_no_edit_controls(page)
    shot(page, "83-head-person")
    person_url = page.url

    open_section(page, "Пары и группы", "Наставнические пары и группы")
    expect_no_edit_controls(page)
    row = page.get_by_role("row").filter(has_text="Черных Ольга Ильинична")
    expect(row.get_by_role("link", name="изменить")).to_have_count(0)
    row.get_by_role("link", name="открыть").click()
    expect_russian_page(page, "Наставническая пара (группа)")
    expect(page.get_by_label("Наставник", exact=True)).to_be_disabled()
    expect(page.get_by_label("Окончание")).to_be_disabled()
    expect_no_edit_controls(page)
    page.get_by_role("link", name="Отмена").click()
    page.get_by_role("link", name="Формы наставничества").click()
    expect_russian_page(page, "Формы наставничества")
    expect_no_edit_controls(page)

    open_section(page, "Организация", "Организация")
    expect(page.get_by_label("Полное наименование")).to_be_disabled()
    expect_no_edit_controls(page)
    open_section(page, "Исключения", "Исключения склонения")
    expect_no_edit_controls(page)

    # What is hidden is refused by the server too.
    error_page(live_server.url + "/people/new", 403, "Доступ запрещён")
    error_page(live_server.url + "/pairs/new", 403, "Доступ запрещён")

    # The person's case forms are the registry's too: shown, not editable.
    page.goto(person_url)
    dative = page.get_by_label("ФИО: дательный")
    expect(dative).to_have_value("Черных Ольге Ильиничне")
    expect(dative).not_to_be_editable()


def test_curator_edits_pairs_not_people(page: Page, live_server: LiveServer):
    log_in(page, live_server, "curator")
    expect_russian_page(page, "Документы")
    expect(page.get_by_role("link", name=CURATOR_ORDER)).to_be_visible()
    expect(page.get_by_role("link", name=PAIRS_ORDER)).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Журнал аудита")).to_have_count(0)

    open_section(page, "Участники", "Участники")
    expect(page.get_by_role("link", name="Добавить участника")).to_have_count(0)
    page.get_by_role("link", name="Шевчук Анна Сергеевна").click()
    expect(page.get_by_label("Фамилия", exact=True)).to_be_disabled()
    expect(page.get_by_role("button", name="Сохранить", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Удалить")).to_have_count(0)

    open_section(page, "Пары и группы", "Наставнические пары и группы")
    expect(page.get_by_role("link", name="Добавить пару (группу)")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Кузнецова Марина Петровна")
    row.get_by_role("link", name="изменить").click()
    end = page.get_by_label("Окончание")
    expect(end).to_be_editable()
    end.fill("30.06.2099")
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) сохранена.")).to_be_visible()
    expect(row).to_contain_text("30.06.2099")

    open_section(page, "Организация", "Организация")
    expect(page.get_by_label("Полное наименование")).to_be_disabled()
    expect(page.get_by_role("button", name="Сохранить", exact=True)).to_have_count(0)


def test_municipal_chooses_an_organization_and_reads(page: Page, two_schools_server: LiveServer, error_page,
                                                     shot):
    log_in(page, two_schools_server, "municipal")
    expect_russian_page(page, "Документы")
    header = page.get_by_role("banner")
    chooser = header.get_by_label("Организация")
    expect(chooser.locator("option:checked")).to_have_text(DEMO_SCHOOL)
    expect(page.get_by_text(DEMO_SCHOOL_FULL)).to_be_visible()
    expect_no_edit_controls(page)

    open_section(page, "Участники", "Участники")
    choose(chooser, SCHOOL["short_name"])
    header.get_by_role("button", name="Показать").click()
    expect_russian_page(page, "Участники")  # the same section, of the school chosen
    expect(chooser.locator("option:checked")).to_have_text(SCHOOL["short_name"])
    expect(page.get_by_role("link", name="Смирнова Наталья Викторовна")).to_be_visible()
    expect(page.get_by_role("link", name="Черных Ольга Ильинична")).to_have_count(0)
    expect_no_edit_controls(page)
    shot(page, "84-municipal-other-school")
    page.get_by_role("link", name="Волков Игорь Петрович").click()
    expect(page.get_by_label("Должность (в именительном падеже)")).to_be_disabled()
    expect_no_edit_controls(page)
    open_section(page, "Документы", "Документы")
    expect(page.get_by_text(SCHOOL["full_name"])).to_be_visible()

    # A person of the other school, by address: not there while this school is chosen.
    error_page(two_schools_server.url + "/people/1")


# --- «Журнал аудита» -----------------------------------------------------------------------------------------


def test_head_finds_the_secretary_in_the_audit_log(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    expect(page.get_by_role("navigation").get_by_role("link", name="Журнал аудита")).to_have_count(0)
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Шевчук Анна Сергеевна").click()
    open_section(page, "Документы", "Документы")
    page.get_by_role("link", name=CURATOR_ORDER).click()
    download(page, lambda: press(page, "Зарегистрировать и скачать DOCX"))
    log_out(page)

    log_in(page, live_server, "head")
    page.get_by_role("navigation").get_by_role("link", name="Журнал аудита").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Журнал аудита")
    rows = page.get_by_role("row").filter(has_text="secretary")
    for action in ("вход", "просмотр", "формирование документа"):
        expect(rows.filter(has=page.get_by_role("cell", name=action, exact=True)).first).to_be_visible()
    expect(rows.filter(has_text="участник №").first).to_be_visible()
    expect(rows.first).to_contain_text("127.0.0.1")

    page.get_by_label("Пользователь").fill("secretary")
    choose(page.get_by_label("Действие"), "формирование документа")
    press(page, "Показать")
    expect(page.get_by_label("Пользователь")).to_have_value("secretary")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("приказ")
    name, content = download(page, lambda: page.get_by_role("link", name="Выгрузить в CSV").click())
    assert re.fullmatch(r"Журнал_аудита_\d\d\.\d\d\.\d{4}\.csv", name), name
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["Когда", "Пользователь", "Адрес", "Действие"], table[0]
    assert len(table) == 2 and table[1][1] == "secretary" and table[1][3] == "формирование документа", table
    assert table[1][6] == DEMO_SCHOOL, table

    page.get_by_role("link", name="Сбросить").click()
    expect(page.get_by_label("Пользователь")).to_have_value("")
    shot(page, "85-audit-log", check=False)
    # The English rule: the log names what was done in Russian (the logins are Latin by rule).
    expect_no_english(page, allow=["secretary", "head"])
    # The secretary's logging out is of the school's log too.
    expect(rows.filter(has=page.get_by_role("cell", name="выход", exact=True))).to_have_count(1)


# --- the administrator ----------------------------------------------------------------------------------------


def test_admin_adds_and_disables_a_user(page: Page, live_server: LiveServer, shot):
    logins = ["admin", "secretary", "curator", "head", "municipal", LOGIN_EXAMPLE]
    log_in(page, live_server, "admin", start="/admin/users")
    expect_russian_page(page, "Пользователи", allow=logins)
    users = page.get_by_role("row").filter(has=page.get_by_role("link"))
    expect(users).to_have_count(5)
    expect(page.get_by_role("navigation").get_by_role("link", name="Участники")).to_have_count(0)

    login, name, role = page.get_by_label("Логин", exact=True), page.get_by_label("ФИО", exact=True), \
        page.get_by_label("Роль", exact=True)
    password, again = page.get_by_label("Пароль", exact=True), page.get_by_label("Пароль ещё раз")
    login.fill("zavuch")
    name.fill("Бабинцева Татьяна Викторовна")
    choose(role, "куратор")
    choose(user_organization(page), DEMO_SCHOOL)
    password.fill("korotko")
    again.fill("korotko")
    press(page, "Добавить")
    expect_error_at(password, "Пароль — не короче 8 знаков.")
    expect(login).to_have_value("zavuch")
    expect(name).to_have_value("Бабинцева Татьяна Викторовна")
    expect(role.locator("option:checked")).to_have_text("куратор")
    expect(user_organization(page).locator("option:checked")).to_have_text(DEMO_SCHOOL)
    expect(users).to_have_count(5)
    page.get_by_role("heading", name="Добавить пользователя").evaluate("e => e.scrollIntoView()")
    shot(page, "86-users-short-password", allow=[*logins, "zavuch"])

    password.fill("Zavuch-2024")
    again.fill("Zavuch-2024")
    press(page, "Добавить")
    expect(page.get_by_text("Пользователь zavuch добавлен.")).to_be_visible()
    expect(users).to_have_count(6)
    row = users.filter(has=page.get_by_role("link", name="zavuch", exact=True))
    for text in ("Бабинцева Татьяна Викторовна", "куратор", DEMO_SCHOOL, "не входил", "действует"):
        expect(row).to_contain_text(text)
    shot(page, "87-users-added", allow=[*logins, "zavuch"])

    row.get_by_role("link", name="zavuch").click()
    expect_russian_page(page, "Пользователь zavuch", allow=["zavuch"])
    press(page, "Отключить (вход и API-токены перестанут действовать)")
    expect(page.get_by_text("Пользователь zavuch отключён.")).to_be_visible()
    expect(page.get_by_text("Бабинцева Татьяна Викторовна — куратор; отключён.")).to_be_visible()
    expect(page.get_by_role("button", name="Включить снова")).to_be_visible()
    shot(page, "88-user-disabled", allow=["zavuch"])
    page.get_by_role("link", name="К списку").click()
    expect(row).to_contain_text("отключён")

    # The disabled user cannot log in.
    log_out(page)
    page.get_by_label("Логин").fill("zavuch")
    page.get_by_label("Пароль", exact=True).fill("Zavuch-2024")
    press(page, "Войти")
    expect(page.get_by_role("alert")).to_have_text(WRONG_LOGIN)
    expect_russian_page(page, LOGIN_HEADING)

    # The label «Организация» of the form names the form's own drop-down (not the header's chooser).
    log_in(page, live_server, "admin", start="/admin/users")
    expect(page.get_by_role("main").get_by_label("Организация", exact=True)).to_have_count(1)


def test_admin_lands_on_a_page_of_theirs(page: Page, live_server: LiveServer):
    """The administrator, logging in from the login page itself (no page asked for), lands on a page
    the role may open, and the brand «Наставник» in the header leads to one too."""
    page.goto(live_server.url + "/login")
    page.get_by_label("Логин").fill("admin")
    page.get_by_label("Пароль", exact=True).fill("demo")
    with page.expect_response(lambda r: r.request.method == "GET" and "/login" not in r.url
                              and r.request.resource_type == "document") as landing:
        press(page, "Войти")
    assert landing.value.status == 200, f"{landing.value.url} answered {landing.value.status}"
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Доступ запрещён")
    with page.expect_response(lambda r: r.request.resource_type == "document") as brand:
        page.get_by_role("banner").get_by_role("link", name="Наставник").click()
    assert brand.value.status == 200, f"{brand.value.url} answered {brand.value.status}"


# --- «Профиль»: API tokens ----------------------------------------------------------------------------------


def test_api_token_created_used_and_revoked(page: Page, live_server: LiveServer, shot):
    api = live_server.url + "/api/documents/curator-order"
    body = json.dumps(get_template("curator-order").example, ensure_ascii=False)

    def call(token: str | None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return page.request.post(api, data=body, headers=headers)

    log_in(page, live_server, "secretary")
    page.get_by_role("banner").get_by_role("link", name="Секретарь МБОУ Палагайской СОШ").click()
    expect_russian_page(page, "Профиль: secretary", allow=["secretary", "Authorization", "Bearer"])
    expect(page.get_by_text("Токенов нет.")).to_be_visible()
    page.get_by_label("Для чего токен").fill("выгрузка из электронного журнала")
    press(page, "Создать API-токен")
    shown = page.get_by_role("status").filter(has_text="Новый токен")
    expect(shown).to_contain_text("он показывается один раз")
    token = shown.locator("code").inner_text().strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", token), token
    row = page.get_by_role("row").filter(has_text="выгрузка из электронного журнала")
    expect(row).to_contain_text("не было")
    shot(page, "89-profile-token-shown", allow=["secretary", "Authorization", "Bearer", token])

    # Shown once: the profile opened again has it no more.
    page.get_by_role("banner").get_by_role("link", name="Секретарь МБОУ Палагайской СОШ").click()
    expect_russian_page(page, "Профиль: secretary", allow=["secretary", "Authorization", "Bearer"])
    expect(page.get_by_text("Новый токен")).to_have_count(0)
    assert token not in page.content()
    expect(row).to_have_count(1)

    # The token works; the browser's session alone does not.
    answer = call(token)
    assert answer.status == 200, answer.text()
    assert answer.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), answer.headers
    assert "О назначении куратора" in flat(docx_text(answer.body()))
    assert call(None).status == 401
    page.reload()  # a GET of the profile
    last_use = row.get_by_role("cell").nth(2).inner_text()  # checked at the end

    row.get_by_role("button", name="Отозвать").click()
    expect(page.get_by_text("Токен отозван: с ним больше нельзя обращаться к API.")).to_be_visible()
    expect(page.get_by_text("Токенов нет.")).to_be_visible()
    expect_no_english(page, allow=["secretary", "Authorization", "Bearer"])
    answer = call(token)
    assert answer.status == 401, answer.status
    assert answer.headers["content-type"].startswith("application/json"), answer.headers
    message = answer.json()["errors"][0]["message"]
    assert message.startswith("Нужен действующий API-токен"), message
    assert last_use != "не было", "«Последнее обращение» of a token used a moment ago still says «не было»"


def test_password_changed_on_profile(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "curator", start="/profile")
    expect_russian_page(page, "Профиль: curator", allow=["curator", "Authorization", "Bearer"])
    expect(page.get_by_text("Абашева Елена Алексеевна, роль — куратор, МБОУ Палагайская СОШ.")).to_be_visible()
    current, new, again = (page.get_by_label("Нынешний пароль"), page.get_by_label("Пароль", exact=True),
                           page.get_by_label("Пароль ещё раз"))
    current.fill("neverno")
    new.fill("Kurator-2024")
    again.fill("Kurator-2024")
    press(page, "Сменить пароль")
    expect_error_at(current, "Нынешний пароль введён неверно.")
    shot(page, "90-profile-wrong-current-password", full_page=True, allow=["curator", "Authorization", "Bearer"])
    current.fill("demo")
    new.fill("Kurator-2024")
    again.fill("Kurator-2024")
    press(page, "Сменить пароль")
    expect(page.get_by_text("Пароль изменён.")).to_be_visible()
    log_out(page)
    page.get_by_label("Логин").fill("curator")
    page.get_by_label("Пароль", exact=True).fill("demo")
    press(page, "Войти")
    expect(page.get_by_role("alert")).to_have_text(WRONG_LOGIN)
    log_in(page, live_server, "curator", "Kurator-2024", start="/profile")

    # The button that makes a token is drawn as a button: its caption does not melt into its background.
    create = page.get_by_role("button", name="Создать API-токен")
    text, background = create.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert text != background, f"«Создать API-токен» is drawn {text} on {background}: a blank box, no caption"


# --- «Выйти» ---------------------------------------------------------------------------------------------------


def test_logged_out_sees_nothing_of_the_registry(page: Page, live_server: LiveServer):
    log_in(page, live_server, "secretary", start="/people/")
    page.get_by_role("link", name="Шевчук Анна Сергеевна").click()
    expect_russian_page(page, "Шевчук Анна Сергеевна")
    person = page.url
    log_out(page)

    # Back: the person's page is not shown again from the browser's memory.
    page.go_back()
    expect_russian_page(page, LOGIN_HEADING)
    expect(page.get_by_text("Шевчук")).to_have_count(0)

    # Her address typed: the login page, which returns there after logging in.
    page.goto(person)
    expect_russian_page(page, LOGIN_HEADING)
    assert "/login" in page.url
    expect(page.get_by_text("Шевчук")).to_have_count(0)
    page.get_by_label("Логин").fill("secretary")
    page.get_by_label("Пароль", exact=True).fill("demo")
    press(page, "Войти")
    expect_russian_page(page, "Шевчук Анна Сергеевна")
    assert page.url == person, page.url
    expect_no_english(page)
