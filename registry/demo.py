"""The demo registry: МБОУ Палагайская СОШ as its roadmap names it (../shared/seeds/001: director
Ведерников А.А., curator Абашева Е.А., deputy head Бабинцева Т.В., order № 219 of 11.01.2024), with
first names and patronymics filled in to match the initials, plus illustrative mentors and mentees of
both genders chosen to exercise declension (indeclinable Черных and Шевченко, a woman named Шевчук, a
Turkic patronymic, hyphenated and multi-word titles). The pairs run in the current academic year, one
from the previous year is left active past its end date («срок истёк»), as a registry a school has
used for a while holds. A year of the cycle goes with them: the mentor and mentee banks with their
requests, the consents (to personal data processing for everyone, to mentoring for the participants,
one consent to publication withdrawn), two personalised programmes with half their plan done, and a
pair of the previous spring terminated early. No date lies after today. Tests use the same fixture."""

import datetime as dt

from sqlite_utils import Database

from registry.banks import save_entry
from registry.consents import add_consent, withdraw_consent
from registry.db import write
from registry.demo_district import load_demo_district
from registry.organization import create_organization, list_organizations, save_organization
from registry.pairs import academic_year, close_pair, list_forms, save_pair
from registry.people import save_person
from registry.programmes import save_programme
from registry.questionnaires import load_demo_monitoring
from registry.roadmap import MONTHS, deadline_of, list_events, mark_done, save_event, start_roadmap
from registry.users import DEMO_PASSWORD, create_user

ORGANIZATION = {
    "full_name": "Муниципальное бюджетное общеобразовательное учреждение "
    "«Палагайская средняя общеобразовательная школа»",
    "short_name": "МБОУ Палагайская СОШ",
    "locality": "д. Палагай",
    "founder": "",
    "head_position": "директор",
    "order_number_format": "{n}",
}

# (last, first, middle, position, subject, category, years, roles)
PEOPLE = [
    ("Ведерников", "Алексей", "Андреевич", "директор", "", "высшая", 27, []),
    ("Абашева", "Елена", "Алексеевна", "заместитель директора по учебно-воспитательной работе",
     "русский язык", "высшая", 21, ["curator"]),
    ("Бабинцева", "Татьяна", "Викторовна", "заместитель директора по УВР", "математика", "высшая", 19, []),
    ("Черных", "Ольга", "Ильинична", "учитель начальных классов", "начальные классы", "высшая", 25,
     ["mentor"]),
    ("Шевченко", "Андрей", "Викторович", "учитель физики", "физика", "первая", 18, ["mentor"]),
    ("Кузнецова", "Марина", "Петровна", "учитель русского языка и литературы", "русский язык",
     "высшая", 22, ["mentor"]),
    ("Лебедев", "Сергей", "Николаевич", "старший воспитатель", "", "первая", 15, ["mentor"]),
    ("Шевчук", "Анна", "Сергеевна", "учитель-логопед", "логопедия", "", 1, ["mentee"]),
    ("Ильин", "Артём", "Олегович", "учитель информатики", "информатика", "", 0, ["mentee"]),
    ("Зайцев", "Дмитрий", "Игоревич", "педагог-психолог", "", "", 2, ["mentee"]),
    ("Мамедова", "Лейла", "Рашид кызы", "учитель английского языка", "английский язык", "", 1, ["mentee"]),
    ("Гончаренко", "Кирилл", "Андреевич", "педагог дополнительного образования", "", "", 1, ["mentee"]),
]

# (mentor surname, mentee surnames, form, start, end); dates as (month, day, years after the autumn
# that starts the current academic year).
PAIRS = [
    ("Черных", ["Шевчук"], "педагог – педагог", (9, 15, 0), (5, 31, 1)),
    ("Шевченко", ["Ильин"], "опытный педагог – молодой специалист", (9, 15, 0), (6, 30, 1)),
    ("Кузнецова", ["Зайцев", "Мамедова"], "групповая", (10, 1, 0), (5, 31, 1)),
    ("Лебедев", ["Гончаренко"], "педагог – педагог", (2, 1, 0), (5, 31, 0)),
]


