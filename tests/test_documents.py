"""Both order templates through the CLI and the API; every declined phrase checked in the DOCX."""

import json

import pytest
from click.testing import CliRunner

from service.cli import main
from tests.conftest import docx_text, fit, flat

PAIRS_PHRASES = [
    "ПРИКАЗ",
    "11.01.2024\t№ 219",
    "д. Палагай",
    "О закреплении наставнических пар (групп)",
    "в МБОУ Палагайской СОШ",
    "ПРИКАЗЫВАЮ:",
    "1.1. учителя-логопеда Шевчук Анну Сергеевну за наставником — учителем начальных классов "
    "Черных Ольгой Ильиничной; форма наставничества — «педагог – педагог»; срок наставничества — "
    "с 15 января по 31 мая 2024 г.;",
    "1.2. учителя информатики Ильина Артёма Олеговича за наставником — учителем физики "
    "Шевченко Андреем Викторовичем;",
    # Issue 8: a group is an item of its own, its mentees enumerated in the accusative.
    "1.3. за наставником — учителем русского языка и литературы Кузнецовой Мариной Петровной "
    "(наставническая группа; форма наставничества — «групповая»; срок наставничества — "
    "с 15 января по 27 декабря 2024 г.):\n1.3.1. педагога-психолога Зайцева Дмитрия Игоревича;\n"
    "1.3.2. учителя английского языка Мамедову Лейлу Рашид кызы;",
    "1.4. педагога дополнительного образования Гончаренко Кирилла Андреевича за наставником — "
    "старшим воспитателем Лебедевым Сергеем Николаевичем; форма наставничества — «педагог – педагог»; "
    "срок наставничества — с 1 февраля по 31 мая 2024 г.\n",
    "2. Наставникам Черных О.И., Шевченко А.В., Кузнецовой М.П. и Лебедеву С.Н. совместно",
    "3. Куратору Абашевой Е.А. обеспечить",
    # Issue 8: the reporting schedule and the approved list come before the control item.
    "6. Контроль за исполнением приказа возложить на заместителя директора по учебно-воспитательной "
    "работе Абашеву Елену Алексеевну.",
    "Директор\tА.А. Ведерников",
    "С приказом ознакомлены:",
    "1 | Абашева Е.А. |  | ",
    "10 | Гончаренко К.А. |  | ",
    "Приложение № 1\nк приказу от 11.01.2024 № 219",
    # Issue 8: one row per mentee, the group's mentor, form and term merged over its rows.
    "3 | Кузнецова Марина Петровна, учитель русского языка и литературы | Зайцев Дмитрий Игоревич, "
    "педагог-психолог | групповая | 15.01.2024 – 27.12.2024\n"
    "3 | Кузнецова Марина Петровна, учитель русского языка и литературы | Мамедова Лейла Рашид кызы, "
    "учитель английского языка | групповая | 15.01.2024 – 27.12.2024",
]

CURATOR_PHRASES = [
    "О назначении куратора реализации программ наставничества педагогических работников",
    # Issue 8: the date from which the curator acts.
    "1. Назначить с 11 января 2024 г. куратором реализации программ наставничества педагогических работников "
    "в МБОУ Палагайской СОШ заместителя директора по учебно-воспитательной работе Абашеву Елену Алексеевну.",
    "2. Куратору Абашевой Е.А.:",
    "3. Куратору Абашевой Е.А. в своей деятельности руководствоваться Положением",
    "Положением о системе наставничества педагогических работников МБОУ Палагайской СОШ",
    "4. Контроль за исполнением настоящего приказа оставляю за собой.",
    "Директор\tА.А. Ведерников",
    "1 | Абашева Е.А. |  | ",
]


