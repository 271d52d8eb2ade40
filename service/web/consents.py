"""A person's written consents (listed on their page, «Участники»): adding one, withdrawing it on a
date, removing one entered by mistake. The consent is named in the query (``?consent=…``)."""

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length

from registry.consents import KINDS, NOTE_LENGTH, add_consent, delete_consent, get_consent, withdraw_consent
from registry.db import RegistryError
from registry.people import get_person
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.forms import REQUIRED, RussianDateField, RussianForm, Select, options
from service.web.organization import organization_required

bp = Blueprint("consents", __name__, url_prefix="/people")


class ConsentForm(RussianForm):
    kind = Select("Вид согласия", choices=options(KINDS.items()), default="pd")
    given_on = RussianDateField("Дата согласия", validators=[InputRequired(REQUIRED)])
    note = StringField("Примечание (необязательно)", validators=[
        Length(max=NOTE_LENGTH, message=f"Не длиннее {NOTE_LENGTH} знаков.")])
    submit = SubmitField("Сохранить")


class WithdrawForm(RussianForm):
    withdrawn_on = RussianDateField("Дата отзыва", validators=[InputRequired(REQUIRED)])
    submit = SubmitField("Отозвать согласие")


def _person_or_404(person_id: int) -> dict:
    person = get_person(get_db(), person_id, g.organization["id"])
    if person is None:
        abort(404)
    return person


def _consent_or_404(person: dict) -> dict:
    consent_id = request.args.get("consent", type=int)
    consent = get_consent(get_db(), consent_id, g.organization["id"]) if consent_id and consent_id < 2**63 else None
    if consent is None or consent["person_id"] != person["id"]:
        abort(404)
    return consent


def _back(person: dict) -> str:
    return url_for("people.edit", person_id=person["id"]) + "#consents"


@bp.route("/<id:person_id>/consents/new", methods=("GET", "POST"))
@organization_required
def new(person_id: int):
    person = _person_or_404(person_id)
    kind = request.args.get("kind")
    form = ConsentForm(data={"given_on": dt.date.today(), **({"kind": kind} if kind in KINDS else {})})
    if form.validate_on_submit():
        try:
            add_consent(get_db(), g.organization["id"], person_id, form.kind.data, form.given_on.data.isoformat(),
                        form.note.data or "")
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(f"Согласие внесено: {KINDS[form.kind.data]}, от {form.given_on.data:%d.%m.%Y}.")
            return redirect(_back(person))
    return render_template("people/consent.html", person=person, form=form, cancel_url=_back(person))


@bp.route("/<id:person_id>/consents/withdraw", methods=("GET", "POST"))
@organization_required
def withdraw(person_id: int):
    person = _person_or_404(person_id)
    consent = _consent_or_404(person)
    form = WithdrawForm(data={"withdrawn_on": dt.date.today()})
    if form.validate_on_submit():
        try:
            withdraw_consent(get_db(), g.organization["id"], consent["id"], form.withdrawn_on.data.isoformat())
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(f"Согласие отозвано {form.withdrawn_on.data:%d.%m.%Y}: {consent['kind_title']}.")
            return redirect(_back(person))
    return render_template("people/withdraw.html", person=person, consent=consent, form=form,
                           cancel_url=_back(person))


@bp.route("/<id:person_id>/consents/delete", methods=("GET", "POST"))
@organization_required
def delete(person_id: int):
    person = _person_or_404(person_id)
    consent = _consent_or_404(person)
    organization_id = g.organization["id"]
    given = dt.date.fromisoformat(consent["given_on"])
    return confirm_action(
        title="Удалить запись о согласии", button="Удалить запись",
        question=f"Удалить запись о согласии ({consent['kind_title']}) от {given:%d.%m.%Y}, {person['full_name']}? "
                 "Удаляют запись, внесённую по ошибке; если человек отозвал согласие, отметьте отзыв — запись "
                 "сохранится.",
        action=lambda db: delete_consent(db, organization_id, consent["id"]), done="Запись о согласии удалена.",
        cancel_url=_back(person), next_url=_back(person))
