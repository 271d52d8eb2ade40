"""The order «О завершении (прекращении) наставничества»: completed and early-ended pairs and groups in the
words a records officer uses, agreeing with one pair or several, a woman or a man; thanks and the bonus to
the mentors; the curator's monitoring and control (the head as curator keeps it); the contract's Russian
refusals; the order built from the registry; the PDF as LibreOffice prints it."""

import copy
import datetime as dt
import re
import shutil
import subprocess

import pytest

from registry.orders import add_version, register_order
from registry.pairs import get_pair, list_pairs
from service.documents.catalogue import catalogue
from service.documents.context import MAX_WORDS, count_words
from service.documents.contracts import ContractError
from service.documents.render import render
from service.documents.sources import from_registry
from tests.conftest import docx_text, flat, org_id

NBHYPHEN = "\u2011"
EXAMPLE = catalogue()["closing-order"].example
SHEVCHUK = {"full_name": "Шевчук Анна Сергеевна", "position": "учитель-логопед"}
GROUP = {"mentor": {"full_name": "Кузнецова Марина Петровна", "position": "учитель русского языка и литературы"},
         "mentees": [{"full_name": "Зайцев Дмитрий Игоревич", "position": "педагог-психолог"},
                     {"full_name": "Мамедова Лейла Рашид кызы", "position": "учитель английского языка",
                      "gender": "f"}],
         "form": "групповая", "start_date": "2024-01-15", "end_date": "2024-12-27", "status": "terminated",
         "closed_on": "2024-05-20", "reason": "Перевод наставляемых в другую образовательную организацию.",
         "initiative": "mentee"}


def data(pairs=None, **changes) -> dict:
    """The catalogue example; ``pairs`` (indexes into its pairs or pair dicts) replace its pairs;
    ``changes`` set top-level fields."""
    body = copy.deepcopy(EXAMPLE)
    if pairs is not None:
        body["pairs"] = [copy.deepcopy(EXAMPLE["pairs"][p]) if isinstance(p, int) else copy.deepcopy(p) for p in pairs]
    body.update(copy.deepcopy(changes))
    return body


def text_of(body: dict) -> str:
    return flat(docx_text(render("closing-order", body).content)).replace(NBHYPHEN, "-")


def items(text: str) -> str:
    """The order's items, from «ПРИКАЗЫВАЮ:» to the signature."""
    return text[text.index("ПРИКАЗЫВАЮ:"):]


def refused(body: dict) -> dict[str, str]:
    with pytest.raises(ContractError) as error:
        render("closing-order", body)
    return {e.field: e.message for e in error.value.errors}


def test_example_completes_two_pairs_ends_one_early_and_thanks_the_mentors():
    text = text_of(data())
    assert "О завершении (прекращении) наставничества" in text
    assert ("1. Завершить 31 мая 2024 г. наставничество в связи с выполнением персонализированных программ "
            "наставничества:") in text
    assert ("1.1. в отношении учителя-логопеда Шевчук Анны Сергеевны, закреплённой за наставником — учителем "
            "начальных классов Черных Ольгой Ильиничной приказом от 11.01.2024 № 219;") in text
    assert ("1.2. в отношении педагога дополнительного образования Гончаренко Кирилла Андреевича, закреплённого за "
            "наставником — старшим воспитателем Лебедевым Сергеем Николаевичем.") in text
    assert ("2. Прекратить досрочно с 10 апреля 2024 г. наставничество в отношении учителя информатики Ильина Артёма "
            "Олеговича, закреплённого за наставником — учителем физики Шевченко Андреем Викторовичем приказом от "
            "11.01.2024 № 219, по инициативе организации (причина — длительная болезнь наставника).") in text
    # Thanks in the dative, to the mentors of completed pairs only (not to Шевченко, whose pair ended early).
    assert ("3. Объявить благодарность учителю начальных классов Черных О.И. и старшему воспитателю Лебедеву С.Н. за "
            "успешную реализацию персонализированных программ наставничества.") in text
    assert ("4. Премировать наставников, указанных в пункте 3 настоящего приказа, в соответствии с Положением об "
            "оплате труда работников МБОУ Палагайской СОШ.") in text
    assert "5. Куратору Абашевой Е.А. в течение десяти рабочих дней" in text
    assert "представить директору аналитическую справку" in text
    assert ("6. Контроль за исполнением приказа возложить на заместителя директора по учебно-воспитательной работе "
            "Абашеву Елену Алексеевну.") in text
    assert "Шевченко" not in text[text.index("3. Объявить"):text.index("4. Премировать")]
    assert "С приказом ознакомлены:" in text and "Директор\tА.А. Ведерников" in text


