"""Pages of «Округ» (the ``municipal`` role): every organisation's indicators and regional checklist side by
side for a period (``?year=2025`` or ``?start=…&end=…``, as on «Мониторинг»), sorted by an indicator
(``?sort=mentors``) and filtered by name (``?q=``) or to those with checklist gaps (``?gaps=1``); the
district mentor bank, filtered by organisation, category and name; the district summary's form (DOCX, PDF)
and its Excel book."""

import datetime as dt
import io

from flask import Blueprint, render_template, request, send_file

from registry.indicators import SECTIONS, Period, number
from registry.pairs import academic_year
from registry.people import QUALIFICATION_CATEGORIES
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfUnavailable
from service.documents.render import check, render_document
from service.monitoring.checklist import ITEMS
from service.monitoring.district import COMPARED, district, draft_conclusions, mentor_bank, summary_data, workbook
from service.spreadsheets.workbook import XLSX_MIME
from service.web.db import get_db
from service.web.district.forms import SummaryForm
from service.web.downloads import send_document
from service.web.monitoring.routes import period_query, requested_period, year_choices

bp = Blueprint("district", __name__, url_prefix="/district")


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _period() -> tuple[Period, str]:
    """The period of the query; the calendar's academic year by default (the district has no profile)."""
    period, _options, message = requested_period({})
    return period, message


def _years(period: Period) -> list[int]:
    return year_choices(period, academic_year(dt.date.today()))


def _chosen(views: list) -> list:
    """The organisations the query keeps (``q``: a part of the name; ``gaps``: checklist items absent), in the
    order it asks for (``sort``: an indicator of :data:`COMPARED`, largest first, no data last; else by name)."""
    words = _fold(request.args.get("q", "")).split()
    views = [v for v in views if all(w in _fold(v.name) for w in words)]
    if request.args.get("gaps"):
        views = [v for v in views if v.missing]
    key = request.args.get("sort", "")
    if key in COMPARED:
        views.sort(key=lambda v: (v.monitoring[key].value is None, -(v.monitoring[key].value or 0), v.name))
    return views


@bp.get("/")
def index():
    period, message = _period()
    views = district(get_db(), period)
    chosen = _chosen(views)
    rows = []
    for section, title in SECTIONS.items():
        keys = [k for k in COMPARED if views and views[0].monitoring[k].section == section]
        if keys:
            rows.append({"section": title, "keys": keys})
    titles = {k: views[0].monitoring[k].title for k in COMPARED} if views else {}
    return render_template("district/index.html", views=chosen, total=len(views), rows=rows, titles=titles,
                           items=ITEMS, period=period, query=period_query(period), years=_years(period),
                           message=message, args=request.args, sort=request.args.get("sort", ""))


@bp.get("/mentors")
def mentors():
    period, message = _period()
    found = mentor_bank(get_db(), period)
    organizations = sorted({m["organization"] for m in found})
    wanted = request.args.get("organization", "")
    category = request.args.get("category", "")
    words = _fold(request.args.get("q", "")).split()
    shown = [{**m, "experience_text": "не указан" if m["experience"] is None else number(m["experience"])}
             for m in found if (not wanted or m["organization"] == wanted)
             and (not category or m["category"] == ("" if category == "none" else category))
             and all(w in _fold(m["full_name"]) for w in words)]
    return render_template("district/mentors.html", mentors=shown, total=len(found), organizations=organizations,
                           categories=QUALIFICATION_CATEGORIES, period=period, query=period_query(period),
                           years=_years(period), message=message, args=request.args)


@bp.route("/summary", methods=("GET", "POST"))
def summary():
    """The district summary of every organisation for the period of the query: who makes and signs it, the
    conclusions drafted from the checklists, then DOCX or PDF."""
    period, message = _period()
    views = district(get_db(), period)
    form = SummaryForm(data={"conclusions": draft_conclusions(views)})
    if form.validate_on_submit():
        maker = {"full_name": form.full_name.data.strip(), "locality": form.locality.data.strip(),
                 "head": {"full_name": form.head_name.data.strip(), "position": form.head_position.data.strip()}}
        data = summary_data(views, period, maker, scope=(form.scope.data or "").strip(),
                            conclusions=form.conclusions.data or "",
                            date=form.date.data.isoformat() if form.date.data else "")
        try:
            rendered = render_document(get_template("district-summary"), check("district-summary", data)[1])
        except ContractError as error:
            form.form_errors.extend(e.message for e in error.errors)
        else:
            try:
                return send_document(rendered, pdf=form.download_pdf.data)
            except PdfUnavailable as error:
                form.form_errors.append(str(error))
    return render_template("district/summary.html", form=form, period=period, query=period_query(period),
                           message=message, count=len(views))


@bp.get("/summary.xlsx")
def book():
    period, _message = _period()
    db = get_db()
    content = workbook(district(db, period), mentor_bank(db, period), period)
    name = f"Мониторинг_наставничества_{period.title.replace('/', '-').replace(' ', '_')}.xlsx"
    return send_file(io.BytesIO(content), mimetype=XLSX_MIME, as_attachment=True, download_name=name)
