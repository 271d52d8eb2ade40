"""«Организация»: the profile of the organisation."""

import functools

from flask import Blueprint, flash, g, redirect, render_template, url_for

from registry.db import RegistryError
from registry.organization import get_organization, save_organization
from registry.people import list_people
from service.web.db import get_db
from service.web.forms import OrganizationForm, options, person_options

bp = Blueprint("organization", __name__, url_prefix="/organization")


def organization_required(view):
    """Send the user to the organisation profile until it is filled in; otherwise put the
    organisation row on ``g.organization`` and run ``view``."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        g.organization = get_organization(get_db())
        if g.organization is None:
            flash("Сначала заполните сведения об организации.")
            return redirect(url_for("organization.edit"))
        return view(**kwargs)

    return wrapped


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
        try:
            save_organization(db, values)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Сведения об организации сохранены.")
            return redirect(url_for("organization.edit"))
    return render_template("organization.html", form=form, has_people=len(form.head_person_id.choices) > 1,
                           saved=bool(current))
