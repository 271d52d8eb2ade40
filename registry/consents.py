"""Written consents of the people of the registry: to the processing of personal data (152-ФЗ art. 9;
since 01.09.2025 one document per person and purpose), to their dissemination, e.g. on the
organisation's website (152-ФЗ art. 10.1, a separate consent again), and to mentoring (Labour Code
art. 351.8, since 01.03.2025). A consent is given on a date and may be withdrawn on a later one; the
registry keeps both, so that a document of any date can tell whether the consent was in force."""

from collections.abc import Iterable

from sqlite_utils import Database

from registry.db import RegistryError, now, ru_date, write
from registry.pairs import check_day, check_free_text
from registry.people import full_name

#: Kinds of consent and their Russian titles.
KINDS = {
    "pd": "обработка персональных данных (152-ФЗ ст. 9)",
    "publication": "распространение персональных данных (152-ФЗ ст. 10.1)",
    "mentoring": "участие в наставничестве (ст. 351.8 ТК РФ)",
}
#: Longest note of a consent, in characters.
NOTE_LENGTH = 500


def _with_titles(row: dict) -> dict:
    row = dict(row)
    row["kind_title"] = KINDS.get(row["kind"], row["kind"])
    row["active"] = row["withdrawn_on"] is None
    return row


def list_consents(db: Database, person_id: int) -> list[dict]:
    """The person's consents, by kind in the order of :data:`KINDS`, newest given first; each with
    ``kind_title`` and ``active`` (not withdrawn)."""
    order = {kind: index for index, kind in enumerate(KINDS)}
    rows = [_with_titles(row) for row in db["consents"].rows_where("person_id = ?", [person_id])]
    rows.sort(key=lambda r: r["id"], reverse=True)
    rows.sort(key=lambda r: r["given_on"], reverse=True)
    rows.sort(key=lambda r: order.get(r["kind"], len(order)))
    return rows


def get_consent(db: Database, consent_id: int, organization_id: int | None = None) -> dict | None:
    """One consent with ``kind_title`` and ``active``; None when there is none (or none of the
    organisation)."""
    rows = list(db["consents"].rows_where("id = ?", [consent_id]))
    if not rows or (organization_id is not None and rows[0]["organization_id"] != organization_id):
        return None
    return _with_titles(rows[0])


def add_consent(db: Database, organization_id: int, person_id: int, kind: str, given_on: str, note: str = "") -> int:
    """Record a consent of ``kind`` (a code of :data:`KINDS`) the person gave on ISO date
    ``given_on``; returns its id. Raises :class:`RegistryError` (fields ``kind``, ``given_on``,
    ``note``) for an unknown kind, a day not yet come, a person not of the organisation, or a
    consent of that kind already in force (withdraw it first: one document per purpose)."""
    if kind not in KINDS:
        raise RegistryError("Выберите вид согласия из списка.", "kind")
    day = check_day(given_on, "given_on", "Дата согласия", not_future=True)
    note = check_free_text(note, "note", "Примечание", NOTE_LENGTH)
    with write(db):
        person = db.execute("select * from people where id = ? and organization_id = ?",
                            [person_id, organization_id]).fetchone()
        if person is None:
            raise RegistryError(f"Нет участника с номером {person_id}.")
        existing = db.execute("select given_on from consents where person_id = ? and kind = ? and withdrawn_on is null",
                              [person_id, kind]).fetchone()
        if existing:
            raise RegistryError(f"У участника {full_name(dict(person))} уже есть действующее согласие — {KINDS[kind]} "
                                f"— от {ru_date(existing['given_on'])}. Новое вносят, когда прежнее отозвано.", "kind")
        return db["consents"].insert({"organization_id": organization_id, "person_id": person_id, "kind": kind,
                                      "given_on": day.isoformat(), "withdrawn_on": None, "note": note or None,
                                      "created_at": now()}).last_pk


def withdraw_consent(db: Database, organization_id: int, consent_id: int, withdrawn_on: str) -> None:
    """The person withdrew the consent on ISO date ``withdrawn_on``. Raises :class:`RegistryError`
    (field ``withdrawn_on``) for a consent not of the organisation, one already withdrawn, or a day
    before the consent was given or not yet come."""
    day = check_day(withdrawn_on, "withdrawn_on", "Дата отзыва", not_future=True)
    with write(db):
        consent = get_consent(db, consent_id, organization_id)
        if consent is None:
            raise RegistryError(f"Нет согласия с номером {consent_id}.")
        if consent["withdrawn_on"]:
            raise RegistryError(f"Это согласие уже отозвано {ru_date(consent['withdrawn_on'])}.", "withdrawn_on")
        if day.isoformat() < consent["given_on"]:
            raise RegistryError(f"Дата отзыва: {day:%d.%m.%Y} — раньше, чем согласие дано "
                                f"({ru_date(consent['given_on'])}).", "withdrawn_on")
        db["consents"].update(consent_id, {"withdrawn_on": day.isoformat()})


def delete_consent(db: Database, organization_id: int, consent_id: int) -> None:
    """Remove a consent entered by mistake (a withdrawn one is kept by :func:`withdraw_consent`)."""
    with write(db):
        if get_consent(db, consent_id, organization_id) is None:
            raise RegistryError(f"Нет согласия с номером {consent_id}.")
        db.execute("delete from consents where id = ?", [consent_id])


def consent_on(db: Database, person_id: int, kind: str, day: str) -> dict | None:
    """The consent of ``kind`` in force on ISO date ``day`` (given on or before it and not withdrawn
    on or before it; the latest given), with ``kind_title`` and ``active``; None when there is none."""
    row = db.execute(
        "select * from consents where person_id = ? and kind = ? and given_on <= ?"
        " and (withdrawn_on is null or withdrawn_on > ?) order by given_on desc, id desc limit 1",
        [person_id, kind, day, day]).fetchone()
    return _with_titles(row) if row else None


def missing_consents(db: Database, person_ids: Iterable[int], kind: str, day: str) -> list[int]:
    """Those of ``person_ids`` (in their order, once each) without a consent of ``kind`` in force on
    ISO date ``day``."""
    return [person_id for person_id in dict.fromkeys(person_ids) if consent_on(db, person_id, kind, day) is None]


def consent_warnings(db: Database, person_ids: Iterable[int], kinds: Iterable[str], day: str) -> list[str]:
    """One Russian warning per kind of consent some of ``person_ids`` lack on ISO date ``day``:
    «Нет согласия — участие в наставничестве (ст. 351.8 ТК РФ) — на 01.09.2025: Шевчук Анна
    Сергеевна (отозвано 01.06.2025), Ильин Артём Олегович.» Empty when every consent is in force."""
    person_ids = list(dict.fromkeys(person_ids))
    warnings = []
    for kind in kinds:
        names = []
        for person_id in missing_consents(db, person_ids, kind, day):
            person = db.execute("select * from people where id = ?", [person_id]).fetchone()
            withdrawn = db.execute("select max(withdrawn_on) from consents where person_id = ? and kind = ?"
                                   " and withdrawn_on <= ?", [person_id, kind, day]).fetchone()[0]
            names.append(full_name(dict(person)) + (f" (отозвано {ru_date(withdrawn)})" if withdrawn else ""))
        if names:
            warnings.append(f"Нет согласия — {KINDS[kind]} — на {ru_date(day)}: {', '.join(names)}.")
    return warnings
