"""The registry of the mentoring cycle on a real SQLite file: the mentor and mentee banks, consents,
the lifecycle of a pair (draft → active by order → completed or terminated early), personalised
programmes, the organisation's academic year, and the demo's year of the cycle. Every refusal is a
Russian message with its field, and a refused write leaves nothing behind."""

import datetime as dt

import pytest

from registry.banks import BANKS, SOURCES, delete_entry, entry_for, leave_bank, list_bank, save_entry
from registry.consents import (
    KINDS,
    add_consent,
    consent_on,
    consent_warnings,
    delete_consent,
    list_consents,
    missing_consents,
    withdraw_consent,
)
from registry.db import RegistryError
from registry.orders import add_version, register_order
from registry.organization import create_organization, current_academic_year, get_organization, save_organization
from registry.pairs import (
    INITIATIVES,
    STATUSES,
    academic_year,
    activate_pairs,
    archive_pair,
    close_by_order,
    close_expired,
    close_pair,
    delete_pair,
    get_pair,
    list_forms,
    list_pairs,
    orderable_pairs,
    reopen_pair,
    save_pair,
)
from registry.people import archive_person, delete_person, list_people, save_person
from registry.programmes import get_item, get_programme, list_programmes, mark_item, save_programme
from tests.conftest import org_id

TODAY = dt.date.today()
AUTUMN = academic_year(TODAY)


def _ids(db, role=None) -> dict[str, int]:
    return {p["last_name"]: p["id"] for p in list_people(db, org_id(db), role)}


