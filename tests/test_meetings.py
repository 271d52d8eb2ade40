"""The meetings of a pair: the seeds' sequence (one first, trial, planning and final meeting; none before the
first or after the final), the day within the pair's term, feedback and plan items only for a meeting held,
plan items of the programme ticked done from a meeting (and unticked, moved, cleared), all or nothing with
Russian messages naming the field; the demo's year of meetings; the pages through the Flask client."""

import datetime as dt
import re

import pytest

from registry.db import RegistryError
from registry.meetings import (
    DEMO_MEETINGS,
    delete_meeting,
    get_meeting,
    list_meetings,
    meeting_years,
    next_kind,
    plan_items,
    save_meeting,
)
from registry.pairs import academic_year, close_pair, delete_pair, list_forms, list_pairs, save_pair
from registry.people import save_person
from registry.programmes import get_programme, save_programme
from tests.conftest import login, org_id

TODAY = dt.date.today()


def _person(db, organization, last: str, first: str, middle: str, position: str, role: str) -> int:
    return save_person(db, organization, {"last_name": last, "first_name": first, "middle_name": middle,
                                          "position": position}, [role])


@pytest.fixture
def pair(db) -> int:
    """A pair of the school year 2024/2025 (02.09.2024 – 30.05.2025) with a programme of three plan rows."""
    organization = org_id(db)
    mentor = _person(db, organization, "Орлова", "Светлана", "Михайловна", "учитель математики", "mentor")
    mentee = _person(db, organization, "Белова", "Дарья", "Сергеевна", "учитель биологии", "mentee")
    form = next(f["id"] for f in list_forms(db) if f["name"] == "педагог – педагог")
    pair_id = save_pair(db, organization, {"mentor_id": mentor, "form_id": form, "start_date": "2024-09-02",
                                           "end_date": "2025-05-30", "status": "active"}, [mentee])
    save_programme(db, organization, pair_id, {"goal": "Адаптация молодого учителя биологии."}, [
        {"activity": "Диагностика затруднений", "deadline": "сентябрь 2024"},
        {"activity": "Разработка урока по ФГОС", "deadline": "октябрь 2024"},
        {"activity": "Открытый урок", "deadline": "март 2025"}])
    return pair_id


def _meeting(kind: str, day: str, topic: str = "Тема встречи", **more) -> dict:
    return {"kind": kind, "held_on": day, "topic": topic, **more}


def _refused(db, pair_id: int, values: dict, items=(), meeting_id=None) -> RegistryError:
    with pytest.raises(RegistryError) as caught:
        save_meeting(db, org_id(db), pair_id, values, list(items), meeting_id)
    return caught.value


def _items(db, pair_id: int) -> list[dict]:
    return plan_items(db, org_id(db), pair_id)


# -- the rules ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("values", "field", "message"), [
    (_meeting("meeting", "2024-09-10"), "kind", "Вид встречи: выберите из списка."),
    (_meeting("intro", ""), "held_on", "Дата встречи: укажите дату."),
    (_meeting("intro", "10.09.2024"), "held_on", "Дата встречи: «10.09.2024» — не дата."),
    (_meeting("intro", "2024-09-01"), "held_on",
     "Дата встречи: 01.09.2024 — раньше начала наставничества (02.09.2024)."),
    (_meeting("final", "2025-06-02"), "held_on", "Дата встречи: 02.06.2025 — позже окончания срока пары (30.05.2025)."),
    (_meeting("intro", "2024-09-10", topic="  "), "topic", "Тема: не заполнено."),
    (_meeting("intro", "2024-09-10", topic="т" * 301), "topic", "Тема: не длиннее 300 знаков (сейчас 301)."),
    (_meeting("intro", "2024-09-10", notes="a\x07b"), "notes",
     "Содержание и договорённости: служебный символ U+0007 — удалите его."),
])
def test_a_meeting_is_refused_naming_the_field(db, pair, values, field, message):
    error = _refused(db, pair, values)
    assert (error.field, error.message) == (field, message)
    assert list_meetings(db, org_id(db), pair_id=pair) == []


