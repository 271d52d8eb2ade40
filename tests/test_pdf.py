"""The pairs order opens cleanly in real LibreOffice: converted to PDF, laid out on A4, text intact."""

import os
import shutil
import subprocess

import pytest

from tests.conftest import flat


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run must install it")
        pytest.skip(f"{name} is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
    return path


def test_pairs_order_converts_to_pdf(client, order_json, tmp_path):
    soffice, pdftotext, pdfinfo = _tool("soffice"), _tool("pdftotext"), _tool("pdfinfo")
    docx = tmp_path / "order.docx"
    docx.write_bytes(client.post("/api/documents/pairs-order", json=order_json).data)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "order.pdf"
    info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "pts (A4)" in info
    text = " ".join(flat(subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True,
                                        text=True).stdout).split())
    for phrase in ("ПРИКАЗ", "ПРИКАЗЫВАЮ:", "учителя-логопеда Шевчук Анну Сергеевну за наставником — учителем",
                   "А.А. Ведерников", "С приказом ознакомлены:", "Приложение № 1"):
        assert phrase in text
