"""One registry connection per request, kept on ``g``."""

import click
from flask import Flask, current_app, g
from sqlite_utils import Database

from registry.db import BUSY_TIMEOUT_S, connect
from registry.demo import load_demo


def get_db() -> Database:
    """The registry connection of this request, opened on first use (``REGISTRY_BUSY_TIMEOUT``: seconds
    to wait for another writer, default :data:`registry.db.BUSY_TIMEOUT_S`)."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"],
                       current_app.config.get("REGISTRY_BUSY_TIMEOUT", BUSY_TIMEOUT_S))
    return g.db


def close_db(_exception=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


@click.command("load-demo")
def load_demo_command() -> None:
    """Fill an empty registry with the demo organisation."""
    if load_demo(get_db()):
        click.echo("Демонстрационный реестр загружен.")
    else:
        click.echo("В реестре уже есть организация: демонстрационные данные не загружены.")


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)
    app.cli.add_command(load_demo_command)
