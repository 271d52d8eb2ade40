"""The meetings of a mentoring pair or group (DOMAIN.md §2, step 6), in the sequence of the seed roadmaps
(../shared/seeds/001, 002): a встреча-знакомство, a пробная рабочая встреча, a встреча-планирование, a
series of рабочие встречи each with the mentee's feedback («с обязательным заполнением обратной связи»),
an итоговая встреча. Each meeting has its day, topic, notes and the mentee's feedback, and may tick items
of the pair's personalised programme done (:func:`registry.programmes.mark_item` with the meeting's day;
which meeting ticked which item is kept).

The day lies within the pair's term: from its start to its end, or to the day it was ended early. A
meeting may be planned ahead (a day after today): it then takes no feedback and ticks no plan item —
both come after it is held. The first, trial, planning and final meetings happen once per pair; nothing
comes before the first nor after the final one.

Tables: ``meetings`` (pair_id, kind — a code of :data:`KINDS`, held_on ISO, topic, notes, feedback) and
``meeting_items`` (item_id of ``programme_items`` → meeting_id).
"""

import datetime as dt

from sqlite_utils import Database

from registry.db import RegistryError, now, ru_date, write
from registry.pairs import academic_year, check_day, check_free_text, get_pair, list_pairs
from registry.programmes import get_programme, mark_item

#: Kinds of meeting in the order of the seeds' sequence: code → Russian name.
KINDS = {"intro": "встреча-знакомство", "trial": "пробная рабочая встреча", "planning": "встреча-планирование",
         "working": "рабочая встреча", "final": "итоговая встреча"}
#: Kinds a pair has at most one meeting of.
ONCE = ("intro", "trial", "planning", "final")
#: Longest texts of a meeting, in characters.
LENGTHS = {"topic": 300, "notes": 4000, "feedback": 4000}
#: The texts of a meeting and how messages name them.
TITLES = {"topic": "Тема", "notes": "Содержание и договорённости", "feedback": "Обратная связь наставляемого"}
#: Most meetings one pair may have (a year of weekly meetings with room to spare).
MAX_MEETINGS = 200


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _describe(meeting: dict) -> str:
    """«рабочая встреча 20.10.2026» for messages."""
    return f"{KINDS.get(meeting['kind'], meeting['kind'])} {ru_date(meeting['held_on'])}"


def _pair_or_error(db: Database, organization_id: int, pair_id: int) -> dict:
    pair = get_pair(db, pair_id, organization_id)
    if pair is None:
        raise RegistryError(f"Нет пары с номером {pair_id}.")
    return pair


def _last_day(pair: dict) -> tuple[str, str]:
    """The last day a meeting of the pair may be held (ISO) and how a message names it."""
    if pair["status"] in ("completed", "terminated") and pair.get("closed_on") and pair["closed_on"] < pair["end_date"]:
        word = "прекращения наставничества" if pair["status"] == "terminated" else "завершения наставничества"
        return pair["closed_on"], word
    return pair["end_date"], "окончания срока пары"


def check_meeting(pair: dict, values: dict) -> dict:
    """The meeting to store from ``values`` (``kind`` a code of :data:`KINDS`, ``held_on`` ISO or a date,
    ``topic`` required, ``notes``, ``feedback``) for ``pair`` (as :func:`registry.pairs.get_pair` gives
    it): texts as :func:`registry.pairs.check_free_text` stores them. Raises :class:`RegistryError`
    naming the field for an unknown kind, a day outside the pair's term, an empty topic, a text too long,
    or feedback on a meeting not yet held (after today)."""
    kind = values.get("kind")
    if kind not in KINDS:
        raise RegistryError("Вид встречи: выберите из списка.", "kind")
    day = check_day(values.get("held_on"), "held_on", "Дата встречи")
    if day.isoformat() < pair["start_date"]:
        raise RegistryError(f"Дата встречи: {ru_date(day)} — раньше начала наставничества "
                            f"({ru_date(pair['start_date'])}).", "held_on")
    last, word = _last_day(pair)
    if day.isoformat() > last:
        raise RegistryError(f"Дата встречи: {ru_date(day)} — позже {word} ({ru_date(last)}).", "held_on")
    texts = {key: check_free_text(values.get(key), key, title, LENGTHS[key], required=key == "topic")
             for key, title in TITLES.items()}
    if texts["feedback"] and day > dt.date.today():
        raise RegistryError(f"Обратная связь наставляемого: встреча ещё не состоялась ({ru_date(day)}) — отзыв "
                            "вносится после неё.", "feedback")
    return {"kind": kind, "held_on": day.isoformat(), **texts}


