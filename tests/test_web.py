"""The web UI on a real registry file through the Flask test client: pages, forms, rules, preview,
registration and the journal. (What only a browser does is in ``tests/browser``.)"""

import datetime as dt
import re

import pytest

from registry.db import connect
from registry.orders import list_orders
from registry.pairs import list_pairs
from registry.people import list_people
from service.app import create_app
from tests.conftest import docx_text, flat, login, org_id


def _ids(db, role=None):
    return {p["last_name"]: p["id"] for p in list_people(db, org_id(db), role)}


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_pages_render_in_russian(client):
    for url, phrase in [("/", "Журнал приказов"), ("/people/", "Шевчук Анна Сергеевна"),
                        ("/pairs/", "Кузнецова Марина Петровна"), ("/organization/", "МБОУ Палагайская СОШ"),
                        ("/documents/pairs-order", "Предпросмотр"), ("/pairs/forms", "Формы наставничества"),
                        ("/corrections/", "Исключения склонения")]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _page(response)
        assert phrase in page and '<html lang="ru">' in page
        assert "required" not in re.findall(r"<input[^>]*type=\"checkbox\"[^>]*>", page).__str__()
        assert all("novalidate" in form for form in re.findall(r"<form method=\"post\"[^>]*>", page)), url


@pytest.mark.parametrize("method, url, status, phrase", [
    ("get", "/documents/no-such", 404, "Страница не найдена"),
    ("get", "/people/9223372036854775808", 404, "Страница не найдена"),
    ("get", "/people/99999999999999999999999999", 404, "Страница не найдена"),
    ("get", "/documents/orders/9223372036854775807", 404, "Страница не найдена"),
    ("get", "/pairs/0", 404, "Страница не найдена"),
    ("delete", "/people/", 405, "Действие недоступно"),
    ("post", "/documents/orders/1/file", 405, "Действие недоступно"),
    ("get", "/documents/pairs-order?order=99999999999999999999999", 404, "Страница не найдена"),
])
def test_error_pages_are_russian(client, method, url, status, phrase):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert phrase in _page(response)
    assert "Not Found" not in _page(response) and "Method Not Allowed" not in _page(response)


