"""The views of «Пакеты»: ask for a batch, follow it, cancel it, download what it made."""

import datetime as dt
import io
from pathlib import Path

from babel.dates import format_timedelta
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from registry.organization import current_academic_year
from registry.pairs import pair_years
from service.documents.batch import Row, blank_sheet, read_rows
from service.documents.batch.jobs import Job, cancel, create, list_jobs, load, purge, retention_hours
from service.documents.batch.queue import JobQueue, QueueUnavailable, job_queue
from service.documents.catalogue import catalogue, get_template
from service.documents.contracts.base import safe_file_part
from service.documents.printing import PrintRefused, paper_documents
from service.spreadsheets.workbook import XLSX_MIME, UnreadableFile
from service.web.access import can
from service.web.batches.forms import BatchForm
from service.web.db import get_db
from service.web.downloads import DOCX_MIME, PDF_MIME
from service.web.forms import options
from service.web.organization import organization_required

bp = Blueprint("batches", __name__, url_prefix="/batches")

ZIP_MIME = "application/zip"


def _folder() -> Path:
    return Path(current_app.config["BATCHES"])


def _queue() -> JobQueue:
    return job_queue(current_app.config["QUEUE"], current_app.config["BATCHES"])


def _job_or_404(job_id: str) -> Job:
    job = load(_folder(), job_id)
    if job is None or job.organization_id != g.organization["id"]:
        abort(404)
    return job


def _rows(form: BatchForm, year: int) -> tuple[list[Row], dict[int, str], str] | None:
    """The rows the form asks for, their labels and where they came from; None (the field's error
    set) when there are none."""
    template_id = form.template_id.data
    if form.source.data == "registry":
        try:
            documents = paper_documents(get_db(), g.organization["id"], template_id, year)
        except PrintRefused as error:
            form.source.errors.append(str(error))
            return None
        if not documents:
            form.source.errors.append(f"В реестре за {year}/{year + 1} учебный год нет записей, по которым "
                                      "этот документ составляется: дополните реестр или загрузите файл.")
            return None
        rows = [Row(number, data) for number, (_, data) in enumerate(documents, 1)]
        labels = {number: label for number, (label, _) in enumerate(documents, 1)}
        return rows, labels, f"реестр, {year}/{year + 1} учебный год"
    upload = form.file.data
    if not upload:
        form.file.errors.append("Выберите файл со строками или возьмите строки из реестра.")
        return None
    try:
        rows = read_rows(template_id, upload.read(), upload.filename or "")
    except UnreadableFile as error:
        form.file.errors.append(error.message)
        return None
    return rows, {}, f"файл «{Path(upload.filename or '').name}»"


@bp.route("/", methods=("GET", "POST"))
@organization_required
def index():
    """The jobs of the organisation, newest first, and the form asking for a new one."""
    db, organization = get_db(), g.organization
    current = current_academic_year(organization)
    years = sorted({*pair_years(db, organization["id"]), current}, reverse=True)
    form = BatchForm()
    form.template_id.choices = options((entry.id, entry.title) for entry in catalogue().values())
    form.year.choices = options((year, f"{year}/{year + 1}") for year in years)
    if request.method == "GET":
        form.year.data = current
    if form.validate_on_submit() and can("documents"):
        found = _rows(form, form.year.data)
        if found is not None:
            rows, labels, source = found
            try:
                queue = _queue()
                job = create(_folder(), organization_id=organization["id"], user_id=current_user.id,
                             template_id=form.template_id.data, source=source, rows=rows, labels=labels,
                             pdf=form.pdf.data, print_format=form.print_format.data)
                queue.submit(job.id)
            except QueueUnavailable as error:
                form.form_errors.append(str(error))
            else:
                flash(f"Пакет поставлен в очередь: {job.title}, документов — {job.total}.")
                return redirect(url_for("batches.job", job_id=job.id))
    purge(_folder())
    return render_template("batches/index.html", form=form, jobs=list_jobs(_folder(), organization["id"]),
                           catalogue=catalogue().values(), retention=f"{retention_hours():g}")


@bp.get("/<job_id>")
@organization_required
def job(job_id: str):
    """A job: its progress (the page refreshes itself until it ends), its cancel, its files."""
    return render_template("batches/job.html", job=_job_or_404(job_id))


@bp.post("/<job_id>/cancel")
@organization_required
def cancel_job(job_id: str):
    found = _job_or_404(job_id)
    if not found.final:
        cancel(found)
        flash("Пакет отменяется: уже сделанное не сохранится.")
    return redirect(url_for("batches.job", job_id=job_id))


def _download_name(job: Job, suffix: str) -> str:
    return f"Пакет_{safe_file_part(job.title)[:60]}_{job.created_at:%d.%m.%Y}{suffix}"


@bp.get("/<job_id>/documents.zip")
@organization_required
def download_zip(job_id: str):
    found = _job_or_404(job_id)
    if found.zip_path is None:
        abort(404)
    return send_file(found.zip_path, mimetype=ZIP_MIME, as_attachment=True,
                     download_name=_download_name(found, ".zip"))


@bp.get("/<job_id>/print")
@organization_required
def download_print(job_id: str):
    found = _job_or_404(job_id)
    if found.print_path is None:
        abort(404)
    pdf = found.print_format == "pdf"
    return send_file(found.print_path, mimetype=PDF_MIME if pdf else DOCX_MIME, as_attachment=True,
                     download_name=_download_name(found, "_для_печати." + found.print_format))


@bp.get("/sheet/<template_id>.xlsx")
@organization_required
def sheet(template_id: str):
    """The sheet to fill in for a batch of ``template_id``: its columns and the catalogue's example."""
    if template_id not in catalogue():
        abort(404)
    return send_file(io.BytesIO(blank_sheet(template_id, "образец.xlsx")), mimetype=XLSX_MIME, as_attachment=True,
                     download_name=f"Образец_пакета_{safe_file_part(get_template(template_id).title)[:60]}.xlsx")


@bp.app_template_filter("local_time")
def local_time(moment: dt.datetime | None) -> str:
    """A moment (aware) as the server's local «22.11.2026 10:45»."""
    return moment.astimezone().strftime("%d.%m.%Y %H:%M") if moment else ""


@bp.app_template_filter("duration")
def duration(seconds: int) -> str:
    """«2 минуты», «45 секунд» (Babel, ru)."""
    return format_timedelta(dt.timedelta(seconds=seconds), locale="ru", format="long")
