"""The walk of a school secretary through every screen, as a person makes it: by the top menu, labels
and visible text, asserting what each page shows. A new school first (the first start creates the
administrator, who adds the school and its secretary; then the secretary logs in: organisation, people,
pairs, orders, the journal), then the demo registry for what a registry in use holds (search, archive,
expired pairs, corrections), logged in as the demo ``secretary``. Each test logs in through the login
page. Wrong input is walked in ``test_wrong_input.py``, accounts and roles in ``test_accounts.py``.

Each page visited is screenshotted in walk order (``01-…`` to ``52-…``; ``--screens DIR`` keeps them,
see conftest). Every screenshot first checks the page shows no English word.
"""

import datetime as dt
import re

from playwright.sync_api import Page, expect

from registry.demo import PAIRS as DEMO_PAIRS
from registry.demo import PEOPLE as DEMO_PEOPLE
from registry.pairs import academic_year
from tests.browser.conftest import (
    ADMIN,
    GROUP,
    LOGIN_EXAMPLE,
    MENTEES,
    PAIR,
    PEOPLE,
    SCHOOL,
    SECRETARY,
    LiveServer,
    add_person,
    choose,
    download,
    expect_error_at,
    expect_russian_page,
    fill_date,
    log_in,
    log_out,
    open_section,
    press,
    shown_date,
    user_organization,
)
from tests.conftest import docx_text, flat

RUSSIAN_TITLE = re.compile(r"^[А-ЯЁ][^a-zA-Z]* — Наставник$")
CURATOR_ORDER = "Приказ о назначении куратора"
CURATOR_HEADING = "О назначении куратора реализации программ наставничества педагогических работников"
PAIRS_ORDER = "Приказ о закреплении наставнических пар (групп)"
PAIRS_HEADING = "О закреплении наставнических пар (групп)"
DOWNLOAD = "Зарегистрировать и скачать DOCX"
NEW_VERSION = "Сохранить новую версию и скачать DOCX"
TODAY = dt.date.today()