def _render_cli(tmp_path, template_id, data):
    data_file = tmp_path / "data.json"
    data_file.write_text(json.dumps(fit(template_id, data), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "order.docx"
    result = CliRunner().invoke(main, ["render", template_id, "--data", str(data_file), "--out", str(out)])
    return result, out


@pytest.mark.parametrize(("template_id", "phrases"),
                         [("pairs-order", PAIRS_PHRASES), ("curator-order", CURATOR_PHRASES)])
def test_cli_renders_orders(tmp_path, order_json, template_id, phrases):
    result, out = _render_cli(tmp_path, template_id, order_json)
    assert result.exit_code == 0, result.output
    text = flat(docx_text(out.read_bytes()))
    for phrase in phrases:
        assert phrase in text


def test_signature_and_short_names_use_no_break_spaces(tmp_path, order_json):
    _, out = _render_cli(tmp_path, "pairs-order", order_json)
    text = docx_text(out.read_bytes())
    assert "Директор\tА.А.\u00a0Ведерников" in text
    assert "Куратору Абашевой\u00a0Е.А. обеспечить" in text


def test_curator_order_acquaintance_lists_only_the_curator(tmp_path, order_json):
    _, out = _render_cli(tmp_path, "curator-order", order_json)
    text = flat(docx_text(out.read_bytes()))
    assert "Черных" not in text
    assert "2 | " not in text.split("С приказом ознакомлена:")[1]  # issue 8: one woman acquaints herself


def test_cli_reports_bad_data_in_russian(tmp_path, order_json):
    del order_json["pairs"][0]["mentor"]["position"]
    order_json["order"]["date"] = "11.01.2024"
    result, out = _render_cli(tmp_path, "pairs-order", order_json)
    assert result.exit_code == 1
    assert "pairs[0].mentor.position: не заполнено: должность (наставник Черных Ольга Ильинична)" in result.output
    assert "order.date: дата приказа: «11.01.2024» — не дата; укажите в виде ГГГГ-ММ-ДД" in result.output
    assert not out.exists()


def test_cli_unknown_template_and_broken_json(tmp_path):
    data_file = tmp_path / "data.json"
    data_file.write_text("{не json", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "pairs-order", "--data", str(data_file), "--out", "x.docx"])
    assert result.exit_code == 1 and "не JSON" in result.output
    data_file.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "no-such", "--data", str(data_file), "--out", "x.docx"])
    assert "Нет шаблона «no-such». Доступны: curator-order, pairs-order, " in result.output


def test_cli_decline_reads_stdin_line_by_line():
    runner = CliRunner()
    result = runner.invoke(main, ["decline", "--kind", "name", "--case", "твор", "-"],
                           input="Шевчук Анна Сергеевна\nЧерных Павел Ильич\n")
    assert result.output == "Шевчук Анной Сергеевной\nЧерных Павлом Ильичом\n"
    result = runner.invoke(main, ["decline", "--kind", "position", "--case", "datv", "педагог-психолог"])
    assert result.output == "педагогу-психологу\n"
    result = runner.invoke(main, ["decline", "--kind", "organization", "--case", "loct", "МБОУ Палагайская СОШ"])
    assert result.output == "МБОУ Палагайской СОШ\n"
    result = runner.invoke(main, ["decline", "--kind", "name", "--case", "datv", "--gender", "f", "Шевчук Саша"])
    assert result.output == "Шевчук Саше\n"
    result = runner.invoke(main, ["decline", "--kind", "name", "--case", "datv", "Шевчук Саша"])
    assert result.exit_code == 1 and "укажите пол" in result.output
    result = runner.invoke(main, ["decline", "--kind", "name", "--case", "xx", "Иванов"])
    assert result.exit_code == 2 and "Неизвестный падеж" in result.output


@pytest.mark.parametrize(("template_id", "phrases"),
                         [("pairs-order", PAIRS_PHRASES), ("curator-order", CURATOR_PHRASES)])
def test_api_returns_docx_with_russian_file_name(client, order_json, template_id, phrases):
    response = client.post(f"/api/documents/{template_id}", json=fit(template_id, order_json))
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = response.headers["Content-Disposition"]
    assert "filename*=UTF-8''%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7_219_%D0%BE%D1%82_11.01.2024.docx" in disposition
    text = flat(docx_text(response.data))
    for phrase in phrases:
        assert phrase in text


