"""The Положение о системе наставничества педагогических работников (``regulation``): the stamps, the title
with the organisation in the prepositional, the ten sections of the model Положение (письмо Минпросвещения
№ АЗ-1128/08), the law as of its date, a school and a kindergarten, the head's office whoever holds it,
the contract's Russian errors, the registry builder, and the printed pages."""

import copy
import re
import subprocess

import pytest

from registry.organization import save_organization
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError
from service.documents.contracts.regulation import Regulation, head_role
from service.documents.render import check, preview, render
from service.documents.sources.regulation import build
from tests.conftest import docx_text, flat, org_id, tool

NBHYPHEN = "\u2011"
SCHOOL = {
    "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
                 "«Палагайская средняя общеобразовательная школа»",
    "short_name": "МБОУ Палагайская СОШ",
    "locality": "д. Палагай",
    "head": {"full_name": "Ведерников Алексей Андреевич", "position": "директор"},
}
KINDERGARTEN = {
    "full_name": "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 7»",
    "short_name": "МБДОУ «Детский сад № 7»",
    "locality": "г. Луга",
    "head": {"full_name": "Пономарёва Елена Александровна", "position": "и.о. заведующего"},
}
SECTIONS = ["1. Общие положения", "2. Цели и задачи системы наставничества",
            "3. Организационные основы системы наставничества", "4. Права и обязанности наставника",
            "5. Права и обязанности наставляемого", "6. Процесс формирования наставнических пар и групп",
            "7. Завершение наставничества", "8. Мониторинг и оценка результатов",
            "9. Мотивация и стимулирование наставников", "10. Документы, регламентирующие наставничество"]


def example() -> dict:
    return copy.deepcopy(get_template("regulation").example)


def text_of(data: dict) -> str:
    """The DOCX text with no-break spaces and hyphens as plain ones."""
    return flat(docx_text(render("regulation", data).content)).replace(NBHYPHEN, "-")


def stamps(data: dict) -> tuple[str, str]:
    """The texts of the stamps' cells, «ПРИНЯТО …» and «УТВЕРЖДЕНО …», each on one line."""
    import io

    import docx

    row = docx.Document(io.BytesIO(render("regulation", data).content)).tables[0].rows[0]
    return tuple(one_line(flat(cell.text).replace(NBHYPHEN, "-")) for cell in row.cells)


def one_line(text: str) -> str:
    return " ".join(text.split())


def errors(data: dict) -> dict[str, str]:
    with pytest.raises(ContractError) as caught:
        check("regulation", data)
    return {e.field: e.message for e in caught.value.errors}


# -- the catalogue example: a school, approved on 01.09.2025 -------------------------------------------------


