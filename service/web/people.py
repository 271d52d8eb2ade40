"""«Участники»: people of the organisation, their roles, how their names decline, their pairs and
the orders that name them."""

import datetime as dt
import unicodedata

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.banks import BANKS, entries_of
from registry.consents import consent_warnings, list_consents
from registry.corrections import effective_forms, person_forms, set_person_forms
from registry.db import RegistryError, write
from registry.orders import list_orders
from registry.pairs import CURRENT, list_pairs
from registry.people import (
    ROLES,
    archive_person,
    check_name_part,
    check_text,
    delete_person,
    full_name,
    get_person,
    list_people,
    probable_duplicates,
    save_person,
)
from service.grammar.cases import CASE_TITLES, CASES
from service.grammar.gender import GenderUnknown
from service.grammar.names import PersonName
from service.grammar.positions import decline_position
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.forms import CSRF_EXPIRED, ConfirmForm, PersonForm
from service.web.organization import organization_required

bp = Blueprint("people", __name__, url_prefix="/people")


def declension_table(db, person: dict) -> list[dict] | None:
    """For each case: its tag and title, the engine's full name and position, and the forms documents
    will use (the engine's unless corrected). None when the gender is unknown."""
    try:
        name = PersonName.parse(full_name(person), person.get("gender") or None)
    except (GenderUnknown, ValueError):
        return None
    position = person.get("position") or ""
    fixes = effective_forms(db, person["id"], position)
    rows = []
    for case in CASES:
        engine_name, engine_position = name.full(case), decline_position(position, case)
        rows.append({
            "tag": case.value, "title": CASE_TITLES[case],
            "engine_name": engine_name, "name": fixes["name"].get(case.value, engine_name),
            "engine_position": engine_position,
            "position": fixes["position"].get(case.value, engine_position),
        })
    return rows


@bp.get("/")
@organization_required
def index():
    args = request.args
    filters = {"query": args.get("q", "")[:100], "role": args.get("role") if args.get("role") in ROLES else None,
               "position": args.get("position", "")[:100], "archived": args.get("archived") == "1"}
    return render_template("people/list.html", people=list_people(get_db(), g.organization["id"], **filters),
                           roles=ROLES, filters=filters)


def _values(form: PersonForm) -> dict:
    values = {name: (form[name].data or "").strip() for name in
              ("last_name", "first_name", "middle_name", "gender", "position", "subject",
               "qualification_category", "email", "phone", "personnel_number")}
    values["gender"] = values["gender"] or None
    years = form.experience_years.data
    values["experience_years"] = float(years) if years is not None else None
    values["birth_date"] = form.birth_date.data.isoformat() if form.birth_date.data else None
    return values


def _person_form(person: dict | None, from_request: bool = True) -> PersonForm:
    """The person form filled from the record, and from the posted form when ``from_request``."""
    data = dict(person or {})
    if data.get("birth_date"):
        data["birth_date"] = dt.date.fromisoformat(data["birth_date"])
    form = PersonForm(data=data) if from_request else PersonForm(formdata=None, data=data)
    if person and not form.is_submitted():
        form.roles.data = person["roles"]
    return form


def _check_name_form(value: str, case_title: str) -> str:
    """A corrected full name obeys the rules of the name fields (Cyrillic letters, hyphen, apostrophe)."""
    try:
        return " ".join(check_name_part(word, "last_name") for word in value.split())
    except RegistryError as error:
        raise RegistryError(f"ФИО, {case_title}: {error.message.split(': ', 1)[1]}") from None


def _check_position_form(value: str, case_title: str) -> str:
    try:
        return check_text(value, "position")
    except RegistryError as error:
        raise RegistryError(f"Должность, {case_title}: {error.message.split(': ', 1)[1]}") from None