def _check_sequence(db: Database, pair_id: int, record: dict, meeting_id: int | None) -> None:
    """The first, trial, planning and final meetings once per pair; none before the first or after the final."""
    others = [dict(row) for row in db.execute(
        "select id, kind, held_on from meetings where pair_id = ? and id != ? order by held_on, id",
        [pair_id, meeting_id or 0])]
    kind, day = record["kind"], record["held_on"]
    if kind in ONCE:
        same = next((m for m in others if m["kind"] == kind), None)
        if same:
            raise RegistryError(f"{_capital(KINDS[kind])} у этой пары уже есть ({ru_date(same['held_on'])}): такая "
                                "встреча одна — выберите вид «рабочая встреча» или измените ту встречу.", "kind")
    if kind == "intro" and others and others[0]["held_on"] < day:
        raise RegistryError(f"Встреча-знакомство — первая встреча пары, а {_describe(others[0])} раньше неё: "
                            "проверьте дату.", "held_on")
    if kind == "final" and others and others[-1]["held_on"] > day:
        raise RegistryError(f"Итоговая встреча — последняя встреча пары, а {_describe(others[-1])} позже неё: "
                            "проверьте дату.", "held_on")
    intro = next((m for m in others if m["kind"] == "intro"), None)
    if intro and day < intro["held_on"]:
        raise RegistryError(f"Дата встречи: {ru_date(day)} — раньше встречи-знакомства "
                            f"({ru_date(intro['held_on'])}), первой встречи пары.", "held_on")
    final = next((m for m in others if m["kind"] == "final"), None)
    if final and day > final["held_on"]:
        raise RegistryError(f"Дата встречи: {ru_date(day)} — позже итоговой встречи ({ru_date(final['held_on'])}), "
                            "последней встречи пары.", "held_on")


def plan_items(db: Database, organization_id: int, pair_id: int) -> list[dict]:
    """The plan items of the pair's programme (none without a programme) by position, each with
    ``number`` (its row, from 1) and ``meeting`` (id, kind, held_on, kind_title of the meeting that
    ticked it) or None."""
    programme = get_programme(db, pair_id, organization_id)
    if programme is None:
        return []
    ticks = {row["item_id"]: dict(row) for row in db.query(
        "select mi.item_id, m.id, m.kind, m.held_on from meeting_items mi join meetings m on m.id = mi.meeting_id"
        " where m.pair_id = ?", [pair_id])}
    items = []
    for number, item in enumerate(programme["items"], start=1):
        meeting = ticks.get(item["id"])
        if meeting:
            meeting = {"id": meeting["id"], "kind": meeting["kind"], "held_on": meeting["held_on"],
                       "kind_title": KINDS[meeting["kind"]]}
        items.append({**item, "number": number, "meeting": meeting})
    return items


def _tick(db: Database, organization_id: int, pair_id: int, meeting_id: int, record: dict,
          item_ids: list[int]) -> None:
    """Make ``item_ids`` exactly the plan items the meeting ticks, done on its day; items it no longer
    ticks lose their done mark."""
    items = {item["id"]: item for item in plan_items(db, organization_id, pair_id)}
    wanted = list(dict.fromkeys(item_ids))
    for item_id in wanted:
        item = items.get(item_id)
        if item is None:
            raise RegistryError(f"Пункт плана с номером {item_id} — не из программы этой пары: обновите страницу.",
                                "item_ids")
        other = item["meeting"]
        if other and other["id"] != meeting_id:
            raise RegistryError(f"Строка {item['number']} плана («{item['activity'][:80]}») уже отмечена выполненной "
                                f"на встрече: {other['kind_title']} {ru_date(other['held_on'])}. Снимите отметку "
                                "там или здесь.", "item_ids")
    if wanted and record["held_on"] > dt.date.today().isoformat():
        raise RegistryError(f"Встреча ещё не состоялась ({ru_date(record['held_on'])}): отметить выполненные пункты "
                            "плана можно после неё.", "item_ids")
    for item in items.values():
        if item["meeting"] and item["meeting"]["id"] == meeting_id and item["id"] not in wanted:
            mark_item(db, organization_id, item["id"], None)
    db.execute("delete from meeting_items where meeting_id = ?", [meeting_id])
    for item_id in wanted:
        mark_item(db, organization_id, item_id, record["held_on"])
    db["meeting_items"].insert_all({"item_id": item_id, "meeting_id": meeting_id} for item_id in wanted)


