"""The curator's analytical report (``monitoring-report``, аналитическая справка): A4 portrait, Times New
Roman 14 (the table 12). The organisation, «Аналитическая справка», what and which period it reports on;
the purpose, the period and the methods of monitoring; the indicators in a table, grouped by section; the
charts, each a picture the text's width with its caption «Рисунок N — …» below (kept on the picture's
page); the conclusions and the numbered recommendations; the curator's signature and the date; then, on a
page of its own, the attachment saying how each indicator was computed.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from doc_templates.build import _control, _grid, _para, _row_properties, kept_block, organization_block
from doc_templates.kinds.programme import close_block, heading
from doc_templates.kinds.roadmap import _tag_row, _text

#: № п/п, показатель, значение: 16.5 cm, the text width.
WIDTHS = (Cm(1.1), Cm(10.4), Cm(5.0))
TABLE_SIZE = Pt(12)


def _indicators(doc):
    table = _grid(doc, ("№ п/п", "Показатель", "Значение"), WIDTHS)
    _tag_row(table, "{%tr for section in sections %}")
    _tag_row(table, "{%tr if section.title %}")
    row = table.add_row()
    _row_properties(row)
    cell = row.cells[0].merge(row.cells[-1])
    _text(cell, "{{ section.title }}", bold=True)
    # A section's heading stays on the page of its first indicator.
    cell.paragraphs[0].paragraph_format.keep_with_next = True
    _tag_row(table, "{%tr endif %}")
    _tag_row(table, "{%tr for row in section.rows %}")
    row = table.add_row()
    _row_properties(row)
    number, title, value = row.cells
    _text(number, "{{ row.index }}.", align=WD_ALIGN_PARAGRAPH.CENTER)
    _text(title, "{{ row.title }}")
    _text(value, "{{ row.value }}")
    _tag_row(table, "{%tr endfor %}")
    _tag_row(table, "{%tr endfor %}")


def _charts(doc):
    _control(doc, "{%p if charts %}")
    heading(doc, "Диаграммы")
    _control(doc, "{%p for chart in charts %}")
    picture = _para(doc, "{{ pictures[chart.picture] }}", align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    picture.paragraph_format.space_before = Pt(6)
    caption = _para(doc, "Рисунок {{ chart.number }} — {{ chart.title }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    caption.paragraph_format.space_after = Pt(6)
    _control(doc, "{%p endfor %}")
    _control(doc, "{%p endif %}")


def _lines(doc, name: str, title: str, mark: str = ""):
    """A heading and a paragraph for each line of the context's list ``name``, after ``mark`` («– »)."""
    heading(doc, title)
    _control(doc, f"{{%p for line in {name} %}}")
    _para(doc, mark + "{{ line }}")
    _control(doc, "{%p endfor %}")


def build(doc):
    organization_block(doc)
    for line in ("{{ heading }}", "{{ subject }}", "за {{ period }}"):
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _lines(doc, "purpose", "Цель мониторинга")
    heading(doc, "Период мониторинга")
    _para(doc, "{{ span }}")
    _lines(doc, "methods", "Методы мониторинга", "– ")
    heading(doc, "Показатели реализации программ наставничества")
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    _indicators(doc)
    _charts(doc)
    _lines(doc, "conclusions", "Выводы")
    _lines(doc, "recommendations", "Рекомендации")
    # The last recommendation, the signature and the date share an unsplittable row: no page holds the
    # signature alone.
    cell = kept_block(doc)
    _para(cell, "{{ last_recommendation }}")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, "{{ curator.position }}\t{{ curator.signature }}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, "{{ date }}", align=WD_ALIGN_PARAGRAPH.LEFT)
    close_block(cell)
    _control(doc, "{%p if notes %}")
    attachment = _para(doc, "Приложение", align=WD_ALIGN_PARAGRAPH.RIGHT)
    attachment.paragraph_format.page_break_before = True
    _para(doc, "к аналитической справке", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "Как рассчитаны показатели", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _control(doc, "{%p for n in notes %}")
    _para(doc, "{{ n.numbers }}. {{ n.title }}. {{ n.note }}", size=12)
    _control(doc, "{%p endfor %}")
    _control(doc, "{%p endif %}")
