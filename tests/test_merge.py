"""Print files of several documents through real LibreOffice and poppler: PDFs joined by pypdf, DOCX
files joined by docxcompose; each document starts on a new page and numbers its own pages (none on its
first page, as the templates print them), bookmarks name the documents, duplex padding starts each on a
right-hand page, and a broken file is named in the error."""

import io
import re
import subprocess

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from service.documents.catalogue import catalogue, get_template
from service.documents.merge import merge_docx, merge_pdf
from service.documents.pdf import PdfConverter
from service.documents.render import render
from tests.conftest import flat

# An order, a second kind of order and the first again: three documents, page counts 3, 2 and 3.
DOCUMENTS = ("pairs-order", "curator-order", "pairs-order")


@pytest.fixture(scope="module")
def converter(tmp_path_factory):
    converter = PdfConverter(tmp_path_factory.mktemp("profiles"), 1)
    yield converter
    converter.close()


@pytest.fixture(scope="module")
def rendered():
    return [render(template_id, get_template(template_id).example) for template_id in DOCUMENTS]


@pytest.fixture(scope="module")
def pdfs(rendered, converter):
    return converter.convert_many([document.content for document in rendered])


def _file(pdf: bytes, tmp_path):
    path = tmp_path / f"file-{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(pdf)
    return path


def _page_count(pdf: bytes, tmp_path) -> int:
    info = subprocess.run(["pdfinfo", str(_file(pdf, tmp_path))], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _pages(pdf: bytes, tmp_path) -> list[str]:
    """The text of each page (``pdftotext -f N -l N``), no-break spaces as spaces."""
    path = _file(pdf, tmp_path)
    return [flat(subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"], check=True,
                                capture_output=True, text=True).stdout)
            for number in range(1, _page_count(pdf, tmp_path) + 1)]


def _number(page: str) -> int | None:
    """The page number printed at the top of the page (the templates' header), None where there is none."""
    words = page.split()
    return int(words[0]) if words and words[0].isdigit() else None


def _numbering(counts: list[int]) -> list[int | None]:
    """What each document prints: nothing on its first page, then 2, 3…"""
    return [number if number > 1 else None for count in counts for number in range(1, count + 1)]


def _size(page) -> tuple[float, float]:
    """A page's width and height in points, to a hundredth (written out, a size loses digits)."""
    return round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)


def _first_pages(counts: list[int]) -> list[int]:
    """Where each document begins, from 0."""
    return [sum(counts[:index]) for index in range(len(counts))]


def test_merged_pdf_keeps_each_documents_pages_numbers_and_title(rendered, pdfs, tmp_path):
    counts = [_page_count(pdf, tmp_path) for pdf in pdfs]
    merged = merge_pdf(pdfs, [document.heading for document in rendered])
    pages = _pages(merged, tmp_path)
    assert len(pages) == sum(counts)
    assert [_number(page) for page in pages] == _numbering(counts)
    for start, document in zip(_first_pages(counts), rendered, strict=True):
        assert "ПРИКАЗ" in pages[start] and " ".join(document.heading.split()[:3]) in " ".join(pages[start].split())
    assert all("Приложение № 1" in pages[start + 2] for start in _first_pages(counts)[::2])
    reader = PdfReader(io.BytesIO(merged))
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == [document.heading for document in rendered]
    assert [reader.get_destination_page_number(item) for item in top] == _first_pages(counts)


def test_duplex_starts_each_document_on_a_right_hand_page(pdfs, tmp_path):
    counts = [_page_count(pdf, tmp_path) for pdf in pdfs]
    assert any(count % 2 for count in counts), "the example documents no longer test the padding"
    padded = [count + count % 2 for count in counts]
    merged = merge_pdf(pdfs, duplex=True)
    pages = _pages(merged, tmp_path)
    assert len(pages) == sum(padded)
    for start, count, pad in zip(_first_pages(padded), counts, padded, strict=True):
        assert start % 2 == 0 and "ПРИКАЗ" in pages[start]  # an odd page number of the stack: the right hand
        assert [_number(page) for page in pages[start:start + count]] == _numbering([count])
        assert all(not page.strip() for page in pages[start + count:start + pad])
    reader = PdfReader(io.BytesIO(merged))
    assert {_size(page) for page in reader.pages} == {_size(page) for page in PdfReader(io.BytesIO(pdfs[0])).pages}
    assert not reader.outline  # no titles, no bookmarks


def test_merged_pdf_pages_look_like_the_originals(pdfs, tmp_path):
    """Page images at 50 dpi: the merged file's pages are its documents' pages, pixel for pixel."""
    merged = merge_pdf(pdfs)

    def images(pdf: bytes, name: str) -> list[bytes]:
        folder = tmp_path / name
        folder.mkdir()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(_file(pdf, tmp_path)), str(folder / "page")],
                       check=True)
        return [path.read_bytes() for path in sorted(folder.iterdir())]

    originals = [image for number, pdf in enumerate(pdfs) for image in images(pdf, f"original-{number}")]
    assert images(merged, "merged") == originals


