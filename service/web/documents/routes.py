"""The views of «Документы»: the catalogue, the order form with a preview of every declined phrase,
registration in the journal with download, the form of a paper outside the journal (a programme, a
consent, an acquaintance sheet …), and the journal itself (each order's versions)."""

import datetime as dt
import io

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, url_for

from registry.consents import consent_warnings
from registry.db import RegistryError, write
from registry.orders import add_version, discard_order, get_order, get_version, list_orders, next_number, register_order
from registry.pairs import STATUSES, activate_pairs, close_by_order, list_pairs
from registry.people import list_people
from registry.roadmap import mark_done_for_document
from service.documents.catalogue import UnknownTemplate, catalogue, get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfUnavailable, pdf_name
from service.documents.render import check, preview, render_document
from service.documents.sources import from_registry
from service.web.access import can
from service.web.db import get_db
from service.web.documents.forms import PICKS, option_values, order_form, paper_form
from service.web.downloads import DOCX_MIME, PDF_MIME, send_document
from service.web.forms import options, person_options
from service.web.organization import organization_required

bp = Blueprint("documents", __name__, url_prefix="/documents")


def index():
    """The start page: the catalogue and the journal; the administrator, who reads no registry, starts
    at «Пользователи»."""
    if not can("read"):
        return redirect(url_for("accounts.users"))
    return _journal()


@organization_required
def _journal():
    return render_template("documents/index.html", catalogue=catalogue().values(),
                           orders=list_orders(get_db(), g.organization["id"]),
                           titles={e.id: e.title for e in catalogue().values()}, organization=g.organization)


def _pair_label(pair: dict) -> str:
    label = f"{pair['mentor']['full_name']} → {', '.join(m['full_name'] for m in pair['mentees'])} ({pair['form']})"
    if pair["expired"]:
        return label + f" — срок истёк {dt.date.fromisoformat(pair['end_date']):%d.%m.%Y}"
    if pair["status"] in ("completed", "terminated"):
        return label + f" — {STATUSES[pair['status']]} {dt.date.fromisoformat(pair['closed_on']):%d.%m.%Y}"
    return label


def _defaults(entry, earlier: dict | None, pairs: list[dict], curators: list[dict]) -> dict:
    """What the form shows first: for a new order today's date, the first curator and the pairs it
    most likely names — those whose term has not passed for the pairs order, those ended without an
    order and those whose term has passed for the closing order; for a new version the number, date
    and choices of the order."""
    if earlier:
        data = earlier["data"]
        return {"number": earlier["number"], "date": dt.date.fromisoformat(earlier["date"]),
                "curator_id": (data.get("curator") or {}).get("id"),
                "pair_ids": [p["id"] for p in data.get("pairs", []) if p.get("id")]}
    if entry.source == "closing":
        chosen = [p["id"] for p in pairs if p["expired"] or p["status"] != "active"]
    else:
        chosen = [p["id"] for p in pairs if not p["expired"]]
    return {"date": dt.date.today(), "curator_id": curators[0]["id"] if curators else None, "pair_ids": chosen}


@bp.route("/<template_id>", methods=("GET", "POST"))
@organization_required
def order(template_id: str):
    try:
        entry = get_template(template_id)
    except UnknownTemplate:
        abort(404)
    db = get_db()
    organization = g.organization
    number_format = organization["order_number_format"] or "{n}"
    if not entry.journal:
        return _paper(db, entry)
    earlier = None
    if request.args.get("order"):
        earlier = _earlier(db, request.args.get("order", type=int), template_id)
    curators = list_people(db, organization["id"], "curator")
    pairs = _orderable_pairs(db, entry, earlier)
    form = order_form(entry, data=_defaults(entry, earlier, pairs, curators))
    form.curator_id.choices = person_options(curators)
    form.pair_ids.choices = options((p["id"], _pair_label(p)) for p in pairs)
    if earlier:
        for field in (form.number, form.date):
            field.render_kw = {**(field.render_kw or {}), "readonly": True}
        form.download.label.text = "Сохранить новую версию и скачать DOCX"
        form.download_pdf.label.text = "Сохранить новую версию и скачать PDF"
        form.number.data, form.date.data = earlier["number"], dt.date.fromisoformat(earlier["date"])
    if not curators:
        flash("В реестре нет куратора: отметьте роль «куратор» у сотрудника в разделе «Участники».")
    year = (form.date.data or dt.date.today()).year
    hint = ("Номер зарегистрированного приказа: будет создана новая версия файла, прежние сохранятся."
            if earlier else f"Оставьте пустым — при регистрации присвоится следующий номер "
            f"({next_number(db, organization['id'], year, number_format)} на сейчас). "
            "Номер из бумажного журнала можно вписать вручную.")
    rows, warnings = None, []
    if form.validate_on_submit():
        if entry.source in ("pairs", "closing") and not form.pair_ids.data:
            form.pair_ids.errors = [*form.pair_ids.errors, "Отметьте хотя бы одну наставническую пару (группу)."]
        else:
            number = (form.number.data or "").strip()
            proposed = number or next_number(db, organization["id"], form.date.data.year, number_format)
            data = _order_data(db, entry, form, proposed)
            try:
                checked = check(entry.id, data)[1]
            except ContractError as error:
                form.form_errors.extend(e.message for e in error.errors)
            else:
                if form.download.data or form.download_pdf.data:
                    try:
                        return _register(db, entry, organization, data, number, earlier, pdf=form.download_pdf.data)
                    except RegistryError as error:
                        form.add_error(error)
                else:
                    rows = preview(entry, checked)
                    warnings = _consent_warnings(db, entry, checked, form.date.data)
    return render_template("documents/form.html", form=form, entry=entry, preview=rows, warnings=warnings, hint=hint,
                           earlier=earlier)


