"""Pages of the roadmap: the year's events by stage with their state, an event's form, its done mark,
its deletion, the default roadmap a year without one starts from, the upload of a roadmap file with its
preview, the ``roadmap`` document (DOCX, PDF). The year and the event are named in the query
(``?year=2025``, ``?event=…``). ``roadmap_due()``, for every page's template, gives what is due this
month and overdue (the start page shows it)."""

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.db import RegistryError
from registry.organization import current_academic_year
from registry.people import list_people
from registry.roadmap import (
    PHRASES,
    delete_event,
    due_events,
    get_event,
    grouped,
    list_events,
    mark_done,
    roadmap_years,
    save_event,
    stages,
    start_roadmap,
    undo_done,
    variants,
)
from service.documents.catalogue import get_template
from service.documents.context import typeset
from service.documents.contracts import ContractError
from service.documents.pdf import PdfUnavailable
from service.documents.render import check, render_document
from service.documents.sources import from_registry
from service.roadmap_import import import_roadmap
from service.spreadsheets.workbook import UnreadableFile
from service.web.access import can
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.downloads import send_document
from service.web.forms import options, person_options
from service.web.organization import organization_required
from service.web.roadmap.forms import DEADLINE_HINT, DoneForm, EventForm, ImportForm, StartForm

bp = Blueprint("roadmap", __name__, url_prefix="/roadmap", static_folder="static")


def _year() -> int:
    """The academic year of the query (``?year=2025``), else the organisation's."""
    year = request.args.get("year", type=int)
    return year if year is not None and 2000 <= year <= 2099 else current_academic_year(g.organization)


def _event_or_404() -> dict:
    event_id = request.args.get("event", type=int)
    event = get_event(get_db(), g.organization["id"], event_id) if event_id and 0 < event_id < 2**63 else None
    if event is None:
        abort(404)
    return event


def _back(year: int) -> str:
    return url_for("roadmap.index", year=year)


@bp.get("/")
@organization_required
def index():
    db = get_db()
    organization = g.organization
    year = _year()
    current = current_academic_year(organization)
    years = sorted(set(roadmap_years(db, organization["id"])) | {current, current + 1, year}, reverse=True)
    events = list_events(db, organization["id"], year)
    due = due_events(db, organization["id"], dt.date.today())
    due_ids = {e["id"] for e in due["this_month"]} if due["year"] == year else set()
    counts = {status: sum(1 for e in events if e["status"] == status) for status in ("done", "overdue")}
    start = StartForm() if not events else None
    return render_template("roadmap/index.html", year=year, years=years, groups=grouped(events), events=events,
                           counts=counts, due_ids=due_ids, start=start, today=dt.date.today())


@bp.route("/start", methods=("GET", "POST"))
@organization_required
def start():
    year = _year()
    form = StartForm()
    if form.validate_on_submit():
        try:
            count = start_roadmap(get_db(), g.organization["id"], year, form.variant.data)
        except RegistryError as error:
            form.add_error(error)
        else:
            variant = variants()[form.variant.data]
            flash(f"Дорожная карта на {year}/{year + 1} учебный год создана по образцу «{variant}»: мероприятий — "
                  f"{count}. Проверьте сроки и ответственных.")
            return redirect(_back(year))
    return render_template("roadmap/start.html", form=form, year=year)


def _people_choices() -> list:
    return options([(0, "— не выбран —")]) + person_options(list_people(get_db(), g.organization["id"]))


@bp.route("/event", methods=("GET", "POST"))
@organization_required
def event():
    """A new event of the year (``?year=``) or an event to change (``?event=``)."""
    db = get_db()
    organization_id = g.organization["id"]
    current = _event_or_404() if request.args.get("event") else None
    year = current["year"] if current else _year()
    data = {}
    if current:
        data = {key: current[key] for key in ("stage", "activity", "responsible", "result")}
        data |= {"deadline": current["deadline_text"], "responsible_person_id": current["responsible_person_id"] or 0,
                 "document_kind": current["document_kind"] or ""}
    form = EventForm(data=data)
    form.responsible_person_id.choices = _people_choices()
    if form.validate_on_submit():
        values = {key: form[key].data for key in ("stage", "activity", "deadline", "responsible", "result",
                                                   "document_kind")}
        values["responsible_person_id"] = form.responsible_person_id.data or None
        try:
            save_event(db, organization_id, year, values, current["id"] if current else None)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(f"Мероприятие сохранено: «{' '.join(form.activity.data.split())[:120]}».")
            return redirect(_back(year))
    return render_template("roadmap/event.html", form=form, event=current, year=year, hint=DEADLINE_HINT,
                           stages=stages(db, organization_id, year), phrases=PHRASES)


