"""«Участники»: people of the organisation, their roles and how their names decline."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from registry.organization import get_organization
from registry.people import ROLES, full_name, get_person, list_people, save_person
from service.grammar.cases import CASE_TITLES, CASES
from service.grammar.gender import GenderUnknown
from service.grammar.names import PersonName
from service.grammar.positions import decline_position
from service.web.db import get_db
from service.web.forms import PersonForm

bp = Blueprint("people", __name__, url_prefix="/people")


def declension_table(person: dict) -> list[dict] | None:
    """Rows (case title, full name, short name, position) for the six cases, or None when the gender
    is unknown."""
    try:
        name = PersonName.parse(full_name(person), person.get("gender") or None)
    except (GenderUnknown, ValueError):
        return None
    return [
        {"case": CASE_TITLES[case], "name": name.full(case), "short": name.short(case),
         "position": decline_position(person.get("position") or "", case)}
        for case in CASES
    ]


@bp.get("/")
def index():
    return render_template("people/list.html", people=list_people(get_db()), roles=ROLES)


def _save(person: dict | None):
    db = get_db()
    organization = get_organization(db)
    if organization is None:
        flash("Сначала заполните сведения об организации.")
        return redirect(url_for("organization.edit"))
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
                           declension=declension_table(person) if person else None)


@bp.route("/new", methods=("GET", "POST"))
def new():
    return _save(None)


@bp.route("/<int:person_id>", methods=("GET", "POST"))
def edit(person_id: int):
    person = get_person(get_db(), person_id)
    if person is None:
        abort(404)
    return _save(person)
