"""The demo registry: МБОУ Палагайская СОШ as its roadmap names it (../shared/seeds/001: director
Ведерников А.А., curator Абашева Е.А., deputy head Бабинцева Т.В., order № 219 of 11.01.2024), with
first names and patronymics filled in to match the initials, plus illustrative mentors and mentees of
both genders chosen to exercise declension (indeclinable Черных and Шевченко, a woman named Шевчук, a
Turkic patronymic, hyphenated and multi-word titles). The pairs run in the current academic year, one
from the previous year is left active past its end date («срок истёк»), as a registry a school has
used for a while holds. Tests use the same fixture."""

import datetime as dt

from sqlite_utils import Database

from registry.db import write
from registry.organization import create_organization, list_organizations, save_organization
from registry.pairs import academic_year, list_forms, save_pair
from registry.people import save_person
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


def _date(month: int, day: int, years: int, autumn: int) -> str:
    return dt.date(autumn + years, month, day).isoformat()


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
        forms = {form["name"]: form["id"] for form in list_forms(db)}
        for mentor, mentees, form, start, end in PAIRS:
            save_pair(
                db,
                organization_id,
                {"mentor_id": ids[mentor], "form_id": forms[form], "start_date": _date(*start, autumn),
                 "end_date": _date(*end, autumn), "status": "active"},
                [ids[m] for m in mentees],
            )
    return True
