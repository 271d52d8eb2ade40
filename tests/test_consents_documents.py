"""The consents: the mentor's consent to mentoring and the addendum to the labour contract (Labour Code
art. 351.8), and the consent to personal data processing or publication (152-ФЗ art. 9, 10.1) — every
declined name in its case, agreement with the person's gender and the number of mentees, the law as of the
document's day, blanks where the registry keeps nothing, Russian errors, built from the registry, one sheet
as LibreOffice prints it."""

import copy
import io

import pytest

from registry.pairs import list_pairs
from registry.people import list_people
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError, validate
from service.documents.render import preview, render
from service.documents.sources import from_registry
from tests.conftest import docx_text, flat, org_id
from tests.test_programme import _pdf_pages

NBSP = "\u00a0"
MAN = {"full_name": "Шевченко Андрей Викторович", "position": "учитель физики"}
GROUP = [{"full_name": "Зайцев Дмитрий Игоревич", "position": "педагог-психолог"},
         {"full_name": "Мамедова Лейла Рашид кызы", "position": "учитель английского языка"}]
SIX = GROUP + [{"full_name": "Соколова Вероника Андреевна", "position": "учитель математики"},
               {"full_name": "Петров Илья Сергеевич", "position": "учитель физической культуры"},
               {"full_name": "Кожевникова Мария Олеговна", "position": "учитель-дефектолог"},
               {"full_name": "Нуриев Тимур Ринатович", "position": "социальный педагог"}]
CONTRACT = {"number": "15", "date": "2010-09-01"}
PASSPORT = {"series": "57 18", "number": "123456", "issued_on": "2018-03-12",
            "issued_by": "ГУ МВД России по Пермскому краю"}


def example(template_id: str, **changes) -> dict:
    data = copy.deepcopy(get_template(template_id).example)
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[key]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return data


def lines(template_id: str, data: dict) -> list[str]:
    return flat(docx_text(render(template_id, data).content)).replace("\u2011", "-").splitlines()


def errors(template_id: str, data: dict) -> dict[str, str]:
    with pytest.raises(ContractError) as caught:
        render(template_id, data)
    return {e.field: e.message for e in caught.value.errors}


# -- the mentor's consent ----------------------------------------------------------------------------------


def test_consent_is_addressed_to_the_head_from_the_mentor():
    content = render("mentor-consent", example("mentor-consent")).content
    text = flat(docx_text(content)).splitlines()
    assert text[:4] == ["Директору МБОУ Палагайской СОШ", "А.А. Ведерникову", "от учителя начальных классов",
                        "Черных Ольги Ильиничны"]
    for line in ("Согласие на осуществление наставничества",
                 "Я, Черных Ольга Ильинична, учитель начальных классов, в соответствии со статьёй 351.8 Трудового "
                 "кодекса Российской Федерации даю согласие на осуществление наставничества в отношении наставляемой — "
                 "учителя-логопеда Шевчук Анны Сергеевны на следующих условиях:",
                 "2. Срок наставничества: с 15 сентября 2025 г. по 31 мая 2026 г.",
                 "3. Форма наставничества: «педагог – педагог».",
                 "4. Выплата за наставничество: в размере и порядке, установленных Положением об оплате труда "
                 "работников МБОУ Палагайской СОШ.",
                 "01.09.2025\t____________________ О.И. Черных"):
        assert line in text, line
    content_item = next(line for line in text if line.startswith("1. Содержание"))
    assert content_item.startswith("1. Содержание работы по наставничеству: оказание наставляемой помощи")
    assert any(line.startswith("Мне известно, что") and "не позднее чем за три рабочих дня." in line for line in text)
    assert f"А.А.{NBSP}Ведерникову" in docx_text(content)


def test_a_man_mentors_a_man():
    data = example("mentor-consent", mentor=MAN,
                   mentees=[{"full_name": "Ильин Артём Олегович", "position": "учитель информатики"}])
    text = lines("mentor-consent", data)
    assert text[2:4] == ["от учителя физики", "Шевченко Андрея Викторовича"]
    assert any("в отношении наставляемого — учителя информатики Ильина Артёма Олеговича на следующих" in line
               for line in text)
    assert render("mentor-consent", data).file_name == "Согласие_на_наставничество_Шевченко_А.В.docx"