def test_merged_docx_gives_each_document_a_section_numbered_from_1(rendered, pdfs, converter, tmp_path):
    merged = merge_docx([document.content for document in rendered])
    document = Document(io.BytesIO(merged))
    assert len(document.sections) == len(DOCUMENTS)
    headers = set()
    for section in document.sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.start_type == WD_SECTION_START.NEW_PAGE
        assert section.different_first_page_header_footer
        assert not section.header.is_linked_to_previous and not section.first_page_header.is_linked_to_previous
        assert "PAGE" in section.header._element.xml
        headers.add(section.header.part.partname)
    assert len(headers) == len(DOCUMENTS)  # each section its own copy of its document's header
    text = " ".join(paragraph.text for paragraph in document.paragraphs)
    assert text.count("ПРИКАЗЫВАЮ:") == len(DOCUMENTS)

    pages = _pages(converter.convert(merged), tmp_path)
    counts = [_page_count(pdf, tmp_path) for pdf in pdfs]
    assert len(pages) == sum(counts)
    assert [_number(page) for page in pages] == _numbering(counts)
    for start, original in zip(_first_pages(counts), rendered, strict=True):
        assert " ".join(original.heading.split()[:3]) in " ".join(pages[start].split())


def test_merged_docx_of_every_kind_prints_what_the_merged_pdfs_print(converter, tmp_path):
    """Every kind of the catalogue, its example, in one file both ways: the same pages with the same text,
    though the kinds' styles differ (a consent's body text is 12 pt where an order's is 14 pt)."""
    documents = [render(template_id, get_template(template_id).example).content for template_id in catalogue()]
    by_pdf = _pages(merge_pdf(converter.convert_many(documents)), tmp_path)
    by_docx = _pages(converter.convert(merge_docx(documents)), tmp_path)
    assert [" ".join(page.split()) for page in by_docx] == [" ".join(page.split()) for page in by_pdf]


def test_merged_docx_keeps_each_documents_headers_sections_and_images(rendered, converter, pdfs, tmp_path):
    """A document without headers shows none (not the previous order's page number), and ending on a table
    its section closes in a paragraph of its own; one of two sections, a header with a picture over both
    and a landscape second page, keeps all of that."""
    bare = Document()
    bare.add_paragraph("Документ без колонтитулов")
    bare.add_table(1, 2)
    two = Document()
    subprocess.run(["pdftoppm", "-r", "10", "-png", "-singlefile", str(_file(pdfs[1], tmp_path)),
                    str(tmp_path / "picture")], check=True)
    header = two.sections[0].header.paragraphs[0]
    header.add_run("Шапка с эмблемой ")
    header.add_run().add_picture(str(tmp_path / "picture.png"), width=Mm(10))
    two.add_paragraph("Книжный лист")
    landscape = two.add_section(WD_SECTION_START.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = landscape.page_height, landscape.page_width
    two.add_paragraph("Альбомный лист")
    files = [rendered[1].content]
    for document in (bare, two):
        buffer = io.BytesIO()
        document.save(buffer)
        files.append(buffer.getvalue())

    merged = merge_docx(files)
    assert len(Document(io.BytesIO(merged)).sections) == 4
    pdf = converter.convert(merged)
    pages = _pages(pdf, tmp_path)
    assert len(pages) == 5
    assert [_number(page) for page in pages[:3]] == [None, 2, None]
    assert pages[2].split() == ["Документ", "без", "колонтитулов"]
    assert "Шапка с эмблемой" in pages[3] and "Книжный лист" in pages[3]
    assert "Шапка с эмблемой" in pages[4] and "Альбомный лист" in pages[4]
    sizes = [_size(page) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert sizes[3][0] < sizes[3][1] and sizes[4][0] > sizes[4][1]
    path = _file(pdf, tmp_path)
    for number in (4, 5):
        listing = subprocess.run(["pdfimages", "-list", "-f", str(number), "-l", str(number), str(path)],
                                 check=True, capture_output=True, text=True).stdout
        assert len(listing.splitlines()) == 3, listing  # the two heading lines and the picture


def test_unreadable_files_are_named_in_russian(pdfs, rendered):
    with pytest.raises(ValueError, match="Документ «Согласие» не объединён: это не PDF"):
        merge_pdf([pdfs[0], b"not a pdf"], ["Приказ", "Согласие"])
    with pytest.raises(ValueError, match="Документ № 2 не объединён: это не PDF"):
        merge_pdf([pdfs[0], rendered[0].content])
    with pytest.raises(ValueError, match="Документ № 1 не объединён: это не DOCX"):
        merge_docx([pdfs[0], rendered[0].content])
    with pytest.raises(ValueError, match="Документ «Лист ознакомления» не объединён: это не DOCX"):
        merge_docx([rendered[0].content, b""], ["Приказ", "Лист ознакомления"])
    for merge in (merge_pdf, merge_docx):
        with pytest.raises(ValueError, match="Нечего объединять"):
            merge([])
