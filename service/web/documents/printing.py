"""«Печать пакетом»: one print file — PDF, or DOCX to edit — of the documents the secretary ticks: the
orders of an academic year with the papers printed with them, all the programmes of the year, the
consents … (:mod:`service.documents.printing`)."""

import datetime as dt
import io

from flask import current_app, g, render_template, request, send_file
from wtforms import BooleanField, SubmitField

from registry.orders import list_orders
from registry.organization import current_academic_year
from registry.pairs import academic_year, pair_years
from service.documents.pdf import PdfUnavailable
from service.documents.printing import ORDER, collect, order_bundle, print_file, print_sections
from service.web.db import get_db
from service.web.documents.routes import bp
from service.web.downloads import DOCX_MIME, PDF_MIME
from service.web.forms import ChoicesRequired, MultiCheckboxField, RussianForm, Select, options
from service.web.organization import organization_required

#: The formats of the print file.
FORMATS = (("pdf", "PDF — для печати"), ("docx", "DOCX — одним файлом, чтобы поправить перед печатью"))


class PrintForm(RussianForm):
    items = MultiCheckboxField("Документы", validators=[ChoicesRequired("Отметьте хотя бы один документ.")])
    file_format = Select("Формат файла", choices=options(FORMATS), default="pdf")
    duplex = BooleanField("Двусторонняя печать: каждый документ — с лицевой стороны листа")
    submit = SubmitField("Сформировать файл для печати")


def _chosen(sections, year: int) -> list[str]:
    """The keys ticked when the page opens: an order with the papers printed with it (``?order=``),
    every document of a kind that can be made (``?kind=``), or nothing."""
    keys = {item.key for section in sections for item in section.items if not item.problem}
    if request.args.get("order", type=int):
        return [key for key in order_bundle(get_db(), g.organization["id"], request.args.get("order", type=int))
                if key in keys]
    kind = request.args.get("kind", "")
    return [item.key for section in sections if section.kind == kind for item in section.items if item.key in keys]


@bp.route("/print", methods=("GET", "POST"))
@organization_required
def print_set():
    """The documents of an academic year to tick, and the print file of those ticked."""
    db, organization = get_db(), g.organization
    orders = list_orders(db, organization["id"])
    current = current_academic_year(organization)
    years = sorted({*pair_years(db, organization["id"]), current,
                    *(academic_year(dt.date.fromisoformat(o["date"])) for o in orders)}, reverse=True)
    chosen_order = next((o for o in orders if o["id"] == request.args.get("order", type=int)), None)
    year = request.args.get("year", type=int)
    if year not in years:
        year = academic_year(dt.date.fromisoformat(chosen_order["date"])) if chosen_order else current
    sections = print_sections(db, organization["id"], year)
    form = PrintForm(data={"items": _chosen(sections, year)} if request.method == "GET" else None)
    form.items.choices = options((item.key, item.label) for section in sections for item in section.items
                                 if not item.problem)
    if form.validate_on_submit():
        pdf = form.file_format.data == "pdf"
        render = current_app.extensions["render_pool"].render
        try:
            documents = collect(db, organization["id"], form.items.data, lambda kind, data: render(kind, data).content)
            made = print_file(documents, pdf=current_app.extensions["pdf"].convert_many if pdf else None,
                              duplex=form.duplex.data)
        except (ValueError, PdfUnavailable) as error:  # PrintRefused, and a file the merge cannot read
            form.form_errors.append(str(error))
        else:
            return send_file(io.BytesIO(made.content), mimetype=PDF_MIME if pdf else DOCX_MIME, as_attachment=True,
                             download_name=made.file_name)
    return render_template("documents/print.html", form=form, sections=sections, years=years, year=year,
                           ORDER=ORDER)