# A pair of the previous spring, terminated early (mentor, mentee, form, start, end, closed, reason,
# initiative); its mentee is in this year's group.
TERMINATED = ("Шевченко", "Зайцев", "краткосрочная", (3, 2, 0), (5, 29, 0), (4, 10, 0),
              "длительная болезнь наставника", "organization")

# The banks: surname → (requests or competences, entered, source). Those of last year's pairs entered
# in January, the others at the end of August.
MENTOR_BANK = {
    "Черных": ("Адаптация молодых специалистов начальной школы; индивидуальные образовательные маршруты; "
               "работа с родителями.", (1, 20, 0), "interview"),
    "Шевченко": ("Проектная и исследовательская деятельность учащихся; цифровая лаборатория; подготовка к ОГЭ "
                 "и ЕГЭ по физике.", (1, 20, 0), "questionnaire"),
    "Кузнецова": ("Методика урока по ФГОС; формирующее оценивание; групповое наставничество, "
                  "методическое объединение.", (8, 25, 0), "questionnaire"),
    "Лебедев": ("Организация воспитательной работы; работа с детскими объединениями; документация "
                "педагога дополнительного образования.", (1, 20, 0), "interview"),
}
MENTEE_BANK = {
    "Шевчук": ("Составление индивидуальных программ логопедической коррекции; взаимодействие с учителями и "
               "родителями; ведение документации логопеда.", (8, 25, 0), "interview"),
    "Ильин": ("Рабочая программа по информатике по ФГОС ООО; дисциплина на уроке; электронный журнал.",
              (8, 25, 0), "questionnaire"),
    "Зайцев": ("Диагностика и консультирование участников образовательных отношений; профилактика "
               "конфликтов; отчётность педагога-психолога.", (1, 20, 0), "questionnaire"),
    "Мамедова": ("Коммуникативная методика обучения английскому языку; работа с неуспевающими; "
                 "подготовка к ВПР.", (8, 25, 0), "questionnaire"),
    "Гончаренко": ("Программа дополнительного образования; набор и сохранность контингента; участие в "
                   "конкурсах.", (1, 20, 0), "interview"),
}

# Personalised programmes of this year's first two pairs (mentor surname → texts and plan rows:
# activity, deadline with {autumn} and {spring} for the years, form, expected result, the date the
# row was done when it was). A done date never lies after today.
PROGRAMMES = {
    "Черных": {
        "difficulties": "Недостаточный опыт составления индивидуальных программ коррекции; затруднения во "
                        "взаимодействии с родителями; ведение документации учителя-логопеда.",
        "goal": "Успешная адаптация молодого специалиста, развитие профессиональных компетенций "
                "учителя-логопеда.",
        "tasks": "1. Выявить профессиональные затруднения и составить план их преодоления.\n"
                 "2. Освоить разработку индивидуальных программ логопедической коррекции.\n"
                 "3. Сформировать навыки консультирования родителей.",
        "expected_results": "Наставляемая самостоятельно составляет программы коррекции, проводит открытое "
                            "занятие, ведёт документацию без замечаний.",
        "approved": (9, 12, 0),
        "items": [
            ("Встреча-знакомство, диагностика профессиональных затруднений", "сентябрь {autumn}",
             "собеседование", "Выявлены дефициты, согласован план", (9, 25, 0)),
            ("Разработка индивидуальной программы коррекции для учащихся 1-х классов", "октябрь {autumn}",
             "консультация", "Программа составлена и утверждена", (10, 20, 0)),
            ("Посещение наставником занятий наставляемой, анализ", "ноябрь – декабрь {autumn}",
             "посещение занятий", "Даны рекомендации, составлен анализ", (12, 10, 0)),
            ("Подготовка выступления на родительском собрании", "15.01.{spring}", "практикум",
             "Выступление подготовлено", None),
            ("Открытое занятие наставляемой", "март {spring}", "открытый урок", "Занятие проведено и обсуждено",
             None),
            ("Итоговая встреча: самоанализ, отчёт о выполнении программы", "до 29.05.{spring}", "итоговая встреча",
             "Отчёт наставника, отзыв наставляемой", None),
        ],
    },
    "Шевченко": {
        "difficulties": "Отсутствие опыта работы в школе; затруднения в планировании уроков по ФГОС ООО и в "
                        "поддержании дисциплины.",
        "goal": "Профессиональное становление молодого учителя информатики.",
        "tasks": "1. Изучить нормативные документы и рабочую программу.\n2. Освоить конструирование урока по "
                 "ФГОС.\n3. Подготовить и провести открытый урок.",
        "expected_results": "Уверенное планирование и проведение уроков, открытый урок в 7 классе, участие в "
                            "методическом объединении.",
        "approved": (9, 12, 0),
        "items": [
            ("Встреча-знакомство; анкетирование: профессиональные запросы", "сентябрь {autumn}", "беседа",
             "Составлен перечень запросов", (9, 22, 0)),
            ("Изучение ФГОС ООО и рабочей программы по информатике", "до 01.10.{autumn}", "консультация",
             "Рабочая программа скорректирована", (9, 30, 0)),
            ("Взаимопосещение уроков", "в течение года", "посещение уроков", "Проанализировано не менее 10 уроков",
             None),
            ("Подготовка к открытому уроку в 7 классе", "февраль {spring}", "открытый урок",
             "Урок проведён, получена обратная связь", None),
            ("Итоговая встреча: самоанализ наставляемого, отзыв наставника", "май {spring}", "итоговая встреча",
             "Отчёт о выполнении программы", None),
        ],
    },
}


