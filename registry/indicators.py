"""Monitoring indicators (DOMAIN.md §6) of an organisation for a period: an academic year or any run of
days. Each :class:`Indicator` has its Russian title, value, unit and a note saying how it was computed
(the monitoring page and the analytical report print the note). Everything comes from the registry as it
is: people, pairs, programmes with their plans, meetings, questionnaires, the banks and the roadmap.

Which pairs a period counts: every pair fixed by an order (drafts are not, archived pairs are) whose term
— from its start to its end date, or to the day it ended when it ended — shares a day with the period. Its
state is the one at the period's last day (today, while the period lasts): completed or terminated when
it ended by then, else active
(an active pair whose term has passed is still active: the registry has not ended it). A pair of one
mentee is a pair, of several a group.

What the registry cannot give: the share of young specialists still employed a year later needs the day a
person was employed and left (the registry keeps neither); «young specialist» is taken as a teacher with
up to :data:`YOUNG_YEARS` years of experience, as recorded now (the registry keeps no young-specialist
flag and no history of the experience).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlite_utils import Database

from registry.banks import list_bank
from registry.db import RegistryError, ru_date
from registry.meetings import KINDS as MEETING_KINDS
from registry.meetings import list_meetings
from registry.pairs import EARLIEST, LATEST, academic_year
from registry.people import list_people
from registry.programmes import get_programme
from registry.questionnaires import list_responses
from registry.roadmap import list_events, parse_deadline

#: Sections of the indicators, in the order the page and the report show them.
SECTIONS = {"participants": "Участники", "pairs": "Пары и группы", "programmes": "Программы наставничества",
            "questionnaires": "Анкетирование наставников и наставляемых", "meetings": "Встречи пар и групп",
            "system": "Организационные условия"}
#: Experience (years) up to which a teacher counts as a young specialist (DOMAIN.md §1: 0–3 years).
YOUNG_YEARS = 3
#: The qualification category of mentors the indicators count (DOMAIN.md §6).
MENTOR_CATEGORY = "педагог-наставник"
#: The scale questionnaire scores are brought to, so that sets of 1–5 and 1–10 add up.
SCORE_SCALE = 10
#: States of a pair at the end of a period, and how indicators name them.
STATES = {"active": "действуют", "completed": "завершены", "terminated": "прекращены досрочно"}
#: How the note of a state says what it counts.
STATE_NOTES = {"active": "к этому дню не завершены и не прекращены (в том числе с истёкшим сроком, завершение "
                         "которых не оформлено).",
               "completed": "завершены в реестре не позже этого дня.",
               "terminated": "прекращены досрочно в реестре не позже этого дня."}
#: How a pair's programme ended: code → Russian name.
OUTCOMES = {"on_plan": "завершены по плану", "early": "завершены досрочно", "terminated": "прекращены досрочно",
            "running": "ещё выполняются"}
#: Roles answering questionnaires and their Russian names in the plural.
RESPONDENTS = {"mentor": "наставники", "mentee": "наставляемые"}
STAGE_NAMES = {"entry": "входное", "exit": "итоговое"}


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end`` (both included); ``year`` is the academic year (2025 = 2025/2026)
    when the period is one."""

    start: dt.date
    end: dt.date
    year: int | None = None

    @classmethod
    def academic(cls, year: int) -> "Period":
        """1 September of ``year`` to 31 August of the next. Raises :class:`RegistryError` (field
        ``year``) outside 2000–2099."""
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2099:
            raise RegistryError("Учебный год: укажите первый год, например 2025 для 2025/2026, между 2000 и 2099.",
                                "year")
        return cls(dt.date(year, 9, 1), dt.date(year + 1, 8, 31), year)

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> "Period":
        """The days from ``start`` to ``end``. Raises :class:`RegistryError` (field ``start`` or ``end``)
        for a day outside 2000–2100 or an end before the start."""
        for day, name, title in ((start, "start", "Начало периода"), (end, "end", "Конец периода")):
            if not EARLIEST <= day <= LATEST:
                raise RegistryError(f"{title}: {day:%d.%m.%Y} — укажите дату между 2000 и 2100 годом.", name)
        if end < start:
            raise RegistryError("Конец периода раньше начала: проверьте даты.", "end")
        whole = start.month == 9 and start.day == 1 and end == dt.date(start.year + 1, 8, 31)
        return cls(start, end, start.year if whole else None)

    @property
    def title(self) -> str:
        """«2025/2026 учебный год» or «с 01.09.2025 по 31.05.2026»."""
        if self.year is not None:
            return f"{self.year}/{self.year + 1} учебный год"
        return f"с {ru_date(self.start)} по {ru_date(self.end)}"

    @property
    def years(self) -> list[int]:
        """The academic years the period shares a day with, in order."""
        return list(range(academic_year(self.start), academic_year(self.end) + 1))

    def holds(self, day: str | dt.date | None) -> bool:
        """Whether ``day`` (ISO or a date) lies within the period."""
        if not day:
            return False
        day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Indicator:
    """One indicator: ``key``, ``section`` (a key of :data:`SECTIONS`), Russian ``title``, ``value`` (a
    count, a share in per cent, a mean score or a change; None when there is nothing to compute it from),
    ``unit`` («чел.», «%», «балла из 10» …), ``note`` (how it was computed) and, for a share, its ``part``
    and ``whole`` (2 of 3)."""

    key: str
    section: str
    title: str
    value: float | int | None
    unit: str
    note: str
    part: int | None = None
    whole: int | None = None

    def text(self) -> str:
        """The value as the page and the report print it: «4», «66,7 % (2 из 3)», «7,8 балла из 10»,
        «+1,2 балла», «нет данных»."""
        if self.value is None:
            return "нет данных"
        shown = number(self.value, signed=self.unit == "балла")
        text = f"{shown} {self.unit}".strip() if self.unit else shown
        if self.part is not None and self.whole is not None:
            text += f" ({self.part} из {self.whole})"
        return text


