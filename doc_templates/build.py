"""Write the default order templates: ``python -m doc_templates.build``.

Layout per GOST R 7.0.97-2025 and school practice (DOMAIN.md §3): A4; margins 30 mm left, 20 mm top
and bottom, 15 mm right; Times New Roman 14 pt; organisation name, «ПРИКАЗ», date left and number
right on one line, place, heading «О …», preamble, «ПРИКАЗЫВАЮ:», numbered items, the head's position
at the left margin and «И.О. Фамилия» at the right, then «С приказом ознакомлен(а, ы):». Pages are
numbered from the second, centred in the top margin (GOST R 7.0.97: the first page carries no number);
the last two items and the signature share a borderless table row that never splits (see
:func:`_signature`) and the acquaintance heading keeps with its table, so that no page holds a lone item
or the signature alone; the attachment begins a page of its own. Every style, run and the file itself are
Russian (``ru-RU``), so that Word checks spelling and hyphenates in Russian.

The Jinja tags inside are docxtpl's; each tag stays within one run so Word edits keep them whole. The
sentences whose words agree with the number and gender of the people named come from
:mod:`service.documents.context`; the rest of the wording is here and in the .docx, for a school to edit.
"""

import datetime as dt
import importlib
import json
import re
import sys
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from doc_templates import FOLDER
from service.documents.context import typeset

TEXT_WIDTH = Mm(210 - 30 - 15)
NBSP = "\u00a0"
LANGUAGE = {"w:val": "ru-RU", "w:eastAsia": "ru-RU", "w:bidi": "ar-SA"}
FONT = "Times New Roman"
_TAG = re.compile(r"({{.*?}}|{%.*?%})")
# What may follow <w:lang> inside <w:rPr> (the element sequence of CT_RPr, ECMA-376 Part 1).
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


def _typeset_literal(text: str) -> str:
    """Typeset the template's own words, leaving the Jinja tags as they are (their values are typeset
    when the order is rendered)."""
    return "".join(part if _TAG.fullmatch(part) else typeset(part) for part in _TAG.split(text))