def ru(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def show_at_top(element) -> None:
    """Scroll the page so that ``element`` is at the top of the window (for a screenshot of what
    follows it)."""
    element.evaluate("e => e.scrollIntoView()")


def people_rows(page: Page):
    """The rows of the people list that name a person (a link to their page)."""
    return page.get_by_role("row").filter(has=page.get_by_role("link"))


def pair_row(page: Page, mentor: str):
    return page.get_by_role("row").filter(has_text=mentor)


# --- a new school: «Организация», «Участники» ------------------------------------------------------------


def test_new_school_fills_organization_and_people(page: Page, empty_server: LiveServer, error_page, shot):
    # The first start: an empty registry asks for its administrator; no default password.
    page.goto(empty_server.url)
    expect_russian_page(page, "Первый запуск: администратор")
    expect(page).to_have_title(RUSSIAN_TITLE)
    admin, admin_password, admin_name = ADMIN
    login = page.get_by_label("Логин администратора")
    expect(login).to_have_value("admin")
    password, again = page.get_by_label("Пароль", exact=True), page.get_by_label("Пароль ещё раз")
    expect(password).to_have_value("")
    login.fill(admin)
    page.get_by_label("ФИО (необязательно)").fill(admin_name)
    password.fill(admin_password)
    again.fill(admin_password + "!")
    shot(page, "01-first-start", allow=[admin])
    press(page, "Создать администратора")
    expect_error_at(again, "Пароли не совпадают: введите один и тот же дважды.")
    expect(page.get_by_label("ФИО (необязательно)")).to_have_value(admin_name)
    password.fill(admin_password)
    again.fill(admin_password)
    press(page, "Создать администратора")

    # The administrator adds the school in «Организации»…
    expect_russian_page(page, "Организации сервиса")
    expect(page.get_by_text("Администратор создан. Добавьте организацию и пользователей.")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name=admin_name)).to_be_visible()
    expect(page.get_by_text("Организаций пока нет.")).to_be_visible()
    shot(page, "02-organizations-empty")
    page.get_by_label("Полное наименование").fill(SCHOOL["full_name"])
    page.get_by_label("Краткое наименование").fill(SCHOOL["short_name"])
    page.get_by_label("Место издания приказов").fill(SCHOOL["locality"])
    press(page, "Добавить организацию")
    expect(page.get_by_text("Организация добавлена. Добавьте её секретаря в «Пользователях».")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=SCHOOL["full_name"])
    expect(row).to_contain_text(SCHOOL["short_name"])
    expect(row).to_contain_text(SCHOOL["locality"])
    shot(page, "03-organizations-added")

    # …and its secretary in «Пользователи».
    secretary, secretary_password, secretary_name = SECRETARY
    open_section(page, "Пользователи", "Пользователи", allow=[admin, LOGIN_EXAMPLE])
    page.get_by_label("Логин", exact=True).fill(secretary)
    page.get_by_label("ФИО", exact=True).fill(secretary_name)
    choose(page.get_by_label("Роль", exact=True), "секретарь")
    choose(user_organization(page), SCHOOL["short_name"])
    page.get_by_label("Пароль", exact=True).fill(secretary_password)
    page.get_by_label("Пароль ещё раз").fill(secretary_password)
    press(page, "Добавить")
    expect(page.get_by_text(f"Пользователь {secretary} добавлен.")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=secretary, exact=True))
    for text in (secretary_name, "секретарь", SCHOOL["short_name"], "не входил", "действует"):
        expect(row).to_contain_text(text)
    shot(page, "04-users-secretary-added", allow=[admin, secretary, LOGIN_EXAMPLE])

    # The first start is over: its page is gone.
    error_page(empty_server.url + "/setup")
    page.go_back()

    # The administrator leaves; the secretary logs in and fills in the school's registry.
    log_out(page)
    shot(page, "05-login-logged-out")
    log_in(page, empty_server, secretary, secretary_password)
    expect_russian_page(page, "Документы")
    expect(page.get_by_role("banner").get_by_role("link", name=secretary_name)).to_be_visible()
    expect(page).to_have_title(RUSSIAN_TITLE)
    expect(page.get_by_text("Приказов пока нет.")).to_be_visible()
    shot(page, "06-documents-new-school")

    # An order before anyone is in the registry: no curator, no pair to choose, and it says so.
    page.get_by_role("link", name=PAIRS_ORDER).click()
    expect_russian_page(page, PAIRS_ORDER)
    expect(page.get_by_text("В реестре нет куратора: отметьте роль «куратор» у сотрудника в разделе «Участники».")
           ).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(0)
    shot(page, "07-pairs-order-empty-registry")

    # The profile as the administrator entered it; the secretary completes it.
    open_section(page, "Организация", "Организация")
    expect(page.get_by_label("Полное наименование")).to_have_value(SCHOOL["full_name"])
    expect(page.get_by_label("Краткое наименование")).to_have_value(SCHOOL["short_name"])
    expect(page.get_by_label("Место издания приказов")).to_have_value(SCHOOL["locality"])
    expect(page.get_by_text("Добавьте руководителя в разделе «Участники» и выберите его здесь.")).to_be_visible()
    page.get_by_label("Должность руководителя").fill(SCHOOL["head_position"])
    expect(page.get_by_label("Формат номера приказа")).to_have_value("{n}")
    press(page, "Сохранить")
    expect(page.get_by_text("Сведения об организации сохранены.")).to_be_visible()
    expect_russian_page(page, "Организация")
    expect(page.get_by_label("Краткое наименование")).to_have_value(SCHOOL["short_name"])
    shot(page, "08-organization-saved")

    # The people: the head first (no role), then the curator, the mentors and eight mentees.
    for number, (last, first, middle, position, roles) in enumerate(PEOPLE):
        add_person(page, last, first, middle, position, roles,
                   shot=shot if number == 0 else None, name="09-person-new")
    open_section(page, "Участники", "Участники")
    expect(people_rows(page)).to_have_count(len(PEOPLE))
    for last, first, middle, position, roles in PEOPLE:
        row = people_rows(page).filter(has_text=f"{last} {first} {middle}")
        expect(row).to_contain_text(position)
        for role in roles:
            expect(row).to_contain_text(role)
    shot(page, "10-people-list", full_page=True)

    # Now the head can be chosen in «Организация».
    open_section(page, "Организация", "Организация")
    choose(page.get_by_label("Руководитель", exact=True), "Смирнова Наталья Викторовна, директор")
    press(page, "Сохранить")
    expect(page.get_by_text("Сведения об организации сохранены.")).to_be_visible()
    head = page.get_by_label("Руководитель", exact=True)
    expect(head.locator("option:checked")).to_have_text("Смирнова Наталья Викторовна, директор")
    shot(page, "11-organization-head")


# --- «Участники»: search, edit, archive ------------------------------------------------------------------


