"""One print file of several documents — all the programmes of a year, an order with its attachments,
consents and acquaintance sheet — each document starting on a new page and numbering its pages itself.

:func:`merge_pdf` concatenates the documents' PDFs (pypdf): each page keeps the number its document
printed on it, and with ``duplex`` every document starts on a right-hand page. :func:`merge_docx` joins
the DOCX files (docxcompose) into one that a school can still edit, each document a section of its own
whose page numbers restart at 1. Joining 50 PDFs takes a fraction of a second; joining 50 DOCX files takes
seconds, and a LibreOffice conversion of the whole file besides (the «merge» section of
``docs/benchmarks.md``).
"""

import io
import zipfile
from copy import deepcopy

from docx import Document
from docx.enum.section import WD_HEADER_FOOTER, WD_SECTION_START
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from docxcompose.composer import Composer
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

# What python-docx raises for bytes that are not a Word document: not a ZIP, a ZIP without a document
# part, another Office format, broken XML.
_NOT_DOCX = (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError)
# A section's headers and footers: kind (``header`` for ``w:headerReference``), relationship type, part class,
# part name.
_STORIES = (("header", RT.HEADER, HeaderPart, "/word/header%d.xml"),
            ("footer", RT.FOOTER, FooterPart, "/word/footer%d.xml"))
# Section starts that begin a new page (an odd or even page one too, as the document asks).
_NEW_PAGE = (WD_SECTION_START.NEW_PAGE, WD_SECTION_START.ODD_PAGE, WD_SECTION_START.EVEN_PAGE)
# Attributes naming a relationship (``r:id``, ``r:embed``…) start so.
_R = f"{{{nsmap['r']}}}"
# What follows ``w:pgNumType`` in ``w:sectPr`` (ECMA-376 §17.6.17), where it must be inserted before.
_AFTER_PG_NUM_TYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                      "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def merge_pdf(pdfs: list[bytes], titles: list[str] | None = None, duplex: bool = False) -> bytes:
    """One PDF (bytes) of the pages of ``pdfs`` (each the bytes of a .pdf file), in their order.

    ``titles`` (one per document) make the merged file's outline: a bookmark at each document's first
    page, with that document's own bookmarks under it. With ``duplex`` a document with an odd number of
    pages is followed by a blank page of its last page's size, so that the next one starts on a
    right-hand page when printed on both sides.

    Raises ``ValueError`` with a Russian message when there is no document, or when one is not a
    readable PDF or has no pages (the message names it by its title, else by its number from 1);
    ``ValueError`` also when ``titles`` does not give one title per document.
    """
    names = _names(len(pdfs), titles)
    writer = PdfWriter()
    for index, data in enumerate(pdfs):
        try:
            reader = PdfReader(io.BytesIO(data))
            count = len(reader.pages)
            if count:
                # pypdf reads a page's objects only as it copies them: a damaged one fails here.
                writer.append(reader, titles[index] if titles else None)
        except PyPdfError as error:  # the chained error says what pypdf found, for the log
            raise ValueError(f"Документ {names[index]} не объединён: это не PDF или файл повреждён.") from error
        if count == 0:
            raise ValueError(f"Документ {names[index]} не объединён: в PDF нет страниц.")
        if duplex and count % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(box.width, box.height)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def merge_docx(docxs: list[bytes], titles: list[str] | None = None) -> bytes:
    """One DOCX (bytes) of the documents ``docxs`` (each the bytes of a .docx file), in their order.

    Each document keeps its sections, the first of which starts on a new page (a «next page» break unless
    it asks for an odd or even page) and numbers its pages from 1 (``w:pgNumType w:start="1"``); every
    section keeps its page size and margins, headers and footers (the first-page ones too, ``w:titlePg``).
    A document's first section that has no header or footer of a kind gets an empty one rather than the
    previous document's. Styles, lists and images come along through docxcompose, each document keeping
    its own look where its styles differ from the first one's; document-wide settings (document defaults,
    even-page headers) and the file's properties, its title included, are the first document's.

    ``titles`` (one per document) only name documents in errors. Raises ``ValueError`` with a Russian
    message when there is no document or one is not a readable DOCX (named by its title, else by its
    number from 1); ``ValueError`` also when ``titles`` does not give one title per document.
    """
    names = _names(len(docxs), titles)
    documents = []
    for data, name in zip(docxs, names, strict=True):
        try:
            documents.append(Document(io.BytesIO(data)))
        except _NOT_DOCX as error:
            raise ValueError(f"Документ {name} не объединён: это не DOCX или файл повреждён.") from error
    master, *others = documents
    _restart_page_numbers(_section_properties(master)[0])
    # Without preserve_styles a style the first document has too is the first document's: a consent's 12 pt
    # body text would come out in the orders' 14 pt, and run to another page.
    composer = Composer(master, preserve_styles=True)
    empty: dict[str, str] = {}
    for document in others:
        _append(composer, document, empty)
    buffer = io.BytesIO()
    master.save(buffer)
    return buffer.getvalue()


