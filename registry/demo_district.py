"""Two more demo organisations, so that the district's view (seed 003: the municipal methodological centre
collects the monitoring of every organisation) has three to set side by side: a kindergarten — МДОУ «Детский
сад № 7» г. Луга, as seed 004 names it — and a second school. Each has a head, a curator, mentors (one with
the category «педагог-наставник») and mentees, its banks, a pair of the previous year (one completed early,
one terminated early), this year's pairs and a group with a programme, a few meetings, the questionnaires
(:func:`registry.questionnaires.load_demo_questionnaires`) and the default roadmap of its kind. The people
are illustrative; no date lies after today.
"""

import datetime as dt

from sqlite_utils import Database

from registry.banks import save_entry
from registry.meetings import save_meeting
from registry.organization import create_organization, save_organization
from registry.pairs import close_pair, list_forms, save_pair
from registry.people import save_person
from registry.programmes import get_programme, save_programme
from registry.questionnaires import load_demo_questionnaires
from registry.roadmap import deadline_of, list_events, mark_done, start_roadmap

# Dates are (month, day, years after the autumn that starts the current academic year): -1 is last year's.

#: Each organisation: its profile, the roadmap variant, its people (last, first, middle, position, category,
#: experience, roles), its pairs (mentor, mentees, form, start, end, how it ended: None — still running,
#: ("completed", day) or ("terminated", day, reason, initiative)), the programmes (mentor → plan rows:
#: activity, deadline with {autumn} and {spring}, the day done or None) and the meetings (mentor → kind,
#: day, topic, feedback).
ORGANIZATIONS = [
    {
        "profile": {"full_name": "Муниципальное дошкольное образовательное учреждение «Детский сад № 7»",
                    "short_name": "МДОУ «Детский сад № 7»", "locality": "г. Луга", "head_position": "заведующий",
                    "order_number_format": "{n}-ОД"},
        "roadmap": "kindergarten",
        "people": [
            ("Пономарёва", "Елена", "Анатольевна", "заведующий", "высшая", 26, []),
            ("Соколова", "Ирина", "Павловна", "старший воспитатель", "высшая", 24, ["curator"]),
            ("Григорьева", "Наталья", "Викторовна", "воспитатель", "педагог-наставник", 28, ["mentor"]),
            ("Белых", "Татьяна", "Юрьевна", "музыкальный руководитель", "высшая", 19, ["mentor"]),
            ("Алиева", "Камила", "Руслановна", "воспитатель", "", 0, ["mentee"]),
            ("Кравец", "Денис", "Олегович", "инструктор по физической культуре", "", 1, ["mentee"]),
            ("Осипова", "Мария", "Игоревна", "воспитатель", "", 2, ["mentee"]),
            ("Сидоренко", "Ульяна", "Сергеевна", "учитель-логопед", "первая", 3, ["mentee"]),
        ],
        "pairs": [
            ("Григорьева", ["Сидоренко"], "традиционная (один на один)", (9, 15, -1), (5, 29, 0),
             ("completed", (5, 29, 0))),
            ("Григорьева", ["Алиева"], "опытный педагог – молодой специалист", (9, 20, 0), (5, 29, 1), None),
            ("Белых", ["Кравец", "Осипова"], "групповая", (10, 1, 0), (5, 29, 1), None),
        ],
        "programmes": {
            "Алиева": [
                ("Встреча-знакомство, выявление профессиональных затруднений", "сентябрь {autumn}", (9, 25, 0)),
                ("Организация режимных моментов в младшей группе", "октябрь {autumn}", (10, 29, 0)),
                ("Планирование образовательной деятельности по ФОП ДО", "ноябрь {autumn}", None),
                ("Взаимодействие с родителями: подготовка родительского собрания", "январь {spring}", None),
                ("Открытое занятие наставляемой", "март {spring}", None),
            ],
        },
        "meetings": {
            "Алиева": [
                ("intro", (9, 25, 0), "Знакомство, профессиональные запросы", ""),
                ("planning", (10, 2, 0), "План работы на учебный год", ""),
                ("working", (10, 29, 0), "Режимные моменты: разбор случаев из практики",
                 "Стало понятнее, как выстроить день группы."),
            ],
        },
    },
    {
        "profile": {"full_name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                                 "общеобразовательная школа № 24»",
                    "short_name": "МБОУ СОШ № 24", "locality": "г. Луга", "head_position": "директор",
                    "order_number_format": "{n}"},
        "roadmap": "school",
        "people": [
            ("Тарасов", "Виктор", "Михайлович", "директор", "высшая", 31, []),
            ("Сорокина", "Светлана", "Андреевна", "заместитель директора по учебно-воспитательной работе", "высшая",
             22, ["curator"]),
            ("Фёдорова", "Галина", "Ивановна", "учитель математики", "педагог-наставник", 30, ["mentor"]),
            ("Жуков", "Павел", "Сергеевич", "учитель истории и обществознания", "первая", 12, ["mentor"]),
            ("Ким", "Алина", "Вадимовна", "учитель математики", "", 0, ["mentee"]),
            ("Савельев", "Игорь", "Андреевич", "учитель истории", "", 1, ["mentee"]),
            ("Голубева", "Дарья", "Петровна", "учитель английского языка", "", 2, ["mentee"]),
            ("Лаптева", "Ольга", "Николаевна", "учитель химии", "", 3, ["mentee"]),
        ],
        "pairs": [
            ("Фёдорова", ["Голубева"], "традиционная (один на один)", (10, 1, -1), (5, 29, 0),
             ("completed", (4, 30, 0))),
            ("Жуков", ["Лаптева"], "традиционная (один на один)", (9, 15, -1), (5, 29, 0),
             ("terminated", (2, 10, 0), "перевод наставляемой на другую должность", "mentee")),
            ("Фёдорова", ["Ким"], "опытный педагог – молодой специалист", (9, 10, 0), (6, 30, 1), None),
            ("Жуков", ["Савельев"], "традиционная (один на один)", (9, 10, 0), (5, 29, 1), None),
        ],
        "programmes": {
            "Ким": [
                ("Встреча-знакомство; анкетирование: профессиональные запросы", "сентябрь {autumn}", (9, 16, 0)),
                ("Рабочая программа по математике: календарно-тематическое планирование", "до 30.09.{autumn}",
                 (10, 6, 0)),
                ("Посещение уроков наставника, анализ", "октябрь – ноябрь {autumn}", (11, 10, 0)),
                ("Подготовка обучающихся к ВПР", "март {spring}", None),
                ("Итоговая встреча: самоанализ, отчёт", "июнь {spring}", None),
            ],
            "Савельев": [
                ("Встреча-знакомство", "сентябрь {autumn}", (9, 17, 0)),
                ("Конструирование урока истории по ФГОС", "в течение года", None),
                ("Открытый урок наставляемого", "апрель {spring}", None),
            ],
        },
        "meetings": {
            "Ким": [
                ("intro", (9, 16, 0), "Знакомство, запросы молодого учителя", ""),
                ("trial", (9, 23, 0), "Пробный урок наставника в 5 классе", ""),
                ("planning", (9, 30, 0), "Календарно-тематическое планирование", ""),
                ("working", (10, 6, 0), "Рабочая программа: разбор", "Разобралась с планированием по четвертям."),
                ("working", (11, 10, 0), "Анализ посещённых уроков", ""),
            ],
            "Савельев": [
                ("intro", (9, 17, 0), "Знакомство, профессиональные запросы", ""),
                ("working", (10, 15, 0), "Структура урока по ФГОС", "Понял, как выстроить этапы урока."),
            ],
        },
    },
]


