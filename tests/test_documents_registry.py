"""Documents made from the registry of the cycle: consents noted in the pairs order and warned of
when missing (issue 8 item 4, issue 9 item 2), pairs fixed by the order (draft → active)."""

import datetime as dt
import io

import docx

from registry.consents import add_consent, list_consents, withdraw_consent
from registry.pairs import get_pair, list_pairs
from registry.people import list_people, save_person
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
