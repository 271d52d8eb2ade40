"""The pages of the mentoring cycle through the Flask test client: the banks, a person's consents, the
lifecycle of a pair, the programmes and the organisation's academic year. Each form keeps what was
typed when it is refused, shows the message next to its field, and writes nothing then."""

import datetime as dt
import html
import re

import pytest

from registry.banks import entry_for, list_bank
from registry.consents import list_consents
from registry.orders import add_version, register_order
from registry.organization import get_organization
from registry.pairs import academic_year, get_pair, list_pairs
from registry.people import list_people, save_person
from registry.programmes import get_programme
from service.app import create_app
from tests.conftest import login, org_id
from tests.test_attack import field_errors, visible_english

TODAY = dt.date.today()
AUTUMN = academic_year(TODAY)


def _page(response) -> str:
    return response.get_data(as_text=True)


def _ids(db, role=None) -> dict[str, int]:
    return {p["last_name"]: p["id"] for p in list_people(db, org_id(db), role)}


def _ru(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _tables(db) -> dict:
    return {t: list(db[t].rows) for t in ("bank_entries", "consents", "pairs", "pair_mentees", "programmes",
                                          "programme_items", "mentoring_forms")}


def _new_person(db, last_name: str, roles=("mentee",)) -> int:
    return save_person(db, org_id(db), {"last_name": last_name, "first_name": "Пётр", "position": "учитель"},
                       list(roles))


def _check_page(page: str) -> None:
    """Russian, every post form ``novalidate`` with «Отмена» (but the filters and the header's)."""
    assert visible_english(page) == []
    for form in re.findall(r'<form method="post"(?![^>]*action="/(?:logout|organization/choose))[^>]*>.*?</form>',
                           page, re.S):
        assert "novalidate" in form.split(">", 1)[0]
        assert "Отмена" in form or "Сохранить формы" in form or "variant" in form, form[:200]


# --- the banks ----------------------------------------------------------------------------------------------


def test_bank_pages_list_and_enter(client, db):
    page = _page(client.get("/banks/mentees/"))
    assert "Банк наставляемых" in page and "Шевчук Анна Сергеевна" in page and "логопедической коррекции" in page
    assert "Профессиональные запросы (дефициты)" in page and "собеседование" in page and "есть, от" in page
    _check_page(page)
    mentors = _page(client.get("/banks/mentors/"))
    assert "Банк наставников" in mentors and "Компетенции и опыт" in mentors and "Кузнецова Марина Петровна" in mentors
    person = _new_person(db, "Банкин")
    form = _page(client.get(f"/banks/mentees/new?person_id={person}"))
    assert f'<option selected value="{person}">' in form and "Шевчук Анна Сергеевна" not in form  # in the bank
    assert f'value="{_ru(TODAY)}"' in form
    _check_page(form)
    before = _tables(db)
    refused = _page(client.post("/banks/mentees/new", data={"person_id": person, "requests": "  ",
                                                            "entered_on": "32.01.2025", "source": "interview"}))
    assert field_errors(refused, "requests") == ["Заполните это поле."]
    assert field_errors(refused, "entered_on") == ["«32.01.2025» — не дата: введите в виде ДД.ММ.ГГГГ, например "
                                                   "15.01.2025."]
    assert 'value="32.01.2025"' in refused and f'<option selected value="{person}">' in refused
    tomorrow = _ru(TODAY + dt.timedelta(days=1))
    refused = _page(client.post("/banks/mentees/new", data={"person_id": person, "requests": "Дисциплина",
                                                            "entered_on": tomorrow, "source": "interview"}))
    assert field_errors(refused, "entered_on") == [f"Дата включения в банк: {tomorrow} — этот день ещё не наступил."]
    assert "Дисциплина</textarea>" in refused
    assert _tables(db) == before
    done = client.post("/banks/mentees/new", data={"person_id": person, "requests": "Дисциплина\r\nЖурнал",
                                                   "entered_on": _ru(TODAY), "source": "interview"},
                       follow_redirects=True)
    assert "Сохранено: Банкин Пётр — в банке наставляемых." in _page(done)
    assert entry_for(db, person, "mentee")["requests"] == "Дисциплина\nЖурнал"
    again = _page(client.post("/banks/mentees/new", data={"person_id": person, "requests": "x",
                                                          "entered_on": _ru(TODAY), "source": "interview"}))
    assert field_errors(again, "person_id") == ["Выбранного варианта больше нет в списке: обновите страницу и "
                                                "выберите заново."]


def test_bank_entry_is_changed_left_and_removed(client, db):
    ids = _ids(db)
    person = ids["Ильин"]
    edit = _page(client.get(f"/banks/mentees/{person}"))
    assert "Ильин Артём Олегович" in edit and "Рабочая программа по информатике" in edit
    assert 'name="person_id"' not in edit and "Исключить из банка" in edit
    _check_page(edit)
    assert client.get(f"/banks/mentors/{person}").status_code == 404  # not in the mentor bank
    client.post(f"/banks/mentees/{person}", data={"requests": "Электронный журнал", "entered_on": "01.09.2025",
                                                  "source": "questionnaire"})
    entry = entry_for(db, person, "mentee")
    assert (entry["requests"], entry["entered_on"], entry["source"]) == ("Электронный журнал", "2025-09-01",
                                                                         "questionnaire")
    leave = _page(client.get(f"/banks/mentees/{person}/leave"))
    assert "Исключить из банка наставляемых" in leave and "с 01.09.2025" in leave
    _check_page(leave)
    refused = _page(client.post(f"/banks/mentees/{person}/leave", data={"left_on": "31.08.2025"}))
    assert field_errors(refused, "left_on") == ["Дата выхода из банка: 31.08.2025 — раньше даты включения "
                                                "(01.09.2025)."]
    assert 'value="31.08.2025"' in refused
    done = _page(client.post(f"/banks/mentees/{person}/leave", data={"left_on": _ru(TODAY)}, follow_redirects=True))
    assert f"Ильин Артём Олегович исключается из банка наставляемых с {_ru(TODAY)}" in done
    assert "Ильин Артём Олегович" not in done.split("<table", 1)[1]
    everyone = _page(client.get("/banks/mentees/?left=1"))
    assert f"выбыл(а) {_ru(TODAY)}" in everyone
    assert client.get(f"/banks/mentees/{person}").status_code == 404
    # An entry made by mistake is removed after a confirmation.
    zaitsev = ids["Зайцев"]
    confirm = _page(client.get(f"/banks/mentees/{zaitsev}/delete"))
    assert "Удалить запись о том, что Зайцев Дмитрий Игоревич включён(а) в банк наставляемых" in confirm
    _check_page(confirm)
    assert entry_for(db, zaitsev, "mentee") is not None
    client.post(f"/banks/mentees/{zaitsev}/delete")
    assert entry_for(db, zaitsev, "mentee") is None


def test_roles_on_the_cycle_pages(app, db):
    ids = _ids(db)
    pair = next(p for p in list_pairs(db, org_id(db), "active") if p["programme_id"])
    item = get_programme(db, pair["id"], org_id(db))["items"][0]
    head, curator = app.test_client(), app.test_client()
    login(head, "head")
    login(curator, "curator")
    for url in ("/banks/mentors/", "/banks/mentees/", f"/banks/mentees/{ids['Шевчук']}", "/programmes/",
                f"/programmes/{pair['id']}", f"/pairs/{pair['id']}", f"/people/{ids['Шевчук']}"):
        page = _page(head.get(url))
        assert "Доступ запрещён" not in page, url
        for link in ("Включить в банк", "Изменить программу", "Добавить согласие", "Завершить", "отметить"):
            assert f">{link}<" not in page, (url, link)
    for url in ("/banks/mentees/new", f"/programmes/{pair['id']}/edit", f"/people/{ids['Шевчук']}/consents/new",
                f"/programmes/{pair['id']}/done?item={item['id']}", f"/pairs/{pair['id']}/close"):
        assert head.get(url).status_code == 403, url
        assert curator.get(url).status_code == 200, url
    assert head.post(f"/banks/mentees/{ids['Шевчук']}", data={"requests": "x"}).status_code == 403
    response = curator.post(f"/people/{ids['Бабинцева']}/consents/new", data={"kind": "publication",
                                                                              "given_on": _ru(TODAY)})
    assert response.status_code == 302
    assert [c["kind"] for c in list_consents(db, ids["Бабинцева"])] == ["pd", "publication"]


def test_forms_need_the_token_and_keep_the_input(app, db):
    protected = create_app({"TESTING": True, "DATABASE": app.config["DATABASE"], "SECRET_KEY": "test"})
    client = protected.test_client()
    login(client, "secretary")
    person = _new_person(db, "Токенов")
    before = _tables(db)
    for url, data, kept in [
        ("/banks/mentees/new", {"person_id": person, "requests": "Мой запрос", "entered_on": "01.09.2025",
                                "source": "interview"}, "Мой запрос"),
        (f"/people/{person}/consents/new", {"kind": "pd", "given_on": "02.09.2025", "note": "в деле"},
         'value="02.09.2025"'),
        (f"/pairs/{list_pairs(db, org_id(db), 'active')[0]['id']}/close",
         {"status": "terminated", "closed_on": "01.10.2025", "close_reason": "переезд в другой город"},
         "переезд в другой город"),
    ]:
        response = client.post(url, data={**data, "csrf_token": "garbage"})
        page = _page(response)
        assert response.status_code == 200 and "Страница открыта слишком давно" in page, url
        assert kept in page, url
    assert _tables(db) == before


# --- consents ------------------------------------------------------------------------------------------------


def test_consents_on_the_person_page(client, db):
    ids = _ids(db)
    page = _page(client.get(f"/people/{ids['Мамедова']}"))
    section = page.split('id="consents"', 1)[1].split("<h2>Пары и группы</h2>", 1)[0]
    assert "обработка персональных данных (152-ФЗ ст. 9)" in section
    assert "распространение персональных данных (152-ФЗ ст. 10.1)" in section and "01.06." in section
    assert "участие в наставничестве (ст. 351.8 ТК РФ)" in section and "банк наставляемых" in section
    assert "Нет согласия" not in section
    person = _new_person(db, "Согласиев")
    page = _page(client.get(f"/people/{person}"))
    assert "Согласий не внесено." in page and "Не состоит в банках." in page
    assert "Включить в банк наставников" in page and "Включить в банк наставляемых" in page
    form = _page(client.get(f"/people/{person}/consents/new?kind=mentoring"))
    assert '<option selected value="mentoring">' in form
    _check_page(form)
    tomorrow = _ru(TODAY + dt.timedelta(days=1))
    refused = _page(client.post(f"/people/{person}/consents/new", data={"kind": "pd", "given_on": tomorrow,
                                                                         "note": "в личном деле"}))
    assert field_errors(refused, "given_on") == [f"Дата согласия: {tomorrow} — этот день ещё не наступил."]
    assert 'value="в личном деле"' in refused and list_consents(db, person) == []
    done = client.post(f"/people/{person}/consents/new", data={"kind": "pd", "given_on": "01.09.2025",
                                                                "note": "в личном деле"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/people/{person}#consents")
    [consent] = list_consents(db, person)
    twice = _page(client.post(f"/people/{person}/consents/new", data={"kind": "pd", "given_on": "02.09.2025"}))
    assert field_errors(twice, "kind") == ["У участника Согласиев Пётр уже есть действующее согласие — обработка "
                                           "персональных данных (152-ФЗ ст. 9) — от 01.09.2025. Новое вносят, когда "
                                           "прежнее отозвано."]
    withdraw = _page(client.get(f"/people/{person}/consents/withdraw?consent={consent['id']}"))
    assert "от 01.09.2025" in withdraw and "Отозвать согласие" in withdraw
    _check_page(withdraw)
    refused = _page(client.post(f"/people/{person}/consents/withdraw?consent={consent['id']}",
                                data={"withdrawn_on": "31.08.2025"}))
    assert field_errors(refused, "withdrawn_on") == ["Дата отзыва: 31.08.2025 — раньше, чем согласие дано "
                                                     "(01.09.2025)."]
    client.post(f"/people/{person}/consents/withdraw?consent={consent['id']}", data={"withdrawn_on": "01.10.2025"})
    assert list_consents(db, person)[0]["withdrawn_on"] == "2025-10-01"
    # A consent of another person, or none named, is not found.
    other = list_consents(db, ids["Шевчук"])[0]["id"]
    for url in (f"/people/{person}/consents/withdraw?consent={other}", f"/people/{person}/consents/withdraw",
                f"/people/{person}/consents/delete?consent=abc", f"/people/{person}/consents/delete?consent={2**64}"):
        assert client.get(url).status_code == 404, url
    confirm = _page(client.get(f"/people/{person}/consents/delete?consent={consent['id']}"))
    assert "Удалить запись о согласии" in confirm
    client.post(f"/people/{person}/consents/delete?consent={consent['id']}")
    assert list_consents(db, person) == []


def test_missing_consent_is_warned_on_the_pages_of_a_pair(client, db):
    ids = _ids(db)
    pair = next(p for p in list_pairs(db, org_id(db), "active") if p["mentor_id"] == ids["Черных"])
    assert "Нет согласия" not in _page(client.get(f"/pairs/{pair['id']}"))
    consent = next(c for c in list_consents(db, ids["Шевчук"]) if c["kind"] == "mentoring")
    client.post(f"/people/{ids['Шевчук']}/consents/withdraw?consent={consent['id']}",
                data={"withdrawn_on": _ru(TODAY)})
    warning = (f"Нет согласия — участие в наставничестве (ст. 351.8 ТК РФ) — на {_ru(TODAY)}: Шевчук Анна Сергеевна "
               f"(отозвано {_ru(TODAY)}).")
    assert warning in html.unescape(_page(client.get(f"/pairs/{pair['id']}")))
    assert warning in html.unescape(_page(client.get(f"/people/{ids['Шевчук']}")))


# --- the lifecycle of a pair ------------------------------------------------------------------------------------


def _pair_form(db, mentee: int, **changes) -> dict:
    return {"mentor_id": _ids(db, "mentor")["Черных"], "mentee_ids": [mentee], "form_id": 1, "new_form": "",
            "start_date": _ru(TODAY), "end_date": _ru(TODAY + dt.timedelta(days=200)), **changes}


def test_a_new_pair_is_a_draft_then_fixed_then_ended(client, db):
    mentee = _new_person(db, "Циклов")
    new = _page(client.get("/pairs/new"))
    assert 'name="status"' not in new and "сохраняется черновиком" in new
    saved = _page(client.post("/pairs/new", data=_pair_form(db, mentee, status="active"), follow_redirects=True))
    assert "Пара (группа) сохранена." in saved and "Это черновик" in saved
    [pair] = [p for p in list_pairs(db, org_id(db)) if mentee in [m["id"] for m in p["mentees"]]]
    assert pair["status"] == "draft"
    drafts = _page(client.get("/pairs/?status=draft"))
    assert "Циклов Пётр" in drafts and "не закреплена приказом" in drafts and "Кузнецова" not in drafts
    card = _page(client.get(f"/pairs/{pair['id']}"))
    assert "Состояние:</strong> черновик — пара не закреплена приказом" in card and "Закрепить приказом" in card
    assert "Программа наставничества: не составлена" in card
    # Fixed by an order of the journal (its date taken), or by the date of a paper order.
    order = register_order(db, org_id(db), date=TODAY.isoformat(), kind="pairs-order", heading="О закреплении")
    add_version(db, order["id"], file_name="Приказ.docx", file=b"PK", data={})
    form = _page(client.get(f"/pairs/{pair['id']}/activate"))
    assert f"№ {order['number']} от {_ru(TODAY)} — О закреплении" in form
    _check_page(form)
    refused = _page(client.post(f"/pairs/{pair['id']}/activate", data={"order_id": 0, "date": ""}))
    assert field_errors(refused, "date") == ["Выберите приказ из журнала или укажите дату приказа."]
    client.post(f"/pairs/{pair['id']}/activate", data={"order_id": order["id"], "date": ""})
    fixed = get_pair(db, pair["id"])
    assert (fixed["status"], fixed["opened_order_id"], fixed["opened_on"]) == ("active", order["id"],
                                                                               TODAY.isoformat())
    assert f"Закреплена приказом № {order['number']} от {_ru(TODAY)}." in _page(client.get(f"/pairs/{pair['id']}"))
    assert client.get(f"/pairs/{pair['id']}/activate").status_code == 302  # not a draft any more

    close = _page(client.get(f"/pairs/{pair['id']}/close?status=terminated"))
    assert '<option selected value="terminated">' in close
    _check_page(close)
    refused = _page(client.post(f"/pairs/{pair['id']}/close", data={
        "status": "terminated", "closed_on": _ru(TODAY), "close_initiative": "", "close_reason": "переезд",
        "order_id": 0}))
    assert field_errors(refused, "close_initiative") == ["Укажите, по чьей инициативе прекращено наставничество."]
    assert "переезд</textarea>" in refused and get_pair(db, pair["id"])["status"] == "active"
    refused = _page(client.post(f"/pairs/{pair['id']}/close", data={
        "status": "terminated", "closed_on": _ru(TODAY), "close_initiative": "mutual", "close_reason": "",
        "order_id": 0}))
    assert field_errors(refused, "close_reason") == ["Укажите причину досрочного прекращения."]
    assert '<option selected value="mutual">' in refused
    client.post(f"/pairs/{pair['id']}/close", data={"status": "terminated", "closed_on": _ru(TODAY),
                                                    "close_initiative": "mutual", "close_reason": "переезд",
                                                    "order_id": 0})
    ended = get_pair(db, pair["id"])
    assert (ended["status"], ended["close_reason"], ended["close_initiative"]) == ("terminated", "переезд", "mutual")
    listed = _page(client.get("/pairs/?status=terminated"))
    assert "прекращена досрочно" in listed and f"{_ru(TODAY)}, по взаимному согласию сторон: переезд" in listed
    card = _page(client.get(f"/pairs/{pair['id']}"))
    assert f"Прекращена досрочно {_ru(TODAY)}, по взаимному согласию сторон." in card and "Причина: переезд" in card
    confirm = _page(client.get(f"/pairs/{pair['id']}/reopen"))
    assert "Вернуть её в действующие?" in confirm
    client.post(f"/pairs/{pair['id']}/reopen")
    assert get_pair(db, pair["id"])["status"] == "active"


def test_a_busy_mentee_is_marked_and_refused(client, db):
    ids = _ids(db)
    form = _page(client.get("/pairs/new"))
    assert "учитель-логопед — уже в действующей паре" in form
    draft = _new_person(db, "Занятов")
    client.post("/pairs/new", data=_pair_form(db, draft))
    form = _page(client.get("/pairs/new"))
    assert "Занятов Пётр, учитель — уже в черновике другой пары" in form
    before = _tables(db)
    page = _page(client.post("/pairs/new", data=_pair_form(db, draft, mentor_id=ids["Кузнецова"])))
    assert "Занятов Пётр уже в черновике пары (группы), наставник — Черных Ольга Ильинична" in page
    assert _tables(db) == before


def test_closing_expired_pairs_still_works(client, db):
    expired = list_pairs(db, org_id(db), "expired")
    done = _page(client.post("/pairs/close-expired", follow_redirects=True))
    assert f"Завершено пар и групп: {len(expired)}." in done
    lebedev = next(p for p in list_pairs(db, org_id(db)) if p["mentor"]["last_name"] == "Лебедев")
    assert (lebedev["status"], lebedev["closed_on"]) == ("completed", lebedev["end_date"])


# --- programmes -------------------------------------------------------------------------------------------------


def _programme_form(rows: list[dict], **texts) -> dict:
    data = {"difficulties": "Дисциплина", "goal": "Адаптация", "tasks": "1. Изучить", "expected_results": "Урок",
            "approved_on": "", **texts}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{index}-{key}"] = value
    return data


def test_a_programme_is_written_row_by_row(client, db):
    pair = next(p for p in list_pairs(db, org_id(db), "active") if p["mentor"]["last_name"] == "Кузнецова")
    view = _page(client.get(f"/programmes/{pair['id']}"))
    assert "Программа для этой пары ещё не составлена." in view and "Составить программу" in view
    form = _page(client.get(f"/programmes/{pair['id']}/edit"))
    assert form.count('name="items-') == 5 * 6 and 'aria-label="Строка 5: мероприятие"' in form
    _check_page(form)
    rows = [{"activity": "Встреча", "deadline": "сентябрь", "form": "беседа", "expected_result": "План"},
            {"activity": "Открытый урок", "deadline": "", "form": "урок"},
            {"activity": "Лишнее", "deadline": "май", "remove": "y"}]
    # «Добавить строки»: the form comes back as typed, the row to remove gone, three empty rows more.
    more = _page(client.post(f"/programmes/{pair['id']}/edit", data={**_programme_form(rows), "more": "1"}))
    assert "Открытый урок</textarea>" in more and "Лишнее" not in more
    assert more.count('name="items-') == 5 * 6 and 'name="items-4-activity"' in more
    assert get_programme(db, pair["id"], org_id(db)) is None
    # A row without a deadline: the message next to it, nothing saved, everything typed kept.
    refused = _page(client.post(f"/programmes/{pair['id']}/edit", data=_programme_form(rows)))
    assert field_errors_in_row(refused, "items-1-deadline") == ["Строка 2 плана: укажите срок."]
    assert "Проверьте план мероприятий: ошибки отмечены в строках." in refused
    assert "Открытый урок</textarea>" in refused and "Адаптация</textarea>" in refused
    assert get_programme(db, pair["id"], org_id(db)) is None
    bad_date = _page(client.post(f"/programmes/{pair['id']}/edit", data=_programme_form(
        [{**rows[0], "done_on": "31.13.2025"}])))
    assert field_errors_in_row(bad_date, "items-0-done_on") == ["«31.13.2025» — не дата: введите в виде ДД.ММ.ГГГГ, "
                                                                "например 15.01.2025."]
    no_goal = _page(client.post(f"/programmes/{pair['id']}/edit", data=_programme_form(rows[:1], goal=" ")))
    assert field_errors(no_goal, "goal") == ["Заполните это поле."]
    rows[1]["deadline"] = "01.03.2026"
    saved = client.post(f"/programmes/{pair['id']}/edit", data=_programme_form(rows, approved_on="15.09.2025"))
    assert saved.status_code == 302
    programme = get_programme(db, pair["id"], org_id(db))
    assert [(i["activity"], i["deadline"]) for i in programme["items"]] == [("Встреча", "сентябрь"),
                                                                            ("Открытый урок", "01.03.2026")]
    assert programme["approved_on"] == "2025-09-15"
    view = _page(client.get(f"/programmes/{pair['id']}"))
    assert "Выполнено пунктов плана: 0 из 2." in view and "Утверждена 15.09.2025." in view
    edit = _page(client.get(f"/programmes/{pair['id']}/edit"))
    assert edit.count('name="items-') == 5 * 6 and 'value="01.03.2026"' in edit  # two rows and three empty

    item = programme["items"][1]
    mark = _page(client.get(f"/programmes/{pair['id']}/done?item={item['id']}"))
    assert "«Открытый урок»" in mark and f'value="{_ru(TODAY)}"' in mark and "Снять отметку" not in mark
    _check_page(mark)
    tomorrow = _ru(TODAY + dt.timedelta(days=1))
    refused = _page(client.post(f"/programmes/{pair['id']}/done?item={item['id']}", data={"done_on": tomorrow}))
    assert field_errors(refused, "done_on") == [f"Дата выполнения: {tomorrow} — этот день ещё не наступил."]
    client.post(f"/programmes/{pair['id']}/done?item={item['id']}", data={"done_on": _ru(TODAY)})
    assert get_programme(db, pair["id"], org_id(db))["items"][1]["done_on"] == TODAY.isoformat()
    view = _page(client.get(f"/programmes/{pair['id']}"))
    assert f"выполнено {_ru(TODAY)}" in view and "Выполнено пунктов плана: 1 из 2." in view
    client.post(f"/programmes/{pair['id']}/done?item={item['id']}", data={"done_on": "", "clear": "1"})
    assert get_programme(db, pair["id"], org_id(db))["items"][1]["done_on"] is None
    other = next(p for p in list_pairs(db, org_id(db), "active") if p["programme_id"])
    assert client.get(f"/programmes/{other['id']}/done?item={item['id']}").status_code == 404
    assert client.get(f"/programmes/{pair['id']}/done").status_code == 404


def field_errors_in_row(page: str, name: str) -> list[str] | None:
    """The messages in the plan table's cell holding the input ``name``."""
    for cell in re.finditer(r"<td[^>]*>(.*?)</td>", page, re.S):
        if f'name="{name}"' in cell.group(1):
            return [html.unescape(e) for e in re.findall(r'<p class="error">(.*?)</p>', cell.group(1), re.S)]
    return None


def test_programmes_of_the_year(client, db):
    page = _page(client.get("/programmes/"))
    assert f"Программы наставничества {AUTUMN}/{AUTUMN + 1} учебного года" in page
    assert "Черных Ольга Ильинична" in page and "3 из 6" in page and "2 из 5" in page
    assert "Пары без программы" in page and "Кузнецова Марина Петровна" in page
    _check_page(page)
    earlier = _page(client.get(f"/programmes/?year={AUTUMN - 1}"))
    assert "Программ этого учебного года пока нет." in earlier
    assert f"Программы наставничества {AUTUMN}/{AUTUMN + 1} учебного года" in _page(client.get("/programmes/?year=abc"))
    pairs = _page(client.get("/pairs/"))
    assert pairs.count(">программа<") == 2 and pairs.count(">не составлена<") == 3


@pytest.mark.parametrize("url", ["/programmes/?year=99999999999999999999", "/banks/mentees/?left=%ED%A0%80",
                                 "/programmes/%ED%A0%80"])
def test_junk_addresses(client, url):
    assert client.get(url).status_code in (200, 404)


# --- the organisation's academic year -------------------------------------------------------------------------


def test_academic_year_on_the_organisation_form(client, db):
    page = _page(client.get("/organization/"))
    assert f"по календарю (сейчас {AUTUMN}/{AUTUMN + 1})" in page and f">{AUTUMN - 1}/{AUTUMN}<" in page
    organization = get_organization(db, org_id(db))
    values = {k: organization[k] or "" for k in ("full_name", "short_name", "locality", "founder", "head_position",
                                                 "order_number_format")}
    values["head_person_id"] = organization["head_person_id"]
    client.post("/organization/", data={**values, "academic_year": AUTUMN - 1})
    assert get_organization(db, org_id(db))["academic_year"] == AUTUMN - 1
    assert f"Программы наставничества {AUTUMN - 1}/{AUTUMN} учебного года" in _page(client.get("/programmes/"))
    refused = _page(client.post("/organization/", data={**values, "academic_year": 1900}))
    assert field_errors(refused, "academic_year") == ["Выбранного варианта больше нет в списке: обновите страницу и "
                                                      "выберите заново."]
    client.post("/organization/", data={**values, "academic_year": 0})
    assert get_organization(db, org_id(db))["academic_year"] is None
    assert list_bank(db, org_id(db), "mentor")  # the demo's banks are untouched by the profile
