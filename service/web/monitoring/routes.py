"""Pages of «Мониторинг»: the indicators of a period (``?year=2025``, or ``?start=01.09.2025&end=31.05.2026``)
with their charts and notes, the regional checklist with the journal's orders, the pairs of the period with
their mentors' reports; the analytical report's form (the conclusions and recommendations, drafted from the
indicators, edited, then downloaded) and a mentor's report's form (a characteristic and readiness per
mentee). The papers are made by their registry builders (:mod:`service.documents.sources`) with the texts
typed here, checked against their contracts and rendered as every paper is."""

import datetime as dt

from flask import Blueprint, abort, g, render_template, request

from registry.db import RegistryError
from registry.indicators import Period, compute, period_pairs
from registry.organization import current_academic_year
from registry.pairs import get_pair
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfUnavailable
from service.documents.render import check, render_document
from service.documents.sources import from_registry
from service.monitoring.charts import monitoring_charts, svg_data_uri
from service.monitoring.checklist import checklist
from service.web.db import get_db
from service.web.downloads import send_document
from service.web.monitoring.forms import ReportForm, mentor_report_form
from service.web.organization import organization_required

bp = Blueprint("monitoring", __name__, url_prefix="/monitoring", static_folder="static")


def _day(text: str) -> dt.date:
    """A day typed ДД.ММ.ГГГГ (or ISO); ValueError otherwise."""
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def requested_period(organization: dict) -> tuple[Period, dict, str]:
    """The period the query asks for: ``start`` and ``end`` (ДД.ММ.ГГГГ), else ``year`` (2025 = 2025/2026),
    else the organisation's academic year. Returns the period, the options naming it for a registry
    builder (``academic_year`` or ``start`` and ``end`` ISO) and a Russian message when the dates typed are
    not a period (the academic year is shown then)."""
    start, end = request.args.get("start", "").strip(), request.args.get("end", "").strip()
    message = ""
    if start or end:
        try:
            period = Period.between(_day(start), _day(end))
        except ValueError:
            message = "Период: введите обе даты в виде ДД.ММ.ГГГГ, например 01.09.2025 и 31.05.2026."
        except RegistryError as error:
            message = f"Период: {error.message}"
        else:
            return period, {"start": period.start.isoformat(), "end": period.end.isoformat()}, ""
    year = request.args.get("year", type=int)
    year = year if year is not None and 2000 <= year <= 2099 else current_academic_year(organization)
    return Period.academic(year), {"academic_year": year}, message


def period_query(period: Period) -> dict:
    """The query arguments naming ``period`` in links."""
    if period.year is not None:
        return {"year": period.year}
    return {"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}"}


def year_choices(period: Period, current: int) -> list[int]:
    """The academic years to choose from, latest first: ``current``, four before it, the next, and the
    period's."""
    return sorted(set(range(current - 4, current + 2)) | ({period.year} if period.year else set()), reverse=True)


@bp.get("/")
@organization_required
def index():
    db = get_db()
    organization = g.organization
    period, _options, message = requested_period(organization)
    monitoring = compute(db, organization["id"], period)
    charts = [{"number": number, "chart": chart, "uri": svg_data_uri(chart)}
              for number, chart in enumerate(monitoring_charts(monitoring), start=1)]
    as_of = min(period.end, dt.date.today())
    pairs = [get_pair(db, p["id"]) for p in period_pairs(db, organization["id"], period, as_of)]
    return render_template("monitoring/index.html", monitoring=monitoring, charts=charts, pairs=pairs,
                           checklist=checklist(db, monitoring), period=period, query=period_query(period),
                           years=year_choices(period, current_academic_year(organization)), message=message,
                           args=request.args)


def _send(template_id: str, options: dict, choice: int | None, form, pdf: bool):
    """The paper ``template_id`` from the registry with ``options``, as DOCX or PDF; None with the
    problems added to ``form`` when it cannot be made."""
    data = from_registry(template_id, get_db(), g.organization["id"], choice, options)
    try:
        rendered = render_document(get_template(template_id), check(template_id, data)[1])
    except ContractError as error:
        form.form_errors.extend(e.message for e in error.errors)
        return None
    try:
        return send_document(rendered, pdf=pdf)
    except PdfUnavailable as error:
        form.form_errors.append(str(error))
        return None


@bp.route("/report", methods=("GET", "POST"))
@organization_required
def report():
    """The curator's analytical report of the period of the query: the drafts of the conclusions and the
    recommendations to edit, then DOCX or PDF."""
    organization = g.organization
    period, options, message = requested_period(organization)
    draft = from_registry("monitoring-report", get_db(), organization["id"], None, options)
    form = ReportForm(data={"conclusions": draft.get("conclusions", ""),
                            "recommendations": draft.get("recommendations", "")})
    if form.validate_on_submit():
        chosen = {**options, "conclusions": form.conclusions.data, "recommendations": form.recommendations.data}
        if form.date.data:
            chosen["date"] = form.date.data.isoformat()
        sent = _send("monitoring-report", chosen, None, form, pdf=form.download_pdf.data)
        if sent is not None:
            return sent
    return render_template("monitoring/report.html", form=form, period=period, query=period_query(period),
                           message=message)


@bp.route("/pairs/<id:pair_id>/report", methods=("GET", "POST"))
@organization_required
def mentor_report(pair_id: int):
    """A mentor's report on the pair: each mentee's characteristic (a draft of the registry's facts to
    complete) and readiness, the mentor's conclusions, then DOCX or PDF."""
    db = get_db()
    pair = get_pair(db, pair_id, g.organization["id"])
    if pair is None:
        abort(404)
    draft = from_registry("mentor-report", db, g.organization["id"], pair_id, {})
    defaults = {f"characteristic_{m['id']}": a["characteristic"] for m, a in zip(pair["mentees"], draft["assessments"],
                                                                                  strict=True)}
    form = mentor_report_form(pair["mentees"], data=defaults)
    if form.validate_on_submit():
        chosen = {key: form[key].data for m in pair["mentees"] for key in (f"characteristic_{m['id']}",
                                                                           f"readiness_{m['id']}")}
        if form.conclusions.data and form.conclusions.data.strip():
            chosen["conclusions"] = form.conclusions.data
        if form.date.data:
            chosen["date"] = form.date.data.isoformat()
        g.audit_object_id = pair_id
        sent = _send("mentor-report", chosen, pair_id, form, pdf=form.download_pdf.data)
        if sent is not None:
            return sent
    return render_template("monitoring/mentor_report.html", form=form, pair=pair, draft=draft)