def _orderable_pairs(db, entry, earlier: dict | None = None) -> list[dict]:
    """The pairs an order may name: drafts and active pairs for the pairs order; for the closing order
    the pairs ended in the registry by no order yet (or by this one, for its new version), then the
    active ones (to complete or end by the order)."""
    organization_id = g.organization["id"]
    if entry.source == "pairs":
        return list_pairs(db, organization_id, "draft") + list_pairs(db, organization_id, "active")
    if entry.source == "closing":
        mine = earlier["id"] if earlier else None
        ended = [p for p in list_pairs(db, organization_id, ("completed", "terminated"))
                 if p["closed_order"] is None or p["closed_order"]["id"] == mine]
        return ended + list_pairs(db, organization_id, "active")
    return []


def _order_data(db, entry, form, number: str) -> dict:
    """The contract dict of the order the form describes, from the registry."""
    chosen = {"number": number, "date": form.date.data.isoformat(), "curator_id": form.curator_id.data,
              "pair_ids": form.pair_ids.data, **option_values(form, entry)}
    if form.effective_date.data:
        chosen["effective_date"] = form.effective_date.data.isoformat()
    if entry.source == "pairs":
        chosen["items"] = form.chosen_options()
    return from_registry(entry.id, db, g.organization["id"], None, chosen)


def _paper(db, entry):
    """A paper outside the journal: pick its record, check the declined phrases, download it."""
    organization_id = g.organization["id"]
    choices = _record_choices(db, entry)
    form = paper_form(entry, choices)
    rows, warnings = None, []
    if entry.source in PICKS and not choices:
        flash(f"Нет записей для этого документа: {PICKS[entry.source][0].lower()} — добавьте в реестр.")
    if form.validate_on_submit():
        chosen = option_values(form, entry)
        if form.date.data:
            chosen["date"] = form.date.data.isoformat()
        choice = form.choice.data if "choice" in form else None
        data = from_registry(entry.id, db, organization_id, choice, chosen)
        try:
            checked = check(entry.id, data)[1]
        except ContractError as error:
            form.form_errors.extend(e.message for e in error.errors)
        else:
            if form.download.data or form.download_pdf.data:
                g.audit_object_id = choice
                try:
                    return send_document(render_document(entry, checked), pdf=form.download_pdf.data)
                except PdfUnavailable as error:
                    form.form_errors.append(str(error))
            rows = preview(entry, checked)
            warnings = _consent_warnings(db, entry, checked, form.date.data)
    return render_template("documents/paper.html", form=form, entry=entry, preview=rows, warnings=warnings)


def _consent_warnings(db, entry, document, day: dt.date | None) -> list[str]:
    """The consents ``entry`` needs that the people ``document`` names lack on ``day`` (today when the
    document has no date)."""
    if not entry.consents:
        return []
    return consent_warnings(db, document.person_ids(), entry.consents, (day or dt.date.today()).isoformat())


def _record_choices(db, entry) -> list:
    """What the paper is made for, as select choices: pairs, people or orders of the journal."""
    organization_id = g.organization["id"]
    if entry.source == "pair":
        return options((p["id"], _pair_label(p)) for p in list_pairs(db, organization_id))
    if entry.source == "person":
        return person_options(list_people(db, organization_id))
    if entry.source == "order":
        return options((o["id"], f"№ {o['number']} от {dt.date.fromisoformat(o['date']):%d.%m.%Y} — {o['heading']}")
                       for o in list_orders(db, organization_id))
    return []