def test_preamble_cites_the_acts_of_the_order_date_and_the_regulation():
    text = text_of(data())
    assert "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»" in text
    assert "№ АЗ-1128/08" in text and "351.8" not in text and "1264-р" not in text  # 2024: neither yet
    assert "Положением о системе наставничества педагогических работников МБОУ Палагайской СОШ" in text
    assert "в целях подведения итогов наставничества педагогических работников в МБОУ Палагайской СОШ" in text
    later = data(order={"number": "12", "date": "2025-06-02"})
    for pair in later["pairs"]:
        pair.update(start_date="2025-01-15", end_date="2025-05-30", closed_on="2025-05-30", opened_by=None)
    later["pairs"][2]["closed_on"] = "2025-04-10"
    text = text_of(later)
    assert "статьёй 351.8 Трудового кодекса Российской Федерации" in text and "№ 1264-р" in text
    assert "Р-145" not in text


def test_one_completed_pair_woman_mentee_singular():
    text = items(text_of(data(pairs=[0], options={"bonus_item": False})))
    assert ("1. Завершить 31 мая 2024 г. наставничество в отношении учителя-логопеда Шевчук Анны Сергеевны, "
            "закреплённой за наставником — учителем начальных классов Черных Ольгой Ильиничной приказом от 11.01.2024 "
            "№ 219, в связи с выполнением персонализированной программы наставничества.") in text
    assert ("2. Объявить благодарность учителю начальных классов Черных О.И. за успешную реализацию "
            "персонализированной программы наставничества.") in text
    assert "Премировать" not in text
    assert "обобщить итоговый отчёт наставника и результаты анкетирования" in text
    assert "о результатах реализации программы наставничества" in text
    assert "С приказом ознакомлены:" in text_of(data(pairs=[0]))


def test_one_completed_pair_man_mentee_and_bonus_named_without_thanks():
    text = items(text_of(data(pairs=[1], options={"thanks_item": False, "bonus_item": True})))
    assert "Гончаренко Кирилла Андреевича, закреплённого за наставником — старшим воспитателем Лебедевым" in text
    assert "благодарность" not in text
    assert ("2. Премировать старшего воспитателя Лебедева С.Н. за успешную реализацию персонализированной программы "
            "наставничества в соответствии с Положением об оплате труда работников МБОУ Палагайской СОШ.") in text


def test_early_end_by_the_mentee_agrees_with_her_gender_and_a_group():
    woman = data(pairs=[2])
    woman["pairs"][0]["mentees"] = [dict(SHEVCHUK)]
    woman["pairs"][0]["initiative"] = "mentee"
    text = items(text_of(woman))
    assert "учителя-логопеда Шевчук Анны Сергеевны, закреплённой за наставником — учителем физики" in text
    assert "по инициативе наставляемой (причина — длительная болезнь наставника)." in text
    man = data(pairs=[2])
    man["pairs"][0]["initiative"] = "mentee"
    assert "по инициативе наставляемого (причина" in text_of(man)
    for initiative, words in (("mentor", "по инициативе наставника"), ("mutual", "по соглашению сторон")):
        man["pairs"][0]["initiative"] = initiative
        assert words in text_of(man)
    group = items(text_of(data(pairs=[GROUP])))
    assert ("1. Прекратить досрочно с 20 мая 2024 г. наставничество в отношении наставляемых, закреплённых за "
            "наставником — учителем русского языка и литературы Кузнецовой Мариной Петровной (наставническая группа), "
            "по инициативе наставляемых (причина — перевод наставляемых в другую образовательную "
            "организацию):") in group
    assert "1.1. педагога-психолога Зайцева Дмитрия Игоревича;" in group
    assert "1.2. учителя английского языка Мамедовой Лейлы Рашид кызы." in group
    # Nothing completed: no thanks, and the purpose is not «подведение итогов».
    assert "благодарность" not in group and "Премировать" not in group
    assert "в целях организации работы системы наставничества" in text_of(data(pairs=[GROUP]))


