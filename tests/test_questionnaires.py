"""Questionnaires: the default sets of questionnaires.json, a set's questions edited without losing what was
answered (archived, refused), one person's answers checked with Russian messages naming the question, the
averages by stage (exit above entry in the demo), the import of an online form's export — columns matched
and remembered, dozens of bad cells each named by row and column, all or nothing, a second load replacing
the first — the blanks ``questionnaire-mentor`` and ``questionnaire-mentee`` rendered with their exact
phrases and printed by LibreOffice, and the pages through the Flask client."""

import base64
import csv
import datetime as dt
import io
import re
import subprocess

import openpyxl
import pytest
from docx import Document

from registry.db import RegistryError
from registry.pairs import academic_year, list_pairs
from registry.people import list_people
from registry.questionnaires import (
    default_sets,
    delete_set,
    get_set,
    list_responses,
    list_sets,
    move_question,
    remembered_columns,
    remove_question,
    restore_question,
    save_question,
    save_response,
    save_set,
    start_set,
    summary,
)
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfConverter
from service.documents.render import render
from service.documents.sources import from_registry
from service.questionnaire_import import import_answers, proposed_targets, read_export
from service.spreadsheets.workbook import UnreadableFile
from tests.conftest import docx_text, flat, login, org_id, tool

TODAY = dt.date.today()
DAY = "2026-01-20"


def _set(db, role: str) -> dict:
    return get_set(db, org_id(db), list_sets(db, org_id(db), role=role)[0]["id"])


def _person(db, last: str) -> dict:
    return next(p for p in list_people(db, org_id(db)) if p["last_name"] == last)


def _by_kind(found: dict, kind: str) -> list[dict]:
    return [q for q in found["questions"] if q["kind"] == kind]


def _refused(call, *args, **kwargs) -> RegistryError:
    with pytest.raises(RegistryError) as caught:
        call(*args, **kwargs)
    return caught.value


# -- sets and questions ------------------------------------------------------------------------------------


def test_default_sets_come_from_the_data_file(db):
    organization = org_id(db)
    for role, title in (("mentor", "Анкета наставника"), ("mentee", "Анкета наставляемого")):
        found = get_set(db, organization, start_set(db, organization, role))
        default = default_sets()[role]
        assert found["title"] == title and found["scale"] == 10 and found["role_title"] in ("наставник", "наставляемый")
        assert [(q["kind"], q["text"], q["choices"]) for q in found["questions"]] == [
            (q["kind"], q["text"], q.get("choices", [])) for q in default["questions"]]
        assert {q["kind"] for q in found["questions"]} == {"scaled", "closed", "open"}
        assert [q["number"] for q in found["questions"]] == list(range(1, 13))
    with pytest.raises(RegistryError, match="Для кого анкета"):
        start_set(db, organization, "curator")


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"role": "mentor", "title": " ", "scale": 10}, "title", "Название анкеты: не заполнено."),
    ({"role": "mentor", "title": "Анкета", "scale": 7}, "scale", "Шкала: выберите от 1 до 5 или от 1 до 10."),
    ({"role": "head", "title": "Анкета", "scale": 5}, "role",
     "Для кого анкета: выберите «наставник» или «наставляемый»."),
    ({"role": "mentor", "title": "А" * 201, "scale": 5}, "title",
     "Название анкеты: не длиннее 200 знаков (сейчас 201)."),
])
def test_a_set_is_refused_naming_the_field(db, values, field, message):
    error = _refused(save_set, db, org_id(db), values)
    assert (error.field, error.message) == (field, message)


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"kind": "multiple", "text": "Вопрос"}, "kind", "Тип вопроса: выберите из списка."),
    ({"kind": "open", "text": ""}, "text", "Вопрос: не заполнено."),
    ({"kind": "closed", "text": "Вопрос", "choices": ["да", " "]}, "choices",
     "Варианты ответа: у закрытого вопроса их не меньше двух, по одному в строке."),
    ({"kind": "closed", "text": "Вопрос", "choices": ["да", "Да"]}, "choices", "Вариант «Да» повторяется: оставьте его "
                                                                               "один раз."),
    ({"kind": "closed", "text": "Вопрос", "choices": [str(n) for n in range(13)]}, "choices",
     "Варианты ответа: не больше 12."),
])
def test_a_question_is_refused_naming_the_field(db, values, field, message):
    found = _set(db, "mentor")
    error = _refused(save_question, db, org_id(db), found["id"], values)
    assert (error.field, error.message) == (field, message)
    assert len(get_set(db, org_id(db), found["id"])["questions"]) == len(found["questions"])


