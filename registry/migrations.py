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


@migrations()
def m003_archive_and_journal(db: Database) -> None:
    # People, pairs and forms are archived rather than deleted, so the journal keeps what it names.
    for table in ("people", "pairs", "mentoring_forms"):
        db[table].add_column("archived_at", str)
    # Matching people across imports and flagging probable duplicates needs more than the name.
    db["people"].add_column("birth_date", str)
    db["people"].add_column("personnel_number", str)
    # The journal: one row per registered number, unique per organisation and calendar year; the
    # files (each regeneration a new version) and the data each was made from live in order_versions.
    db["order_versions"].create(
        {"order_id": int, "version": int, "file_name": str, "file": bytes, "data": str, "created_at": str},
        pk=("order_id", "version"),
        not_null={"file_name", "file", "data", "created_at"},
        foreign_keys=[("order_id", "orders", "id")],
    )
    db.execute(
        "insert into order_versions (order_id, version, file_name, file, data, created_at)"
        " select id, 1, file_name, file, coalesce(data, '{}'), coalesce(created_at, '') from orders"
    )
    db["orders"].transform(drop={"file_name", "file", "data"})
    db["orders"].add_column("year", int)
    db["orders"].add_column("note", str)
    db.execute("update orders set year = cast(substr(date, 1, 4) as integer)")
    # Earlier versions proposed numbers without reserving them, so a journal may hold a number twice:
    # the later order keeps its file and gets a suffix, with a note saying so.
    duplicates = db.query(
        "select id, organization_id, year, number from orders o where exists (select 1 from orders p"
        " where p.organization_id = o.organization_id and p.year = o.year and p.number = o.number"
        " and p.id < o.id) order by id"
    )
    for row in list(duplicates):
        suffix = 2
        while db["orders"].count_where("organization_id = ? and year = ? and number = ?",
                                       [row["organization_id"], row["year"], f"{row['number']}-{suffix}"]):
            suffix += 1
        db["orders"].update(row["id"], {"number": f"{row['number']}-{suffix}",
                                        "note": f"номер {row['number']} повторял номер более раннего приказа"})
    db["orders"].create_index(["organization_id", "year", "number"], unique=True)
    db["order_counters"].create(
        {"organization_id": int, "year": int, "last_number": int},
        pk=("organization_id", "year"),
        foreign_keys=[("organization_id", "organizations", "id")],
    )


