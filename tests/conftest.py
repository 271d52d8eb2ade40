import io
import json
import os
import re
import shutil

import pytest
from docx import Document

from registry.db import connect
from registry.demo import load_demo
from registry.users import create_token, find_user
from service.app import create_app


def pytest_addoption(parser: pytest.Parser) -> None:
    # Here, at the top of the tests, so that --screens works whichever test path is named (or as --screens=DIR).
    parser.addoption("--screens", metavar="DIR", default=None,
                     help="save the browser tests' screenshots into DIR (e.g. docs/screens) instead of tmp_path")


@pytest.fixture
def app(tmp_path):
    """An app on a fresh registry file holding the demo organisation; CSRF off for brevity
    (``test_web.py::test_forms_require_csrf_token`` checks it on)."""
    path = tmp_path / "registry.sqlite"
    app = create_app({"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False})
    db = connect(path)
    load_demo(db)
    db.close()
    return app


def org_id(db) -> int:
    """The id of the demo organisation (the first of the registry)."""
    return db.execute("select min(id) from organizations").fetchone()[0]


def login(client, user: str, password: str = "demo") -> None:
    """Log the test client in with a demo account (registry.demo.ACCOUNTS), with the form's CSRF
    token when the app checks it."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"login": user, "password": password, **({"csrf_token": token.group(1)} if token else {})}
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def client(app):
    """A test client logged in as the demo organisation's secretary."""
    client = app.test_client()
    login(client, "secretary")
    # The JSON API takes tokens only: the same client carries the secretary's.
    db = connect(app.config["DATABASE"])
    token = create_token(db, find_user(db, "secretary")["id"], "тесты")
    db.close()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.close()


def docx_text(content: bytes) -> str:
    """All text of a DOCX: paragraphs, then table cells row by row, one per line; no-break spaces
    kept as they are."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def flat(text: str) -> str:
    return text.replace("\u00a0", " ")


def tool(name: str) -> str:
    """The path of the program ``name`` (soffice, pdftotext, pdftoppm…); the test is skipped when it is
    missing, and fails under CI, whose .ci/run must install it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run must install it")
        pytest.skip(f"{name} is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
    return path


@pytest.fixture
def order_json():
    """The data contract for an order of МБОУ Палагайская СОШ, fresh for each test."""
    return json.loads(json.dumps(ORDER))


ORDER = {
    "organization": {
        "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Палагайская средняя общеобразовательная школа»",
        "short_name": "МБОУ Палагайская СОШ",
        "locality": "д. Палагай",
        "head": {"full_name": "Ведерников Алексей Андреевич", "position": "директор"},
    },
    "order": {"number": "219", "date": "2024-01-11"},
    "curator": {"full_name": "Абашева Елена Алексеевна",
                "position": "заместитель директора по учебно-воспитательной работе"},
    "pairs": [
        {"mentor": {"full_name": "Черных Ольга Ильинична", "position": "учитель начальных классов"},
         "mentees": [{"full_name": "Шевчук Анна Сергеевна", "position": "учитель-логопед"}],
         "form": "педагог – педагог", "start_date": "2024-01-15", "end_date": "2024-05-31"},
        {"mentor": {"full_name": "Шевченко Андрей Викторович", "position": "учитель физики"},
         "mentees": [{"full_name": "Ильин Артём Олегович", "position": "учитель информатики"}],
         "form": "опытный педагог – молодой специалист", "start_date": "2024-01-15", "end_date": "2024-12-27"},
        {"mentor": {"full_name": "Кузнецова Марина Петровна", "position": "учитель русского языка и литературы"},
         "mentees": [{"full_name": "Зайцев Дмитрий Игоревич", "position": "педагог-психолог"},
                     {"full_name": "Мамедова Лейла Рашид кызы", "position": "учитель английского языка"}],
         "form": "групповая", "start_date": "2024-01-15", "end_date": "2024-12-27"},
        {"mentor": {"full_name": "Лебедев Сергей Николаевич", "position": "старший воспитатель"},
         "mentees": [{"full_name": "Гончаренко Кирилл Андреевич", "position": "педагог дополнительного образования"}],
         "form": "педагог – педагог", "start_date": "2024-02-01", "end_date": "2024-05-31"},
    ],
}


def fit(template_id: str, data: dict) -> dict:
    """``data`` cut to the top-level fields of ``template_id``'s contract (one order JSON serves the
    tests of both orders; the curator order refuses the pairs it does not print)."""
    from service.documents.catalogue import get_template

    fields = get_template(template_id).contract.model_fields
    return {key: value for key, value in data.items() if key in fields}
