"""«Журнал аудита»: who saw or changed which personal data, when and from where. Every request to an
endpoint of :data:`AUDITED` that succeeds leaves one row (152-ФЗ art. 19; ФСТЭК order № 21, measures
РСБ); the administrator and the head list, filter and export the rows, and nobody can change them."""

import csv
import datetime as dt
import io
from urllib.parse import quote

from flask import Blueprint, Flask, Response, current_app, g, render_template, request
from flask_login import current_user

from registry.audit import ACTIONS, KINDS, list_entries, record
from registry.db import RegistryBusy
from registry.organization import list_organizations
from service.documents.catalogue import catalogue
from service.web.db import get_db

bp = Blueprint("audit", __name__, url_prefix="/audit")

#: endpoint → (action of a GET, action of a POST, kind of record, the URL argument naming it).
AUDITED: dict[str, tuple[str | None, str | None, str, str | None]] = {
    "people.index": ("view", None, "person", None),
    "people.new": (None, "create", "person", None),
    "people.edit": ("view", "change", "person", "person_id"),
    "people.save_forms": (None, "change", "person", "person_id"),
    "people.choose_surname": (None, "change", "person", "person_id"),
    "people.archive": (None, "archive", "person", "person_id"),
    "people.restore": (None, "restore", "person", "person_id"),
    "people.delete": (None, "delete", "person", "person_id"),
    "exchange.index": (None, "create", "person", None),
    "exchange.export": ("export", None, "person", None),
    "pairs.index": ("view", None, "pair", None),
    "pairs.new": (None, "create", "pair", None),
    "pairs.edit": ("view", "change", "pair", "pair_id"),
    "pairs.archive": (None, "archive", "pair", "pair_id"),
    "pairs.restore": (None, "restore", "pair", "pair_id"),
    "pairs.delete": (None, "delete", "pair", "pair_id"),
    "pairs.close_expired_pairs": (None, "change", "pair", None),
    "pairs.archive_form_view": (None, "archive", "form", "form_id"),
    "pairs.delete_form_view": (None, "delete", "form", "form_id"),
    "banks.mentors": ("view", None, "person", None),
    "banks.new_mentor": (None, "create", "person", None),
    "banks.edit_mentor": ("view", "change", "person", "person_id"),
    "banks.leave_mentor": (None, "change", "person", "person_id"),
    "banks.delete_mentor": (None, "delete", "person", "person_id"),
    "banks.mentees": ("view", None, "person", None),
    "banks.new_mentee": (None, "create", "person", None),
    "banks.edit_mentee": ("view", "change", "person", "person_id"),
    "banks.leave_mentee": (None, "change", "person", "person_id"),
    "banks.delete_mentee": (None, "delete", "person", "person_id"),
    "consents.new": (None, "create", "person", "person_id"),
    "consents.withdraw": (None, "change", "person", "person_id"),
    "consents.delete": (None, "delete", "person", "person_id"),
    "programmes.index": ("view", None, "pair", None),
    "programmes.view": ("view", None, "pair", "pair_id"),
    "programmes.edit": ("view", "change", "pair", "pair_id"),
    "programmes.mark": (None, "change", "pair", "pair_id"),
    "pairs.activate": (None, "change", "pair", "pair_id"),
    "pairs.close": (None, "change", "pair", "pair_id"),
    "pairs.reopen": (None, "change", "pair", "pair_id"),
    "documents.order": (None, "generate", "order", None),
    "documents.order_card": ("view", None, "order", "order_id"),
    "documents.download": ("download", None, "order", "order_id"),
    "documents.download_pdf": ("download", None, "order", "order_id"),
    "organization.edit": ("view", "change", "organization", None),
    "corrections.index": (None, "create", "correction", None),
    "corrections.delete": (None, "delete", "correction", None),
    "audit.index": ("view", None, "audit", None),
    "audit.export": ("export", None, "audit", None),
    "api.document": (None, "generate", "order", None),
    "documents.print_set": (None, "generate", "document", None),
    "roadmap.document": ("download", None, "document", None),
    "meetings.pair": ("view", None, "pair", "pair_id"),
    "meetings.edit": ("view", "change", "pair", "pair_id"),
    "meetings.delete": (None, "change", "pair", "pair_id"),
    "questionnaires.answer": ("view", "change", "person", None),
    "questionnaires.responses": ("view", None, "person", None),
    "questionnaires.delete_answers": (None, "delete", "person", None),
    "questionnaires.columns": (None, "create", "person", None),
    "monitoring.index": ("view", None, "pair", None),
    "monitoring.report": (None, "generate", "document", None),
    "monitoring.mentor_report": ("view", "generate", "pair", "pair_id"),
    "district.index": ("view", None, "organization", None),
    "district.mentors": ("view", None, "person", None),
    "district.summary": (None, "generate", "document", None),
    "district.book": ("export", None, "person", None),
    "roadmap.document_pdf": ("download", None, "document", None),
    "batches.index": (None, "generate", "document", None),
    "batches.download_zip": ("download", None, "document", None),
    "batches.download_print": ("download", None, "document", None),
}


