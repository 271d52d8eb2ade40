"""End-to-end tests in a real browser: the service under waitress on a temporary registry, Debian's
Chromium driven by Playwright (its own browsers are never downloaded: ``playwright install`` is not used).

Fixtures:

- ``live_server`` — the service on a registry holding the demo organisation (МБОУ Палагайская СОШ)
  and the demo accounts (``admin``, ``secretary``, ``curator``, ``head``, ``municipal``, password
  «demo»); ``empty_server`` — the same on an empty registry, no account either (a new school's first
  start). CSRF is on, as in production. Each yields a :class:`LiveServer` with ``.url`` (no trailing
  slash) and ``.db_path``. Every page needs a login: a test starts with :func:`log_in`.
- ``browser`` — one headless Chromium (``/usr/bin/chromium``) for the session; missing, it skips the
  browser tests, or fails them when the environment variable ``CI`` is set.
- ``page`` — a fresh context and page per test: locale ru-RU, 1280×800 (a school laptop). The test
  fails when, while it ran, the page logged a console error or threw, or the server answered 5xx to any
  request (the server's traceback is in the message); a failed test leaves a screenshot
  ``FAILED-<test>.png`` (in ``--screens DIR`` too: delete it there once the test passes).
  (Chromium logs any 4xx/5xx answer as a console error, so a 400 from a lost CSRF token fails the
  test too; a test that opens a missing page on purpose does it through ``error_page``, which forgives
  that one answer.)
- ``shot`` — ``shot(page, name, allow=())`` first checks that no English word is visible on the page
  (:func:`expect_no_english`), then saves a screenshot ``<name>.png`` of the window (of the whole page
  with ``full_page=True``): into the folder given by ``--screens DIR``, else into the test's tmp_path. So

      python -m pytest tests/browser --screens docs/screens

  refreshes docs/screens/. The option is declared in ``tests/conftest.py``: it works with any test path
  named (``tests``, ``tests/browser/test_walk.py``) or as ``--screens=DIR`` alone; written
  ``--screens DIR`` with no test path, pytest takes DIR for the path to test before it knows the option.
- ``school_server`` — the service on the registry of a new school as the walk fills it in through the
  forms (:data:`SCHOOL`, :data:`PEOPLE`: a head, a curator, two mentors and eight mentees, and its
  secretary's account :data:`SECRETARY`), for the screens that come after; ``paired_school_server`` —
  the same with the walk's pair and group; ``two_schools_server`` — the demo school and the new one on
  one service (for the methodological centre's organisation chooser).
- ``error_page`` — ``error_page(url)`` opens a missing page on purpose: the Russian 404 page (or
  another status and heading), whose console error is then forgiven; ``forgive(url, status)`` forgives
  the console error of one answer a test provoked otherwise (a 429 to a form sent).

The helpers below (:func:`log_in`, :func:`log_out`, :func:`open_section`, :func:`press`,
:func:`fill_date`, :func:`shown_date`, :func:`choose`, :func:`add_person`, :func:`download`,
:func:`expect_error_at`) act as a person does: by visible Russian text and labels, never by the page's
markup. The English rule lets through Latin that is data by nature where a test names it (``allow``:
the logins, which are Latin by rule, a new API token).
"""

import contextlib
import datetime as dt
import os
import re
import secrets
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import waitress
from flask import Flask, got_request_exception
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect, sync_playwright
from waitress import wasyncore

from registry.db import connect
from registry.demo import load_demo
from registry.organization import create_organization, save_organization
from registry.pairs import list_forms, save_pair
from registry.people import ROLES, save_person
from registry.users import DEMO_PASSWORD, create_user
from service.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT_MS = 10_000