def test_several_early_ends_and_days_of_completion_differ():
    body = data(pairs=[0, 1, 2, GROUP])
    body["pairs"][0]["closed_on"] = "2024-05-30"
    text = items(text_of(body))
    assert "1. Завершить наставничество в связи с выполнением персонализированных программ наставничества:" in text
    assert "1.1. 30 мая 2024 г. в отношении учителя-логопеда Шевчук Анны Сергеевны" in text
    assert "1.2. 31 мая 2024 г. в отношении педагога дополнительного образования" in text
    assert "2. Прекратить досрочно наставничество:" in text
    assert "2.1. с 10 апреля 2024 г. в отношении учителя информатики Ильина Артёма Олеговича" in text
    assert "(причина — длительная болезнь наставника);" in text
    assert "2.2. с 20 мая 2024 г. в отношении наставляемых, закреплённых за наставником — учителем русского" in text
    assert "2.2.2. учителя английского языка Мамедовой Лейлы Рашид кызы." in text


def test_three_mentors_thanked_and_rewarded_as_sub_items():
    third = {"mentor": {"full_name": "Петрова Ирина Львовна", "position": "учитель математики"},
             "mentees": [{"full_name": "Соколов Иван Петрович", "position": "учитель физики"}],
             "form": "педагог – педагог", "start_date": "2024-01-15", "end_date": "2024-05-31",
             "status": "completed", "closed_on": "2024-05-31"}
    text = items(text_of(data(pairs=[0, 1, third], options={"thanks_item": False, "bonus_item": True})))
    assert "2. Премировать за успешную реализацию персонализированных программ наставничества в соответствии с " \
           "Положением об оплате труда работников МБОУ Палагайской СОШ:" in text
    assert "2.1. учителя начальных классов Черных О.И.;" in text
    assert "2.3. учителя математики Петрову И.Л." in text
    text = items(text_of(data(pairs=[0, 1, third], options={"bonus_item": False})))
    assert "2. Объявить благодарность за успешную реализацию персонализированных программ наставничества:" in text
    assert "2.2. старшему воспитателю Лебедеву С.Н.;" in text and "2.3. учителю математики Петровой И.Л." in text


def test_head_as_curator_keeps_control_instructs_nobody_and_is_not_acquainted():
    body = data(curator=EXAMPLE["organization"]["head"])
    text = text_of(body)
    assert "Контроль за исполнением приказа оставляю за собой." in text
    assert "Куратору" not in text
    acquainted = text[text.index("С приказом ознакомлены:"):]
    assert "Ведерников" not in acquainted.replace("Директор\tА.А. Ведерников", "")


def test_head_as_mentor_is_not_thanked():
    head_pair = data(pairs=[0])["pairs"][0]
    head_pair["mentor"] = dict(EXAMPLE["organization"]["head"])
    text = items(text_of(data(pairs=[head_pair, 1])))
    assert "закреплённой за наставником — директором Ведерниковым Алексеем Андреевичем" in text
    assert "Объявить благодарность старшему воспитателю Лебедеву С.Н. за успешную реализацию персонализированной " \
           "программы наставничества." in text
    assert "Ведерников" not in text[text.index("Объявить"):text.index("Контроль")]


def test_one_signatory_agrees_in_gender():
    body = data(pairs=[0], curator=EXAMPLE["organization"]["head"])
    body["pairs"][0]["mentor"] = dict(EXAMPLE["organization"]["head"])
    assert "С приказом ознакомлена:" in text_of(body)
    body["pairs"][0]["mentees"] = [{"full_name": "Ильин Артём Олегович", "position": "учитель информатики"}]
    assert "С приказом ознакомлен:" in text_of(body)


def test_no_sentence_runs_past_sixty_words():
    long_post = "заместитель директора по учебно-воспитательной работе и методической работе в начальной школе"
    pair = data(pairs=[2])["pairs"][0]
    pair["mentor"]["position"] = long_post
    pair["mentees"][0]["position"] = long_post
    pair["reason"] = "перевод наставника на другую должность в связи с производственной необходимостью"
    text = items(text_of(data(pairs=[pair, 0, 1, GROUP])))
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+(?=[А-ЯЁ0-9])", line):
            assert count_words(sentence) <= MAX_WORDS, sentence


