"""PDF through real LibreOffice: the pairs order opens cleanly, laid out on A4, text intact; the resident
LibreOffice (unoserver) is restarted when killed or hung, serves several threads at once, and the
``soffice --convert-to`` path still works without it."""

import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from service.documents import pdf
from service.documents.catalogue import get_template
from service.documents.pdf import PdfConverter, PdfUnavailable
from tests.conftest import flat, tool


@pytest.fixture(scope="module")
def resident(tmp_path_factory):
    """One converter of two slots for the module (each LibreOffice start costs about 6 s); closing it
    leaves no LibreOffice running."""
    tool("soffice")
    if pdf._server_python() is None:
        if os.environ.get("CI"):
            pytest.fail("no Python imports uno: .ci/run must install python3-uno")
        pytest.skip("no Python imports uno (apt-get install python3-uno)")
    converter = PdfConverter(tmp_path_factory.mktemp("profiles"), 2)
    yield converter
    groups = [server.process.pid for server in converter._servers.values()]
    converter.close()
    assert groups and _gone(groups)


def _pdf_text(data: bytes, tmp_path, *options: str) -> str:
    path = tmp_path / f"{time.monotonic_ns()}.pdf"
    path.write_bytes(data)
    return flat(subprocess.run([tool("pdftotext"), *options, str(path), "-"], check=True, capture_output=True,
                               text=True).stdout)


def _is_curator_order(data: bytes, tmp_path) -> bool:
    return data[:5] == b"%PDF-" and "Абашеву Елену Алексеевну" in " ".join(_pdf_text(data, tmp_path).split())


def _curator_order() -> bytes:
    from tests.test_orders import render

    return render("curator-order", get_template("curator-order").example).content


def _gone(groups: list[int]) -> bool:
    """Whether no process of the process ``groups`` runs within a few seconds (a killed LibreOffice takes
    a moment to exit, and may stay a zombie until init reaps it)."""
    deadline = time.monotonic() + 10
    while True:
        running = False
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                state, _, pgrp = stat.read_text().rpartition(")")[2].split()[:3]
                running = running or (int(pgrp) in groups and state != "Z")
        if not running or time.monotonic() > deadline:
            return not running
        time.sleep(0.1)


def _server_pid(converter: PdfConverter) -> int:
    """The server of the first slot: the one conversions one at a time use."""
    return converter._servers[0].process.pid


