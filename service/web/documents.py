"""«Документы»: the template catalogue, the order form with a preview of every declined phrase,
download, and the journal of orders."""

import datetime as dt
import io

from flask import Blueprint, abort, flash, g, render_template, send_file

from registry.orders import add_order, get_order, list_orders, next_number
from registry.organization import get_organization
from registry.pairs import list_pairs
from registry.people import list_people
from service.documents.catalogue import UnknownTemplate, catalogue, get_template
from service.documents.context import and_join, build_context
from service.documents.contract import ContractError, parse_request
from service.documents.registry_data import order_data
from service.documents.render import render_request
from service.web.api import DOCX_MIME
from service.web.db import get_db
from service.web.forms import DocumentForm, options, person_options
from service.web.organization import organization_required

bp = Blueprint("documents", __name__, url_prefix="/documents")


def index():
    db = get_db()
    return render_template("documents/index.html", catalogue=catalogue().values(), orders=list_orders(db),
                           titles={e.id: e.title for e in catalogue().values()},
                           organization=get_organization(db))


def preview_rows(context: dict) -> list[tuple[str, str]]:
    """(slot, phrase) pairs: every declined phrase the order will print, for the secretary to check."""
    rows = [("в (предложный): организация", context["org"]["short"].loct),
            ("Положение (родительный): организации", context["org"]["short"].gent)]
    curator = context["curator"]
    if curator:
        rows += [("Назначить куратором / возложить на (винительный)", curator.titled.accs),
                 ("Куратору (дательный)", curator.short.datv)]
    for pair in context["pairs"]:
        rows += [
            (f"Пара {pair['index']}: закрепить (винительный)",
             and_join(m.titled.accs for m in pair["mentees"])),
            (f"Пара {pair['index']}: за наставником (творительный)", pair["mentor"].titled.ablt),
            (f"Пара {pair['index']}: форма и срок", f"«{pair['form']}», {pair['period']}"),
        ]
    if context["mentors"]:
        rows.append(("Наставникам (дательный)", and_join(m.short.datv for m in context["mentors"])))
    rows.append(("Подпись", f"{context['head_title']} {context['head'].signature}"))
    rows.append(("С приказом ознакомлены", ", ".join(str(p.short) for p in context["people"])))
    return rows


@bp.route("/<template_id>", methods=("GET", "POST"))
@organization_required
def order(template_id: str):
    try:
        entry = get_template(template_id)
    except UnknownTemplate:
        abort(404)
    db = get_db()
    organization = g.organization
    today = dt.date.today()
    curators = list_people(db, "curator")
    pairs = list_pairs(db, "active") if entry.needs_pairs else []
    form = DocumentForm(data={
        "number": next_number(db, today.year, organization["order_number_format"] or "{n}"),
        "date": today,
        "curator_id": curators[0]["id"] if curators else None,
        "pair_ids": [p["id"] for p in pairs],
    })
    form.curator_id.choices = person_options(curators)
    form.pair_ids.choices = options([
        (p["id"], f"{p['mentor']['full_name']} → {', '.join(m['full_name'] for m in p['mentees'])}"
                  f" ({p['form']})")
        for p in pairs
    ])
    if not curators:
        flash("В реестре нет куратора: отметьте роль «куратор» у сотрудника в разделе «Участники».")
    errors, preview = [], None
    if form.validate_on_submit():
        if entry.needs_pairs and not form.pair_ids.data:
            errors.append("Отметьте хотя бы одну наставническую пару (группу).")
        else:
            data = order_data(db, number=form.number.data.strip(), date=form.date.data.isoformat(),
                              curator_id=form.curator_id.data, pair_ids=form.pair_ids.data)
            try:
                request = parse_request(data, needs_curator=entry.needs_curator, needs_pairs=entry.needs_pairs)
            except ContractError as error:
                errors = [e.message for e in error.errors]
            else:
                if form.download.data:
                    rendered = render_request(template_id, request)
                    add_order(db, organization["id"], number=request.number, date=request.date.isoformat(),
                              kind=template_id, heading=rendered.heading, file_name=rendered.file_name,
                              file=rendered.content, data=data, person_ids=rendered.person_ids,
                              pair_ids=rendered.pair_ids)
                    return send_file(io.BytesIO(rendered.content), mimetype=DOCX_MIME, as_attachment=True,
                                     download_name=rendered.file_name)
                preview = preview_rows(build_context(request))
    return render_template("documents/form.html", form=form, entry=entry, errors=errors, preview=preview)


@bp.get("/orders/<int:order_id>")
def download(order_id: int):
    row = get_order(get_db(), order_id)
    if row is None:
        abort(404)
    return send_file(io.BytesIO(row["file"]), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=row["file_name"])
