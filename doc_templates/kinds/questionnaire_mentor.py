"""The questionnaire blank (``questionnaire-mentor``; ``questionnaire-mentee`` is built the same): A4 portrait,
Times New Roman — the title 14 pt, the rest 12 pt. The organisation at the top, the set's title and the stage
of monitoring centred, the introduction, «ФИО (необязательно)», «Должность» and the date with lines to write
on, how to mark a score, then the questions, numbered: a scaled one followed by a row of boxes 1…5 or 1…10
to circle, a closed one by its choices each with a box to tick, an open one by lines to write the answer on.
A question stays on the page of its answer space; the end thanks the respondent.
"""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt

from doc_templates.build import TEXT_WIDTH, _control, _para, _row_properties, kept_block, organization_block
from doc_templates.kinds.programme import close_block

SIZE = 12
#: The width of a scale's box: ten fit 10 cm, five are a little wider.
BOX_WIDTHS = {5: Cm(1.4), 10: Cm(1.0)}
#: Where a line to write on ends inside a question's block: short of the text width, as LibreOffice drops a
#: tab stop at a cell's very edge (and the line with it).
CELL_WIDTH = TEXT_WIDTH - Cm(0.5)


def _text(doc, text: str, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep=False, before=0,
          after=0):
    paragraph = _para(doc, text, align=align, bold=bold, keep=keep, size=SIZE)
    if italic:
        for run in paragraph.runs:
            run.italic = True
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _line(doc, label: str = "", *, keep=False, width=TEXT_WIDTH, before=8):
    """``label`` and a line to ``width`` to write on: a tab with an underscore leader, then a zero-width
    space (LibreOffice draws no leader for a tab that ends a paragraph in a table cell, nor for one followed
    by a space only)."""
    paragraph = _text(doc, f"{label}\t\u200b", align=WD_ALIGN_PARAGRAPH.LEFT, keep=keep, before=before)
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    return paragraph


def _scale(cell, top: int):
    """A row of boxes 1…``top`` to circle one, centred under its question in ``cell`` (python-docx puts the
    empty paragraph a cell must end with after it)."""
    table = cell.add_table(rows=1, cols=top)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = BOX_WIDTHS[top]
    for number, (column, box) in enumerate(zip(table.columns, table.rows[0].cells, strict=True), start=1):
        column.width = box.width = width
        paragraph = box.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(3)
        run = paragraph.add_run(str(number))
        run.font.size = Pt(SIZE)
    _row_properties(table.rows[0])
    cell.paragraphs[-1].paragraph_format.line_spacing = Pt(6)


def build(doc):
    organization_block(doc)
    _para(doc, "{{ title }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _control(doc, "{%p if stage %}")
    _text(doc, "{{ stage }}", align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _control(doc, "{%p endif %}")
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, size=SIZE)
    _control(doc, "{%p for line in intro %}")
    _text(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    _line(doc, "ФИО (необязательно): ", keep=True)
    _line(doc, "Должность: ", keep=True)
    _text(doc, "Дата заполнения: {{ date }}", align=WD_ALIGN_PARAGRAPH.LEFT, before=8)
    _control(doc, "{%p if scale_hint %}")
    _text(doc, "{{ scale_hint }}", italic=True, before=10)
    _control(doc, "{%p endif %}")
    _text(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.line_spacing = Pt(6)

    # Each question with its answer space in an unsplittable row (doc_templates.build.kept_block): a
    # question never stands at the foot of a page with its boxes or lines on the next.
    _control(doc, "{%p for q in questions %}")
    cell = kept_block(doc)
    _text(cell, "{{ q.index }}. {{ q.text }}", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=4)
    _control(cell, "{%p if q.kind == 'scaled' and scale == 5 %}")
    _scale(cell, 5)
    _control(cell, "{%p elif q.kind == 'scaled' %}")
    _scale(cell, 10)
    _control(cell, "{%p elif q.kind == 'closed' %}")
    _control(cell, "{%p for line in q.choices %}")
    _text(cell, "{{ line }}", align=WD_ALIGN_PARAGRAPH.LEFT, before=2).paragraph_format.left_indent = Cm(0.6)
    _control(cell, "{%p endfor %}")
    _control(cell, "{%p else %}")
    _control(cell, "{%p for line in q.lines %}")
    _line(cell, width=CELL_WIDTH, before=14)
    _control(cell, "{%p endfor %}")
    _control(cell, "{%p endif %}")
    # A cell ends with a paragraph (Word refuses a cell ending with the scale's table).
    _text(cell, "", align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.line_spacing = Pt(6)
    close_block(cell)
    _text(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.line_spacing = Pt(6)
    _control(doc, "{%p endfor %}")

    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, size=SIZE)
    _text(doc, "Благодарим за участие в анкетировании!", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