PROBLEMS = pytest.StashKey[list[str]]()
REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def _problems(node: pytest.Item) -> list[str]:
    return node.stash.setdefault(PROBLEMS, [])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Fail the test if the page or the server reported a problem while it ran."""
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    try:
        result = yield
    except BaseException as error:
        problems = _problems(item)
        if problems:
            error.add_note("Also during the test:\n" + "\n".join(problems))
        raise
    if page is not None and not page.is_closed():
        with contextlib.suppress(PlaywrightError):
            page.evaluate("0")  # one round trip: delivers console and response events still in flight
    problems = _problems(item)
    if problems:
        pytest.fail("The page or the server reported a problem:\n" + "\n".join(problems), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


# --- the server ---------------------------------------------------------------------------------------


@dataclass
class LiveServer:
    url: str
    db_path: Path
    app: Flask = field(repr=False)


@contextlib.contextmanager
def _serve(db_path: Path, problems: list[str], fill=None) -> Iterator[LiveServer]:
    """Serve the app on a new registry ``db_path`` (first ``fill(db)``, if given) on a free local port
    until the block ends."""
    app = create_app({"DATABASE": str(db_path), "SECRET_KEY": secrets.token_hex(16)})  # CSRF on by default
    if fill is not None:  # after create_app, which creates and migrates the registry
        db = connect(db_path)
        try:
            fill(db)
        finally:
            db.close()

    def record(_sender, exception, **_extra):
        problems.append("Server exception:\n" + "".join(traceback.format_exception(exception)))

    got_request_exception.connect(record, app)
    server = waitress.create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.effective_port}", db_path, app)
    finally:
        got_request_exception.disconnect(record, app)

        def close():
            # Runs in the server's own loop thread (no race with its select): the listening socket
            # and the trigger, then the keep-alive connections the browser may still hold; with its
            # map empty the loop returns.
            server.close()
            wasyncore.close_all(server._map)

        server.trigger.pull_trigger(close)
        thread.join(10)
        server.task_dispatcher.shutdown()
        assert not thread.is_alive(), "waitress did not stop"


@pytest.fixture
def live_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """The service on a fresh registry holding the demo organisation and the demo accounts
    (``admin``, ``secretary``, ``curator``, ``head``, ``municipal``; password «demo»)."""
    with _serve(tmp_path / "registry.sqlite", _problems(request.node), fill=load_demo) as server:
        yield server


@pytest.fixture
def empty_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """The service on an empty registry, no account either: a new school's first start."""
    with _serve(tmp_path / "registry.sqlite", _problems(request.node)) as server:
        yield server


#: The new school of the walk: its profile as typed in «Организация».
SCHOOL = {
    "full_name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
    "short_name": "МБОУ СОШ № 7",
    "locality": "г. Глазов",
    "head_position": "директор",
    "order_number_format": "{n}",
}

#: The accounts of the new school's walk: (login, password, full name). The administrator is created
#: on the first-start page, the secretary by the administrator in «Пользователи».
ADMIN = ("admin", "Glazov-7-admin", "Кириллова Анна Сергеевна")
SECRETARY = ("secretary", "Shkola-7-sekretar", "Петрова Мария Ивановна")

#: Its people as typed in «Участники»: (surname, first name, patronymic, position, roles); the first
#: is the head, then the curator, two mentors and eight mentees.
PEOPLE = [
    ("Смирнова", "Наталья", "Викторовна", "директор", []),
    ("Волков", "Игорь", "Петрович", "заместитель директора по учебно-воспитательной работе", ["куратор"]),
    ("Орлова", "Светлана", "Михайловна", "учитель математики", ["наставник"]),
    ("Захаров", "Павел", "Андреевич", "учитель истории", ["наставник"]),
    ("Белова", "Дарья", "Сергеевна", "учитель биологии", ["наставляемый"]),
    ("Громов", "Никита", "Олегович", "учитель физической культуры", ["наставляемый"]),
    ("Данилова", "Ксения", "Игоревна", "учитель химии", ["наставляемый"]),
    ("Егоров", "Максим", "Ильич", "учитель географии", ["наставляемый"]),
    ("Жукова", "Полина", "Андреевна", "учитель музыки", ["наставляемый"]),
    ("Комаров", "Артём", "Викторович", "учитель технологии", ["наставляемый"]),
    ("Лосева", "Вера", "Николаевна", "педагог-психолог", ["наставляемый"]),
    ("Морозов", "Глеб", "Денисович", "учитель информатики", ["наставляемый"]),
]
MENTEES = [f"{last} {first} {middle}" for last, first, middle, _, roles in PEOPLE if roles == ["наставляемый"]]

