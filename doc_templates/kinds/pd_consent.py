"""The consent to personal data processing (``pd-consent``), one document per person and purpose:

- ``processing`` — 152-ФЗ art. 9 part 4: the subject (name, address, identity document), the operator
  (name, address), the purpose (the organisation's mentoring system), the data, the actions and the ways
  of processing, the term, the way to withdraw, the date and the signature;
- ``publication`` — 152-ФЗ art. 10.1 and the order of Роскомнадзор of 24.02.2021 № 18: the subject's name
  and contacts, the operator's name, address, ИНН and ОГРН, the website, the purpose, the data allowed for
  dissemination, the subject's conditions and prohibitions, the term, the demand that stops dissemination.

What the registry does not keep (address, passport, the operator's address) is a blank line to fill in by
hand.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from doc_templates.build import _control, _para, kept_block
from doc_templates.kinds.programme import SIGN_LINE, close_block

LAW = "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»"
LAW_ABLT = "Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных»"


#: The consent is set in 12 pt (GOST R 7.0.97 allows 12–14), so that it fits one sheet to sign.
SIZE = Pt(12)
#: Blank lines for what the person writes by hand: the rest of a line after its label, a whole line (12 pt
#: Times New Roman: 78 underscores fill the 16.5 cm of the text).
REST = "_" * 40
WHOLE = "_" * 76


def _line(doc, text, *, keep=True):
    """A line of the subject's data: at the margin, not justified (a blank line would stretch the words)."""
    return _para(doc, text, align=WD_ALIGN_PARAGRAPH.LEFT, keep=keep)


def _blank_or(doc, name: str, label: str, *, end=","):
    """«label value,» when ``name`` is given, else «label ______» and a whole blank line."""
    _control(doc, f"{{%p if {name} %}}")
    _line(doc, f"{label}{{{{ {name} }}}}{end}")
    _control(doc, "{%p else %}")
    _line(doc, f"{label}{REST}")
    _line(doc, f"{WHOLE}{end}")
    _control(doc, "{%p endif %}")


def _signature(doc, closing: str):
    cell = kept_block(doc)
    _para(cell, closing)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(cell, f"{{{{ date }}}}\t{SIGN_LINE} {{{{ person.signature }}}}", align=WD_ALIGN_PARAGRAPH.LEFT, tab=True)
    close_block(cell)


def _operator(requisites: str = "") -> str:
    """«Муниципальному … (МБОУ …; далее — оператор), адрес: …» — the operator in the dative; blanks where
    the address (and ``requisites``) are not given."""
    return ("{{ org.name.datv }} ({% if org.short_name != org.full_name %}{{ org.short_name }}; {% endif %}далее — "
            f"оператор), адрес: {{{{ operator.address or '{REST}' }}}}{requisites}")


