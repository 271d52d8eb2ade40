"""The registry on a real SQLite file: schema and migrations, the write helper, the journal's
numbers, and the rules a secretary relies on."""

import datetime as dt
import sqlite3
import threading

import pytest

from registry.db import RegistryBusy, RegistryError, connect, migrate, write
from registry.demo import load_demo
from registry.migrations import DEFAULT_FORMS, migrations
from registry.orders import (
    add_version,
    discard_order,
    get_order,
    get_version,
    list_orders,
    next_number,
    register_order,
)
from registry.organization import create_organization, get_organization, list_organizations, save_organization
from registry.pairs import (
    add_form,
    archive_form,
    archive_pair,
    close_expired,
    delete_form,
    delete_pair,
    list_forms,
    list_pairs,
    save_pair,
)
from registry.people import archive_person, delete_person, list_people, probable_duplicates, save_person
from tests.conftest import org_id

TODAY = dt.date.today()


def _ids(db, role=None):
    return {p["last_name"]: p["id"] for p in list_people(db, org_id(db), role)}


def _person(db, person_id):
    return next(p for p in list_people(db, org_id(db)) if p["id"] == person_id)


def _org(db):
    return org_id(db)


def test_schema_pragmas_and_idempotent_migrations(tmp_path):
    path = tmp_path / "r.sqlite"
    migrate(path)
    migrate(path)
    db = connect(path)
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert [m.name for m in migrations.applied(db)] == ["m001_initial", "m002_corrections", "m003_archive_and_journal",
                                                   "m004_users_tokens_audit", "m005_organization_acts", "m006_cycle",
                                                   "m007_roadmap", "m008_meetings",
                                                   "m009_mentoring_page"]
    assert [f["name"] for f in list_forms(db)] == list(DEFAULT_FORMS)


def test_connect_does_not_migrate(tmp_path):
    db = connect(tmp_path / "new.sqlite")
    assert not db["people"].exists()


def test_journal_of_an_older_registry_is_carried_over(tmp_path):
    """A registry of the previous version whose journal holds one number twice (the bug this version
    fixes) keeps every file; the later duplicate gets a suffix and a note."""
    path = tmp_path / "old.sqlite"
    db = connect(path)
    migrations.apply(db, stop_before="m003_archive_and_journal")
    organization_id = db["organizations"].insert({"full_name": "Школа", "locality": "с. Ивановка"}).last_pk
    for number, date, file in (("219", "2024-01-11", b"one"), ("219", "2024-02-01", b"two"), ("5", "2025-01-10", b"x")):
        db["orders"].insert({"organization_id": organization_id, "number": number, "date": date,
                             "kind": "curator-order", "heading": "О назначении", "file_name": f"{number}.docx",
                             "file": file, "data": "{}", "created_at": f"{date}T10:00:00"})
    db.conn.commit()
    db.close()
    migrate(path)
    db = connect(path)
    journal = {(o["number"], o["date"]): o for o in list_orders(db, org_id(db))}
    assert set(journal) == {("219", "2024-01-11"), ("219-2", "2024-02-01"), ("5", "2025-01-10")}
    assert journal[("219-2", "2024-02-01")]["note"] == "номер 219 повторял номер более раннего приказа"
    assert get_version(db, journal[("219-2", "2024-02-01")]["id"])["file"] == b"two"
    assert next_number(db, organization_id, 2024) == "220"
    with pytest.raises(sqlite3.IntegrityError):
        db["orders"].insert({"organization_id": organization_id, "year": 2024, "number": "219", "date": "2024-03-01",
                             "kind": "x"})


def test_write_takes_the_lock_at_begin_and_reports_a_busy_registry(tmp_path):
    path = tmp_path / "r.sqlite"
    migrate(path)
    holder, waiter = connect(path), connect(path, timeout=0.2)
    holder.conn.execute("BEGIN IMMEDIATE")
    with pytest.raises(RegistryBusy, match="Реестр занят, повторите через несколько секунд"):
        with write(waiter):
            waiter["mentoring_forms"].insert({"name": "новая"})
    holder.conn.rollback()
    with write(waiter):
        waiter["mentoring_forms"].insert({"name": "новая"})
    assert holder["mentoring_forms"].count_where("name = 'новая'") == 1


