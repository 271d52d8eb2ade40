"""The employee's consent to mentoring (``mentor-consent``), Labour Code art. 351.8, in two variants:

- the consent: addressed to the head at the top right («Директору МБОУ Палагайской СОШ А.А. Ведерникову
  от учителя начальных классов Черных Ольги Ильиничны»), the title, «Я, …, даю согласие на осуществление
  наставничества в отношении …» with the terms (content, term, form, pay), the right to end the work early,
  the date and the signature;
- the addendum to the labour contract: its number, the labour contract's number and date, place and
  date, the parties (the organisation in the person of its head acting under the charter, and the
  employee), the same terms, the sides' right to end the work early, entry into force, and the
  signatures of both sides with the employee's receipt of a copy.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

from doc_templates.build import TEXT_WIDTH, _control, _para, _row_properties, kept_block, no_margins
from doc_templates.kinds.programme import SHORT_LINE, SIGN_LINE, close_block, right_block


def _terms(doc, first: int | None = None):
    """The terms of the mentoring work, numbered by ``n`` (the consent) or from ``first`` (the
    addendum)."""
    def number(name: str, offset: int) -> str:
        return f"{{{{ n.{name} }}}}" if first is None else str(first + offset)

    _para(doc, f"{number('content', 0)}. Содержание работы по наставничеству: {{{{ content[0] }}}}")
    _control(doc, "{%p for line in content[1:] %}")
    _para(doc, "{{ line }}")
    _control(doc, "{%p endfor %}")
    _para(doc, f"{number('term', 1)}. Срок наставничества: {{{{ period }}}}")
    _para(doc, f"{number('form', 2)}. Форма наставничества: «{{{{ form }}}}».")


def _consent(doc):
    right_block(doc, ["{{ addressee.position }}", "{{ addressee.name }}", "от {{ sender.position }}",
                      "{{ sender.name }}"])
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ heading }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _para(doc, "Я, {{ mentor.name }}, {{ mentor.position }},{% if labour_code %} в соответствии со статьёй 351.8 "
               "Трудового кодекса Российской Федерации{% endif %} даю согласие на осуществление наставничества "
               "в отношении {{ mentees_phrase }} на следующих условиях:")
    _control(doc, "{%p if mentees_item %}")
    _para(doc, "{{ n.mentees }}. {{ mentee_label }}:", keep=True)
    _control(doc, "{%p for m in mentees %}")
    _para(doc, "{{ loop.index }}) {{ m.titled }}{{ ';' if not loop.last else '.' }}")
    _control(doc, "{%p endfor %}")
    _control(doc, "{%p endif %}")
    _terms(doc)
    cell = kept_block(doc)
    _para(cell, "{{ n.pay }}. Выплата за наставничество: {{ pay }}")
    _control(cell, "{%p if labour_code %}")
    _para(cell, "Мне известно, что содержание, срок и форма работы по наставничеству указываются в трудовом "
                "договоре или дополнительном соглашении к нему и что я вправе досрочно отказаться от выполнения "
                "этой работы, письменно предупредив работодателя не позднее чем за три рабочих дня.")
    _control(cell, "{%p endif %}")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    signed = _para(cell, f"{{{{ date }}}}\t{SIGN_LINE} {{{{ mentor.signature }}}}", align=WD_ALIGN_PARAGRAPH.LEFT,
                   tab=True)
    signed.paragraph_format.keep_with_next = None
    close_block(cell)


def _parties(doc):
    """The sides' requisites and signatures: two borderless columns in one row that never splits."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    no_margins(table)
    half = int(TEXT_WIDTH / 2)
    for column in table.columns:
        column.width = half
    _row_properties(table.rows[0])
    employer, employee = table.rows[0].cells
    for cell in (employer, employee):
        cell.width = half
    for cell, lines in ((employer, ["Работодатель:", "{{ org.short_name }}", "{{ head_title }}", "",
                                    f"{SHORT_LINE} {{{{ head.signature }}}}", "М.П."]),
                        (employee, ["Работник:", "{{ mentor.name }}", "", "",
                                    f"{SHORT_LINE} {{{{ mentor.signature }}}}", ""])):
        first = cell.paragraphs[0]
        for line in lines:
            _para(cell, line, align=WD_ALIGN_PARAGRAPH.LEFT, bold=line.endswith(":"))
        first._p.getparent().remove(first._p)


def _addendum(doc):
    _para(doc, "Дополнительное соглашение № {{ number }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, "к трудовому договору от {{ contract.date }} № {{ contract.number }}", align=WD_ALIGN_PARAGRAPH.CENTER,
          bold=True, keep=True)
    _para(doc, "о выполнении работы по наставничеству", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "{{ org.locality }}\t{{ date_words }}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "{{ party }} в лице {{ in_person }}, {{ acting }} на основании {{ authority }}, "
               "с одной стороны, и {{ mentor.position }} {{ mentor.name }} (далее — Работник), с другой стороны, "
               "заключили настоящее дополнительное соглашение к трудовому договору от {{ contract.date }} "
               "№ {{ contract.number }} (далее — трудовой договор) о нижеследующем:")
    _control(doc, "{%p if mentees_item %}")
    _para(doc, "1. С письменного согласия Работника Работодатель поручает Работнику выполнение работы по "
               "наставничеству{% if labour_code %} (статья 351.8 Трудового кодекса Российской Федерации){% endif %} "
               "в отношении {{ mentee_gent }}:", keep=True)
    _control(doc, "{%p for m in mentees %}")
    _para(doc, "{{ loop.index }}) {{ m.titled.gent }}{{ ';' if not loop.last else '.' }}")
    _control(doc, "{%p endfor %}")
    _control(doc, "{%p else %}")
    _para(doc, "1. С письменного согласия Работника Работодатель поручает Работнику выполнение работы по "
               "наставничеству{% if labour_code %} (статья 351.8 Трудового кодекса Российской Федерации){% endif %} "
               "в отношении {{ mentees_phrase }}.")
    _control(doc, "{%p endif %}")
    _terms(doc, first=2)
    _para(doc, "5. За выполнение работы по наставничеству Работнику на срок наставничества устанавливается выплата: "
               "{{ pay }}")
    _para(doc, "6. Работник вправе досрочно отказаться от выполнения работы по наставничеству, а Работодатель — "
               "досрочно отменить поручение о её выполнении, письменно предупредив другую сторону не позднее чем "
               "за три рабочих дня.")
    _para(doc, "7. Остальные условия трудового договора не изменяются.")
    cell = kept_block(doc)
    _para(cell, "8. Настоящее дополнительное соглашение вступает в силу со дня его подписания сторонами, является "
                "неотъемлемой частью трудового договора и составлено в двух экземплярах, имеющих одинаковую "
                "юридическую силу, по одному для каждой из сторон.")
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    close_block(cell)
    _parties(cell)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, "Экземпляр дополнительного соглашения {{ received }}:", align=WD_ALIGN_PARAGRAPH.LEFT)
    receipt = _para(cell, f"{SHORT_LINE} {{{{ mentor.signature }}}}\t«___» ____________ 20___ г.",
                    align=WD_ALIGN_PARAGRAPH.LEFT)
    receipt.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def build(doc):
    _control(doc, "{%p if is_addendum %}")
    _addendum(doc)
    _control(doc, "{%p else %}")
    _consent(doc)
    _control(doc, "{%p endif %}")

