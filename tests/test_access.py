"""Who may do what (service.web.access), two organisations on one service, the audit log of every
access to personal data, and the HTTP hardening — through the Flask test client on a real registry."""

import re

import pytest

from registry.audit import list_entries
from registry.orders import add_version, register_order
from registry.organization import create_organization
from registry.pairs import list_pairs, save_pair
from registry.people import list_people, save_person
from registry.users import create_user
from service.documents.catalogue import get_template
from service.web.access import PERMISSIONS, PUBLIC, RULES
from tests.conftest import login, org_id

ROLES = ("admin", "secretary", "curator", "head", "municipal")


def _client(app, role):
    client = app.test_client()
    login(client, role)
    return client


def _url(rule, values: dict) -> str:
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), url)
    return url


@pytest.fixture
def values(db):
    organization = org_id(db)
    person = list_people(db, organization, "mentee")[0]["id"]
    pair = list_pairs(db, organization)[0]
    order = register_order(db, organization, date="2024-01-11", kind="curator-order", heading="О назначении")
    add_version(db, order["id"], file_name="Приказ_1_от_11.01.2024.docx", file=b"PK", data={}, person_ids=[person])
    token = db["api_tokens"].insert({"user_id": 1, "token_hash": "x", "created_at": "2024-01-01T10:00:00"}).last_pk
    return {"person_id": person, "pair_id": pair["id"], "form_id": pair["form_id"], "order_id": order["id"],
            "version": 1, "template_id": "curator-order", "user_id": 1, "token_id": token, "filename": "style.css",
            "job_id": "0" * 32}


