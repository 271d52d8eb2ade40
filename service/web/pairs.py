"""«Пары и группы»: mentoring pairs and groups."""

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for

from registry.pairs import STATUSES, add_form, get_pair, list_forms, list_pairs, save_pair
from registry.people import list_people
from service.web.db import get_db
from service.web.forms import PairForm, options, person_options
from service.web.organization import organization_required

bp = Blueprint("pairs", __name__, url_prefix="/pairs")


@bp.get("/")
def index():
    return render_template("pairs/list.html", pairs=list_pairs(get_db()), statuses=STATUSES)


def _save(pair: dict | None):
    db = get_db()
    organization = g.organization
    data = {}
    if pair:
        data = {**pair, "mentee_ids": [m["id"] for m in pair["mentees"]],
                "start_date": dt.date.fromisoformat(pair["start_date"]),
                "end_date": dt.date.fromisoformat(pair["end_date"])}
    form = PairForm(data=data)
    form.mentor_id.choices = person_options(list_people(db, "mentor"))
    form.mentee_ids.choices = person_options(list_people(db, "mentee"))
    form.form_id.choices = options([(0, "— выберите —")] + [(f["id"], f["name"]) for f in list_forms(db)])
    if not form.mentor_id.choices or not form.mentee_ids.choices:
        flash("Отметьте в «Участниках» хотя бы одного наставника и одного наставляемого.")
    if form.validate_on_submit():
        form_id = add_form(db, form.new_form.data) if form.new_form.data.strip() else form.form_id.data
        values = {"mentor_id": form.mentor_id.data, "form_id": form_id,
                  "start_date": form.start_date.data.isoformat(), "end_date": form.end_date.data.isoformat(),
                  "status": form.status.data}
        save_pair(db, organization["id"], values, form.mentee_ids.data, pair["id"] if pair else None)
        flash("Пара (группа) сохранена.")
        return redirect(url_for("pairs.index"))
    return render_template("pairs/form.html", form=form, pair=pair)


@bp.route("/new", methods=("GET", "POST"))
@organization_required
def new():
    return _save(None)


@bp.route("/<int:pair_id>", methods=("GET", "POST"))
@organization_required
def edit(pair_id: int):
    pair = get_pair(get_db(), pair_id)
    if pair is None:
        abort(404)
    return _save(pair)