#: The walk's pair (Орлова → Белова) and group (Захаров → Громов, Данилова, Егоров): (mentor, mentees,
#: form). Their period runs from today for 200 days.
PAIR = ("Орлова Светлана Михайловна", ["Белова Дарья Сергеевна"], "педагог – педагог")
GROUP = ("Захаров Павел Андреевич", ["Громов Никита Олегович", "Данилова Ксения Игоревна", "Егоров Максим Ильич"],
         "групповая")

_ROLE_CODES = {title: code for code, title in ROLES.items()}


def fill_school(db, pairs: bool = False, secretary: str | None = SECRETARY[0]) -> None:
    """The registry as the walk leaves it after «Организация» and «Участники» (and, with ``pairs``,
    after «Пары и группы»): filled through the registry, for the screens that come after. The school's
    secretary logs in as ``secretary`` with the password of :data:`SECRETARY` (None: no account)."""
    organization_id = create_organization(db, SCHOOL)
    ids = {}
    for last, first, middle, position, roles in PEOPLE:
        ids[f"{last} {first} {middle}"] = save_person(
            db, organization_id, {"last_name": last, "first_name": first, "middle_name": middle,
                                  "position": position}, [_ROLE_CODES[r] for r in roles])
    save_organization(db, organization_id, {"head_person_id": ids[" ".join(PEOPLE[0][:3])]})
    if secretary:
        create_user(db, secretary, SECRETARY[1], "secretary", organization_id, SECRETARY[2])
    if pairs:
        forms = {f["name"]: f["id"] for f in list_forms(db)}
        start = dt.date.today()
        for mentor, mentees, form in (PAIR, GROUP):
            save_pair(db, organization_id, {"mentor_id": ids[mentor], "form_id": forms[form],
                                            "start_date": start.isoformat(),
                                            "end_date": (start + dt.timedelta(days=200)).isoformat(),
                                            "status": "active"}, [ids[m] for m in mentees])


@pytest.fixture
def school_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """The new school with its organisation and people, as the walk enters them."""
    with _serve(tmp_path / "registry.sqlite", _problems(request.node), fill=fill_school) as server:
        yield server


@pytest.fixture
def paired_school_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """The new school with its people, the pair and the group."""
    with _serve(tmp_path / "registry.sqlite", _problems(request.node),
                fill=lambda db: fill_school(db, pairs=True)) as server:
        yield server


@pytest.fixture
def two_schools_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """One service for two organisations, as a methodological centre runs it: the demo school (first,
    with the demo accounts) and the new school with its people (no account of its own)."""

    def fill(db):
        load_demo(db)
        fill_school(db, secretary=None)

    with _serve(tmp_path / "registry.sqlite", _problems(request.node), fill=fill) as server:
        yield server


# --- the browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium; Playwright's browsers are not used)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def shot(request: pytest.FixtureRequest, tmp_path: Path):
    """``shot(page, name, full_page=False)``: checks the page shows no English word, then saves a PNG
    ``<name>.png`` of the window (the whole page with ``full_page``) in ``--screens DIR`` or tmp_path;
    returns its path."""
    option = request.config.getoption("screens", default=None)
    folder = request.config.invocation_params.dir / option if option else tmp_path / "screens"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str, *, full_page: bool = False, check: bool = True,
             allow: Iterable[str] = ()) -> Path:
        page.wait_for_load_state()  # the whole page, not one still laid out
        if check:
            expect_no_english(page, allow)
        path = folder / f"{name}.png"
        page.screenshot(path=path, full_page=full_page, animations="disabled", caret="hide")
        return path

    return take


