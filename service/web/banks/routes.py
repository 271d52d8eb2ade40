"""Pages of the banks, one set per bank: the list (those in it now, or everyone who has been),
entering a person, changing the entry, leaving the bank (with the date) and removing an entry made
by mistake. An entry is addressed by its person: a person is in a bank at most once at a time."""

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.banks import (
    REQUESTS_TITLES,
    delete_entry,
    entry_for,
    leave_bank,
    list_bank,
    save_entry,
)
from registry.consents import consent_on
from registry.db import RegistryError
from registry.people import get_person, list_people
from service.grammar.agreement import count
from service.web.banks.forms import EntryForm, LeaveForm
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.forms import options, person_options
from service.web.organization import organization_required

bp = Blueprint("banks", __name__, url_prefix="/banks")

#: The page title of each bank.
TITLES = {"mentor": "Банк наставников", "mentee": "Банк наставляемых"}
#: «в банк …», «в банке …» and «из банка …» for messages and buttons.
IN = {"mentor": "в банке наставников", "mentee": "в банке наставляемых"}
INTO = {"mentor": "в банк наставников", "mentee": "в банк наставляемых"}
OUT_OF = {"mentor": "из банка наставников", "mentee": "из банка наставляемых"}


def endpoints(bank: str) -> dict[str, str]:
    """The endpoints of a bank's pages: index, new, edit, leave, delete."""
    return {"index": "banks.mentors" if bank == "mentor" else "banks.mentees", "new": f"banks.new_{bank}",
            "edit": f"banks.edit_{bank}", "leave": f"banks.leave_{bank}", "delete": f"banks.delete_{bank}"}


def experience(years: float | None) -> str:
    """«стаж 1 год», «стаж 22 года», «стаж 1,5 года»; empty when unknown."""
    if years is None:
        return ""
    if float(years).is_integer():
        return f"стаж {count(int(years), 'год', style='digits')}"
    return f"стаж {years:g} года".replace(".", ",")


def _index(bank: str):
    db = get_db()
    everyone = request.args.get("left") == "1"
    entries = list_bank(db, g.organization["id"], bank, current=not everyone)
    today = dt.date.today().isoformat()
    for entry in entries:
        entry["pd_consent"] = consent_on(db, entry["person_id"], "pd", today)
        entry["experience"] = experience(entry["experience_years"])
    return render_template("banks/list.html", bank=bank, title=TITLES[bank], titles=TITLES, entries=entries,
                           everyone=everyone, requests_title=REQUESTS_TITLES[bank], urls=endpoints(bank),
                           other=endpoints("mentee" if bank == "mentor" else "mentor"))


def _entry_or_404(bank: str, person_id: int) -> dict:
    entry = entry_for(get_db(), person_id, bank)
    if entry is None or entry["organization_id"] != g.organization["id"]:
        abort(404)
    return entry


def _form(bank: str, entry: dict | None) -> EntryForm:
    data = {"entered_on": dt.date.today(), "person_id": request.args.get("person_id", type=int) or 0}
    if entry:
        data = {**entry, "entered_on": dt.date.fromisoformat(entry["entered_on"])}
    form = EntryForm(data=data)
    form.requests.label.text = REQUESTS_TITLES[bank]
    if entry:
        del form.person_id
    else:
        db = get_db()
        organization_id = g.organization["id"]
        taken = {e["person_id"] for e in list_bank(db, organization_id, bank)}
        free = [p for p in list_people(db, organization_id) if p["id"] not in taken]
        form.person_id.choices = options([(0, "— выберите —")]) + person_options(free)
    return form


def _save(bank: str, entry: dict | None):
    form = _form(bank, entry)
    if form.validate_on_submit():
        values = {"bank": bank, "requests": form.requests.data, "entered_on": form.entered_on.data.isoformat(),
                  "source": form.source.data, "person_id": entry["person_id"] if entry else form.person_id.data}
        try:
            save_entry(get_db(), g.organization["id"], values, entry["id"] if entry else None)
        except RegistryError as error:
            form.add_error(error)
        else:
            name = entry["full_name"] if entry else get_person(get_db(), form.person_id.data)["full_name"]
            flash(f"Сохранено: {name} — {IN[bank]}.")
            return redirect(url_for(endpoints(bank)["index"]))
    return render_template("banks/form.html", bank=bank, title=TITLES[bank], form=form, entry=entry,
                           urls=endpoints(bank), into=INTO[bank])


def _leave(bank: str, person_id: int):
    entry = _entry_or_404(bank, person_id)
    form = LeaveForm(data={"left_on": dt.date.today()})
    form.submit.label.text = f"Исключить {OUT_OF[bank]}"
    if form.validate_on_submit():
        try:
            leave_bank(get_db(), g.organization["id"], entry["id"], form.left_on.data.isoformat())
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(f"{entry['full_name']} исключается {OUT_OF[bank]} с {form.left_on.data:%d.%m.%Y}; запись сохранена "
                  "среди выбывших.")
            return redirect(url_for(endpoints(bank)["index"]))
    return render_template("banks/leave.html", bank=bank, title=f"Исключить {OUT_OF[bank]}", form=form, entry=entry,
                           urls=endpoints(bank))


def _delete(bank: str, person_id: int):
    entry = _entry_or_404(bank, person_id)
    organization_id = g.organization["id"]
    return confirm_action(
        title="Удалить запись банка", button="Удалить запись",
        question=f"Удалить запись о том, что {entry['full_name']} включён(а) {INTO[bank]} "
                 f"{dt.date.fromisoformat(entry['entered_on']):%d.%m.%Y}? Удаляют запись, сделанную по ошибке; "
                 "если человек выбыл, исключите его из банка — запись сохранится.",
        action=lambda db: delete_entry(db, organization_id, entry["id"]), done="Запись банка удалена.",
        cancel_url=url_for(endpoints(bank)["edit"], person_id=person_id), next_url=url_for(endpoints(bank)["index"]))


def _register(bank: str, segment: str) -> None:
    """The five pages of one bank under /banks/<segment>/."""
    names = endpoints(bank)

    @organization_required
    def index():
        return _index(bank)

    @organization_required
    def new():
        return _save(bank, None)

    @organization_required
    def edit(person_id: int):
        return _save(bank, _entry_or_404(bank, person_id))

    @organization_required
    def leave(person_id: int):
        return _leave(bank, person_id)

    @organization_required
    def delete(person_id: int):
        return _delete(bank, person_id)

    both = ("GET", "POST")
    bp.add_url_rule(f"/{segment}/", names["index"].split(".")[1], index)
    bp.add_url_rule(f"/{segment}/new", names["new"].split(".")[1], new, methods=both)
    bp.add_url_rule(f"/{segment}/<id:person_id>", names["edit"].split(".")[1], edit, methods=both)
    bp.add_url_rule(f"/{segment}/<id:person_id>/leave", names["leave"].split(".")[1], leave, methods=both)
    bp.add_url_rule(f"/{segment}/<id:person_id>/delete", names["delete"].split(".")[1], delete, methods=both)


_register("mentor", "mentors")
_register("mentee", "mentees")