def _names(count: int, titles: list[str] | None) -> list[str]:
    """How errors name each document: «„О назначении куратора…“» or «№ 2»."""
    if count == 0:
        raise ValueError("Нечего объединять: не выбран ни один документ.")
    if titles is None:
        return [f"№ {number}" for number in range(1, count + 1)]
    if len(titles) != count:
        raise ValueError(f"{len(titles)} titles for {count} documents")
    return [f"«{title}»" for title in titles]


def _section_properties(document) -> list:
    """The ``w:sectPr`` of each section of ``document``'s body, in order: those that close a section
    inside the text (in a paragraph's properties), then the body's own, which closes the last one."""
    body = document.element.body
    return [*body.xpath("./w:p/w:pPr/w:sectPr | ./w:sdt/w:sdtContent/w:p/w:pPr/w:sectPr"),
            *body.xpath("./w:sectPr")]


def _append(composer: Composer, document, empty: dict[str, str]) -> None:
    """Append ``document`` to the composed one as sections of its own.

    docxcompose copies the body but drops every header and footer reference, and the composed
    document's last section properties go on covering what is appended: the appended document would
    show the previous one's headers and go on with its page numbers. So the previous document's last
    section properties move into its last paragraph, closing its section there, and each section of
    this document gets its own properties back, pointing at copies of its own header and footer parts.
    ``empty`` holds the relationship ids of the empty header and footer, made once per merge.
    """
    body = composer.doc.element.body
    last = body.xpath("./w:sectPr")[0]
    previous_last, end = deepcopy(last), body.index(last)  # the previous documents are body[:end]
    sections_before = len(_section_properties(composer.doc))
    own = [deepcopy(properties) for properties in _section_properties(document)]

    composer.append(document)

    # After the append: docxcompose maps the appended document's styles to the composed one's only now.
    for properties in own:
        _copy_stories(composer, document, properties)
    _add_empty_stories(composer, own[0], empty)
    _restart_page_numbers(own[0])
    if own[0].start_type not in _NEW_PAGE:
        own[0].start_type = WD_SECTION_START.NEW_PAGE
    _close_section(body, end, previous_last)
    for placed, properties in zip(_section_properties(composer.doc)[sections_before:], own, strict=True):
        placed.getparent().replace(placed, properties)


def _close_section(body, end: int, properties) -> None:
    """End the section whose content is ``body[:end]`` with ``properties``: in its last paragraph, or
    in a new empty one after a closing table or a paragraph that already ends a section."""
    last = body[end - 1]
    if last.tag != qn("w:p") or last.xpath("./w:pPr/w:sectPr"):
        last = OxmlElement("w:p")
        body.insert(end, last)
    last.set_sectPr(properties)


def _copy_stories(composer: Composer, document, properties) -> None:
    """Copy the header and footer parts that ``properties`` (a section of ``document``) refers to into
    the composed document, with the styles they use that it lacks and the parts they refer to (images),
    and refer to the copies."""
    package = composer.doc.part.package
    for kind, reltype, part_class, partname in _STORIES:
        for reference in properties.findall(qn(f"w:{kind}Reference")):
            source = document.part.related_parts[reference.get(qn("r:id"))]
            element = deepcopy(source.element)
            composer.add_styles(document, element)
            # A part of its class, not docxcompose's plain copy: docxcompose reads the XML of the
            # composed document's headers and footers on every later append.
            copy = part_class(package.next_partname(partname), source.content_type, element, package)
            reference.set(qn("r:id"), composer.doc.part.relate_to(copy, reltype))
            # Related first: docxcompose names each part it copies after those it finds in the package,
            # which the parts copied for this header are only once the header is in it.
            rids = {rel.rId: composer.add_relationship(source, copy, rel).rId for rel in source.rels.values()}
            for node in element.iter(etree.Element):
                for name, value in node.attrib.items():
                    if name.startswith(_R) and value in rids:
                        node.set(name, rids[value])


def _add_empty_stories(composer: Composer, properties, empty: dict[str, str]) -> None:
    """Give a document's first section an empty header or footer of each kind it shows but does not
    define: a section without one would show the previous section's, here another document's."""
    pages = [WD_HEADER_FOOTER.PRIMARY]
    if properties.titlePg_val:
        pages.append(WD_HEADER_FOOTER.FIRST_PAGE)
    if composer.doc.settings.odd_and_even_pages_header_footer:
        pages.append(WD_HEADER_FOOTER.EVEN_PAGE)
    for kind, reltype, part_class, _ in _STORIES:
        for page in pages:
            if getattr(properties, f"get_{kind}Reference")(page) is None:
                if reltype not in empty:
                    empty[reltype] = composer.doc.part.relate_to(part_class.new(composer.doc.part.package), reltype)
                getattr(properties, f"add_{kind}Reference")(page, empty[reltype])


def _restart_page_numbers(properties) -> None:
    """Number the section's pages from 1, keeping the number format it has."""
    numbering = properties.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        properties.insert_element_before(numbering, *_AFTER_PG_NUM_TYPE)
    numbering.set(qn("w:start"), "1")