def test_students_pairs_cite_r145():
    students = {"mentor": {"full_name": "Черных Ольга Ильинична", "position": "учитель начальных классов"},
                "mentees": [{"full_name": "Соколов Иван Петрович", "position": "обучающийся 9 класса"}],
                "form": "учитель – ученик", "start_date": "2024-01-15", "end_date": "2024-05-31",
                "status": "completed", "closed_on": "2024-05-31"}
    text = text_of(data(pairs=[students]))
    assert "№ Р-145" in text and "в целях подведения итогов наставничества обучающихся" in text


def test_contract_refuses_what_no_order_may_say():
    body = data()
    body["pairs"][2].pop("reason")
    assert refused(body) == {"pairs[2].reason": "не заполнено: причина досрочного прекращения."}
    body = data()
    body["pairs"][2]["initiative"] = None
    assert refused(body) == {"pairs[2].initiative": "не заполнено: по чьей инициативе прекращено наставничество."}
    body = data()
    body["pairs"][2]["closed_on"] = "2025-01-10"
    message = refused(body)["pairs[2].closed_on"]
    assert message.startswith("дата завершения (прекращения) наставничества: 10.01.2025 — позже окончания срока "
                              "(27.12.2024)")
    body = data()
    body["pairs"][0]["closed_on"] = "2024-01-01"
    assert "раньше начала наставничества (15.01.2024)" in refused(body)["pairs[0].closed_on"]
    body = data()
    body["pairs"][0]["initiative"] = "mentor"
    assert refused(body)["pairs[0].initiative"].startswith("по чьей инициативе прекращено наставничество: "
                                                          "указывается только при досрочном прекращении")
    body = data()
    body["pairs"][0]["status"] = "cancelled"
    assert refused(body)["pairs[0].status"].startswith("итог наставничества: «cancelled» — допустимо:")
    body = data(order={"number": "131", "date": "2024-01-10"})
    assert "позже настоящего приказа от 10.01.2024" in refused(body)["pairs[0].opened_by.date"]
    body = data(pairs=[])
    assert refused(body) == {"pairs": "нужен список: наставнические пары (группы), хотя бы один элемент."}
    body = data(options={"thanks_item": "да"})
    assert refused(body) == {"options.thanks_item": "пункт о благодарности наставникам: укажите true (да) или "
                                                    "false (нет)."}
    body = data(order={"number": "131", "date": "2024-05-31", "effective_date": "2024-06-01"})
    assert "order.effective_date" in refused(body)


def test_file_name_and_properties():
    rendered = render("closing-order", data())
    assert rendered.file_name == "Приказ_131_от_31.05.2024.docx"
    assert rendered.heading == "О завершении (прекращении) наставничества"


# -- from the registry ---------------------------------------------------------------------------------


def test_registry_closes_the_pairs_ended_without_an_order_with_their_own_outcome(db):
    organization = org_id(db)
    body = from_registry("closing-order", db, organization, None, {"number": "77", "date": dt.date.today().isoformat()})
    terminated = next(p for p in body["pairs"] if p.get("status") == "terminated")
    assert terminated["reason"] == "длительная болезнь наставника" and terminated["initiative"] == "organization"
    text = items(text_of(body))
    assert "Прекратить досрочно с" in text
    assert "в отношении педагога-психолога Зайцева Дмитрия Игоревича, закреплённого за наставником — учителем физики " \
           "Шевченко Андреем Викторовичем, по инициативе организации (причина — длительная болезнь наставника)" in text
    # The demo's pair whose term has passed is completed on its last day.
    expired = next(p for p in list_pairs(db, organization, "expired"))
    assert any(p["id"] == expired["id"] and p["status"] == "completed" and p["closed_on"] == expired["end_date"]
               for p in body["pairs"])
    assert "Абашевой Е.А." in text


