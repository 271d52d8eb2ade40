"""Pages of the personalised programmes: the programmes of an academic year, a pair's programme,
its form (texts and plan rows, with «Добавить строки» that works without scripts), and the done
mark of a plan row. The row is named in the query (``?item=…``)."""

import datetime as dt
import re

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.consents import consent_warnings
from registry.db import RegistryError
from registry.organization import current_academic_year
from registry.pairs import CURRENT, list_pairs, pair_years
from registry.programmes import TITLES, get_item, get_programme, list_programmes, mark_item, save_programme
from service.web.db import get_db
from service.web.organization import organization_required
from service.web.pairs import pair_or_404
from service.web.programmes.forms import MAX_ROWS, MarkForm, ProgrammeForm

bp = Blueprint("programmes", __name__, url_prefix="/programmes", static_folder="static")

#: Empty plan rows a form shows below the filled ones, and how many «Добавить строки» adds.
EMPTY_ROWS = 3
#: Rows a new programme starts with.
FIRST_ROWS = 5


@bp.get("/")
@organization_required
def index():
    db = get_db()
    organization = g.organization
    current = current_academic_year(organization)
    years = sorted(set(pair_years(db, organization["id"])) | {current}, reverse=True)
    year = request.args.get("year", type=int)
    year = year if year in years else current
    programmes = list_programmes(db, organization["id"], year)
    without = [p for p in list_pairs(db, organization["id"], CURRENT, year=year) if not p["programme_id"]]
    return render_template("programmes/list.html", programmes=programmes, without=without, years=years, year=year)


@bp.get("/<id:pair_id>")
@organization_required
def view(pair_id: int):
    pair = pair_or_404(pair_id)
    programme = get_programme(get_db(), pair_id, g.organization["id"])
    warnings = []
    if pair["status"] in CURRENT:
        people = [pair["mentor"]["id"], *(m["id"] for m in pair["mentees"])]
        warnings = consent_warnings(get_db(), people, ("pd",), dt.date.today().isoformat())
    return render_template("programmes/view.html", pair=pair, programme=programme, titles=TITLES, warnings=warnings)


def _row_data(item: dict) -> dict:
    done = item.get("done_on")
    return {**item, "done_on": dt.date.fromisoformat(done) if isinstance(done, str) and done else done or None}


def _refill(form: ProgrammeForm, rows: list[dict], empty: int) -> None:
    """Show ``rows`` (dicts of cell values) and ``empty`` empty rows below, up to the form's limit."""
    form.items.entries = []
    form.items.last_index = -1
    for row in rows[:MAX_ROWS]:
        form.items.append_entry(row)
    for _ in range(max(0, min(empty, MAX_ROWS - len(form.items.entries)))):
        form.items.append_entry()


def _typed_rows(form: ProgrammeForm) -> list[dict]:
    """The rows as typed, those marked «Удалить строку» left out."""
    return [{key: entry[key].data for key in ("activity", "deadline", "form", "expected_result", "done_on")}
            for entry in form.items if not entry["remove"].data]


def _attach(form: ProgrammeForm, error: RegistryError) -> None:
    """A refusal about a plan cell (``items-2-deadline``) goes next to that cell."""
    match = re.fullmatch(r"items-(\d+)-(\w+)", error.field or "")
    if match and int(match.group(1)) < len(form.items.entries):
        cell = form.items.entries[int(match.group(1))][match.group(2)]
        cell.errors = [*cell.errors, error.message]
    else:
        form.add_error(error)


@bp.route("/<id:pair_id>/edit", methods=("GET", "POST"))
@organization_required
def edit(pair_id: int):
    db = get_db()
    organization_id = g.organization["id"]
    pair = pair_or_404(pair_id)
    programme = get_programme(db, pair_id, organization_id)
    data = {}
    if programme:
        data = {key: value for key, value in programme.items() if key != "items"}
        data["approved_on"] = dt.date.fromisoformat(programme["approved_on"]) if programme["approved_on"] else None
    form = ProgrammeForm(data=data)
    if not form.is_submitted():
        rows = [_row_data(item) for item in programme["items"]] if programme else []
        _refill(form, rows, EMPTY_ROWS if rows else FIRST_ROWS)
    elif form.more.data:
        # More rows: the form comes back as typed (rows marked for removal gone), nothing is saved.
        _refill(form, _typed_rows(form), EMPTY_ROWS)
    elif form.validate_on_submit():
        # Rows marked for removal are sent empty, so that the registry numbers the rows as the page does.
        # (A row's cells by name: ``entry.form`` is the row's own form, not its cell «Форма».)
        items = [{} if entry["remove"].data else
                 {**{key: entry[key].data for key in ("activity", "deadline", "form", "expected_result")},
                  "done_on": entry["done_on"].data.isoformat() if entry["done_on"].data else None}
                 for entry in form.items]
        values = {key: form[key].data for key in TITLES}
        values["approved_on"] = form.approved_on.data.isoformat() if form.approved_on.data else None
        try:
            save_programme(db, organization_id, pair_id, values, items)
        except RegistryError as error:
            _attach(form, error)
        else:
            flash("Программа наставничества сохранена.")
            return redirect(url_for("programmes.view", pair_id=pair_id))
    row_errors = any(entry.errors for entry in form.items)
    return render_template("programmes/form.html", form=form, pair=pair, programme=programme, row_errors=row_errors,
                           can_add=len(form.items.entries) < MAX_ROWS)


@bp.route("/<id:pair_id>/done", methods=("GET", "POST"))
@organization_required
def mark(pair_id: int):
    pair = pair_or_404(pair_id)
    item_id = request.args.get("item", type=int)
    item = get_item(get_db(), item_id, g.organization["id"]) if item_id and 0 < item_id < 2**63 else None
    if item is None or item["pair_id"] != pair_id:
        abort(404)
    done = dt.date.fromisoformat(item["done_on"]) if item["done_on"] else dt.date.today()
    form = MarkForm(data={"done_on": done})
    if form.validate_on_submit():
        if not form.clear.data and not form.done_on.data:
            form.done_on.errors = [*form.done_on.errors, "Укажите дату выполнения."]
        else:
            day = None if form.clear.data else form.done_on.data.isoformat()
            try:
                mark_item(get_db(), g.organization["id"], item["id"], day)
            except RegistryError as error:
                form.add_error(error)
            else:
                flash(f"Отметка снята: «{item['activity']}»." if day is None else
                      f"Выполнено {form.done_on.data:%d.%m.%Y}: «{item['activity']}».")
                return redirect(url_for("programmes.view", pair_id=pair_id))
    return render_template("programmes/mark.html", form=form, pair=pair, item=item)
