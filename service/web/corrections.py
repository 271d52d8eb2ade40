"""«Исключения»: global corrections of positions and organisation names, used by every document."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from registry.corrections import PHRASE_KINDS, delete_phrase_form, list_phrase_forms, set_phrase_form
from registry.db import RegistryError
from service.grammar.cases import CASE_TITLES, CASES, Case
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.forms import PhraseFormForm, options

bp = Blueprint("corrections", __name__, url_prefix="/corrections")

TITLES = {c.value: CASE_TITLES[c] for c in CASES}


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
        try:
            set_phrase_form(db, form.kind.data, form.text.data, form.case_tag.data, form.form.data)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Исключение сохранено.")
            return redirect(url_for("corrections.index"))
    return render_template("corrections.html", form=form, rows=list_phrase_forms(db), kinds=PHRASE_KINDS,
                           titles=TITLES)


@bp.route("/delete", methods=("GET", "POST"))
def delete():
    """Confirm, then delete one exception; its key comes in the query string."""
    kind, text, case = (request.args.get(k, "") for k in ("kind", "text", "case_tag"))
    row = next((r for r in list_phrase_forms(get_db()) if (r["kind"], r["text"], r["case_tag"]) == (kind, text, case)),
               None)
    if row is None:
        abort(404)
    return confirm_action(
        title="Удалить исключение", button="Удалить",
        question=f"Удалить исключение: {PHRASE_KINDS[kind]} «{text}», падеж {TITLES[case]} — «{row['form']}»? "
                 "Документы снова будут склонять эту фразу сами.",
        action=lambda db: delete_phrase_form(db, kind, text, case), done="Исключение удалено.",
        cancel_url=url_for("corrections.index"), next_url=url_for("corrections.index"))