def test_too_large_and_api_errors_are_russian(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/people/new", data={"last_name": "Я" * 5000})
    assert response.status_code == 413 and "Слишком много данных" in _page(response)
    api = client.get("/api/no-such")
    assert api.status_code == 404 and api.json["errors"][0]["message"].startswith("Страница не найдена")


def test_add_person_and_bad_input(client, db):
    response = client.post("/people/new", data={"last_name": "Шевчук", "first_name": "Саша", "position": "методист",
                                                "experience_years": "много", "email": "не-почта", "roles": ["mentor"]})
    page = _page(response)
    assert response.status_code == 200
    assert "Неверное десятичное число." in page
    assert "Проверьте адрес эл. почты." in page
    assert 'value="методист"' in page  # what was typed is kept
    assert "Шевчук Саша" not in [p["full_name"] for p in list_people(db, org_id(db))]

    response = client.post("/people/new", data={"last_name": "Шевчук", "first_name": "Саша", "position": "методист",
                                                "roles": ["mentor"]})
    assert "По ФИО пол не определяется" in _page(response)

    response = client.post("/people/new", data={"last_name": "Шевчук", "first_name": "Саша", "gender": "f",
                                                "position": "методист", "experience_years": "4,5",
                                                "birth_date": "02.03.1990", "roles": ["mentor"]},
                           follow_redirects=True)
    page = _page(response)
    assert "Сохранено: Шевчук Саша." in page
    assert "Шевчук Сашей" in page
    assert 'value="02.03.1990"' in page
    mentors = list_people(db, org_id(db), "mentor")
    assert any(p["full_name"] == "Шевчук Саша" and p["roles"] == ["mentor"] for p in mentors)


def test_person_names_are_checked_next_to_the_field(client, db):
    response = client.post("/people/new", data={"last_name": "Ивaнов", "first_name": "Иван1", "position": "учитель"})
    page = _page(response)
    assert "Фамилия: латинская буква «a» (наберите её в русской раскладке)" in page
    assert 'value="Ивaнов"' in page
    assert "Иван1" in page
    assert db["people"].count_where("first_name = 'Иван1'") == 0
    response = client.post("/people/new", data={"last_name": "Иванов", "first_name": "Иван", "position": "учитель",
                                                "birth_date": "31.02.1990"})
    assert "«31.02.1990» — не дата: введите в виде ДД.ММ.ГГГГ" in _page(response)


def test_probable_duplicate_is_flagged_and_can_be_confirmed(client, db):
    values = {"last_name": "Шевчук", "first_name": "Анна", "middle_name": "Сергеевна", "position": "учитель"}
    page = _page(client.post("/people/new", data=values))
    assert "Похоже, этот человек уже есть в реестре" in page
    assert db["people"].count_where("last_name = 'Шевчук'") == 1
    client.post("/people/new", data={**values, "confirm_duplicate": "y"})
    assert db["people"].count_where("last_name = 'Шевчук'") == 2


def test_removing_the_mentor_role_of_an_active_mentor_is_refused(client, db):
    mentor = _ids(db)["Черных"]
    response = client.post(f"/people/{mentor}", data={"last_name": "Черных", "first_name": "Ольга",
                                                      "middle_name": "Ильинична", "gender": "", "position": "учитель",
                                                      "roles": []})
    page = _page(response)
    assert "Роль «наставник» нельзя снять: Черных Ольга Ильинична — наставник в действующей паре" in page
    assert [p for p in list_people(db, org_id(db), "mentor") if p["id"] == mentor]
    assert db["people"].get(mentor)["position"] == "учитель начальных классов"


def test_add_pair_with_new_form_and_bad_dates(client, db):
    mentors, mentees = _ids(db, "mentor"), _ids(db, "mentee")
    bad = client.post("/pairs/new", data={"mentor_id": mentors["Черных"], "mentee_ids": [mentees["Ильин"]],
                                          "form_id": 0, "new_form": "", "start_date": "01.05.2024",
                                          "end_date": "01.01.2024", "status": "active"})
    page = _page(bad)
    assert "Окончание раньше начала" in page
    assert "Выберите форму наставничества или впишите новую." in page
    assert 'value="01.05.2024"' in page
    page = _page(client.post("/pairs/new", data={"mentor_id": mentors["Черных"], "mentee_ids": [mentees["Ильин"]],
                                                 "form_id": 1, "start_date": "2024-13-01", "end_date": "01.01.1999",
                                                 "status": "active"}))
    assert "«2024-13-01» — не дата: введите в виде ДД.ММ.ГГГГ, например 15.01.2025." in page
    assert "Укажите дату между 01.01.2000 и 31.12.2100." in page
    busy = client.post("/pairs/new", data={"mentor_id": mentors["Черных"], "mentee_ids": [mentees["Ильин"]],
                                           "form_id": 1, "start_date": "01.09.2025", "end_date": "31.05.2026",
                                           "status": "active"})
    assert "Ильин Артём Олегович уже в действующей паре (группе), наставник — Шевченко Андрей Викторович" in _page(busy)
    client.post("/pairs/close-expired")  # Гончаренко's pair is past its term: completed, he may join a new one
    good = client.post("/pairs/new", data={"mentor_id": mentors["Черных"], "mentee_ids": [mentees["Гончаренко"]],
                                           "form_id": 0, "new_form": "наставничество «на рабочем месте»",
                                           "start_date": "01.09.2025", "end_date": "31.05.2026",
                                           "status": "completed"}, follow_redirects=True)
    page = _page(good)
    assert "Пара (группа) сохранена." in page
    assert "наставничество «на рабочем месте»" in page


def test_pair_of_a_mentor_without_the_role_says_what_to_fix(client, db):
    pair = next(p for p in list_pairs(db, org_id(db)) if p["mentor"]["last_name"] == "Черных")
    db["person_roles"].delete_where("person_id = ?", [pair["mentor_id"]])
    page = _page(client.get(f"/pairs/{pair['id']}"))
    assert "нет роли «наставник»" in page
    assert f'<option selected value="{pair["mentor_id"]}">' in page


def test_pairs_filters_and_closing_expired_pairs(client, db):
    page = _page(client.get("/pairs/?status=expired"))
    assert "Лебедев Сергей Николаевич" in page and "Черных Ольга Ильинична" not in page and "срок истёк" in page
    assert "Завершить пары с истёкшим сроком (1)" in page
    confirm = _page(client.get("/pairs/close-expired"))
    assert "Отметить завершёнными все действующие пары и группы с истёкшим сроком (1)" in confirm
    assert list_pairs(db, org_id(db), "expired")
    done = _page(client.post("/pairs/close-expired", follow_redirects=True))
    assert "Завершено пар и групп: 1." in done
    assert list_pairs(db, org_id(db), "expired") == []
    assert "Таких пар нет" in _page(client.get("/pairs/?status=draft"))
    assert "Таких пар нет" not in _page(client.get("/pairs/?status=active&year=abc"))


def test_archive_and_delete_ask_first(client, db):
    person = _ids(db)["Бабинцева"]
    confirm = _page(client.get(f"/people/{person}/delete"))
    assert "Удалить участника Бабинцева Татьяна Викторовна навсегда?" in confirm and "Отмена" in confirm
    assert db["people"].count_where("id = ?", [person]) == 1
    done = _page(client.post(f"/people/{person}/archive", follow_redirects=True))
    assert "Участник Бабинцева Татьяна Викторовна перенесён в архив." in done
    assert "Бабинцева" not in _page(client.get("/people/"))
    assert "Бабинцева" in _page(client.get("/people/?archived=1"))
    client.post(f"/people/{person}/delete")
    assert db["people"].count_where("id = ?", [person]) == 0
    refused = _page(client.post(f"/people/{_ids(db)['Шевчук']}/delete"))
    assert "состоит в наставнических парах" in refused


def test_people_search(client):
    page = _page(client.get("/people/?q=шевч&role=mentee"))
    assert "Шевчук Анна Сергеевна" in page and "Шевченко" not in page
    assert "Никого не нашлось" in _page(client.get("/people/?q=Пушкин"))


def _order_form(client, template="pairs-order", **query):
    return _page(client.get(f"/documents/{template}", query_string=query))


def test_preview_registration_versions_and_journal(client, db):
    pair_ids = [p["id"] for p in list_pairs(db, org_id(db), "active") if not p["expired"]]
    curator = _ids(db, "curator")["Абашева"]
    form = _order_form(client)
    assert re.search(r'name="number"[^>]*value=""', form) or 'value=""' in form
    assert "присвоится следующий номер (1 на сейчас)" in form
    expired = next(p for p in list_pairs(db, org_id(db)) if p["expired"])
    boxes = re.findall(r'<input[^>]*name="pair_ids"[^>]*>', form)
    assert len(boxes) == 4 and all(("checked" in box) != (f'value="{expired["id"]}"' in box) for box in boxes)
    assert "срок истёк" in form

    preview = _page(client.post("/documents/pairs-order", data={"date": "11.01.2024", "curator_id": curator,
                                                                "pair_ids": pair_ids, "preview": "1"}))
    for phrase in ("МБОУ Палагайской СОШ", "учителя-логопеда Шевчук Анну Сергеевну",
                   "учителем начальных классов Черных Ольгой Ильиничной",
                   "педагога-психолога Зайцева Дмитрия Игоревича и учителя английского языка Мамедову Лейлу Рашид кызы",
                   "заместителя директора по учебно-воспитательной работе Абашеву Елену Алексеевну"):
        assert phrase in preview
    assert list_orders(db, org_id(db)) == []

    response = client.post("/documents/pairs-order", data={"date": "11.01.2024", "curator_id": curator,
                                                           "pair_ids": pair_ids, "download": "1"})
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = flat(docx_text(response.data))
    assert "11.01.2024\t№ 1" in text
    [order] = list_orders(db, org_id(db))
    assert (order["number"], order["date"], order["kind"], order["version"]) == ("1", "2024-01-11", "pairs-order", 1)
    assert order["file_name"] == "Приказ_1_от_11.01.2024.docx"
    assert db["order_pairs"].count == len(pair_ids)
    assert client.get(f"/documents/orders/{order['id']}/file").data == response.data

    taken = _page(client.post("/documents/pairs-order", data={"number": "1", "date": "20.05.2024",
                                                              "curator_id": curator, "pair_ids": pair_ids,
                                                              "download": "1"}))
    assert "Номер 1 за 2024 год уже занят приказом „О закреплении наставнических пар (групп)“ от 11.01.2024." in taken
    assert len(list_orders(db, org_id(db))) == 1

    second = client.post("/documents/curator-order", data={"number": "42-ОД", "date": "01.02.2024",
                                                           "curator_id": curator, "download": "1"})
    assert "01.02.2024\t№ 42-ОД" in flat(docx_text(second.data))
    third = client.post("/documents/curator-order", data={"date": "02.02.2024", "curator_id": curator,
                                                          "download": "1"})
    assert "02.02.2024\t№ 2" in flat(docx_text(third.data))  # «42-ОД» is not in the format «{n}»

    # A new version of order № 1 after a correction: same number and date, earlier file kept.
    card = _page(client.get(f"/documents/orders/{order['id']}"))
    assert "Сформировать заново" in card
    again_form = _order_form(client, order=order["id"])
    assert "новая версия приказа № 1" in again_form and "readonly" in again_form
    db["people"].update(curator, {"position": "заместитель директора по УВР"})
    again = client.post(f"/documents/pairs-order?order={order['id']}",
                        data={"number": "999", "date": "01.01.2025", "curator_id": curator, "pair_ids": pair_ids,
                              "download": "1"})
    text = flat(docx_text(again.data))
    assert "11.01.2024\t№ 1" in text and "заместителя директора по УВР Абашеву" in text
    journal = {o["number"]: o for o in list_orders(db, org_id(db))}
    assert set(journal) == {"1", "42-ОД", "2"} and journal["1"]["version"] == 2
    assert client.get(f"/documents/orders/{order['id']}/versions/1").data == response.data
    card = _page(client.get(f"/documents/orders/{order['id']}"))
    assert "(последняя)" in card and card.count("Приказ_1_от_11.01.2024.docx") == 2
    person_page = _page(client.get(f"/people/{curator}"))
    assert "Приказы, в которых назван" in person_page and "О закреплении наставнических пар (групп)" in person_page


def test_document_form_bad_input(client, db):
    curator = _ids(db, "curator")["Абашева"]
    page = _page(client.post("/documents/pairs-order", data={"number": "", "date": "вчера", "curator_id": curator,
                                                             "download": "1"}))
    assert "«вчера» — не дата: введите в виде ДД.ММ.ГГГГ" in page
    page = _page(client.post("/documents/pairs-order", data={"number": "5", "date": "11.01.2024",
                                                             "curator_id": curator, "download": "1"}))
    assert "Отметьте хотя бы одну наставническую пару (группу)." in page
    page = _page(client.post("/documents/pairs-order", data={"number": "1" * 4301, "date": "11.01.2024",
                                                             "curator_id": curator, "download": "1"}))
    assert "Номер приказа — не больше 20 знаков: цифры, буквы, «-», «/» и «.»" in page
    db["people"].update(curator, {"position": ""})
    page = _page(client.post("/documents/curator-order", data={"number": "5", "date": "11.01.2024",
                                                               "curator_id": curator, "download": "1"}))
    assert "не заполнено: должность (куратор Абашева Елена Алексеевна)" in page
    assert list_orders(db, org_id(db)) == []
    assert client.get("/documents/curator-order").status_code == 200


def test_csrf_failure_keeps_the_input_and_asks_to_press_again(app):
    protected = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "test"})
    client = protected.test_client()
    login(client, "secretary")
    response = client.post("/people/new", data={"last_name": "Иванов", "first_name": "Иван", "position": "учитель"})
    page = _page(response)
    assert response.status_code == 200
    assert "введённое сохранено — нажмите кнопку ещё раз" in page and 'value="Иванов"' in page
    assert "CSRF" not in page
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/people/new", data={"csrf_token": token, "last_name": "Иванов", "first_name": "Иван",
                                                "position": "учитель"})
    assert response.status_code == 302
    api = client.post("/api/documents/curator-order", json={})  # the session is no key to the API
    assert api.status_code == 401 and "API-токен" in api.json["errors"][0]["message"]


