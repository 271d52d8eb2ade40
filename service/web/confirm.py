"""A confirmation page before anything is removed, archived or closed: a plain form with one button,
so that it works without scripts."""

from collections.abc import Callable

from flask import flash, redirect, render_template, request
from sqlite_utils import Database

from registry.db import RegistryError
from service.web.db import get_db
from service.web.forms import ConfirmForm


def confirm_action(*, title: str, question: str, button: str, action: Callable[[Database], object], done: str,
                   cancel_url: str, next_url: str, hidden: dict | None = None, danger: bool = True):
    """GET: the page asking ``question`` with a ``button`` and «Отмена» back to ``cancel_url``.
    POST (with a valid form token): ``action(db)``, then ``done`` flashed and a redirect to
    ``next_url``; a :class:`~registry.db.RegistryError` from the action is shown on the same page."""
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            action(get_db())
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(done)
            return redirect(next_url)
    return render_template("confirm.html", title=title, question=question, button=button, action=request.full_path,
                           cancel_url=cancel_url, hidden=hidden or {}, form=form, danger=danger)