def _day(when: tuple[int, int, int], autumn: int) -> dt.date:
    month, day, years = when
    return dt.date(autumn + years, month, day)


def _load(db: Database, organization: dict, autumn: int, today: dt.date) -> None:
    organization_id = create_organization(db, organization["profile"])
    ids = {}
    for last, first, middle, position, category, years, roles in organization["people"]:
        ids[last] = save_person(db, organization_id, {
            "last_name": last, "first_name": first, "middle_name": middle, "position": position,
            "qualification_category": category or None, "experience_years": years}, roles)
    save_organization(db, organization_id, {"head_person_id": ids[organization["people"][0][0]]})
    entered = _day((8, 25, 0), autumn).isoformat()
    requests = {"mentor": "Готовность делиться опытом: {position}, стаж {years} лет.",
                "mentee": "Адаптация в должности «{position}»; планирование занятий; работа с родителями."}
    for last, _first, _middle, position, _category, years, roles in organization["people"]:
        for bank in ("mentor", "mentee"):
            if bank in roles:
                save_entry(db, organization_id, {"bank": bank, "person_id": ids[last], "entered_on": entered,
                                                 "source": "questionnaire",
                                                 "requests": requests[bank].format(position=position, years=years)})
    forms = {form["name"]: form["id"] for form in list_forms(db)}
    years = {"autumn": autumn, "spring": autumn + 1}
    for mentor, mentees, form, start, end, ending in organization["pairs"]:
        pair_id = save_pair(db, organization_id, {
            "mentor_id": ids[mentor], "form_id": forms[form], "start_date": _day(start, autumn).isoformat(),
            "end_date": _day(end, autumn).isoformat(), "status": "active"}, [ids[m] for m in mentees])
        if ending:
            status, day, *why = ending
            close_pair(db, organization_id, pair_id, status=status, day=_day(day, autumn), reason=why[0] if why else "",
                       initiative=why[1] if why else None)
        plan = organization["programmes"].get(mentees[0])
        done: dict[dt.date, int] = {}
        if plan:
            save_programme(db, organization_id, pair_id, {
                "goal": "Профессиональное становление педагога, развитие его профессиональных компетенций.",
                "tasks": "Выявить профессиональные затруднения.\nОсвоить планирование и проведение занятий.",
                "expected_results": "Наставляемый уверенно планирует и проводит занятия.",
                "approved_on": min(_day(start, autumn), today).isoformat()},
                [{"activity": activity, "deadline": deadline.format(**years), "done_on": None}
                 for activity, deadline, _done in plan])
            items = get_programme(db, pair_id, organization_id)["items"]
            done = {_day(when, autumn): item["id"] for item, (*_, when) in zip(items, plan, strict=True) if when}
        for kind, when, topic, feedback in organization["meetings"].get(mentees[0], []):
            held = _day(when, autumn)
            if held <= today:
                ticked = [done[held]] if held in done else []
                save_meeting(db, organization_id, pair_id, {"kind": kind, "held_on": held.isoformat(), "topic": topic,
                                                            "feedback": feedback}, ticked)
    start_roadmap(db, organization_id, autumn, organization["roadmap"])
    for event in list_events(db, organization_id, autumn, today):
        span = deadline_of(event).span()
        if span and span[1] < today and event["position"] % 3:  # most past events done, some left overdue
            mark_done(db, organization_id, event["id"], span[1])
    load_demo_questionnaires(db, organization_id)


def load_demo_district(db: Database, autumn: int, today: dt.date | None = None) -> None:
    """Add the organisations of :data:`ORGANIZATIONS` (for :func:`registry.demo.load_demo`, inside its
    transaction); ``autumn`` is the first year of the current academic year."""
    for organization in ORGANIZATIONS:
        _load(db, organization, autumn, today or dt.date.today())