def disputed_variants(db, person: dict) -> list[dict[str, str]]:
    """When references decline the person's surname in more than one way (Заяц: Заяца or Зайца) and
    the secretary has not chosen yet: the whole name in every case (tag → form) for each way, the
    engine's first. Empty otherwise."""
    if person_forms(db, person["id"])["name"]:
        return []
    try:
        name = PersonName.parse(full_name(person), person.get("gender") or None)
    except (GenderUnknown, ValueError):
        return []
    return [{case.value: form for case, form in variant.items()} for variant in name.disputed_forms()]


def _page(person: dict | None, form: PersonForm, duplicates=(), typed_forms: dict | None = None,
          forms_errors: list[str] = ()):
    """The person's page; ``typed_forms`` (field_case → text) replace the case forms shown when a post of
    them failed, so nothing typed is lost."""
    db = get_db()
    context = {}
    if person:
        declension = declension_table(db, person)
        for row in declension or []:
            for field in ("name", "position"):
                row[field] = (typed_forms or {}).get(f"{field}_{row['tag']}", row[field])
        organization_id = g.organization["id"]
        pairs = (list_pairs(db, organization_id, person_id=person["id"])
                 + list_pairs(db, organization_id, person_id=person["id"], archived=True))
        entries = entries_of(db, person["id"])
        in_pair = any(p["status"] in CURRENT and not p["archived_at"] for p in pairs)
        # In a bank or a pair not over, the person needs the consent to processing; in a pair, to mentoring too.
        needed = ["pd"] if in_pair or any(not e["left_on"] for e in entries) else []
        needed += ["mentoring"] if in_pair else []
        context = {"declension": declension, "disputed": disputed_variants(db, person), "pairs": pairs,
                   "orders": list_orders(db, organization_id, person_id=person["id"]),
                   "consents": list_consents(db, person["id"]), "bank_entries": entries,
                   "banks_in": {e["bank"] for e in entries if not e["left_on"]}, "banks": BANKS,
                   "consent_warnings": consent_warnings(db, [person["id"]], needed, dt.date.today().isoformat())}
    return render_template("people/form.html", form=form, person=person, duplicates=duplicates,
                           forms_form=ConfirmForm(), forms_errors=forms_errors, **context)


def _save(person: dict | None):
    db = get_db()
    form = _person_form(person)
    duplicates = []
    if form.validate_on_submit():
        values = _values(form)
        duplicates = probable_duplicates(db, g.organization["id"], values, person["id"] if person else None)
        try:
            PersonName.parse(full_name(values), values["gender"])
        except GenderUnknown:
            form.gender.errors.append("По ФИО пол не определяется: выберите мужской или женский.")
        else:
            if not duplicates or form.confirm_duplicate.data:
                try:
                    person_id = save_person(db, g.organization["id"], values, form.roles.data,
                                            person["id"] if person else None)
                except RegistryError as error:
                    form.add_error(error)
                else:
                    flash(f"Сохранено: {full_name(values)}.")
                    return redirect(url_for("people.edit", person_id=person_id))
    return _page(person, form, duplicates)


@bp.route("/new", methods=("GET", "POST"))
@organization_required
def new():
    return _save(None)


def _person_or_404(person_id: int) -> dict:
    person = get_person(get_db(), person_id, g.organization["id"])
    if person is None:
        abort(404)
    return person


@bp.route("/<id:person_id>", methods=("GET", "POST"))
@organization_required
def edit(person_id: int):
    return _save(_person_or_404(person_id))