def save_meeting(db: Database, organization_id: int, pair_id: int, values: dict, item_ids: list[int] = (),
                 meeting_id: int | None = None) -> int:
    """Add a meeting to the pair (or change ``meeting_id``) from ``values`` (as :func:`check_meeting`
    takes them) ticking exactly ``item_ids`` of the pair's plan done on the meeting's day (items it
    ticked before and no longer does lose their done mark; a new day moves its items' marks). One
    transaction; returns the meeting's id.

    Raises :class:`RegistryError` (field ``kind``, ``held_on``, ``topic``, ``notes``, ``feedback`` or
    ``item_ids``) and writes nothing when :func:`check_meeting` refuses, a once-only kind repeats, the day
    comes before the pair's first meeting or after its final one, an item is not of the pair's plan or
    was ticked by another meeting, or items are ticked for a meeting not yet held (after today)."""
    with write(db):
        pair = _pair_or_error(db, organization_id, pair_id)
        record = check_meeting(pair, values)
        if meeting_id is not None and get_meeting(db, organization_id, meeting_id, pair_id) is None:
            raise RegistryError(f"Нет встречи с номером {meeting_id}.")
        if meeting_id is None and db["meetings"].count_where("pair_id = ?", [pair_id]) >= MAX_MEETINGS:
            raise RegistryError(f"У одной пары — не больше {MAX_MEETINGS} встреч.")
        _check_sequence(db, pair_id, record, meeting_id)
        stamp = now()
        if meeting_id is None:
            meeting_id = db["meetings"].insert({**record, "pair_id": pair_id, "created_at": stamp,
                                                "updated_at": stamp}).last_pk
        else:
            db["meetings"].update(meeting_id, {**record, "updated_at": stamp})
        _tick(db, organization_id, pair_id, meeting_id, record, list(item_ids))
    return meeting_id


def delete_meeting(db: Database, organization_id: int, meeting_id: int) -> None:
    """Delete a meeting of the organisation; the plan items it ticked lose their done mark (they were done
    at it). Raises :class:`RegistryError` when there is none."""
    with write(db):
        meeting = get_meeting(db, organization_id, meeting_id)
        if meeting is None:
            raise RegistryError(f"Нет встречи с номером {meeting_id}.")
        for item in meeting["items"]:
            mark_item(db, organization_id, item["id"], None)
        db.execute("delete from meeting_items where meeting_id = ?", [meeting_id])
        db.execute("delete from meetings where id = ?", [meeting_id])


def _expand(db: Database, row, today: dt.date) -> dict:
    meeting = dict(row)
    meeting["kind_title"] = KINDS.get(meeting["kind"], meeting["kind"])
    meeting["planned"] = meeting["held_on"] > today.isoformat()
    meeting["items"] = [dict(item) for item in db.query(
        "select i.id, i.position, i.activity, i.done_on from meeting_items mi join programme_items i"
        " on i.id = mi.item_id where mi.meeting_id = ? order by i.position, i.id", [meeting["id"]])]
    # Working and final meetings held are followed by the mentee's feedback (seed 001: «с обязательным
    # заполнением обратной связи»); the list flags those still without it.
    meeting["feedback_missing"] = (meeting["kind"] in ("working", "final") and not meeting["planned"]
                                   and not meeting["feedback"])
    return meeting


def get_meeting(db: Database, organization_id: int, meeting_id: int, pair_id: int | None = None,
                today: dt.date | None = None) -> dict | None:
    """A meeting as :func:`list_meetings` gives it (without ``pair``); None when the organisation (or the
    pair ``pair_id``) has none with that id."""
    row = db.execute("select m.* from meetings m join pairs p on p.id = m.pair_id where m.id = ?"
                     " and p.organization_id = ?", [meeting_id, organization_id]).fetchone()
    if row is None or (pair_id is not None and row["pair_id"] != pair_id):
        return None
    return _expand(db, row, today or dt.date.today())