def test_people_search_and_filters(page: Page, school_server: LiveServer, shot):
    log_in(page, school_server, *SECRETARY[:2])
    open_section(page, "Участники", "Участники")

    page.get_by_label("ФИО", exact=True).fill("артем")  # ё typed as е, lower case
    press(page, "Найти")
    expect(people_rows(page)).to_have_count(1)
    expect(people_rows(page)).to_contain_text("Комаров Артём Викторович")
    expect(page.get_by_label("ФИО", exact=True)).to_have_value("артем")
    shot(page, "12-people-search-name")

    page.get_by_label("ФИО", exact=True).fill("")
    choose(page.get_by_label("Роль", exact=True), "наставник")
    press(page, "Найти")
    expect(people_rows(page)).to_have_count(2)
    for name in ("Орлова Светлана Михайловна", "Захаров Павел Андреевич"):
        expect(people_rows(page).filter(has_text=name)).to_have_count(1)
    shot(page, "13-people-filter-role")

    choose(page.get_by_label("Роль", exact=True), "наставляемый")
    page.get_by_label("Должность", exact=True).fill("учитель")
    press(page, "Найти")
    expect(people_rows(page)).to_have_count(7)  # eight mentees; the psychologist is no «учитель»
    expect(people_rows(page).filter(has_text="Лосева")).to_have_count(0)
    shot(page, "14-people-filter-position")

    page.get_by_label("Должность", exact=True).fill("завхоз")
    press(page, "Найти")
    expect(page.get_by_text("Никого не нашлось: измените условия поиска.")).to_be_visible()
    page.get_by_role("link", name="Сбросить").click()
    expect(people_rows(page)).to_have_count(len(PEOPLE))
    expect(page.get_by_label("Должность", exact=True)).to_have_value("")


def test_person_edit_archive_and_restore(page: Page, school_server: LiveServer, shot):
    log_in(page, school_server, *SECRETARY[:2])
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Громов Никита Олегович").click()
    expect_russian_page(page, "Громов Никита Олегович")
    expect(page.get_by_label("ФИО: родительный")).to_have_value("Громова Никиты Олеговича")
    expect(page.get_by_text("Не состоит в парах и группах.")).to_be_visible()
    expect(page.get_by_text("Приказов нет.")).to_be_visible()
    shot(page, "15-person-page")

    position = page.get_by_label("Должность (в именительном падеже)")
    expect(position).to_have_value("учитель физической культуры")
    position.fill("учитель физкультуры")
    press(page, "Сохранить")
    expect(page.get_by_text("Сохранено: Громов Никита Олегович.")).to_be_visible()
    expect(page.get_by_label("Должность: дательный")).to_have_value("учителю физкультуры")
    shot(page, "16-person-edited")

    # A case form corrected by hand: kept, and marked as a correction.
    page.get_by_label("ФИО: творительный").fill("Громовым Никитою Олеговичем")
    press(page, "Сохранить формы")
    expect(page.get_by_text("Формы сохранены: документы будут использовать их.")).to_be_visible()
    expect(page.get_by_label("ФИО: творительный")).to_have_value("Громовым Никитою Олеговичем")
    expect(page.get_by_text("исправлено; было «Громовым Никитой Олеговичем»")).to_be_visible()
    page.get_by_role("button", name="Сохранить формы").scroll_into_view_if_needed()
    shot(page, "17-person-forms-corrected")

    # Archive: a confirmation page first; «Отмена» leaves everything as it was.
    page.get_by_role("link", name="Перенести в архив").click()
    expect_russian_page(page, "Перенести в архив")
    expect(page.get_by_text("Перенести участника Громов Никита Олегович в архив?")).to_be_visible()
    shot(page, "18-person-archive-confirm")
    page.get_by_role("link", name="Отмена").click()
    expect_russian_page(page, "Громов Никита Олегович")
    page.get_by_role("link", name="Перенести в архив").click()
    press(page, "Перенести в архив")
    expect_russian_page(page, "Участники")
    expect(page.get_by_text("Участник Громов Никита Олегович перенесён в архив.")).to_be_visible()
    expect(people_rows(page)).to_have_count(len(PEOPLE) - 1)
    expect(page.get_by_role("link", name="Громов Никита Олегович")).to_have_count(0)
    shot(page, "19-people-after-archive")

    page.get_by_label("показать архив").check()
    press(page, "Найти")
    expect_russian_page(page, "Участники: архив")
    expect(people_rows(page)).to_have_count(1)
    expect(people_rows(page)).to_contain_text("Громов Никита Олегович")
    expect(people_rows(page)).to_contain_text("в архиве")
    shot(page, "20-people-archive")

    # The archived are in no form: not among the mentees of a new pair.
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    page.get_by_role("link", name="Добавить пару (группу)").click()
    expect(page.get_by_label("Данилова Ксения Игоревна")).to_be_visible()
    expect(page.get_by_label("Громов Никита Олегович")).to_have_count(0)

    # Back from the archive, through a confirmation.
    open_section(page, "Участники", "Участники")
    page.get_by_label("показать архив").check()
    press(page, "Найти")
    page.get_by_role("link", name="Громов Никита Олегович").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("в архиве")
    page.get_by_role("link", name="Вернуть из архива").click()
    expect_russian_page(page, "Вернуть из архива")
    expect(page.get_by_role("link", name="Отмена")).to_be_visible()
    press(page, "Вернуть")
    expect(page.get_by_text("Участник Громов Никита Олегович возвращён из архива.")).to_be_visible()
    expect_russian_page(page, "Громов Никита Олегович")
    open_section(page, "Участники", "Участники")
    expect(people_rows(page)).to_have_count(len(PEOPLE))

    # Deleted outright (no order or pair names her), through a confirmation.
    page.get_by_role("link", name="Лосева Вера Николаевна").click()
    page.get_by_role("link", name="Удалить").click()
    expect_russian_page(page, "Удалить участника")
    expect(page.get_by_text("Удалить участника Лосева Вера Николаевна навсегда?")).to_be_visible()
    expect(page.get_by_role("link", name="Отмена")).to_be_visible()
    shot(page, "21-person-delete-confirm")
    press(page, "Удалить навсегда")
    expect_russian_page(page, "Участники")
    expect(page.get_by_text("Участник Лосева Вера Николаевна удалён из реестра.")).to_be_visible()
    expect(people_rows(page)).to_have_count(len(PEOPLE) - 1)


