"""Write the default order templates: ``python -m doc_templates.build``.

Layout per GOST R 7.0.97-2025 and school practice (DOMAIN.md §3): A4; margins 30 mm left, 20 mm top
and bottom, 15 mm right; Times New Roman 14 pt; organisation name, «ПРИКАЗ», date left and number
right on one line, place, heading «О …», preamble, «ПРИКАЗЫВАЮ:», numbered items, the head's position
at the left margin and «И.О. Фамилия» at the right, then «С приказом ознакомлены:».
The Jinja tags inside are docxtpl's; each tag stays within one run so Word edits keep them whole.
"""

import json

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from doc_templates import FOLDER

TEXT_WIDTH = Mm(210 - 30 - 15)

PREAMBLE_LAWS = (
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145, "
    "письмом Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 «О направлении "
    "методических рекомендаций» (вместе с «Методическими рекомендациями по разработке и внедрению "
    "системы (целевой модели) наставничества педагогических работников в образовательных организациях»)"
)


def _document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    doc.core_properties.language = "ru-RU"
    return doc


def _para(doc, text="", *, align=None, bold=False, indent=True, tab=False, keep=False):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
    if tab:
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    if text:
        paragraph.add_run(text).bold = bold
    return paragraph


def _control(doc, tag):
    """A paragraph holding only a docxtpl block tag ({%p …%}); docxtpl removes it on rendering."""
    doc.add_paragraph(tag)


def _header(doc):
    _control(doc, "{%p if org.founder %}")
    _para(doc, "{{ org.founder }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _control(doc, "{%p endif %}")
    _para(doc, "{{ org.full_name }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _control(doc, "{%p if org.short_name != org.full_name %}")
    _para(doc, "({{ org.short_name }})", align=WD_ALIGN_PARAGRAPH.CENTER)
    _control(doc, "{%p endif %}")
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    title = _para(doc, "ПРИКАЗ", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    title.runs[0].font.size = Pt(16)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ order.date }}\t№ {{ order.number }}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)
    _para(doc, "{{ org.locality }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
    heading = _para(doc, "{{ heading }}", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True)
    heading.paragraph_format.right_indent = Mm(60)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)


def _orders(doc):
    _para(doc)
    _para(doc, "ПРИКАЗЫВАЮ:", align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, keep=True)
    _para(doc)