def _earlier(db, order_id: int | None, template_id: str) -> dict:
    """The registered order a new version is made of, with the data of its latest version."""
    found = get_order(db, order_id) if order_id and order_id < 2**63 else None
    latest = get_version(db, order_id) if found else None
    if latest is None or found["kind"] != template_id or found["organization_id"] != g.organization["id"]:
        abort(404)
    found["data"] = latest["data"]
    return found


def _register(db, entry, organization: dict, data: dict, number: str, earlier: dict | None, *, pdf: bool = False):
    """Register the order (a new number, or a new version of ``earlier``), render the checked ``data``
    with the number it got (in a worker process when the server has them), store the file with its
    data and send it (as PDF when ``pdf``). Raises RegistryError (taken number, busy registry)."""
    if earlier:
        registered = earlier
    else:
        registered = register_order(db, organization["id"], date=data["order"]["date"], kind=entry.id,
                                    heading=entry.heading, number=number,
                                    number_format=organization["order_number_format"] or "{n}")
    data["order"]["number"] = registered["number"]
    changed = ""
    try:
        rendered = current_app.extensions["render_pool"].render(entry.id, data)
        # The file and what the order does to its pairs are stored together or not at all, so that a refusal
        # leaves no order behind and an order never stands without its effect.
        with write(db):
            if entry.source == "pairs" and not earlier:
                activate_pairs(db, organization["id"], rendered.pair_ids, registered["id"], registered["date"])
                changed = f" Пары (группы) закреплены: {len(rendered.pair_ids)}."
            if entry.source == "closing":
                closed = close_by_order(db, organization["id"], registered["id"], data["pairs"])
                changed = f" Наставничество пар (групп) завершено приказом: {closed}."
            version = add_version(db, registered["id"], file_name=rendered.file_name, file=rendered.content,
                                  data=data, person_ids=rendered.person_ids, pair_ids=rendered.pair_ids)
            if not earlier and mark_done_for_document(db, organization["id"], entry.id, registered["date"],
                                                      registered["id"]):
                changed += " Мероприятие дорожной карты отмечено выполненным."
    except BaseException:
        if not earlier:
            discard_order(db, registered["id"])
        raise
    g.audit_object_id = registered["id"]
    flash(f"Приказ № {registered['number']} от {dt.date.fromisoformat(registered['date']):%d.%m.%Y} "
          + ("зарегистрирован." if version == 1 else f"— сохранена версия {version}.") + changed)
    if pdf:
        return _send_pdf(rendered.content, rendered.file_name, registered["id"])
    return send_file(io.BytesIO(rendered.content), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=rendered.file_name)


def _send_pdf(docx: bytes, docx_name: str, order_id: int):
    """The PDF of a stored order; without LibreOffice the journal card, saying why and offering DOCX."""
    try:
        content = current_app.extensions["pdf"].convert(docx)
    except PdfUnavailable as error:
        flash(str(error))
        return redirect(url_for("documents.order_card", order_id=order_id))
    return send_file(io.BytesIO(content), mimetype=PDF_MIME, as_attachment=True,
                     download_name=pdf_name(docx_name))


def _order_or_404(order_id: int) -> dict:
    found = get_order(get_db(), order_id)
    if found is None or found["organization_id"] != g.organization["id"]:
        abort(404)
    return found


@bp.get("/orders/<id:order_id>")
@organization_required
def order_card(order_id: int):
    """The journal card of an order: its versions, each downloadable, and «Сформировать заново»."""
    found = _order_or_404(order_id)
    if not found["versions"]:
        abort(404)
    entry = catalogue().get(found["kind"])
    return render_template("documents/order.html", order=found, entry=entry,
                           regenerate=url_for("documents.order", template_id=found["kind"], order=order_id)
                           if entry else None)


def _stored(order_id: int, version: int | None) -> dict:
    _order_or_404(order_id)
    stored = get_version(get_db(), order_id, version)
    if stored is None:
        abort(404)
    return stored


@bp.get("/orders/<id:order_id>/file")
@bp.get("/orders/<id:order_id>/versions/<id:version>")
@organization_required
def download(order_id: int, version: int | None = None):
    stored = _stored(order_id, version)
    return send_file(io.BytesIO(stored["file"]), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=stored["file_name"])


@bp.get("/orders/<id:order_id>/file.pdf")
@bp.get("/orders/<id:order_id>/versions/<id:version>.pdf")
@organization_required
def download_pdf(order_id: int, version: int | None = None):
    stored = _stored(order_id, version)
    return _send_pdf(stored["file"], stored["file_name"], order_id)
