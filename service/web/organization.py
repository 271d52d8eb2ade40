"""«Организация»: the profile of the organisation."""

from flask import Blueprint, flash, redirect, render_template, url_for

from registry.organization import get_organization, save_organization
from registry.people import list_people
from service.web.db import get_db
from service.web.forms import OrganizationForm, options, person_options

bp = Blueprint("organization", __name__, url_prefix="/organization")


@bp.route("/", methods=("GET", "POST"))
def edit():
    db = get_db()
    current = get_organization(db) or {}
    form = OrganizationForm(data=current)
    form.head_person_id.choices = options([(0, "— выберите —")]) + person_options(list_people(db))
    if form.validate_on_submit():
        values = {name: form[name].data.strip() for name in
                  ("full_name", "short_name", "locality", "founder", "head_position", "order_number_format")}
        values["head_person_id"] = form.head_person_id.data or None
        save_organization(db, values)
        flash("Сведения об организации сохранены.")
        return redirect(url_for("organization.edit"))
    return render_template("organization.html", form=form, has_people=len(form.head_person_id.choices) > 1)