def _signature(doc):
    # The last item stays on the page of the signature (keep with next), never the signature alone.
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    _para(doc, "{{ head_title }}\t{{ head.signature }}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)


def _grid(doc, headers, widths):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(text).bold = True
    return table


def _loop_rows(table, opening, cells, widths):
    """docxtpl table-row loop: a row with {%tr for %}, the repeated row, a row with {%tr endfor %}."""
    for texts in ([opening] + [""] * (len(cells) - 1), cells, ["{%tr endfor %}"] + [""] * (len(cells) - 1)):
        row = table.add_row()
        for cell, text, width in zip(row.cells, texts, widths, strict=True):
            cell.width = width
            cell.paragraphs[0].add_run(text)


def _acquaintance(doc):
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "С приказом ознакомлены:", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    widths = (Cm(1.0), Cm(8.0), Cm(3.75), Cm(3.75))
    table = _grid(doc, ("№", "Фамилия, инициалы", "Подпись", "Дата"), widths)
    _loop_rows(
        table,
        "{%tr for person in people %}",
        ["{{ loop.index }}", "{{ person.short }}", "", ""],
        widths,
    )


def curator_order(doc):
    _header(doc)
    _para(
        doc,
        PREAMBLE_LAWS + ", Положением о системе наставничества педагогических работников "
        "{{ org.short.gent }} и в целях организации работы системы наставничества педагогических "
        "работников в {{ org.short.loct }}",
    )
    _orders(doc)
    _para(
        doc,
        "1. Назначить куратором реализации программ наставничества педагогических работников "
        "в {{ org.short.loct }} {{ curator.titled.accs }}.",
    )
    _para(doc, "2. Куратору {{ curator.short.datv }}:")
    for number, duty in enumerate(
        (
            "организовать формирование базы наставников и базы наставляемых, сбор их "
            "профессиональных запросов и письменных согласий;",
            "подготовить проекты приказов о закреплении наставнических пар (групп);",
            "обеспечить разработку и реализацию персонализированных программ наставничества;",
            "проводить мониторинг реализации программ наставничества и представлять его результаты "
            "руководителю организации;",
            "обеспечить информационное сопровождение системы наставничества на официальном сайте "
            "организации.",
        ),
        start=1,
    ):
        _para(doc, f"2.{number}. {duty}")
    _para(
        doc,
        "3. Куратору {{ curator.short.datv }} в своей деятельности руководствоваться Положением о системе "
        "наставничества педагогических работников {{ org.short.gent }}.",
    )
    _para(doc, "4. Контроль за исполнением настоящего приказа оставляю за собой.", keep=True)
    _signature(doc)
    _acquaintance(doc)


def pairs_order(doc):
    _header(doc)
    _para(
        doc,
        PREAMBLE_LAWS + ", статьёй 351.8 Трудового кодекса Российской Федерации, Положением о системе "
        "наставничества педагогических работников {{ org.short.gent }}, на основании письменного "
        "согласия наставников и наставляемых, в целях профессионального развития педагогических "
        "работников и их адаптации в {{ org.short.loct }}",
    )
    _orders(doc)
    _para(doc, "1. Закрепить наставляемых за наставниками и утвердить наставнические пары (группы):")
    _control(doc, "{%p for pair in pairs %}")
    _para(
        doc,
        "1.{{ pair.index }}. {% if pair.is_group %}наставническая группа: {% endif %}"
        "{{ pair.mentees|map(attribute='titled.accs')|and_join }} за наставником — "
        "{{ pair.mentor.titled.ablt }}; форма наставничества — «{{ pair.form }}»; "
        "срок наставничества — {{ pair.period }}{{ '' if loop.last else ';' }}",
    )
    _control(doc, "{%p endfor %}")
    _para(
        doc,
        "2. Наставникам {{ mentors|map(attribute='short.datv')|and_join }} совместно с наставляемыми "
        "разработать персонализированные программы наставничества и представить их куратору "
        "на утверждение в течение десяти рабочих дней со дня издания настоящего приказа.",
    )
    _para(
        doc,
        "3. Куратору {{ curator.short.datv }} обеспечить организационно-методическое сопровождение "
        "работы наставнических пар (групп) и мониторинг реализации программ наставничества.",
    )
    _para(doc, "4. Утвердить список наставнических пар (групп) (приложение № 1).")
    _para(doc, "5. Контроль за исполнением приказа возложить на {{ curator.titled.accs }}.", keep=True)
    _signature(doc)
    _acquaintance(doc)
    # Attachment on its own page, in the nominative (DOMAIN.md §5).
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "Приложение № 1", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "к приказу от {{ order.date }} № {{ order.number }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "Список наставнических пар (групп)", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    widths = (Cm(1.0), Cm(4.5), Cm(4.5), Cm(3.0), Cm(3.5))
    table = _grid(doc, ("№", "Наставник", "Наставляемый", "Форма", "Срок"), widths)
    _loop_rows(
        table,
        "{%tr for pair in pairs %}",
        [
            "{{ pair.index }}",
            "{{ pair.mentor.name }}, {{ pair.mentor.position }}",
            "{% for m in pair.mentees %}{{ m.name }}, {{ m.position }}{{ '; ' if not loop.last }}{% endfor %}",
            "{{ pair.form }}",
            "{{ pair.start }} – {{ pair.end }}",
        ],
        widths,
    )
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12)


BUILDERS = {"curator-order": curator_order, "pairs-order": pairs_order}


def main() -> None:
    catalogue = json.loads((FOLDER / "catalogue.json").read_text(encoding="utf-8"))
    for entry in catalogue:
        doc = _document()
        doc.core_properties.title = entry["title"]
        doc.core_properties.author = "Наставник"
        BUILDERS[entry["id"]](doc)
        doc.save(FOLDER / entry["file"])
        print(FOLDER / entry["file"])


if __name__ == "__main__":
    main()