def test_two_mentees_are_named_inline_six_in_an_item_of_their_own():
    two = lines("mentor-consent", example("mentor-consent", mentees=GROUP))
    assert any("в отношении наставляемых — педагога-психолога Зайцева Дмитрия Игоревича и учителя английского языка "
               "Мамедовой Лейлы Рашид кызы на следующих условиях:" in line for line in two)
    six = lines("mentor-consent", example("mentor-consent", mentees=SIX))
    assert any(line.endswith("в отношении наставляемых, указанных в пункте 1, на следующих условиях:") for line in six)
    start = six.index("1. Наставляемые:")
    assert six[start + 1:start + 7] == [
        "1) педагог-психолог Зайцев Дмитрий Игоревич;", "2) учитель английского языка Мамедова Лейла Рашид кызы;",
        "3) учитель математики Соколова Вероника Андреевна;", "4) учитель физической культуры Петров Илья Сергеевич;",
        "5) учитель-дефектолог Кожевникова Мария Олеговна;", "6) социальный педагог Нуриев Тимур Ринатович."]
    assert six[start + 7].startswith("2. Содержание работы по наставничеству:")
    assert any(line.startswith("5. Выплата за наставничество:") for line in six)


def test_before_1_march_2025_article_351_8_is_not_cited():
    text = lines("mentor-consent", example("mentor-consent", start_date="2025-01-15", end_date="2025-05-31",
                                           date="2025-01-10"))
    assert not any("351.8" in line for line in text)
    assert not any(line.startswith("Мне известно") for line in text)
    assert any(line.startswith("Я, Черных Ольга Ильинична, учитель начальных классов, даю согласие") for line in text)


def test_undated_consent_leaves_the_date_for_a_hand():
    text = lines("mentor-consent", example("mentor-consent", date=None))
    assert "«___» ____________ 20___ г.\t____________________ О.И. Черных" in text


def test_addendum_between_the_organisation_and_the_mentor():
    data = example("mentor-consent", variant="addendum", contract=CONTRACT, number="3", mentor=MAN,
                   mentees=[{"full_name": "Ильин Артём Олегович", "position": "учитель информатики"}])
    rendered = render("mentor-consent", data)
    text = flat(docx_text(rendered.content)).splitlines()
    for line in ("Дополнительное соглашение № 3", "к трудовому договору от 01.09.2010 № 15",
                 "о выполнении работы по наставничеству", "д. Палагай\t1 сентября 2025 г.",
                 "Муниципальное бюджетное общеобразовательное учреждение «Палагайская средняя общеобразовательная "
                 "школа» (МБОУ Палагайская СОШ; далее — Работодатель) в лице директора Ведерникова Алексея "
                 "Андреевича, действующего на основании устава, с одной стороны, и учитель физики Шевченко Андрей "
                 "Викторович (далее — Работник), с другой стороны, заключили настоящее дополнительное соглашение к "
                 "трудовому договору от 01.09.2010 № 15 (далее — трудовой договор) о нижеследующем:",
                 "1. С письменного согласия Работника Работодатель поручает Работнику выполнение работы по "
                 "наставничеству (статья 351.8 Трудового кодекса Российской Федерации) в отношении наставляемого — "
                 "учителя информатики Ильина Артёма Олеговича.",
                 "3. Срок наставничества: с 15 сентября 2025 г. по 31 мая 2026 г.",
                 "7. Остальные условия трудового договора не изменяются.",
                 "Экземпляр дополнительного соглашения получил:"):
        assert line in text, line
    assert rendered.file_name == "Доп_соглашение_о_наставничестве_Шевченко_А.В.docx"
    import docx

    document = docx.Document(io.BytesIO(rendered.content))
    assert document.core_properties.category == "Дополнительное соглашение"
    parties = document.tables[0].rows[0].cells[0].tables[0]
    assert [p.text for p in parties.rows[0].cells[0].paragraphs][:3] == ["Работодатель:", "МБОУ Палагайская СОШ",
                                                                         "Директор"]
    assert parties.rows[0].cells[1].paragraphs[1].text == "Шевченко Андрей Викторович"


