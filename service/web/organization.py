"""«Организация»: the profile of the organisation whose registry the user works in."""

import datetime as dt
import functools

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_login import current_user

from registry.db import RegistryError
from registry.organization import save_organization
from registry.people import list_people
from service.web.db import get_db
from service.web.forms import OrganizationForm, options, person_options

bp = Blueprint("organization", __name__, url_prefix="/organization")


def organization_required(view):
    """Run ``view`` only when the request has an organisation (``g.organization``, chosen by
    :mod:`service.web.access`); without one the administrator is sent to add it, anyone else is told
    that the service has none yet."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.get("organization") is None:
            if current_user.is_authenticated and current_user.role == "admin":
                flash("Сначала добавьте организацию.")
                return redirect(url_for("accounts.organizations"))
            return render_template("error.html", title="Организации нет",
                                   text="В сервисе ещё нет ни одной организации: её добавляет администратор."), 404
        return view(**kwargs)

    return wrapped


@bp.route("/", methods=("GET", "POST"))
@organization_required
def edit():
    db = get_db()
    current = dict(g.organization)
    if current.get("regulation_date"):
        current["regulation_date"] = dt.date.fromisoformat(current["regulation_date"])
    form = OrganizationForm(data=current)
    form.head_person_id.choices = options([(0, "— выберите —")]) + person_options(list_people(db, current["id"]))
    if form.validate_on_submit():
        values = {name: (form[name].data or "").strip() for name in
                  ("full_name", "short_name", "locality", "founder", "head_position", "order_number_format",
                   "regional_act", "regulation_number")}
        values["head_person_id"] = form.head_person_id.data or None
        values["regulation_date"] = form.regulation_date.data.isoformat() if form.regulation_date.data else None
        try:
            save_organization(db, current["id"], values)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Сведения об организации сохранены.")
            return redirect(url_for("organization.edit"))
    return render_template("organization.html", form=form, has_people=len(form.head_person_id.choices) > 1,
                           saved=True)