def test_api_escapes_special_characters(client, order_json):
    name = 'Частное учреждение «Школа № 5 "Радуга" & Ко <Лицей>»'
    order_json["organization"]["full_name"] = name
    order_json["organization"]["short_name"] = name
    response = client.post("/api/documents/curator-order", json=fit("curator-order", order_json))
    text = flat(docx_text(response.data))  # issue 8: «№ 5» holds a no-break space
    assert name in text
    assert 'Положением о системе наставничества педагогических работников Частного учреждения «Школа № 5 ' \
           '"Радуга" & Ко <Лицей>»' in text


def test_api_gender_override(client, order_json):
    order_json["curator"] = {"full_name": "Шевчук Саша", "position": "методист", "gender": "f"}
    response = client.post("/api/documents/curator-order", json=fit("curator-order", order_json))
    assert "методиста Шевчук Сашу." in flat(docx_text(response.data))
    del order_json["curator"]["gender"]
    response = client.post("/api/documents/curator-order", json=fit("curator-order", order_json))
    assert response.status_code == 400
    assert response.json["errors"][0]["field"] == "curator.gender"


def test_api_bad_input(client, order_json):
    response = client.post("/api/documents/pairs-order", data="{oops", content_type="application/json")
    assert response.status_code == 400
    assert response.json["errors"][0]["field"] == "$"

    response = client.post("/api/documents/pairs-order", json={"order": {"number": "1", "date": "2024-13-40"},
                                                               "pairs": []})
    assert response.status_code == 400
    fields = {e["field"]: e["message"] for e in response.json["errors"]}
    assert fields["organization"] == "нужен объект с данными: организация."
    assert "ГГГГ-ММ-ДД" in fields["order.date"]
    assert fields["curator"] == "нужен объект с данными: куратор."
    assert fields["pairs"] == "нужен список: наставнические пары (группы), хотя бы один элемент."

    order_json["pairs"][1]["end_date"] = "2023-01-01"
    order_json["pairs"][2]["mentees"] = []
    order_json["organization"]["head"]["full_name"] = " "
    response = client.post("/api/documents/pairs-order", json=order_json)
    fields = {e["field"]: e["message"] for e in response.json["errors"]}
    assert set(fields) == {"pairs[1].end_date", "pairs[2].mentees", "organization.head.full_name"}

    response = client.post("/api/documents/no-such", json=order_json)
    assert response.status_code == 404
    assert "Доступны: curator-order, pairs-order, " in response.json["errors"][0]["message"]


def test_api_corrected_forms_win(client, order_json):
    order_json["curator"]["forms"] = {"accs": "Абашеву Елену Алексеевну (исправлено)", "datv": "Абашевой Елене"}
    order_json["curator"]["position_forms"] = {"accs": "заместителя директора по УВР"}
    order_json["organization"]["short_forms"] = {"loct": "МБОУ «Палагайская СОШ»"}
    text = flat(docx_text(client.post("/api/documents/pairs-order", json=order_json).data))
    assert "возложить на заместителя директора по УВР Абашеву Елену Алексеевну (исправлено)." in text
    assert "3. Куратору Абашевой Е.А. обеспечить" in text
    assert "адаптации в МБОУ «Палагайская СОШ»" in text

    order_json["curator"]["forms"] = {"dative": "Абашевой"}
    response = client.post("/api/documents/pairs-order", json=order_json)
    assert response.status_code == 400
    assert response.json["errors"] == [{"field": "curator.forms", "message":
                                        "формы ФИО (куратор): неизвестный падеж «dative»; допустимо: "
                                        "nomn, gent, datv, accs, ablt, loct."}]


def test_every_catalogue_example_renders_as_is():
    from service.documents.catalogue import catalogue
    from service.documents.render import render

    for entry in catalogue().values():
        rendered = render(entry.id, entry.example)
        assert rendered.content[:2] == b"PK" and entry.heading.split()[0] in flat(docx_text(rendered.content))


def test_render_workers_make_the_same_document():
    from service.documents.catalogue import get_template
    from service.documents.workers import RenderPool

    example = get_template("pairs-order").example
    pool = RenderPool(1)
    try:
        in_worker = pool.render("pairs-order", example)
    finally:
        pool.close()
    in_thread = RenderPool(0).render("pairs-order", example)
    assert flat(docx_text(in_worker.content)) == flat(docx_text(in_thread.content))
    assert in_worker.file_name == "Приказ_219_от_11.01.2024.docx"