@pytest.fixture
def page(browser, request: pytest.FixtureRequest, shot) -> Iterator[Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 800}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    problems = _problems(request.node)

    def on_console(message):
        where = message.location.get("url") or tab.url
        # Chromium fetches /favicon.ico by itself and logs its 404 as a console error; the pages
        # declare no icon. That is no error of the page, so it alone is let through.
        if message.type == "error" and not where.endswith("/favicon.ico"):
            problems.append(f"Console error on {where}: {message.text}")

    def on_page_error(error):
        problems.append(f"JavaScript error on {tab.url}: {error}")

    def on_response(response):
        if response.status >= 500:
            problems.append(f"Server answered {response.status} to {response.request.method} {response.url}")

    tab.on("console", on_console)
    tab.on("pageerror", on_page_error)
    tab.on("response", on_response)
    try:
        yield tab
    finally:
        call = request.node.stash.get(REPORTS, {}).get("call")
        if call is not None and call.failed and not tab.is_closed():
            with contextlib.suppress(PlaywrightError):
                shot(tab, f"FAILED-{request.node.name}", full_page=True, check=False)
        context.close()


@pytest.fixture
def error_page(page: Page, forgive):
    """``error_page(url, status=404, heading="Страница не найдена")``: open ``url`` that must answer
    ``status`` with the Russian error page headed ``heading``, and forgive the console error Chromium
    logs for that answer alone."""

    def visit(url: str, status: int = 404, heading: str = "Страница не найдена") -> None:
        response = page.goto(url)
        assert response is not None and response.status == status, f"{url}: {response and response.status}"
        expect_russian_page(page, heading)
        expect(page.get_by_role("link", name="К документам")).to_be_visible()
        forgive(url, status)

    return visit


@pytest.fixture
def forgive(page: Page, request: pytest.FixtureRequest):
    """``forgive(url, status)``: forget the console error Chromium logged for the answer ``status`` to
    ``url`` (its address up to the query), an answer the test provoked on purpose and checks itself."""

    def drop(url: str, status: int) -> None:
        page.evaluate("0")  # the console event of the answer arrives before this returns
        problems = _problems(request.node)
        problems[:] = [p for p in problems
                       if not (re.match(rf"Console error on {re.escape(url)}[?:]", p) and str(status) in p)]

    return drop


# --- acting as a person ----------------------------------------------------------------------------------


LOGIN_HEADING = "Вход в «Наставник»"


def log_in(page: Page, server: LiveServer, login: str, password: str = DEMO_PASSWORD, start: str = "/") -> None:
    """Open the page ``start`` as a person not logged in: the service shows «Вход» instead; type the
    login and the password, press «Войти»; ends on ``start``."""
    page.goto(server.url + start)
    expect_russian_page(page, LOGIN_HEADING)
    page.get_by_label("Логин").fill(login)
    page.get_by_label("Пароль").fill(password)
    press(page, "Войти")
    page.wait_for_url(lambda url: "/login" not in url)
    expect(page.get_by_role("heading", level=1)).not_to_have_text(LOGIN_HEADING)
    assert page.url.removeprefix(server.url).rstrip("?") == start, f"{login} landed on {page.url}, not on {start}"
    expect(page.get_by_role("button", name="Выйти")).to_be_visible()


def log_out(page: Page) -> None:
    """«Выйти» in the header: back on the login page, told so."""
    page.get_by_role("banner").get_by_role("button", name="Выйти").click()
    expect_russian_page(page, LOGIN_HEADING)
    expect(page.get_by_text("Вы вышли из системы.")).to_be_visible()