def test_what_was_answered_is_never_lost(db):
    organization = org_id(db)
    found = _set(db, "mentee")
    scaled, closed = _by_kind(found, "scaled")[0], _by_kind(found, "closed")[0]
    assert scaled["answered"] and closed["answered"]
    # The scale of given scores, the kind of an answered question, a choice an answer names: refused.
    error = _refused(save_set, db, organization, {"title": found["title"], "scale": 5}, found["id"])
    assert error.field == "scale"
    assert error.message.startswith("Шкалу не изменить: по ней уже выставлены оценки (анкет: ")
    error = _refused(save_question, db, organization, found["id"], {"kind": "open", "text": scaled["text"]},
                     scaled["id"])
    assert error.field == "kind"
    assert re.fullmatch(r"На вопрос уже ответили \(ответов: \d+\): тип вопроса не меняется\. Добавьте новый вопрос, а "
                        r"этот перенесите в архив\.", error.message)
    error = _refused(save_question, db, organization, found["id"],
                     {"kind": "closed", "text": closed["text"], "choices": ["да", "скорее нет"]}, closed["id"])
    assert re.fullmatch(r"Вариант «нет» уже выбран в ответах \(\d+\): убрать или переписать его нельзя\. Верните его в "
                        r"список\.", error.message)
    # Wording may be corrected; a choice may be added.
    reworded = {"kind": "closed", "text": "Участвовали ли вы прежде в программе наставничества?",
                "choices": ["да", "нет", "не помню"]}
    save_question(db, organization, found["id"], reworded, closed["id"])
    # Removing an answered question archives it: the answers keep it, the blank drops it.
    before = list_responses(db, organization, set_id=found["id"])
    assert remove_question(db, organization, scaled["id"]) == "archived"
    after = get_set(db, organization, found["id"])
    assert scaled["id"] not in [q["id"] for q in after["questions"]]
    assert [q["id"] for q in after["archived_questions"]] == [scaled["id"]]
    kept = list_responses(db, organization, set_id=found["id"])
    assert [r["answers"] for r in kept] == [r["answers"] for r in before]
    blank = from_registry("questionnaire-mentee", db, organization, None, {"set": found["id"]})
    assert scaled["text"] not in [q["text"] for q in blank["questions"]]
    assert any(q["text"] == scaled["text"] for q in summary(db, organization, found["id"])["questions"])
    restore_question(db, organization, scaled["id"])
    assert get_set(db, organization, found["id"])["questions"][-1]["id"] == scaled["id"]
    # A question never answered is deleted; a set with answers is not.
    fresh = save_question(db, organization, found["id"], {"kind": "open", "text": "Ваши пожелания куратору"})
    assert remove_question(db, organization, fresh) == "deleted"
    error = _refused(delete_set, db, organization, found["id"])
    assert re.fullmatch(r"По этой анкете уже есть ответы \(анкет: \d+\): удалить её нельзя, можно перенести в архив\.",
                        error.message)


def test_questions_move_and_an_unanswered_set_is_deleted(db):
    organization = org_id(db)
    set_id = save_set(db, organization, {"role": "mentor", "title": "Анкета наставника (краткая)", "scale": 5})
    ids = [save_question(db, organization, set_id, {"kind": kind, "text": text}) for kind, text in
           (("scaled", "Первый"), ("open", "Второй"), ("scaled", "Третий"))]
    move_question(db, organization, ids[2], -1)
    move_question(db, organization, ids[0], -1)  # the first stays first
    assert [q["text"] for q in get_set(db, organization, set_id)["questions"]] == ["Первый", "Третий", "Второй"]
    delete_set(db, organization, set_id)
    assert get_set(db, organization, set_id) is None


# -- answers --------------------------------------------------------------------------------------------