@migrations()
def m004_users_tokens_audit(db: Database) -> None:
    # Accounts: 152-ФЗ and the ФСТЭК measures ask an operator of personal data to identify users,
    # control their access and record events.
    db["users"].create(
        {"id": int, "login": str, "password_hash": str, "role": str, "organization_id": int, "full_name": str,
         "created_at": str, "disabled_at": str, "last_login_at": str},
        pk="id",
        not_null={"login", "password_hash", "role", "created_at"},
        foreign_keys=[("organization_id", "organizations", "id")],
    )
    db.execute("create unique index idx_users_login on users (login collate nocase)")
    db["api_tokens"].create(
        {"id": int, "user_id": int, "token_hash": str, "label": str, "created_at": str, "last_used_at": str,
         "revoked_at": str},
        pk="id",
        not_null={"user_id", "token_hash", "created_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db["api_tokens"].create_index(["token_hash"], unique=True)
    db["audit_log"].create(
        {"id": int, "at": str, "user_id": int, "login": str, "address": str, "action": str, "object_kind": str,
         "object_id": int, "organization_id": int, "details": str},
        pk="id",
        not_null={"at", "action"},
    )
    db["audit_log"].create_index(["at"])
    # Entries are evidence: no statement may change or remove one, whatever the application does.
    for event in ("update", "delete"):
        db.execute(f"create trigger audit_log_no_{event} before {event} on audit_log"
                   " begin select raise(abort, 'записи журнала аудита не изменяются и не удаляются'); end")


@migrations()
def m005_organization_acts(db: Database) -> None:
    # Preambles cite the region's act on mentoring and the order approving the Положение when known.
    db["organizations"].add_column("regional_act", str)
    db["organizations"].add_column("regulation_number", str)
    db["organizations"].add_column("regulation_date", str)


@migrations()
def m006_cycle(db: Database) -> None:
    # The mentoring cycle (DOMAIN.md §2): the mentor and mentee banks, the consents of 152-ФЗ and
    # art. 351.8 of the Labour Code, the lifecycle of a pair, a personalised programme per pair.
    # Bank entries and consents go with a person deleted outright (a record entered by mistake;
    # anyone an order or a pair names is archived instead, and keeps them).
    db.execute("""create table bank_entries (
        id integer primary key,
        organization_id integer not null references organizations(id),
        person_id integer not null references people(id) on delete cascade,
        bank text not null,
        requests text,
        entered_on text not null,
        source text not null,
        left_on text,
        created_at text not null)""")
    # A person is in a bank at most once at a time; earlier stays (left_on set) are kept.
    db.execute("create unique index idx_bank_entries_current on bank_entries (person_id, bank) where left_on is null")
    db["bank_entries"].create_index(["organization_id", "bank"])
    db.execute("""create table consents (
        id integer primary key,
        organization_id integer not null references organizations(id),
        person_id integer not null references people(id) on delete cascade,
        kind text not null,
        given_on text not null,
        withdrawn_on text,
        note text,
        created_at text not null)""")
    db["consents"].create_index(["person_id", "kind"])
    # A pair starts as a draft and becomes active by an order; it ends completed or terminated early.
    for column, references in (("opened_order_id", "orders"), ("opened_on", None), ("closed_order_id", "orders"),
                               ("closed_on", None), ("close_reason", None), ("close_initiative", None)):
        kind = "integer" if references else "text"
        db.execute(f"alter table pairs add column {column} {kind}"
                   + (f" references {references}(id)" if references else ""))
    db["programmes"].create(
        {"id": int, "pair_id": int, "difficulties": str, "goal": str, "tasks": str, "expected_results": str,
         "approved_on": str, "created_at": str, "updated_at": str},
        pk="id",
        not_null={"pair_id", "created_at", "updated_at"},
        foreign_keys=[("pair_id", "pairs", "id")],
    )
    db["programmes"].create_index(["pair_id"], unique=True)
    db["programme_items"].create(
        {"id": int, "programme_id": int, "position": int, "activity": str, "deadline": str, "form": str,
         "expected_result": str, "done_on": str},
        pk="id",
        not_null={"programme_id", "position", "activity", "deadline"},
        foreign_keys=[("programme_id", "programmes", "id")],
    )
    db["programme_items"].create_index(["programme_id", "position"])
    # The academic year the organisation works in (2025 = 2025/2026); NULL: the one holding today.
    db["organizations"].add_column("academic_year", int)


@migrations()
def m007_roadmap(db: Database) -> None:
    # The roadmap (дорожная карта, DOMAIN.md §1, §2): events per organisation and academic year. A
    # deadline is kept as its kind and value (an ISO date, «2025-10» or «2025-11/2026-04», or a phrase)
    # so that a date or a month can be compared with today. A responsible person deleted outright
    # leaves the role typed; an order whose number was released leaves the done mark without it.
    db.execute("""create table roadmap_events (
        id integer primary key,
        organization_id integer not null references organizations(id),
        year integer not null,
        position integer not null,
        stage text not null default '',
        activity text not null,
        deadline_kind text not null,
        deadline_value text not null,
        responsible text not null default '',
        responsible_person_id integer references people(id) on delete set null,
        result text not null default '',
        document_kind text,
        done_on text,
        done_order_id integer references orders(id) on delete set null,
        created_at text not null,
        updated_at text not null)""")
    db["roadmap_events"].create_index(["organization_id", "year", "position"])


@migrations()
def m008_meetings(db: Database) -> None:
    # The work of a pair (DOMAIN.md §2, step 6): its meetings, each of a kind of the seeds' sequence, and
    # the plan items of its programme a meeting ticked done (an item at most by one meeting). A pair or
    # an item deleted takes its meetings or ticks with it; the done mark of the item stays in the plan.
    db.execute("""create table meetings (
        id integer primary key,
        pair_id integer not null references pairs(id) on delete cascade,
        kind text not null,
        held_on text not null,
        topic text not null default '',
        notes text not null default '',
        feedback text not null default '',
        created_at text not null,
        updated_at text not null)""")
    db["meetings"].create_index(["pair_id", "held_on"])
    db.execute("""create table meeting_items (
        item_id integer primary key references programme_items(id) on delete cascade,
        meeting_id integer not null references meetings(id) on delete cascade)""")
    db["meeting_items"].create_index(["meeting_id"])
    # Monitoring (DOMAIN.md §2, step 7; §6): question sets per organisation and role, their questions
    # (closed with choices as a JSON list, open, scaled 1…scale), and the answers — one response per
    # person, set, stage and day, one answer per question: a score (an integer), a choice or a text.
    # A question answered is archived rather than deleted. A person deleted outright takes their
    # responses (a record entered by mistake, like bank entries and consents).
    db.execute("""create table questionnaire_sets (
        id integer primary key,
        organization_id integer not null references organizations(id),
        role text not null,
        title text not null,
        intro text not null default '',
        scale integer not null,
        archived_at text,
        created_at text not null,
        updated_at text not null)""")
    db["questionnaire_sets"].create_index(["organization_id", "role"])
    db.execute("""create table questionnaire_questions (
        id integer primary key,
        set_id integer not null references questionnaire_sets(id),
        position integer not null,
        kind text not null,
        text text not null,
        choices text,
        archived_at text)""")
    db["questionnaire_questions"].create_index(["set_id", "position"])
    db.execute("""create table questionnaire_responses (
        id integer primary key,
        organization_id integer not null references organizations(id),
        set_id integer not null references questionnaire_sets(id),
        person_id integer not null references people(id) on delete cascade,
        pair_id integer references pairs(id) on delete set null,
        stage text not null,
        answered_on text not null,
        source text not null,
        created_at text not null,
        updated_at text not null)""")
    db.execute("create unique index idx_questionnaire_responses_one on questionnaire_responses"
               " (set_id, person_id, stage, answered_on)")
    db["questionnaire_responses"].create_index(["organization_id", "answered_on"])
    db.execute("""create table questionnaire_answers (
        response_id integer not null references questionnaire_responses(id) on delete cascade,
        question_id integer not null references questionnaire_questions(id),
        score integer,
        choice text,
        text text,
        primary key (response_id, question_id))""")
    db["questionnaire_answers"].create_index(["question_id"])
    # The columns of an online form's export matched to a set's questions, remembered by header text
    # (folded: case, spaces and ё/е ignored): "date", "name", "skip" or "question" with its id.
    db.execute("""create table questionnaire_columns (
        set_id integer not null references questionnaire_sets(id) on delete cascade,
        header text not null,
        target text not null,
        question_id integer references questionnaire_questions(id) on delete cascade,
        primary key (set_id, header))""")


@migrations()
def m009_mentoring_page(db: Database) -> None:
    # The address of the organisation's page on mentoring, which regional checklists ask for.
    db["organizations"].add_column("mentoring_url", str)
