"""Batches: the prepared template makes the same XML as docxtpl, a template edited on disk is read anew,
200 orders with varied people come out in the order of the rows with the right declensions, a bad row is
reported while the others are made, sheets and JSON through ``nastavnik batch``, cancelling leaves
nothing, and PDFs with one print file through real LibreOffice."""

import csv
import dataclasses
import io
import json
import multiprocessing
import os
import re
import shutil
import signal
import zipfile
from concurrent.futures import ProcessPoolExecutor

import pytest
from click.testing import CliRunner
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from pypdf import PdfReader

from service.cli import main
from service.documents.batch import BatchCancelled, Row, read_rows, run_batch, write_sheet
from service.documents.batch.run import _chunks
from service.documents.catalogue import catalogue, get_template
from service.documents.pdf import find_soffice
from service.documents.render import _set_properties, check, environment, render, render_document
from service.documents.workers import prepare_workers, worker_context
from service.grammar.morph import morph
from tests.conftest import docx_text, flat

# (full name, accusative, instrumental, dative with initials, instrumental with initials, gender)
PEOPLE = [
    ("Смирнова Елена Александровна", "Смирнову Елену Александровну", "Смирновой Еленой Александровной",
     "Смирновой Е.А.", "Смирновой Е.А.", "f"),
    ("Петров Сергей Иванович", "Петрова Сергея Ивановича", "Петровым Сергеем Ивановичем", "Петрову С.И.",
     "Петровым С.И.", "m"),
    ("Черных Ольга Ильинична", "Черных Ольгу Ильиничну", "Черных Ольгой Ильиничной", "Черных О.И.", "Черных О.И.",
     "f"),
    ("Шевчук Игорь Петрович", "Шевчука Игоря Петровича", "Шевчуком Игорем Петровичем", "Шевчуку И.П.",
     "Шевчуком И.П.", "m"),
    ("Иванова Мария Петровна", "Иванову Марию Петровну", "Ивановой Марией Петровной", "Ивановой М.П.",
     "Ивановой М.П.", "f"),
    ("Волков Андрей Викторович", "Волкова Андрея Викторовича", "Волковым Андреем Викторовичем", "Волкову А.В.",
     "Волковым А.В.", "m"),
    ("Шевчук Анна Сергеевна", "Шевчук Анну Сергеевну", "Шевчук Анной Сергеевной", "Шевчук А.С.", "Шевчук А.С.", "f"),
    ("Фёдоров Павел Николаевич", "Фёдорова Павла Николаевича", "Фёдоровым Павлом Николаевичем", "Фёдорову П.Н.",
     "Фёдоровым П.Н.", "m"),
    ("Соколова Наталья Викторовна", "Соколову Наталью Викторовну", "Соколовой Натальей Викторовной",
     "Соколовой Н.В.", "Соколовой Н.В.", "f"),
    ("Зайцев Дмитрий Игоревич", "Зайцева Дмитрия Игоревича", "Зайцевым Дмитрием Игоревичем", "Зайцеву Д.И.",
     "Зайцевым Д.И.", "m"),
]
DEPUTY = "заместитель директора по учебно-воспитательной работе"


def _order(number: int) -> tuple[dict, list[str]]:
    """A pairs order of one pair (people by ``number``) and the phrases it must print."""
    mentee, mentor, curator = (PEOPLE[(number + shift) % len(PEOPLE)] for shift in (0, 3, 7))
    data = json.loads(json.dumps(get_template("pairs-order").example))
    data["order"]["number"] = str(number)
    data["curator"] = {"full_name": curator[0], "position": DEPUTY}
    data["pairs"] = [{**data["pairs"][0], "mentor": {"full_name": mentor[0], "position": "учитель физики"},
                      "mentees": [{"full_name": mentee[0], "position": "учитель математики"}]}]
    mentee_word = "наставляемой" if mentee[5] == "f" else "наставляемым"
    return data, [
        f"№ {number}",
        f"1. Закрепить учителя математики {mentee[1]} за наставником — учителем физики {mentor[2]}; форма "
        "наставничества — «педагог – педагог»",
        f"Наставнику {mentor[3]} совместно с {mentee_word} {mentee[4]} разработать",
        f"3. Куратору {curator[3]} обеспечить",
        f"Контроль за исполнением приказа возложить на заместителя директора по учебно-воспитательной работе "
        f"{curator[1]}.",
    ]


