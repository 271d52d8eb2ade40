"""The mentor's report (``mentor-report``): A4 portrait, Times New Roman 14 (tables 12). The organisation at
the top, «Отчёт наставника» and what it reports on, the participants, form and term; then the plan of the
programme with its done marks and how many items were done, the meetings held, the characteristic of each
mentee with the conclusion on readiness, the mentor's conclusions; at the end the date and the signatures of
the mentor and of the curator receiving the report, kept together on one page.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from doc_templates.build import _control, _grid, _para, _rows, kept_block, organization_block
from doc_templates.kinds.programme import close_block, heading, labelled, mentor_and_mentees, signature_line

#: № п/п, мероприятие, срок, отметка о выполнении: 16.5 cm, the text width.
PLAN_WIDTHS = (Cm(0.9), Cm(9.1), Cm(3.3), Cm(3.2))
#: № п/п, дата, вид встречи, тема.
MEETING_WIDTHS = (Cm(0.9), Cm(2.5), Cm(4.1), Cm(9.0))


def _participants(doc):
    mentor_and_mentees(doc)
    labelled(doc, "Форма наставничества: ", "{{ form }}.")
    labelled(doc, "Срок реализации программы: ", "{{ period }}")
    _control(doc, "{%p if early_end %}")
    _para(doc, "{{ early_end }}")
    _control(doc, "{%p endif %}")


def _plan(doc):
    heading(doc, "Выполнение плана мероприятий программы")
    _control(doc, "{%p if plan %}")
    _para(doc, "Выполнено мероприятий плана: {{ done }} из {{ total }}.", keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    table = _grid(doc, ("№", "Мероприятие", "Срок", "Отметка о выполнении"), PLAN_WIDTHS)
    blank = [""] * (len(PLAN_WIDTHS) - 1)
    _rows(table, [["{%tr for item in plan %}", *blank],
                  ["{{ item.index }}", "{{ item.activity }}", "{{ item.deadline }}", "{{ item.done }}"],
                  ["{%tr endfor %}", *blank]], PLAN_WIDTHS)
    for cell in (table.rows[2].cells[0], table.rows[2].cells[3]):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _control(doc, "{%p else %}")
    _para(doc, "План мероприятий персонализированной программы не заполнен.")
    _control(doc, "{%p endif %}")


def _meetings(doc):
    heading(doc, "Встречи наставника и {{ mentee_gent }}")
    _control(doc, "{%p if meetings %}")
    _para(doc, "Проведено встреч: {{ meetings|length }}.", keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    table = _grid(doc, ("№", "Дата", "Вид встречи", "Тема"), MEETING_WIDTHS)
    blank = [""] * (len(MEETING_WIDTHS) - 1)
    _rows(table, [["{%tr for m in meetings %}", *blank],
                  ["{{ m.index }}", "{{ m.date }}", "{{ m.kind }}", "{{ m.topic }}"],
                  ["{%tr endfor %}", *blank]], MEETING_WIDTHS)
    for cell in table.rows[2].cells[:2]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _control(doc, "{%p else %}")
    _para(doc, "Сведений о встречах нет.")
    _control(doc, "{%p endif %}")


def _assessments(doc):
    heading(doc, "Характеристика {{ mentee_gent }}")
    _control(doc, "{%p for a in assessments %}")
    _control(doc, "{%p if is_group %}")
    _para(doc, "{{ a.name }}", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, keep=True)
    _control(doc, "{%p endif %}")
    _control(doc, "{%p for line in a.characteristic %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    _para(doc, "{{ a.readiness }}", bold=True, keep=True)
    _control(doc, "{%p endfor %}")


def build(doc):
    organization_block(doc)
    _para(doc, "{{ heading }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, "о выполнении персонализированной программы наставничества", align=WD_ALIGN_PARAGRAPH.CENTER,
          bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _participants(doc)
    _plan(doc)
    _meetings(doc)
    _assessments(doc)
    _control(doc, "{%p if conclusions %}")
    heading(doc, "Выводы и предложения наставника")
    _control(doc, "{%p for line in conclusions[:-1] %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    _para(doc, "{{ conclusions[-1] }}", keep=True)
    _control(doc, "{%p endif %}")
    # The date and the signatures share an unsplittable row, and the last paragraph of the text goes with
    # them (GOST R 7.0.97: a signature never stands alone on a page).
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    cell = kept_block(doc)
    _para(cell, "{{ date }}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature_line(cell, "Наставник", "{{ mentor_signature }}")
    _control(cell, "{%p if curator %}")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, "Отчёт принят:", align=WD_ALIGN_PARAGRAPH.LEFT)
    signature_line(cell, "Куратор", "{{ curator.signature }}")
    _control(cell, "{%p endif %}")
    close_block(cell)
