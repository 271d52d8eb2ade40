"""The Flask application factory."""

import datetime as dt
import os

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import escape
from werkzeug.routing import IntegerConverter

from registry.db import migrate
from service.documents.batch.queue import batches_folder, queue_location
from service.documents.pdf import PdfConverter
from service.documents.workers import RenderPool
from service.grammar.dates import numeric
from service.secret import instance_secret_key
from service.web import (
    access,
    accounts,
    api,
    audit,
    banks,
    batches,
    consents,
    corrections,
    db,
    district,
    documents,
    errors,
    exchange,
    meetings,
    monitoring,
    organization,
    pairs,
    people,
    programmes,
    questionnaires,
    roadmap,
    security,
)
from service.web.forms import CSRF_EXPIRED


class NastavnikFlask(Flask):
    """Flask whose redirects carry a Russian page (Werkzeug's body is English, seen by clients that do
    not follow redirects)."""

    def redirect(self, location: str, code: int = 302):
        response = super().redirect(location, code)
        response.set_data(f'<!doctype html><html lang="ru"><meta charset="utf-8"><title>Переход</title>'
                          f'<p>Страница переехала: <a href="{escape(location)}">перейти</a>.</p></html>')
        return response


class RecordId(IntegerConverter):
    """``<id:…>`` in a URL: a record id SQLite can hold (1 … 2⁶³−1); anything larger is a 404,
    not an overflow inside the database driver."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**63 - 1)


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web application. The registry lives in ``DATABASE`` (default: ``nastavnik.sqlite``
    in the instance folder) and is migrated here, once per process start; the secret key comes from
    ``NASTAVNIK_SECRET_KEY`` or the instance folder's ``secret_key`` file. The instance folder is
    ``NASTAVNIK_INSTANCE`` when set. ``test_config`` replaces the instance ``config.py``."""
    app = NastavnikFlask(__name__, instance_path=os.environ.get("NASTAVNIK_INSTANCE") or None,
                         instance_relative_config=True, template_folder="web/templates", static_folder="web/static")
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "nastavnik.sqlite"),
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_I18N_ENABLED=False,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    # The batch queue and the batches' files sit beside the registry unless set (for workers on other machines).
    app.config.setdefault("QUEUE", queue_location(os.path.dirname(app.config["DATABASE"])))
    app.config.setdefault("BATCHES", str(batches_folder(os.path.dirname(app.config["DATABASE"]))))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("NASTAVNIK_SECRET_KEY") or instance_secret_key(app.instance_path)
    migrate(app.config["DATABASE"])

    # Documents render in worker processes when RENDER_PROCESSES > 0 (``nastavnik serve``), else in the thread.
    app.extensions["render_pool"] = RenderPool(app.config.get("RENDER_PROCESSES", 0))
    profiles = app.config.get("PDF_PROFILES") or os.path.join(app.instance_path, "libreoffice")
    app.extensions["pdf"] = PdfConverter(profiles)
    app.url_map.converters["id"] = RecordId
    # «/people» and «/people/» are the same page, without Werkzeug's English redirect in between.
    app.url_map.strict_slashes = False
    db.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    accounts.init_app(app)
    access.init_app(app)
    audit.init_app(app)
    for blueprint in (organization.bp, people.bp, pairs.bp, exchange.bp, documents.bp, corrections.bp, api.bp):
        app.register_blueprint(blueprint)
    for blueprint in (banks.bp, consents.bp, programmes.bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(roadmap.bp)
    app.register_blueprint(meetings.bp)
    app.register_blueprint(questionnaires.bp)
    app.register_blueprint(batches.bp)
    app.register_blueprint(monitoring.bp)
    app.register_blueprint(district.bp)
    app.add_url_rule("/", endpoint="index", view_func=documents.index)
    app.jinja_env.globals["csrf_message"] = CSRF_EXPIRED
    app.jinja_env.globals["csrf_token"] = generate_csrf
    app.add_template_filter(lambda iso: numeric(dt.date.fromisoformat(iso)) if iso else "", "ru_date")
    return app