def test_a_questionnaire_is_checked_and_saved_whole(db):
    organization = org_id(db)
    found = _set(db, "mentee")
    scaled, closed, opened = (_by_kind(found, kind)[0] for kind in ("scaled", "closed", "open"))
    mentee = _person(db, "Шевчук")
    values = {"set_id": found["id"], "person_id": mentee["id"], "stage": "exit", "answered_on": DAY}
    def refused(change: dict, answers: dict) -> RegistryError:
        count = db["questionnaire_responses"].count
        error = _refused(save_response, db, organization, {**values, **change}, answers)
        assert db["questionnaire_responses"].count == count
        return error

    error = refused({}, {scaled["id"]: "11", closed["id"]: "да"})
    assert (error.field, error.message) == (f"q{scaled['id']}", "«11» — не оценка по шкале: нужно целое число от 1 "
                                                                "до 10.")
    assert refused({}, {scaled["id"]: 7.5}).message == "«7.5» — не оценка по шкале: нужно целое число от 1 до 10."
    error = refused({}, {closed["id"]: "может быть"})
    assert (error.field, error.message) == (f"q{closed['id']}",
                                            "«может быть» — такого варианта нет; варианты: да, нет.")
    assert refused({}, {scaled["id"]: "", opened["id"]: "  "}).message == ("Нет ни одного ответа: заполните хотя бы "
                                                                           "один вопрос.")
    mentor = _person(db, "Черных")
    error = refused({"person_id": mentor["id"]}, {scaled["id"]: 8})
    assert (error.field, error.message) == ("person_id", "Черных Ольга Ильинична — в реестре нет ни роли "
                                                         "«наставляемый», ни пары в этой роли, ни записи в банке "
                                                         "наставляемых: эту анкету заполняют наставляемые.")
    later = TODAY + dt.timedelta(days=1)
    error = refused({"answered_on": later.isoformat()}, {scaled["id"]: 8})
    assert (error.field, error.message) == ("answered_on", f"Дата заполнения: {later:%d.%m.%Y} — этот день ещё не "
                                                           "наступил.")
    assert refused({"stage": "middle"}, {scaled["id"]: 8}).message == ("Этап анкетирования: выберите входное или "
                                                                        "итоговое.")
    others = next(p for p in list_pairs(db, organization) if mentee["id"] not in [m["id"] for m in p["mentees"]])
    error = refused({"pair_id": others["id"]}, {scaled["id"]: 8})
    assert error.field == "pair_id" and error.message.startswith("Пара (группа): в выбранной паре нет участника в роли "
                                                                 "«наставляемый» — Шевчук Анна Сергеевна")
    response_id = save_response(db, organization, values, {scaled["id"]: "9", closed["id"]: "нет",
                                                          opened["id"]: "Разбор уроков\r\nи поддержка  "})
    saved = next(r for r in list_responses(db, organization, person_id=mentee["id"]) if r["id"] == response_id)
    assert saved["answers"][scaled["id"]] == {"question_id": scaled["id"], "score": 9, "choice": None, "text": None}
    assert saved["answers"][closed["id"]]["choice"] == "нет"
    assert saved["answers"][opened["id"]]["text"] == "Разбор уроков\nи поддержка"
    assert saved["mean"] == 9 and saved["stage_title"] == "итоговое" and saved["source"] == "form"
    error = refused({}, {scaled["id"]: 5})
    assert (error.field, error.message) == ("answered_on", "Шевчук Анна Сергеевна: эта анкета (итоговое анкетирование) "
                                                           "за 20.01.2026 уже внесена — откройте её в списке ответов "
                                                           "и исправьте.")


def test_the_demo_scores_rise_from_entry_to_exit(db):
    organization = org_id(db)
    for role in ("mentor", "mentee"):
        found = _set(db, role)
        result = summary(db, organization, found["id"])
        entry, exit_ = result["stages"]["entry"], result["stages"]["exit"]
        assert entry["responses"] >= 3 and exit_["responses"] >= 1
        assert 4 <= entry["mean"] < exit_["mean"] <= 10 and result["change"] == exit_["mean"] - entry["mean"]
        scored = [r for r in list_responses(db, organization, set_id=found["id"])]
        assert all(1 <= a["score"] <= 10 for r in scored for a in r["answers"].values() if a["score"] is not None)
        assert all(r["answered_on"] <= TODAY.isoformat() for r in scored)
        frequency = next(q for q in result["questions"] if q["text"].startswith("Как часто"))
        assert frequency["stages"]["exit"]["choices"]["раз в две недели"] == exit_["responses"]


# -- the import -------------------------------------------------------------------------------------------