def user_organization(page: Page) -> Locator:
    """The drop-down «Организация» of the form on «Пользователи». Found by the field's box: its label
    names the organisation chooser of the header instead, which has the same id
    (``test_accounts.py::test_admin_adds_and_disables_a_user`` fails on that)."""
    return page.get_by_role("main").locator(".field").filter(has_text="Организация").get_by_role("combobox")


def open_section(page: Page, name: str, heading: str, allow: Iterable[str] = ()) -> None:
    """Click «name» in the top menu; the page must be Russian (but the data in ``allow``) and headed
    «heading»."""
    page.get_by_role("navigation").get_by_role("link", name=name, exact=True).click()
    expect_russian_page(page, heading, allow)


def expect_russian_page(page: Page, heading: str, allow: Iterable[str] = ()) -> None:
    """The page is headed «heading», declared Russian, and shows no English word (but the data in
    ``allow``: see :func:`english_words`)."""
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect_no_english(page, allow)


# The controls of the button's form the browser finds invalid: Chromium then refuses to send the form
# and shows a bubble, so to a person the button simply does nothing.
_INVALID_CONTROLS = """button => {
  const form = button.form;
  if (!form || form.noValidate || button.formNoValidate) return [];
  return Array.from(form.elements).filter(e => e.willValidate && !e.checkValidity()).map(e => {
    const label = e.labels && e.labels.length ? e.labels[0].innerText.trim() : (e.name || e.id);
    const required = e.required ? ", required" : "";
    return `«${label}» (${e.tagName.toLowerCase()} ${e.type}${required}): ${e.validationMessage}`;
  });
}"""


def press(page: Page, name: str | re.Pattern[str]) -> None:
    """Press the button «name» (the whole caption, or a pattern found in it), first making sure the
    browser will send its form."""
    button = page.get_by_role("button", name=name, exact=isinstance(name, str))
    invalid = button.evaluate(_INVALID_CONTROLS)
    if invalid:
        raise AssertionError(f"The browser will not send the form on «{getattr(name, 'pattern', name)}»; "
                             "invalid controls:\n" + "\n".join(invalid))
    button.click()


def fill_date(field: Locator, day: dt.date) -> None:
    """Enter a date as a person does: a date picker takes it as ISO, a text field as ДД.ММ.ГГГГ."""
    if field.get_attribute("type") == "date":
        field.fill(day.isoformat())
    else:
        field.fill(day.strftime("%d.%m.%Y"))


def shown_date(field: Locator) -> dt.date | None:
    """The date a field shows (a date picker's or a ДД.ММ.ГГГГ text), None when it shows none. A date
    picker given a value it cannot read shows none, as the person sees it."""
    text = field.input_value().strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def choose(select: Locator, text: str) -> None:
    """Choose the option of a drop-down list whose visible text contains ``text``."""
    option = select.locator("option").filter(has_text=text)
    expect(option).to_have_count(1)
    select.select_option(option.get_attribute("value"))


#: Latin words a Russian page may show: the file formats on the buttons and in file names, the program
#: those of the registry's exchange open («Обмен с Excel»), and «API», which has no Russian name (it
#: stands in «API-токен»).
ALLOWED_LATIN = {"docx", "pdf", "csv", "xlsx", "excel", "api", "zip", "json"}
#: The example of a login next to the field «Логин» on «Пользователи» (logins are Latin by rule).
LOGIN_EXAMPLE = "ivanova"

# Everything on the page a person reads: the title, the rendered text (with the options of drop-down
# lists), and what is not in it — captions of <input> buttons, placeholders, tooltips, spoken labels.
_VISIBLE_TEXTS = """() => {
  const texts = [document.title, document.body.innerText];
  const more = "[placeholder], [title], [aria-label], input[type=submit], input[type=button], option";
  for (const e of document.querySelectorAll(more)) {
    for (const name of ["placeholder", "title", "aria-label"]) {
      if (e.getAttribute(name)) texts.push(e.getAttribute(name));
    }
    if (e.tagName === "INPUT") texts.push(e.value);
    if (e.tagName === "OPTION") texts.push(e.textContent);
  }
  return texts.join("\\n");
}"""