def _succeeded(response) -> bool:
    if request.method in ("GET", "HEAD"):
        return response.status_code == 200
    # A POST succeeds by redirecting after the change, or by sending the file it made; a 200 page is
    # the form shown again with its errors (or a preview), which changed nothing.
    return response.status_code in (302, 303) or response.headers.get("Content-Disposition", "").startswith(
        "attachment")


def record_access(response):
    """``after_request``: one audit row for a successful request to an endpoint of :data:`AUDITED`."""
    entry = AUDITED.get(request.endpoint or "")
    # A view that sent the user back without changing anything (nothing to do) says so.
    if entry is None or not _succeeded(response) or g.get("audit_unchanged"):
        return response
    get_action, post_action, kind, argument = entry
    action = get_action if request.method in ("GET", "HEAD") else post_action
    user = g.get("api_user") or (current_user.row if current_user.is_authenticated else None)
    if action is None or user is None:
        return response
    object_id = g.get("audit_object_id") or ((request.view_args or {}).get(argument) if argument else None)
    template_id = (request.view_args or {}).get("template_id")
    details = catalogue()[template_id].title if template_id in catalogue() else ""
    organization = g.get("organization")
    try:
        record(get_db(), action, user=user, address=request.remote_addr, object_kind=kind, object_id=object_id,
               organization_id=organization["id"] if organization else None, details=details)
    except RegistryBusy:
        # The answer is already made; the process log names the gap without any personal data.
        current_app.logger.error("Журнал аудита занят: запись о %s %s не сделана", request.method, request.url_rule)
    return response


def _filters() -> dict:
    args = request.args
    since, until = args.get("since", ""), args.get("until", "")
    filters = {"login": args.get("login", "")[:32].strip(), "action": args.get("action", "") if args.get("action")
               in ACTIONS else "", "since": "", "until": ""}
    for key, value in (("since", since), ("until", until)):
        try:
            filters[key] = dt.datetime.strptime(value.strip(), "%d.%m.%Y").date().isoformat() if value.strip() else ""
        except ValueError:
            filters[key] = ""
    organization = g.get("organization")
    # The head sees the log of their organisation; the administrator the whole service.
    filters["organization_id"] = organization["id"] if current_user.role == "head" and organization else None
    return filters


@bp.get("/")
def index():
    filters = _filters()
    db = get_db()
    names = {o["id"]: o["short_name"] or o["full_name"] for o in list_organizations(db)}
    return render_template("audit.html", entries=list_entries(db, **filters, limit=500), actions=ACTIONS,
                           kinds=KINDS, organizations=names, filters=filters, args=request.args)


@bp.get("/export.csv")
def export():
    """The filtered log as CSV (UTF-8 with BOM and «;», as Excel in Russia opens it)."""
    filters = _filters()
    db = get_db()
    names = {o["id"]: o["short_name"] or o["full_name"] for o in list_organizations(db)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Когда", "Пользователь", "Адрес", "Действие", "Запись", "Номер записи", "Организация",
                     "Подробности"])
    for e in list_entries(db, **filters, limit=100_000):
        writer.writerow([e["at"].replace("T", " "), e["login"] or "", e["address"] or "", ACTIONS.get(e["action"],
                         e["action"]), KINDS.get(e["object_kind"] or "", ""), e["object_id"] or "",
                         names.get(e["organization_id"], ""), e["details"] or ""])
    name = f"Журнал_аудита_{dt.date.today():%d.%m.%Y}.csv"
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.after_request(record_access)
