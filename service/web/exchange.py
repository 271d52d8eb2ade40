"""«Обмен с Excel»: the registry exported to one workbook, the template workbook, and an upload of
people, pairs and programmes checked («Проверить», a dry run) or imported («Загрузить», all or
nothing)."""

import datetime as dt
import io

from flask import Blueprint, flash, g, redirect, render_template, send_file, url_for

from service.spreadsheets.export import export_name, export_registry
from service.spreadsheets.importer import import_file
from service.spreadsheets.template import TEMPLATE_NAME, template_workbook
from service.spreadsheets.workbook import XLSX_MIME, UnreadableFile
from service.web.db import get_db
from service.web.forms import ImportForm
from service.web.organization import organization_required

bp = Blueprint("exchange", __name__, url_prefix="/exchange")


@bp.route("/", methods=("GET", "POST"))
@organization_required
def index():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = import_file(get_db(), g.organization["id"], upload.read(), upload.filename or "",
                                 dry_run=not form.load.data)
        except UnreadableFile as error:
            form.file.errors.append(error.message)
        else:
            if report.written:
                flash(f"Файл «{upload.filename}» загружен. {report.summary()}")
                return redirect(url_for("exchange.index"))
    return render_template("exchange.html", form=form, report=report)


@bp.get("/template.xlsx")
@organization_required
def template():
    return send_file(io.BytesIO(template_workbook(get_db())), mimetype=XLSX_MIME, as_attachment=True,
                     download_name=TEMPLATE_NAME)


@bp.get("/registry.xlsx")
@organization_required
def export():
    organization = g.organization
    return send_file(io.BytesIO(export_registry(get_db(), organization)), mimetype=XLSX_MIME, as_attachment=True,
                     download_name=export_name(organization, dt.date.today()))