def _csv(rows: list[list], delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def _export_rows(found: dict, answers: list[tuple[str, str, list]]) -> list[list]:
    """A Google Forms style export: timestamp, name, e-mail, one column per question of ``found``."""
    header = ["Отметка времени", "ФИО", "Адрес электронной почты"] + [q["text"] for q in found["questions"]]
    return [header] + [[stamp, name, "pochta@example.ru", *cells] for stamp, name, cells in answers]


def _good_cells(found: dict, score: str = "8") -> list[str]:
    return [score if q["kind"] == "scaled" else q["choices"][0] if q["kind"] == "closed" else "Поддержка коллег"
            for q in found["questions"]]


def test_an_export_is_matched_checked_and_loaded_whole(db):
    organization = org_id(db)
    found = _set(db, "mentee")
    content = _csv(_export_rows(found, [
        ("20.01.2026 10:23:45", "Шевчук Анна Сергеевна", _good_cells(found, "7")),
        ("2026/01/21 9:05:11 AM GMT+3", "ильин а.о.", _good_cells(found, "9")),
        ("21.01.2026", "Мамедова Лейла Рашид кызы", [""] * len(found["questions"])),
    ]))
    export = read_export(content, "Ответы (1).csv")
    assert export.headers[:3] == ("Отметка времени", "ФИО", "Адрес электронной почты") and len(export.rows) == 3
    targets = proposed_targets(db, organization, found["id"], export)
    assert targets[:3] == ["date", "name", "skip"] and targets[3:] == [f"q{q['id']}" for q in found["questions"]]
    count = db["questionnaire_responses"].count
    report = import_answers(db, organization, found["id"], "exit", export, targets)
    assert [str(p) for p in report.problems] == [
        "Лист «Ответы (1).csv», строка 4: нет ни одного ответа на вопросы анкеты: удалите строку или проверьте, какие "
        "столбцы выбраны для вопросов."]
    assert not report.written and db["questionnaire_responses"].count == count
    # Гончаренко's pair of last spring holds 10 March: his questionnaire concerns it; Ильин had no pair in January.
    spring = dt.date(academic_year(TODAY), 3, 10)
    export = read_export(_csv(_export_rows(found, [
        ("20.01.2026 10:23:45", "Шевчук Анна Сергеевна", _good_cells(found, "7")),
        ("2026/01/21 9:05:11 AM GMT+3", "ильин а.о.", _good_cells(found, "9")),
        (f"{spring:%d.%m.%Y} 18:00", "Гончаренко Кирилл", _good_cells(found, "10"))])), "Ответы (1).csv")
    dry = import_answers(db, organization, found["id"], "exit", export, targets)
    assert not dry.problems and not dry.written and (dry.created, dry.replaced) == (3, 0)
    assert [(r["row"], r["full_name"], r["answered_on"]) for r in dry.responses] == [
        (2, "Шевчук Анна Сергеевна", "2026-01-20"), (3, "Ильин Артём Олегович", "2026-01-21"),
        (4, "Гончаренко Кирилл Андреевич", spring.isoformat())]
    assert db["questionnaire_responses"].count == count
    loaded = import_answers(db, organization, found["id"], "exit", export, targets, dry_run=False)
    assert loaded.written and (loaded.created, loaded.replaced) == (3, 0)
    rows = {r["full_name"]: r for r in list_responses(db, organization, set_id=found["id"], stage="exit")
            if r["source"] == "import"}
    ilyin, goncharenko = rows["Ильин Артём Олегович"], rows["Гончаренко Кирилл Андреевич"]
    assert ilyin["source"] == "import" and ilyin["mean"] == 9 and ilyin["pair_id"] is None
    lebedev = next(p for p in list_pairs(db, organization) if p["mentor"]["last_name"] == "Лебедев")
    assert goncharenko["pair_id"] == lebedev["id"] and goncharenko["mean"] == 10
    # The same file again replaces, never doubles.
    again = import_answers(db, organization, found["id"], "exit", export, targets, dry_run=False)
    assert (again.created, again.replaced) == (0, 3)
    assert db["questionnaire_responses"].count == count + 3


def test_dozens_of_bad_cells_are_each_named_by_row_and_column(db):
    organization = org_id(db)
    found = _set(db, "mentee")
    scaled = [i for i, q in enumerate(found["questions"]) if q["kind"] == "scaled"]
    closed = next(i for i, q in enumerate(found["questions"]) if q["kind"] == "closed")
    rows = []
    for n in range(12):
        cells = _good_cells(found)
        cells[scaled[0]] = str(11 + n)          # outside the scale
        cells[scaled[1]] = "восемь"              # not a score
        rows.append(("20.01.2026 10:00", "Шевчук Анна Сергеевна" if n == 0 else "Ильин Артём Олегович"
                     if n == 1 else f"Неизвестный{'о' * n} Иван", cells))
    cells = _good_cells(found)
    cells[closed] = "иногда"
    rows.append(("31.02.2026 12:00", "Черных Ольга Ильинична", cells))
    rows.append(("20.01.2026", "", _good_cells(found)))
    rows.append(("20.01.2026 11:00", "Шевчук Анна Сергеевна", _good_cells(found)))
    export = read_export(_csv(_export_rows(found, rows)), "форма.csv")
    report = import_answers(db, organization, found["id"], "entry", export,
                            proposed_targets(db, organization, found["id"], export))
    problems = [str(p) for p in report.problems]
    letter = {i: export.letter(3 + i) for i in range(len(found["questions"]))}
    assert len(problems) == 12 * 2 + 10 + 3 + 1 + 1
    first, second = (found["questions"][i]["text"] for i in scaled[:2])
    assert problems[0] == (f"Лист «форма.csv», строка 2, столбец {letter[scaled[0]]} «{first}»: «11» — не оценка по "
                           "шкале: нужно целое число от 1 до 10.")
    assert (f"Лист «форма.csv», строка 13, столбец {letter[scaled[1]]} «{second[:60]}…»: «восемь» — не оценка по "
            "шкале: нужно целое число от 1 до 10.") in problems
    assert ("Лист «форма.csv», строка 4, столбец B «ФИО»: «Неизвестныйоо Иван» — такого человека нет в реестре "
            "организации: проверьте ФИО или добавьте человека в «Участники».") in problems
    assert ("Лист «форма.csv», строка 14, столбец A «Отметка времени»: «31.02.2026 12:00» — не дата: нужна дата "
            "заполнения в виде ДД.ММ.ГГГГ (можно со временем), например 15.09.2026 10:23.") in problems
    assert any(p.startswith("Лист «форма.csv», строка 14, столбец B «ФИО»: Черных Ольга Ильинична — в реестре нет ни "
                            "роли «наставляемый»") for p in problems)
    assert (f"Лист «форма.csv», строка 14, столбец {letter[closed]} «{found['questions'][closed]['text']}»: «иногда» — "
            "такого варианта нет; варианты: да, нет.") in problems
    assert ("Лист «форма.csv», строка 15, столбец B «ФИО»: ФИО не заполнено: без него анкету не к кому отнести."
            in problems)
    assert ("Лист «форма.csv», строка 16, столбец B «ФИО»: Шевчук Анна Сергеевна: анкета за 20.01.2026 уже в строке "
            "2 — оставьте одну из строк.") in problems
    assert all(re.match(r"Лист «форма\.csv», строка \d+, столбец [A-Z]+ «", p) for p in problems)
    assert not report.written and db["questionnaire_responses"].count_where("answered_on = '2026-01-20'") == 0


def test_the_matching_is_checked_and_remembered_by_header(db):
    organization = org_id(db)
    found = _set(db, "mentor")
    questions = found["questions"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ответы"
    # Yandex Forms style: an ID, the creation time as a date-time cell, the name in three columns, questions
    # worded a little differently (numbered, no question mark) and one the form reworded.
    sheet.append(["ID", "Время создания", "Фамилия", "Имя", "Отчество", "1. " + questions[0]["text"].rstrip("?"),
                  "Оцените, насколько вам комфортно с наставляемым"])
    sheet.append([101, dt.datetime(2026, 1, 20, 10, 15), "Черных", "Ольга", "Ильинична", "да", 9])
    sheet.append([102, dt.datetime(2026, 1, 21, 8, 0), "Кузнецова", "Марина", "Петровна", "нет", 10])
    buffer = io.BytesIO()
    book.save(buffer)
    export = read_export(buffer.getvalue(), "yandex.xlsx")
    targets = proposed_targets(db, organization, found["id"], export)
    assert targets == ["skip", "date", "name", "name", "name", f"q{questions[0]['id']}", "skip"]
    # The reworded column matched by hand; the question chosen twice is refused, at its header.
    twice = targets[:6] + [f"q{questions[0]['id']}"]
    report = import_answers(db, organization, found["id"], "entry", export, twice)
    assert [str(p) for p in report.problems] == [
        f"Лист «Ответы», строка 1, столбец G «Оцените, насколько вам комфортно с наставляемым»: ответы на этот вопрос "
        f"уже в столбце F «1. {questions[0]['text'].rstrip('?')}»: выберите для одного из них «не загружать»."]
    targets[6] = f"q{questions[1]['id']}"
    report = import_answers(db, organization, found["id"], "entry", export, targets, dry_run=False)
    assert report.written and report.created == 2
    assert remembered_columns(db, found["id"])["оцените, насколько вам комфортно с наставляемым"] == \
        f"q{questions[1]['id']}"
    # The next export puts the columns elsewhere: the remembered match follows the header.
    other = read_export(_csv([["Оцените, насколько вам комфортно с наставляемым", "ФИО", "Дата"],
                              ["8", "Черных Ольга Ильинична", "25.05.2026"]], ","), "май.csv")
    assert proposed_targets(db, organization, found["id"], other) == [f"q{questions[1]['id']}", "name", "date"]
    # Neither a name nor a date: said at once, nothing read.
    bare = read_export(_csv([["Вопрос"], ["8"]]), "без имени.csv")
    report = import_answers(db, organization, found["id"], "entry", bare, ["skip"])
    assert [str(p) for p in report.problems] == [
        "Лист «без имени.csv», строка 1: нет столбца с ФИО: укажите, в каком столбце имя заполнившего (или в каких — "
        "фамилия, имя, отчество).",
        "Лист «без имени.csv», строка 1: нет столбца с датой заполнения: укажите его или впишите дату анкетирования "
        "для всех строк."]


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "empty.csv", "Файл пуст: в нём нет ни заголовков, ни ответов."),
    (b"PK\x03\x04 not a book", "book.xlsx", "Файл не открывается как книга Excel (.xlsx)"),
    (b"a;b", "answers.ods", "Загрузите книгу Excel (.xlsx) или файл CSV (.csv)."),
    (b"x" * (1024 * 1024 + 1), "big.csv", "Файл больше 1 МБ: это не выгрузка ответов формы."),
])
def test_an_unreadable_export_is_refused_in_russian(content, name, message):
    with pytest.raises(UnreadableFile) as caught:
        read_export(content, name)
    assert caught.value.message.startswith(message)


