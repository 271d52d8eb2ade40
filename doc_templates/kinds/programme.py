"""The personalised mentoring programme (``programme``): the organisation, the head's «УТВЕРЖДАЮ» stamp at
the top right, the title, the participants, the difficulties, goal and tasks, the plan table with its done
marks, the expected results and the signatures of the mentor, each mentee and the curator.

The helpers here serve the other kinds beyond the orders too (the consents): :func:`right_block` (a stamp
or an addressee at the right half of the page), :func:`close_block` (for the cell of
:func:`doc_templates.build.kept_block`) and :func:`labelled` (a bold label and its value in one
paragraph).
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from doc_templates.build import (
    TEXT_WIDTH,
    _control,
    _grid,
    _para,
    _rows,
    _typeset_literal,
    kept_block,
    organization_block,
)

#: Where a stamp or an addressee block begins: the right half of the text, less a little.
RIGHT_BLOCK = Cm(8.5)
#: A line for a hand signature; a shorter one where the name follows on the same line of a narrow block.
SIGN_LINE = "____________________"
SHORT_LINE = "______________"


def right_block(doc, lines, *, keep=True):
    """Paragraphs at the right half of the page (a stamp «УТВЕРЖДАЮ», an addressee «Директору …»):
    each line of ``lines`` is a paragraph or ``("{%p … %}", None)`` a control line; kept together on
    one page."""
    for line in lines:
        if isinstance(line, tuple):
            _control(doc, line[0])
            continue
        paragraph = _para(doc, line, align=WD_ALIGN_PARAGRAPH.LEFT, keep=keep)
        paragraph.paragraph_format.left_indent = RIGHT_BLOCK


def labelled(doc, label: str, value: str, *, indent=False, keep=False):
    """«Наставник: Черных Ольга Ильинична, …» — the label bold, the value plain, one paragraph."""
    paragraph = _para(doc, align=None if indent else WD_ALIGN_PARAGRAPH.JUSTIFY, indent=indent, keep=keep)
    run = paragraph.add_run(_typeset_literal(label))
    run.bold = True
    paragraph.add_run(_typeset_literal(value))
    return paragraph


def close_block(cell) -> None:
    """Drop the empty paragraph a new cell starts with (after the block's own paragraphs are added)."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def signature_line(doc, role: str, name: str, *, size=None):
    """«Наставник   ____________________   О.И. Черных»: the role at the margin, the line from 5.5 cm,
    the name at the right margin."""
    paragraph = _para(doc, f"{role}\t{SIGN_LINE}\t{name}", align=WD_ALIGN_PARAGRAPH.LEFT, size=size)
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Cm(5.5), WD_TAB_ALIGNMENT.LEFT)
    stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def heading(doc, text: str):
    """A section heading: bold, at the margin, kept with what follows, an empty line before it."""
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    return _para(doc, text, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, keep=True)


#: The plan's columns (16.5 cm, the text width) at 11 pt: «собеседование», «до 29.05.2024» and the heading
#: «выполнении» each fit their column without a break inside the word.
PLAN_WIDTHS = (Cm(0.8), Cm(4.2), Cm(2.8), Cm(2.8), Cm(3.2), Cm(2.7))
PLAN_SIZE = Pt(11)


def mentor_and_mentees(doc):
    """«Наставник: …» and the mentee or, for a group, the numbered mentees: each name and post (the
    context's ``mentor``, ``mentees``, ``is_group``, ``mentee_label``)."""
    labelled(doc, "Наставник: ", "{{ mentor.name }}, {{ mentor.position }}.")
    _control(doc, "{%p if is_group %}")
    labelled(doc, "{{ mentee_label }}:", "", keep=True)
    _control(doc, "{%p for m in mentees %}")
    _para(doc, "{{ loop.index }}) {{ m.name }}, {{ m.position }}{{ ';' if not loop.last else '.' }}",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=False)
    _control(doc, "{%p endfor %}")
    _control(doc, "{%p else %}")
    labelled(doc, "{{ mentee_label }}: ", "{{ mentees[0].name }}, {{ mentees[0].position }}.")
    _control(doc, "{%p endif %}")


def build(doc):
    organization_block(doc)
    right_block(doc, ["УТВЕРЖДАЮ", "{{ approval.position }}", f"{SHORT_LINE} {{{{ approval.signature }}}}",
                      "{{ approval.date }}"])
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ heading }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)

    heading(doc, "Участники программы")
    mentor_and_mentees(doc)
    labelled(doc, "Форма наставничества: ", "«{{ form }}».")
    labelled(doc, "Срок реализации программы: ", "{{ period }}")
    labelled(doc, "Куратор: ", "{{ curator.name }}, {{ curator.position }}.")

    heading(doc, "Профессиональные затруднения (запросы) {{ mentee_gent }}")
    _control(doc, "{%p for line in difficulties %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")

    heading(doc, "Цель программы")
    _control(doc, "{%p for line in goal %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")

    heading(doc, "Задачи программы")
    _control(doc, "{%p for task in tasks %}")
    _para(doc, "{{ task }}")
    _control(doc, "{%p endfor %}")

    heading(doc, "План мероприятий")
    table = _grid(doc, ("№", "Мероприятие", "Срок", "Форма", "Ожидаемый результат", "Отметка о выполнении"),
                  PLAN_WIDTHS)
    blank = [""] * (len(PLAN_WIDTHS) - 1)
    _rows(table, [["{%tr for item in plan %}", *blank],
                  ["{{ item.index }}", "{{ item.activity }}", "{{ item.deadline }}", "{{ item.form }}",
                   "{{ item.expected_result }}", "{{ item.done }}"],
                  ["{%tr endfor %}", *blank]], PLAN_WIDTHS)
    for cell in table.rows[2].cells[:1] + table.rows[2].cells[2:3] + table.rows[2].cells[5:]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = PLAN_SIZE

    heading(doc, "Ожидаемые результаты")
    _control(doc, "{%p for result in results %}")
    _para(doc, "{{ result }}")
    _control(doc, "{%p endfor %}")
    # The last result and the signatures share an unsplittable row: no page holds the signatures alone.
    cell = kept_block(doc)
    _para(cell, "{{ last_result }}")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _control(cell, "{%p for s in signatures %}")
    signature_line(cell, "{{ s.role }}", "{{ s.signature }}")
    _control(cell, "{%p if not loop.last %}")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _control(cell, "{%p endif %}")
    _control(cell, "{%p endfor %}")
    close_block(cell)
