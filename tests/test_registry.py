"""The registry on a real SQLite file: schema, constraints, transactions, the journal."""

import sqlite3

import pytest

from registry.db import connect
from registry.migrations import DEFAULT_FORMS, migrations
from registry.orders import add_order, next_number
from registry.organization import get_organization
from registry.pairs import add_form, list_forms, list_pairs, save_pair
from registry.people import list_people, save_person


def test_schema_pragmas_and_idempotent_migrations(tmp_path):
    path = tmp_path / "r.sqlite"
    db = connect(path)
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert [m.name for m in migrations.applied(db)] == ["m001_initial", "m002_corrections"]
    db.close()
    db = connect(path)
    assert [f["name"] for f in list_forms(db)] == list(DEFAULT_FORMS)


def test_demo_registry(db):
    organization = get_organization(db)
    assert organization["short_name"] == "МБОУ Палагайская СОШ"
    assert [p["full_name"] for p in list_people(db, "curator")] == ["Абашева Елена Алексеевна"]
    pairs = list_pairs(db)
    assert len(pairs) == 4
    group = next(p for p in pairs if len(p["mentees"]) > 1)
    assert group["mentor"]["last_name"] == "Кузнецова" and group["form"] == "групповая"


def test_foreign_keys_and_atomic_pair_save(db):
    organization_id = get_organization(db)["id"]
    mentor = list_people(db, "mentor")[0]["id"]
    before = db["pairs"].count
    with pytest.raises(sqlite3.IntegrityError):
        save_pair(db, organization_id, {"mentor_id": mentor, "form_id": 1, "start_date": "2024-01-01",
                                        "end_date": "2024-02-01", "status": "active"}, [99999])
    assert db["pairs"].count == before  # nothing half-saved
    with pytest.raises(ValueError, match="Наставник не может быть наставляемым"):
        save_pair(db, organization_id, {"mentor_id": mentor, "form_id": 1, "start_date": "2024-01-01",
                                        "end_date": "2024-02-01", "status": "active"}, [mentor])


def test_roles_replaced_on_save(db):
    organization_id = get_organization(db)["id"]
    person = save_person(db, organization_id, {"last_name": "Петров", "first_name": "Пётр"}, ["mentor", "mentee"])
    save_person(db, organization_id, {"last_name": "Петров", "first_name": "Пётр"}, ["curator"], person)
    assert [p["roles"] for p in list_people(db) if p["id"] == person] == [["curator"]]
    with pytest.raises(ValueError, match="Неизвестная роль"):
        save_person(db, organization_id, {"last_name": "Петров", "first_name": "Пётр"}, ["director"])


def test_forms_list_is_editable(db):
    new = add_form(db, "  наставничество   «на рабочем месте» ")
    assert add_form(db, "наставничество «на рабочем месте»") == new
    with pytest.raises(ValueError, match="не заполнено"):
        add_form(db, " ")


def test_order_numbers_per_year(db):
    organization_id = get_organization(db)["id"]
    assert next_number(db, 2024, "{n}-ОД") == "1-ОД"
    for number, date in (("219", "2024-01-11"), ("26/1", "2024-03-01"), ("5", "2025-01-10")):
        add_order(db, organization_id, number=number, date=date, kind="curator-order", heading="О …",
                  file_name="x.docx", file=b"x", data={})
    assert next_number(db, 2024) == "220"
    assert next_number(db, 2025, "{n}-ОД") == "6-ОД"
