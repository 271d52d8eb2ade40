"""The Flask application factory."""

import datetime as dt
import os
import secrets

from flask import Flask, render_template

from service.grammar.dates import numeric
from service.web import api, corrections, db, documents, organization, pairs, people
from service.web.csrf import csrf


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web application. The registry lives in ``DATABASE`` (default: ``nastavnik.sqlite``
    in the instance folder); ``test_config`` replaces the instance ``config.py``."""
    app = Flask(__name__, instance_relative_config=True, template_folder="web/templates",
                static_folder="web/static")
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("NASTAVNIK_SECRET_KEY") or secrets.token_hex(32),
        DATABASE=os.path.join(app.instance_path, "nastavnik.sqlite"),
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_I18N_ENABLED=False,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)
    csrf.init_app(app)
    for blueprint in (organization.bp, people.bp, pairs.bp, documents.bp, corrections.bp, api.bp):
        app.register_blueprint(blueprint)
    app.add_url_rule("/", endpoint="index", view_func=documents.index)
    app.add_template_filter(lambda iso: numeric(dt.date.fromisoformat(iso)) if iso else "", "ru_date")
    app.register_error_handler(404, _not_found)
    app.register_error_handler(500, _server_error)
    return app


def _not_found(_error):
    return render_template("error.html", title="Страница не найдена",
                           text="Такой страницы нет. Вернитесь к разделу «Документы»."), 404


def _server_error(_error):
    return render_template("error.html", title="Что-то пошло не так",
                           text="Документ не сформирован из-за внутренней ошибки. Данные не изменены; "
                                "попробуйте ещё раз или сообщите администратору."), 500
