"""Corrected case forms that win over the grammar engine: per person (``name``, ``position``) and
global per phrase (``position``, ``organization``, keyed by the nominative as typed).

Forms are keyed by the OpenCorpora case tag (``gent`` … ``loct``)."""

from sqlite_utils import Database

from registry.db import RegistryError, write

PERSON_FIELDS = ("name", "position")
PHRASE_KINDS = {"position": "должность", "organization": "организация"}


def person_forms(db: Database, person_id: int) -> dict[str, dict[str, str]]:
    """``{"name": {case: form}, "position": {case: form}}`` of one person."""
    forms: dict[str, dict[str, str]] = {field: {} for field in PERSON_FIELDS}
    for row in db["person_forms"].rows_where("person_id = ?", [person_id]):
        forms[row["field"]][row["case_tag"]] = row["form"]
    return forms


def effective_forms(db: Database, person_id: int, position: str) -> dict[str, dict[str, str]]:
    """The corrections documents apply to a person: their own name forms, and for the position the
    global corrections of ``position`` overridden by their own."""
    own = person_forms(db, person_id)
    return {"name": own["name"], "position": {**phrase_forms(db, "position", position), **own["position"]}}


def set_person_forms(db: Database, person_id: int, field: str, forms: dict[str, str]) -> None:
    """Replace the person's corrections of ``field`` with ``forms`` (case → form; empty: none)."""
    if field not in PERSON_FIELDS:
        raise RegistryError(f"Неизвестное поле «{field}».")
    with write(db):
        db.execute("delete from person_forms where person_id = ? and field = ?", [person_id, field])
        db["person_forms"].insert_all(
            {"person_id": person_id, "field": field, "case_tag": case, "form": form} for case, form in forms.items()
        )


def phrase_forms(db: Database, kind: str, text: str) -> dict[str, str]:
    """The global corrections of a phrase: case → form."""
    return {
        row["case_tag"]: row["form"]
        for row in db["phrase_forms"].rows_where("kind = ? and text = ?", [kind, " ".join(text.split())])
    }


def list_phrase_forms(db: Database) -> list[dict]:
    return list(db["phrase_forms"].rows_where(order_by="kind, text, case_tag"))


def set_phrase_form(db: Database, kind: str, text: str, case: str, form: str) -> None:
    """Add or replace one global correction. Raises :class:`RegistryError` (Russian) for an unknown
    kind or an empty text or form."""
    if kind not in PHRASE_KINDS:
        raise RegistryError(f"Неизвестный вид «{kind}»: допустимо {', '.join(PHRASE_KINDS.values())}.", "kind")
    text, form = " ".join(text.split()), " ".join(form.split())
    if not text or not form:
        raise RegistryError("Заполните и исходный текст (в именительном падеже), и исправленную форму.", "text")
    with write(db):
        db["phrase_forms"].upsert({"kind": kind, "text": text, "case_tag": case, "form": form},
                                  pk=("kind", "text", "case_tag"))


def delete_phrase_form(db: Database, kind: str, text: str, case: str) -> None:
    with write(db):
        db.execute("delete from phrase_forms where kind = ? and text = ? and case_tag = ?", [kind, text, case])
