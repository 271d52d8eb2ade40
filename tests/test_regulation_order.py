"""The order approving the Положение о системе наставничества педагогических работников and the roadmap:
the acts of the order's date and the pedagogical council's decision in the preamble, the attachments, the
academic year, the day it takes effect, the website, the curator (a woman, a man, none, the head) and the
control; an earlier Положение repealed; the contract's Russian refusals; the order built from the registry;
the PDF as LibreOffice prints it."""

import copy
import datetime as dt
import re

import pytest

from registry.organization import save_organization
from service.documents.catalogue import catalogue
from service.documents.contracts import ContractError
from service.documents.render import render
from service.documents.sources import from_registry
from tests.conftest import docx_text, flat, org_id
from tests.test_closing import _pdfs

NBHYPHEN = "\u2011"
EXAMPLE = catalogue()["regulation-order"].example
HEAD = EXAMPLE["organization"]["head"]
MAN = {"full_name": "Лебедев Сергей Николаевич", "position": "старший воспитатель"}


def data(**changes) -> dict:
    body = copy.deepcopy(EXAMPLE)
    body.update(copy.deepcopy(changes))
    return body


def text_of(body: dict) -> str:
    return flat(docx_text(render("regulation-order", body).content)).replace(NBHYPHEN, "-")


def refused(body: dict) -> dict[str, str]:
    with pytest.raises(ContractError) as error:
        render("regulation-order", body)
    return {e.field: e.message for e in error.value.errors}


def test_example_approves_both_documents_and_tells_the_curator():
    text = text_of(data())
    assert "Об утверждении Положения о системе наставничества педагогических работников и дорожной карты" in text
    assert "на основании решения педагогического совета (протокол от 28.08.2025 № 1), в целях внедрения системы " \
           "(целевой модели) наставничества педагогических работников в МБОУ Палагайской СОШ" in text
    assert "1. Утвердить и ввести в действие с 1 сентября 2025 г.:" in text
    assert "1.1. Положение о системе наставничества педагогических работников в МБОУ Палагайской СОШ " \
           "(приложение № 1);" in text
    assert "1.2. дорожную карту (план мероприятий) по реализации Положения о системе наставничества педагогических " \
           "работников в МБОУ Палагайской СОШ на 2025/2026 учебный год (приложение № 2)." in text
    assert "2. Куратору Абашевой Е.А.:" in text
    assert "2.1. обеспечить размещение Положения и дорожной карты на официальном сайте МБОУ Палагайской СОШ в " \
           "информационно-телекоммуникационной сети «Интернет» в течение десяти рабочих дней со дня издания " \
           "настоящего приказа;" in text
    assert "2.2. ознакомить педагогических работников с Положением под подпись;" in text
    assert "3. Контроль за исполнением приказа возложить на заместителя директора по учебно-воспитательной работе " \
           "Абашеву Елену Алексеевну." in text
    assert "С приказом ознакомлена:" in text and "Абашева Е.А." in text


def test_preamble_cites_the_acts_in_force_on_the_order_date():
    text = text_of(data())
    assert "В соответствии с:" in text
    for act in ("Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»;",
                "статьёй 351.8 Трудового кодекса Российской Федерации;",
                "распоряжением Правительства Российской Федерации от 21.05.2025 № 1264-р;",
                "письмом Министерства просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 «О направлении "
                "методических рекомендаций»,"):
        assert act in text
    assert "Р-145" not in text
    assert "Положением о системе" not in text  # the order approves the Положение: it cannot rest on it
    early = text_of(data(order={"number": "3", "date": "2024-01-10"}, council={"number": "4", "date": "2023-12-27"},
                         academic_year=2023, effective_date=None))
    assert early.count("В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ") == 1
    assert "351.8" not in early and "1264-р" not in early
    assert "1. Утвердить и ввести в действие со дня издания настоящего приказа:" in early
    assert "на 2023/2024 учебный год" in early
    regional = text_of(data(organization={**EXAMPLE["organization"], "regional_act": "приказ министерства "
                            "образования Ставропольского края от 14.02.2023 № 250-пр"}))
    assert "приказом министерства образования Ставропольского края от 14.02.2023 № 250-пр" in regional


def test_a_man_as_curator_and_the_appointment_item():
    text = text_of(data(curator=MAN, options={"appoint_curator": True}))
    assert "2. Назначить с 1 сентября 2025 г. куратором реализации программ наставничества педагогических работников " \
           "в МБОУ Палагайской СОШ старшего воспитателя Лебедева Сергея Николаевича." in text
    assert "3. Куратору Лебедеву С.Н.:" in text
    assert "4. Контроль за исполнением приказа возложить на старшего воспитателя Лебедева Сергея Николаевича." in text
    assert "С приказом ознакомлен:" in text


def test_without_a_curator_the_items_are_impersonal_and_the_head_keeps_control():
    body = data()
    del body["curator"]
    text = text_of(body)
    assert "2. Разместить Положение и дорожную карту на официальном сайте МБОУ Палагайской СОШ" in text
    assert "3. Ознакомить педагогических работников МБОУ Палагайской СОШ с Положением под подпись." in text
    assert "4. Контроль за исполнением приказа оставляю за собой." in text
    assert "Куратору" not in text and "С приказом ознакомлен" not in text


