"""The district's summary (``district-summary``, seed 003 item 10): landscape A4, as the tables of every
organisation need the width; Times New Roman 14, the tables 10. The body that makes it (an education
department or its methodological centre), «Сводная аналитическая справка», what and which period it
reports on; the purpose and the period; the indicators of every organisation, one row each, with the
district's totals; the regional checklist, one row per organisation and a column per item (the items
explained above the table); the conclusions; the head's signature and the date, kept with the last
conclusion.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from doc_templates.build import (
    _control,
    _grid,
    _para,
    _rows,
    kept_block,
    organization_block,
)
from doc_templates.kinds.programme import close_block, heading
from doc_templates.kinds.roadmap import _landscape

TABLE_SIZE = Pt(10)
#: The text width of landscape A4 with 20 and 15 mm margins.
TEXT_WIDTH = Cm(26.2)
#: The indicators' columns: 26.2 cm, the text width of landscape A4.
INDICATORS = (("№", Cm(0.8), "{{ r.index }}"), ("Организация", Cm(4.0), "{{ r.name }}"),
              ("Наставники, чел.", Cm(2.4), "{{ r.mentors }}"), ("Наставляемые, чел.", Cm(2.6), "{{ r.mentees }}"),
              ("Пары / группы", Cm(1.8), "{{ r.pairs }} / {{ r.groups }}"), ("Действуют", Cm(2.2), "{{ r.active }}"),
              ("Завершены", Cm(2.2), "{{ r.completed }}"), ("Прекращены досрочно", Cm(2.4), "{{ r.terminated }}"),
              ("Мероприятия планов в срок, %", Cm(2.6), "{{ r.on_time }}"),
              ("Изменение балла анкет: наставники", Cm(2.6), "{{ r.mentor_change }}"),
              ("Изменение балла анкет: наставляемые", Cm(2.6), "{{ r.mentee_change }}"))
TOTAL = ("", "Итого организаций: {{ total.organizations }}", "{{ total.mentors }}", "{{ total.mentees }}",
         "{{ total.pairs }} / {{ total.groups }}", "{{ total.active }}", "{{ total.completed }}",
         "{{ total.terminated }}", "", "", "")
HEADER_SIZE = Pt(9)
#: The checklist's columns: №, the organisation, then one per item (11).
ITEM_COLUMNS = 11
CHECKLIST_WIDTHS = (Cm(0.8), Cm(5.5), *[Cm(1.81)] * ITEM_COLUMNS)


def _sized(table) -> None:
    """The heading row of ``table`` in 9 pt, the other cells in 10 pt; all but the organisation's centred."""
    for number, row in enumerate(table.rows):
        for index, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                if index != 1:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.font.size = HEADER_SIZE if number == 0 else TABLE_SIZE


def _indicators(doc):
    widths = [width for _, width, _ in INDICATORS]
    table = _grid(doc, [title for title, _, _ in INDICATORS], widths)
    blank = [""] * (len(widths) - 1)
    _rows(table, [["{%tr for r in rows %}", *blank], [cell for _, _, cell in INDICATORS],
                  ["{%tr endfor %}", *blank], list(TOTAL)], widths)
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _sized(table)


def _checklist(doc):
    # What the columns are, one paragraph kept with the table (a list of items would part from it).
    legend = ("Пункты: {% for item in items %}{{ item.number }} — {{ item.title }}{{ '; ' if not loop.last "
              "else '.' }}{% endfor %} «Есть» — документ или сведения есть в реестре, «нет» — нет, «—» — не "
              "указано.")
    _para(doc, legend, size=12, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    headers = ["№", "Организация", *[str(number) for number in range(1, ITEM_COLUMNS + 1)]]
    table = _grid(doc, headers, CHECKLIST_WIDTHS)
    blank = [""] * (len(CHECKLIST_WIDTHS) - 1)
    marks = [f"{{{{ r.marks[{index}] }}}}" for index in range(ITEM_COLUMNS)]
    _rows(table, [["{%tr for r in rows %}", *blank], ["{{ r.index }}", "{{ r.name }}", *marks],
                  ["{%tr endfor %}", *blank]], CHECKLIST_WIDTHS)
    _sized(table)


def build(doc):
    _landscape(doc)
    organization_block(doc)
    for line in ("{{ heading }}", "{{ subject }}", "за {{ period }}"):
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    heading(doc, "Цель мониторинга")
    _control(doc, "{%p for line in purpose %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    _para(doc, "Период мониторинга: {{ span }} Охвачено образовательных организаций: {{ total.organizations }}.")
    heading(doc, "Показатели реализации программ наставничества")
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    _indicators(doc)
    heading(doc, "Выполнение требований регионального мониторинга (чек-лист)")
    _checklist(doc)
    heading(doc, "Выводы и предложения")
    _control(doc, "{%p for line in conclusions %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    _signature(doc)


def _signature(doc):
    """The last conclusion, the head's signature (at the right margin) and the date in one unsplittable row
    of a borderless table the landscape text's width (:func:`doc_templates.build.kept_block`): no page
    holds the signature alone."""
    cell = kept_block(doc, TEXT_WIDTH)
    _para(cell, "{{ last_conclusion }}")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = _para(cell, "{{ head.position }}\t{{ head.signature }}", align=WD_ALIGN_PARAGRAPH.LEFT)
    signature.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, "{{ date }}", align=WD_ALIGN_PARAGRAPH.LEFT)
    close_block(cell)