def test_write_rolls_back_everything_on_error(db):
    before = db["mentoring_forms"].count
    with pytest.raises(RuntimeError):
        with write(db):
            db["mentoring_forms"].insert({"name": "первая"})
            with write(db):
                db["mentoring_forms"].insert({"name": "вторая"})
            raise RuntimeError("сбой")
    assert db["mentoring_forms"].count == before
    assert not db.conn.in_transaction


def test_demo_registry(db):
    organization = get_organization(db, org_id(db))
    assert organization["short_name"] == "МБОУ Палагайская СОШ"
    assert [p["full_name"] for p in list_people(db, org_id(db), "curator")] == ["Абашева Елена Алексеевна"]
    pairs = list_pairs(db, org_id(db))
    assert len(pairs) == 5
    group = next(p for p in pairs if len(p["mentees"]) > 1)
    assert group["mentor"]["last_name"] == "Кузнецова" and group["form"] == "групповая"
    assert [p["mentor"]["last_name"] for p in pairs if p["expired"]] == ["Лебедев"]
    assert [p["status_title"] for p in list_pairs(db, org_id(db), "expired")] == ["срок истёк"]


def test_automatic_numbers_per_organisation_and_year(db):
    organization_id = _org(db)
    numbers = [register_order(db, organization_id, date=date, kind="curator-order", heading="О назначении",
                              number_format="{n}-ОД")["number"]
               for date in ("2024-01-11", "2024-03-01", "2025-01-10", "2024-12-30")]
    assert numbers == ["1-ОД", "2-ОД", "1-ОД", "3-ОД"]
    assert next_number(db, organization_id, 2024, "{n}-ОД") == "4-ОД"


def test_hand_typed_number_is_unique_and_moves_the_counter(db):
    organization_id = _org(db)
    first = register_order(db, organization_id, date="2024-01-11", kind="pairs-order",
                           heading="О закреплении наставнических пар", number="42-ОД", number_format="{n}-ОД")
    assert first["number"] == "42-ОД" and first["year"] == 2024
    with pytest.raises(RegistryError) as taken:
        register_order(db, organization_id, date="2024-05-20", kind="curator-order", heading="О назначении",
                       number=" 42-ОД ", number_format="{n}-ОД")
    assert taken.value.field == "number"
    assert taken.value.message.startswith("Номер 42-ОД за 2024 год уже занят приказом „О закреплении наставнических "
                                          "пар“ от 11.01.2024.")
    # The same number in another year is free; the counter continues after the typed one.
    assert register_order(db, organization_id, date="2025-01-09", kind="curator-order", heading="О назначении",
                          number="42-ОД", number_format="{n}-ОД")["number"] == "42-ОД"
    assert register_order(db, organization_id, date="2024-06-01", kind="curator-order", heading="О назначении",
                          number_format="{n}-ОД")["number"] == "43-ОД"
    # A typed number of the next automatic one is skipped over, never handed out twice.
    register_order(db, organization_id, date="2024-06-02", kind="curator-order", heading="О назначении",
                   number="44-ОД", number_format="{n}-ОД")
    assert register_order(db, organization_id, date="2024-06-03", kind="curator-order", heading="О назначении",
                          number_format="{n}-ОД")["number"] == "45-ОД"


@pytest.mark.parametrize("number", ["1" * 4301, "42 ОД", "№ 42", "42_ОД", "A" * 21, "4\u00002"])
def test_malformed_numbers_are_refused(db, number):
    with pytest.raises(RegistryError, match="Номер приказа — не больше 20 знаков: цифры, буквы"):
        register_order(db, _org(db), date="2024-01-11", kind="curator-order", heading="О", number=number)
    assert db["orders"].count == 0


