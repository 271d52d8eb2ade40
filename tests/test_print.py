"""PDF beside every DOCX: the order form, the journal, the API and the CLI, through real LibreOffice."""

import subprocess
import urllib.parse

import pytest
from click.testing import CliRunner

from registry.orders import list_orders
from registry.pairs import list_pairs
from registry.people import list_people
from service.cli import main
from service.documents.catalogue import get_template
from service.documents.pdf import find_soffice
from tests.conftest import org_id

pytestmark = pytest.mark.skipif(find_soffice() is None and not __import__("os").environ.get("CI"),
                                reason="LibreOffice is not installed")


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.replace("\u00a0", " ").split())


@pytest.fixture
def app(app, tmp_path):
    app.config["PDF_PROFILES"] = str(tmp_path / "profiles")
    from service.documents.pdf import PdfConverter

    app.extensions["pdf"] = PdfConverter(app.config["PDF_PROFILES"], 1)
    return app


def test_order_form_and_journal_give_pdf(client, db, tmp_path):
    curator = next(p["id"] for p in list_people(db, org_id(db), "curator"))
    pairs = [p["id"] for p in list_pairs(db, org_id(db), "active") if not p["expired"]]
    response = client.post("/documents/pairs-order", data={"date": "01.10.2025", "curator_id": curator,
                                                           "pair_ids": pairs, "download_pdf": "1"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert urllib.parse.unquote(response.headers["Content-Disposition"]).endswith("Приказ_1_от_01.10.2025.pdf")
    text = _text(response.data, tmp_path)
    assert "ПРИКАЗ" in text and "01.10.2025 № 1" in text and "Черных Ольгой Ильиничной" in text
    [order] = list_orders(db, org_id(db))
    again = client.get(f"/documents/orders/{order['id']}/versions/1.pdf")
    assert again.status_code == 200 and again.data[:5] == b"%PDF-"
    journal = client.get("/").get_data(as_text=True)
    assert f"/documents/orders/{order['id']}/file.pdf" in journal


def test_api_and_cli_give_pdf(client, tmp_path):
    example = get_template("curator-order").example
    by_query = client.post("/api/documents/curator-order?format=pdf", json=example)
    assert by_query.status_code == 200 and by_query.data[:5] == b"%PDF-"
    by_accept = client.post("/api/documents/curator-order", json=example, headers={"Accept": "application/pdf"})
    assert by_accept.mimetype == "application/pdf"
    assert client.post("/api/documents/curator-order", json=example).mimetype.endswith("wordprocessingml.document")
    data = tmp_path / "order.json"
    data.write_text(__import__("json").dumps(example, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "order.pdf"
    result = CliRunner().invoke(main, ["render", "curator-order", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Абашеву Елену Алексеевну" in _text(out.read_bytes(), tmp_path)


def test_without_libreoffice_the_order_stays_registered_and_says_why(client, db, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("service.documents.pdf.WINDOWS_PATHS", ())
    curator = next(p["id"] for p in list_people(db, org_id(db), "curator"))
    response = client.post("/documents/curator-order", data={"date": "01.10.2025", "curator_id": curator,
                                                             "download_pdf": "1"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "PDF не сформирован: на сервере нет LibreOffice" in page and "Приказ № 1" in page
    assert len(list_orders(db, org_id(db))) == 1
    api = client.post("/api/documents/curator-order?format=pdf", json=get_template("curator-order").example)
    assert api.status_code == 503 and "нет LibreOffice" in api.json["errors"][0]["message"]