# A Latin word: two or more Latin letters in a row — any English word, abbreviation or identifier
# («Bad Request», «CSRF», «id», «None»). A single letter is let through: the «{n}» of the number format,
# and the Latin letter an error message names («латинская буква «a»»).
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(page: Page, allow: Iterable[str] = ()) -> list[str]:
    """The Latin words a person sees on the page, but for :data:`ALLOWED_LATIN` and ``allow``: data that
    is Latin by its nature and that the test names where the page shows it (the logins, which are Latin
    letters by rule, on «Пользователи», «Профиль» and «Журнал аудита»; a new API token)."""
    allowed = ALLOWED_LATIN | {w.lower() for text in allow for w in _LATIN_WORD.findall(text)}
    text = page.evaluate(_VISIBLE_TEXTS)
    return sorted({w for w in _LATIN_WORD.findall(text) if w.lower() not in allowed})


def expect_no_english(page: Page, allow: Iterable[str] = ()) -> None:
    words = english_words(page, allow)
    assert not words, f"English on {page.url}: {', '.join(words)}"


# The control's field: from the control up to the first element that also shows ``message``; the
# names of the controls in it. A message next to its field shares the box with that field's controls
# only (a checkbox list: all boxes of one name); one shown above the form shares it with every field.
_FIELD_OF_MESSAGE = """(control, message) => {
  let box = control.parentElement;
  while (box && !box.innerText.includes(message)) box = box.parentElement;
  if (!box) return null;
  return Array.from(new Set(Array.from(box.querySelectorAll("input, select, textarea"))
    .filter(e => !["hidden", "submit", "button"].includes(e.type)).map(e => e.name)));
}"""


def expect_error_at(field: Locator, message: str) -> None:
    """The page shows ``message`` (a part of it) next to ``field``, and no other field's."""
    expect(field.page.get_by_text(message).first).to_be_visible()
    names = field.evaluate(_FIELD_OF_MESSAGE, message)
    own = field.get_attribute("name")
    assert names == [own], (f"«{message}» is not next to the field «{own}»: the nearest box around both holds "
                            f"the fields {names}")


def add_person(page: Page, last: str, first: str, middle: str, position: str, roles: list[str],
               shot=None, name: str = "") -> None:
    """«Участники» → «Добавить участника» → the form → «Сохранить»; ends on the person's page. With
    ``shot``, the form before saving and the saved page are screenshotted as ``<name>-form`` and
    ``<name>-saved``."""
    open_section(page, "Участники", "Участники")
    page.get_by_role("link", name="Добавить участника").click()
    expect_russian_page(page, "Новый участник")
    page.get_by_label("Фамилия", exact=True).fill(last)
    page.get_by_label("Имя", exact=True).fill(first)
    page.get_by_label("Отчество").fill(middle)
    page.get_by_label("Должность").fill(position)
    for role in roles:
        page.get_by_label(role, exact=True).check()
    if shot:
        shot(page, f"{name}-form", full_page=True)
    press(page, "Сохранить")
    full_name = f"{last} {first} {middle}"
    expect(page.get_by_text(f"Сохранено: {full_name}.")).to_be_visible()
    expect_russian_page(page, full_name)
    for role in roles:
        expect(page.get_by_label(role, exact=True)).to_be_checked()
    if shot:
        shot(page, f"{name}-saved")


def download(page: Page, action) -> tuple[str, bytes]:
    """Do ``action()`` (press a button, click a link) that downloads a file; its name and content."""
    with page.expect_download() as info:
        action()
    file = info.value
    return file.suggested_filename, Path(file.path()).read_bytes()