def test_versions_keep_every_file_and_the_data(db):
    organization_id = _org(db)
    order = register_order(db, organization_id, date="2024-01-11", kind="curator-order", heading="О назначении")
    assert list_orders(db, org_id(db)) == []  # reserved, no file yet: not in the journal
    person = _ids(db)["Абашева"]
    assert add_version(db, order["id"], file_name="Приказ_1_от_11.01.2024.docx", file=b"v1",
                       data={"order": {"number": "1"}}, person_ids=[person, person]) == 1
    assert add_version(db, order["id"], file_name="Приказ_1_от_11.01.2024.docx", file=b"v2",
                       data={"order": {"number": "1"}, "changed": True}, person_ids=[person]) == 2
    [row] = list_orders(db, org_id(db))
    assert (row["number"], row["version"]) == ("1", 2)
    assert [v["version"] for v in get_order(db, order["id"])["versions"]] == [2, 1]
    assert get_version(db, order["id"], 1)["file"] == b"v1"
    assert get_version(db, order["id"])["data"] == {"order": {"number": "1"}, "changed": True}
    assert [o["id"] for o in list_orders(db, org_id(db), person_id=person)] == [order["id"]]


def test_discarded_number_is_released(db):
    organization_id = _org(db)
    order = register_order(db, organization_id, date="2024-01-11", kind="curator-order", heading="О")
    discard_order(db, order["id"])
    assert get_order(db, order["id"]) is None
    assert register_order(db, organization_id, date="2024-01-12", kind="curator-order", heading="О")["number"] == "1"