def number(value: float | int, *, signed: bool = False) -> str:
    """A number as Russian text writes it: «4», «66,7», «−0,5»; whole values without a fraction,
    others to one decimal; with ``signed`` a plus before a positive value."""
    rounded = round(float(value), 1)
    text = f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")
    text = text.replace("-", "−")
    return f"+{text}" if signed and rounded > 0 else text


@dataclass(frozen=True)
class Monitoring:
    """The indicators of one organisation for one period (:func:`compute`), by key or by section."""

    organization_id: int
    period: Period
    indicators: tuple[Indicator, ...]
    #: The day the states are counted on: the period's end, or today while the period lasts.
    as_of: dt.date
    _by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {i.key: i for i in self.indicators})

    def __getitem__(self, key: str) -> Indicator:
        return self._by_key[key]

    def sections(self) -> list[tuple[str, list[Indicator]]]:
        """(Russian title, indicators) of each section, in the order of :data:`SECTIONS`."""
        return [(title, [i for i in self.indicators if i.section == key]) for key, title in SECTIONS.items()]


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def period_pairs(db: Database, organization_id: int, period: Period, as_of: dt.date) -> list[dict]:
    """The pairs the period counts (see the module notes): rows of ``pairs`` with ``mentees`` (ids, as
    stored), ``ended`` (ISO: the day its term ends or it ended), ``state`` on the day ``as_of`` (a key of
    :data:`STATES`) and ``group`` (more than one mentee), by start."""
    rows = db.query(
        "select * from (select p.*, case when p.status in ('completed', 'terminated') and p.closed_on is not null"
        " then p.closed_on else p.end_date end as ended from pairs p where p.organization_id = ?"
        " and p.status != 'draft') where start_date <= ? and ended >= ? order by start_date, id",
        [organization_id, period.end.isoformat(), period.start.isoformat()])
    pairs = []
    for row in rows:
        pair = dict(row)
        pair["mentees"] = [r[0] for r in db.execute("select mentee_id from pair_mentees where pair_id = ?",
                                                     [pair["id"]])]
        ended = pair["status"] in ("completed", "terminated") and pair["ended"] <= as_of.isoformat()
        pair["state"] = pair["status"] if ended else "active"
        pair["group"] = len(pair["mentees"]) > 1
        pairs.append(pair)
    return pairs