def test_registry_outcomes_per_pair_and_for_the_rest(db):
    organization = org_id(db)
    active = list_pairs(db, organization, "active")
    chernykh = next(p for p in active if p["mentor"]["last_name"] == "Черных")
    group = next(p for p in active if len(p["mentees"]) > 1)
    day = max(chernykh["start_date"], group["start_date"])
    options = {"number": "78", "date": day, "pair_ids": [chernykh["id"], group["id"]],
               "outcomes": {str(chernykh["id"]): {"status": "terminated", "date": day,
                                                   "reason": "увольнение наставляемой", "initiative": "mentee"}},
               "status": "completed", "closed_on": group["end_date"], "thanks_item": "on", "bonus_item": "on"}
    body = from_registry("closing-order", db, organization, None, options)
    assert body["options"] == {"thanks_item": True, "bonus_item": True}
    text = items(text_of(body))
    assert "учителя-логопеда Шевчук Анны Сергеевны, закреплённой за наставником — учителем начальных классов Черных " \
           "Ольгой Ильиничной, по инициативе наставляемой (причина — увольнение наставляемой)" in text
    assert "в отношении наставляемых, закреплённых за наставником — учителем русского языка и литературы Кузнецовой " \
           "Мариной Петровной (наставническая группа)" in text
    assert "Объявить благодарность учителю русского языка и литературы Кузнецовой М.П." in text
    assert "Премировать учителя русского языка и литературы Кузнецову М.П. в соответствии" in text


def test_registry_cites_the_order_that_fixed_the_pair(db):
    organization = org_id(db)
    pair = next(p for p in list_pairs(db, organization, "active") if p["mentor"]["last_name"] == "Черных")
    registered = register_order(db, organization, date=pair["start_date"], kind="pairs-order",
                                heading="О закреплении наставнических пар (групп)", number="219")
    add_version(db, registered["id"], file_name="x.docx", file=b"x", data={}, pair_ids=[pair["id"]])
    db["pairs"].update(pair["id"], {"opened_order_id": registered["id"]})
    assert get_pair(db, pair["id"])["opened_order"]["number"] == "219"
    body = from_registry("closing-order", db, organization, None,
                         {"number": "79", "date": pair["end_date"], "pair_ids": [pair["id"]]})
    assert body["pairs"][0]["opened_by"] == {"number": "219", "date": pair["start_date"]}
    started = dt.date.fromisoformat(pair["start_date"]).strftime("%d.%m.%Y")
    assert f"Черных Ольгой Ильиничной приказом от {started} № 219, в связи с выполнением" in text_of(body)


def test_registry_without_number_is_named_by_the_contract(db):
    body = from_registry("closing-order", db, org_id(db), None, {"pair_ids": []})
    with pytest.raises(ContractError) as error:
        render("closing-order", body)
    assert {e.field for e in error.value.errors} == {"order.number"}


# -- as printed ------------------------------------------------------------------------------------------


def _pdfs(tmp_path, documents: dict[str, bytes]) -> dict[str, tuple[int, str]]:
    """name → (pages, text) of each DOCX as LibreOffice prints it."""
    soffice, pdftotext, pdfinfo = (shutil.which(t) for t in ("soffice", "pdftotext", "pdfinfo"))
    if not soffice or not pdftotext or not pdfinfo:
        pytest.skip("LibreOffice or poppler-utils is not installed")
    for name, content in documents.items():
        (tmp_path / f"{name}.docx").write_bytes(content)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *(str(tmp_path / f"{n}.docx") for n in documents)],
                   check=True, capture_output=True, timeout=300)
    result = {}
    for name in documents:
        pdf = str(tmp_path / f"{name}.pdf")
        info = subprocess.run([pdfinfo, pdf], check=True, capture_output=True, text=True).stdout
        text = subprocess.run([pdftotext, "-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
        result[name] = (int(re.search(r"Pages:\s+(\d+)", info).group(1)), flat(text))
    return result


def test_printed_order_keeps_items_with_the_signature(tmp_path):
    printed = _pdfs(tmp_path, {"example": render("closing-order", data()).content,
                               "one": render("closing-order", data(pairs=[0], options={"bonus_item": False})).content,
                               "many": render("closing-order", data(pairs=[0, 1, 2, GROUP])).content})
    assert printed["one"][0] == 1
    assert printed["example"][0] == 2 and printed["many"][0] == 2
    for name, (_pages, text) in printed.items():
        pages = [[" ".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.split("\f")]
        signed = next(i for i, lines in enumerate(pages) if "Директор А.А. Ведерников" in lines)
        numbered = [line for line in pages[signed] if re.match(r"\d+(\.\d+)*\.\s", line)]
        assert signed == 0 or len(numbered) >= 2, f"{name}: {pages[signed]}"
        assert "ПРИКАЗЫВАЮ:" in text and "С приказом ознакомлен" in text
    assert "Абашеву Елену Алексеевну" in " ".join(printed["example"][1].split())
