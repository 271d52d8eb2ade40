"""Who may open which page and call which endpoint: one rule per endpoint, checked on the server
before every request (152-ФЗ art. 19; ФСТЭК order № 21, measures УПД: access control by role).

A rule names the permission a GET needs and the one a POST needs; :data:`PERMISSIONS` says which
roles hold each. An endpoint without a rule is refused (and ``tests/test_access.py`` fails), so a
new page cannot be published by accident. Records of another organisation answer 404 in the views,
which read only within ``g.organization``.
"""

from urllib.parse import urlsplit

from flask import Flask, abort, g, jsonify, redirect, request, session, url_for
from flask_login import current_user

from registry.organization import get_organization, list_organizations
from registry.users import ORGANIZATION_ROLES, touch_token, user_for_token
from service.web.db import get_db

#: Permission → the roles holding it.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Pages of an organisation's registry and its documents, read only.
    "read": frozenset({"secretary", "curator", "head", "municipal"}),
    # People of the registry.
    "people": frozenset({"secretary"}),
    # Pairs and groups, forms of mentoring.
    "pairs": frozenset({"secretary", "curator"}),
    # The mentoring cycle: the mentor and mentee banks, consents, personalised programmes.
    "cycle": frozenset({"secretary", "curator"}),
    # Making and registering documents, corrections of declension.
    "documents": frozenset({"secretary", "curator"}),
    # The organisation's profile.
    "organization": frozenset({"secretary", "admin"}),
    "organization.read": frozenset({"secretary", "curator", "head", "municipal", "admin"}),
    # Accounts and organisations of the service.
    "admin": frozenset({"admin"}),
    # The audit log.
    "audit": frozenset({"admin", "head"}),
    # One's own profile, password and tokens; choosing the organisation to look at.
    "self": frozenset({"admin", "secretary", "curator", "head", "municipal"}),
    # Every organisation's indicators, checklists and mentors side by side (the methodological centre).
    "district": frozenset({"municipal"}),
}

#: Endpoints anyone may reach: the login page, the first start, the stylesheet.
PUBLIC = frozenset({"static", "accounts.login", "accounts.setup"})

#: endpoint → (permission of GET/HEAD, permission of POST; None: the method is not served).
RULES: dict[str, tuple[str | None, str | None]] = {
    "index": ("self", None),
    "documents.order": ("documents", "documents"),
    "documents.order_card": ("read", None),
    "documents.download": ("read", None),
    "documents.download_pdf": ("read", None),
    "documents.print_set": ("read", "read"),
    "batches.index": ("read", "documents"),
    "batches.job": ("read", None),
    "batches.cancel_job": (None, "documents"),
    "batches.download_zip": ("read", None),
    "batches.download_print": ("read", None),
    "batches.sheet": ("read", None),
    "people.index": ("read", None),
    "people.new": ("people", "people"),
    "people.edit": ("read", "people"),
    "people.save_forms": (None, "people"),
    "people.choose_surname": (None, "people"),
    "people.archive": ("people", "people"),
    "people.restore": ("people", "people"),
    "people.delete": ("people", "people"),
    "exchange.index": ("read", "people"),
    "exchange.template": ("read", None),
    "exchange.export": ("read", None),
    "pairs.index": ("read", None),
    "pairs.new": ("pairs", "pairs"),
    "pairs.edit": ("read", "pairs"),
    "pairs.archive": ("pairs", "pairs"),
    "pairs.restore": ("pairs", "pairs"),
    "pairs.delete": ("pairs", "pairs"),
    "pairs.close_expired_pairs": ("pairs", "pairs"),
    "pairs.forms": ("read", None),
    "pairs.archive_form_view": ("pairs", "pairs"),
    "pairs.delete_form_view": ("pairs", "pairs"),
    "pairs.activate": ("pairs", "pairs"),
    "pairs.close": ("pairs", "pairs"),
    "pairs.reopen": ("pairs", "pairs"),
    "banks.mentors": ("read", None),
    "banks.mentees": ("read", None),
    "banks.new_mentor": ("cycle", "cycle"),
    "banks.new_mentee": ("cycle", "cycle"),
    "banks.edit_mentor": ("read", "cycle"),
    "banks.edit_mentee": ("read", "cycle"),
    "banks.leave_mentor": ("cycle", "cycle"),
    "banks.leave_mentee": ("cycle", "cycle"),
    "banks.delete_mentor": ("cycle", "cycle"),
    "banks.delete_mentee": ("cycle", "cycle"),
    "consents.new": ("cycle", "cycle"),
    "consents.withdraw": ("cycle", "cycle"),
    "consents.delete": ("cycle", "cycle"),
    "programmes.index": ("read", None),
    "programmes.view": ("read", None),
    "programmes.edit": ("cycle", "cycle"),
    "programmes.mark": ("cycle", "cycle"),
    "programmes.static": ("read", None),
    "organization.edit": ("organization.read", "organization"),
    "corrections.index": ("read", "documents"),
    "corrections.delete": ("documents", "documents"),
    "accounts.logout": (None, "self"),
    "accounts.profile": ("self", "self"),
    "accounts.revoke_token_view": (None, "self"),
    "accounts.choose_organization": (None, "self"),
    "accounts.users": ("admin", "admin"),
    "accounts.user": ("admin", "admin"),
    "accounts.organizations": ("admin", "admin"),
    "audit.index": ("audit", None),
    "audit.export": ("audit", None),
    "api.templates": ("self", None),
    "api.schema": ("self", None),
    "api.openapi_document": ("self", None),
    "api.document": (None, "documents"),
    "roadmap.index": ("read", None),
    "roadmap.start": ("read", "cycle"),
    "roadmap.event": ("read", "cycle"),
    "roadmap.done": ("read", "cycle"),
    "roadmap.delete": ("cycle", "cycle"),
    "roadmap.upload": ("read", "cycle"),
    "roadmap.document": ("read", None),
    "roadmap.document_pdf": ("read", None),
    "roadmap.static": ("read", None),
    "meetings.index": ("read", None),
    "meetings.pair": ("read", None),
    "meetings.edit": ("read", "cycle"),
    "meetings.delete": ("cycle", "cycle"),
    "meetings.static": ("read", None),
    "questionnaires.index": ("read", "cycle"),
    "questionnaires.new_set": ("read", "cycle"),
    "questionnaires.set_view": ("read", "cycle"),
    "questionnaires.question": ("read", "cycle"),
    "questionnaires.move": (None, "cycle"),
    "questionnaires.remove": ("cycle", "cycle"),
    "questionnaires.restore": (None, "cycle"),
    "questionnaires.archive": ("cycle", "cycle"),
    "questionnaires.delete": ("cycle", "cycle"),
    "questionnaires.blank": ("read", None),
    "questionnaires.blank_pdf": ("read", None),
    "questionnaires.answer": ("read", "cycle"),
    "questionnaires.responses": ("read", None),
    "questionnaires.delete_answers": ("cycle", "cycle"),
    "questionnaires.upload": ("read", "cycle"),
    "questionnaires.columns": (None, "cycle"),
    "monitoring.index": ("read", None),
    "monitoring.report": ("read", "cycle"),
    "monitoring.mentor_report": ("read", "cycle"),
    "monitoring.static": ("read", None),
    "district.index": ("district", None),
    "district.mentors": ("district", None),
    "district.summary": ("district", "district"),
    "district.book": ("district", None),
}