def test_example_prints_the_stamps_the_title_and_the_ten_sections():
    text = text_of(example())
    lines = text.splitlines()
    # The stamps: a two-cell row, «ПРИНЯТО» at the left, «УТВЕРЖДЕНО» at the right.
    left, right = stamps(example())
    assert left == "ПРИНЯТО на заседании педагогического совета МБОУ Палагайской СОШ (протокол от 29.08.2025 № 1)"
    assert right == "УТВЕРЖДЕНО приказом директора МБОУ Палагайской СОШ от 01.09.2025 № 150"
    assert "ПОЛОЖЕНИЕ\nо системе наставничества педагогических работников\nв Муниципальном бюджетном " \
           "общеобразовательном учреждении «Палагайская средняя общеобразовательная школа»" in text
    assert ("1.1. Настоящее Положение о системе наставничества педагогических работников в Муниципальном "
            "бюджетном общеобразовательном учреждении «Палагайская средняя общеобразовательная школа» (далее "
            "соответственно — Положение, МБОУ Палагайская СОШ) определяет") in text
    positions = [lines.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    # Numbered paragraphs «1.1.», lists with «–».
    assert "2.2. Задачи системы наставничества:\n– содействовать" in text
    assert "1.3. В Положении используются следующие понятия:\n1) наставничество — " in text


def test_example_cites_the_acts_in_force_on_the_approval_date():
    text = text_of(example())
    assert ("1.2. Положение разработано в соответствии с:\n"
            "– Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;\n"
            "– статьёй 351.8 Трудового кодекса Российской Федерации;\n"
            "– Концепцией развития наставничества в Российской Федерации на период до 2030 года, утверждённой "
            "распоряжением Правительства Российской Федерации от 21.05.2025 № 1264-р;\n"
            "– письмом Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 «О направлении "
            "методических рекомендаций»;\n"
            "– Уставом МБОУ Палагайской СОШ.") in text
    assert "Р-145" not in text  # the students' methodology: the Положение concerns teachers
    # Labour Code art. 351.8 (from 01.03.2025): written consent, the addendum, pay.
    assert ("4.2. Работа по наставничеству поручается педагогическому работнику только с его письменного согласия "
            "(статья 351.8 Трудового кодекса Российской Федерации). Содержание, сроки и форма выполнения работы по "
            "наставничеству указываются в трудовом договоре или в дополнительном соглашении к нему.") in text
    assert "9.1. Наставнику устанавливается выплата за наставничество (статья 351.8" in text
    assert "в соответствии с Положением об оплате труда работников МБОУ Палагайской СОШ." in text
    assert "– дополнительные соглашения к трудовым договорам наставников;" in text
    assert "7.4. Выплата за наставничество производится по день завершения" in text


def test_example_names_the_head_the_curator_and_the_organisation_in_the_right_case():
    text = text_of(example())
    assert ("3.3. Функции куратора реализации программ наставничества педагогических работников возлагаются "
            "приказом директора на заместителя директора по учебно-воспитательной работе.") in text
    assert "3.2. Директор МБОУ Палагайской СОШ:" in text
    assert "3.1. Наставничество в МБОУ Палагайской СОШ организуется" in text
    assert "которая утверждается директором." in text
    assert "представляет директору его результаты" in text
    assert "обращаться к куратору и к директору по вопросам наставничества" in text
    assert "3.6. Наставническая пара (группа) закрепляется приказом директора с письменного согласия" in text
    assert "качества образования обучающихся" in text and "посещать уроки и занятия наставляемого" in text
    assert "10.3. Положение вводится в действие приказом директора о его утверждении" in text


def test_typography_keeps_numbers_and_dates_whole():
    raw = docx_text(render("regulation", example()).content)
    assert "от\u00a001.09.2025 №\u00a0150" in raw
    assert "№\u00a0АЗ\u20111128/08" in raw and "от\u00a029.12.2012" in raw
    assert "наставничество\u00a0— форма" in raw


def test_file_name_properties_and_preview():
    document = check("regulation", example())[1]
    rendered = render("regulation", example())
    assert rendered.file_name == "Положение_о_наставничестве_МБОУ_Палагайская_СОШ_от_01.09.2025.docx"
    assert rendered.person_ids == [] and rendered.pair_ids == []
    assert document.properties() == ("МБОУ Палагайская СОШ", "Положение о системе наставничества педагогических "
                                     "работников, утверждено приказом от 01.09.2025 № 150", "Положение")
    rows = dict(preview(get_template("regulation"), document))
    assert rows["Положение … в (предложный): полное наименование"].startswith("Муниципальном бюджетном")
    assert rows["УТВЕРЖДЕНО приказом (родительный)"] == "директора МБОУ Палагайской СОШ"
    assert rows["ПРИНЯТО: протокол педагогического совета"] == "от\u00a029.08.2025 №\u00a01"
    assert "Правовые основания на 01.09.2025" in rows


# -- the law as of the date ---------------------------------------------------------------------------------


def test_before_the_labour_code_article_neither_it_nor_the_concept_is_cited_and_the_stamp_has_blanks():
    data = {"organization": SCHOOL, "date": "2024-01-11"}
    text = text_of(data)
    assert "351.8" not in text and "1264-р" not in text and "Концепци" not in text
    assert "4.2. Наставник назначается с его письменного согласия." in text
    assert "9.1. Наставнику может устанавливаться выплата за наставничество в соответствии с Положением об " \
           "оплате труда работников МБОУ Палагайской СОШ." in text
    assert "дополнительные соглашения" not in text and "7.4." not in text
    assert "– письмом Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 «О направлении " \
           "методических рекомендаций»;\n– Уставом МБОУ Палагайской СОШ." in text
    left, right = stamps(data)
    assert left == ""  # no council given: no «ПРИНЯТО»
    assert right == "УТВЕРЖДЕНО приказом директора МБОУ Палагайской СОШ от __________ № ______"
    assert check("regulation", data)[1].file_stem() == "Положение_о_наставничестве_МБОУ_Палагайская_СОШ"


def test_between_the_labour_code_and_the_concept_only_the_article_is_added():
    text = text_of({"organization": SCHOOL, "approval": {"number": "42-ОД", "date": "2025-04-01"}})
    assert "– статьёй 351.8 Трудового кодекса Российской Федерации;" in text
    assert "1264-р" not in text
    assert "от 01.04.2025 № 42-ОД" in text


def test_the_date_states_an_earlier_law_than_the_approval_and_the_registry_regulation_stands_in():
    organization = dict(SCHOOL, regulation={"number": "12", "date": "2025-06-02"})
    text = text_of({"organization": organization, "date": "2025-02-20"})
    assert "от 02.06.2025 № 12" in text  # the organisation's order approving the Положение
    assert "351.8" not in text


def test_regional_act_is_cited_in_the_instrumental():
    organization = dict(SCHOOL, regional_act="приказ министерства образования Пермского края от 15.03.2022 "
                                             "№ 26-01-06-231 «О системе наставничества»")
    text = text_of({"organization": organization, "date": "2024-01-11"})
    assert "– приказом министерства образования Пермского края от 15.03.2022 № 26-01-06-231 «О системе " \
           "наставничества»;\n– Уставом МБОУ Палагайской СОШ." in text


# -- who is who -----------------------------------------------------------------------------------------------


def test_a_kindergarten_with_an_acting_head_woman():
    data = {"organization": KINDERGARTEN, "approval": {"number": "39/3", "date": "2025-05-28"},
            "council": {"number": "7", "date": "2025-05-28"}, "curator_position": "старший воспитатель"}
    text = text_of(data)
    # The stamp names the head who signed the order; the text names the office.
    assert stamps(data)[1] == "УТВЕРЖДЕНО приказом и.о. заведующего МБДОУ «Детский сад № 7» от " \
                                              "28.05.2025 № 39/3"
    assert "в Муниципальном бюджетном дошкольном образовательном учреждении «Детский сад № 7»" in text
    assert "3.2. Заведующий МБДОУ «Детский сад № 7»:" in text
    assert "возлагаются приказом заведующего на старшего воспитателя." in text
    assert "которая утверждается заведующим." in text and "представляет заведующему его результаты" in text
    assert "качества образования воспитанников" in text
    assert "посещать занятия наставляемого" in text and "уроки" not in text and "обучающихся" not in text
    assert "педагогических работников" in text
    assert "1264-р" in text


def test_the_head_as_curator_and_a_woman_director():
    organization = dict(SCHOOL, head={"full_name": "Смирнова Елена Александровна", "position": "директор"})
    text = text_of({"organization": organization, "date": "2025-09-01", "curator_position": "директор"})
    assert ("3.3. Функции куратора реализации программ наставничества педагогических работников директор "
            "исполняет сама либо возлагает приказом на одного из своих заместителей.") in text
    organization["head"] = {"full_name": "Ведерников Алексей Андреевич", "position": "директор"}
    assert "директор исполняет сам либо" in text_of({"organization": organization, "date": "2025-09-01",
                                                      "curator_position": "Директор"})


def test_without_a_curator_post_or_a_short_name():
    organization = {key: value for key, value in SCHOOL.items() if key != "short_name"}
    text = text_of({"organization": organization, "date": "2025-09-01"})
    assert "«Палагайская средняя общеобразовательная школа» (далее — Положение) определяет" in text
    assert ("возлагаются приказом директора на одного из заместителей директора или на иного педагогического "
            "работника, имеющего опыт методической работы.") in text
    assert "3.2. Директор Муниципального бюджетного общеобразовательного учреждения «Палагайская средняя " \
           "общеобразовательная школа»:" in text


@pytest.mark.parametrize(("position", "role"), [
    ("директор", "директор"), ("Директор", "директор"), ("и.о. директора", "директор"),
    ("И.о. заведующего", "заведующий"), ("исполняющий обязанности директора", "директор"),
    ("временно исполняющая обязанности заведующего", "заведующий"), ("врио директора школы", "директор школы"),
    ("заведующий", "заведующий"),
])
def test_head_role_is_the_office_not_the_acting_title(position, role):
    assert head_role(position) == role


# -- the contract ---------------------------------------------------------------------------------------------


def test_without_approval_the_date_is_required():
    data = example()
    del data["approval"]
    del data["council"]
    found = errors(data)
    assert list(found) == ["date"]
    assert found["date"].startswith("дата редакции Положения: укажите дату приказа об утверждении Положения или "
                                    "дату его редакции")


def test_the_date_may_not_follow_the_approval_nor_the_council():
    data = example()
    data["date"] = "2025-09-02"
    data["council"]["date"] = "2025-09-05"
    found = errors(data)
    assert "позже приказа об утверждении от 01.09.2025" in found["date"]
    data["date"] = "2025-08-01"
    found = errors(data)
    assert list(found) == ["council.date"]
    assert "педагогический совет 05.09.2025 — позже приказа об утверждении от 01.09.2025" in found["council.date"]


def test_contract_errors_are_russian_and_name_the_field():
    data = example()
    data["approval"] = {"number": "", "date": "01.09.2025"}
    data["council"] = {"number": True, "date": "2025-08-29", "protocol": "1"}
    data["curator_position"] = 12
    found = errors(data)
    assert found["approval.number"] == "не заполнено: номер приказа об утверждении Положения."
    assert found["approval.date"].startswith("дата приказа об утверждении Положения: «01.09.2025» — не дата")
    assert "неизвестное поле «protocol»" in found["council.protocol"]
    assert found["curator_position"] == "должность куратора: нужна строка."
    assert Regulation.model_json_schema()["title"] == "Положение о системе наставничества педагогических работников"


# -- the registry ---------------------------------------------------------------------------------------------


def test_registry_builder_takes_the_organisation_its_curator_and_its_regulation_order(db):
    organization_id = org_id(db)
    data = build(db, organization_id, None, {"date": "2025-09-01"})
    assert data["organization"]["short_name"] == "МБОУ Палагайская СОШ"
    assert data["organization"]["head"]["full_name"] == "Ведерников Алексей Андреевич"
    assert data["curator_position"] == "заместитель директора по учебно-воспитательной работе"
    assert "approval" not in data and data["date"] == "2025-09-01"
    text = text_of(data)
    assert "на заместителя директора по учебно-воспитательной работе." in text
    assert "от __________ № ______" in text

    save_organization(db, organization_id, {"regulation_number": "150", "regulation_date": "2025-09-01"})
    data = build(db, organization_id, None, {"council": {"number": "1", "date": "2025-08-29"}})
    assert data["approval"] == {"number": "150", "date": "2025-09-01"} and "date" not in data
    text = text_of(data)
    assert stamps(data)[1] == "УТВЕРЖДЕНО приказом директора МБОУ Палагайской СОШ от 01.09.2025 № 150"
    assert "(протокол от 29.08.2025 № 1)" in text
    # Options win over the profile.
    data = build(db, organization_id, None, {"approval": {"number": "7", "date": "2024-01-11"},
                                             "curator_position": "старший воспитатель"})
    text = text_of(data)
    assert "от 11.01.2024 № 7" in text and "на старшего воспитателя." in text and "351.8" not in text


def test_registry_builder_without_approval_states_todays_law(db):
    data = build(db, org_id(db), None, {})
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"])
    check("regulation", data)


# -- the printed pages ----------------------------------------------------------------------------------------


HEADING = re.compile(r"^\d{1,2}\. [А-ЯЁ][^.;:]*$")


@pytest.mark.parametrize("variant", ["example", "kindergarten-2024"])
def test_printed_pages_are_numbered_and_no_heading_ends_a_page(variant, tmp_path):
    from service.documents.pdf import PdfConverter

    tool("soffice")
    pdftotext, pdfinfo = tool("pdftotext"), tool("pdfinfo")
    data = example() if variant == "example" else {"organization": KINDERGARTEN, "date": "2024-01-11"}
    converter = PdfConverter(tmp_path / "profiles", 1, resident=False)
    path = tmp_path / "regulation.pdf"
    path.write_bytes(converter.convert(render("regulation", data).content))
    info = subprocess.run([pdfinfo, str(path)], check=True, capture_output=True, text=True).stdout
    assert "pts (A4)" in info
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 5 <= count <= 8
    for number in range(1, count + 1):
        page = subprocess.run([pdftotext, "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
                              check=True, capture_output=True, text=True).stdout
        lines = [" ".join(flat(line).split()) for line in page.splitlines() if line.strip()]
        if number == 1:
            assert lines[0].startswith("ПРИНЯТО") or lines[0].startswith("УТВЕРЖДЕНО")
        else:
            assert lines[0] == str(number)  # GOST R 7.0.97: numbered from the second page, at the top
        last = lines[-1]
        assert not HEADING.match(last), f"page {number} ends with a heading: {last}"
        assert not last.endswith(":"), f"page {number} ends with a lead-in: {last}"