# -- the blanks -----------------------------------------------------------------------------------------


def _scales(content: bytes) -> list[list[str]]:
    """The rows of boxes of the scaled questions (tables inside the questions' blocks)."""
    document = Document(io.BytesIO(content))
    return [[cell.text for cell in nested.rows[0].cells] for table in document.tables for cell in table._cells
            for nested in cell.tables]


def test_the_blanks_print_their_questions_with_boxes_and_lines(db):
    mentor = render("questionnaire-mentor", get_template("questionnaire-mentor").example)
    assert mentor.file_name == "Анкета_наставника_входное_МБОУ_Палагайская_СОШ.docx"
    text = flat(docx_text(mentor.content))
    for phrase in ("Анкета наставника", "входное анкетирование (в начале программы наставничества)",
                   "ФИО (необязательно): \t\u200b", "Должность: \t\u200b",
                   "Дата заполнения: «___» ____________ 20___ г.",
                   "В вопросах с оценкой обведите одну цифру от 1 до 10: 1 — самая низкая оценка, 10 — самая высокая.",
                   "1. Был ли у вас опыт наставничества до этой программы?", "\u25a1 да\u2003\u2003\u25a1 нет",
                   "\u25a1 раз в две недели", "11. Какие затруднения возникают у вас в работе наставника?",
                   "Благодарим за участие в анкетировании!"):
        assert phrase in text, phrase
    assert _scales(mentor.content) == [[str(n) for n in range(1, 11)]] * 7
    mentee = render("questionnaire-mentee", get_template("questionnaire-mentee").example)
    text = flat(docx_text(mentee.content))
    assert "итоговое анкетирование (по завершении программы наставничества)" in text
    assert "Дата заполнения: 27.05.2024" in text
    assert text.count("\t\u200b") == 2 + 3 + 4  # ФИО and position, then the lines of the two open questions