def allowed(permission: str | None, role: str | None) -> bool:
    """Whether ``role`` holds ``permission`` (a key of :data:`PERMISSIONS`)."""
    return permission is not None and role in PERMISSIONS.get(permission, ())


def can(permission: str) -> bool:
    """For templates: may the current user do this? (Hides buttons; the server checks anyway.)"""
    return current_user.is_authenticated and allowed(permission, current_user.role)


def _choose_organization(role: str, organization_id: int | None) -> None:
    """Put the organisation whose registry this request sees on ``g.organization``: the user's own,
    or for the roles serving the whole service the one chosen in the session (else the first)."""
    db = get_db()
    if role in ORGANIZATION_ROLES:
        g.organization = get_organization(db, organization_id)
        return
    chosen = session.get("organization_id")
    g.organization = get_organization(db, chosen) if isinstance(chosen, int) else None
    if g.organization is None:
        organizations = list_organizations(db)
        g.organization = organizations[0] if organizations else None


def _bearer_user() -> dict | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return user_for_token(get_db(), token.strip())


def _return_to() -> str | None:
    """Where the login page sends the user back: the page asked for, or for a form posted after the
    session ended, the page that form was on."""
    if request.method == "GET":
        return request.full_path
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.path.startswith("/"):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return None


def check_access():
    """``before_request``: refuse what the rules do not allow. The JSON API takes only
    ``Authorization: Bearer <token>`` (401 without a valid one), so a browser's session can never be
    used against it; pages need a login (a redirect to the login page) and the role's permission
    (403 otherwise)."""
    endpoint = request.endpoint
    if endpoint is None or endpoint in PUBLIC:
        return None
    if endpoint.startswith("api."):
        g.api_user = _bearer_user()
        if g.api_user is not None:
            touch_token(get_db(), g.api_user["token_id"])
        if g.api_user is None:
            return jsonify({"errors": [{"field": "Authorization", "message": "Нужен действующий API-токен: "
                                        "заголовок «Authorization: Bearer <токен>»; токен создаётся в профиле."}]}), 401
        role, organization_id = g.api_user["role"], g.api_user["organization_id"]
    elif not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=_return_to()))
    else:
        role, organization_id = current_user.role, current_user.organization_id
    rule = RULES.get(endpoint)
    if rule is None:
        abort(403)
    permission = rule[0] if request.method in ("GET", "HEAD") else rule[1]
    if permission is None:
        abort(405)
    if not allowed(permission, role):
        abort(403)
    _choose_organization(role, organization_id)
    return None


def init_app(app: Flask) -> None:
    app.before_request(check_access)
    app.jinja_env.globals["can"] = can
