"""The web UI on a real registry file: pages, forms, preview, download, journal."""

import re

from registry.orders import list_orders
from registry.people import list_people
from service.app import create_app
from tests.conftest import docx_text, flat


def _ids(db, role):
    return {p["last_name"]: p["id"] for p in list_people(db, role)}


def test_pages_render_in_russian(client):
    for url, phrase in [("/", "Журнал приказов"), ("/people/", "Шевчук Анна Сергеевна"),
                        ("/pairs/", "Кузнецова Марина Петровна"), ("/organization/", "МБОУ Палагайская СОШ"),
                        ("/documents/pairs-order", "Предпросмотр")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert phrase in response.get_data(as_text=True)
    missing = client.get("/documents/no-such")
    assert missing.status_code == 404 and "Страница не найдена" in missing.get_data(as_text=True)


def test_person_page_shows_six_cases(client, db):
    page = client.get(f"/people/{_ids(db, 'mentee')['Шевчук']}").get_data(as_text=True)
    for form in ('value="Шевчук Анной Сергеевной"', 'value="учителем-логопедом"', 'value="учителю-логопеду"'):
        assert form in page


def test_add_person_and_bad_input(client, db):
    response = client.post("/people/new", data={"last_name": "Шевчук", "first_name": "Саша", "position": "методист",
                                                "experience_years": "много", "email": "не-почта", "roles": ["mentor"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Неверное десятичное число." in page
    assert "Проверьте адрес эл. почты." in page
    assert "Шевчук Саша" not in [p["full_name"] for p in list_people(db)]

    response = client.post("/people/new", data={"last_name": "Шевчук", "first_name": "Саша", "position": "методист",
                                                "roles": ["mentor"]})
    assert "По ФИО пол не определяется" in response.get_data(as_text=True)

    response = client.post("/people/new", data={"last_name": "Шевчук", "first_name": "Саша", "gender": "f",
                                                "position": "методист", "experience_years": "4,5",
                                                "roles": ["mentor"]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Сохранено: Шевчук Саша." in page
    assert "Шевчук Сашей" in page
    assert any(p["full_name"] == "Шевчук Саша" and p["roles"] == ["mentor"] for p in list_people(db, "mentor"))


def test_add_pair_with_new_form_and_bad_dates(client, db):
    mentors, mentees = _ids(db, "mentor"), _ids(db, "mentee")
    bad = client.post("/pairs/new", data={"mentor_id": mentors["Черных"], "mentee_ids": [mentees["Ильин"]],
                                          "form_id": 0, "new_form": "", "start_date": "2024-05-01",
                                          "end_date": "2024-01-01", "status": "active"})
    page = bad.get_data(as_text=True)
    assert "Окончание раньше начала" in page
    assert "Выберите форму наставничества или впишите новую." in page
    good = client.post("/pairs/new", data={"mentor_id": mentors["Черных"], "mentee_ids": [mentees["Ильин"]],
                                           "form_id": 0, "new_form": "наставничество «на рабочем месте»",
                                           "start_date": "2024-09-01", "end_date": "2025-05-31",
                                           "status": "active"}, follow_redirects=True)
    page = good.get_data(as_text=True)
    assert "Пара (группа) сохранена." in page
    assert "наставничество «на рабочем месте»" in page


def test_preview_download_and_journal(client, db):
    pair_ids = [row["id"] for row in db["pairs"].rows]
    curator = _ids(db, "curator")["Абашева"]
    form = client.get("/documents/pairs-order").get_data(as_text=True)
    assert re.search(r'name="number"[^>]*value="1"', form)

    preview = client.post("/documents/pairs-order", data={"number": "42-ОД", "date": "2024-01-11",
                                                          "curator_id": curator, "pair_ids": pair_ids,
                                                          "preview": "1"}).get_data(as_text=True)
    for phrase in ("МБОУ Палагайской СОШ", "учителя-логопеда Шевчук Анну Сергеевну",
                   "учителем начальных классов Черных Ольгой Ильиничной",
                   "педагога-психолога Зайцева Дмитрия Игоревича и учителя английского языка Мамедову Лейлу Рашид кызы",
                   "заместителя директора по учебно-воспитательной работе Абашеву Елену Алексеевну"):
        assert phrase in preview
    assert list_orders(db) == []

    response = client.post("/documents/pairs-order", data={"number": "42-ОД", "date": "2024-01-11",
                                                           "curator_id": curator, "pair_ids": pair_ids,
                                                           "download": "1"})
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    text = flat(docx_text(response.data))
    assert "11.01.2024\t№ 42-ОД" in text
    assert "за наставником — старшим воспитателем Лебедевым Сергеем Николаевичем" in text

    [order] = list_orders(db)
    assert (order["number"], order["date"], order["kind"]) == ("42-ОД", "2024-01-11", "pairs-order")
    assert order["file_name"] == "Приказ_42-ОД_от_11.01.2024.docx"
    assert db["order_pairs"].count == len(pair_ids)
    assert db["order_people"].count == 10
    again = client.get(f"/documents/orders/{order['id']}")
    assert again.data == response.data
    assert "Приказ_42-ОД_от_11.01.2024.docx" in client.get("/").get_data(as_text=True)
    next_form = client.get("/documents/curator-order").get_data(as_text=True)
    assert re.search(r'name="number"[^>]*value="1"', next_form)  # 42-ОД was in 2024, today is later


def test_document_form_bad_input(client, db):
    curator = _ids(db, "curator")["Абашева"]
    page = client.post("/documents/pairs-order", data={"number": "", "date": "вчера", "curator_id": curator,
                                                       "download": "1"}).get_data(as_text=True)
    assert "Заполните это поле." in page
    assert "Неверное значение даты." in page
    page = client.post("/documents/pairs-order", data={"number": "5", "date": "2024-01-11", "curator_id": curator,
                                                       "download": "1"}).get_data(as_text=True)
    assert "Отметьте хотя бы одну наставническую пару (группу)." in page
    db["people"].update(curator, {"position": ""})
    page = client.post("/documents/curator-order", data={"number": "5", "date": "2024-01-11", "curator_id": curator,
                                                         "download": "1"}).get_data(as_text=True)
    assert "не заполнено: должность (куратор Абашева Елена Алексеевна)" in page
    assert list_orders(db) == []


def test_forms_require_csrf_token(app):
    protected = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "test"})
    client = protected.test_client()
    response = client.post("/people/new", data={"last_name": "Иванов", "first_name": "Иван", "position": "учитель"})
    assert response.status_code == 400
    page = client.get("/people/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/people/new", data={"csrf_token": token, "last_name": "Иванов", "first_name": "Иван",
                                                "position": "учитель"})
    assert response.status_code == 302
    api = client.post("/api/documents/curator-order", json={})
    assert api.status_code == 400 and api.json["errors"]


def test_corrections_stick_in_later_documents(client, db):
    mentor = _ids(db, "mentor")["Лебедев"]
    page = client.get(f"/people/{mentor}").get_data(as_text=True)
    assert 'name="position_ablt" value="старшим воспитателем"' in page
    response = client.post(f"/people/{mentor}/forms", data={
        "name_ablt": "Лебедевым  Сергеем Николаевичем", "name_datv": "Лебедеву Серёже Николаевичу",
        "position_ablt": "старшим воспитателем ДОУ", "position_gent": "старшего воспитателя"},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Формы сохранены" in page
    assert "исправлено; было «Лебедеву Сергею Николаевичу»" in page
    assert "исправлено; было «старшим воспитателем»" in page
    assert {(r["field"], r["case_tag"]) for r in db["person_forms"].rows} == {("name", "datv"), ("position", "ablt")}

    response = client.post("/corrections/", data={"kind": "organization", "text": "МБОУ Палагайская СОШ",
                                                   "case_tag": "loct", "form": "МБОУ «Палагайская СОШ»"},
                           follow_redirects=True)
    assert "Исключение сохранено." in response.get_data(as_text=True)
    curator = _ids(db, "curator")["Абашева"]
    pair_ids = [row["id"] for row in db["pairs"].rows]
    response = client.post("/documents/pairs-order", data={"number": "7", "date": "2024-02-01",
                                                           "curator_id": curator, "pair_ids": pair_ids,
                                                           "download": "1"})
    text = flat(docx_text(response.data))
    assert "за наставником — старшим воспитателем ДОУ Лебедевым Сергеем Николаевичем;" in text
    assert "Наставникам Черных О.И., Шевченко А.В., Кузнецовой М.П. и Лебедеву С.Н. совместно" in text
    assert "адаптации в МБОУ «Палагайская СОШ»" in text

    client.post("/corrections/delete", data={"kind": "organization", "text": "МБОУ Палагайская СОШ",
                                              "case_tag": "loct"})
    assert db["phrase_forms"].count == 0
    bad = client.post("/corrections/", data={"kind": "position", "text": " ", "case_tag": "gent", "form": ""})
    assert bad.get_data(as_text=True).count("Заполните это поле.") == 2


def test_empty_registry_sends_the_secretary_to_the_organisation_profile(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "empty.sqlite"), "SECRET_KEY": "test",
                      "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    for url in ("/people/new", "/pairs/new", "/documents/pairs-order"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/organization/")
    assert "Сначала заполните сведения об организации." in client.get("/organization/").get_data(as_text=True)