def _date(month: int, day: int, years: int, autumn: int) -> str:
    return dt.date(autumn + years, month, day).isoformat()


def _past(month: int, day: int, years: int, autumn: int) -> str:
    """The date, or today if it has not come yet (a demo made early in the year never looks ahead)."""
    return min(dt.date(autumn + years, month, day), dt.date.today()).isoformat()


#: The demo logins (password «demo»): login → (role, whether it belongs to the demo school, full name).
ACCOUNTS = {
    "admin": ("admin", False, "Администратор сервиса"),
    "secretary": ("secretary", True, "Секретарь МБОУ Палагайской СОШ"),
    "curator": ("curator", True, "Абашева Елена Алексеевна"),
    "head": ("head", True, "Ведерников Алексей Андреевич"),
    "municipal": ("municipal", False, "Методист отдела образования"),
}


def load_demo(db: Database) -> bool:
    """Fill an empty registry with the demo organisation and the demo logins of :data:`ACCOUNTS`
    (password «demo»); returns False (and changes nothing) when the registry already has an
    organisation."""
    autumn = academic_year(dt.date.today())
    with write(db):
        if list_organizations(db):
            return False
        organization_id = create_organization(db, ORGANIZATION)
        for login, (role, own, name) in ACCOUNTS.items():
            create_user(db, login, DEMO_PASSWORD, role, organization_id if own else None, name, demo=True)
        ids = {}
        for last, first, middle, position, subject, category, years, roles in PEOPLE:
            ids[last] = save_person(
                db,
                organization_id,
                {"last_name": last, "first_name": first, "middle_name": middle, "position": position,
                 "subject": subject, "qualification_category": category, "experience_years": years},
                roles,
            )
        save_organization(db, organization_id, {"head_person_id": ids["Ведерников"]})
        _banks_and_consents(db, organization_id, ids, autumn)
        forms = {form["name"]: form["id"] for form in list_forms(db)}
        mentor, mentee, form, start, end, closed, reason, initiative = TERMINATED
        pair_id = save_pair(db, organization_id, {"mentor_id": ids[mentor], "form_id": forms[form],
                                                  "start_date": _date(*start, autumn), "end_date": _date(*end, autumn),
                                                  "status": "active"}, [ids[mentee]])
        close_pair(db, organization_id, pair_id, status="terminated", day=_date(*closed, autumn), reason=reason,
                   initiative=initiative)
        for mentor, mentees, form, start, end in PAIRS:
            pair_id = save_pair(
                db,
                organization_id,
                {"mentor_id": ids[mentor], "form_id": forms[form], "start_date": _date(*start, autumn),
                 "end_date": _date(*end, autumn), "status": "active"},
                [ids[m] for m in mentees],
            )
            if mentor in PROGRAMMES:
                _programme(db, organization_id, pair_id, PROGRAMMES[mentor], autumn)
        _roadmap(db, organization_id, ids, autumn)
        load_demo_monitoring(db, organization_id, autumn)
        load_demo_district(db, autumn)
    return True