def _members(content: bytes) -> dict[str, bytes]:
    """Every part of a DOCX, the core properties' times (when it was made) blanked."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\1", archive.read(name))
                for name in archive.namelist()}


def _by_docxtpl(entry, data) -> bytes:
    """The document as docxtpl makes it from the template file, with the core properties render sets and
    the pictures (charts) as docxtpl's ``InlineImage``."""
    document = check(entry.id, data)[1]
    context = document.context(entry.id)
    context["heading"] = entry.heading
    template = DocxTemplate(entry.path)
    if hasattr(document, "pictures"):
        context["pictures"] = {name: InlineImage(template, io.BytesIO(picture), width=Mm(width))
                               for name, (picture, width) in document.pictures().items()}
    template.render(context, environment(), autoescape=True)
    _set_properties(template.docx.core_properties, document, entry.heading)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("template_id", list(catalogue()))
def test_same_xml_as_docxtpl(template_id):
    entry = get_template(template_id)
    made = _members(render(template_id, entry.example).content)
    expected = _members(_by_docxtpl(entry, entry.example))
    assert sorted(made) == sorted(expected)
    assert [name for name in expected if made[name] != expected[name]] == []


def test_edited_template_is_read_anew_with_its_footnotes(tmp_path):
    original = get_template("curator-order")
    entry = dataclasses.replace(original, path=tmp_path / "curator-order.docx")
    shutil.copy(original.path, entry.path)
    document = check(entry.id, entry.example)[1]
    assert "ПРИКАЗ ИЗМЕНЁН" not in docx_text(render_document(entry, document).content)

    with zipfile.ZipFile(original.path) as source, zipfile.ZipFile(entry.path, "w", zipfile.ZIP_DEFLATED) as edited:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "word/document.xml":
                assert content.count(">ПРИКАЗ<".encode()) == 1
                content = content.replace(">ПРИКАЗ<".encode(), ">ПРИКАЗ ИЗМЕНЁН<".encode())
            elif member.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="'
                                          b'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes'
                                          b'+xml"/></Types>')
            elif member.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.'
                                          b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                          b'Target="footnotes.xml"/></Relationships>')
            edited.writestr(member, content)
        edited.writestr("word/footnotes.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                        '<w:footnote w:id="1"><w:p><w:r><w:t>Куратор: {{ curator.short.nomn }}, {{ order.number }}'
                        '</w:t></w:r></w:p></w:footnote></w:footnotes>')
    stat = entry.path.stat()
    os.utime(entry.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    made = render_document(entry, document).content
    assert "ПРИКАЗ ИЗМЕНЁН" in docx_text(made)
    notes = zipfile.ZipFile(io.BytesIO(made)).read("word/footnotes.xml").decode()
    assert "Куратор: Абашева Е.А., 218" in flat(notes)
    expected = _members(_by_docxtpl(entry, entry.example))
    assert _members(made) == expected


def test_two_hundred_orders_in_the_order_of_the_rows(tmp_path):
    orders = [_order(number) for number in range(1, 201)]
    rows = [Row(number, data) for number, (data, _) in enumerate(orders, 1)]
    seen = []
    result = run_batch("pairs-order", rows, tmp_path / "orders.zip", workers=2,
                       progress=lambda done, total: seen.append((done, total)))
    assert result.done == 200 and result.failed == []
    assert result.file_names == [f"Приказ_{number}_от_11.01.2024.docx" for number in range(1, 201)]
    assert seen[-1] == (200, 200) and [done for done, _ in seen] == sorted(done for done, _ in seen)
    with zipfile.ZipFile(tmp_path / "orders.zip") as archive:
        assert archive.namelist() == result.file_names
        for name, (_, phrases) in zip(result.file_names, orders, strict=True):
            text = " ".join(flat(docx_text(archive.read(name))).split())
            for phrase in phrases:
                assert phrase in text, (name, phrase)
    assert [path.name for path in tmp_path.iterdir()] == ["orders.zip"]


def test_chunks_shrink_at_the_end_and_keep_every_row_once_in_order():
    rows = [Row(number, {}) for number in range(1, 1001)]
    chunks = list(_chunks(rows, 25, 2, pdf=False))
    assert [row.number for chunk in chunks for row in chunk] == list(range(1, 1001))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[:36] == [25] * 36 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    assert [len(chunk) for chunk in _chunks(rows[:60], 25, 2, pdf=True)] == [25, 25, 10]
    assert [len(chunk) for chunk in _chunks(rows[:60], 25, 1, pdf=False)] == [25, 25, 10]


def _dictionaries_loaded() -> bool:
    return morph.cache_info().currsize == 1


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="fork is POSIX only")
def test_workers_start_from_a_server_with_the_dictionaries_loaded():
    prepare_workers()
    with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
        # Loaded before the worker did anything: it was forked from the server that loaded them.
        assert pool.submit(_dictionaries_loaded).result()


