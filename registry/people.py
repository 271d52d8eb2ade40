"""People of the organisation and their roles in the mentoring system."""

from sqlite_utils import Database

#: Role codes and their Russian names.
ROLES = {"mentor": "наставник", "mentee": "наставляемый", "curator": "куратор"}

FIELDS = ("last_name", "first_name", "middle_name", "gender", "position", "subject",
          "qualification_category", "experience_years", "email", "phone")


def full_name(person: dict) -> str:
    """«Фамилия Имя Отчество» of a person row."""
    return " ".join(filter(None, (person["last_name"], person["first_name"], person["middle_name"])))


def _with_roles(db: Database, person: dict) -> dict:
    person["roles"] = [
        row["role"] for row in db["person_roles"].rows_where("person_id = ?", [person["id"]], order_by="role")
    ]
    person["full_name"] = full_name(person)
    return person


def list_people(db: Database, role: str | None = None) -> list[dict]:
    """People sorted by surname, each with ``roles`` (codes) and ``full_name``; only those holding
    ``role`` when given."""
    if role:
        rows = db.query(
            "select p.* from people p join person_roles r on r.person_id = p.id where r.role = ?"
            " order by p.last_name, p.first_name, p.middle_name",
            [role],
        )
    else:
        rows = db.query("select * from people order by last_name, first_name, middle_name")
    return [_with_roles(db, dict(row)) for row in rows]


def get_person(db: Database, person_id: int) -> dict | None:
    rows = list(db["people"].rows_where("id = ?", [person_id]))
    return _with_roles(db, rows[0]) if rows else None


def save_person(db: Database, organization_id: int, values: dict, roles: list[str],
                person_id: int | None = None) -> int:
    """Insert or update a person with exactly ``roles`` (codes of :data:`ROLES`); one transaction.

    Raises ValueError for an unknown role or a missing person_id.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"Неизвестная роль: {', '.join(sorted(unknown))}.")
    record = {key: values.get(key) for key in FIELDS}
    record["organization_id"] = organization_id
    with db.atomic():
        if person_id is None:
            person_id = db["people"].insert(record).last_pk
        else:
            if not db["people"].count_where("id = ?", [person_id]):
                raise ValueError(f"Нет человека с номером {person_id}.")
            db["people"].update(person_id, record)
            db.execute("delete from person_roles where person_id = ?", [person_id])
        db["person_roles"].insert_all({"person_id": person_id, "role": role} for role in roles)
    return person_id