def _outcome(pair: dict) -> str:
    if pair["state"] == "terminated":
        return "terminated"
    if pair["state"] == "completed":
        return "early" if pair["ended"] < pair["end_date"] else "on_plan"
    return "running"


def _due(item: dict, pair: dict) -> dt.date:
    """The last day a plan item may be done on time: its date, the last day of its month (or run of
    months), or — for a deadline in words («в течение года») — the last day of the pair's term."""
    year = academic_year(dt.date.fromisoformat(pair["start_date"]))
    try:
        span = parse_deadline(item["deadline"], year).span()
    except RegistryError:
        span = None
    return span[1] if span else dt.date.fromisoformat(pair["end_date"])


def _plan_items(db: Database, organization_id: int, pairs: list[dict], period: Period, today: dt.date) -> Counter:
    """Plan items due within the period and by ``today``, counted as "on_time", "late" and "missed"; a
    pair ended early counts only the items due by the day it ended; "programmes": pairs with a
    programme."""
    counts: Counter = Counter()
    last = min(period.end, today)
    for pair in pairs:
        programme = get_programme(db, pair["id"], organization_id)
        if programme is None:
            continue
        counts["programmes"] += 1
        stop = dt.date.fromisoformat(pair["ended"]) if pair["status"] == "terminated" else None
        for item in programme["items"]:
            due = _due(item, pair)
            if not period.start <= due <= last or (stop and due > stop):
                continue
            done = dt.date.fromisoformat(item["done_on"]) if item["done_on"] else None
            counts["on_time" if done and done <= due else "late" if done else "missed"] += 1
    return counts


def _scores(db: Database, organization_id: int, period: Period) -> tuple[dict, int]:
    """Scores of the questionnaires answered within the period, on the 10-point scale: (role, stage) →
    [scores], and how many questionnaires."""
    scores: dict[tuple[str, str], list[float]] = {}
    responses = [r for r in list_responses(db, organization_id) if period.holds(r["answered_on"])]
    for response in responses:
        top = response["scale"]
        for answer in response["answers"].values():
            if answer["score"] is not None:
                scaled = 1 + (answer["score"] - 1) * (SCORE_SCALE - 1) / (top - 1)
                scores.setdefault((response["role"], response["stage"]), []).append(scaled)
    return scores, len(responses)


def bank_on(db: Database, organization_id: int, bank: str, day: dt.date) -> list[dict]:
    """The entries of the bank (``mentor`` or ``mentee``) on ``day``: entered by it and not left by it (as
    :func:`registry.banks.list_bank` gives them)."""
    return [e for e in list_bank(db, organization_id, bank, current=False)
            if e["entered_on"] <= day.isoformat() and (e["left_on"] is None or e["left_on"] > day.isoformat())]