def test_a_five_point_set_from_the_registry(db):
    organization = org_id(db)
    set_id = save_set(db, organization, {"role": "mentee", "title": "Экспресс-анкета наставляемого", "scale": 5,
                                         "intro": "Отметьте, как прошла первая четверть."})
    save_question(db, organization, set_id, {"kind": "scaled", "text": "Насколько полезны встречи с наставником?"})
    save_question(db, organization, set_id, {"kind": "closed", "text": "Формат встреч вам подходит?",
                                             "choices": ["полностью подходит", "скорее подходит", "хотелось бы "
                                                         "иначе — очно и чаще, с разбором уроков"]})
    data = from_registry("questionnaire-mentee", db, organization, None, {"set": str(set_id), "stage": "entry",
                                                                         "date": "2026-01-20"})
    assert data["title"] == "Экспресс-анкета наставляемого" and data["scale"] == 5 and data["date"] == "2026-01-20"
    content = render("questionnaire-mentee", data).content
    text = flat(docx_text(content))
    assert "В вопросах с оценкой обведите одну цифру от 1 до 5: 1 — самая низкая оценка, 5 — самая высокая." in text
    assert "Дата заполнения: 20.01.2026" in text and "Отметьте, как прошла первая четверть." in text
    # Long choices one a line, each with its box.
    assert "\u25a1 хотелось бы иначе — очно и чаще, с разбором уроков" in text.split("\n")
    assert _scales(content) == [["1", "2", "3", "4", "5"]]
    # The mentor's blank does not take a mentee's set: the contract says what is missing.
    with pytest.raises(ContractError) as caught:
        render("questionnaire-mentor", from_registry("questionnaire-mentor", db, organization, None, {"set": set_id}))
    assert [e.message for e in caught.value.errors] == ["не заполнено: шкала оценок (от 1 до 5 или до 10).",
                                                        "нужен список: вопросы анкеты, хотя бы один элемент."]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"scale": 7}, "scale", "шкала оценок (от 1 до 5 или до 10): укажите 5 (шкала от 1 до 5) или 10 (шкала от 1 до "
                            "10)."),
    ({"stage": "middle"}, "stage", "этап анкетирования: укажите \"entry\" (входное анкетирование) или \"exit\" "
                                   "(итоговое)."),
    ({"questions": [{"kind": "closed", "text": "Да или нет?"}]}, "questions[0].choices",
     "варианты ответа: у вопроса с выбором варианта нужны хотя бы два варианта ответа."),
    ({"questions": [{"kind": "open", "text": "Почему?", "choices": ["да", "нет"]}]}, "questions[0].choices",
     "варианты ответа: варианты ответа бывают только у вопроса с выбором варианта (\"kind\": \"closed\"): уберите их."),
    ({"questions": [{"kind": "poll", "text": "Почему?"}]}, "questions[0].kind",
     "тип вопроса: укажите \"scaled\" (оценка по шкале), \"closed\" (выбор варианта) или \"open\" (ответ своими "
     "словами)."),
])
def test_the_contract_names_the_field_in_russian(change, field, message):
    data = {**get_template("questionnaire-mentor").example, **change}
    with pytest.raises(ContractError) as caught:
        render("questionnaire-mentor", data)
    assert {e.field: e.message for e in caught.value.errors}[field] == message