def test_addendum_agrees_with_a_woman_head_and_her_authority():
    data = example("mentor-consent", variant="addendum", contract=CONTRACT, mentees=SIX,
                   authority="приказа от 01.09.2025 № 12",
                   **{"organization.head": {"full_name": "Пономарёва Елена Андреевна", "position": "и.о. директора"}})
    text = lines("mentor-consent", data)
    assert any("в лице и.о. директора Пономарёвой Елены Андреевны, действующей на основании приказа от 01.09.2025 "
               "№ 12, с одной стороны" in line for line in text)
    assert "Дополнительное соглашение № ____" in text
    start = next(i for i, line in enumerate(text) if line.endswith("в отношении наставляемых:"))
    assert text[start + 1] == "1) педагога-психолога Зайцева Дмитрия Игоревича;"
    assert text[start + 6] == "6) социального педагога Нуриева Тимура Ринатовича."
    assert "Экземпляр дополнительного соглашения получила:" in text


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"variant": "addendum"}, "contract",
     "трудовой договор наставника: для дополнительного соглашения укажите номер и дату трудового договора наставника: "
     "{\"number\": …, \"date\": \"ГГГГ-ММ-ДД\"}."),
    ({"variant": "соглашение"}, "variant",
     "вид документа: укажите \"consent\" (согласие работника) или \"addendum\" (дополнительное соглашение к трудовому "
     "договору)."),
    ({"end_date": "2025-09-01"}, "end_date",
     "дата окончания раньше даты начала: проверьте срок наставничества (дата окончания наставничества)."),
    ({"pay": None}, "pay", "не заполнено: размер и порядок выплаты за наставничество."),
    ({"mentees": []}, "mentees", "нужен список: наставляемые, хотя бы один элемент."),
    ({"mentor": {"full_name": "Ведерников Алексей Андреевич", "position": "директор"}}, "mentor",
     "наставник: наставник — сам руководитель организации: его согласие и дополнительное соглашение к трудовому "
     "договору оформляет учредитель, а не этот документ."),
    ({"contract": {"number": "15", "date": "2025-09-02"}}, "contract.date",
     "дата трудового договора: трудовой договор датирован 02.09.2025 — позже документа от 01.09.2025; проверьте дату."),
])
def test_mentor_consent_errors_are_russian(change, field, message):
    assert errors("mentor-consent", example("mentor-consent", **change))[field] == message


def test_mentor_consent_preview():
    entry = get_template("mentor-consent")
    rows = dict(preview(entry, validate(entry.contract, example("mentor-consent"))))
    assert rows["Кому (дательный)"] == f"Директору МБОУ Палагайской СОШ А.А.{NBSP}Ведерникову"
    assert rows["От кого (родительный)"] == "от учителя начальных классов Черных Ольги Ильиничны"
    assert rows["В отношении (родительный)"] == f"наставляемой{NBSP}— учителя-логопеда Шевчук Анны Сергеевны"


