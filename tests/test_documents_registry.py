"""Documents made from the registry of the cycle: consents noted in the pairs order and warned of
when missing (issue 8 item 4, issue 9 item 2), pairs fixed by the order (draft → active)."""

import datetime as dt
import io
import re

import docx

from registry.consents import add_consent, list_consents, withdraw_consent
from registry.orders import list_orders
from registry.organization import current_academic_year, get_organization
from registry.pairs import get_pair, list_pairs
from registry.people import list_people, save_person
from registry.roadmap import list_events, save_event
from tests.conftest import flat, org_id


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return flat("\n".join([p.text for p in document.paragraphs] + cells))


def _person(db, last_name: str) -> dict:
    return next(p for p in list_people(db, org_id(db)) if p["last_name"] == last_name)


def _active_pair(db) -> dict:
    return next(p for p in list_pairs(db, org_id(db), "active") if len(p["mentees"]) == 1)


def _order(client, db, pair: dict, **fields):
    curator = next(p for p in list_people(db, org_id(db), "curator"))
    data = {"number": "", "date": dt.date.today().strftime("%d.%m.%Y"), "curator_id": curator["id"],
            "pair_ids": [pair["id"]], **fields}
    return client.post("/documents/pairs-order", data=data)


def test_pairs_order_notes_the_consent_in_force_from_the_registry(client, db):
    pair = _active_pair(db)
    mentor, mentee = pair["mentor"], pair["mentees"][0]
    for person in (mentor, mentee):
        for consent in list_consents(db, person["id"]):
            if consent["kind"] == "mentoring" and consent["active"]:
                withdraw_consent(db, org_id(db), consent["id"], (dt.date.today() - dt.timedelta(days=30)).isoformat())
    given = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    add_consent(db, org_id(db), mentor["id"], "mentoring", given)
    page = _order(client, db, pair, preview="1").get_data(as_text=True)
    assert "Нет согласия" in page and mentee["last_name"] in page.split("Нет согласия", 1)[1].split("</p>")[0]
    response = _order(client, db, pair, download="1")
    assert response.mimetype.endswith("document")
    text = _text(response.data)
    assert f"согласие от {dt.date.fromisoformat(given):%d.%m.%Y}" in text
    assert f"Наставничество начинается после получения письменного согласия {_roles(mentee)}" in text


def _roles(mentee: dict) -> str:
    return "наставляемой" if mentee["gender"] == "f" or mentee["middle_name"].endswith("вна") else "наставляемого"


def test_registering_the_pairs_order_fixes_draft_pairs(client, db):
    mentee = save_person(db, org_id(db), {"last_name": "Свободнов", "first_name": "Пётр", "middle_name": "Ильич",
                                          "position": "учитель истории"}, ["mentee"])
    saved = client.post("/pairs/new", data={
        "mentor_id": _person(db, "Черных")["id"], "mentee_ids": [mentee], "form_id": 1, "new_form": "",
        "start_date": dt.date.today().strftime("%d.%m.%Y"),
        "end_date": (dt.date.today() + dt.timedelta(days=200)).strftime("%d.%m.%Y")})
    assert saved.status_code == 302
    draft = next(p for p in list_pairs(db, org_id(db), "draft") if p["mentees"][0]["id"] == mentee)
    response = _order(client, db, draft, download="1")
    assert response.mimetype.endswith("document")
    assert get_pair(db, draft["id"], org_id(db))["status"] == "active"


def test_registering_the_closing_order_closes_its_pairs(client, db):
    organization = org_id(db)
    form = client.get("/documents/closing-order").get_data(as_text=True)
    ended = [p for p in list_pairs(db, organization, ("completed", "terminated")) if not p["closed_order"]]
    active = [p for p in list_pairs(db, organization, "active") if not p["expired"]]
    assert ended and active
    terminated = next(p for p in ended if p["status"] == "terminated")
    assert f"прекращена досрочно {dt.date.fromisoformat(terminated['closed_on']):%d.%m.%Y}" in form
    # The ended pair is ticked for the order; an active one in its term is offered but not ticked.
    ticked = {int(v) for v in re.findall(r'<input checked id="pair_ids-\d+" name="pair_ids" type="checkbox" '
                                         r'value="(\d+)"', form)}
    assert terminated["id"] in ticked and active[0]["id"] not in ticked
    curator = list_people(db, organization, "curator")[0]
    data = {"number": "", "date": dt.date.today().strftime("%d.%m.%Y"), "curator_id": curator["id"],
            "pair_ids": [terminated["id"], active[0]["id"]], "status": "completed",
            "closed_on": dt.date.today().strftime("%d.%m.%Y"), "download": "1"}
    response = client.post("/documents/closing-order", data=data)
    assert response.mimetype.endswith("document"), response.get_data(as_text=True)[:2000]
    text = _text(response.data)
    assert "Прекратить досрочно с" in text
    order = next(o for o in list_orders(db, organization) if o["kind"] == "closing-order")
    closed = [get_pair(db, p["id"]) for p in (terminated, active[0])]
    assert [(p["status"], p["closed_order_id"]) for p in closed] == [
        ("terminated", order["id"]), ("completed", order["id"])]
    assert closed[1]["closed_on"] == dt.date.today().isoformat()
    page = client.get(f"/documents/orders/{order['id']}", follow_redirects=True).get_data(as_text=True)
    assert "Наставничество пар (групп) завершено приказом: 2." in page
    # The pairs it closed are no longer offered to another closing order.
    again = client.get("/documents/closing-order").get_data(as_text=True)
    offered = {int(v) for v in re.findall(r'name="pair_ids" type="checkbox" value="(\d+)"', again)}
    assert offered and not offered & {terminated["id"], active[0]["id"]}


def test_a_refused_closing_leaves_no_order_and_no_closed_pair(client, db):
    organization = org_id(db)
    pair = next(p for p in list_pairs(db, organization, "active") if not p["expired"])
    curator = list_people(db, organization, "curator")[0]
    before = len(list_orders(db, organization))
    # A day before the pair's start: the contract lets it pass, the registry refuses the closing.
    early = dt.date.fromisoformat(pair["start_date"]) - dt.timedelta(days=1)
    response = client.post("/documents/closing-order", data={
        "number": "", "date": dt.date.today().strftime("%d.%m.%Y"), "curator_id": curator["id"],
        "pair_ids": [pair["id"]], "status": "completed", "closed_on": early.strftime("%d.%m.%Y"), "download": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "раньше начала наставничества" in page
    assert len(list_orders(db, organization)) == before
    assert get_pair(db, pair["id"])["status"] == "active"
    assert db["orders"].count_where("organization_id = ? and kind = 'closing-order'", [organization]) == 0


def test_registering_an_order_marks_its_roadmap_event_done(client, db):
    organization = org_id(db)
    year = current_academic_year(get_organization(db, organization))
    event = save_event(db, organization, year, {"activity": "Закрепление наставнических пар приказом",
                                                "deadline": "в течение учебного года", "responsible": "куратор",
                                                "document_kind": "pairs-order"})
    pair = _active_pair(db)
    response = _order(client, db, pair, download="1")
    assert response.mimetype.endswith("document")
    order = next(o for o in list_orders(db, organization) if o["kind"] == "pairs-order")
    done = next(e for e in list_events(db, organization, year) if e["id"] == event)
    assert (done["done_on"], done["done_order"]["id"]) == (order["date"], order["id"])
    page = client.get("/").get_data(as_text=True)
    assert "Мероприятие дорожной карты отмечено выполненным." in page