def list_meetings(db: Database, organization_id: int, *, pair_id: int | None = None, year: int | None = None,
                  today: dt.date | None = None) -> list[dict]:
    """Meetings of the organisation's pairs (of the pair ``pair_id``; of the academic ``year``, 2025 =
    2025/2026, by their day), by day. Each row: id, pair_id, kind (a code of :data:`KINDS`), held_on (ISO),
    topic, notes, feedback, ``kind_title``, ``planned`` (after ``today``), ``feedback_missing`` (a working
    or final meeting held without the mentee's feedback), ``items`` (plan items it ticked: id, position,
    activity, done_on) and ``pair`` (as :func:`registry.pairs.get_pair`)."""
    today = today or dt.date.today()
    where, args = ["p.organization_id = ?"], [organization_id]
    if pair_id is not None:
        where.append("m.pair_id = ?")
        args.append(pair_id)
    if year is not None:
        where.append("m.held_on between ? and ?")
        args += [f"{year}-09-01", f"{year + 1}-08-31"]
    rows = db.query(f"select m.* from meetings m join pairs p on p.id = m.pair_id where {' and '.join(where)}"
                    " order by m.held_on, m.id", args)
    pairs: dict[int, dict] = {}
    meetings = []
    for row in rows:
        meeting = _expand(db, row, today)
        if meeting["pair_id"] not in pairs:
            pairs[meeting["pair_id"]] = get_pair(db, meeting["pair_id"])
        meeting["pair"] = pairs[meeting["pair_id"]]
        meetings.append(meeting)
    return meetings


def meeting_years(db: Database, organization_id: int) -> list[int]:
    """Academic years the organisation's meetings fall in, latest first."""
    days = [row[0] for row in db.execute("select distinct m.held_on from meetings m join pairs p on p.id = m.pair_id"
                                         " where p.organization_id = ?", [organization_id])]
    return sorted({academic_year(dt.date.fromisoformat(day)) for day in days}, reverse=True)


def next_kind(db: Database, pair_id: int) -> str:
    """The kind a new meeting of the pair most likely is: the first of the sequence's opening meetings
    it has not had yet, else a working meeting."""
    had = {row[0] for row in db.execute("select kind from meetings where pair_id = ?", [pair_id])}
    return next((kind for kind in ("intro", "trial", "planning") if kind not in had), "working")


# -- the demo -------------------------------------------------------------------------------------------

