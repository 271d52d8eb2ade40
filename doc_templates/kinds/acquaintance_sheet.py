"""The acquaintance sheet «Лист ознакомления с приказом от … № … «…»» (DOMAIN.md §1, §5): the organisation,
the title, and a table — № п/п, Фамилия, имя, отчество, Должность, «ознакомлен» / «ознакомлена» agreeing
with each person, Дата and Подпись left blank to fill in by hand. Everyone the order names but the head who
signed it, in the nominative. The heading row repeats on every page; a row never splits and is tall
enough for a signature."""

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from doc_templates.build import _grid, _para, _rows

WIDTHS = (Cm(1.2), Cm(3.9), Cm(3.5), Cm(3.4), Cm(2.0), Cm(2.5))
HEADERS = ("№\nп/п", "Фамилия, имя, отчество", "Должность", "Ознакомлен(а)", "Дата", "Подпись")


def build(doc) -> None:
    _para(doc, "{{ org.full_name }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "Лист ознакомления", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, "{{ title }}", align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    table = _grid(doc, HEADERS, WIDTHS)
    blank = [""] * (len(WIDTHS) - 1)
    _rows(table, [["{%tr for row in people %}", *blank],
                  ["{{ row.index }}", "{{ row.full }}", "{{ row.post }}", "{{ row.acquainted }}", "", ""],
                  ["{%tr endfor %}", *blank]], WIDTHS)
    person = table.rows[2]
    person.height, person.height_rule = Cm(1.0), WD_ROW_HEIGHT_RULE.AT_LEAST
    person.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    person.cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
