"""Schema of the registry as named migrations (sqlite-utils ``Migrations``): applied in order, each
once, each in a transaction. Never edit an applied migration; add the next one."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("nastavnik")

#: Forms of mentoring offered by default (DOMAIN.md §1; распоряжение Минпросвещения № Р-145).
DEFAULT_FORMS = (
    "педагог – педагог",
    "руководитель – педагог",
    "опытный педагог – молодой специалист",
    "традиционная (один на один)",
    "групповая",
    "виртуальная (дистанционная)",
    "реверсивная",
    "ситуационная",
    "скоростная (флеш-наставничество)",
    "краткосрочная",
    "ученик – ученик",
    "учитель – ученик",
    "студент – ученик",
    "работодатель – ученик",
    "работодатель – студент",
)


@migrations()
def m001_initial(db: Database) -> None:
    db["organizations"].create(
        {
            "id": int,
            "full_name": str,
            "short_name": str,
            "locality": str,
            "founder": str,
            "head_person_id": int,
            "head_position": str,
            "order_number_format": str,
        },
        pk="id",
        not_null={"full_name"},
        defaults={"order_number_format": "{n}", "head_position": "директор"},
    )
    db["people"].create(
        {
            "id": int,
            "organization_id": int,
            "last_name": str,
            "first_name": str,
            "middle_name": str,
            "gender": str,
            "position": str,
            "subject": str,
            "qualification_category": str,
            "experience_years": float,
            "email": str,
            "phone": str,
        },
        pk="id",
        not_null={"organization_id", "last_name", "first_name"},
        foreign_keys=[("organization_id", "organizations", "id")],
    )
    db["organizations"].add_foreign_key("head_person_id", "people", "id")
    db["person_roles"].create(
        {"person_id": int, "role": str},
        pk=("person_id", "role"),
        foreign_keys=[("person_id", "people", "id")],
    )
    db["mentoring_forms"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["mentoring_forms"].create_index(["name"], unique=True)
    db["mentoring_forms"].insert_all({"name": name} for name in DEFAULT_FORMS)
    db["pairs"].create(
        {
            "id": int,
            "organization_id": int,
            "mentor_id": int,
            "form_id": int,
            "start_date": str,
            "end_date": str,
            "status": str,
        },
        pk="id",
        not_null={"organization_id", "mentor_id", "form_id", "start_date", "end_date", "status"},
        defaults={"status": "active"},
        foreign_keys=[
            ("organization_id", "organizations", "id"),
            ("mentor_id", "people", "id"),
            ("form_id", "mentoring_forms", "id"),
        ],
    )
    db["pair_mentees"].create(
        {"pair_id": int, "mentee_id": int},
        pk=("pair_id", "mentee_id"),
        foreign_keys=[("pair_id", "pairs", "id"), ("mentee_id", "people", "id")],
    )
    db["orders"].create(
        {
            "id": int,
            "organization_id": int,
            "number": str,
            "date": str,
            "kind": str,
            "heading": str,
            "file_name": str,
            "file": bytes,
            "data": str,
            "created_at": str,
        },
        pk="id",
        not_null={"organization_id", "number", "date", "kind", "file_name", "file"},
        foreign_keys=[("organization_id", "organizations", "id")],
    )
    db["order_people"].create(
        {"order_id": int, "person_id": int},
        pk=("order_id", "person_id"),
        foreign_keys=[("order_id", "orders", "id"), ("person_id", "people", "id")],
    )
    db["order_pairs"].create(
        {"order_id": int, "pair_id": int},
        pk=("order_id", "pair_id"),
        foreign_keys=[("order_id", "orders", "id"), ("pair_id", "pairs", "id")],
    )


@migrations()
def m002_corrections(db: Database) -> None:
    # A secretary's corrections of the engine: per person (name, position), and global per phrase
    # (a position or organisation name as typed), one form per case.
    db["person_forms"].create(
        {"person_id": int, "field": str, "case_tag": str, "form": str},
        pk=("person_id", "field", "case_tag"),
        not_null={"form"},
        foreign_keys=[("person_id", "people", "id")],
    )
    db["phrase_forms"].create(
        {"kind": str, "text": str, "case_tag": str, "form": str},
        pk=("kind", "text", "case_tag"),
        not_null={"form"},
    )
