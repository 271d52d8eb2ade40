"""The acquaintance sheet of an order: everyone named but the head who signed it, in the nominative, with
«ознакомлен» / «ознакомлена» agreeing with each; built from the data of the order's latest version in the
journal; the contract's Russian refusals; one page as LibreOffice prints it."""

import copy
import io

import docx
import pytest

from registry.orders import add_version, register_order
from registry.pairs import list_pairs
from service.documents.catalogue import catalogue
from service.documents.contracts import ContractError
from service.documents.registry_data import order_data
from service.documents.render import render
from service.documents.sources import from_registry
from service.documents.sources.acquaintance_sheet import named_people
from tests.conftest import ORDER, docx_text, flat, org_id
from tests.test_closing import _pdfs

EXAMPLE = catalogue()["acquaintance-sheet"].example
HEAD = EXAMPLE["organization"]["head"]


def rows(content: bytes) -> list[list[str]]:
    """The sheet's table, heading row first, each cell's text."""
    table = docx.Document(io.BytesIO(content)).tables[0]
    return [[flat(cell.text) for cell in row.cells] for row in table.rows]


def refused(body: dict) -> dict[str, str]:
    with pytest.raises(ContractError) as error:
        render("acquaintance-sheet", body)
    return {e.field: e.message for e in error.value.errors}


def test_example_lists_everyone_in_the_nominative_agreeing_by_gender():
    rendered = render("acquaintance-sheet", EXAMPLE)
    text = flat(docx_text(rendered.content))
    assert "Лист ознакомления\nс приказом от 11.01.2024 № 219 «О закреплении наставнических пар (групп)»" in text
    table = rows(rendered.content)
    assert table[0] == ["№\nп/п", "Фамилия, имя, отчество", "Должность", "Ознакомлен(а)", "Дата", "Подпись"]
    assert table[1] == ["1", "Абашева Елена Алексеевна", "Заместитель директора по учебно-воспитательной работе",
                        "ознакомлена", "", ""]
    assert table[5] == ["5", "Зайцев Дмитрий Игоревич", "Педагог-психолог", "ознакомлен", "", ""]
    assert table[6][1:4] == ["Мамедова Лейла Рашид кызы", "Учитель английского языка", "ознакомлена"]
    assert len(table) == 7
    assert rendered.file_name == "Лист_ознакомления_с_приказом_219_от_11.01.2024.docx"


def test_the_head_and_repeated_people_are_left_out():
    body = copy.deepcopy(EXAMPLE)
    body["people"] = [dict(HEAD), body["people"][1], {**body["people"][1], "full_name": "Черных  Ольга Ильинична"},
                      {"full_name": "Ильин Артём Олегович", "position": "учитель информатики"}]
    table = rows(render("acquaintance-sheet", body).content)
    assert [row[1] for row in table[1:]] == ["Черных Ольга Ильинична", "Ильин Артём Олегович"]
    assert [row[3] for row in table[1:]] == ["ознакомлена", "ознакомлен"]


def test_contract_refuses_a_sheet_without_anyone_to_sign():
    body = copy.deepcopy(EXAMPLE)
    body["people"] = [dict(HEAD)]
    message = refused(body)["people"]
    assert message.startswith("кого знакомят с приказом: в списке только руководитель")
    body["people"] = []
    assert refused(body) == {"people": "нужен список: кого знакомят с приказом, хотя бы один элемент."}
    body = copy.deepcopy(EXAMPLE)
    del body["order"]["heading"]
    body["order"]["date"] = "11.01.2024"
    fields = refused(body)
    assert fields["order.heading"] == "не заполнено: заголовок приказа."
    assert fields["order.date"].startswith("дата приказа: «11.01.2024» — не дата")


