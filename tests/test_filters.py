"""The template author's API: filters and attributes, in a .docx a school might write."""

import io

import pytest
from docx import Document
from docxtpl import DocxTemplate

from service.documents.context import build_context
from service.documents.render import check, environment
from tests.conftest import docx_text, flat


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ "Смирнова Елена Александровна"|name("gent", "short") }}', "Смирновой\u00a0Е.А."),
        ('{{ "Смирнова Елена Александровна"|name("вин") }}', "Смирнову Елену Александровну"),
        ('{{ "Шевчук Саша"|name("datv", gender="f") }}', "Шевчук Саше"),
        ('{{ "педагог-психолог"|position("datv") }}', "педагогу-психологу"),
        ('{{ "МБОУ Палагайская СОШ"|organization("loct") }}', "МБОУ Палагайской СОШ"),
        ('{{ "ознакомлен"|agree("f") }}', "ознакомлена"),
        ('{{ "наставляемый"|agree("m", "accs") }}', "наставляемого"),
        ('{{ 3|count("месяц") }}', "3 (три) месяца"),
        ('{{ 5|count("год") }}', "5 (пять) лет"),
        ('{{ 1|count("неделя") }}', "1 (одна) неделя"),
        ('{{ "2024-01-11"|date }}', "11.01.2024"),
        ('{{ "2024-01-11"|date_words }}', "11 января 2024 г."),
        ('{{ "2024-01-01"|date_stamp }}', "«01» января 2024 г."),
        ('{{ "2024-01-15"|period("2024-05-31") }}', "с 15 января по 31 мая 2024 г."),
        ('в {{ "2024-01-11"|academic_year("loct") }}', "в 2023–2024 учебном году"),
        ('{{ ["А", "Б", "В"]|and_join }}', "А, Б и В"),
    ],
)
def test_filters(source, expected):
    assert environment().from_string(source).render() == expected


def test_person_attributes_and_agreement_in_a_school_template(tmp_path, order_json):
    document = Document()
    document.add_paragraph("Наставником {{ pairs[0].mentees[0].name.gent }} назначена "
                           "{{ pairs[0].mentor.titled.nomn }}.")
    document.add_paragraph("{{ pairs[0].mentees[0].short.nomn }} {{ 'ознакомлен'|agree(pairs[0].mentees[0]) }}, "
                           "{{ curator.signature }} {{ 'ознакомлен'|agree(curator) }}, "
                           "все {{ 'ознакомлен'|agree(people) }}.")
    document.add_paragraph("Срок: {{ pairs[0].start_iso|period(pairs[0].end_iso) }}, "
                           "{{ order.iso|academic_year }}.")
    path = tmp_path / "mine.docx"
    document.save(path)
    order_json["curator"]["full_name"] = "Абашев Евгений Алексеевич"
    context = build_context(check("pairs-order", order_json)[1])
    template = DocxTemplate(path)
    template.render(context, environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    text = flat(docx_text(buffer.getvalue()))
    assert "Наставником Шевчук Анны Сергеевны назначена учитель начальных классов Черных Ольга Ильинична." in text
    assert "Шевчук А.С. ознакомлена, Е.А. Абашев ознакомлен, все ознакомлены." in text
    assert "Срок: с 15 января по 31 мая 2024 г., 2023–2024 учебный год." in text


def test_filter_errors_are_russian():
    with pytest.raises(ValueError, match="не прилагательное и не причастие"):
        environment().from_string('{{ "стол"|agree("f") }}').render()
    with pytest.raises(ValueError, match="Неизвестный падеж"):
        environment().from_string('{{ "директор"|position("dative") }}').render()