def test_the_sequence_of_the_seeds(db, pair):
    organization = org_id(db)
    assert next_kind(db, pair) == "intro"
    save_meeting(db, organization, pair, _meeting("intro", "2024-09-05", "Знакомство"))
    assert next_kind(db, pair) == "trial"
    error = _refused(db, pair, _meeting("intro", "2024-09-12"))
    assert (error.field, error.message) == ("kind", "Встреча-знакомство у этой пары уже есть (05.09.2024): такая "
                                                     "встреча одна — выберите вид «рабочая встреча» или измените ту "
                                                     "встречу.")
    error = _refused(db, pair, _meeting("working", "2024-09-04"))
    assert (error.field, error.message) == ("held_on", "Дата встречи: 04.09.2024 — раньше встречи-знакомства "
                                                        "(05.09.2024), первой встречи пары.")
    save_meeting(db, organization, pair, _meeting("trial", "2024-09-12"))
    save_meeting(db, organization, pair, _meeting("planning", "2024-09-19"))
    assert next_kind(db, pair) == "working"
    working = save_meeting(db, organization, pair, _meeting("working", "2024-10-03"))
    save_meeting(db, organization, pair, _meeting("working", "2024-10-17"))
    error = _refused(db, pair, _meeting("final", "2024-10-10"))
    assert (error.field, error.message) == ("held_on", "Итоговая встреча — последняя встреча пары, а рабочая встреча "
                                                        "17.10.2024 позже неё: проверьте дату.")
    save_meeting(db, organization, pair, _meeting("final", "2025-05-20"))
    error = _refused(db, pair, _meeting("working", "2025-05-27"))
    assert error.message == ("Дата встречи: 27.05.2025 — позже итоговой встречи (20.05.2025), последней встречи пары.")
    # The first meeting moved after another one: refused, the other meetings as they were.
    intro = list_meetings(db, organization, pair_id=pair)[0]
    error = _refused(db, pair, _meeting("intro", "2024-09-20"), meeting_id=intro["id"])
    assert error.message == ("Встреча-знакомство — первая встреча пары, а пробная рабочая встреча 12.09.2024 раньше "
                             "неё: проверьте дату.")
    meetings = list_meetings(db, organization, pair_id=pair)
    assert [(m["kind"], m["held_on"]) for m in meetings] == [
        ("intro", "2024-09-05"), ("trial", "2024-09-12"), ("planning", "2024-09-19"), ("working", "2024-10-03"),
        ("working", "2024-10-17"), ("final", "2025-05-20")]
    assert [m["kind_title"] for m in meetings][:3] == ["встреча-знакомство", "пробная рабочая встреча",
                                                       "встреча-планирование"]
    assert get_meeting(db, organization, working)["feedback_missing"] is True
    assert 2024 in meeting_years(db, organization)
    assert [m["held_on"] for m in list_meetings(db, organization, year=2024, pair_id=pair)] == [
        m["held_on"] for m in meetings]


def test_an_early_termination_ends_the_term_of_meetings(db, pair):
    organization = org_id(db)
    close_pair(db, organization, pair, status="terminated", day="2024-12-20", reason="перевод наставляемой",
               initiative="mentee")
    error = _refused(db, pair, _meeting("working", "2025-01-15"))
    assert error.message == "Дата встречи: 15.01.2025 — позже прекращения наставничества (20.12.2024)."
    save_meeting(db, organization, pair, _meeting("final", "2024-12-20", "Итоги"))


def test_a_planned_meeting_takes_no_feedback_and_ticks_nothing(db):
    organization = org_id(db)
    current = next(p for p in list_pairs(db, organization, "active") if p["programme_id"] and p["end_date"] >
                   (TODAY + dt.timedelta(days=8)).isoformat())
    later = TODAY + dt.timedelta(days=7)
    error = _refused(db, current["id"], _meeting("working", later.isoformat(), feedback="Понравилось"))
    assert (error.field, error.message) == ("feedback", f"Обратная связь наставляемого: встреча ещё не состоялась "
                                                        f"({later:%d.%m.%Y}) — отзыв вносится после неё.")
    undone = next(i for i in _items(db, current["id"]) if not i["done_on"])
    error = _refused(db, current["id"], _meeting("working", later.isoformat()), [undone["id"]])
    assert (error.field, error.message) == ("item_ids", f"Встреча ещё не состоялась ({later:%d.%m.%Y}): отметить "
                                                        "выполненные пункты плана можно после неё.")
    planned = save_meeting(db, organization, current["id"], _meeting("working", later.isoformat(), "Подготовка"))
    meeting = get_meeting(db, organization, planned)
    assert meeting["planned"] is True and meeting["feedback_missing"] is False
    assert next(i for i in _items(db, current["id"]) if i["id"] == undone["id"])["done_on"] is None


# -- plan items ---------------------------------------------------------------------------------------------