def test_every_form_post_needs_the_token(app, db):
    """Each rule that takes POST refuses a post without the form token, changes nothing and answers
    in Russian: a new route without the check fails here."""
    protected = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "test"})
    client = protected.test_client()
    login(client, "secretary")
    ids = _ids(db)
    pair = list_pairs(db, org_id(db))[0]
    values = {"person_id": ids["Шевчук"], "pair_id": pair["id"], "form_id": pair["form_id"],
              "template_id": "pairs-order"}
    snapshot = {t: list(db[t].rows) for t in db.table_names()}
    checked = 0
    for rule in protected.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/") or rule.endpoint in ("accounts.login",
                                                                                             "accounts.setup"):
            continue
        url = rule.rule
        for name, value in values.items():
            url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url)
        query = {"kind": "position", "text": "x", "case_tag": "gent"} if "corrections/delete" in url else {}
        response = client.post(url, query_string=query, data={"last_name": "Взломов", "first_name": "Иван",
                                                              "position": "x", "full_name": "X", "locality": "Y"})
        assert response.status_code in (200, 302, 403, 404), url
        checked += 1
    assert checked >= 12
    assert {t: list(db[t].rows) for t in db.table_names()} == snapshot


def test_busy_registry_keeps_the_input(app, client, db):
    app.config["REGISTRY_BUSY_TIMEOUT"] = 0.2
    holder = connect(app.config["DATABASE"])
    holder.conn.execute("BEGIN IMMEDIATE")
    try:
        response = client.post("/people/new", data={"last_name": "Занятов", "first_name": "Иван",
                                                               "position": "учитель"})
    finally:
        holder.conn.rollback()
        holder.close()
    page = _page(response)
    assert "Реестр занят, повторите через несколько секунд" in page and 'value="Занятов"' in page
    assert db["people"].count_where("last_name = 'Занятов'") == 0