def compute(db: Database, organization_id: int, period: Period, today: dt.date | None = None) -> Monitoring:
    """Every indicator of the organisation for ``period``, on ``today`` (default the real one: what is
    overdue, which meetings were held). See :data:`SECTIONS` for the sections and each indicator's
    ``note`` for how it is computed."""
    today = today or dt.date.today()
    as_of = min(period.end, today)
    pairs = period_pairs(db, organization_id, period, as_of)
    found: list[Indicator] = []

    def add(key, section, title, value, unit, note, part=None, whole=None):
        found.append(Indicator(key, section, title, value, unit, note, part, whole))

    # -- participants -----------------------------------------------------------------------------------
    mentors = {p["mentor_id"] for p in pairs}
    mentees = {m for p in pairs for m in p["mentees"]}
    which = "в парах и группах периода (закреплённых приказом, в том числе перенесённых в архив)"
    add("mentors", "participants", "Наставники", len(mentors), "чел.", f"Разные сотрудники — наставники {which}.")
    add("mentees", "participants", "Наставляемые", len(mentees), "чел.", f"Разные сотрудники — наставляемые {which}.")
    categories = {row[0]: row[1] for row in db.execute(
        f"select id, qualification_category from people where id in ({', '.join('?' * len(mentors))})",
        list(mentors))} if mentors else {}
    with_category = sum(1 for c in categories.values() if c == MENTOR_CATEGORY)
    add("mentors_category", "participants", f"Наставники с квалификационной категорией «{MENTOR_CATEGORY}»",
        _share(with_category, len(mentors)), "%",
        f"Доля наставников периода, у которых в карточке указана категория «{MENTOR_CATEGORY}».",
        with_category, len(mentors))
    young = [p for p in list_people(db, organization_id)
             if p["experience_years"] is not None and p["experience_years"] <= YOUNG_YEARS]
    covered = sum(1 for p in young if p["id"] in mentees)
    add("young_covered", "participants", f"Охват молодых специалистов (стаж до {YOUNG_YEARS} лет) наставничеством",
        _share(covered, len(young)), "%",
        f"Доля сотрудников (не в архиве) со стажем до {YOUNG_YEARS} лет включительно, которые наставляемые в "
        "парах и группах периода. Стаж — по данным учёта на дату справки.", covered, len(young))

    # -- pairs and groups ---------------------------------------------------------------------------------
    for group, noun, title in ((False, "pairs", "Пары"), (True, "groups", "Группы")):
        for state, state_title in STATES.items():
            count = sum(1 for p in pairs if p["group"] == group and p["state"] == state)
            add(f"{noun}_{state}", "pairs", f"{title}: {state_title}", count, "",
                f"{title} ({'несколько наставляемых' if group else 'один наставляемый'}) периода, состояние на "
                f"{ru_date(as_of)}: " + STATE_NOTES[state])

    # -- programmes -----------------------------------------------------------------------------------------
    outcomes = Counter(_outcome(p) for p in pairs)
    ended = outcomes["on_plan"] + outcomes["early"] + outcomes["terminated"]
    items = _plan_items(db, organization_id, pairs, period, today)
    add("programmes", "programmes", "Пары и группы с персонализированной программой",
        _share(items["programmes"], len(pairs)), "%",
        "Доля пар и групп периода, для которых в реестре есть персонализированная программа наставничества.",
        items["programmes"], len(pairs))
    of_ended = (f"Из пар и групп, чья работа закончилась к {ru_date(as_of)} (завершена или прекращена по "
                "реестру): ")
    add("on_plan", "programmes", "Программы, завершённые по плану", _share(outcomes["on_plan"], ended), "%",
        of_ended + "завершены в день окончания срока или позже.", outcomes["on_plan"], ended)
    add("early", "programmes", "Программы, завершённые досрочно", _share(outcomes["early"], ended), "%",
        of_ended + "завершены (не прекращены) раньше окончания срока.", outcomes["early"], ended)
    add("terminated", "programmes", "Программы, прекращённые досрочно", _share(outcomes["terminated"], ended), "%",
        of_ended + "прекращены досрочно (по инициативе наставника, наставляемого, организации или по "
        "соглашению сторон).", outcomes["terminated"], ended)
    add("running", "programmes", "Программы, которые ещё выполняются", outcomes["running"], "",
        f"Пары и группы периода, не закончившие работу к {ru_date(as_of)}.")
    due = items["on_time"] + items["late"] + items["missed"]
    add("items_on_time", "programmes", "Мероприятия планов, выполненные в срок", _share(items["on_time"], due), "%",
        f"Из мероприятий планов программ, срок которых наступил в периоде и не позже {ru_date(as_of)}: "
        "отмечены выполненными не позже срока. Срок, указанный датой, — этот день; месяцем или месяцами — "
        "последний день последнего месяца; словами («в течение года») — окончание срока пары. У пары, "
        "прекращённой досрочно, считаются только мероприятия со сроком до дня "
        "прекращения.", items["on_time"], due)
    add("items_late", "programmes", "Мероприятия планов, выполненные с опозданием", items["late"], "",
        "Из тех же мероприятий: отмечены выполненными позже срока.")
    add("items_missed", "programmes", "Мероприятия планов, не выполненные к сроку", items["missed"], "",
        "Из тех же мероприятий: срок прошёл, отметки о выполнении нет.")

    # -- questionnaires --------------------------------------------------------------------------------------
    scores, answered = _scores(db, organization_id, period)
    add("questionnaires", "questionnaires", "Заполнено анкет", answered, "",
        "Анкеты наставников и наставляемых (входные и итоговые) с датой заполнения в периоде.")
    scale_note = (f"Средний балл по всем оценкам по шкале, поставленным в анкетах периода; оценки анкет со шкалой "
                  f"от 1 до 5 пересчитаны в шкалу от 1 до {SCORE_SCALE}.")
    for role, role_title in RESPONDENTS.items():
        means = {stage: _mean(scores.get((role, stage), [])) for stage in STAGE_NAMES}
        for stage, stage_title in STAGE_NAMES.items():
            add(f"{role}_{stage}", "questionnaires", f"Средний балл: {role_title}, {stage_title} анкетирование",
                means[stage], f"балла из {SCORE_SCALE}", scale_note)
        change = means["exit"] - means["entry"] if None not in means.values() else None
        add(f"{role}_change", "questionnaires", f"Изменение среднего балла: {role_title}", change, "балла",
            "Разность среднего балла итогового и входного анкетирования в периоде (состав отвечавших "
            "может различаться).")

    # -- meetings --------------------------------------------------------------------------------------------
    held = [m for m in list_meetings(db, organization_id, today=today)
            if period.holds(m["held_on"]) and not m["planned"]]
    kinds = Counter(m["kind"] for m in held)
    add("meetings", "meetings", "Проведено встреч", len(held), "",
        f"Встречи пар и групп с датой в периоде и не позже {ru_date(today)} (запланированные не считаются).")
    for kind, kind_title in MEETING_KINDS.items():
        add(f"meetings_{kind}", "meetings", f"Встречи: {kind_title}", kinds[kind], "",
            f"Проведённые в периоде встречи вида «{kind_title}».")
    asked = [m for m in held if m["kind"] in ("working", "final")]
    answered_back = sum(1 for m in asked if m["feedback"].strip())
    add("feedback", "meetings", "Рабочие и итоговые встречи с обратной связью наставляемого",
        _share(answered_back, len(asked)), "%",
        "Доля проведённых в периоде рабочих и итоговых встреч, к которым внесена обратная связь наставляемого.",
        answered_back, len(asked))

    # -- the system -------------------------------------------------------------------------------------------
    for bank, title in (("mentor", "В банке наставников"), ("mentee", "В банке наставляемых")):
        add(f"bank_{bank}", "system", title, len(bank_on(db, organization_id, bank, as_of)), "чел.",
            f"Состоящие в банке на {ru_date(as_of)}: включены в банк не позже этой даты и не исключены из него.")
    events = [e for year in period.years for e in list_events(db, organization_id, year, today)]
    done = sum(1 for e in events if e["status"] == "done")
    years = ", ".join(f"{y}/{y + 1}" for y in period.years)
    add("roadmap_done", "system", "Мероприятия дорожной карты, выполненные", _share(done, len(events)), "%",
        f"Доля мероприятий дорожной карты на {years} учебный год с отметкой о выполнении.", done, len(events))
    add("roadmap_overdue", "system", "Мероприятия дорожной карты, просроченные",
        sum(1 for e in events if e["status"] == "overdue"), "",
        f"Мероприятия дорожной карты на {years} учебный год без отметки о выполнении, срок которых (дата или "
        f"месяц) прошёл к {ru_date(today)}; срок словами не просрочивается.")
    return Monitoring(organization_id, period, tuple(found), as_of)
