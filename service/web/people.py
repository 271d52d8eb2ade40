"""«Участники»: people of the organisation, their roles and how their names decline."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.corrections import effective_forms, set_person_forms
from registry.people import ROLES, full_name, get_person, list_people, save_person
from service.grammar.cases import CASE_TITLES, CASES
from service.grammar.gender import GenderUnknown
from service.grammar.names import PersonName
from service.grammar.positions import decline_position
from service.web.db import get_db
from service.web.forms import CorrectionsForm, PersonForm
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
def index():
    return render_template("people/list.html", people=list_people(get_db()), roles=ROLES)


def _save(person: dict | None):
    db = get_db()
    organization = g.organization
    form = PersonForm(data=person or {})
    if person:
        form.roles.data = form.roles.data if form.is_submitted() else person["roles"]
    if form.validate_on_submit():
        values = {name: (form[name].data or "").strip() for name in
                  ("last_name", "first_name", "middle_name", "gender", "position", "subject",
                   "qualification_category", "email", "phone")}
        values["gender"] = values["gender"] or None
        years = form.experience_years.data
        values["experience_years"] = float(years) if years is not None else None
        try:
            PersonName.parse(full_name(values), values["gender"])
        except GenderUnknown:
            form.gender.errors.append("По ФИО пол не определяется: выберите мужской или женский.")
        else:
            person_id = save_person(db, organization["id"], values, form.roles.data,
                                    person["id"] if person else None)
            flash(f"Сохранено: {full_name(values)}.")
            return redirect(url_for("people.edit", person_id=person_id))
    return render_template("people/form.html", form=form, person=person,
                           declension=declension_table(db, person) if person else None,
                           forms_form=CorrectionsForm())


@bp.route("/new", methods=("GET", "POST"))
@organization_required
def new():
    return _save(None)


@bp.route("/<int:person_id>", methods=("GET", "POST"))
@organization_required
def edit(person_id: int):
    person = get_person(get_db(), person_id)
    if person is None:
        abort(404)
    return _save(person)


@bp.post("/<int:person_id>/forms")
def save_forms(person_id: int):
    """Keep the secretary's corrections of the person's name and position, case by case; a form left
    as the engine gives it (or emptied) is no correction."""
    db = get_db()
    person = get_person(db, person_id)
    if person is None:
        abort(404)
    if not CorrectionsForm().validate_on_submit():
        abort(400)
    table = declension_table(db, person)
    if table is None:
        flash("Сначала укажите пол: без него формы не строятся.")
        return redirect(url_for("people.edit", person_id=person_id))
    for field in ("name", "position"):
        forms = {}
        for row in table[1:]:
            value = " ".join(request.form.get(f"{field}_{row['tag']}", "").split())
            if value and value != row[f"engine_{field}"]:
                forms[row["tag"]] = value
        set_person_forms(db, person_id, field, forms)
    flash("Формы сохранены: документы будут использовать их.")
    return redirect(url_for("people.edit", person_id=person_id))