def test_pairs_order_converts_to_pdf(client, order_json, tmp_path, resident):
    data = resident.convert(client.post("/api/documents/pairs-order", json=order_json).data)
    path = tmp_path / "order.pdf"
    path.write_bytes(data)
    info = subprocess.run([tool("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout
    assert "pts (A4)" in info
    text = " ".join(_pdf_text(data, tmp_path).split())
    for phrase in ("ПРИКАЗ", "ПРИКАЗЫВАЮ:", "учителя-логопеда Шевчук Анну Сергеевну за наставником — учителем",
                   "А.А. Ведерников", "С приказом ознакомлены:", "Приложение № 1"):
        assert phrase in text


def test_a_killed_libreoffice_is_started_again(resident, tmp_path):
    resident.convert(_curator_order())
    killed = _server_pid(resident)
    os.killpg(killed, signal.SIGKILL)
    assert _is_curator_order(resident.convert(_curator_order()), tmp_path)
    assert _server_pid(resident) != killed


def test_a_hung_libreoffice_is_killed_and_started_again(resident, tmp_path, monkeypatch):
    resident.convert(_curator_order())
    hung = _server_pid(resident)
    os.killpg(hung, signal.SIGSTOP)
    with monkeypatch.context() as patch:
        patch.setattr(pdf, "TIMEOUT_S", 2)
        with pytest.raises(PdfUnavailable, match="LibreOffice не ответил за 2 с"):
            resident.convert(_curator_order())
    assert _gone([hung])  # the server and its LibreOffice
    assert _is_curator_order(resident.convert(_curator_order()), tmp_path)
    assert _server_pid(resident) != hung


def test_four_threads_convert_at_once_on_two_libreoffices(resident, tmp_path):
    docx, results, errors = _curator_order(), [], []

    def convert():
        try:
            results.extend(resident.convert(docx) for _ in range(2))
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=convert) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(results) == 8 and all(_is_curator_order(data, tmp_path) for data in results)
    assert len(resident._servers) <= 2


def test_soffice_without_resident_libreoffice_prints_the_same(resident, tmp_path):
    converter = PdfConverter(tmp_path / "profiles", 1, resident=False)
    docx = _curator_order()
    many = converter.convert_many([docx] * 3)
    assert len(many) == 3 and not converter._servers and converter.convert_many([]) == []
    layout = _pdf_text(resident.convert(docx), tmp_path, "-layout")
    assert all(_pdf_text(data, tmp_path, "-layout") == layout for data in many)
    assert _is_curator_order(many[0], tmp_path)


# -- Issue 8: the orders as printed ---------------------------------------------------------------------

from tests.test_orders import HEAD, group, order  # noqa: E402 - the contracts of the DOCX tests

PRINTED = {
    # name: (template, contract)
    "pairs-2024": ("pairs-order", lambda: order("2024-01-11")),
    "pairs-one-woman": ("pairs-order", lambda: order("2025-09-01", pairs=[0])),
    "pairs-one-man": ("pairs-order", lambda: order("2025-03-01", pairs=[1])),
    "pairs-six": ("pairs-order", lambda: order("2025-04-01", pairs=[group()])),
    "pairs-head-curator": ("pairs-order", lambda: order("2025-09-01", curator=dict(HEAD))),
    "curator-woman": ("curator-order", lambda: order("2024-01-11")),
    "curator-acting-head": ("curator-order", lambda: order(
        "2025-09-01", curator=dict(HEAD, position="исполняющий обязанности директора"),
        **{"organization.head.position": "исполняющий обязанности директора"})),
}
# A line of the PDF must not end where GOST R 7.0.97 and Russian typesetting keep words together: «№|219»,
# «с|15 января», «15|января», «2024|г.», «А.А.|Ведерников», «Черных|О.И.», «АЗ-|1128/08», «—» opening a line.
_BROKEN = (
    (re.compile(r"(\S\s+№|\b(?:с|от|по|до))$"), re.compile(r"^\d")),  # a lone «№» heads a table column
    (re.compile(r"\d$"), re.compile(r"^(г\.|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
                                    r"ноября|декабря)")),
    # Initials ending a line after a lowercase word («директора А.А.»), the surname on the next.
    (re.compile(r"(?:^|(?:^|\s)[^А-ЯЁ\s]\S*\s)([А-ЯЁ]\.){1,2}$"), re.compile(r"^[А-ЯЁ][а-яё]")),
    (re.compile(r"[а-яё]$"), re.compile(r"^([А-ЯЁ]\.){1,2}")),  # «Черных|О.И.»
    (re.compile(r"\b(АЗ|Р|ФЗ|\d+)-$"), re.compile(r".")),
    (re.compile(r"[^:;,.]$"), re.compile(r"^[—–] ")),  # a list's dash opens a line after «:» or «;»
)


@pytest.fixture(scope="module")
def printed(resident, tmp_path_factory) -> dict[str, list[str]]:
    """Each order of :data:`PRINTED` rendered, converted to PDF by the resident LibreOffice in one
    ``convert_many``, as its pages' text (``pdftotext -layout``, no-break spaces as spaces), plus
    ``pdfinfo``'s report under ``name + ":info"``."""
    pdftotext, pdfinfo = tool("pdftotext"), tool("pdfinfo")
    folder = tmp_path_factory.mktemp("printed")
    from tests.test_orders import render

    pdfs = resident.convert_many([render(template_id, data()).content for template_id, data in PRINTED.values()])
    assert len(pdfs) == len(PRINTED)
    result = {}
    for name, data in zip(PRINTED, pdfs, strict=True):
        pdf_path = folder / f"{name}.pdf"
        pdf_path.write_bytes(data)
        info = subprocess.run([pdfinfo, str(pdf_path)], check=True, capture_output=True, text=True).stdout
        count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        result[f"{name}:info"] = info
        # -layout: one physical line a line (plain mode cuts a widely justified line into words).
        result[name] = [flat(subprocess.run([pdftotext, "-layout", "-f", str(n), "-l", str(n), str(pdf_path), "-"],
                                            check=True, capture_output=True, text=True).stdout)
                        for n in range(1, count + 1)]
    return result


def _lines(page: str) -> list[str]:
    """The page's non-empty lines, runs of spaces (justification, the signature's tab) as one."""
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def _body(page: str) -> list[str]:
    """The lines of the order's text on ``page``: up to the acquaintance block or the attachment, whose
    tables ``pdftotext`` lays out column by column."""
    lines = []
    for line in _lines(page):
        if line.startswith(("С приказом", "Приложение №")):
            break
        lines.append(line)
    return lines


@pytest.mark.parametrize("name", PRINTED)
def test_printed_pages_are_numbered_from_the_second(printed, name):
    pages = printed[name]
    assert "pts (A4)" in printed[f"{name}:info"]
    assert _lines(pages[0])[0] != "1" and "2" not in _lines(pages[0])
    for number, page in enumerate(pages[1:], start=2):
        assert _lines(page)[0] == str(number), f"page {number} of {name}: {_lines(page)[:2]}"


@pytest.mark.parametrize("name", PRINTED)
def test_printed_lines_never_break_inside_a_number_date_or_name(printed, name):
    for page in printed[name]:
        lines = _body(page)
        for before, after in zip(lines, lines[1:], strict=False):
            for end, start in _BROKEN:
                assert not (end.search(before) and start.search(after)), f"{name}: «{before}» | «{after}»"


@pytest.mark.parametrize("name", PRINTED)
def test_printed_signature_never_stands_alone(printed, name):
    """The page with the head's signature holds at least two items, or all of the order (GOST R 7.0.97:
    no page with the signature alone; issue 8: nor with one item and the signature)."""
    pages = [_body(page) for page in printed[name]]
    signature = re.compile(r"^(Директор|Исполняющий обязанности директора) А\.А\. Ведерников$")
    signed = next(number for number, lines in enumerate(pages) if any(signature.match(line) for line in lines))
    items = [line for line in pages[signed] if re.match(r"\d+\.\s", line)]
    assert signed == 0 or len(items) >= 2, f"{name}: {pages[signed]}"


def test_printed_orders_read_as_issue_8_wants(printed):
    def text(name):
        return " ".join(" ".join(printed[name]).split())

    assert "С приказом ознакомлена:" in text("curator-woman")
    assert "Назначить с 11 января 2024 г. куратором" in text("curator-woman")
    acting = text("curator-acting-head")
    assert "возлагаю на себя" in acting and "С приказом" not in acting
    assert "Исполняющий обязанности директора А.А. Ведерников" in acting
    assert "Наставнику Шевченко А.В. совместно с наставляемым Ильиным А.О. разработать" in text("pairs-one-man")
    one = text("pairs-one-woman")
    assert "Наставнику Черных О.И. совместно с наставляемой Шевчук А.С. разработать персонализированную" in one
    assert "утвердить её у директора" in one and "1264-р" in one and "статьёй 351.8" in one
    assert "351.8" not in text("pairs-2024") and "1264" not in text("pairs-2024")
    assert "Контроль за исполнением приказа оставляю за собой." in text("pairs-head-curator")
    six = printed["pairs-six"]
    assert "1.6. социального педагога Нуриева Тимура Ринатовича." in " ".join(" ".join(six).split())
    # The attachment starts a page of its own, its table one row per mentee.
    attachment = next(page for page in six if "Приложение № 1" in page)
    assert _lines(attachment)[1] == "Приложение № 1" and "Наставляемые" in attachment
    assert "Author: МБОУ Палагайская СОШ" in " ".join(printed["pairs-six:info"].split())
    assert "Title: О закреплении наставнических пар (групп)" in " ".join(printed["pairs-six:info"].split())