def test_concurrent_registrations_never_repeat_a_number(app):
    """Eight writers at once, each with its own connection, as the threads of the server: every
    number handed out once, none refused."""
    path = app.config["DATABASE"]
    got, failures = [], []

    def secretary():
        db = connect(path)
        organization_id = _org(db)
        try:
            for _ in range(10):
                got.append(register_order(db, organization_id, date="2024-03-01", kind="curator-order",
                                          heading="О")["number"])
        except Exception as error:  # noqa: BLE001 - any failure fails the test below
            failures.append(repr(error))
        finally:
            db.close()

    threads = [threading.Thread(target=secretary) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert sorted(got, key=int) == [str(n) for n in range(1, 81)]


def test_a_mentee_is_in_one_active_pair_at_a_time(db):
    ids, forms = _ids(db), {f["name"]: f["id"] for f in list_forms(db)}
    values = {"mentor_id": ids["Лебедев"], "form_id": forms["педагог – педагог"], "start_date": "2025-09-01",
              "end_date": "2026-05-31", "status": "active"}
    before = db["pairs"].count
    with pytest.raises(RegistryError, match="Шевчук Анна Сергеевна уже в действующей паре \\(группе\\), наставник — "
                                            "Черных Ольга Ильинична"):
        save_pair(db, _org(db), values, [ids["Ильин"], ids["Шевчук"]][::-1])
    assert db["pairs"].count == before
    # A completed pair may name her again; so may the pair she is in.
    save_pair(db, _org(db), {**values, "status": "completed"}, [ids["Шевчук"]])
    [her_pair] = [p for p in list_pairs(db, org_id(db), "active") if p["mentor"]["last_name"] == "Черных"]
    save_pair(db, _org(db), {**values, "mentor_id": ids["Черных"]}, [ids["Шевчук"]], her_pair["id"])


@pytest.mark.parametrize("change, field, message", [
    ({"start_date": "1999-12-31"}, "start_date", "Начало: 31.12.1999 — укажите дату между 2000 и 2100 годом."),
    ({"end_date": "2101-01-01"}, "end_date", "Окончание: 01.01.2101 — укажите дату между 2000 и 2100 годом."),
    ({"end_date": "2025-08-31"}, "end_date", "Окончание раньше начала: проверьте срок наставничества."),
])
def test_pair_dates_are_sane(db, change, field, message):
    ids = _ids(db)
    values = {"mentor_id": ids["Лебедев"], "form_id": 1, "start_date": "2025-09-01", "end_date": "2026-05-31",
              "status": "completed", **change}
    with pytest.raises(RegistryError) as error:
        save_pair(db, _org(db), values, [ids["Ильин"]])
    assert (error.value.field, error.value.message) == (field, message)


def test_nobody_mentors_themselves_and_foreign_keys_hold(db):
    mentor = _ids(db, "mentor")["Лебедев"]
    values = {"mentor_id": mentor, "form_id": 1, "start_date": "2025-01-01", "end_date": "2025-02-01",
              "status": "completed"}
    before = db["pairs"].count
    with pytest.raises(RegistryError, match="должны быть участниками этой организации"):
        save_pair(db, _org(db), values, [99999])
    with pytest.raises(RegistryError, match="Наставник не может быть наставляемым"):
        save_pair(db, _org(db), values, [mentor])
    assert db["pairs"].count == before


def test_the_mentor_role_stays_while_the_person_mentors_an_active_pair(db):
    ids = _ids(db)
    person = next(p for p in list_people(db, org_id(db)) if p["id"] == ids["Черных"])
    with pytest.raises(RegistryError) as error:
        save_person(db, _org(db), person, [], ids["Черных"])
    assert error.value.field == "roles"
    assert "Роль «наставник» нельзя снять: Черных Ольга Ильинична — наставник в действующей паре" in error.value.message
    assert [p["roles"] for p in list_people(db, org_id(db)) if p["id"] == ids["Черных"]] == [["mentor"]]
    # Gonchar's pair has expired but is still active: his mentor keeps the role too.
    with pytest.raises(RegistryError):
        save_person(db, _org(db), _person(db, ids["Лебедев"]), [], ids["Лебедев"])
    close_expired(db, org_id(db))
    save_person(db, _org(db), _person(db, ids["Лебедев"]), [], ids["Лебедев"])


@pytest.mark.parametrize("field, value, message", [
    ("last_name", "Иaнов", "Фамилия: латинская буква «a» (наберите её в русской раскладке) — так писать нельзя"),
    ("first_name", "Иван2", "Имя: цифра «2» — так писать нельзя"),
    ("middle_name", "Петро\u0007вич", "Отчество: служебный символ U+0007 — так писать нельзя"),
    ("last_name", "Иванов!", "Фамилия: знак «!» — так писать нельзя"),
    ("last_name", "Я" * 61, "Фамилия: не длиннее 60 знаков."),
    ("position", "учитель\u200b", "Должность: служебный символ U+200B — удалите его"),
    ("position", "у" * 201, "Должность: не длиннее 200 знаков."),
])
def test_people_fields_are_checked(db, field, value, message):
    values = {"last_name": "Иванов", "first_name": "Иван", "middle_name": "Петрович", "position": "учитель"}
    before = db["people"].count
    with pytest.raises(RegistryError) as error:
        save_person(db, _org(db), {**values, field: value}, ["mentor"])
    assert error.value.field == field and error.value.message.startswith(message)
    assert db["people"].count == before


def test_names_with_hyphen_apostrophe_and_spaces_are_kept(db):
    person = save_person(db, _org(db), {"last_name": "Петрова-Водкина", "first_name": "Д'Арья",
                                        "middle_name": "Рашид  кызы", "position": " учитель "}, [])
    row = db["people"].get(person)
    assert (row["last_name"], row["first_name"], row["middle_name"], row["position"]) == \
        ("Петрова-Водкина", "Д'Арья", "Рашид кызы", "учитель")


def test_probable_duplicates(db):
    values = {"last_name": "Шевчук", "first_name": "Анна", "middle_name": "Сергеевна"}
    assert [p["last_name"] for p in probable_duplicates(db, org_id(db), values)] == ["Шевчук"]
    lower = {**values, "last_name": "шевчук"}
    assert [p["last_name"] for p in probable_duplicates(db, org_id(db), lower)] == ["Шевчук"]
    assert probable_duplicates(db, org_id(db), values, _ids(db)["Шевчук"]) == []
    save_person(db, _org(db), {**values, "birth_date": "1990-01-01"}, [])
    assert len(probable_duplicates(db, org_id(db), {**values, "birth_date": "1990-01-01"})) == 2  # one without a date
    assert len(probable_duplicates(db, org_id(db), {**values, "birth_date": "1991-01-01"})) == 1


def test_archive_and_delete_people(db):
    ids = _ids(db)
    with pytest.raises(RegistryError, match="участник действующей пары"):
        archive_person(db, ids["Шевчук"])
    with pytest.raises(RegistryError, match="указан руководителем организации"):
        archive_person(db, ids["Ведерников"])
    newcomer = save_person(db, _org(db), {"last_name": "Новикова", "first_name": "Ольга", "position": "учитель"},
                           ["mentor"])
    archive_person(db, newcomer)
    assert "Новикова" not in _ids(db) and "Новикова" not in _ids(db, "mentor")
    assert [p["last_name"] for p in list_people(db, org_id(db), archived=True)] == ["Новикова"]
    archive_person(db, newcomer, archived=False)
    delete_person(db, newcomer)
    assert db["people"].count_where("id = ?", [newcomer]) == 0
    with pytest.raises(RegistryError, match="состоит в наставнических парах"):
        delete_person(db, ids["Шевчук"])
    with pytest.raises(RegistryError, match="указан руководителем организации"):
        delete_person(db, ids["Ведерников"])
    order = register_order(db, _org(db), date="2024-01-11", kind="curator-order", heading="О")
    add_version(db, order["id"], file_name="a.docx", file=b"x", data={}, person_ids=[ids["Абашева"]])
    with pytest.raises(RegistryError, match="назван в приказах журнала"):
        delete_person(db, ids["Абашева"])


def test_search_and_filters(db):
    assert [p["last_name"] for p in list_people(db, org_id(db), query="шевч")] == ["Шевченко", "Шевчук"]
    assert [p["last_name"] for p in list_people(db, org_id(db), query="анна шевчук")] == ["Шевчук"]
    teachers = list_people(db, org_id(db), "mentee", position="учитель")
    assert [p["last_name"] for p in teachers] == ["Ильин", "Мамедова", "Шевчук"]
    autumn = TODAY.year if TODAY.month >= 9 else TODAY.year - 1
    assert len(list_pairs(db, org_id(db), year=autumn)) == 3
    assert [p["mentor"]["last_name"] for p in list_pairs(db, org_id(db), year=autumn - 1)] == ["Лебедев", "Шевченко"]
    assert [p["mentor"]["last_name"] for p in list_pairs(db, org_id(db), "terminated")] == ["Шевченко"]


def test_close_archive_and_delete_pairs(db):
    assert close_expired(db, org_id(db)) == 1
    [closed] = list_pairs(db, org_id(db), "completed")
    assert closed["mentor"]["last_name"] == "Лебедев" and not closed["expired"]
    active = list_pairs(db, org_id(db), "active")[0]
    with pytest.raises(RegistryError, match="Пара \\(группа\\) действует"):
        archive_pair(db, active["id"])
    archive_pair(db, closed["id"])
    assert closed["id"] not in [p["id"] for p in list_pairs(db, org_id(db))]
    assert [p["id"] for p in list_pairs(db, org_id(db), archived=True)] == [closed["id"]]
    order = register_order(db, _org(db), date="2024-01-11", kind="pairs-order", heading="О")
    add_version(db, order["id"], file_name="a.docx", file=b"x", data={}, pair_ids=[active["id"]])
    with pytest.raises(RegistryError, match="называет приказ журнала"):
        delete_pair(db, active["id"])
    delete_pair(db, closed["id"])
    assert db["pairs"].count_where("id = ?", [closed["id"]]) == 0


def test_forms_list_is_editable(db):
    new = add_form(db, "  наставничество   «на рабочем месте» ")
    assert add_form(db, "наставничество «на рабочем месте»") == new
    with pytest.raises(RegistryError, match="не заполнено"):
        add_form(db, " ")
    archive_form(db, new)
    assert new not in [f["id"] for f in list_forms(db)]
    assert add_form(db, "наставничество «на рабочем месте»") == new  # typing it again brings it back
    delete_form(db, new)
    with pytest.raises(RegistryError, match="Эту форму указывают пары"):
        delete_form(db, list_pairs(db, org_id(db))[0]["form_id"])


def test_several_organisations(tmp_path):
    path = tmp_path / "r.sqlite"
    migrate(path)
    db = connect(path)
    first = create_organization(db, {"full_name": "Школа", "locality": "с. Ивановка"})
    with pytest.raises(RegistryError, match="уже есть"):
        create_organization(db, {"full_name": "Школа", "locality": "с. Ивановка"})
    second = create_organization(db, {"full_name": "Детский сад", "locality": "г. Луга"})
    save_organization(db, first, {"short_name": "МБОУ Школа"})
    assert [o["id"] for o in list_organizations(db)] == [second, first]
    assert get_organization(db, first)["short_name"] == "МБОУ Школа"
    assert load_demo(db) is False