def _set_language(rpr) -> None:
    """Put ``<w:lang w:val="ru-RU" …/>`` into a run-properties element, in its schema place."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_AFTER_LANG)
    for name, value in LANGUAGE.items():
        lang.set(qn(name), value)


def _document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance = Mm(10)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.rPr.rFonts
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = True
    _russian(doc)
    _page_numbers(doc)
    return doc


def _russian(doc) -> None:
    """ru-RU in the document defaults, every style, the theme font language and the core properties."""
    styles = doc.styles.element
    _set_language(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            _set_language(style.get_or_add_rPr())
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    theme_lang.set(qn("w:val"), "ru-RU")
    theme_lang.set(qn("w:eastAsia"), "ru-RU")
    doc.core_properties.language = "ru-RU"


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (``PAGE``) as begin/instruction/separate/result/end runs, which Word and LibreOffice
    both update on opening and printing; ``shown`` is the result until then."""
    def run_with(tag: str, **attributes) -> OxmlElement:
        run = paragraph.add_run()
        run.font.size = Pt(12)
        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(qn(name), value)
        run._r.append(element)
        return element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText", **{"xml:space": "preserve"}).text = f" {instruction} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    run_with("w:t").text = shown
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _page_numbers(doc) -> None:
    """GOST R 7.0.97: page numbers from the second page, centred in the top margin. The first page has
    its own, empty header (``w:titlePg``)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", "2")


def _para(doc, text="", *, align=None, bold=False, indent=True, tab=False, keep=False, whole=True, size=None):
    """A paragraph of ``doc`` (the document or a table cell): justified with a 1.25 cm first-line indent
    unless ``align`` is given; ``keep`` keeps it on the page of the next one; ``whole`` keeps its lines on
    one page."""
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    if tab:
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.paragraph_format.keep_with_next = keep or None
    paragraph.paragraph_format.keep_together = whole or None
    if text:
        run = paragraph.add_run(_typeset_literal(text))
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def _control(doc, tag):
    """A paragraph holding only a docxtpl block tag ({%p …%}); docxtpl removes it on rendering. ``doc``:
    the document or a table cell, as for :func:`_para`."""
    doc.add_paragraph(tag)


def organization_block(doc):
    """The founder (when given), the organisation's full name centred and bold, its short name in
    brackets below (when it has one), then an empty line: the top of every document."""
    _control(doc, "{%p if org.founder %}")
    _para(doc, "{{ org.founder }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _control(doc, "{%p endif %}")
    _para(doc, "{{ org.full_name }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _control(doc, "{%p if org.short_name != org.full_name %}")
    _para(doc, "({{ org.short_name }})", align=WD_ALIGN_PARAGRAPH.CENTER)
    _control(doc, "{%p endif %}")
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)


def _header(doc):
    organization_block(doc)
    _para(doc, "ПРИКАЗ", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=16)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"{{{{ order.date }}}}\t№{NBSP}{{{{ order.number }}}}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)
    _para(doc, "{{ org.locality }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
    heading = _para(doc, "{{ heading }}", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True)
    heading.paragraph_format.right_indent = Mm(60)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)


def paragraphs(doc, name: str):
    """One paragraph for each string of the context's list ``name`` (the preamble, an order's items)."""
    _control(doc, f"{{%p for line in {name} %}}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")


def _preamble(doc):
    paragraphs(doc, "preamble")


def _orders(doc):
    _para(doc)
    _para(doc, "ПРИКАЗЫВАЮ:", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, keep=True)


def _optional(doc, name: str):
    """An item printed when ``n.<name>`` (its number) is set: «5. <text>»."""
    _control(doc, f"{{%p if n.{name} %}}")
    _para(doc, f"{{{{ n.{name} }}}}. {{{{ {name} }}}}")
    _control(doc, "{%p endif %}")


def _signature(doc, closing: Callable[[object], None]):
    """The end of an order: its last two items (written into the cell by ``closing``), two blank lines and
    the head's signature — the position at the left margin, «И.О. Фамилия» at the right — in one row of a
    borderless one-cell table that never splits (``w:cantSplit``) and spans the text width with no cell
    margins, so that it reads as the paragraphs around it. No page then holds the signature alone or with
    a single item (GOST R 7.0.97; issue 8).

    Why a table and not «keep with next» paragraphs: LibreOffice, which prints the PDF, carries a chain of
    kept paragraphs over to the next page only in part — when the item before the signature still fits
    at the foot of a page and the signature does not, it moved the signature alone, or with one item
    (LibreOffice 7.4: 37 of 960 orders of realistic lengths — 1–4 pairs and curator orders, with and without
    a founder, a regional act, a Положение, the head as curator — and 8 of 96 orders shifted line by line
    over a page; even a signature table kept with two paragraphs lost one of them once in 247). An
    unsplittable row moves whole, in LibreOffice as in Word: none of these layouts splits it."""
    cell = kept_block(doc)
    empty = cell.paragraphs[0]
    closing(cell)
    empty._p.getparent().remove(empty._p)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, "{{ head_title }}\t{{ head.signature }}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)


def no_margins(table) -> None:
    """A table at the left margin with no cell margins: its text lines up with the paragraphs around it.
    (In the schema's order of <w:tblPr>, ECMA-376 Part 1, CT_TblPr: Word refuses a file out of order.)"""
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    properties = table._tbl.tblPr
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(indent, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                     "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def kept_block(doc, width=TEXT_WIDTH):
    """A borderless one-cell table ``width`` wide (the portrait text's width unless told), no cell
    margins, its one row never split (``w:cantSplit``): what is written into the returned cell stays
    on one page and reads as the paragraphs around it (see :func:`_signature` for why a table and not
    «keep with next»). The cell starts with an empty paragraph, for the caller to remove once its own
    are added."""
    table = doc.add_table(rows=1, cols=1)
    table.autofit = False
    no_margins(table)
    table.columns[0].width = width
    cell = table.rows[0].cells[0]
    cell.width = width
    _row_properties(table.rows[0])
    return cell


def itemised_order(doc):
    """An order whose items come whole from its contract (``items``, and ``closing``: the last two, kept
    with the signature): header, preamble, «ПРИКАЗЫВАЮ:», the items, the signature, the acquaintance
    block."""
    _header(doc)
    _preamble(doc)
    _orders(doc)
    paragraphs(doc, "items")
    _signature(doc, lambda cell: paragraphs(cell, "closing"))
    _acquaintance(doc)


def _cell_text(cell, text, *, bold=False):
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(_typeset_literal(text))
    run.bold = bold or None
    run.font.size = Pt(12)
    return paragraph


def _row_properties(row, *, header=False):
    """Rows never split across pages; a header row repeats on every page of the table."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        properties.append(OxmlElement(tag))


def _grid(doc, headers, widths):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        _cell_text(cell, text, bold=True).alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The heading row stays with the first row of people.
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    _row_properties(table.rows[0], header=True)
    return table


def _rows(table, rows, widths):
    """docxtpl table rows: each entry of ``rows`` is a list of cell texts; a row whose first cell is a
    ``{%tr …%}`` tag is dropped on rendering, the rows between repeat."""
    for texts in rows:
        row = table.add_row()
        _row_properties(row)
        for cell, text, width in zip(row.cells, texts, widths, strict=True):
            cell.width = width
            _cell_text(cell, text)


def _acquaintance(doc):
    _control(doc, "{%p if people %}")
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    _para(doc, "{{ acquainted }}:", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    widths = (Cm(1.0), Cm(8.0), Cm(3.75), Cm(3.75))
    table = _grid(doc, ("№", "Фамилия, инициалы", "Подпись", "Дата"), widths)
    blank = [""] * (len(widths) - 1)
    _rows(table, [["{%tr for person in people %}", *blank], ["{{ loop.index }}", "{{ person.short }}", "", ""],
                  ["{%tr endfor %}", *blank]], widths)
    _control(doc, "{%p endif %}")


CURATOR_DUTIES = (
    # (to a curator who is not the head: what to do; the head as curator: what the duties are)
    ("организовать формирование базы наставников и базы наставляемых, сбор их профессиональных запросов "
     "и письменных согласий",
     "организация формирования базы наставников и базы наставляемых, сбор их профессиональных запросов "
     "и письменных согласий"),
    ("подготовить проекты приказов о закреплении наставнических пар (групп)",
     "подготовка проектов приказов о закреплении наставнических пар (групп)"),
    ("обеспечить разработку и реализацию персонализированных программ наставничества",
     "обеспечение разработки и реализации персонализированных программ наставничества"),
    ("проводить мониторинг реализации программ наставничества и представлять его результаты "
     "{{ head.position.datv }} по итогам каждого полугодия",
     "проведение мониторинга реализации программ наставничества по итогам каждого полугодия"),
    ("обеспечить информационное сопровождение системы наставничества на официальном сайте организации",
     "информационное сопровождение системы наставничества на официальном сайте организации"),
)


def _duties(doc, which: int, numbers: range):
    """Sub-items ``numbers`` of item 2: ``which`` 0 — to a curator who is not the head, 1 — the head's."""
    for number in numbers:
        last = number == len(CURATOR_DUTIES)
        _para(doc, f"2.{number}. {CURATOR_DUTIES[number - 1][which]}{'.' if last else ';'}")


def curator_order(doc):
    _header(doc)
    _preamble(doc)
    _orders(doc)
    every_duty_but_last = range(1, len(CURATOR_DUTIES))
    _control(doc, "{%p if head_is_curator %}")
    # The head does not appoint or instruct himself: he takes the duties on.
    _para(doc, "1. Обязанности куратора реализации программ наставничества педагогических работников "
               "в {{ org.short.loct }} {{ order.effective }} возлагаю на себя.")
    _para(doc, "2. В обязанности куратора входят:", keep=True)
    _duties(doc, 1, every_duty_but_last)
    _control(doc, "{%p else %}")
    _para(doc, "1. Назначить {{ order.effective }} куратором реализации программ наставничества педагогических "
               "работников в {{ org.short.loct }} {{ curator.titled.accs }}.")
    _para(doc, "2. Куратору {{ curator.short.datv }}:", keep=True)
    _duties(doc, 0, range(1, len(CURATOR_DUTIES) + 1))
    _control(doc, "{%p endif %}")

    def closing(cell):
        last_duty = range(len(CURATOR_DUTIES), len(CURATOR_DUTIES) + 1)
        _control(cell, "{%p if head_is_curator %}")
        _duties(cell, 1, last_duty)
        _para(cell, "3. Контроль за исполнением настоящего приказа оставляю за собой.")
        _control(cell, "{%p else %}")
        _para(cell, "3. Куратору {{ curator.short.datv }} в своей деятельности руководствоваться Положением о "
                    "системе наставничества педагогических работников {{ org.short.gent }}.")
        _para(cell, "4. Контроль за исполнением настоящего приказа оставляю за собой.")
        _control(cell, "{%p endif %}")

    _signature(doc, closing)
    _acquaintance(doc)


def pairs_order(doc):
    _header(doc)
    _preamble(doc)
    _orders(doc)
    _control(doc, "{%p for line in assignment %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    for name in ("consent", "programme", "addendum", "incentive", "support", "reporting"):
        _optional(doc, name)

    def closing(cell):
        _para(cell, "{{ n.attachment }}. Утвердить {{ attachment_title|lower }} (приложение № 1).")
        _para(cell, "{{ n.control }}. {{ control }}")

    _signature(doc, closing)
    _acquaintance(doc)
    _attachment(doc)


def _attachment(doc):
    """Attachment № 1 on its own page, in the nominative (DOMAIN.md §5): one row per mentee, the
    number, mentor, form and term merged over the rows of a group."""
    # «Page break before», not a paragraph holding a page break: that paragraph's mark would open the
    # attachment's page with an empty line in Word, and a whole empty page when the acquaintance table
    # fills its page to the foot.
    _para(doc, "Приложение № 1", align=WD_ALIGN_PARAGRAPH.RIGHT).paragraph_format.page_break_before = True
    _para(doc, f"к приказу от{NBSP}{{{{ order.date }}}} №{NBSP}{{{{ order.number }}}}",
          align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ attachment_title }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    widths = (Cm(1.0), Cm(4.8), Cm(4.8), Cm(3.0), Cm(2.9))
    table = _grid(doc, ("№", "Наставник", "{{ mentee_header }}", "Форма", "Срок"), widths)
    blank = [""] * (len(widths) - 1)
    _rows(table, [
        ["{%tr for pair in pairs %}", *blank],
        ["{%tr for mentee in pair.mentees %}", *blank],
        ["{% vm %}{{ pair.index }}", "{% vm %}{{ pair.mentor.cell }}", "{{ mentee.cell }}", "{% vm %}{{ pair.form }}",
         "{% vm %}{{ pair.start }} – {{ pair.end }}"],
        ["{%tr endfor %}", *blank],
        ["{%tr endfor %}", *blank],
    ], widths)


BUILDERS = {"curator-order": curator_order, "pairs-order": pairs_order}


def _end(doc) -> None:
    """A last paragraph one point high. Each order ends with a table (the signature, the acquaintance
    sheet or the attachment), and Word puts a paragraph after a table that ends a document: a paragraph
    of the text's height would turn over to an empty last page when the table ends at the foot of one."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(1)


def _russian_runs(doc) -> None:
    """ru-RU on every run of the body and the headers (Word takes a run's language before its
    style's)."""
    section = doc.sections[0]
    for part in (doc.element.body, section.header._element, section.first_page_header._element):
        for run in part.iter(qn("w:r")):
            _set_language(run.get_or_add_rPr())


def _clean_package(doc, title: str) -> None:
    """Drop what python-docx's default template claims: its thumbnail, «Microsoft Macintosh Word» as
    the application, English in the Word 2010 styles part; the template is Наставник's."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = re.sub(rb"<Application>.*?</Application>", "<Application>Наставник</Application>".encode(),
                                part.blob)
            part._blob = re.sub(rb"<AppVersion>.*?</AppVersion>", b"", part._blob)
        elif part.partname == "/word/stylesWithEffects.xml":
            part._blob = re.sub(rb'w:val="en-US" w:eastAsia="en-US"', b'w:val="ru-RU" w:eastAsia="ru-RU"', part.blob)
    properties = doc.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "Наставник"
    properties.comments = ""
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)


def builder(template_id: str) -> Callable[[Document], None]:
    """The function writing ``template_id``'s body: the orders' here, any other kind's ``build`` in
    ``doc_templates/kinds/<id with underscores>.py``."""
    if template_id in BUILDERS:
        return BUILDERS[template_id]
    return importlib.import_module(f"doc_templates.kinds.{template_id.replace('-', '_')}").build


def main(only: list[str] | None = None) -> None:
    """Write every template of the catalogue, or those whose ids are in ``only``
    (``python -m doc_templates.build programme pd-consent``)."""
    catalogue = json.loads((FOLDER / "catalogue.json").read_text(encoding="utf-8"))
    for entry in catalogue:
        if only and entry["id"] not in only:
            continue
        doc = _document()
        builder(entry["id"])(doc)
        _end(doc)
        _russian_runs(doc)
        _clean_package(doc, entry["title"])
        doc.save(FOLDER / entry["file"])
        print(FOLDER / entry["file"])


if __name__ == "__main__":
    main(sys.argv[1:])
