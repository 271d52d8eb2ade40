"""Issue 8: both orders read as a records officer writes them by hand — each fault of the issue's «Why»
as a test on the DOCX (its text and its XML): the law as of the order's date, agreement in number and
gender, who is who, the optional items of Labour Code art. 351.8, GOST layout and typography."""

import dataclasses
import datetime as dt
import io
import json
import re
import zipfile

import pytest
from lxml import etree

from doc_templates import FOLDER
from service.documents.catalogue import catalogue, is_student_form, legal_acts
from service.documents.context import count_words, in_running_text, typeset
from service.documents.contracts import ContractError
from service.documents.render import render as render_checked
from tests.conftest import ORDER, docx_text, fit, flat

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NBSP, NBHYPHEN = "\u00a0", "\u2011"
SIX = [
    {"full_name": "Зайцев Дмитрий Игоревич", "position": "педагог-психолог"},
    {"full_name": "Мамедова Лейла Рашид кызы", "position": "учитель английского языка"},
    {"full_name": "Соколова Вероника Андреевна", "position": "учитель математики"},
    {"full_name": "Петров Илья Сергеевич", "position": "учитель физической культуры"},
    {"full_name": "Кожевникова Мария Олеговна", "position": "учитель-дефектолог"},
    {"full_name": "Нуриев Тимур Ринатович", "position": "социальный педагог"},
]
HEAD = {"full_name": "Ведерников Алексей Андреевич", "position": "директор"}


def order(date="2024-01-11", pairs=None, **changes) -> dict:
    """The contract of conftest's ORDER dated ``date``; ``pairs`` (indexes into ORDER's pairs or pair
    dicts) replace its pairs; ``changes`` set fields by dotted path (``organization.head.position``)."""
    data = json.loads(json.dumps(ORDER))
    data["order"]["date"] = date
    if pairs is not None:
        data["pairs"] = [json.loads(json.dumps(ORDER["pairs"][p])) if isinstance(p, int) else p for p in pairs]
    for path, value in changes.items():
        target, *_ = data, None
        *parents, last = path.split(".")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return data


def group(mentees=SIX, start="2025-04-07", end="2025-12-26") -> dict:
    return {"mentor": {"full_name": "Лебедев Сергей Николаевич", "position": "старший воспитатель"},
            "mentees": [dict(m) for m in mentees], "form": "групповая", "start_date": start, "end_date": end}


def render(template_id: str, data: dict):
    """Render conftest's order JSON with the fields ``template_id``'s contract takes."""
    return render_checked(template_id, fit(template_id, data))


def text_of(template_id: str, data: dict) -> str:
    """The DOCX text, no-break spaces and hyphens as plain ones."""
    return flat(docx_text(render(template_id, data).content)).replace(NBHYPHEN, "-")