@bp.route("/done", methods=("GET", "POST"))
@organization_required
def done():
    current = _event_or_404()
    day = dt.date.fromisoformat(current["done_on"]) if current["done_on"] else dt.date.today()
    form = DoneForm(data={"done_on": day})
    if form.validate_on_submit():
        if not form.clear.data and not form.done_on.data:
            form.done_on.errors = [*form.done_on.errors, "Укажите дату выполнения."]
        else:
            try:
                if form.clear.data:
                    undo_done(get_db(), g.organization["id"], current["id"])
                else:
                    mark_done(get_db(), g.organization["id"], current["id"], form.done_on.data)
            except RegistryError as error:
                form.add_error(error)
            else:
                flash(f"Отметка снята: «{current['activity'][:120]}»." if form.clear.data else
                      f"Выполнено {form.done_on.data:%d.%m.%Y}: «{current['activity'][:120]}».")
                return redirect(_back(current["year"]))
    return render_template("roadmap/done.html", form=form, event=current)


@bp.route("/delete", methods=("GET", "POST"))
@organization_required
def delete():
    current = _event_or_404()
    organization_id = g.organization["id"]
    return confirm_action(
        title="Удаление мероприятия", question=f"Удалить из дорожной карты мероприятие «{current['activity']}»?",
        button="Удалить", action=lambda db: delete_event(db, organization_id, current["id"]),
        done=f"Мероприятие удалено: «{current['activity'][:120]}».", cancel_url=_back(current["year"]),
        next_url=_back(current["year"]))


@bp.route("/import", methods=("GET", "POST"))
@organization_required
def upload():
    year = _year()
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        file = form.file.data
        try:
            report = import_roadmap(get_db(), g.organization["id"], year, file.read(), file.filename or "",
                                    dry_run=not form.load.data, replace=form.replace.data)
        except UnreadableFile as error:
            form.file.errors.append(error.message)
        else:
            if report.written:
                flash(f"Файл «{file.filename}» загружен: мероприятий — {len(report.events)}.")
                return redirect(_back(year))
    return render_template("roadmap/import.html", form=form, report=report, year=year,
                           groups=grouped(report.events) if report else [])


def _document(pdf: bool):
    """The ``roadmap`` document of the year (``?year=``) from the registry, as DOCX or PDF; the roadmap
    page, saying what is missing, when it cannot be made."""
    year = _year()
    entry = get_template("roadmap")
    data = from_registry(entry.id, get_db(), g.organization["id"], None, {"academic_year": year})
    try:
        rendered = render_document(entry, check(entry.id, data)[1])
    except ContractError as error:
        flash("Документ не сформирован: " + "; ".join(e.message for e in error.errors))
        return redirect(_back(year))
    try:
        return send_document(rendered, pdf=pdf)
    except PdfUnavailable as error:
        flash(str(error))
        return redirect(_back(year))


@bp.get("/roadmap.docx")
@organization_required
def document():
    return _document(pdf=False)


@bp.get("/roadmap.pdf")
@organization_required
def document_pdf():
    return _document(pdf=True)


def roadmap_due() -> dict | None:
    """For templates: what is due this month and overdue in the roadmap of the organisation the request
    sees (see :func:`registry.roadmap.due_events`), or None for a user who reads no registry."""
    organization = g.get("organization")
    if organization is None or not can("read"):
        return None
    return due_events(get_db(), organization["id"], dt.date.today())


@bp.app_context_processor
def _globals() -> dict:
    return {"roadmap_due": roadmap_due}


# «до 15.10.2025», «2025 г.», «Абашева Е.А.» kept on one line on the page, as in the document.
bp.add_app_template_filter(typeset, "typeset")
