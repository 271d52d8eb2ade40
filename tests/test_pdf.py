"""The pairs order opens cleanly in real LibreOffice: converted to PDF, laid out on A4, text intact."""

import os
import re
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
def printed(tmp_path_factory) -> dict[str, list[str]]:
    """Each order of :data:`PRINTED` rendered, converted to PDF by LibreOffice in one run, as its pages'
    text (``pdftotext -layout``, no-break spaces as spaces), plus ``pdfinfo``'s report under ``name + ":info"``."""
    soffice, pdftotext, pdfinfo = _tool("soffice"), _tool("pdftotext"), _tool("pdfinfo")
    folder = tmp_path_factory.mktemp("printed")
    from tests.test_orders import render

    for name, (template_id, data) in PRINTED.items():
        (folder / f"{name}.docx").write_bytes(render(template_id, data()).content)
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300)
    result = {}
    for name in PRINTED:
        pdf = folder / f"{name}.pdf"
        info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
        count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        result[f"{name}:info"] = info
        # -layout: one physical line a line (plain mode cuts a widely justified line into words).
        result[name] = [flat(subprocess.run([pdftotext, "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
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
