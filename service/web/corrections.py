"""«Исключения»: global corrections of positions and organisation names, used by every document."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from registry.corrections import PHRASE_KINDS, delete_phrase_form, list_phrase_forms, set_phrase_form
from service.grammar.cases import CASE_TITLES, CASES, Case
from service.web.db import get_db
from service.web.forms import CorrectionsForm, PhraseFormForm, options

bp = Blueprint("corrections", __name__, url_prefix="/corrections")


def _form() -> PhraseFormForm:
    form = PhraseFormForm()
    form.kind.choices = options(PHRASE_KINDS.items())
    form.case_tag.choices = options((c.value, CASE_TITLES[c]) for c in CASES if c is not Case.NOMINATIVE)
    return form


@bp.route("/", methods=("GET", "POST"))
def index():
    db = get_db()
    form = _form()
    if form.validate_on_submit():
        set_phrase_form(db, form.kind.data, form.text.data, form.case_tag.data, form.form.data)
        flash("Исключение сохранено.")
        return redirect(url_for("corrections.index"))
    return render_template("corrections.html", form=form, rows=list_phrase_forms(db), kinds=PHRASE_KINDS,
                           titles={c.value: CASE_TITLES[c] for c in CASES}, delete_form=CorrectionsForm())


@bp.post("/delete")
def delete():
    if not CorrectionsForm().validate_on_submit():
        abort(400)
    delete_phrase_form(get_db(), request.form.get("kind", ""), request.form.get("text", ""),
                       request.form.get("case_tag", ""))
    flash("Исключение удалено.")
    return redirect(url_for("corrections.index"))