def part(content: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return etree.fromstring(package.read(name))


def acquainted(content: bytes) -> list[str]:
    """The names of the acquaintance table (the one headed «Фамилия, инициалы»), or [] with no such block."""
    import docx

    document = docx.Document(io.BytesIO(content))
    if not any(p.text.startswith("С приказом") for p in document.paragraphs):
        return []
    table = next(t for t in document.tables if len(t.columns) > 1 and t.rows[0].cells[1].text == "Фамилия, инициалы")
    return [flat(row.cells[1].text) for row in table.rows[1:]]


def sentences(text: str) -> list[str]:
    """Sentences of each paragraph (a line of ``docx_text``): cut after «.», «!» or «?» before a capital
    or a digit; initials («Черных О.И. совместно») stay inside their sentence."""
    return [s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+(?=[А-ЯЁ0-9])", line) if s.strip()]


# -- 1. The law as of the order's date ------------------------------------------------------------------

@pytest.mark.parametrize(("date", "labour_code", "concept"), [
    ("2024-01-11", False, False), ("2025-02-28", False, False), ("2025-03-01", True, False),
    ("2025-05-20", True, False), ("2025-05-21", True, True), ("2025-09-01", True, True)])
def test_preamble_cites_the_acts_in_force_on_the_order_date(date, labour_code, concept):
    text = text_of("pairs-order", order(date))
    assert "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»" in text
    assert ("письмом Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 "
            "«О направлении методических рекомендаций»") in text
    assert ("статьёй 351.8 Трудового кодекса Российской Федерации" in text) is labour_code
    assert ("Концепцией развития наставничества в Российской Федерации на период до 2030 года, утверждённой "
            "распоряжением Правительства Российской Федерации от 21.05.2025 № 1264-р" in text) is concept
    assert "Р-145" not in text  # teachers only: the students' methodology is not cited


def test_curator_order_cites_no_labour_code_and_no_students_methodology():
    text = text_of("curator-order", order("2025-09-01"))
    assert "351.8" not in text and "Р-145" not in text
    assert "1264-р" in text and "АЗ-1128/08" in text


@pytest.mark.parametrize("form", ["учитель – ученик", "ученик-ученик", "Работодатель — студент"])
def test_students_form_cites_r145_with_its_title(form):
    students = {"mentor": {"full_name": "Черных Ольга Ильинична", "position": "учитель начальных классов"},
                "mentees": [{"full_name": "Соколов Иван Петрович", "position": "обучающийся 9 класса"}],
                "form": form, "start_date": "2025-09-15", "end_date": "2026-05-29"}
    text = text_of("pairs-order", order("2025-09-01", pairs=[0, students]))
    assert ("распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об утверждении "
            "методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих "
            "образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и "
            "программам среднего профессионального образования, в том числе с применением лучших практик "
            "обмена опытом между обучающимися»") in text
    assert "раскрытия личностного и профессионального потенциала обучающихся" in text
    # Students only: neither the Labour Code (no employee mentors an employee) nor the teachers' letter.
    only_students = text_of("pairs-order", order("2025-09-01", pairs=[students]))
    assert "Р-145" in only_students and "351.8" not in only_students and "АЗ-1128/08" not in only_students
    assert "профессионального развития педагогических работников" not in only_students
    assert "Положением о наставничестве МБОУ Палагайской СОШ" in only_students
    # Art. 351.8 concerns an employee mentoring an employee: no addendum and no pay for a student's mentor.
    assert "соглашени" not in only_students and "выплат" not in only_students
    mixed = text_of("pairs-order", order("2025-09-01", pairs=[1, students]))
    assert "Заключить с наставником Шевченко А.В. дополнительное соглашение" in mixed
    assert "Положением о системе наставничества педагогических работников" in mixed


def test_regional_act_and_regulation_are_cited_when_filled():
    act = ("приказ министерства образования Кировской области от 16.11.2022 № 5-155 «О системе наставничества "
           "педагогических работников образовательных организаций Кировской области»")
    data = order("2025-09-01", **{"organization.regional_act": act,
                                  "organization.regulation": {"number": "150", "date": "2023-09-01"}})
    for template_id in ("pairs-order", "curator-order"):
        text = text_of(template_id, data)
        assert "приказом министерства образования Кировской области от 16.11.2022 № 5-155 «О системе" in text
        assert ("Положением о системе наставничества педагогических работников МБОУ Палагайской СОШ, "
                "утверждённым приказом от 01.09.2023 № 150") in text
    plain = text_of("pairs-order", order("2025-09-01"))
    assert "Кировской" not in plain and "утверждённым приказом" not in plain


def test_legal_acts_file_is_consistent():
    data = json.loads((FOLDER / "legal_acts.json").read_text(encoding="utf-8"))
    acts = legal_acts()
    assert len({act.id for act in acts}) == len(acts)
    for act in acts:
        assert act.title or act.approves or act.kind == "статья кодекса", act.id
        assert set(act.documents) <= set(catalogue()), act.id
        assert act.when in (None, "teachers", "students"), act.id
        assert act.date <= act.cited_from, act.id
        assert act.cited_until is None or act.cited_from <= act.cited_until, act.id
    assert dt.date.fromisoformat(data["version"]) >= max(act.cited_from for act in acts)
    by_id = {act.id: act for act in acts}
    assert by_id["tk-351.8"].cited_from == dt.date(2025, 3, 1)
    assert by_id["1264-r"].cited_from == dt.date(2025, 5, 21)
    assert all(is_student_form(form) for form in data["student_forms"])
    assert not is_student_form("педагог – педагог")


def test_an_act_is_not_cited_after_its_last_day():
    act = next(a for a in legal_acts() if a.id == "273-fz")
    repealed = dataclasses.replace(act, cited_until=dt.date(2024, 12, 31))
    assert repealed.cited_on(dt.date(2024, 12, 31), "pairs-order", teachers=True, students=False)
    assert not repealed.cited_on(dt.date(2025, 1, 1), "pairs-order", teachers=True, students=False)


# -- 2. Agreement in number and gender ------------------------------------------------------------------

def test_one_mentor_one_mentee_singular_and_feminine():
    text = text_of("pairs-order", order("2024-01-11", pairs=[0]))
    assert ("1. Закрепить учителя-логопеда Шевчук Анну Сергеевну за наставником — учителем начальных классов "
            "Черных Ольгой Ильиничной; форма наставничества — «педагог – педагог»; срок наставничества — "
            "с 15 января по 31 мая 2024 г.\n") in text
    assert ("Наставнику Черных О.И. совместно с наставляемой Шевчук А.С. разработать персонализированную "
            "программу наставничества и утвердить её у директора в течение десяти рабочих дней") in text
    assert "Наставникам" not in text and "представить их" not in text and "программы наставничества" in text
    assert "Утвердить состав наставнической пары (приложение № 1)." in text
    assert "Состав наставнической пары\n" in text
    assert "обеспечить организационно-методическое сопровождение работы наставнической пары" in text
    assert "| Наставник | Наставляемый |" in text


def test_one_mentee_masculine():
    text = text_of("pairs-order", order("2024-01-11", pairs=[1]))
    assert "Наставнику Шевченко А.В. совместно с наставляемым Ильиным А.О. разработать" in text


def test_several_mentors_plural():
    text = text_of("pairs-order", order("2024-01-11"))
    assert ("Наставникам Черных О.И., Шевченко А.В., Кузнецовой М.П. и Лебедеву С.Н. совместно с наставляемыми "
            "разработать персонализированные программы наставничества и утвердить их у директора") in text
    assert "1. Закрепить наставляемых за наставниками:\n1.1. учителя-логопеда Шевчук Анну Сергеевну" in text
    assert "Утвердить список наставнических пар и групп (приложение № 1)." in text
    assert "С приказом ознакомлены:" in text


def test_group_of_six_is_an_item_with_mentees_enumerated_and_short_sentences():
    text = text_of("pairs-order", order("2025-04-01", pairs=[group()]))
    assert ("1. Закрепить наставляемых за наставником — старшим воспитателем Лебедевым Сергеем Николаевичем "
            "(наставническая группа; форма наставничества — «групповая»; срок наставничества — "
            "с 7 апреля по 26 декабря 2025 г.):\n"
            "1.1. педагога-психолога Зайцева Дмитрия Игоревича;\n"
            "1.2. учителя английского языка Мамедову Лейлу Рашид кызы;\n"
            "1.3. учителя математики Соколову Веронику Андреевну;\n"
            "1.4. учителя физической культуры Петрова Илью Сергеевича;\n"
            "1.5. учителя-дефектолога Кожевникову Марию Олеговну;\n"
            "1.6. социального педагога Нуриева Тимура Ринатовича.\n") in text
    assert ("Наставнику Лебедеву С.Н. совместно с наставляемыми Зайцевым Д.И., Мамедовой Л.Р., Соколовой В.А., "
            "Петровым И.С., Кожевниковой М.О. и Нуриевым Т.Р. разработать персонализированные программы") in text
    assert "Утвердить состав наставнической группы (приложение № 1)." in text
    assert "| Наставник | Наставляемые |" in text
    longest = max(sentences(text), key=count_words)
    assert count_words(longest) <= 60, longest


def test_group_inside_several_pairs_gets_sub_sub_items():
    six_in_four = order("2024-01-11")
    six_in_four["pairs"][2]["mentees"] = [dict(m) for m in SIX]
    text = text_of("pairs-order", six_in_four)
    assert ("1.3. за наставником — учителем русского языка и литературы Кузнецовой Мариной Петровной "
            "(наставническая группа; форма наставничества — «групповая»; срок наставничества — "
            "с 15 января по 27 декабря 2024 г.):\n1.3.1. педагога-психолога Зайцева Дмитрия Игоревича;\n") in text
    assert "1.3.6. социального педагога Нуриева Тимура Ринатовича;\n1.4. педагога дополнительного" in text
    assert "2024 г..\n" not in text and "срок наставничества — с 1 февраля по 31 мая 2024 г.\n" in text
    longest = max(sentences(text), key=count_words)
    assert count_words(longest) <= 60, longest


def test_group_rows_merge_the_mentor_cell():
    content = render("pairs-order", order("2024-01-11")).content
    tables = part(content, "word/document.xml").findall(f".//{W}tbl")
    attachment = tables[-1]
    rows = attachment.findall(f"{W}tr")
    assert len(rows) == 1 + 5  # heading, then one row per mentee
    merges = [[(tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") if tc.find(f"{W}tcPr/{W}vMerge") is not None
                else None) for tc in row.findall(f"{W}tc")] for row in rows[1:]]
    # The group (third pair) spans rows 3–4: its №, mentor, form and term cells merged, the mentee cells not.
    assert merges[2] == ["restart", "restart", None, "restart", "restart"]
    assert merges[3] == ["continue", "continue", None, "continue", "continue"]
    text = flat(docx_text(content))
    assert "3 | Кузнецова Марина Петровна, учитель русского языка и литературы | Мамедова Лейла Рашид кызы" in text


@pytest.mark.parametrize(("curator", "heading"), [
    ({"full_name": "Абашева Елена Алексеевна", "position": "заместитель директора по УВР"}, "ознакомлена:"),
    ({"full_name": "Волков Игорь Петрович", "position": "заместитель директора по УВР"}, "ознакомлен:")])
def test_one_signatory_agrees_in_gender(curator, heading):
    text = text_of("curator-order", order(curator=curator))
    assert f"С приказом {heading}\n" in text
    assert "ознакомлены" not in text


def test_one_pair_and_one_group_share_a_singular_adjective():
    """Reading as the director: «работы наставнических пары и группы», «Список наставнических пары и группы»
    read as a slip; one adjective before two nouns in the singular stays singular (Розенталь, § 187)."""
    text = text_of("pairs-order", order("2024-01-11", pairs=[0, group(SIX[:2], "2024-01-15", "2024-05-31")]))
    assert "сопровождение работы наставнической пары и группы и мониторинг" in text
    assert "Утвердить список наставнической пары и группы (приложение № 1)." in text
    assert "\nСписок наставнической пары и группы\n" in text
    assert "наставнических пары" not in text and "наставнические пара" not in text


SURNAMES = ["Иванов", "Петров", "Сидоров", "Козлов", "Новиков", "Морозов", "Волков", "Соловьёв", "Васильев",
            "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Фёдоров", "Михайлов",
            "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв"]


def test_long_lists_leave_the_names_to_the_attachment():
    """A school fixing two dozen pairs in one order: naming every mentor in items 3–7 made sentences of
    60–70 words («Заключить с наставниками Иванов И.П., Петровым И.П., … дополнительные соглашения …»); past
    :data:`MAX_WORDS` an item names the roles and leaves the people to the attachment."""
    pairs = [{"mentor": {"full_name": f"{surname} Иван Петрович", "position": "учитель математики"},
              "mentees": [{"full_name": f"{SURNAMES[(i + 7) % len(SURNAMES)]}а Анна Сергеевна",
                           "position": "учитель истории"}],
              "form": "педагог – педагог", "start_date": "2025-10-06", "end_date": "2026-05-29"}
             for i, surname in enumerate(SURNAMES)]
    pairs[0]["mentor"]["consent"] = True
    text = text_of("pairs-order", order("2025-10-01", pairs=pairs))
    longest = max(sentences(text), key=count_words)
    assert count_words(longest) <= 60, longest
    for item in ("Наставничество начинается после получения письменного согласия наставников и наставляемых, "
                 "чьё согласие не отмечено в приложении № 1.",
                 "Наставникам совместно с наставляемыми разработать персонализированные программы",
                 "Заключить с наставниками дополнительные соглашения к трудовым договорам",
                 "Установить наставникам на срок наставничества выплаты за наставничество",
                 "Наставникам представлять куратору Абашевой Е.А. отчёты"):
        assert item in text, item
    # Twelve pairs still name everyone where the sentence stays short.
    twelve = text_of("pairs-order", order("2025-10-01", pairs=pairs[:12]))
    assert "Заключить с наставниками Ивановым И.П., Петровым И.П.," in twelve
    assert "Наставничество начинается после получения письменного согласия наставников Петрова И.П." not in twelve
    assert count_words(max(sentences(twelve), key=count_words)) <= 60


# -- 3. Who is who -------------------------------------------------------------------------------------

def test_head_as_curator_keeps_control_and_is_not_acquainted():
    data = order("2025-09-01", curator=dict(HEAD))
    text = text_of("pairs-order", data)
    assert "Контроль за исполнением приказа оставляю за собой." in text
    names = acquainted(render("pairs-order", data).content)
    assert len(names) == 9 and "Ведерников А.А." not in names
    assert "Ведерников" not in text.split("Директор\t")[0]
    assert "Куратору" not in text and "возложить на директора" not in text
    assert "представлять директору отчёты" in text  # mentors report to the head, who is the curator

    curator_order = text_of("curator-order", data)
    assert ("1. Обязанности куратора реализации программ наставничества педагогических работников в МБОУ "
            "Палагайской СОШ с 1 сентября 2025 г. возлагаю на себя.") in curator_order
    assert "Назначить" not in curator_order and "Куратору" not in curator_order
    assert "3. Контроль за исполнением настоящего приказа оставляю за собой." in curator_order
    assert "С приказом" not in curator_order  # no one else to acquaint


def test_head_recognised_by_registry_id():
    data = order("2025-09-01", curator={"id": 7, "full_name": "Ведерников А.А.", "position": "директор"})
    data["organization"]["head"]["id"] = 7
    assert "оставляю за собой." in text_of("pairs-order", data).split("ПРИКАЗЫВАЮ:")[1].split("Директор")[0]


@pytest.mark.parametrize(("position", "signature", "running"), [
    ("исполняющий обязанности директора", "Исполняющий обязанности директора", "у исполняющего обязанности директора"),
    ("И.о. директора", "И.о. директора", "у и.о. директора"),
    ("временно исполняющий обязанности заведующего", "Временно исполняющий обязанности заведующего",
     "у временно исполняющего обязанности заведующего")])
def test_acting_head_signs_as_such(position, signature, running):
    data = order("2025-09-01", **{"organization.head.position": position})
    text = text_of("pairs-order", data)
    assert f"\n{signature}\tА.А. Ведерников\n" in text
    assert f"утвердить их {running} в течение" in text


def test_head_as_mentor_is_not_told_to_do_anything():
    head_pair = {"mentor": dict(HEAD), "mentees": [dict(ORDER["pairs"][0]["mentees"][0])],
                 "form": "руководитель – педагог", "start_date": "2025-09-15", "end_date": "2026-05-29"}
    text = text_of("pairs-order", order("2025-09-01", pairs=[head_pair]))
    assert "за наставником — директором Ведерниковым Алексеем Андреевичем" in text
    assert ("Наставляемой Шевчук А.С. совместно с наставником Ведерниковым А.А. разработать персонализированную "
            "программу наставничества") in text
    assert "Наставнику Ведерникову" not in text and "Заключить с наставником" not in text
    assert "Установить наставнику" not in text
    assert acquainted(render("pairs-order", order("2025-09-01", pairs=[head_pair])).content) == \
        ["Абашева Е.А.", "Шевчук А.С."]
    # With other mentors beside the head, the head is neither named among them nor given an addendum.
    mixed = text_of("pairs-order", order("2025-09-01", pairs=[head_pair, 1]))
    assert "Наставникам совместно с наставляемыми разработать" in mixed
    assert "Заключить с наставником Шевченко А.В. дополнительное соглашение" in mixed


def test_head_as_mentee_appears_once_and_is_not_acquainted():
    head_mentee = {"mentor": dict(ORDER["pairs"][0]["mentor"]), "mentees": [dict(HEAD)],
                   "form": "педагог – педагог", "start_date": "2025-09-15", "end_date": "2026-05-29"}
    data = order("2025-09-01", pairs=[head_mentee])
    text = text_of("pairs-order", data)
    assert "1. Закрепить директора Ведерникова Алексея Андреевича за наставником — учителем" in text
    assert acquainted(render("pairs-order", data).content) == ["Абашева Е.А.", "Черных О.И."]
    assert "Наставнику Черных О.И. совместно с наставляемым Ведерниковым А.А. разработать" in text


# -- 4. Consent, addendum, pay, reports, approval by the head; the curator's first day ----------------------

def test_labour_code_items_by_default_from_1_march_2025():
    before = text_of("pairs-order", order("2025-02-28"))
    for absent in ("согласи", "соглашени", "выплат"):
        assert absent not in before.split("Директор")[0]
    after = text_of("pairs-order", order("2025-03-01"))
    assert ("2. Наставничество начинается после получения письменного согласия наставников и наставляемых."
            in after)
    assert ("Заключить с наставниками Черных О.И., Шевченко А.В., Кузнецовой М.П. и Лебедевым С.Н. дополнительные "
            "соглашения к трудовым договорам о содержании, сроках и форме выполнения работы по наставничеству.") \
        in after
    assert ("Установить наставникам Черных О.И., Шевченко А.В., Кузнецовой М.П. и Лебедеву С.Н. на срок "
            "наставничества выплаты за наставничество в соответствии с Положением об оплате труда работников "
            "МБОУ Палагайской СОШ.") in after
    for text in (before, after):
        assert "ежеквартально" in text and "представить директору аналитическую справку" in text
        assert "на утверждение" not in text and "представить их куратору" not in text


def test_options_switch_items_and_numbers_stay_consecutive():
    data = order("2025-09-01", options={"addendum_item": False, "reporting_item": False})
    text = text_of("pairs-order", data)
    assert "соглашени" not in text and "ежеквартально" not in text and "выплаты за наставничество" in text
    numbers = [int(m) for m in re.findall(r"^(\d+)\. ", text.split("ПРИКАЗЫВАЮ:")[1].split("Директор")[0], re.M)]
    assert numbers == list(range(1, len(numbers) + 1))
    early = text_of("pairs-order", order("2024-01-11", options={"incentive_item": True}))
    assert "выплаты за наставничество" in early and "согласи" not in early.split("Директор")[0]


def test_consent_noted_per_person():
    data = order("2025-09-01", pairs=[0])
    data["pairs"][0]["mentor"]["consent"] = "2025-08-28"
    data["pairs"][0]["mentees"][0]["consent"] = True
    text = text_of("pairs-order", data)
    assert ("2. Письменные согласия наставника и наставляемой на участие в наставничестве получены "
            "(приложение № 1).") in text
    assert ("| Черных Ольга Ильинична, учитель начальных классов (согласие от 28.08.2025) | Шевчук Анна "
            "Сергеевна, учитель-логопед (согласие получено) |") in text
    del data["pairs"][0]["mentees"][0]["consent"]
    partly = text_of("pairs-order", data)
    assert ("Наставничество начинается после получения письменного согласия наставляемой Шевчук А.С.; "
            "полученные согласия отмечены в приложении № 1.") in partly


def test_contract_checks_the_new_fields():
    data = order("2025-09-01", options={"consent": True, "addendum_item": "да"},
                 **{"order.effective_date": "01.09.2025", "organization.regulation": {"number": "150"}})
    data["pairs"][0]["mentor"]["consent"] = "2025-09-02"
    with pytest.raises(ContractError) as error:
        render("pairs-order", data)
    fields = {e.field: e.message for e in error.value.errors}
    assert set(fields) == {"options.consent", "options.addendum_item", "order.effective_date",
                           "organization.regulation.date"}
    # A consent is compared with the order's date once the order's number and dates are valid.
    data["order"]["effective_date"] = "2025-09-01"
    with pytest.raises(ContractError) as error:
        render("pairs-order", data)
    fields = {e.field: e.message for e in error.value.errors}
    assert "pairs[0].mentor.consent" in fields
    assert "позже приказа от 01.09.2025" in fields["pairs[0].mentor.consent"]
    assert "допустимо: consent_item, addendum_item, incentive_item, reporting_item" in fields["options.consent"]
    data["pairs"][0]["mentor"]["consent"] = 5
    with pytest.raises(ContractError) as error:
        render("pairs-order", data)
    assert {e.field: e.message for e in error.value.errors}["pairs[0].mentor.consent"] == (
        "письменное согласие на участие в наставничестве (наставник Черных Ольга Ильинична): укажите true или "
        "дату согласия в виде ГГГГ-ММ-ДД, например 2024-01-10.")


def test_curator_order_names_the_first_day():
    text = text_of("curator-order", order("2025-08-28", **{"order.effective_date": "2025-09-01"}))
    assert ("1. Назначить с 1 сентября 2025 г. куратором реализации программ наставничества педагогических "
            "работников в МБОУ Палагайской СОШ заместителя директора") in text
    assert "представлять его результаты директору по итогам каждого полугодия" in text


# -- 5. GOST layout, typography, a Russian file -----------------------------------------------------------

def test_no_break_spaces_and_hyphens():
    data = order("2025-09-01", **{"organization.full_name": "МБОУ «СОШ им. И.Н. Кожедуба»",
                                  "organization.short_name": "МБОУ «СОШ им. И. Н. Кожедуба»",
                                  "order.number": "42-ОД"})
    text = docx_text(render("pairs-order", data).content)
    for phrase in ("№\u00a042-ОД", "от\u00a029.12.2012 №\u00a0273\u2011ФЗ", "№\u00a0АЗ\u20111128/08",
                   "№\u00a01264\u2011р", "с\u00a015\u00a0января по\u00a031\u00a0мая\u00a02024\u00a0г.",
                   "им.\u00a0И.Н.\u00a0Кожедуба", "им.\u00a0И.\u00a0Н.\u00a0Кожедуба", "А.А.\u00a0Ведерников",
                   "Черных\u00a0О.И.", "(приложение №\u00a01)", "д.\u00a0Палагай", "наставником\u00a0— учителем"):
        assert phrase in text, phrase


@pytest.mark.parametrize(("raw", "typeset_text"), [
    ("№ 219 от 11 января 2024 г.", "№\u00a0219 от\u00a011\u00a0января\u00a02024\u00a0г."),
    ("№ АЗ-1128/08, № Р-145", "№\u00a0АЗ\u20111128/08, №\u00a0Р\u2011145"),
    ("школа им. И.Н. Кожедуба", "школа им.\u00a0И.Н.\u00a0Кожедуба"),
    ("Смирновой Е.А. поручить", "Смирновой\u00a0Е.А. поручить"),
    ("ст. 351.8; г. Киров; 2024 г. Контроль", "ст.\u00a0351.8; г.\u00a0Киров; 2024\u00a0г. Контроль"),
    ("педагог – педагог", "педагог\u00a0– педагог"),
    ("в 2023–2024 учебном году", "в\u00a02023–2024 учебном году"),
])
def test_typeset(raw, typeset_text):
    assert typeset(raw) == typeset_text


def test_running_text_lowercases_a_capitalised_title():
    assert in_running_text("Директор") == "директор"
    assert in_running_text("И.о. директора") == "и.о. директора"
    assert in_running_text("ВрИО директора") == "ВрИО директора"


@pytest.mark.parametrize("template_id", ["pairs-order", "curator-order"])
def test_docx_is_russian_everywhere(template_id):
    content = render(template_id, order("2025-09-01")).content
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                assert b"en-US" not in package.read(name), name
    styles = part(content, "word/styles.xml")
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "ru-RU"
    for style in styles.findall(f"{W}style"):
        if style.get(f"{W}type") != "numbering":
            assert style.find(f"{W}rPr/{W}lang").get(f"{W}val") == "ru-RU", style.get(f"{W}styleId")
    runs = part(content, "word/document.xml").iter(f"{W}r")
    assert all(run.find(f"{W}rPr/{W}lang").get(f"{W}val") == "ru-RU" for run in runs)
    assert part(content, "word/settings.xml").find(f"{W}themeFontLang").get(f"{W}val") == "ru-RU"


@pytest.mark.parametrize("template_id", ["pairs-order", "curator-order"])
def test_core_properties_name_the_organisation_and_now(template_id):
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rendered = render(template_id, order("2025-09-01"))
    import docx

    properties = docx.Document(io.BytesIO(rendered.content)).core_properties
    assert properties.author == properties.last_modified_by == "МБОУ Палагайская СОШ"
    assert properties.title == catalogue()[template_id].heading
    assert properties.subject == "Приказ от 01.09.2025 № 219"
    assert properties.language == "ru-RU" and properties.comments == ""
    assert started <= properties.created.replace(tzinfo=dt.UTC) <= dt.datetime.now(dt.UTC)
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as package:
        meta = b"".join(package.read(n) for n in package.namelist() if n.startswith("docProps/"))
    assert b"python-docx" not in meta and b"2013-12-23" not in meta and b"Macintosh" not in meta


@pytest.mark.parametrize("template_id", ["pairs-order", "curator-order"])
def test_page_numbers_from_page_two_centred_in_the_header(template_id):
    content = render(template_id, order()).content
    document = part(content, "word/document.xml")
    section = document.find(f"{W}body/{W}sectPr")
    assert section.find(f"{W}titlePg") is not None
    rels = part(content, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    headers = {h.get(f"{W}type"): targets[h.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                               "relationships}id")]
               for h in section.findall(f"{W}headerReference")}
    default, first = (part(content, f"word/{headers[kind]}") for kind in ("default", "first"))
    assert "PAGE" in "".join(default.itertext())
    assert default.find(f".//{W}jc").get(f"{W}val") == "center"
    assert "PAGE" not in "".join(first.itertext())


@pytest.mark.parametrize(("template_id", "changes", "last_two"), [
    ("pairs-order", {}, ("5. Утвердить список", "6. Контроль за исполнением")),
    ("pairs-order", {"curator": HEAD}, ("4. Утвердить список", "5. Контроль за исполнением")),
    ("curator-order", {}, ("3. Куратору Абашевой", "4. Контроль за исполнением")),
    ("curator-order", {"curator": HEAD}, ("2.5. информационное", "3. Контроль за исполнением"))])
def test_last_items_signature_and_acquaintance_heading_keep_together(template_id, changes, last_two):
    """The last two items and the signature share one table row that never splits (LibreOffice, which
    prints the PDF, honours a chain of «keep with next» paragraphs only in part); the acquaintance heading
    keeps with its table."""
    document = part(render(template_id, order(**changes)).content, "word/document.xml")
    body = document.find(f"{W}body")
    block = next(t for t in body.findall(f"{W}tbl") if "Директор" in "".join(t.itertext()))
    rows = block.findall(f"{W}tr")
    assert len(rows) == 1 and rows[0].find(f"{W}trPr/{W}cantSplit") is not None
    lines = ["".join(p.itertext()) for p in rows[0].iter(f"{W}p")]
    assert len(lines) == 5 and lines[0].startswith(last_two[0]) and lines[1].startswith(last_two[1])
    assert lines[2:] == ["", "", f"ДиректорА.А.{NBSP}Ведерников"]  # two blank lines, then the signature (tab aside)
    # The block reads as the text around it: no borders, no cell margins, the text's width.
    assert block.find(f"{W}tblPr/{W}tblStyle") is None and block.find(f"{W}tblPr/{W}tblBorders") is None
    assert all(m.get(f"{W}w") == "0" for m in block.find(f"{W}tblPr/{W}tblCellMar"))
    assert block.find(f"{W}tblGrid/{W}gridCol").get(f"{W}w") == "9354"
    # The items before it are body paragraphs, each kept whole on its page.
    before = [el for el in body if el is not block][:list(body).index(block)]
    assert not any("Контроль за исполнением" in "".join(el.itertext()) for el in before)
    paragraphs = [el for el in before if el.tag == f"{W}p" and "".join(el.itertext())]
    assert all(p.find(f"{W}pPr/{W}keepLines") is not None for p in paragraphs[-3:])
    if template_id == "pairs-order" or "curator" not in changes:
        heading = next(p for p in body.findall(f"{W}p") if "".join(p.itertext()).startswith("С приказом"))
        assert heading.find(f"{W}pPr/{W}keepNext") is not None


def test_attachment_begins_its_page_without_an_empty_paragraph():
    """A paragraph holding a page break left its mark at the top of the attachment's page (an empty line in
    Word) and, when the acquaintance table filled its page to the foot, a whole empty page: «Приложение
    № 1» now carries «page break before» itself."""
    document = part(render("pairs-order", order()).content, "word/document.xml")
    assert not [br for br in document.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    heading = next(p for p in document.iter(f"{W}p") if "".join(p.itertext()) == "Приложение №\u00a01")
    assert heading.find(f"{W}pPr/{W}pageBreakBefore") is not None


@pytest.mark.parametrize(("template_id", "changes"), [("pairs-order", {}), ("curator-order", {}),
                                                    ("curator-order", {"curator": HEAD})])
def test_order_ends_with_a_paragraph_one_point_high(template_id, changes):
    """Each order ends with a table; Word adds a paragraph after a table that ends a document, and one of
    the text's height turned over to an empty last page when the table ended at the foot of a page."""
    body = part(render(template_id, order(**changes)).content, "word/document.xml").find(f"{W}body")
    last = [el for el in body if el.tag != f"{W}sectPr"][-1]
    assert last.tag == f"{W}p" and not "".join(last.itertext())
    spacing = last.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}lineRule") == "exact" and spacing.get(f"{W}line") == "20"


KIROV_ACT = ("приказ министерства образования Кировской области от 16.11.2022 № 5-155 «О системе наставничества "
             "педагогических работников образовательных организаций Кировской области»")
STAVROPOL_ACT = ("приказ министерства образования Ставропольского края от 16.08.2022 № 1396-пр «Об утверждении "
                 "Положения о системе наставничества педагогических работников в образовательных организациях "
                 "Ставропольского края»")
#: Orders that LibreOffice printed with the signature alone, or with the control item alone, on page 2 while
#: the signature was a paragraph kept with the items by «keep with next» (37 of 960 orders of realistic lengths).
SPLIT_BEFORE = {
    "pairs-two": ("pairs-order", lambda: order("2024-01-11", pairs=[0, 1])),
    "pairs-head-curator-region": ("pairs-order", lambda: order(
        "2024-01-11", pairs=[0, 1], curator=dict(HEAD), **{"organization.regional_act": KIROV_ACT})),
    "curator-head-long-name": ("curator-order", lambda: order(
        "2024-01-11", curator=dict(HEAD), **{
            "organization.full_name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                                      "общеобразовательная школа № 24 с углублённым изучением отдельных предметов»",
            "organization.short_name": "МБОУ СОШ № 24", "organization.locality": "г. Киров",
            "organization.regional_act": STAVROPOL_ACT})),
}


def test_printed_signature_keeps_two_items_where_libreoffice_split_the_chain(tmp_path):
    """The PDF as LibreOffice prints it: the page holding the signature holds two items or is the first."""
    import shutil
    import subprocess

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.skip("LibreOffice or poppler-utils is not installed")
    for name, (template_id, data) in SPLIT_BEFORE.items():
        (tmp_path / f"{name}.docx").write_bytes(render(template_id, data()).content)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300)
    for name in SPLIT_BEFORE:
        text = flat(subprocess.run([pdftotext, "-layout", str(tmp_path / f"{name}.pdf"), "-"], check=True,
                                   capture_output=True, text=True).stdout)
        pages = [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.split("\f")]
        signed = next(i for i, lines in enumerate(pages) if "Директор А.А. Ведерников" in lines)
        items = [line for line in pages[signed] if re.match(r"\d+(\.\d+)*\.\s", line)]
        assert signed == 0 or len(items) >= 2, f"{name}, page {signed + 1}: {pages[signed]}"


def test_contract_refuses_what_no_order_may_print():
    """A boolean or a number where text is due («№ False»), a control character (a paragraph break in the
    middle of a sentence), an order number off the journal's rule, a date outside 2000–2100."""
    data = order("2099-12-31", **{"organization.locality": True, "organization.full_name": 12,
                                  "curator.position": "заместитель\x07директора", "order.number": "4 2",
                                  "pairs.0.start_date": "1900-01-01"})
    with pytest.raises(ContractError) as error:
        render("pairs-order", data)
    fields = {e.field: e.message for e in error.value.errors}
    assert set(fields) == {"organization.locality", "organization.full_name", "curator.position", "order.number",
                           "pairs[0].start_date"}
    assert fields["order.number"].startswith("Номер приказа — не больше 20 знаков")
    assert "между 01.01.2000 и 31.12.2100" in fields["pairs[0].start_date"]
    assert render("pairs-order", order(**{"order.number": 219})).file_name == "Приказ_219_от_11.01.2024.docx"