def test_a_worker_killed_mid_batch_leaves_its_rows_to_this_process(tmp_path):
    orders = [_order(number) for number in range(1, 121)]
    rows = [Row(number, data) for number, (data, _) in enumerate(orders, 1)]
    killed = []

    def kill_the_workers(done: int, total: int) -> None:  # as the kernel does to a process out of memory
        for worker in multiprocessing.active_children():
            if not killed:
                os.kill(worker.pid, signal.SIGKILL)
                killed.append(worker.pid)

    result = run_batch("pairs-order", rows, tmp_path / "orders.zip", workers=2, progress=kill_the_workers)
    assert killed and result.done == 120 and result.failed == []
    assert result.file_names == [f"Приказ_{number}_от_11.01.2024.docx" for number in range(1, 121)]
    with zipfile.ZipFile(tmp_path / "orders.zip") as archive:
        for name, (_, phrases) in zip(result.file_names, orders, strict=True):
            text = " ".join(flat(docx_text(archive.read(name))).split())
            assert all(phrase in text for phrase in phrases), name


def test_a_bad_row_is_reported_and_the_others_made(tmp_path):
    rows = [Row(number, _order(number)[0]) for number in (1, 2, 3, 4)]
    rows[1].data["pairs"][0]["mentor"]["position"] = " "
    rows[1].data["order"]["date"] = "11.01.2024"
    rows[2].data["pairs"][0]["mentees"][0]["full_name"] = "Саша Женя"
    repeated = _order(1)[0]
    result = run_batch("pairs-order", [*rows, Row(5, repeated)], tmp_path / "orders.zip", workers=1)
    assert result.done == 3
    assert result.file_names == ["Приказ_1_от_11.01.2024.docx", "Приказ_4_от_11.01.2024.docx",
                                 "Приказ_1_от_11.01.2024_2.docx"]
    assert [failure.row for failure in result.failed] == [2, 3]
    assert result.failed[0].reasons == [
        "дата приказа: «11.01.2024» — не дата; укажите в виде ГГГГ-ММ-ДД, например 2024-01-11.",
        "не заполнено: должность (наставник Волков Андрей Викторович).",
    ]
    assert [error.field for error in result.failed[1].errors] == ["pairs[0].mentees[0].gender"]
    assert result.failed[1].reasons[0].startswith("Не удалось определить пол по ФИО «Саша Женя»")
    with zipfile.ZipFile(tmp_path / "orders.zip") as archive:
        assert archive.namelist() == result.file_names


def _cli(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def test_cli_json_xlsx_and_csv(tmp_path):
    documents = [_order(number)[0] for number in (11, 12, 13)]
    (tmp_path / "rows.json").write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "rows.xlsx").write_bytes(write_sheet("pairs-order", documents, "rows.xlsx"))
    csv_text = write_sheet("pairs-order", documents, "rows.csv").decode("utf-8-sig")
    (tmp_path / "rows.csv").write_bytes(csv_text.encode("utf-8"))
    (tmp_path / "rows-1251.csv").write_bytes(csv_text.encode("cp1251"))
    texts = {}
    for name in ("rows.json", "rows.xlsx", "rows.csv", "rows-1251.csv"):
        out = tmp_path / f"{name}.zip"
        done = _cli("pairs-order", "--data", tmp_path / name, "--out", out, "--workers", 1)
        assert done.exit_code == 0, done.output
        assert f"Записано: {out} — документов: 3." in done.output
        with zipfile.ZipFile(out) as archive:
            assert archive.namelist() == [f"Приказ_{n}_от_11.01.2024.docx" for n in (11, 12, 13)]
            texts[name] = [flat(docx_text(archive.read(member))) for member in archive.namelist()]
    assert texts["rows.xlsx"] == texts["rows.json"] == texts["rows.csv"] == texts["rows-1251.csv"]
    assert "Закрепить учителя математики Шевчука Игоря Петровича за наставником — учителем физики Шевчук Анной " \
           "Сергеевной" in " ".join(texts["rows.csv"][2].split())


