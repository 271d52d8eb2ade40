"""The roadmap (``roadmap``): a landscape A4 page, as the seed roadmaps are laid out. At the top right either
«Приложение № 2 к приказу от … № …» (the roadmap approved by an order, seed 003) or the organisation's name
and the head's stamp «УТВЕРЖДАЮ» (seeds 000, 001); the title «Дорожная карта (план мероприятий) по
реализации Положения … на 2025/2026 учебный год»; then the table — № п/п, мероприятие, срок, ответственный,
результат (документ) — in Times New Roman 12, its heading row repeated on every page, each stage a bold
row across the table kept with its first event, no row split between pages.
"""

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

from doc_templates.build import NBSP, _control, _grid, _para, _row_properties, organization_block
from doc_templates.kinds.programme import SHORT_LINE

#: Landscape A4 with GOST R 7.0.97's margins: 20 mm left, top and bottom, 15 mm right: 262 mm of text.
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
MARGINS = {"left": Mm(20), "right": Mm(15), "top": Mm(20), "bottom": Mm(20)}
#: № п/п, мероприятие, срок, ответственный, результат (документ): 26.2 cm, the text width.
WIDTHS = (Cm(1.6), Cm(9.6), Cm(4.0), Cm(5.3), Cm(5.7))
HEADERS = ("№ п/п", "Мероприятие", "Срок", "Ответственный", "Результат (документ)")
#: Where the block at the top right begins: the last third of the text width.
RIGHT_BLOCK = Cm(17.2)
TABLE_SIZE = Pt(12)


def _landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, margin in MARGINS.items():
        setattr(section, f"{side}_margin", margin)


def _right(doc, text: str) -> None:
    paragraph = _para(doc, text, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    paragraph.paragraph_format.left_indent = RIGHT_BLOCK


def _lines(cell, name: str, *, bold=False) -> None:
    """The paragraphs of the context's list ``name`` in a table cell, 12 pt, at the cell's left edge."""
    first = cell.paragraphs[0]
    cell.add_paragraph(f"{{%p for line in {name} %}}")
    paragraph = _para(cell, "{{ line }}", align=WD_ALIGN_PARAGRAPH.LEFT, bold=bold, size=TABLE_SIZE.pt)
    paragraph.paragraph_format.keep_together = True
    cell.add_paragraph("{%p endfor %}")
    first._p.getparent().remove(first._p)


def _text(cell, text: str, *, align=WD_ALIGN_PARAGRAPH.LEFT, bold=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = TABLE_SIZE


def _tag_row(table, tag: str) -> None:
    """A row holding only a docxtpl row tag (``{%tr … %}``): removed on rendering, the rows between repeat."""
    row = table.add_row()
    _text(row.cells[0], tag)


def _table(doc) -> None:
    table = _grid(doc, HEADERS, WIDTHS)
    _tag_row(table, "{%tr for stage in stages %}")
    _tag_row(table, "{%tr if stage.title %}")
    heading = table.add_row()
    _row_properties(heading)
    cell = heading.cells[0].merge(heading.cells[-1])
    _text(cell, "{{ stage.title }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    # A stage's heading stays on the page of its first event.
    cell.paragraphs[0].paragraph_format.keep_with_next = True
    _tag_row(table, "{%tr endif %}")
    _tag_row(table, "{%tr for event in stage.events %}")
    row = table.add_row()
    _row_properties(row)
    number, activity, deadline, responsible, result = row.cells
    _text(number, "{{ event.index }}.", align=WD_ALIGN_PARAGRAPH.CENTER)
    _lines(activity, "event.activity")
    _text(deadline, "{{ event.deadline }}")
    _text(responsible, "{{ event.responsible }}")
    _lines(result, "event.result")
    _tag_row(table, "{%tr endfor %}")
    _tag_row(table, "{%tr endfor %}")


def build(doc):
    _landscape(doc)
    _control(doc, "{%p if attachment %}")
    _right(doc, "Приложение № 2")
    _right(doc, f"к приказу от{NBSP}{{{{ attachment.date }}}} №{NBSP}{{{{ attachment.number }}}}")
    _control(doc, "{%p else %}")
    organization_block(doc)
    for line in ("УТВЕРЖДАЮ", "{{ stamp.position }}", f"{SHORT_LINE} {{{{ stamp.signature }}}}", "{{ stamp.date }}"):
        _right(doc, line)
    _control(doc, "{%p endif %}")
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in ("{{ heading }}", "{{ subject }}", "на {{ year }}"):
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _table(doc)