# --- «Пары и группы» ----------------------------------------------------------------------------------------


def fill_pair(page: Page, mentor: str, mentees: list[str], form: str, start: dt.date, end: dt.date) -> None:
    choose(page.get_by_label("Наставник", exact=True), mentor)
    for mentee in mentees:
        page.get_by_label(mentee).check()
    choose(page.get_by_label("Форма наставничества"), form)
    fill_date(page.get_by_label("Начало"), start)
    fill_date(page.get_by_label("Окончание"), end)


def expect_ticked(page: Page, mentees: list[str]) -> None:
    """Exactly ``mentees`` of the eight are ticked."""
    for mentee in MENTEES:
        expect(page.get_by_label(mentee)).to_be_checked(checked=mentee in mentees)


def test_pair_and_group_created_and_edited(page: Page, school_server: LiveServer, shot):
    log_in(page, school_server, *SECRETARY[:2])
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    expect(page.get_by_text("Пар пока нет.")).to_be_visible()
    shot(page, "22-pairs-empty")

    end = TODAY + dt.timedelta(days=200)
    mentor, mentees, form = PAIR
    page.get_by_role("link", name="Добавить пару (группу)").click()
    expect_russian_page(page, "Новая наставническая пара (группа)")
    for mentee in MENTEES:
        expect(page.get_by_label(mentee)).not_to_be_checked()
    fill_pair(page, mentor, mentees, form, TODAY, end)
    expect_ticked(page, mentees)  # ONE mentee of eight
    assert page.get_by_label("Начало").input_value() == ru(TODAY)
    shot(page, "23-pair-new-form", full_page=True)
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) сохранена.")).to_be_visible()
    expect_russian_page(page, "Наставнические пары и группы")
    row = pair_row(page, mentor)
    expect(row).to_contain_text(mentees[0])
    expect(row).to_contain_text(f"{ru(TODAY)} – {ru(end)}")
    expect(row).to_contain_text("черновик")  # until the pairs order fixes it
    shot(page, "24-pairs-one-pair")

    mentor, mentees, form = GROUP
    page.get_by_role("link", name="Добавить пару (группу)").click()
    fill_pair(page, mentor, mentees, form, TODAY, end)
    expect_ticked(page, mentees)  # three of eight
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) сохранена.")).to_be_visible()
    for mentee in mentees:
        expect(pair_row(page, mentor)).to_contain_text(mentee)
    expect(pair_row(page, mentor)).to_contain_text("групповая")
    shot(page, "25-pairs-pair-and-group")

    # Edit the pair: the dates show as ДД.ММ.ГГГГ, a new end date is typed so.
    pair_row(page, PAIR[0]).get_by_role("link", name="изменить").click()
    expect_russian_page(page, "Наставническая пара (группа)")
    expect(page.get_by_label("Начало")).to_have_value(ru(TODAY))
    expect(page.get_by_label("Окончание")).to_have_value(ru(end))
    expect_ticked(page, PAIR[1])
    new_end = dt.date(TODAY.year + 1, 5, 31)
    page.get_by_label("Окончание").fill(ru(new_end))
    shot(page, "26-pair-edit", full_page=True)
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) сохранена.")).to_be_visible()
    expect(pair_row(page, PAIR[0])).to_contain_text(f"{ru(TODAY)} – {ru(new_end)}")

    # Edit the group: one mentee less, another form.
    pair_row(page, GROUP[0]).get_by_role("link", name="изменить").click()
    expect_ticked(page, GROUP[1])
    page.get_by_label(GROUP[1][2]).uncheck()
    page.get_by_label("…или новая форма").fill("наставничество в методическом объединении")
    page.get_by_label("Окончание").fill(ru(new_end))
    press(page, "Сохранить")
    expect(page.get_by_text("Пара (группа) сохранена.")).to_be_visible()
    group = pair_row(page, GROUP[0])
    expect(group).to_contain_text(GROUP[1][1])
    expect(group).not_to_contain_text(GROUP[1][2])
    expect(group).to_contain_text("наставничество в методическом объединении")
    expect(group).to_contain_text(ru(new_end))
    shot(page, "27-pairs-edited")
    # The new form is in the list for the next pairs.
    page.get_by_role("link", name="Добавить пару (группу)").click()
    expect(page.get_by_label("Форма наставничества").locator("option")
           .filter(has_text="наставничество в методическом объединении")).to_have_count(1)


