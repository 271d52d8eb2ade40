"""One print file of many documents (issue 9 item 4): the orders of the journal with the papers printed
with them, the programmes of a year …, each document on new pages numbering its own, as PDF (real
LibreOffice, pypdf) or as one DOCX (docxcompose)."""

import datetime as dt
import io
import re
from urllib.parse import unquote

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from registry.organization import current_academic_year, get_organization
from registry.pairs import list_pairs
from registry.people import list_people
from service.documents.printing import PrintRefused, collect, order_bundle, print_sections
from tests.conftest import org_id


def _register_pairs_order(client, db) -> tuple[int, dict]:
    """Register a pairs order for the first active one-mentee pair; its journal id and the pair."""
    organization = org_id(db)
    pair = next(p for p in list_pairs(db, organization, "active") if len(p["mentees"]) == 1 and not p["expired"])
    curator = list_people(db, organization, "curator")[0]
    response = client.post("/documents/pairs-order", data={
        "number": "", "date": dt.date.today().strftime("%d.%m.%Y"), "curator_id": curator["id"],
        "pair_ids": [pair["id"]], "download": "1"})
    assert response.mimetype.endswith("document"), response.get_data(as_text=True)[:1500]
    order_id = db.execute("select max(id) from orders where kind = 'pairs-order'").fetchone()[0]
    return order_id, pair


def _year(db) -> int:
    return current_academic_year(get_organization(db, org_id(db)))


def _ticked(html: str) -> list[str]:
    return re.findall(r'<input checked id="items-\d+" name="items" type="checkbox" value="([^"]+)"', html)


def test_sections_of_the_year_say_what_is_missing(db):
    sections = {s.kind: s for s in print_sections(db, org_id(db), _year(db))}
    kinds = list(sections)
    assert kinds[0] == "order" and kinds[-1] == "acquaintance-sheet"  # sheets follow what they acquaint with
    assert {"regulation", "programme", "mentor-consent", "pd-consent"} <= set(kinds)
    assert sections["order"].title == "Приказы журнала" and sections["order"].items == []
    assert [i.key for i in sections["regulation"].items] == ["regulation:"]
    programmes = sections["programme"].items
    without = [i for i in programmes if i.problem]
    assert without and all(i.problem.startswith("не заполнено: ") for i in without)
    assert any(not i.problem for i in programmes)
    people = sections["pd-consent"].items
    assert [i.label for i in people] == [p["full_name"] for p in list_people(db, org_id(db))]


def test_an_order_comes_with_its_consents_and_acquaintance_sheet(client, db):
    order_id, pair = _register_pairs_order(client, db)
    person_ids = [pair["mentor"]["id"], pair["mentees"][0]["id"]]
    bundle = order_bundle(db, org_id(db), order_id)
    assert bundle[0] == f"order:{order_id}" and bundle[1] == f"mentor-consent:{pair['id']}"
    assert bundle[2:-1] == [f"pd-consent:{p}" for p in person_ids]  # not the curator's
    assert bundle[-1] == f"acquaintance-sheet:{order_id}"
    page = client.get(f"/documents/print?order={order_id}").get_data(as_text=True)
    assert _ticked(page) == [key for key in bundle if key in _ticked(page)]
    assert {f"order:{order_id}", f"mentor-consent:{pair['id']}", f"acquaintance-sheet:{order_id}"} <= set(
        _ticked(page))
    assert "с приложениями, согласиями и листом ознакомления" in page
    assert order_bundle(db, org_id(db) + 1000, order_id) == []


def test_print_file_as_pdf_each_document_on_its_own_pages(client, db):
    order_id, pair = _register_pairs_order(client, db)
    keys = [f"order:{order_id}", f"mentor-consent:{pair['id']}", f"acquaintance-sheet:{order_id}"]
    response = client.post(f"/documents/print?year={_year(db)}", data={
        "items": keys, "file_format": "pdf", "duplex": "y", "submit": "1"})
    assert response.status_code == 200 and response.mimetype == "application/pdf", response.get_data(as_text=True)
    assert re.search(r"Документы_для_печати_\d\d\.\d\d\.\d{4}\.pdf",
                     unquote(response.headers["Content-Disposition"]))
    reader = PdfReader(io.BytesIO(response.data))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[0].startswith("Приказ № ") and "О закреплении" in outline[0]
    assert outline[1].startswith("Согласие работника на осуществление наставничества") and \
        pair["mentor"]["full_name"] in outline[1]
    assert re.fullmatch(r"Лист ознакомления с приказом: приказ № \d+ от \d\d\.\d\d\.\d{4}", outline[2])
    starts = [reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)]
    # Duplex: every document starts on a right-hand (odd) page.
    assert starts[0] == 0 and all(start % 2 == 0 for start in starts)
    texts = [page.extract_text() for page in reader.pages]
    assert "ПРИКАЗ" in texts[starts[0]] and "СОГЛАСИЕ" in texts[starts[1]].upper()
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ" in texts[starts[2]].upper()


def test_print_file_as_one_docx_numbering_each_document_from_one(client, db):
    order_id, pair = _register_pairs_order(client, db)
    response = client.post("/documents/print", data={
        "items": [f"order:{order_id}", "regulation:", f"acquaintance-sheet:{order_id}"], "file_format": "docx",
        "submit": "1"})
    assert response.mimetype.endswith("document"), response.get_data(as_text=True)[:2000]
    merged = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in merged.paragraphs)
    assert text.index("ПРИКАЗ") < text.index("ПОЛОЖЕНИЕ") < text.upper().index("ЛИСТ ОЗНАКОМЛЕНИЯ")
    body = merged.element.body
    starts = [s for s in body.iter(qn("w:pgNumType")) if s.get(qn("w:start")) == "1"]
    assert len(starts) >= 3


def test_bad_selections_are_refused_in_russian(client, db):
    empty = client.post("/documents/print", data={"items": [], "file_format": "pdf", "submit": "1"})
    assert empty.status_code == 200 and "Отметьте хотя бы один документ." in empty.get_data(as_text=True)
    forged = client.post("/documents/print", data={"items": ["order:999999"], "file_format": "pdf", "submit": "1"})
    page = forged.get_data(as_text=True)
    assert forged.status_code == 200 and "Файл не сформирован" in page and "Not a valid" not in page
    for keys, message in [(["nothing:1"], "нельзя напечатать из этого списка"),
                          (["programme:"], "не выбрана запись"), (["programme:x1"], "не номер записи"),
                          ([f"programme:{10**6}"], "нет в реестре организации")]:
        with pytest.raises(PrintRefused, match=message):
            collect(db, org_id(db), keys, lambda kind, data: b"")
    without = next(p for p in list_pairs(db, org_id(db), "active") if not p["programme_id"])
    with pytest.raises(PrintRefused, match="не сформирован: не заполнено: .*Дополните реестр или снимите отметку"):
        collect(db, org_id(db), [f"programme:{without['id']}"], lambda kind, data: b"")
    with pytest.raises(PrintRefused, match="не больше 300"):
        collect(db, org_id(db), [f"pd-consent:{n}" for n in range(301)], lambda kind, data: b"")