def test_every_endpoint_has_a_rule(app):
    """A new page or endpoint without a rule fails here (and is refused with 403 in the meantime)."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - PUBLIC - set(RULES) == set()
    assert set(RULES) - endpoints == set()
    for get, post in RULES.values():
        assert {get, post} - {None} <= set(PERMISSIONS)


def test_each_role_against_each_page(app, values):
    """GET of every page: 403 exactly where the role lacks the permission; never a 500."""
    clients = {role: _client(app, role) for role in ROLES}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.endpoint.startswith("api.") or "GET" not in rule.methods:
            continue
        permission = RULES[rule.endpoint][0]
        for role, client in clients.items():
            response = client.get(_url(rule, values))
            allowed = role in PERMISSIONS.get(permission, ())
            assert response.status_code < 500, (rule.rule, role)
            assert (response.status_code == 403) != allowed, (rule.rule, role, response.status_code)
            if response.status_code == 403:
                assert "Доступ запрещён" in response.get_data(as_text=True)


def test_each_role_against_each_post(app, db, values):
    """POST to every endpoint by a role without the permission: 403, and nothing changes."""
    snapshot = {t: db[t].count for t in db.table_names() if t != "audit_log"}
    for role in ROLES:
        client = _client(app, role)
        for rule in app.url_map.iter_rules():
            if "POST" not in rule.methods or rule.endpoint in PUBLIC or rule.endpoint.startswith("api."):
                continue
            if role in PERMISSIONS.get(RULES[rule.endpoint][1], ()):
                continue
            response = client.post(_url(rule, values), data={"last_name": "Взломов", "first_name": "Иван"})
            assert response.status_code == 403, (rule.rule, role, response.status_code)
    assert {t: db[t].count for t in db.table_names() if t != "audit_log"} == snapshot


def test_anonymous_visitors_see_only_the_login_page(app, values):
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.endpoint.startswith("api."):
            continue
        method = "get" if "GET" in rule.methods else "post"
        response = getattr(client, method)(_url(rule, values))
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), rule.rule
    api = client.post("/api/documents/curator-order", json=get_template("curator-order").example)
    assert api.status_code == 401 and "API-токен" in api.json["errors"][0]["message"]
    wrong = client.get("/api/templates", headers={"Authorization": "Bearer nst_неверный"})
    assert wrong.status_code == 401


def test_api_token_of_a_role_that_makes_documents(client):
    ok = client.post("/api/documents/curator-order", json=get_template("curator-order").example)
    assert ok.status_code == 200 and ok.data[:2] == b"PK"
    too_many = client.post("/api/documents/pairs-order", json={**get_template("pairs-order").example,
                                                               "pairs": [{}] * 501})
    assert too_many.status_code == 400 and "больше 500 элементов" in too_many.json["errors"][0]["message"]


def test_two_organisations_never_see_each_other(app, db, client):
    other = create_organization(db, {"full_name": "МБДОУ «Детский сад № 7»", "short_name": "МБДОУ д/с № 7",
                                     "locality": "г. Луга"})
    person = save_person(db, other, {"last_name": "Соседова", "first_name": "Вера", "position": "воспитатель"},
                         ["mentor", "mentee"])
    mentee = save_person(db, other, {"last_name": "Новенькая", "first_name": "Ия", "position": "воспитатель"},
                         ["mentee"])
    pair = save_pair(db, other, {"mentor_id": person, "form_id": 1, "start_date": "2025-09-01",
                                 "end_date": "2026-05-31", "status": "active"}, [mentee])
    order = register_order(db, other, date="2025-09-01", kind="curator-order", heading="О назначении")
    add_version(db, order["id"], file_name="Приказ_1_от_01.09.2025.docx", file=b"PK", data={}, person_ids=[person])
    for url in (f"/people/{person}", f"/pairs/{pair}", f"/documents/orders/{order['id']}",
                f"/documents/orders/{order['id']}/file", f"/people/{person}/archive",
                f"/documents/curator-order?order={order['id']}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/people/{person}/delete").status_code == 404
    for url in ("/people/", "/pairs/", "/"):
        assert "Соседова" not in client.get(url).get_data(as_text=True)
    # Her organisation's secretary sees her; the municipal centre reads either after choosing.
    create_user(db, "luga", "длинный пароль", "secretary", other)
    luga = app.test_client()
    login(luga, "luga", "длинный пароль")
    assert "Соседова Вера" in luga.get("/people/").get_data(as_text=True)
    assert "Шевчук" not in luga.get("/people/").get_data(as_text=True)
    municipal = _client(app, "municipal")
    municipal.post("/organization/choose", data={"organization_id": other, "next": "/people/"})
    assert "Соседова Вера" in municipal.get("/people/").get_data(as_text=True)
    assert municipal.post(f"/people/{person}", data={"last_name": "Иная"}).status_code == 403


def test_every_kind_of_access_leaves_an_audit_row(app, db, client, values):
    person = values["person_id"]
    client.get(f"/people/{person}")
    saved = client.post(f"/people/{person}", data={
        "last_name": "Гончаренко", "first_name": "Кирилл", "middle_name": "Андреевич", "gender": "",
        "qualification_category": "", "position": "педагог дополнительного образования", "roles": ["mentee"]})
    assert saved.status_code == 302
    client.get(f"/documents/orders/{values['order_id']}/file")
    example = get_template("curator-order").example
    client.post("/api/documents/curator-order", json=example)
    client.post("/pairs/close-expired")
    head = _client(app, "head")
    head.get("/audit/export.csv")
    app.test_client().post("/login", data={"login": "secretary", "password": "неверно"})
    rows = list_entries(db)
    seen = {(e["login"], e["action"], e["object_kind"], e["object_id"]) for e in rows}
    for expected in [("secretary", "login", None, None), ("secretary", "view", "person", person),
                     ("secretary", "change", "person", person), ("secretary", "download", "order", values["order_id"]),
                     ("secretary", "generate", "order", None), ("secretary", "change", "pair", None),
                     ("head", "export", "audit", None), ("secretary", "login_failed", None, None)]:
        assert expected in seen, expected
    assert all(e["address"] == "127.0.0.1" for e in rows if e["login"] == "secretary")


def test_audit_page_for_admin_and_head_only(app, client):
    client.get("/people/")
    head = _client(app, "head")
    page = head.get("/audit/?action=view").get_data(as_text=True)
    assert "Журнал аудита" in page and "secretary" in page and "просмотр" in page
    csv = head.get("/audit/export.csv")
    assert csv.status_code == 200 and csv.data.startswith("\ufeff".encode())
    assert "Когда;Пользователь" in csv.data.decode()
    assert client.get("/audit/").status_code == 403


def test_head_sees_no_edit_buttons(app, values):
    head = _client(app, "head")
    people = head.get("/people/").get_data(as_text=True)
    assert "Шевчук Анна Сергеевна" in people and "Добавить участника" not in people
    person = head.get(f"/people/{values['person_id']}").get_data(as_text=True)
    assert "disabled" in person and ">Сохранить<" not in person and "Удалить" not in person
    assert "Добавить пару" not in head.get("/pairs/").get_data(as_text=True)
    assert "Приказ о назначении куратора" not in head.get("/").get_data(as_text=True).split("Журнал приказов")[0]


def test_security_headers_hosts_and_idle_timeout(app, client):
    response = client.get("/people/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    forged = client.get("/people/", headers={"Host": "evil.example"})
    assert forged.status_code == 400 and "Запрос не понят" in forged.get_data(as_text=True)
    cookie = app.test_client().post("/login", data={"login": "head", "password": "demo"}).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_login_attempts_are_limited(app):
    client = app.test_client()
    for _ in range(5):
        assert client.post("/login", data={"login": "limited", "password": "x"}).status_code == 200
    blocked = client.post("/login", data={"login": "limited", "password": "x"})
    assert blocked.status_code == 429 and "Слишком много попыток" in blocked.get_data(as_text=True)
    login(client, "secretary")  # another login from the same address is not blocked