def test_plan_items_ticked_moved_unticked_and_cleared(db, pair):
    organization = org_id(db)
    first, second, third = (i["id"] for i in _items(db, pair))
    intro = save_meeting(db, organization, pair, _meeting("intro", "2024-09-05", "Диагностика"), [first])
    working = save_meeting(db, organization, pair, _meeting("working", "2024-10-10", "Урок по ФГОС",
                                                            feedback="Разобрались с этапами урока."), [second, third])
    items = _items(db, pair)
    assert [(i["done_on"], i["meeting"]["id"] if i["meeting"] else None) for i in items] == [
        ("2024-09-05", intro), ("2024-10-10", working), ("2024-10-10", working)]
    assert items[1]["meeting"]["kind_title"] == "рабочая встреча"
    assert get_programme(db, pair, organization)["items_done"] == 3
    # An item another meeting ticked is refused, whole: nothing moves.
    error = _refused(db, pair, _meeting("working", "2024-10-24"), [first])
    assert (error.field, error.message) == ("item_ids", "Строка 1 плана («Диагностика затруднений») уже отмечена "
                                                        "выполненной на встрече: встреча-знакомство 05.09.2024. "
                                                        "Снимите отметку там или здесь.")
    error = _refused(db, pair, _meeting("working", "2024-10-24"), [999_999])
    assert error.message == "Пункт плана с номером 999999 — не из программы этой пары: обновите страницу."
    assert len(list_meetings(db, organization, pair_id=pair)) == 2
    # A new day moves the marks; an item no longer ticked is undone.
    save_meeting(db, organization, pair, _meeting("working", "2024-10-11", "Урок по ФГОС"), [second], working)
    assert [i["done_on"] for i in _items(db, pair)] == ["2024-09-05", "2024-10-11", None]
    assert get_meeting(db, organization, working)["feedback"] == ""
    # Deleting a meeting undoes what it ticked.
    delete_meeting(db, organization, working)
    assert [i["done_on"] for i in _items(db, pair)] == ["2024-09-05", None, None]
    with pytest.raises(RegistryError, match="Нет встречи с номером"):
        delete_meeting(db, organization, working)


def test_an_item_marked_by_hand_is_taken_by_a_meeting(db, pair):
    organization = org_id(db)
    rows = [{"activity": i["activity"], "deadline": i["deadline"], "done_on": "2024-09-30" if n == 0 else None}
            for n, i in enumerate(_items(db, pair))]
    save_programme(db, organization, pair, {"goal": "Адаптация."}, rows)
    first = _items(db, pair)[0]
    assert first["done_on"] == "2024-09-30" and first["meeting"] is None
    save_meeting(db, organization, pair, _meeting("intro", "2024-09-06"), [first["id"]])
    assert _items(db, pair)[0]["done_on"] == "2024-09-06"


def test_a_programme_saved_again_and_a_pair_deleted_keep_the_registry_whole(db, pair):
    organization = org_id(db)
    first = _items(db, pair)[0]["id"]
    meeting = save_meeting(db, organization, pair, _meeting("intro", "2024-09-05"), [first])
    # The programme page saves its plan anew: a row whose activity stays keeps what the meeting ticked.
    rows = [{key: i[key] for key in ("activity", "deadline", "done_on")} for i in _items(db, pair)]
    save_programme(db, organization, pair, {"goal": "Адаптация."}, rows)
    assert [item["id"] for item in get_meeting(db, organization, meeting)["items"]] == [first]
    assert _items(db, pair)[0]["done_on"] == "2024-09-05"
    # A new row put first shifts the others; the ticked one is still the same activity.
    save_programme(db, organization, pair, {"goal": "Адаптация."},
                   [{"activity": "Знакомство с коллективом", "deadline": "сентябрь"}, *rows])
    assert [item["id"] for item in get_meeting(db, organization, meeting)["items"]] == [first]
    assert _items(db, pair)[1]["id"] == first
    # Its activity rewritten, the row is another one: the meeting no longer names it, the mark stays the plan's.
    rows[0]["activity"] = "Встреча-знакомство и диагностика"
    save_programme(db, organization, pair, {"goal": "Адаптация."}, rows)
    assert get_meeting(db, organization, meeting)["items"] == []
    assert _items(db, pair)[0]["done_on"] == "2024-09-05"
    # A pair no order names is deleted with its meetings.
    delete_pair(db, pair)
    assert get_meeting(db, organization, meeting) is None
    assert db["meetings"].count_where("pair_id = ?", [pair]) == 0


def test_another_organisations_pair_is_not_found(db, pair):
    with pytest.raises(RegistryError, match=f"Нет пары с номером {pair}"):
        save_meeting(db, org_id(db) + 1000, pair, _meeting("intro", "2024-09-05"))