def _banks_and_consents(db: Database, organization_id: int, ids: dict[str, int], autumn: int) -> None:
    for bank, entries in (("mentor", MENTOR_BANK), ("mentee", MENTEE_BANK)):
        for last, (requests, entered, source) in entries.items():
            save_entry(db, organization_id, {"bank": bank, "person_id": ids[last], "requests": requests,
                                             "entered_on": _date(*entered, autumn), "source": source})
    earlier = {last for last, (_requests, (month, _day, _years), _source) in (MENTOR_BANK | MENTEE_BANK).items()
               if month == 1}
    for last, person_id in ids.items():
        given = (1, 15, 0) if last in earlier else (8, 26, 0)
        add_consent(db, organization_id, person_id, "pd", _date(*given, autumn))
        if last in MENTOR_BANK or last in MENTEE_BANK:
            add_consent(db, organization_id, person_id, "mentoring",
                        _date(*((1, 25, 0) if last in earlier else (9, 1, 0)), autumn),
                        "письменное согласие, хранится в личном деле")
    for last in MENTOR_BANK:
        add_consent(db, organization_id, ids[last], "publication", _date(8, 26, 0, autumn),
                    "фото и ФИО на странице «Наставничество» сайта школы")
    withdrawn = add_consent(db, organization_id, ids["Мамедова"], "publication", _date(1, 15, 0, autumn))
    withdraw_consent(db, organization_id, withdrawn, _date(6, 1, 0, autumn))


def _programme(db: Database, organization_id: int, pair_id: int, programme: dict, autumn: int) -> None:
    years = {"autumn": autumn, "spring": autumn + 1}
    items = [{"activity": activity, "deadline": deadline.format(**years), "form": form, "expected_result": result,
              "done_on": _past(*done, autumn) if done else None}
             for activity, deadline, form, result, done in programme["items"]]
    save_programme(db, organization_id, pair_id, {**programme, "approved_on": _past(*programme["approved"], autumn)},
                   items)


def _roadmap(db: Database, organization_id: int, ids: dict[str, int], autumn: int) -> None:
    """The current academic year's roadmap from the school's default one: the events whose deadline has
    passed are done on its last day (early in the year, while none has, the first three that have begun
    are done today); two events added as in seed 001: the parents informed by a date ten days ago and
    not done (overdue from 2 September on), a meeting of the mentors due this month."""
    today = dt.date.today()
    start_roadmap(db, organization_id, autumn, "school")
    events = list_events(db, organization_id, autumn, today)
    done = {e["id"]: span[1] for e in events if (span := deadline_of(e).span()) and span[1] < today}
    begun = [e["id"] for e in events if (span := deadline_of(e).span()) and span[0] <= today and e["id"] not in done]
    done |= dict.fromkeys(begun[:max(0, 3 - len(done))], today)
    for event_id, day in done.items():
        mark_done(db, organization_id, event_id, day)
    first_stage = events[0]["stage"]
    pairs_stage = next(e["stage"] for e in events if e["document_kind"] == "pairs-order")
    late = max(dt.date(autumn, 9, 1), today - dt.timedelta(days=10))
    save_event(db, organization_id, autumn, {
        "stage": first_stage, "activity": "Информирование родительского сообщества о планируемой реализации "
        "программы наставничества", "deadline": f"до {late:%d.%m.%Y}", "responsible": "куратор",
        "responsible_person_id": ids["Абашева"], "result": "Протокол родительского собрания"})
    save_event(db, organization_id, autumn, {
        "stage": pairs_stage, "activity": "Заседание методического объединения наставников: обмен опытом, "
        "обсуждение затруднений наставляемых", "deadline": MONTHS[today.month - 1], "responsible": "куратор, "
        "наставники", "result": "Протокол заседания методического объединения"})