def test_corrections_stick_in_later_documents(client, db):
    mentor = _ids(db, "mentor")["Лебедев"]
    page = _page(client.get(f"/people/{mentor}"))
    assert 'name="position_ablt" value="старшим воспитателем"' in page
    response = client.post(f"/people/{mentor}/forms", data={
        "name_ablt": "Лебедевым  Сергеем Николаевичем", "name_datv": "Лебедеву Серёже Николаевичу",
        "position_ablt": "старшим воспитателем ДОУ", "position_gent": "старшего воспитателя"},
        follow_redirects=True)
    page = _page(response)
    assert "Формы сохранены" in page
    assert "исправлено; было «Лебедеву Сергею Николаевичу»" in page
    assert "исправлено; было «старшим воспитателем»" in page
    assert {(r["field"], r["case_tag"]) for r in db["person_forms"].rows} == {("name", "datv"), ("position", "ablt")}

    response = client.post("/corrections/", data={"kind": "organization", "text": "МБОУ Палагайская СОШ",
                                                   "case_tag": "loct", "form": "МБОУ «Палагайская СОШ»"},
                           follow_redirects=True)
    assert "Исключение сохранено." in _page(response)
    curator = _ids(db, "curator")["Абашева"]
    pair_ids = [row["id"] for row in db["pairs"].rows_where("organization_id = ?", [org_id(db)])
                if row["status"] in ("draft", "active")]
    response = client.post("/documents/pairs-order", data={"number": "7", "date": "01.02.2024",
                                                           "curator_id": curator, "pair_ids": pair_ids,
                                                           "download": "1"})
    text = flat(docx_text(response.data))
    assert "за наставником — старшим воспитателем ДОУ Лебедевым Сергеем Николаевичем;" in text
    assert "Наставникам Черных О.И., Шевченко А.В., Кузнецовой М.П. и Лебедеву С.Н. совместно" in text
    assert "адаптации в МБОУ «Палагайская СОШ»" in text

    key = {"kind": "organization", "text": "МБОУ Палагайская СОШ", "case_tag": "loct"}
    confirm = _page(client.get("/corrections/delete", query_string=key))
    assert "Удалить исключение: организация «МБОУ Палагайская СОШ»" in confirm
    assert db["phrase_forms"].count == 1
    client.post("/corrections/delete", query_string=key)
    assert db["phrase_forms"].count == 0
    bad = client.post("/corrections/", data={"kind": "position", "text": " ", "case_tag": "gent", "form": ""})
    assert _page(bad).count("Заполните это поле.") == 2