def _iso(days: int = 0) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def _ru(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d.%m.%Y")


def _refused(message: str, field: str | None = "any"):
    """``with _refused("…", "field"):`` — a RegistryError whose message contains ``message`` and whose
    field is ``field`` (not checked when "any")."""

    class Check:
        def __enter__(self):
            self.raises = pytest.raises(RegistryError)
            self.info = self.raises.__enter__()
            return self.info

        def __exit__(self, *exc):
            result = self.raises.__exit__(*exc)
            assert message in self.info.value.message, self.info.value.message
            if field != "any":
                assert self.info.value.field == field, (self.info.value.field, self.info.value.message)
            return result

    return Check()


def _snapshot(db) -> dict:
    return {t: list(db[t].rows) for t in ("bank_entries", "consents", "pairs", "pair_mentees", "programmes",
                                          "programme_items")}


@pytest.fixture
def other(db) -> dict:
    """A second organisation with a person and a pair of its own."""
    organization = create_organization(db, {"full_name": "МБДОУ «Детский сад № 7»", "locality": "г. Луга"})
    mentor = save_person(db, organization, {"last_name": "Соседова", "first_name": "Ирина", "position": "воспитатель"},
                         ["mentor"])
    mentee = save_person(db, organization, {"last_name": "Новиков", "first_name": "Олег", "position": "воспитатель"},
                         ["mentee"])
    pair = save_pair(db, organization, {"mentor_id": mentor, "form_id": 1, "start_date": _iso(-10),
                                        "end_date": _iso(200)}, [mentee])
    return {"organization": organization, "person": mentee, "pair": pair}


def _new_person(db, last_name: str, roles=("mentee",)) -> int:
    return save_person(db, org_id(db), {"last_name": last_name, "first_name": "Пётр", "position": "учитель"},
                       list(roles))


# --- the banks ----------------------------------------------------------------------------------------------


def test_demo_banks_hold_requests(db):
    mentors, mentees = list_bank(db, org_id(db), "mentor"), list_bank(db, org_id(db), "mentee")
    assert [e["last_name"] for e in mentors] == ["Кузнецова", "Лебедев", "Черных", "Шевченко"]
    assert [e["last_name"] for e in mentees] == ["Гончаренко", "Зайцев", "Ильин", "Мамедова", "Шевчук"]
    shevchuk = mentees[-1]
    assert shevchuk["full_name"] == "Шевчук Анна Сергеевна" and shevchuk["position"] == "учитель-логопед"
    assert "логопедической коррекции" in shevchuk["requests"] and shevchuk["source_title"] == "собеседование"
    assert shevchuk["experience_years"] == 1 and shevchuk["bank_title"] == "банк наставляемых"
    assert all(e["requests"] and e["entered_on"] <= TODAY.isoformat() for e in mentors + mentees)
    assert set(BANKS) == {"mentor", "mentee"} and set(SOURCES) == {"questionnaire", "interview"}


def test_a_person_enters_a_bank_once_at_a_time(db):
    organization, person = org_id(db), _new_person(db, "Банков")
    values = {"bank": "mentee", "person_id": person, "requests": "  Рабочая программа;\r\n  дисциплина  ",
              "entered_on": _iso(-30), "source": "interview"}
    entry_id = save_entry(db, organization, values)
    entry = entry_for(db, person, "mentee")
    assert entry["id"] == entry_id and entry["requests"] == "Рабочая программа;\nдисциплина"
    assert entry_for(db, person, "mentor") is None
    before = _snapshot(db)
    with _refused(f"Банков Пётр уже в банке наставляемых с {_ru(_iso(-30))}: измените ту запись.", "person_id"):
        save_entry(db, organization, values)
    assert _snapshot(db) == before
    # Changing the entry keeps its person and bank.
    save_entry(db, organization, {**values, "bank": "mentor", "person_id": 1, "requests": "Дисциплина на уроке"},
               entry_id)
    changed = entry_for(db, person, "mentee")
    assert changed["requests"] == "Дисциплина на уроке" and changed["person_id"] == person
    # Leaving keeps the entry with its date; then the person may enter again.
    with _refused(f"Дата выхода из банка: {_ru(_iso(-31))} — раньше даты включения ({_ru(_iso(-30))}).", "left_on"):
        leave_bank(db, organization, entry_id, _iso(-31))
    leave_bank(db, organization, entry_id, _iso(-1))
    with _refused(f"Банков Пётр уже вне банка с {_ru(_iso(-1))}.", "left_on"):
        leave_bank(db, organization, entry_id, _iso(0))
    assert person not in [e["person_id"] for e in list_bank(db, organization, "mentee")]
    left = [e for e in list_bank(db, organization, "mentee", current=False) if e["person_id"] == person]
    assert [e["left_on"] for e in left] == [_iso(-1)]
    again = save_entry(db, organization, {**values, "entered_on": _iso(0)})
    assert again != entry_id and entry_for(db, person, "mentee")["id"] == again
    assert len([e for e in list_bank(db, organization, "mentee", current=False) if e["person_id"] == person]) == 2
    delete_entry(db, organization, again)
    assert entry_for(db, person, "mentee") is None


@pytest.mark.parametrize("change, field, message", [
    ({"requests": "  \n "}, "requests", "Профессиональные запросы (дефициты): не заполнено."),
    ({"requests": "я" * 2001}, "requests", "Профессиональные запросы (дефициты): не длиннее 2000 знаков"),
    ({"requests": "запрос\x07"}, "requests", "служебный символ U+0007"),
    ({"entered_on": (TODAY + dt.timedelta(days=1)).isoformat()}, "entered_on",
     "Дата включения в банк: {tomorrow} — этот день ещё не наступил."),
    ({"entered_on": "1999-12-31"}, "entered_on", "Дата включения в банк: 31.12.1999 — укажите дату между 2000"),
    ({"entered_on": "31.12.2024"}, "entered_on", "Дата включения в банк: «31.12.2024» — не дата."),
    ({"entered_on": ""}, "entered_on", "Дата включения в банк: укажите дату."),
    ({"source": "слухи"}, "source", "Источник: выберите анкету или собеседование."),
    ({"bank": "curator"}, "bank", "Выберите банк: наставников или наставляемых."),
    ({"person_id": 0}, "person_id", "Выберите участника этой организации."),
])
def test_bank_entry_rules(db, change, field, message):
    person = _new_person(db, "Правилов")
    values = {"bank": "mentee", "person_id": person, "requests": "Запрос", "entered_on": _iso(-1),
              "source": "questionnaire", **change}
    before = _snapshot(db)
    tomorrow = (TODAY + dt.timedelta(days=1)).strftime("%d.%m.%Y")
    with _refused(message.format(tomorrow=tomorrow), field):
        save_entry(db, org_id(db), values)
    assert _snapshot(db) == before


def test_mentor_bank_names_competences_and_refuses_strangers(db, other):
    organization = org_id(db)
    with _refused("Компетенции и опыт, которыми готов делиться: не заполнено.", "requests"):
        save_entry(db, organization, {"bank": "mentor", "person_id": _ids(db)["Бабинцева"], "requests": "",
                                      "entered_on": _iso(), "source": "interview"})
    with _refused("Выберите участника этой организации.", "person_id"):
        save_entry(db, organization, {"bank": "mentor", "person_id": other["person"], "requests": "Опыт",
                                      "entered_on": _iso(), "source": "interview"})
    archived = _new_person(db, "Архивов")
    archive_person(db, archived)
    with _refused("Архивов Пётр в архиве: сначала верните участника из архива.", "person_id"):
        save_entry(db, organization, {"bank": "mentee", "person_id": archived, "requests": "Запрос",
                                      "entered_on": _iso(), "source": "interview"})
    entry = entry_for(db, _ids(db)["Черных"], "mentor")
    for action in (lambda: leave_bank(db, other["organization"], entry["id"], _iso()),
                   lambda: delete_entry(db, other["organization"], entry["id"]),
                   lambda: save_entry(db, other["organization"], {"requests": "x", "entered_on": _iso(),
                                                                  "source": "interview"}, entry["id"])):
        with _refused(f"Нет записи банка с номером {entry['id']}."):
            action()
    assert entry_for(db, _ids(db)["Черных"], "mentor") == entry


# --- consents -----------------------------------------------------------------------------------------------


def test_consent_kinds_and_the_demo(db):
    assert KINDS == {"pd": "обработка персональных данных (152-ФЗ ст. 9)",
                     "publication": "распространение персональных данных (152-ФЗ ст. 10.1)",
                     "mentoring": "участие в наставничестве (ст. 351.8 ТК РФ)"}
    people = list_people(db, org_id(db))
    today = TODAY.isoformat()
    assert missing_consents(db, [p["id"] for p in people], "pd", today) == []
    ids = _ids(db)
    participants = [ids[n] for n in ("Черных", "Шевченко", "Кузнецова", "Лебедев", "Шевчук", "Ильин", "Зайцев",
                                      "Мамедова", "Гончаренко")]
    assert missing_consents(db, participants, "mentoring", today) == []
    assert missing_consents(db, [ids["Ведерников"], ids["Черных"]], "mentoring", today) == [ids["Ведерников"]]
    mamedova = list_consents(db, ids["Мамедова"])
    assert [(c["kind"], c["active"]) for c in mamedova] == [("pd", True), ("publication", False), ("mentoring", True)]
    publication = mamedova[1]
    assert publication["kind_title"] == KINDS["publication"] and publication["withdrawn_on"] < today
    assert consent_on(db, ids["Мамедова"], "publication", today) is None
    assert consent_on(db, ids["Мамедова"], "publication", publication["given_on"])["id"] == publication["id"]
    every = [c for p in people for c in list_consents(db, p["id"])]
    assert all(c["given_on"] <= today and (c["withdrawn_on"] or "") <= today for c in every)


def test_consent_in_force_on_a_day(db):
    organization, person = org_id(db), _new_person(db, "Согласнов")
    first = add_consent(db, organization, person, "mentoring", "2025-03-01", "  в личном деле ")
    assert consent_on(db, person, "mentoring", "2025-02-28") is None
    assert consent_on(db, person, "mentoring", "2025-03-01")["id"] == first
    with _refused("У участника Согласнов Пётр уже есть действующее согласие — участие в наставничестве (ст. 351.8 ТК "
                  "РФ) — от 01.03.2025. Новое вносят, когда прежнее отозвано.", "kind"):
        add_consent(db, organization, person, "mentoring", "2025-04-01")
    with _refused("Дата отзыва: 28.02.2025 — раньше, чем согласие дано (01.03.2025).", "withdrawn_on"):
        withdraw_consent(db, organization, first, "2025-02-28")
    withdraw_consent(db, organization, first, "2025-06-01")
    with _refused("Это согласие уже отозвано 01.06.2025.", "withdrawn_on"):
        withdraw_consent(db, organization, first, "2025-06-02")
    # Withdrawn on 01.06: in force the day before, not on the day.
    assert consent_on(db, person, "mentoring", "2025-05-31")["id"] == first
    assert consent_on(db, person, "mentoring", "2025-06-01") is None
    second = add_consent(db, organization, person, "mentoring", "2025-09-01")
    assert consent_on(db, person, "mentoring", "2025-07-01") is None
    assert consent_on(db, person, "mentoring", "2025-09-02")["id"] == second
    assert [c["id"] for c in list_consents(db, person)] == [second, first]
    assert list_consents(db, person)[1]["note"] == "в личном деле"
    assert missing_consents(db, [person, person], "mentoring", "2025-07-01") == [person]
    assert consent_warnings(db, [person], ["pd", "mentoring"], "2025-07-01") == [
        "Нет согласия — обработка персональных данных (152-ФЗ ст. 9) — на 01.07.2025: Согласнов Пётр.",
        "Нет согласия — участие в наставничестве (ст. 351.8 ТК РФ) — на 01.07.2025: Согласнов Пётр "
        "(отозвано 01.06.2025)."]
    assert consent_warnings(db, [person], ["mentoring"], "2025-09-02") == []


def test_consent_rules(db, other):
    organization, person = org_id(db), _new_person(db, "Отказов")
    before = _snapshot(db)
    tomorrow = TODAY + dt.timedelta(days=1)
    for call, message, field in [
        (lambda: add_consent(db, organization, person, "website", "2025-01-01"), "Выберите вид согласия из списка.",
         "kind"),
        (lambda: add_consent(db, organization, person, "pd", tomorrow.isoformat()),
         f"Дата согласия: {tomorrow:%d.%m.%Y} — этот день ещё не наступил.", "given_on"),
        (lambda: add_consent(db, organization, person, "pd", ""), "Дата согласия: укажите дату.", "given_on"),
        (lambda: add_consent(db, organization, person, "pd", "2025-01-01", "я" * 501),
         "Примечание: не длиннее 500 знаков", "note"),
        (lambda: add_consent(db, organization, other["person"], "pd", "2025-01-01"),
         f"Нет участника с номером {other['person']}.", None),
    ]:
        with _refused(message, field):
            call()
    assert _snapshot(db) == before
    consent = add_consent(db, organization, person, "pd", "2025-01-01")
    with _refused(f"Дата отзыва: {tomorrow:%d.%m.%Y} — этот день ещё не наступил.", "withdrawn_on"):
        withdraw_consent(db, organization, consent, tomorrow.isoformat())
    for call in (lambda: withdraw_consent(db, other["organization"], consent, "2025-02-01"),
                 lambda: delete_consent(db, other["organization"], consent)):
        with _refused(f"Нет согласия с номером {consent}."):
            call()
    delete_consent(db, organization, consent)
    assert list_consents(db, person) == []


def test_a_person_deleted_outright_takes_consents_and_bank_entries(db):
    organization, person = org_id(db), _new_person(db, "Ошибкин")
    add_consent(db, organization, person, "pd", "2025-01-01")
    save_entry(db, organization, {"bank": "mentee", "person_id": person, "requests": "Запрос", "entered_on": _iso(),
                                  "source": "interview"})
    delete_person(db, person)
    assert db["consents"].count_where("person_id = ?", [person]) == 0
    assert db["bank_entries"].count_where("person_id = ?", [person]) == 0


# --- the lifecycle of a pair -----------------------------------------------------------------------------------


def _pair_values(db, mentor="Черных", days=(-5, 200), **changes) -> dict:
    return {"mentor_id": _ids(db)[mentor], "form_id": list_forms(db)[0]["id"], "start_date": _iso(days[0]),
            "end_date": _iso(days[1]), **changes}


def test_a_new_pair_is_a_draft_until_an_order_fixes_it(db):
    organization, ids = org_id(db), _ids(db)
    mentee = _new_person(db, "Черновиков")
    pair_id = save_pair(db, organization, _pair_values(db), [mentee])
    pair = get_pair(db, pair_id, organization)
    assert (pair["status"], pair["status_title"], pair["expired"]) == ("draft", "черновик", False)
    assert pair["opened_order"] is None and pair["opened_on"] is None and pair["programme_id"] is None
    assert list(STATUSES) == ["draft", "active", "completed", "terminated"]
    assert pair_id in [p["id"] for p in orderable_pairs(db, organization)]
    assert pair_id in [p["id"] for p in list_pairs(db, organization, ("draft", "active"))]
    assert pair_id not in [p["id"] for p in list_pairs(db, organization, "active")]
    # Saving again keeps the status.
    save_pair(db, organization, _pair_values(db, days=(-5, 150)), [mentee], pair_id)
    assert get_pair(db, pair_id)["status"] == "draft"

    order = register_order(db, organization, date=_iso(-1), kind="pairs-order", heading="О закреплении")
    add_version(db, order["id"], file_name="Приказ.docx", file=b"PK", data={}, pair_ids=[pair_id])
    activate_pairs(db, organization, [pair_id], order["id"], _iso(-1))
    pair = get_pair(db, pair_id, organization)
    assert (pair["status"], pair["opened_order_id"], pair["opened_on"]) == ("active", order["id"], _iso(-1))
    assert pair["opened_order"] == {"id": order["id"], "number": order["number"], "date": _iso(-1)}
    # An active pair named again by another order keeps its first one; one without an order gets it.
    activate_pairs(db, organization, [pair_id], None, _iso())
    assert get_pair(db, pair_id)["opened_order_id"] == order["id"]
    shevchuk_pair = next(p for p in list_pairs(db, organization, "active") if p["mentor_id"] == ids["Черных"]
                         and p["id"] != pair_id)
    activate_pairs(db, organization, [shevchuk_pair["id"]], order["id"], _iso(-1))
    assert get_pair(db, shevchuk_pair["id"])["opened_order_id"] == order["id"]


def test_a_mentee_is_in_one_pair_not_over(db):
    organization, ids = org_id(db), _ids(db)
    before = _snapshot(db)
    # Гончаренко is still in Лебедев's pair, active though past its term: it is completed first.
    with _refused("Гончаренко Кирилл Андреевич уже в действующей паре (группе), наставник — Лебедев Сергей "
                  "Николаевич: наставляемый может быть только в одной действующей паре.", "mentee_ids"):
        save_pair(db, organization, _pair_values(db), [ids["Гончаренко"]])
    assert _snapshot(db) == before
    lebedev = next(p for p in list_pairs(db, organization) if p["mentor_id"] == ids["Лебедев"])
    assert close_expired(db, organization) >= 1
    assert get_pair(db, lebedev["id"])["closed_on"] == lebedev["end_date"]
    draft = save_pair(db, organization, _pair_values(db), [ids["Гончаренко"]])
    # One draft at a time, and no active pair (an import) beside it.
    for status in (None, "active"):
        with _refused("Гончаренко Кирилл Андреевич уже в черновике пары (группы), наставник — Черных Ольга "
                      "Ильинична", "mentee_ids"):
            save_pair(db, organization, _pair_values(db, "Кузнецова", **({"status": status} if status else {})),
                      [ids["Гончаренко"]])
    activate_pairs(db, organization, [draft], None, _iso())
    assert get_pair(db, draft)["status"] == "active" and get_pair(db, draft)["opened_on"] == _iso()
    with _refused("Гончаренко Кирилл Андреевич уже в действующей паре (группе), наставник — Черных Ольга "
                  "Ильинична", "mentee_ids"):
        save_pair(db, organization, _pair_values(db, "Кузнецова"), [ids["Гончаренко"]])
    # A draft brought back from the archive beside a newer one: no order fixes either while both stand.
    mentee = _new_person(db, "Дважды")
    first = save_pair(db, organization, _pair_values(db), [mentee])
    archive_pair(db, first)
    second = save_pair(db, organization, _pair_values(db, "Кузнецова"), [mentee])
    archive_pair(db, first, archived=False)
    with _refused("Дважды Пётр уже в черновике пары (группы), наставник — Черных Ольга Ильинична", "mentee_ids"):
        activate_pairs(db, organization, [second], None, _iso())
    assert [get_pair(db, i)["status"] for i in (first, second)] == ["draft", "draft"]
    delete_pair(db, first)
    activate_pairs(db, organization, [second], None, _iso())
    assert get_pair(db, second)["status"] == "active"


def test_activation_is_all_or_nothing(db, other):
    organization = org_id(db)
    first = save_pair(db, organization, _pair_values(db), [_new_person(db, "Первов")])
    late = save_pair(db, organization, _pair_values(db, days=(-100, -50)), [_new_person(db, "Поздняков")])
    terminated = next(p for p in list_pairs(db, organization, "terminated"))
    for pair_ids, message, field in [
        ([first, late], f"закончился {_ru(_iso(-50))} — раньше даты приказа {_ru(_iso())}: исправьте срок пары.",
         "date"),
        ([first, terminated["id"]], "уже прекращена досрочно", "pair_ids"),
        ([first, other["pair"]], f"Нет пары с номером {other['pair']}.", None),
    ]:
        with _refused(message, field):
            activate_pairs(db, organization, pair_ids, None, _iso())
        assert get_pair(db, first)["status"] == "draft"
    with _refused("Нет приказа с номером записи 999999 в журнале этой организации.", "order_id"):
        activate_pairs(db, organization, [first], 999999, _iso())
    with _refused("Дата приказа: «вчера» — не дата.", "date"):
        activate_pairs(db, organization, [first], None, "вчера")
    assert get_pair(db, first)["status"] == "draft"


def test_closing_a_pair(db, other):
    organization, ids = org_id(db), _ids(db)
    pair = next(p for p in list_pairs(db, organization, "active") if p["mentor_id"] == ids["Кузнецова"])
    start, end = pair["start_date"], pair["end_date"]
    day = min(max(start, _iso(-1)), end)  # within the term, whatever the season
    before = _snapshot(db)
    for kwargs, message, field in [
        ({"status": "archived", "day": day}, "Выберите, как закончилась пара: завершена или прекращена досрочно.",
         "status"),
        ({"status": "terminated", "day": day, "initiative": "mentee"}, "Укажите причину досрочного прекращения.",
         "close_reason"),
        ({"status": "terminated", "day": day, "reason": "переезд"},
         "Укажите, по чьей инициативе прекращено наставничество.", "close_initiative"),
        ({"status": "terminated", "day": day, "reason": "переезд", "initiative": "директор"},
         "Укажите, по чьей инициативе прекращено наставничество.", "close_initiative"),
        ({"status": "terminated", "day": "2000-01-01", "reason": "переезд", "initiative": "mentee"},
         f"Дата прекращения: 01.01.2000 — раньше начала наставничества ({_ru(start)}).", "closed_on"),
        ({"status": "terminated", "day": (dt.date.fromisoformat(end) + dt.timedelta(days=1)).isoformat(),
          "reason": "переезд", "initiative": "mentee"}, "пара, дошедшая до конца срока, завершается", "closed_on"),
        ({"status": "completed", "day": ""}, "Дата завершения: укажите дату.", "closed_on"),
        ({"status": "completed", "day": day, "order_id": 999999}, "Нет приказа с номером записи 999999", "order_id"),
    ]:
        with _refused(message, field):
            close_pair(db, organization, pair["id"], **kwargs)
    with _refused(f"Нет пары с номером {other['pair']}."):
        close_pair(db, organization, other["pair"], status="completed", day=day)
    assert _snapshot(db) == before

    close_pair(db, organization, pair["id"], status="terminated", day=day, reason=" перевод наставляемого\r\n",
               initiative="mentee")
    closed = get_pair(db, pair["id"], organization)
    assert (closed["status"], closed["status_title"], closed["closed_on"], closed["close_reason"],
            closed["close_initiative"], closed["initiative_title"]) == (
        "terminated", "прекращена досрочно", day, "перевод наставляемого", "mentee", "по инициативе наставляемого")
    with _refused(f"Пара (группа) уже прекращена досрочно {_ru(day)}.", "status"):
        close_pair(db, organization, pair["id"], status="completed", day=day)
    # A mistake is undone; then the pair completes by plan, no reason or initiative needed.
    reopen_pair(db, organization, pair["id"])
    reopened = get_pair(db, pair["id"])
    assert (reopened["status"], reopened["closed_on"], reopened["close_reason"], reopened["close_initiative"]) == (
        "active", None, None, None)
    with _refused("Пара (группа) действует: возвращать в действующие нечего.", "status"):
        reopen_pair(db, organization, pair["id"])
    order = register_order(db, organization, date=day, kind="closing-order", heading="О завершении")
    close_pair(db, organization, pair["id"], status="completed", day=day, initiative="mentor", order_id=order["id"])
    completed = get_pair(db, pair["id"])
    assert (completed["status"], completed["close_initiative"], completed["closed_order_id"]) == (
        "completed", None, order["id"])
    assert INITIATIVES == {"mentor": "по инициативе наставника", "mentee": "по инициативе наставляемого",
                           "organization": "по инициативе организации", "mutual": "по взаимному согласию сторон"}


def test_a_closing_order_ends_its_pairs_as_it_prints_them(db, other):
    organization = org_id(db)
    active = [save_pair(db, organization, _pair_values(db, mentor=m), [_new_person(db, name)])
              for name, m in (("Закрываев", "Черных"), ("Завершаев", "Кузнецова"))]
    ended = save_pair(db, organization, _pair_values(db, mentor="Черных"), [_new_person(db, "Ушедшая")])
    activate_pairs(db, organization, [*active, ended], None, _iso(-5))
    close_pair(db, organization, ended, status="terminated", day=_iso(-1), reason="переезд", initiative="mentee")
    draft = save_pair(db, organization, _pair_values(db), [_new_person(db, "Черновой")])
    order = register_order(db, organization, date=_iso(), kind="closing-order", heading="О завершении")
    earlier = register_order(db, organization, date=_iso(), kind="closing-order", heading="О завершении")
    before = _snapshot(db)
    done = {"id": active[0], "status": "completed", "closed_on": _iso()}
    for outcomes, message, field in [
        ([done, {"id": draft, "status": "completed", "closed_on": _iso()}],
         "— черновик, не закреплённый приказом: завершать её нечего.", "pair_ids"),
        ([done, {"id": active[1], "status": "terminated", "closed_on": _iso()}],
         "Укажите причину досрочного прекращения.", "close_reason"),
        ([done, {"id": other["pair"], "status": "completed", "closed_on": _iso()}],
         f"Нет пары с номером {other['pair']}.", "any"),
        ([done, {"id": active[1], "status": "completed", "closed_on": "2001-01-01"}],
         "Дата завершения: 01.01.2001 — раньше начала наставничества", "closed_on"),
    ]:
        with _refused(message, field):
            close_by_order(db, organization, order["id"], outcomes)
        assert _snapshot(db) == before  # all or nothing
    with _refused("Нет приказа с номером записи 999999", "order_id"):
        close_by_order(db, organization, 999999, [done])

    # An active pair is ended by the order; the pair ended without an order takes the order's outcome.
    assert close_by_order(db, organization, order["id"], [
        done, {"id": active[1], "status": "terminated", "closed_on": _iso(), "reason": "болезнь",
               "initiative": "mentor"},
        {"id": ended, "status": "terminated", "closed_on": _iso(-1), "reason": "переезд", "initiative": "mentee"}]) == 3
    rows = {p: get_pair(db, p) for p in (*active, ended)}
    assert [(r["status"], r["closed_on"], r["close_reason"], r["close_initiative"], r["closed_order_id"])
            for r in rows.values()] == [
        ("completed", _iso(), None, None, order["id"]),
        ("terminated", _iso(), "болезнь", "mentor", order["id"]),
        ("terminated", _iso(-1), "переезд", "mentee", order["id"])]
    # Another order cannot end them again.
    with _refused(f"уже завершена приказом № {order['number']} от {_ru(_iso())}: снимите с неё отметку.", "pair_ids"):
        close_by_order(db, organization, earlier["id"], [done])
    # A new version of the order that drops a pair leaves it ended, without an order.
    assert close_by_order(db, organization, order["id"], [done, {
        "id": active[1], "status": "completed", "closed_on": _iso()}]) == 2
    assert get_pair(db, active[1])["status"] == "completed"
    dropped = get_pair(db, ended)
    assert (dropped["status"], dropped["closed_order_id"]) == ("terminated", None)


def test_a_draft_is_not_closed_but_changed_or_deleted(db):
    organization = org_id(db)
    draft = save_pair(db, organization, _pair_values(db), [_new_person(db, "Удалов")])
    with _refused("Пара (группа) ещё не закреплена приказом (черновик): завершать нечего", "status"):
        close_pair(db, organization, draft, status="completed", day=_iso())
    with _refused("Пара (группа) — черновик: возвращать в действующие нечего.", "status"):
        reopen_pair(db, organization, draft)
    save_programme(db, organization, draft, {"goal": "Адаптация"}, [{"activity": "Встреча", "deadline": "сентябрь"}])
    delete_pair(db, draft)
    assert get_pair(db, draft) is None and db["programmes"].count_where("pair_id = ?", [draft]) == 0
    assert db.execute("select count(*) from programme_items where programme_id not in (select id from programmes)"
                      ).fetchone()[0] == 0


def test_reopening_refuses_a_mentee_taken_since(db):
    organization, ids = org_id(db), _ids(db)
    terminated = next(p for p in list_pairs(db, organization, "terminated"))
    assert terminated["mentees"][0]["last_name"] == "Зайцев"
    with _refused("Зайцев Дмитрий Игоревич уже в действующей паре (группе), наставник — Кузнецова Марина Петровна"):
        reopen_pair(db, organization, terminated["id"])
    assert get_pair(db, terminated["id"])["status"] == "terminated"
    assert ids["Зайцев"] in [m["id"] for m in terminated["mentees"]]


def test_the_demo_year_of_the_cycle(db):
    organization = org_id(db)
    pairs = list_pairs(db, organization)
    assert [(p["mentor"]["last_name"], p["status"]) for p in pairs] == [
        ("Лебедев", "active"), ("Шевченко", "terminated"), ("Черных", "active"), ("Шевченко", "active"),
        ("Кузнецова", "active")]
    terminated = pairs[1]
    assert terminated["closed_on"] <= TODAY.isoformat()
    assert terminated["close_reason"] == "длительная болезнь наставника"
    assert terminated["initiative_title"] == "по инициативе организации"
    assert academic_year(dt.date.fromisoformat(terminated["start_date"])) == AUTUMN - 1
    programmes = list_programmes(db, organization, AUTUMN)
    assert [p["pair"]["mentor"]["last_name"] for p in programmes] == ["Черных", "Шевченко"]
    assert list_programmes(db, organization, AUTUMN - 1) == []
    for programme in programmes:
        assert 4 <= programme["items_total"] <= 6 and 0 < programme["items_done"] < programme["items_total"]
        assert programme["goal"] and programme["tasks"] and programme["approved_on"] <= TODAY.isoformat()
        assert all(i["done_on"] is None or i["done_on"] <= TODAY.isoformat() for i in programme["items"])
        assert [i["position"] for i in programme["items"]] == list(range(1, programme["items_total"] + 1))
    first = programmes[0]
    assert (first["items_total"], first["items_done"]) == (6, 3)
    assert first["items"][3]["deadline"] == f"15.01.{AUTUMN + 1}"
    assert get_pair(db, first["pair_id"])["programme_id"] == first["id"]


# --- programmes ---------------------------------------------------------------------------------------------------


def _programme_pair(db) -> int:
    return next(p["id"] for p in list_pairs(db, org_id(db), "active") if p["mentor"]["last_name"] == "Кузнецова")


ROWS = [
    {"activity": "Встреча-знакомство", "deadline": "сентябрь 2025", "form": "беседа", "expected_result": "план",
     "done_on": "2025-09-20"},
    {"activity": "", "deadline": "", "form": "", "expected_result": "", "done_on": None},
    {"activity": "Открытый урок", "deadline": "1.3.2026", "form": "открытый урок", "expected_result": ""},
]


def test_a_programme_is_saved_whole(db):
    organization, pair = org_id(db), _programme_pair(db)
    programme_id = save_programme(db, organization, pair, {"difficulties": "Дисциплина", "goal": " Адаптация ",
                                                           "tasks": "1.\n2.", "approved_on": "2025-09-15"}, ROWS)
    programme = get_programme(db, pair, organization)
    assert programme["id"] == programme_id and programme["goal"] == "Адаптация" and programme["tasks"] == "1.\n2."
    assert programme["expected_results"] == "" and programme["approved_on"] == "2025-09-15"
    assert [(i["position"], i["activity"], i["deadline"], i["done_on"]) for i in programme["items"]] == [
        (1, "Встреча-знакомство", "сентябрь 2025", "2025-09-20"), (2, "Открытый урок", "01.03.2026", None)]
    assert (programme["items_total"], programme["items_done"]) == (2, 1)
    # Saving again replaces the plan; the programme keeps its id.
    assert save_programme(db, organization, pair, {"goal": "Адаптация"}, ROWS[2:]) == programme_id
    assert [i["activity"] for i in get_programme(db, pair, organization)["items"]] == ["Открытый урок"]
    assert get_programme(db, pair, organization)["approved_on"] is None
    item = get_programme(db, pair, organization)["items"][0]
    mark_item(db, organization, item["id"], "2026-01-10" if TODAY.isoformat() >= "2026-01-10" else TODAY.isoformat())
    assert get_item(db, item["id"], organization)["done_on"] is not None
    mark_item(db, organization, item["id"], None)
    assert get_item(db, item["id"], organization)["done_on"] is None


@pytest.mark.parametrize("rows, values, field, message", [
    (ROWS + [{"activity": "Итоговая встреча", "deadline": " "}], {}, "items-3-deadline",
     "Строка 4 плана: укажите срок."),
    ([ROWS[1], ROWS[1], {"activity": "", "deadline": "май", "form": "беседа"}], {}, "items-2-activity",
     "Строка 3 плана: укажите мероприятие."),
    ([{"activity": "", "done_on": "2025-09-01"}], {}, "items-0-activity", "Строка 1 плана: укажите мероприятие."),
    ([{"activity": "Урок", "deadline": "31.02.2026"}], {}, "items-0-deadline",
     "Строка 1 плана: срок «31.02.2026» — такой даты нет. Впишите дату в виде ДД.ММ.ГГГГ или словами"),
    ([{"activity": "Урок", "deadline": "01.01.2101"}], {}, "items-0-deadline",
     "Строка 1 плана, срок: 01.01.2101 — укажите дату между 2000 и 2100 годом."),
    ([{"activity": "Урок", "deadline": "май", "done_on": "2100-01-01"}], {}, "items-0-done_on",
     "Строка 1 плана, дата выполнения: 01.01.2100 — этот день ещё не наступил."),
    ([{"activity": "я" * 501, "deadline": "май"}], {}, "items-0-activity",
     "Строка 1 плана, мероприятие: не длиннее 500 знаков"),
    ([{"activity": "Урок", "deadline": "май\x00"}], {}, "items-0-deadline", "служебный символ U+0000"),
    ([{"activity": "Урок", "deadline": "май"}] * 201, {}, "items", "В плане не больше 200 строк."),
    (ROWS, {"goal": "  "}, "goal", "Цель: не заполнено."),
    (ROWS, {"tasks": "я" * 4001}, "tasks", "Задачи: не длиннее 4000 знаков"),
    (ROWS, {"approved_on": "2025-02-30"}, "approved_on", "Дата утверждения: «2025-02-30» — не дата."),
])
def test_a_programme_with_a_bad_row_writes_nothing(db, rows, values, field, message):
    organization, pair = org_id(db), _programme_pair(db)
    save_programme(db, organization, pair, {"goal": "Было"}, [{"activity": "Прежнее", "deadline": "май"}])
    before = _snapshot(db)
    with _refused(message, field):
        save_programme(db, organization, pair, {"goal": "Адаптация", **values}, rows)
    assert _snapshot(db) == before
    assert [i["activity"] for i in get_programme(db, pair, organization)["items"]] == ["Прежнее"]


def test_programmes_stay_in_their_organisation(db, other):
    organization, pair = org_id(db), _programme_pair(db)
    with _refused(f"Нет пары с номером {other['pair']}."):
        save_programme(db, organization, other["pair"], {"goal": "Чужая"}, [])
    save_programme(db, other["organization"], other["pair"], {"goal": "Своя"}, [{"activity": "Встреча",
                                                                               "deadline": "май"}])
    assert get_programme(db, other["pair"], organization) is None
    foreign = get_programme(db, other["pair"], other["organization"])["items"][0]
    with _refused(f"Нет строки плана с номером {foreign['id']}."):
        mark_item(db, organization, foreign["id"], TODAY.isoformat())
    assert get_item(db, foreign["id"], organization) is None
    with _refused("Дата выполнения: «завтра» — не дата.", "done_on"):
        mark_item(db, other["organization"], foreign["id"], "завтра")
    with _refused(f"Нет пары с номером {pair}."):
        save_programme(db, other["organization"], pair, {"goal": "Чужая"}, [])
    assert [p["pair_id"] for p in list_programmes(db, other["organization"])] == [other["pair"]]


# --- the academic year ------------------------------------------------------------------------------------------


def test_academic_year_of_the_organisation(db):
    organization = org_id(db)
    assert get_organization(db, organization)["academic_year"] is None
    assert current_academic_year(get_organization(db, organization)) == AUTUMN
    assert current_academic_year({"academic_year": None}, dt.date(2026, 8, 31)) == 2025
    save_organization(db, organization, {"academic_year": 2025})
    assert current_academic_year(get_organization(db, organization)) == 2025
    for wrong in (1999, 2100, "2025"):
        with _refused("Учебный год: укажите первый год, например 2025 для 2025/2026", "academic_year"):
            save_organization(db, organization, {"academic_year": wrong})
    save_organization(db, organization, {"academic_year": None})
    assert get_organization(db, organization)["academic_year"] is None
