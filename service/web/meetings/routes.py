"""Pages of the meetings: the organisation's meetings of an academic year (``?year=2025``), a pair's
meetings with the sequence of the seeds (which of the first, trial, planning and final meetings it has
had), a meeting's form — a new one or the one named in the query (``?meeting=…``) — with the plan items of
the pair's programme to tick, and its deletion."""

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.db import RegistryError, ru_date
from registry.meetings import (
    KINDS,
    ONCE,
    delete_meeting,
    get_meeting,
    list_meetings,
    meeting_years,
    next_kind,
    plan_items,
    save_meeting,
)
from registry.organization import current_academic_year
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.forms import options
from service.web.meetings.forms import MeetingForm
from service.web.organization import organization_required
from service.web.pairs import pair_or_404

bp = Blueprint("meetings", __name__, url_prefix="/meetings", static_folder="static")


@bp.get("/")
@organization_required
def index():
    db = get_db()
    organization = g.organization
    current = current_academic_year(organization)
    year = request.args.get("year", type=int)
    year = year if year is not None and 2000 <= year <= 2099 else current
    years = sorted(set(meeting_years(db, organization["id"])) | {current, year}, reverse=True)
    meetings = list_meetings(db, organization["id"], year=year)
    counts = {"held": sum(1 for m in meetings if not m["planned"]),
              "planned": sum(1 for m in meetings if m["planned"]),
              "no_feedback": sum(1 for m in meetings if m["feedback_missing"]),
              "items": sum(len(m["items"]) for m in meetings)}
    return render_template("meetings/index.html", meetings=meetings, years=years, year=year, counts=counts)


def _meeting_or_404(pair_id: int) -> dict:
    meeting_id = request.args.get("meeting", type=int)
    meeting = (get_meeting(get_db(), g.organization["id"], meeting_id, pair_id)
               if meeting_id and 0 < meeting_id < 2**63 else None)
    if meeting is None:
        abort(404)
    return meeting


@bp.get("/pair/<id:pair_id>")
@organization_required
def pair(pair_id: int):
    found = pair_or_404(pair_id)
    meetings = list_meetings(get_db(), g.organization["id"], pair_id=pair_id)
    sequence = [{"kind": kind, "title": title, "days": [m["held_on"] for m in meetings if m["kind"] == kind]}
                for kind, title in KINDS.items()]
    items = plan_items(get_db(), g.organization["id"], pair_id)
    return render_template("meetings/pair.html", pair=found, meetings=meetings, sequence=sequence, once=ONCE,
                           items_done=sum(1 for i in items if i["done_on"]), items_total=len(items))


def _item_label(item: dict) -> str:
    label = f"{item['number']}. {item['activity']} (срок: {item['deadline']})"
    if item["done_on"] and not item["meeting"]:
        label += f" — отмечено выполненным {ru_date(item['done_on'])}"
    return label


@bp.route("/pair/<id:pair_id>/meeting", methods=("GET", "POST"))
@organization_required
def edit(pair_id: int):
    """A new meeting of the pair, or the one of ``?meeting=``."""
    db = get_db()
    organization_id = g.organization["id"]
    found = pair_or_404(pair_id)
    current = _meeting_or_404(pair_id) if request.args.get("meeting") else None
    if current:
        data = {key: current[key] for key in ("kind", "topic", "notes", "feedback")}
        data["held_on"] = dt.date.fromisoformat(current["held_on"])
    else:
        data = {"kind": next_kind(db, pair_id), "held_on": dt.date.today()}
    form = MeetingForm(data=data)
    items = plan_items(db, organization_id, pair_id)
    mine = current["id"] if current else None
    form.item_ids.choices = options((i["id"], _item_label(i)) for i in items
                                    if not i["meeting"] or i["meeting"]["id"] == mine)
    elsewhere = [i for i in items if i["meeting"] and i["meeting"]["id"] != mine]
    if not form.is_submitted():
        form.item_ids.data = [i["id"] for i in items if i["meeting"] and i["meeting"]["id"] == mine]
    if form.validate_on_submit():
        values = {key: form[key].data for key in ("kind", "topic", "notes", "feedback")}
        values["held_on"] = form.held_on.data.isoformat()
        try:
            save_meeting(db, organization_id, pair_id, values, form.item_ids.data or [], mine)
        except RegistryError as error:
            form.add_error(error)
        else:
            ticked = len(form.item_ids.data or [])
            flash(f"Встреча сохранена: {KINDS[values['kind']]} {form.held_on.data:%d.%m.%Y} — «{values['topic']}»."
                  + (f" Отмечено выполненными пунктов плана: {ticked}." if ticked else ""))
            return redirect(url_for("meetings.pair", pair_id=pair_id))
    return render_template("meetings/form.html", form=form, pair=found, meeting=current, elsewhere=elsewhere,
                           has_programme=bool(found["programme_id"]))


@bp.route("/pair/<id:pair_id>/delete", methods=("GET", "POST"))
@organization_required
def delete(pair_id: int):
    current = _meeting_or_404(pair_id)
    organization_id = g.organization["id"]
    what = f"{current['kind_title']} {ru_date(current['held_on'])} — «{current['topic']}»"
    ticked = (f" Пункты плана, отмеченные на ней выполненными ({len(current['items'])}), снова станут "
              "невыполненными." if current["items"] else "")
    back = url_for("meetings.pair", pair_id=pair_id)
    return confirm_action(
        title="Удаление встречи", question=f"Удалить встречу: {what}?{ticked}", button="Удалить",
        action=lambda db: delete_meeting(db, organization_id, current["id"]), done=f"Встреча удалена: {what}.",
        cancel_url=back, next_url=back)