def test_cli_sheet_by_hand_with_russian_headers_and_a_bad_row(tmp_path):
    sample = tmp_path / "sample.csv"
    assert _cli("pairs-order", "--sheet", sample).exit_code == 0
    paths, titles, example = csv.reader(io.StringIO(sample.read_text(encoding="utf-8-sig")), delimiter=";")
    assert "pairs.2.mentees.2.full_name" in paths
    assert "наставнические пары (группы) № 2 / наставляемые № 2 / ФИО" in titles
    assert example[paths.index("order.date")] == "11.01.2024"
    # A person's own sheet: Russian titles as headers, a woman marked «ж», dates typed ДД.ММ.ГГГГ.
    bad = list(example)
    bad[paths.index("pairs.1.mentor.position")] = ""
    bad[paths.index("order.number")] = "220"
    mine = list(example)
    mine[paths.index("curator.full_name")] = "Ким Александра Сергеевна"
    mine[paths.index("curator.gender")] = "ж"
    mine[paths.index("order.number")] = "221"
    rows = tmp_path / "rows.csv"
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([titles, example, bad, mine])
    rows.write_bytes(text.getvalue().encode("cp1251"))
    done = _cli("pairs-order", "--data", rows, "--out", tmp_path / "out.zip", "--workers", 1)
    assert done.exit_code == 1
    assert "Строка 3 (pairs.1.mentor.position): не заполнено: должность (наставник Черных Ольга Ильинична)." \
           in done.output
    assert "Записано:" in done.output and "документов: 2." in done.output
    assert "Не сформировано документов: 1 из 3" in done.output
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.namelist() == ["Приказ_219_от_11.01.2024.docx", "Приказ_221_от_11.01.2024.docx"]
        text = " ".join(flat(docx_text(archive.read("Приказ_221_от_11.01.2024.docx"))).split())
    assert "возложить на заместителя директора по учебно-воспитательной работе Ким Александру Сергеевну." in text

    typo = tmp_path / "typo.csv"
    typo.write_text("order.number;pairs.1.mentr.full_name\n219;Черных Ольга Ильинична\n", encoding="utf-8")
    refused = _cli("pairs-order", "--data", typo, "--out", tmp_path / "typo.zip")
    assert refused.exit_code == 1 and "столбец B «pairs.1.mentr.full_name»" in refused.output
    assert "nastavnik batch pairs-order --sheet" in refused.output and not (tmp_path / "typo.zip").exists()


def test_blank_sheets_read_back_as_the_examples():
    for template_id, entry in catalogue().items():
        for name in ("blank.xlsx", "blank.csv"):
            rows = read_rows(template_id, write_sheet(template_id, [entry.example], name), name)
            assert [row.number for row in rows] == [3]
            assert check(template_id, rows[0].data)[1] == check(template_id, entry.example)[1], (template_id, name)


def test_cancel_leaves_nothing(tmp_path):
    rows = [Row(number, _order(number)[0]) for number in range(1, 151)]
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(BatchCancelled):
        run_batch("pairs-order", rows, tmp_path / "orders.zip", print_docx=tmp_path / "all.docx", workers=2,
                  cancelled=cancelled)
    assert len(asked) == 2 and list(tmp_path.iterdir()) == []


def test_pdfs_and_one_print_file(tmp_path):
    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: .ci/run must install it")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    example = get_template("curator-order").example
    rows = []
    for number, person in enumerate(PEOPLE[:3], 1):
        data = json.loads(json.dumps(example))
        data["curator"] = {"full_name": person[0], "position": DEPUTY}
        rows.append(Row(number, data))
    result = run_batch("curator-order", rows, tmp_path / "orders.zip", pdf=True, print_pdf=tmp_path / "all.pdf",
                       workers=1)
    assert result.done == 3
    with zipfile.ZipFile(tmp_path / "orders.zip") as archive:
        names = archive.namelist()
        assert names == ["Приказ_218_от_11.01.2024.docx", "Приказ_218_от_11.01.2024.pdf",
                         "Приказ_218_от_11.01.2024_2.docx", "Приказ_218_от_11.01.2024_2.pdf",
                         "Приказ_218_от_11.01.2024_3.docx", "Приказ_218_от_11.01.2024_3.pdf"]
        pages = [len(PdfReader(io.BytesIO(archive.read(name))).pages) for name in names if name.endswith(".pdf")]
        second = PdfReader(io.BytesIO(archive.read(names[3])))
    assert pages[0] >= 1 and len(set(pages)) == 1
    assert "Петрова Сергея Ивановича" in " ".join(flat(second.pages[0].extract_text()).split())
    merged = PdfReader(tmp_path / "all.pdf")
    assert len(merged.pages) == sum(pages)
    assert [item.title for item in merged.outline] == [name.removesuffix(".docx") for name in result.file_names]