def test_head_as_curator_takes_the_duties_and_keeps_control():
    text = text_of(data(curator=HEAD, options={"appoint_curator": True}))
    assert "2. Обязанности куратора реализации программ наставничества педагогических работников в МБОУ Палагайской " \
           "СОШ с 1 сентября 2025 г. возлагаю на себя." in text
    assert "Куратору" not in text and "Контроль за исполнением приказа оставляю за собой." in text
    assert "С приказом ознакомлен" not in text


def test_an_earlier_regulation_is_repealed():
    organization = {**EXAMPLE["organization"], "regulation": {"number": "219", "date": "2024-01-11"}}
    text = text_of(data(organization=organization))
    assert "2. Признать утратившим силу с 1 сентября 2025 г. Положение о системе наставничества педагогических " \
           "работников, утверждённое приказом от 11.01.2024 № 219." in text
    assert "3. Куратору Абашевой Е.А.:" in text and "4. Контроль" in text
    same_day = {**EXAMPLE["organization"], "regulation": {"number": "154", "date": "2025-08-29"}}
    assert "утратившим силу" not in text_of(data(organization=same_day))


def test_contract_refuses_dates_out_of_order_and_a_wrong_year():
    assert refused(data(council={"number": "1", "date": "2025-09-02"})) == {
        "council.date": "дата протокола педагогического совета: 02.09.2025 — позже приказа от 29.08.2025: "
                        "педагогический совет принимает Положение до приказа; проверьте дату."}
    assert refused(data(effective_date="2025-08-01"))["effective_date"].startswith(
        "дата введения Положения и дорожной карты в действие: 01.08.2025 — раньше приказа от 29.08.2025")
    assert refused(data(academic_year=2030))["academic_year"] == (
        "учебный год дорожной карты (первый год: 2025 — 2025/2026): 2030/2031 учебный год не подходит к приказу от "
        "29.08.2025: укажите 2024 (2024/2025) или 2025 (2025/2026).")
    assert refused(data(academic_year="2025"))["academic_year"].endswith("нужно целое число.")
    body = data()
    del body["council"]
    assert refused(body) == {"council": "нужен объект с данными: протокол педагогического совета."}
    assert "council.number" in refused(data(council={"number": "", "date": "2025-08-28"}))


def test_file_name():
    assert render("regulation-order", data()).file_name == "Приказ_154_от_29.08.2025.docx"


# -- from the registry ---------------------------------------------------------------------------------


def test_registry_order_with_the_curator_and_the_council(db):
    organization = org_id(db)
    body = from_registry("regulation-order", db, organization, None,
                         {"number": "154", "date": "2025-08-29", "council_number": "1", "council_date": "2025-08-28",
                          "effective_on": "2025-09-01", "appoint_curator": "off"})
    assert body["council"] == {"number": "1", "date": "2025-08-28"}
    assert body["academic_year"] == 2025 and body["options"] == {"appoint_curator": False}
    assert body["curator"]["full_name"] == "Абашева Елена Алексеевна"
    text = text_of(body)
    assert "на 2025/2026 учебный год" in text and "Куратору Абашевой Е.А.:" in text
    assert render("regulation-order", body).person_ids == [body["curator"]["id"]]


def test_registry_year_from_the_organisation_and_a_typed_year(db):
    organization = org_id(db)
    save_organization(db, organization, {"academic_year": 2024, "regulation_number": "219",
                                         "regulation_date": "2024-01-11"})
    options = {"number": "3", "date": "2025-01-20", "council_number": "2", "council_date": "2025-01-17"}
    body = from_registry("regulation-order", db, organization, None, options)
    assert body["academic_year"] == 2024
    assert "утверждённое приказом от 11.01.2024 № 219" in text_of(body)
    body = from_registry("regulation-order", db, organization, None, options | {"academic_year": "2025/2026"})
    assert body["academic_year"] == 2025


def test_registry_without_council_is_named_by_the_contract(db):
    body = from_registry("regulation-order", db, org_id(db), None,
                         {"number": "5", "date": dt.date.today().isoformat(), "curator_id": None})
    assert "curator" not in body
    assert set(refused(body)) == {"council"}


# -- as printed ------------------------------------------------------------------------------------------


def test_printed_order_is_two_pages_with_the_signature_not_alone(tmp_path):
    no_curator = data()
    del no_curator["curator"]
    printed = _pdfs(tmp_path, {"example": render("regulation-order", data()).content,
                               "no_curator": render("regulation-order", no_curator).content})
    for name, (pages, text) in printed.items():
        assert pages <= 2, name
        page_lines = [[" ".join(line.split()) for line in page.splitlines() if line.strip()]
                      for page in text.split("\f")]
        signed = next(i for i, lines in enumerate(page_lines) if "Директор А.А. Ведерников" in lines)
        numbered = [line for line in page_lines[signed] if re.match(r"\d+(\.\d+)*\.\s", line)]
        assert signed == 0 or len(numbered) >= 2, f"{name}: {page_lines[signed]}"
    assert printed["example"][0] == 2
    assert "ПРИКАЗЫВАЮ:" in printed["example"][1] and "С приказом ознакомлена:" in printed["example"][1]