# --- «Документы»: both orders, the journal, versions, the person's page -------------------------------------


def test_orders_numbered_downloaded_and_journaled(page: Page, paired_school_server: LiveServer, shot):
    log_in(page, paired_school_server, *SECRETARY[:2])
    expect_russian_page(page, "Документы")
    expect(page.get_by_text(SCHOOL["full_name"])).to_be_visible()

    # The curator order, its number left empty: № 1.
    page.get_by_role("link", name=CURATOR_ORDER).click()
    expect_russian_page(page, CURATOR_ORDER)
    number = page.get_by_label("Номер приказа")
    expect(number).to_have_value("")
    expect(page.get_by_text("присвоится следующий номер (1 на сейчас)")).to_be_visible()
    assert shown_date(page.get_by_label("Дата приказа")) == TODAY
    curator = page.get_by_label("Куратор", exact=True)
    expect(curator.locator("option:checked")).to_contain_text("Волков Игорь Петрович")
    shot(page, "28-curator-order-form")
    press(page, "Предпросмотр")
    expect(page.get_by_role("heading", name="Предпросмотр")).to_be_visible()
    expect(page.get_by_role("cell", name="заместителя директора по учебно-воспитательной работе Волкова Игоря "
                                         "Петровича")).to_be_visible()
    show_at_top(page.get_by_role("heading", name="Предпросмотр"))
    shot(page, "29-curator-order-preview")
    name, content = download(page, lambda: press(page, DOWNLOAD))
    assert name.endswith(".docx"), name
    text = flat(docx_text(content))
    assert "№ 1" in text, text
    for phrase in ("заместителя директора по учебно-воспитательной работе Волкова Игоря Петровича",
                   "МБОУ СОШ № 7"):
        assert phrase in text, f"«{phrase}» is not in the curator order:\n{text}"

    open_section(page, "Документы", "Документы")
    expect(page.get_by_text(f"Приказ № 1 от {ru(TODAY)} зарегистрирован.")).to_be_visible()
    journal = page.get_by_role("row").filter(has_text=CURATOR_HEADING)
    expect(journal).to_contain_text(ru(TODAY))
    expect(journal.get_by_role("link", name="1", exact=True)).to_be_visible()
    expect(journal.get_by_role("link", name="DOCX", exact=True)).to_be_visible()
    expect(journal.get_by_role("link", name="PDF", exact=True)).to_be_visible()

    # The pairs order, number empty again: № 2; both pairs ticked beforehand.
    page.get_by_role("link", name=PAIRS_ORDER).click()
    expect_russian_page(page, PAIRS_ORDER)
    expect(page.get_by_text("присвоится следующий номер (2 на сейчас)")).to_be_visible()
    for mentor, mentees, _form in (PAIR, GROUP):
        expect(page.get_by_label(f"{mentor} → {', '.join(mentees)}")).to_be_checked()
    press(page, "Предпросмотр")
    for phrase in ("учителя биологии Белову Дарью Сергеевну", "учителем математики Орловой Светланой Михайловной",
                   "учителем истории Захаровым Павлом Андреевичем"):
        expect(page.get_by_role("cell").filter(has_text=phrase).first).to_be_visible()
    show_at_top(page.get_by_role("heading", name="Предпросмотр"))
    shot(page, "30-pairs-order-preview")
    pairs_name, content = download(page, lambda: press(page, DOWNLOAD))
    text = flat(docx_text(content))
    assert "№ 2" in text, text
    for phrase in ("учителя биологии Белову Дарью Сергеевну",
                   "за наставником — учителем математики Орловой Светланой Михайловной",
                   "учителя физической культуры Громова Никиту Олеговича",
                   "учителем истории Захаровым Павлом Андреевичем", "в МБОУ СОШ № 7"):
        assert phrase in text, f"«{phrase}» is not in the pairs order:\n{text}"

    open_section(page, "Документы", "Документы")
    expect(page.get_by_text(f"Приказ № 2 от {ru(TODAY)} зарегистрирован.")).to_be_visible()
    journal = page.get_by_role("row").filter(has_text=PAIRS_HEADING)
    expect(journal).to_have_count(1)
    shot(page, "31-journal")

    # From the journal: the file again, then the order's card.
    again, content = download(page, lambda: journal.get_by_role("link", name="DOCX", exact=True).click())
    assert again == pairs_name and "№ 2" in flat(docx_text(content))
    journal.get_by_role("link", name="2", exact=True).click()
    expect_russian_page(page, f"Приказ № 2 от {ru(TODAY)}")
    expect(page.get_by_text(PAIRS_HEADING).first).to_be_visible()
    versions = page.get_by_role("row").filter(has=page.get_by_role("link", name="DOCX", exact=True))
    expect(versions).to_have_count(1)
    expect(versions.first).to_contain_text("1 (последняя)")
    expect(versions.first).to_contain_text(pairs_name)
    shot(page, "32-order-card")

    # «Сформировать заново»: version 2 of the same number.
    page.get_by_role("link", name=re.compile("Сформировать заново")).click()
    expect_russian_page(page, f"{PAIRS_ORDER}: новая версия приказа № 2")
    expect(page.get_by_label("Номер приказа")).to_have_value("2")
    expect(page.get_by_label("Номер приказа")).not_to_be_editable()
    expect(page.get_by_label("Дата приказа")).to_have_value(ru(TODAY))
    group = page.get_by_label(f"{GROUP[0]} → {', '.join(GROUP[1])}")
    expect(group).to_be_checked()
    group.uncheck()  # the new version names the pair only
    shot(page, "33-order-new-version-form")
    _, content = download(page, lambda: press(page, NEW_VERSION))
    text = flat(docx_text(content))
    assert "№ 2" in text and "Белову Дарью Сергеевну" in text and "Громова Никиту Олеговича" not in text, text

    open_section(page, "Документы", "Документы")
    expect(page.get_by_text(f"Приказ № 2 от {ru(TODAY)} — сохранена версия 2.")).to_be_visible()
    journal = page.get_by_role("row").filter(has_text=PAIRS_HEADING)
    expect(journal).to_have_count(1)
    expect(journal).to_contain_text("версия 2")
    journal.get_by_role("link", name=PAIRS_HEADING).click()
    expect_russian_page(page, f"Приказ № 2 от {ru(TODAY)}")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("2 (последняя)")
    first = versions.filter(has_not_text="последняя")
    expect(first).to_have_count(1)
    shot(page, "34-order-card-versions")
    _, content = download(page, lambda: first.get_by_role("link", name="DOCX", exact=True).click())
    text = flat(docx_text(content))
    assert "№ 2" in text and "Белову Дарью Сергеевну" in text and "Громова Никиту Олеговича" in text, \
        f"version 1 is not the file first registered:\n{text}"

    # A number typed by hand that is taken: the message next to it, the number kept.
    open_section(page, "Документы", "Документы")
    page.get_by_role("link", name=CURATOR_ORDER).click()
    expect(page.get_by_text("(3 на сейчас)")).to_be_visible()
    number = page.get_by_label("Номер приказа")
    number.fill("1")
    press(page, DOWNLOAD)
    expect_error_at(number, f"Номер 1 за {TODAY.year} год уже занят приказом „{CURATOR_HEADING}“ от {ru(TODAY)}")
    expect(number).to_have_value("1")
    shot(page, "35-order-number-taken")
    open_section(page, "Документы", "Документы")
    expect(page.get_by_role("row").filter(has_text=CURATOR_HEADING)).to_have_count(1)

    # A person's page: their pairs and the orders naming them.
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name=PAIR[1][0]).click()
    expect_russian_page(page, PAIR[1][0])
    pairs = page.get_by_role("row").filter(has_text=PAIR[0])
    expect(pairs).to_have_count(1)
    expect(pairs).to_contain_text("наставляемый")
    expect(pairs).to_contain_text("действует")
    named = page.get_by_role("row").filter(has=page.get_by_role("link", name=PAIRS_HEADING))
    expect(named).to_have_count(1)
    expect(named).to_contain_text("2")
    expect(page.get_by_role("link", name=CURATOR_HEADING)).to_have_count(0)
    page.get_by_role("heading", name="Пары и группы").scroll_into_view_if_needed()
    shot(page, "36-person-pairs-and-orders")
    # Named in an order, she can be archived (once her pair ends), never deleted.
    page.get_by_role("link", name="Удалить").click()
    expect_russian_page(page, "Удалить участника")
    press(page, "Удалить навсегда")
    expect(page.get_by_role("alert")).to_contain_text(f"{PAIR[1][0]}: участник назван в приказах журнала — "
                                                      "удалить нельзя, можно перенести в архив.")
    expect(page.get_by_role("button", name="Удалить навсегда")).to_have_count(0)  # refused: no second try
    shot(page, "37-person-delete-refused")
    page.get_by_role("link", name="Назад").click()
    expect_russian_page(page, PAIR[1][0])
    named.get_by_role("link", name=PAIRS_HEADING).click()
    expect_russian_page(page, f"Приказ № 2 от {ru(TODAY)}")

    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Волков Игорь Петрович").click()
    for heading in (CURATOR_HEADING, PAIRS_HEADING):
        expect(page.get_by_role("link", name=heading)).to_be_visible()


