"""«Организация»: the profile of the organisation whose registry the user works in."""

import datetime as dt
import functools

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_login import current_user

from registry.db import RegistryError
from registry.organization import save_organization
from registry.pairs import academic_year
from registry.people import list_people
from service.web.db import get_db
from service.web.forms import OrganizationForm, Select, options, person_options

bp = Blueprint("organization", __name__, url_prefix="/organization")


class OrganizationYearForm(OrganizationForm):
    """The organisation's profile with the academic year it works in."""

    academic_year = Select("Текущий учебный год", coerce=int, default=0)


def _year_choices(stored: int | None) -> list:
    """«по календарю» and the years around the calendar's one (and the stored one, wherever it lies)."""
    today = academic_year(dt.date.today())
    years = sorted(set(range(today - 5, today + 2)) | ({stored} if stored else set()), reverse=True)
    return options([(0, f"по календарю (сейчас {today}/{today + 1})")] + [(y, f"{y}/{y + 1}") for y in years])


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
    current["academic_year"] = current.get("academic_year") or 0
    form = OrganizationYearForm(data=current)
    form.academic_year.choices = _year_choices(g.organization.get("academic_year"))
    form.head_person_id.choices = options([(0, "— выберите —")]) + person_options(list_people(db, current["id"]))
    if form.validate_on_submit():
        values = {name: (form[name].data or "").strip() for name in
                  ("full_name", "short_name", "locality", "founder", "head_position", "order_number_format",
                   "regional_act", "regulation_number", "mentoring_url")}
        values["head_person_id"] = form.head_person_id.data or None
        values["regulation_date"] = form.regulation_date.data.isoformat() if form.regulation_date.data else None
        values["academic_year"] = form.academic_year.data or None
        try:
            save_organization(db, current["id"], values)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Сведения об организации сохранены.")
            return redirect(url_for("organization.edit"))
    return render_template("organization.html", form=form, has_people=len(form.head_person_id.choices) > 1,
                           saved=True)