def test_mentor_consent_from_the_registry(db):
    organization = org_id(db)
    group = next(p for p in list_pairs(db, organization) if len(p["mentees"]) > 1)
    data = from_registry("mentor-consent", db, organization, group["id"], {})
    rendered = render("mentor-consent", data)
    text = flat(docx_text(rendered.content)).splitlines()
    assert text[2:4] == ["от учителя русского языка и литературы", "Кузнецовой Марины Петровны"]
    assert any("в отношении наставляемых — педагога-психолога Зайцева Дмитрия Игоревича и учителя английского "
               "языка Мамедовой Лейлы Рашид кызы" in line for line in text)
    assert any(line.startswith("1. Содержание работы по наставничеству: оказание наставляемым помощи") for line in text)
    assert any(line.endswith("Положением об оплате труда работников МБОУ Палагайской СОШ.") for line in text)
    assert set(rendered.person_ids) == {group["mentor"]["id"], *(m["id"] for m in group["mentees"])}
    # The addendum needs the labour contract, which the registry does not keep: the form's fields give it.
    pair = next(p for p in list_pairs(db, organization) if p["mentees"][0]["last_name"] == "Шевчук")
    assert "contract" in errors("mentor-consent", from_registry("mentor-consent", db, organization, pair["id"],
                                                                {"variant": "addendum"}))
    addendum = from_registry("mentor-consent", db, organization, pair["id"],
                             {"variant": "addendum", "contract_number": "15", "contract_date": "2010-09-01",
                              "pay": "ежемесячно 2 000 рублей", "date": "2025-09-01"})
    text = lines("mentor-consent", addendum)
    assert "к трудовому договору от 01.09.2010 № 15" in text
    assert any(line.endswith("устанавливается выплата: ежемесячно 2 000 рублей.") for line in text)
    assert any("в отношении наставляемой — учителя-логопеда Шевчук Анны Сергеевны." in line for line in text)


# -- the consent to personal data processing ---------------------------------------------------------------


def test_processing_consent_prints_blanks_where_nothing_is_known():
    content = render("pd-consent", example("pd-consent")).content
    text = flat(docx_text(content)).splitlines()
    assert text[0] == "Согласие на обработку персональных данных"
    assert "Я, Шевчук Анна Сергеевна," in text
    assert "зарегистрированная по адресу: " + "_" * 40 in text
    assert "паспорт гражданина Российской Федерации:" in text
    assert "серия ________ № ______________, выдан «___» ______________ ________ г.," in text
    intro = next(line for line in text if line.startswith("в соответствии со статьёй 9"))
    assert intro == ("в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152‑ФЗ «О персональных данных» "
                     "свободно, своей волей и в своём интересе даю согласие Муниципальному бюджетному "
                     "общеобразовательному учреждению «Палагайская средняя общеобразовательная школа» (МБОУ "
                     f"Палагайская СОШ; далее — оператор), адрес: {'_' * 40}, на обработку моих персональных данных "
                     "на следующих условиях.")
    assert any(line.startswith("1. Цель обработки: организация наставничества педагогических работников в МБОУ "
                               "Палагайской СОШ — ") for line in text)
    assert any(line.startswith("6. Согласие может быть отозвано мною в любое время") and
               "предусмотренным Федеральным законом" in line for line in text)
    assert "26.08.2025\t____________________ А.С. Шевчук" in text


def test_processing_consent_of_a_man_with_his_passport_and_the_founder():
    data = example("pd-consent", person=dict(MAN, address="617000, Пермский край, д. Палагай, ул. Школьная, д. 5",
                                             document=PASSPORT),
                   operator_address="617000, Пермский край, д. Палагай, ул. Центральная, д. 1",
                   **{"organization.founder": "Управление образования администрации округа"})
    text = lines("pd-consent", data)
    assert "зарегистрированный по адресу: 617000, Пермский край, д. Палагай, ул. Школьная, д. 5," in text
    assert "серия 57 18 № 123456, выдан 12.03.2018 ГУ МВД России по Пермскому краю," in text
    assert any("(МБОУ Палагайская СОШ; далее — оператор), адрес: 617000, Пермский край, д. Палагай, ул. Центральная, "
               "д. 1, на обработку" in line for line in text)
    assert any(line.endswith("и представление его результатов учредителю — Управлению образования администрации "
                             "округа.") for line in text)
    assert any("передача (предоставление, доступ), в том числе учредителю" in line for line in text)