@bp.post("/<id:person_id>/forms")
@organization_required
def save_forms(person_id: int):
    """Keep the secretary's corrections of the person's name and position, case by case; a form left
    as the engine gives it (or emptied) is no correction."""
    db = get_db()
    person = _person_or_404(person_id)
    table = declension_table(db, person)
    typed = {key: unicodedata.normalize("NFC", " ".join(value.split())) for key, value in request.form.items()
             if key.startswith(("name_", "position_"))}
    if not ConfirmForm().validate_on_submit():
        return _page(person, _person_form(person, from_request=False), typed_forms=typed, forms_errors=[CSRF_EXPIRED])
    if table is None:
        return _page(person, _person_form(person, from_request=False),
                     forms_errors=["Сначала укажите пол: без него формы не строятся."])
    fixes: dict[str, dict[str, str]] = {"name": {}, "position": {}}
    try:
        for row in table[1:]:
            for field, check in (("name", _check_name_form), ("position", _check_position_form)):
                value = typed.get(f"{field}_{row['tag']}", "")
                if value and value != row[f"engine_{field}"]:
                    fixes[field][row["tag"]] = check(value, row["title"])
        with write(db):
            for field, forms in fixes.items():
                set_person_forms(db, person_id, field, forms)
    except RegistryError as error:
        return _page(person, _person_form(person, from_request=False), typed_forms=typed,
                     forms_errors=[error.message])
    flash("Формы сохранены: документы будут использовать их.")
    return redirect(url_for("people.edit", person_id=person_id))


@bp.post("/<id:person_id>/surname")
@organization_required
def choose_surname(person_id: int):
    """Keep the way of declining a disputed surname the secretary chose (its index among
    :func:`disputed_variants`) as the person's name forms."""
    db = get_db()
    person = _person_or_404(person_id)
    variants = disputed_variants(db, person)
    choice = request.form.get("variant", type=int)
    if not ConfirmForm().validate_on_submit() or choice is None or not 0 <= choice < len(variants):
        # Shown again, not redirected: only a change that happened answers with a redirect (and an audit row).
        return _page(person, _person_form(person, from_request=False),
                     forms_errors=["Выбор не сохранён: страница устарела. Выберите вариант ещё раз."])
    forms = {tag: form for tag, form in variants[choice].items() if tag != "nomn"}
    try:
        set_person_forms(db, person_id, "name", forms)
    except RegistryError as error:
        return _page(person, _person_form(person, from_request=False), forms_errors=[error.message])
    flash(f"Склонение фамилии сохранено: «{forms['gent']}», «{forms['datv']}» — так во всех документах.")
    return redirect(url_for("people.edit", person_id=person_id))


@bp.route("/<id:person_id>/archive", methods=("GET", "POST"))
@organization_required
def archive(person_id: int):
    person = _person_or_404(person_id)
    return confirm_action(
        title="Перенести в архив", button="Перенести в архив",
        question=f"Перенести участника {person['full_name']} в архив? Он исчезнет из списков и форм; приказы "
                 "журнала сохранят его, вернуть можно из архива.",
        action=lambda db: archive_person(db, person_id), done=f"Участник {person['full_name']} перенесён в архив.",
        cancel_url=url_for("people.edit", person_id=person_id), next_url=url_for("people.index"))


@bp.route("/<id:person_id>/restore", methods=("GET", "POST"))
@organization_required
def restore(person_id: int):
    person = _person_or_404(person_id)
    return confirm_action(
        title="Вернуть из архива", button="Вернуть", danger=False,
        question=f"Вернуть участника {person['full_name']} из архива в списки и формы?",
        action=lambda db: archive_person(db, person_id, archived=False),
        done=f"Участник {person['full_name']} возвращён из архива.",
        cancel_url=url_for("people.edit", person_id=person_id), next_url=url_for("people.edit", person_id=person_id))


@bp.route("/<id:person_id>/delete", methods=("GET", "POST"))
@organization_required
def delete(person_id: int):
    person = _person_or_404(person_id)
    return confirm_action(
        title="Удалить участника", button="Удалить навсегда",
        question=f"Удалить участника {person['full_name']} навсегда? Удалить можно только того, кого не называют "
                 "ни приказы, ни пары; иначе перенесите в архив.",
        action=lambda db: delete_person(db, person_id), done=f"Участник {person['full_name']} удалён из реестра.",
        cancel_url=url_for("people.edit", person_id=person_id), next_url=url_for("people.index"))