def test_named_people_walks_any_order_but_its_organisation():
    data = copy.deepcopy(ORDER)
    data["pairs"][0]["mentor"]["consent"] = "2024-01-10"
    people = named_people(data)
    assert [p["full_name"] for p in people][:3] == ["Абашева Елена Алексеевна", "Черных Ольга Ильинична",
                                                    "Шевчук Анна Сергеевна"]
    assert all("consent" not in p for p in people)
    assert not any(p["full_name"] == "Ведерников Алексей Андреевич" for p in people)


def _journal(db, template_id: str, data: dict, heading: str) -> int:
    registered = register_order(db, org_id(db), date=data["order"]["date"], kind=template_id, heading=heading,
                                number=data["order"]["number"])
    add_version(db, registered["id"], file_name="order.docx", file=b"-", data=data)
    return registered["id"]


def test_sheet_of_a_pairs_order_in_the_journal(db):
    organization = org_id(db)
    pairs = [p["id"] for p in list_pairs(db, organization, "active")]
    day = max(p["start_date"] for p in list_pairs(db, organization, "active"))
    curator = next(iter(db.query("select person_id from person_roles where role = 'curator'")))["person_id"]
    data = order_data(db, organization, number="219", date=day, curator_id=curator, pair_ids=pairs)
    order_id = _journal(db, "pairs-order", data, "О закреплении наставнических пар (групп)")
    body = from_registry("acquaintance-sheet", db, organization, order_id, {})
    assert body["order"] == {"number": "219", "date": day, "heading": "О закреплении наставнических пар (групп)"}
    rendered = render("acquaintance-sheet", body)
    table = rows(rendered.content)
    names = [row[1] for row in table[1:]]
    assert names[0] == "Абашева Елена Алексеевна" and "Ведерников Алексей Андреевич" not in names
    assert "Мамедова Лейла Рашид кызы" in names and "Черных Ольга Ильинична" in names
    assert len(names) == len(set(names))
    agreed = {row[1]: row[3] for row in table[1:]}
    assert agreed["Шевчук Анна Сергеевна"] == "ознакомлена" and agreed["Ильин Артём Олегович"] == "ознакомлен"
    assert set(rendered.person_ids) == {p["id"] for p in body["people"]}


def test_sheet_of_a_curator_order_whose_curator_is_a_man(db):
    data = {"organization": EXAMPLE["organization"], "order": {"number": "12-ОД", "date": "2025-09-01"},
            "curator": {"full_name": "Лебедев Сергей Николаевич", "position": "старший воспитатель"}}
    order_id = _journal(db, "curator-order", data, "О назначении куратора")
    body = from_registry("acquaintance-sheet", db, org_id(db), order_id, {})
    table = rows(render("acquaintance-sheet", body).content)
    assert table[1:] == [["1", "Лебедев Сергей Николаевич", "Старший воспитатель", "ознакомлен", "", ""]]


def test_no_such_order_leaves_the_contract_to_say_so(db):
    body = from_registry("acquaintance-sheet", db, org_id(db), 999999, {})
    fields = refused(body)
    assert fields == {"order": "нужен объект с данными: приказ, с которым знакомят.",
                      "people": "нужен список: кого знакомят с приказом, хотя бы один элемент."}


def test_printed_sheet_is_one_page_with_the_whole_table(tmp_path):
    many = copy.deepcopy(EXAMPLE)
    many["people"] = many["people"] + [{"full_name": f"Иванова Мария {p}", "position": "учитель",
                                            "gender": "f"} for p in ("Петровна", "Ивановна", "Сергеевна")]
    printed = _pdfs(tmp_path, {"example": render("acquaintance-sheet", EXAMPLE).content,
                               "nine": render("acquaintance-sheet", many).content})
    pages, text = printed["example"]
    assert pages == 1
    words = " ".join(text.split())
    for phrase in ("Лист ознакомления", "с приказом от 11.01.2024 № 219 «О закреплении наставнических пар (групп)»",
                   "Ознакомлен(а)", "Подпись", "Мамедова Лейла"):
        assert phrase in words
    assert printed["nine"][0] == 1