# --- a registry in use (the demo): expired pairs, filters, corrections ----------------------------------


# (menu item, the page's heading, the screenshot's name: None when a screen of its own follows)
SECTIONS = [
    ("Документы", "Документы", "38-demo-documents"),
    ("Участники", "Участники", "39-demo-people"),
    ("Пары и группы", "Наставнические пары и группы", None),
    ("Организация", "Организация", "40-demo-organization"),
    ("Исключения", "Исключения склонения", None),
]


def test_every_section_is_russian(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    expect_russian_page(page, "Документы")
    for item, heading, name in SECTIONS:
        open_section(page, item, heading)
        expect(page).to_have_title(RUSSIAN_TITLE)
        if name:
            shot(page, name)


def demo_expired() -> list[str]:
    """The mentors of the demo's pairs whose end date has passed: Лебедев's (last academic year's) from
    September to May; in summer the current year's pairs have ended too."""
    autumn = academic_year(TODAY)
    names = {last: f"{last} {first} {middle}" for last, first, middle, *_ in DEMO_PEOPLE}
    return [names[mentor] for mentor, _mentees, _form, _start, (month, day, years) in DEMO_PAIRS
            if dt.date(autumn + years, month, day) < TODAY]


def test_pairs_filters_and_closing_expired(page: Page, live_server: LiveServer, shot):
    ended = demo_expired()
    assert "Лебедев Сергей Николаевич" in ended
    log_in(page, live_server, "secretary")
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    rows = page.get_by_role("row").filter(has=page.get_by_role("link", name="изменить"))
    expect(rows).to_have_count(5)  # four pairs and groups, and one of last spring terminated early
    expect(rows.filter(has_text="срок истёк")).to_have_count(len(ended))
    expired = pair_row(page, "Лебедев Сергей Николаевич")
    expect(expired).to_contain_text("срок истёк")
    shot(page, "41-pairs-demo", full_page=True)

    choose(page.get_by_label("Состояние"), "срок истёк")
    press(page, "Показать")
    expect(rows).to_have_count(len(ended))
    expect(expired).to_contain_text("Гончаренко Кирилл Андреевич")
    expect(page.get_by_label("Состояние").locator("option:checked")).to_have_text("срок истёк")
    shot(page, "42-pairs-filter-status")

    choose(page.get_by_label("Состояние"), "все")
    autumn = academic_year(TODAY)
    choose(page.get_by_label("Учебный год"), f"{autumn - 1}/{autumn}")
    press(page, "Показать")
    expect(rows).to_have_count(2)
    expect(expired).to_have_count(1)
    choose(page.get_by_label("Учебный год"), f"{autumn}/{autumn + 1}")
    press(page, "Показать")
    expect(rows).to_have_count(3)
    expect(expired).to_have_count(0)
    shot(page, "43-pairs-filter-year")

    choose(page.get_by_label("Состояние"), "завершена")
    press(page, "Показать")
    expect(page.get_by_text("Таких пар нет: измените условия.")).to_be_visible()
    page.get_by_role("link", name="Сбросить").click()
    expect(rows).to_have_count(5)

    # «Завершить пары с истёкшим сроком»: a confirmation page, «Отмена», then done.
    close = page.get_by_role("link", name=re.compile("^Завершить пары с истёкшим сроком"))
    expect(close).to_have_text(f"Завершить пары с истёкшим сроком ({len(ended)})")
    close.click()
    expect_russian_page(page, "Завершить пары с истёкшим сроком")
    expect(page.get_by_text("наставник Лебедев Сергей Николаевич, наставляемые: Гончаренко Кирилл Андреевич")
           ).to_be_visible()
    shot(page, "44-pairs-close-expired-confirm")
    page.get_by_role("link", name="Отмена").click()
    expect_russian_page(page, "Наставнические пары и группы")
    expect(expired).to_contain_text("срок истёк")
    close.click()
    press(page, "Завершить")
    expect_russian_page(page, "Наставнические пары и группы")
    expect(page.get_by_text(f"Завершено пар и групп: {len(ended)}.")).to_be_visible()
    expect(expired).to_contain_text("завершена")
    expect(rows.filter(has_text="срок истёк")).to_have_count(0)
    expect(close).to_have_count(0)
    shot(page, "45-pairs-expired-closed")

    # The completed pair to the archive: gone from the list, there with «показать архив».
    expired.get_by_role("link", name="изменить").click()
    expect(page.get_by_text("Состояние: завершена.")).to_be_visible()
    page.get_by_role("link", name="Перенести в архив").click()
    expect_russian_page(page, "Перенести в архив")
    expect(page.get_by_text("наставник Лебедев Сергей Николаевич")).to_be_visible()
    press(page, "Перенести в архив")
    expect(page.get_by_text("Пара (группа) перенесена в архив.")).to_be_visible()
    expect(rows).to_have_count(4)
    expect(expired).to_have_count(0)
    page.get_by_label("показать архив").check()
    press(page, "Показать")
    expect_russian_page(page, "Наставнические пары и группы: архив")
    expect(rows).to_have_count(1)
    expect(expired).to_contain_text("в архиве")
    shot(page, "46-pairs-archive")


def test_mentoring_forms_archived_and_returned(page: Page, live_server: LiveServer, shot):
    form = "скоростная (флеш-наставничество)"
    log_in(page, live_server, "secretary")
    open_section(page, "Пары и группы", "Наставнические пары и группы")
    page.get_by_role("link", name="Формы наставничества").click()
    expect_russian_page(page, "Формы наставничества")
    row = page.get_by_role("row").filter(has_text=form)
    used = page.get_by_role("row").filter(has=page.get_by_role("cell", name="педагог – педагог", exact=True))
    expect(used.get_by_role("cell", name="2", exact=True)).to_be_visible()  # the form of two demo pairs
    shot(page, "47-mentoring-forms")

    row.get_by_role("link", name="убрать в архив").click()
    expect_russian_page(page, "Убрать форму в архив")
    expect(page.get_by_text(f"Убрать форму «{form}» из списка для новых пар?")).to_be_visible()
    expect(page.get_by_role("link", name="Отмена")).to_be_visible()
    shot(page, "48-mentoring-form-archive-confirm")
    press(page, "Убрать в архив")
    expect_russian_page(page, "Формы наставничества")
    expect(page.get_by_text(f"Форма «{form}» убрана в архив.")).to_be_visible()
    expect(page.get_by_role("heading", name="В архиве")).to_be_visible()
    expect(row.get_by_role("link", name="вернуть")).to_be_visible()

    page.get_by_role("link", name="← К парам и группам").click()
    page.get_by_role("link", name="Добавить пару (группу)").click()
    options = page.get_by_label("Форма наставничества").locator("option")
    expect(options.filter(has_text="педагог – педагог")).to_have_count(1)
    expect(options.filter(has_text=form)).to_have_count(0)

    open_section(page, "Пары и группы", "Наставнические пары и группы")
    page.get_by_role("link", name="Формы наставничества").click()
    row.get_by_role("link", name="вернуть").click()
    expect_russian_page(page, "Вернуть форму")
    press(page, "Вернуть")
    expect(page.get_by_text(f"Форма «{form}» возвращена в список.")).to_be_visible()
    expect(row.get_by_role("link", name="убрать в архив")).to_be_visible()


def test_correction_added_and_removed(page: Page, live_server: LiveServer, shot):
    log_in(page, live_server, "secretary")
    open_section(page, "Исключения", "Исключения склонения")
    expect(page.get_by_text("Исключений нет.")).to_be_visible()
    shot(page, "49-corrections")

    choose(page.get_by_label("Вид", exact=True), "должность")
    page.get_by_label("Как написано").fill("мастер буровой")
    choose(page.get_by_label("Падеж", exact=True), "родительный")
    page.get_by_label("Правильная форма").fill("мастера буровой")
    press(page, "Добавить")
    expect(page.get_by_text("Исключение сохранено.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="мастер буровой")
    expect(row).to_contain_text("должность")
    expect(row).to_contain_text("родительный")
    expect(row).to_contain_text("мастера буровой")
    shot(page, "50-corrections-added")

    row.get_by_role("link", name="Удалить").click()
    expect_russian_page(page, "Удалить исключение")
    expect(page.get_by_text("«мастер буровой»").first).to_be_visible()
    shot(page, "51-correction-delete-confirm")
    page.get_by_role("link", name="Отмена").click()
    expect_russian_page(page, "Исключения склонения")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Удалить").click()
    press(page, "Удалить")
    expect_russian_page(page, "Исключения склонения")
    expect(page.get_by_text("Исключение удалено.")).to_be_visible()
    expect(page.get_by_text("Исключений нет.")).to_be_visible()
    shot(page, "52-corrections-removed")