# -- the demo ---------------------------------------------------------------------------------------------


def test_the_demo_has_a_year_of_meetings_in_sequence(db):
    organization = org_id(db)
    meetings = list_meetings(db, organization)
    assert meetings and all(m["held_on"] <= TODAY.isoformat() for m in meetings)
    by_pair: dict[int, list[dict]] = {}
    for meeting in meetings:
        by_pair.setdefault(meeting["pair_id"], []).append(meeting)
    spring = next(p for p in list_pairs(db, organization) if p["mentor"]["last_name"] == "Лебедев")
    # Last spring's pair had the whole sequence: first, trial, planning, five working meetings, final.
    assert [m["kind"] for m in by_pair[spring["id"]]] == ["intro", "trial", "planning"] + ["working"] * 5 + ["final"]
    assert len(by_pair[spring["id"]]) == len(DEMO_MEETINGS[("Лебедев", 2)])
    assert all(m["feedback"] for m in by_pair[spring["id"]] if m["kind"] in ("working", "final"))
    assert all(pair_meetings[0]["kind"] == "intro" for pair_meetings in by_pair.values())
    # Every plan row a meeting ticked is done on the meeting's day; the first is ticked on 25 September.
    ticked = [(item, m) for m in meetings for item in m["items"]]
    assert all(item["done_on"] == m["held_on"] for item, m in ticked)
    if TODAY >= dt.date(academic_year(TODAY), 9, 25):
        assert ticked


# -- the pages --------------------------------------------------------------------------------------------


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_the_pages_log_a_meeting_ticking_a_plan_item(app, db, pair):
    client = app.test_client()
    login(client, "curator")
    page = _text(client.get(f"/pairs/{pair}"))
    assert "Встречи пары" in page
    page = _text(client.get(f"/meetings/pair/{pair}"))
    assert "Встреч пока не было. Первая встреча пары — встреча-знакомство." in page
    assert "встреча-знакомство: ещё не было" in page
    form = _text(client.get(f"/meetings/pair/{pair}/meeting"))
    assert "1. Диагностика затруднений (срок: сентябрь 2024)" in form
    first = _items(db, pair)[0]["id"]
    # A day outside the term: refused next to the field, what was typed kept.
    response = client.post(f"/meetings/pair/{pair}/meeting", data={
        "kind": "intro", "held_on": "01.08.2024", "topic": "Знакомство и диагностика", "notes": "Анкета запросов",
        "item_ids": [str(first)]})
    page = _text(response)
    assert response.status_code == 200
    assert "Дата встречи: 01.08.2024 — раньше начала наставничества (02.09.2024)." in page
    assert 'value="Знакомство и диагностика"' in response.get_data(as_text=True)
    assert "Анкета запросов" in page
    response = client.post(f"/meetings/pair/{pair}/meeting", data={
        "kind": "intro", "held_on": "05.09.2024", "topic": "Знакомство и диагностика", "notes": "Анкета запросов",
        "item_ids": [str(first)]})
    assert response.status_code == 302
    page = _text(client.get(response.headers["Location"]))
    assert ("Встреча сохранена: встреча-знакомство 05.09.2024 — «Знакомство и диагностика». Отмечено выполненными "
            "пунктов плана: 1.") in page
    assert "встреча-знакомство: 05.09.2024" in page and "1. Диагностика затруднений" in page
    assert _items(db, pair)[0]["done_on"] == "2024-09-05"
    meeting = list_meetings(db, org_id(db), pair_id=pair)[0]["id"]
    assert "Удалить встречу: встреча-знакомство 05.09.2024" in _text(
        client.get(f"/meetings/pair/{pair}/delete?meeting={meeting}"))
    assert client.post(f"/meetings/pair/{pair}/delete?meeting={meeting}").status_code == 302
    assert _items(db, pair)[0]["done_on"] is None
    year = _text(client.get("/meetings/?year=2024"))
    assert "Встречи наставнических пар за 2024/2025 учебный год" in year
    assert client.get(f"/meetings/pair/{pair}/meeting?meeting=999999").status_code == 404


def test_the_head_reads_meetings_and_changes_nothing(app, db, pair):
    head = app.test_client()
    login(head, "head")
    page = head.get(f"/meetings/pair/{pair}").get_data(as_text=True)
    assert "Добавить встречу" not in page
    assert head.post(f"/meetings/pair/{pair}/meeting", data={"kind": "intro", "held_on": "05.09.2024",
                                                             "topic": "Т"}).status_code == 403
    assert list_meetings(db, org_id(db), pair_id=pair) == []