def test_empty_registry_asks_for_the_administrator_then_an_organisation(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "empty.sqlite"), "SECRET_KEY": "test",
                      "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    assert client.get("/people/").headers["Location"].startswith("/login")
    assert client.get("/login").headers["Location"].endswith("/setup")
    page = _page(client.get("/setup"))
    assert "Первый запуск: администратор" in page and "паролей «по умолчанию» нет" in page
    short = client.post("/setup", data={"login": "admin", "password": "123", "password_again": "123"})
    assert "Пароль — не короче 8 знаков." in _page(short)
    remote = client.get("/setup", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert remote.status_code == 403 and "127.0.0.1" in _page(remote)
    done = client.post("/setup", data={"login": "admin", "password": "длинный пароль",
                                       "password_again": "длинный пароль"}, follow_redirects=True)
    assert "Администратор создан." in _page(done) and "Организации сервиса" in _page(done)
    assert client.get("/setup").status_code == 404  # once only
    for url in ("/people/new", "/pairs/", "/documents/pairs-order"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    created = client.post("/admin/organizations", data={"full_name": "МБДОУ «Детский сад № 4»",
                                                        "locality": "г. Ставрополь"}, follow_redirects=True)
    assert "Организация добавлена." in _page(created)


def test_secret_key_is_kept_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("NASTAVNIK_SECRET_KEY", raising=False)
    first = create_app({"DATABASE": str(tmp_path / "r.sqlite")})
    second = create_app({"DATABASE": str(tmp_path / "r.sqlite")})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    key_file = f"{first.instance_path}/secret_key"
    import os
    import stat

    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_dates_show_as_russian_text(client, db):
    pair = list_pairs(db, org_id(db))[0]
    page = _page(client.get(f"/pairs/{pair['id']}"))
    start = dt.date.fromisoformat(pair["start_date"]).strftime("%d.%m.%Y")
    assert f'value="{start}"' in page and 'placeholder="ДД.ММ.ГГГГ"' in page and 'type="date"' not in page


def test_order_form_options_and_the_organisations_acts(client, db):
    organization = client.get("/organization/").get_data(as_text=True)
    assert "Региональный акт о наставничестве" in organization
    values = {"full_name": "Муниципальное бюджетное общеобразовательное учреждение «Палагайская средняя "
                           "общеобразовательная школа»", "short_name": "МБОУ Палагайская СОШ", "locality": "д. Палагай",
              "head_person_id": _ids(db)["Ведерников"], "head_position": "директор", "order_number_format": "{n}",
              "regional_act": "приказ министерства образования Кировской области от 16.11.2022 № 5-155",
              "regulation_number": "150"}
    half = _page(client.post("/organization/", data=values))
    assert "Укажите и номер, и дату приказа, утвердившего Положение" in half
    saved = client.post("/organization/", data={**values, "regulation_date": "01.09.2025"}, follow_redirects=True)
    assert "Сведения об организации сохранены." in _page(saved)
    pair_ids = [p["id"] for p in list_pairs(db, org_id(db), "active") if not p["expired"]]
    curator = _ids(db, "curator")["Абашева"]
    form = {"date": "01.10.2025", "curator_id": curator, "pair_ids": pair_ids, "download": "1"}
    by_law = flat(docx_text(client.post("/documents/pairs-order", data=form).data))
    assert "приказом министерства образования Кировской области от 16.11.2022" in by_law
    assert "утверждённым приказом от 01.09.2025 № 150" in by_law
    assert "дополнительн" in by_law  # the addendum item, required from 01.03.2025
    without = flat(docx_text(client.post("/documents/pairs-order", data={**form, "addendum_item": "off"}).data))
    assert "дополнительн" not in without
    early = _page(client.post("/documents/curator-order", data={"date": "01.10.2025", "curator_id": curator,
                                                                "effective_date": "01.09.2025", "preview": "1"}))
    assert "Куратор не может приступить раньше даты приказа." in early
    later = client.post("/documents/curator-order", data={"date": "01.10.2025", "curator_id": curator,
                                                          "effective_date": "06.10.2025", "download": "1"})
    assert "с 6 октября 2025 г." in flat(docx_text(later.data))


def test_the_secretary_chooses_how_a_disputed_surname_declines(client, db):
    client.post("/people/new", data={"last_name": "Заяц", "first_name": "Пётр", "middle_name": "Ильич",
                                     "gender": "", "qualification_category": "", "position": "учитель",
                                     "roles": ["mentor"]})
    person = _ids(db)["Заяц"]
    page = _page(client.get(f"/people/{person}"))
    assert "Фамилию «Заяц» справочники склоняют по-разному" in page
    assert "Заяца Петра Ильича" in page and "Зайца Петра Ильича" in page
    done = _page(client.post(f"/people/{person}/surname", data={"variant": "1"}, follow_redirects=True))
    assert "Склонение фамилии сохранено: «Зайца Петра Ильича»" in done
    assert "справочники склоняют по-разному" not in done
    assert 'value="Зайцу Петру Ильичу"' in done
    assert _page(client.get("/people/" + str(_ids(db)["Шевчук"]))).count("склоняют по-разному") == 0