def test_the_blanks_printed_by_libreoffice(tmp_path):
    tool("soffice")
    pdfinfo, pdftotext, pdftoppm = tool("pdfinfo"), tool("pdftotext"), tool("pdftoppm")
    converter = PdfConverter(tmp_path / "profiles", 1, resident=False)
    try:
        for template_id in ("questionnaire-mentor", "questionnaire-mentee"):
            path = tmp_path / f"{template_id}.pdf"
            path.write_bytes(converter.convert(render(template_id, get_template(template_id).example).content))
            info = subprocess.run([pdfinfo, str(path)], check=True, capture_output=True, text=True).stdout
            assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info
            assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) == 2
            first = subprocess.run([pdftotext, "-layout", "-f", "1", "-l", "1", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout
            lines = [" ".join(flat(line).split()) for line in first.splitlines() if line.strip()]
            assert lines[0].startswith("Муниципальное бюджетное общеобразовательное учреждение")
            assert "1 2 3 4 5 6 7 8 9 10" in lines
            assert any(re.fullmatch(r"ФИО \(необязательно\): _{20,}", line) for line in lines), lines
            second = subprocess.run([pdftotext, "-layout", "-f", "2", "-l", "2", str(path), "-"], check=True,
                                    capture_output=True, text=True).stdout
            second_lines = [" ".join(flat(line).split()) for line in second.splitlines() if line.strip()]
            assert second_lines[0] == "2"  # the page number, top centre
            assert second_lines[-1] == "Благодарим за участие в анкетировании!"
            assert sum(1 for line in second_lines if re.fullmatch(r"_{40,}", line)) >= 6  # lines for open answers
            subprocess.run([pdftoppm, "-r", "60", "-png", str(path), str(tmp_path / template_id)], check=True)
            assert sorted(p.name for p in tmp_path.glob(f"{template_id}-*.png")) == [f"{template_id}-1.png",
                                                                                    f"{template_id}-2.png"]
    finally:
        converter.close()


# -- the pages ----------------------------------------------------------------------------------------------


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_the_set_page_edits_questions_keeping_what_was_typed(app, db):
    client = app.test_client()
    login(client, "curator")
    found = _set(db, "mentor")
    page = _text(client.get(f"/questionnaires/set?set={found['id']}"))
    assert "Анкета наставника" in page and "Бланк для печати" in page
    response = client.post(f"/questionnaires/question?set={found['id']}", data={
        "kind": "closed", "text": "Какой формат встреч удобнее?", "choices": "очно"})
    assert response.status_code == 200
    assert "Варианты ответа: у закрытого вопроса их не меньше двух, по одному в строке." in _text(response)
    assert "Какой формат встреч удобнее?" in response.get_data(as_text=True)
    response = client.post(f"/questionnaires/question?set={found['id']}", data={
        "kind": "closed", "text": "Какой формат встреч удобнее?", "choices": "очно\nдистанционно\n"})
    assert response.status_code == 302
    assert "Вопрос сохранён: «Какой формат встреч удобнее?»." in _text(client.get(response.headers["Location"]))
    added = get_set(db, org_id(db), found["id"])["questions"][-1]
    assert (added["text"], added["choices"]) == ("Какой формат встреч удобнее?", ["очно", "дистанционно"])
    scaled = _by_kind(found, "scaled")[0]
    confirm = _text(client.get(f"/questionnaires/question/remove?question={scaled['id']}"))
    assert "Он будет перенесён в архив: из бланка и новых анкет исчезнет, в сохранённых ответах останется." in confirm
    assert client.post(f"/questionnaires/question/remove?question={scaled['id']}").status_code == 302
    assert "Вопросы в архиве" in _text(client.get(f"/questionnaires/set?set={found['id']}"))
    assert client.post(f"/questionnaires/question/move?question={added['id']}&step=up").status_code == 302
    assert get_set(db, org_id(db), found["id"])["questions"][-2]["id"] == added["id"]
    blank = client.get(f"/questionnaires/blank.docx?set={found['id']}&stage=exit")
    assert blank.status_code == 200
    text = flat(docx_text(blank.data))
    assert "итоговое анкетирование" in text and "Какой формат встреч удобнее?" in text and scaled["text"] not in text


def test_a_questionnaire_entered_on_the_page(app, db):
    client = app.test_client()
    login(client, "curator")
    found = _set(db, "mentee")
    scaled, closed, opened = (_by_kind(found, kind)[0] for kind in ("scaled", "closed", "open"))
    mentee = _person(db, "Мамедова")
    form = _text(client.get(f"/questionnaires/answer?set={found['id']}&person={mentee['id']}"))
    assert "Мамедова Лейла Рашид кызы" in form and f"1. {closed['text']}" in form
    data = {"person_id": str(mentee["id"]), "pair_id": "0", "stage": "exit", "answered_on": "20.01.2026",
            f"q{scaled['id']}": "12", f"q{closed['id']}": "да", f"q{opened['id']}": "Разбор уроков"}
    response = client.post(f"/questionnaires/answer?set={found['id']}", data=data)
    assert response.status_code == 200
    assert "«12» — не оценка по шкале: нужно целое число от 1 до 10." in _text(response)
    assert "Разбор уроков" in _text(response)
    response = client.post(f"/questionnaires/answer?set={found['id']}", data={**data, f"q{scaled['id']}": "9"})
    assert response.status_code == 302
    page = _text(client.get(response.headers["Location"]))
    assert "Анкета сохранена: Мамедова Лейла Рашид кызы, итоговое анкетирование, 20.01.2026." in page
    saved = next(r for r in list_responses(db, org_id(db), person_id=mentee["id"]) if r["stage"] == "exit")
    assert saved["pair_id"] is None or saved["pair_id"] in [p["id"] for p in list_pairs(db, org_id(db),
                                                                                           person_id=mentee["id"])]
    assert "Средние баллы" in page and "Все вопросы с оценкой" in page
    head = app.test_client()
    login(head, "head")
    assert head.post(f"/questionnaires/answer?set={found['id']}", data=data).status_code == 403
    assert "Ответы: Анкета наставляемого" in _text(head.get(f"/questionnaires/responses?set={found['id']}"))


def test_an_export_uploaded_matched_checked_and_loaded_on_the_pages(app, db):
    client = app.test_client()
    login(client, "curator")
    found = _set(db, "mentee")
    content = _csv(_export_rows(found, [("20.01.2026 10:23:45", "Шевчук Анна Сергеевна", _good_cells(found, "8")),
                                        ("20.01.2026 10:40:00", "Зайцев Д.И.", _good_cells(found, "6"))]))
    response = client.post("/questionnaires/import", data={
        "set_id": str(found["id"]), "stage": "exit", "answered_on": "",
        "file": (io.BytesIO(content), "Ответы.csv")}, content_type="multipart/form-data")
    page = _text(response)
    assert response.status_code == 200 and "Столбцы файла и вопросы анкеты" in page
    assert "Ошибок нет: будет загружено анкет — 2 (новых 2, заменят прежние 0). Нажмите «Загрузить»." in page
    html = response.get_data(as_text=True)
    assert re.search(r'<option selected value="date">', html) and re.search(r'<option selected value="name">', html)
    carried = {"set_id": str(found["id"]), "stage": "exit", "answered_on": "", "filename": "Ответы.csv",
               "content": base64.b64encode(content).decode(), "col0": "date", "col1": "name", "col2": "skip",
               **{f"col{3 + i}": f"q{q['id']}" for i, q in enumerate(found["questions"])}}
    checked = client.post("/questionnaires/import/columns", data={**carried, "col1": "skip", "check": "Проверить"})
    assert ("нет столбца с ФИО: укажите, в каком столбце имя заполнившего (или в каких — фамилия, имя, "
            "отчество).") in _text(checked)
    count = db["questionnaire_responses"].count
    loaded = client.post("/questionnaires/import/columns", data={**carried, "load": "Загрузить"})
    assert loaded.status_code == 302
    assert ("Файл «Ответы.csv» загружен: анкет — 2 (новых 2, заменено прежних 0)."
            in _text(client.get(loaded.headers["Location"])))
    assert db["questionnaire_responses"].count == count + 2
    broken = client.post("/questionnaires/import/columns", data={**carried, "content": "не base64!"})
    assert broken.status_code == 302 and broken.headers["Location"].endswith("/questionnaires/import")


def test_the_documents_page_makes_a_blank(client, db):
    page = client.get("/documents/questionnaire-mentee").get_data(as_text=True)
    assert "Этап анкетирования" in page
    response = client.post("/documents/questionnaire-mentee", data={"stage": "exit", "set": "", "date": "",
                                                                    "download": "Скачать DOCX"})
    assert response.status_code == 200 and response.data[:2] == b"PK"
    text = flat(docx_text(response.data))
    assert "Анкета наставляемого" in text and "итоговое анкетирование" in text


def test_a_default_set_is_made_by_its_button_only(app, db):
    client = app.test_client()
    login(client, "curator")
    before = len(list_sets(db, org_id(db)))
    assert client.post("/questionnaires/", data={}).status_code == 200
    assert len(list_sets(db, org_id(db))) == before
    response = client.post("/questionnaires/", data={"mentor": "Создать анкету наставника по образцу"})
    assert response.status_code == 302
    assert ("Анкета создана по образцу: «Анкета наставника». Проверьте вопросы."
            in _text(client.get(response.headers["Location"])))
    assert [s["role"] for s in list_sets(db, org_id(db))].count("mentor") == 2