def test_publication_consent_is_a_document_of_its_own():
    data = example("pd-consent", purpose="publication",
                   person=dict(MAN, contacts="+7 912 345-67-89, shevchenko@example.ru"),
                   website="https://palagai.example.ru/nastavnichestvo")
    rendered = render("pd-consent", data)
    text = flat(docx_text(rendered.content)).replace("\u2011", "-").splitlines()
    assert text[0] == ("Согласие на обработку персональных данных, разрешённых субъектом персональных данных для "
                       "распространения")
    assert "+7 912 345-67-89, shevchenko@example.ru," in text
    assert any(line.endswith("официальный сайт https://palagai.example.ru/nastavnichestvo.") for line in text)
    assert any("ИНН ______________, ОГРН ________________, на обработку в форме распространения" in line
               for line in text)
    assert any("(части 12–14 статьи 10.1)" in line for line in text)
    assert not any(line.startswith("серия") for line in text)  # no passport in a consent to publication
    assert rendered.file_name == "Согласие_на_распространение_ПД_Шевченко_А.В.docx"


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"purpose": "сайт"}, "purpose",
     "цель согласия: укажите \"processing\" (обработка персональных данных) или \"publication\" (распространение — "
     "публикация на сайте)."),
    ({"person": dict(MAN, document=dict(PASSPORT, issued_on="2025-09-01"))}, "person.document.issued_on",
     "дата выдачи документа: документ выдан 01.09.2025 — позже согласия от 26.08.2025; проверьте дату."),
    ({"person": dict(MAN, document={"number": 123456})}, "person.document.number", "номер документа: нужна строка."),
    ({"person": None}, "person", "нужен объект с данными: субъект персональных данных."),
    ({"person": dict(MAN, passport="57 18")}, "person.passport",
     "неизвестное поле «passport» — уберите его или проверьте написание; допустимо: id, full_name, position, gender, "
     "forms, position_forms, consent, address, contacts, document."),
])
def test_pd_consent_errors_are_russian(change, field, message):
    assert errors("pd-consent", example("pd-consent", **change))[field] == message


def test_pd_consent_from_the_registry(db):
    organization = org_id(db)
    people = {p["last_name"]: p for p in list_people(db, organization)}
    db["people"].update(people["Ильин"]["id"], {"phone": "+7 912 000-00-01", "email": "ilin@example.ru"})
    data = from_registry("pd-consent", db, organization, people["Ильин"]["id"], {"purpose": "publication"})
    text = lines("pd-consent", data)
    assert "Я, Ильин Артём Олегович," in text and "+7 912 000-00-01, ilin@example.ru," in text
    data = from_registry("pd-consent", db, organization, people["Черных"]["id"], {})
    rendered = render("pd-consent", data)
    text = flat(docx_text(rendered.content)).splitlines()
    assert "зарегистрированная по адресу: " + "_" * 40 in text
    assert "«___» ____________ 20___ г.\t____________________ О.И. Черных" in text
    assert rendered.person_ids == [people["Черных"]["id"]]


# -- printed -------------------------------------------------------------------------------------------------


def test_consents_print_on_one_sheet_the_addendum_on_two(tmp_path):
    documents = {
        "consent": render("mentor-consent", example("mentor-consent")).content,
        "consent-six": render("mentor-consent", example("mentor-consent", mentees=SIX)).content,
        "addendum": render("mentor-consent", example("mentor-consent", variant="addendum", contract=CONTRACT)).content,
        "processing": render("pd-consent", example("pd-consent")).content,
        "publication": render("pd-consent", example("pd-consent", purpose="publication")).content,
    }
    printed = _pdf_pages(tmp_path, documents)
    for name, (pages, text) in printed.items():
        assert pages == (2 if name == "addendum" else 1), name
        last = [" ".join(line.split()) for line in text.split("\f")[pages - 1].splitlines() if line.strip()]
        if name == "addendum":
            # Item 8, both sides' signatures and the receipt stay together on the last page.
            assert last[0] == "2" and last[1].startswith("8. Настоящее дополнительное соглашение")
            assert any("А.А. Ведерников" in line and "О.И. Черных" in line for line in last)
        else:
            assert last[-1].endswith(("О.И. Черных", "А.С. Шевчук")), last[-1]