def _processing(doc):
    _para(doc, "{{ heading }}", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _line(doc, "Я, {{ person.name }},")
    _blank_or(doc, "address", "{{ registered }} по адресу: ")
    _line(doc, "{{ document.kind }}:")
    _line(doc, "серия {{ document.series or '________' }} № {{ document.number or '______________' }}, выдан "
               "{{ document.issued_on or '«___» ______________ ________ г.' }}"
               "{% if document.issued_by %} {{ document.issued_by }}{% endif %},")
    _control(doc, "{%p if not document.issued_by %}")
    _line(doc, f"{WHOLE},")
    _control(doc, "{%p endif %}")
    _para(doc, f"в соответствии со статьёй 9 {LAW} свободно, своей волей и в своём интересе даю согласие "
               f"{_operator()}, на обработку моих персональных данных на следующих условиях.",
          align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "1. Цель обработки: организация наставничества педагогических работников в {{ org.short.loct }} — "
               "формирование базы наставников и базы наставляемых, закрепление наставнических пар и групп, подготовка "
               "приказов, персонализированных программ наставничества и отчётов, мониторинг реализации программ "
               "наставничества{% if founder %} и представление его результатов учредителю — "
               "{{ founder.datv }}{% endif %}.")
    _para(doc, "2. Перечень персональных данных: фамилия, имя, отчество; пол; должность, преподаваемый предмет "
               "(направление деятельности); сведения об образовании, квалификационной категории и стаже "
               "педагогической работы; номер телефона и адрес электронной почты; профессиональные запросы и "
               "затруднения; сведения об участии в наставничестве (роль, наставническая пара или группа, форма и "
               "срок наставничества, персонализированная программа и отметки о её выполнении); результаты "
               "анкетирования и мониторинга.")
    _para(doc, "3. Действия с персональными данными: сбор, запись, систематизация, накопление, хранение, уточнение "
               "(обновление, изменение), извлечение, использование, передача (предоставление, доступ)"
               "{% if founder %}, в том числе учредителю в составе сведений мониторинга{% endif %}, обезличивание, "
               "блокирование, удаление, уничтожение.")
    _para(doc, "4. Способ обработки: смешанная обработка — с использованием средств автоматизации и без их "
               "использования.")
    _para(doc, "5. Срок действия согласия: со дня его подписания на период трудовых отношений с оператором либо до "
               "дня его отзыва.")
    _para(doc, "6. Согласие может быть отозвано мною в любое время письменным заявлением, поданным оператору лично "
               "или направленным по его адресу. После отзыва согласия оператор прекращает обработку персональных "
               "данных и уничтожает их в срок, не превышающий тридцати дней со дня поступления отзыва, кроме "
               f"случаев, когда обработка может быть продолжена без согласия по основаниям, предусмотренным {LAW_ABLT} "
               "(часть 2 статьи 9, часть 5 статьи 21).")
    _signature(doc, "Настоящее согласие оформлено отдельно от иных документов и дано для одной цели, указанной в "
                    "пункте 1.")


def _publication(doc):
    _para(doc, "Согласие на обработку персональных данных, разрешённых субъектом персональных данных "
               "для распространения", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep=True)
    _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    _line(doc, "Я, {{ person.name }},")
    _line(doc, "контактная информация (телефон, адрес электронной почты или почтовый адрес):")
    _control(doc, "{%p if contacts %}")
    _line(doc, "{{ contacts }},")
    _control(doc, "{%p else %}")
    _line(doc, f"{WHOLE},")
    _control(doc, "{%p endif %}")
    _para(doc, f"руководствуясь статьёй 10.1 {LAW}, даю согласие "
               + _operator(", ИНН {{ operator.inn or '______________' }}, ОГРН {{ operator.ogrn or "
                                "'________________' }}")
               + ", на обработку в форме распространения моих персональных данных на следующих условиях.",
          align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "1. Цель распространения: информирование участников образовательных отношений о реализации "
               "системы наставничества педагогических работников в {{ org.short.loct }}.")
    _control(doc, "{%p if operator.website %}")
    _para(doc, "2. Информационный ресурс оператора, посредством которого предоставляется доступ к персональным "
               "данным неограниченному кругу лиц: официальный сайт {{ operator.website }}.")
    _control(doc, "{%p else %}")
    _para(doc, "2. Информационный ресурс оператора, посредством которого предоставляется доступ к персональным "
               "данным неограниченному кругу лиц: официальный сайт", keep=True)
    _line(doc, f"{WHOLE}.", keep=False)
    _control(doc, "{%p endif %}")
    _para(doc, "3. Персональные данные, разрешённые для распространения: фамилия, имя, отчество; должность; "
               "преподаваемый предмет (направление деятельности); квалификационная категория; сведения об участии "
               "в наставничестве (роль, форма и срок наставничества, достигнутые результаты); фотографическое "
               "изображение. Специальные категории и биометрические персональные данные не распространяются.")
    _para(doc, "4. Запреты на передачу и условия обработки персональных данных неограниченным кругом лиц "
               "(часть 9 статьи 10.1): не устанавливаю / устанавливаю (нужное подчеркнуть):", keep=True)
    _line(doc, WHOLE)
    _line(doc, f"{WHOLE}.", keep=False)
    _para(doc, "5. Срок действия согласия: со дня его подписания на период трудовых отношений с оператором либо до "
               "дня получения оператором моего требования о прекращении распространения.")
    _para(doc, "6. Передача (распространение, предоставление, доступ) персональных данных прекращается по моему "
               "требованию, содержащему фамилию, имя, отчество, контактную информацию и перечень персональных данных, "
               "обработка которых подлежит прекращению, в течение трёх рабочих дней со дня его получения оператором "
               "(части 12–14 статьи 10.1).")
    _signature(doc, "Настоящее согласие дано отдельно от иных согласий на обработку моих персональных данных.")


def build(doc):
    doc.styles["Normal"].font.size = SIZE
    _control(doc, "{%p if publication %}")
    _publication(doc)
    _control(doc, "{%p else %}")
    _processing(doc)
    _control(doc, "{%p endif %}")