#: The demo's meetings by mentor surname and the pair's start month (the current year's pairs start in
#: September or October; last spring's in February, the pair terminated early in March): (kind, (month,
#: day, years after the autumn that starts the current academic year), topic, feedback, the plan rows
#: the meeting ticks). A plan row is ticked by the meeting of the day the demo programme marks it done.
DEMO_MEETINGS = {
    ("Черных", 9): [
        ("intro", (9, 25, 0), "Знакомство, диагностика профессиональных затруднений", "", (1,)),
        ("trial", (10, 2, 0), "Пробное занятие: наблюдение за работой наставника", "", ()),
        ("planning", (10, 9, 0), "Планирование работы по программе наставничества", "", ()),
        ("working", (10, 20, 0), "Индивидуальная программа коррекции для 1-х классов",
         "Разобрались со структурой программы, стало понятно, как ставить цели коррекции.", (2,)),
        ("working", (11, 10, 0), "Консультирование родителей: подготовка беседы",
         "Полезно: получила готовые формулировки для трудного разговора.", ()),
        ("working", (12, 10, 0), "Анализ посещённых занятий, рекомендации",
         "Рекомендации конкретные, попробую на следующей неделе.", (3,)),
        ("working", (1, 14, 1), "Выступление на родительском собрании", "Чувствую себя увереннее.", ()),
        ("working", (3, 11, 1), "Подготовка открытого занятия", "Занятие продумано по шагам.", ()),
        ("final", (5, 25, 1), "Итоги программы: самоанализ, отчёт", "Программа помогла освоиться в профессии.", ()),
    ],
    ("Шевченко", 9): [
        ("intro", (9, 22, 0), "Знакомство, профессиональные запросы молодого учителя", "", (1,)),
        ("trial", (9, 26, 0), "Пробный урок наставника в 7 классе", "", ()),
        ("planning", (9, 30, 0), "Рабочая программа по информатике: план на четверть", "", (2,)),
        ("working", (10, 14, 0), "Дисциплина на уроке: приёмы и правила",
         "Попробовал приёмы на уроках в 6 классе — стало спокойнее.", ()),
        ("working", (11, 11, 0), "Конструирование урока по ФГОС", "", ()),
        ("working", (12, 9, 0), "Взаимопосещение уроков, анализ", "Понял, как выстраивать этапы урока.", ()),
        ("working", (2, 10, 1), "Подготовка открытого урока", "Урок готов, волнения меньше.", ()),
        ("final", (6, 23, 1), "Итоги года: отчёт о выполнении программы", "Стал увереннее в работе с классом.", ()),
    ],
    ("Кузнецова", 10): [
        ("intro", (10, 3, 0), "Знакомство с группой наставляемых, запросы", "", ()),
        ("trial", (10, 10, 0), "Пробная встреча: формирующее оценивание на уроке", "", ()),
        ("planning", (10, 17, 0), "План работы группы на учебный год", "", ()),
        ("working", (11, 7, 0), "Работа с неуспевающими обучающимися",
         "Получили приёмы поддержки, обсудили случаи из практики.", ()),
        ("working", (12, 5, 0), "Подготовка к ВПР и диагностике", "Материалы пригодились.", ()),
        ("working", (2, 6, 1), "Профилактика конфликтов на уроке", "", ()),
        ("final", (5, 22, 1), "Итоговая встреча группы: обмен опытом", "Группа — хорошая поддержка.", ()),
    ],
    ("Лебедев", 2): [
        ("intro", (2, 3, 0), "Знакомство, запросы педагога дополнительного образования", "", ()),
        ("trial", (2, 10, 0), "Пробное занятие объединения", "", ()),
        ("planning", (2, 17, 0), "План работы на полугодие", "", ()),
        ("working", (3, 3, 0), "Программа дополнительного образования: структура",
         "Разобрался, как описывать планируемые результаты.", ()),
        ("working", (3, 17, 0), "Набор и сохранность контингента", "Появились идеи, как удержать ребят.", ()),
        ("working", (4, 7, 0), "Подготовка к конкурсу", "Помогло спланировать подготовку.", ()),
        ("working", (4, 21, 0), "Документация педагога", "Теперь документы в порядке.", ()),
        ("working", (5, 12, 0), "Открытое занятие для родителей", "Занятие прошло удачно.", ()),
        ("final", (5, 26, 0), "Итоги программы наставничества", "Получил ответы на все свои вопросы.", ()),
    ],
    ("Шевченко", 3): [
        ("intro", (3, 4, 0), "Знакомство, профессиональные запросы", "", ()),
        ("trial", (3, 11, 0), "Пробная консультация обучающихся", "", ()),
        ("planning", (3, 18, 0), "План краткосрочной программы", "", ()),
        ("working", (4, 1, 0), "Профилактика конфликтов: разбор ситуаций", "Разбор случаев был полезен.", ()),
    ],
}


def load_demo_meetings(db: Database, organization_id: int, autumn: int) -> int:
    """The demo organisation's meetings (:data:`DEMO_MEETINGS`) for its pairs, the academic year starting
    in the autumn of ``autumn``; a meeting after today is left out (the demo never looks ahead), and with
    it the plan rows it would tick. Returns how many meetings."""
    today = dt.date.today()
    count = 0
    for pair in list_pairs(db, organization_id):
        start = dt.date.fromisoformat(pair["start_date"])
        schedule = DEMO_MEETINGS.get((pair["mentor"]["last_name"], start.month), [])
        items = [item["id"] for item in plan_items(db, organization_id, pair["id"])]
        for kind, (month, day, years), topic, feedback, rows in schedule:
            held = dt.date(autumn + years, month, day)
            if held > today:
                continue
            notes = "Обсудили: " + topic[:1].lower() + topic[1:] + ". Договорились о следующих шагах."
            save_meeting(db, organization_id, pair["id"],
                         {"kind": kind, "held_on": held.isoformat(), "topic": topic, "notes": notes,
                          "feedback": feedback}, [items[row - 1] for row in rows if row <= len(items)])
            count += 1
    return count
