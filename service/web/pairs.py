"""«Пары и группы»: mentoring pairs and groups, their lifecycle (a draft until an order fixes it,
then active, then completed or terminated early) and the editable list of forms of mentoring."""

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from wtforms import SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from registry.consents import consent_warnings
from registry.db import RegistryError, write
from registry.orders import list_orders
from registry.pairs import (
    CURRENT,
    INITIATIVES,
    REASON_LENGTH,
    STATUSES,
    activate_pairs,
    add_form,
    archive_form,
    archive_pair,
    busy_mentee_statuses,
    close_expired,
    close_pair,
    delete_form,
    delete_pair,
    get_pair,
    list_forms,
    list_pairs,
    pair_years,
    reopen_pair,
    save_pair,
)
from registry.people import ROLES, list_people
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.forms import REQUIRED, PairForm, RussianDateField, RussianForm, Select, options, person_options
from service.web.organization import organization_required

bp = Blueprint("pairs", __name__, url_prefix="/pairs")


class ActivateForm(RussianForm):
    order_id = Select("Приказ из журнала", coerce=int, default=0)
    date = RussianDateField("…или дата приказа, изданного вне сервиса")
    submit = SubmitField("Отметить закреплённой")

    def validate_date(self, field):
        if not field.data and not self.order_id.data and not field.errors:
            raise ValidationError("Выберите приказ из журнала или укажите дату приказа.")


class CloseForm(RussianForm):
    status = Select("Как закончилась", choices=options([("completed", "завершена (по плану)"),
                                                         ("terminated", "прекращена досрочно")]))
    closed_on = RussianDateField("Дата", validators=[InputRequired(REQUIRED)])
    close_initiative = Select("По чьей инициативе (при досрочном прекращении)", default="",
                              choices=options([("", "— выберите —"), *INITIATIVES.items()]))
    close_reason = TextAreaField("Причина", render_kw={"rows": 3}, validators=[
        Length(max=REASON_LENGTH, message=f"Не длиннее {REASON_LENGTH} знаков.")])
    order_id = Select("Приказ из журнала (если издан)", coerce=int, default=0)
    submit = SubmitField("Сохранить")


def _order_choices() -> list:
    orders = list_orders(get_db(), g.organization["id"])
    return options([(0, "— не выбран —")] + [
        (o["id"], f"№ {o['number']} от {dt.date.fromisoformat(o['date']):%d.%m.%Y} — {o['heading']}") for o in orders])

FILTER_STATUSES = {**STATUSES, "expired": "срок истёк"}


@bp.get("/")
@organization_required
def index():
    db = get_db()
    organization_id = g.organization["id"]
    years = pair_years(db, organization_id)
    status = request.args.get("status") if request.args.get("status") in FILTER_STATUSES else None
    year = request.args.get("year", type=int)
    year = year if year in years else None
    archived = request.args.get("archived") == "1"
    pairs = list_pairs(db, organization_id, status, year=year, archived=archived)
    expired = len(list_pairs(db, organization_id, "expired"))
    return render_template("pairs/list.html", pairs=pairs, statuses=FILTER_STATUSES, years=years,
                           filters={"status": status, "year": year, "archived": archived}, expired=expired)


#: How a mentee of another pair not over is marked in the list.
BUSY = {"active": "уже в действующей паре", "draft": "уже в черновике другой пары"}


def _choices(people: list[dict], keep: list[dict], role: str, busy: dict[int, str] | None = None):
    """Choices of ``people``, plus those of ``keep`` (the pair's own participants) who have lost the
    role or are archived, marked so: a pair never silently loses its mentor or mentee. People in
    ``busy`` (mentees of another active pair or draft) are marked before the secretary ticks them."""
    busy = busy or {}
    ids = {p["id"] for p in people}
    extra = [dict(p, position=f"{p['position'] or 'должность не указана'}; нет роли «{ROLES[role]}»"
                  if role not in p["roles"] else (p["position"] or "") + "; в архиве")
             for p in keep if p["id"] not in ids]
    marked = [dict(p, position=f"{p['position'] or 'должность не указана'} — {BUSY[busy[p['id']]]}")
              if p["id"] in busy else p for p in people + extra]
    return person_options(marked)


def _warnings(pair: dict | None) -> list[str]:
    """The consents a pair not over lacks today: to personal data processing and to mentoring."""
    if not pair or pair["status"] not in CURRENT:
        return []
    people = [pair["mentor"]["id"], *(m["id"] for m in pair["mentees"])]
    return consent_warnings(get_db(), people, ("pd", "mentoring"), dt.date.today().isoformat())


def _save(pair: dict | None):
    db = get_db()
    data = {}
    if pair:
        data = {**pair, "mentee_ids": [m["id"] for m in pair["mentees"]],
                "start_date": dt.date.fromisoformat(pair["start_date"]),
                "end_date": dt.date.fromisoformat(pair["end_date"])}
    form = PairForm(data=data)
    organization_id = g.organization["id"]
    mentors = list_people(db, organization_id, "mentor")
    form.mentor_id.choices = _choices(mentors, [pair["mentor"]] if pair else [], "mentor")
    form.mentee_ids.choices = _choices(list_people(db, organization_id, "mentee"), pair["mentees"] if pair else [],
                                       "mentee",
                                       busy_mentee_statuses(db, pair["id"] if pair else None))
    forms = list_forms(db) + ([f for f in list_forms(db, archived=True) if f["id"] == pair["form_id"]] if pair else [])
    form.form_id.choices = options([(0, "— выберите —")] + [(f["id"], f["name"]) for f in forms])
    if not form.mentor_id.choices or not form.mentee_ids.choices:
        flash("Отметьте в «Участниках» хотя бы одного наставника и одного наставляемого.")
    if pair and pair["mentor"]["id"] not in {p["id"] for p in mentors}:
        form.mentor_id.errors = [f"У участника {pair['mentor']['full_name']} нет роли «наставник» или он в архиве: "
                                 "выберите другого наставника или верните роль в «Участниках»."]
    if form.validate_on_submit():
        try:
            # One transaction: a refused pair leaves no new form behind.
            with write(db):
                new_form = (form.new_form.data or "").strip()
                form_id = add_form(db, new_form) if new_form else form.form_id.data
                values = {"mentor_id": form.mentor_id.data, "form_id": form_id,
                          "start_date": form.start_date.data.isoformat(), "end_date": form.end_date.data.isoformat()}
                save_pair(db, organization_id, values, form.mentee_ids.data, pair["id"] if pair else None)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Пара (группа) сохранена.")
            if pair is None:
                flash("Это черновик: пара начнёт действовать, когда её закрепит приказ (раздел «Документы»).")
            elif pair["status"] == "active" and form.end_date.data < dt.date.today():
                flash("Срок этой пары уже истёк: её можно отметить завершённой.")
            return redirect(url_for("pairs.index"))
    return render_template("pairs/form.html", form=form, pair=pair, warnings=_warnings(pair))


@bp.route("/new", methods=("GET", "POST"))
@organization_required
def new():
    return _save(None)


def pair_or_404(pair_id: int) -> dict:
    """The pair ``pair_id`` of the organisation being worked on, expanded (:func:`registry.pairs.get_pair`);
    404 when there is none in it."""
    pair = get_pair(get_db(), pair_id, g.organization["id"])
    if pair is None:
        abort(404)
    return pair


@bp.route("/<id:pair_id>", methods=("GET", "POST"))
@organization_required
def edit(pair_id: int):
    return _save(pair_or_404(pair_id))


def _describe(pair: dict) -> str:
    mentees = ", ".join(m["full_name"] for m in pair["mentees"])
    return f"наставник {pair['mentor']['full_name']}, наставляемые: {mentees}"


@bp.route("/<id:pair_id>/archive", methods=("GET", "POST"))
@organization_required
def archive(pair_id: int):
    pair = pair_or_404(pair_id)
    return confirm_action(
        title="Перенести в архив", button="Перенести в архив",
        question=f"Перенести пару (группу) в архив? {_describe(pair)}. Она исчезнет из списков и форм; "
                 "приказы журнала сохранят её.",
        action=lambda db: archive_pair(db, pair_id), done="Пара (группа) перенесена в архив.",
        cancel_url=url_for("pairs.edit", pair_id=pair_id), next_url=url_for("pairs.index"))


@bp.route("/<id:pair_id>/restore", methods=("GET", "POST"))
@organization_required
def restore(pair_id: int):
    pair = pair_or_404(pair_id)
    return confirm_action(
        title="Вернуть из архива", button="Вернуть", danger=False,
        question=f"Вернуть пару (группу) из архива? {_describe(pair)}.",
        action=lambda db: archive_pair(db, pair_id, archived=False), done="Пара (группа) возвращена из архива.",
        cancel_url=url_for("pairs.edit", pair_id=pair_id), next_url=url_for("pairs.edit", pair_id=pair_id))


@bp.route("/<id:pair_id>/delete", methods=("GET", "POST"))
@organization_required
def delete(pair_id: int):
    pair = pair_or_404(pair_id)
    return confirm_action(
        title="Удалить пару (группу)", button="Удалить навсегда",
        question=f"Удалить пару (группу) навсегда? {_describe(pair)}. Удалить можно только пару, которую не "
                 "называет ни один приказ; иначе перенесите её в архив.",
        action=lambda db: delete_pair(db, pair_id), done="Пара (группа) удалена.",
        cancel_url=url_for("pairs.edit", pair_id=pair_id), next_url=url_for("pairs.index"))


@bp.route("/<id:pair_id>/activate", methods=("GET", "POST"))
@organization_required
def activate(pair_id: int):
    """A draft fixed by an order issued outside the service or registered earlier: the pair becomes
    active. (Registering «Приказ о закреплении…» in «Документы» does the same by itself.)"""
    pair = pair_or_404(pair_id)
    if pair["status"] != "draft":
        flash(f"Пара (группа) не черновик — {pair['status_title']}: закреплять нечего.")
        g.audit_unchanged = True
        return redirect(url_for("pairs.edit", pair_id=pair_id))
    form = ActivateForm()
    form.order_id.choices = _order_choices()
    if form.validate_on_submit():
        db = get_db()
        order_id = form.order_id.data or None
        day = form.date.data.isoformat() if form.date.data else None
        if order_id:
            day = next(o["date"] for o in list_orders(db, g.organization["id"]) if o["id"] == order_id)
        try:
            activate_pairs(db, g.organization["id"], [pair_id], order_id, day)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Пара (группа) закреплена приказом и действует.")
            return redirect(url_for("pairs.edit", pair_id=pair_id))
    return render_template("pairs/activate.html", form=form, pair=pair, description=_describe(pair))


@bp.route("/<id:pair_id>/close", methods=("GET", "POST"))
@organization_required
def close(pair_id: int):
    """An active pair ends: completed by plan, or terminated early with the reason and whose
    initiative."""
    pair = pair_or_404(pair_id)
    if pair["status"] != "active":
        flash(f"Завершить можно только действующую пару; эта — {pair['status_title']}.")
        g.audit_unchanged = True
        return redirect(url_for("pairs.edit", pair_id=pair_id))
    early = request.args.get("status") == "terminated"
    form = CloseForm(data={"closed_on": dt.date.today(), "status": "terminated" if early else "completed"})
    form.order_id.choices = _order_choices()
    if form.validate_on_submit():
        try:
            close_pair(get_db(), g.organization["id"], pair_id, status=form.status.data,
                       day=form.closed_on.data.isoformat(), reason=form.close_reason.data or "",
                       initiative=form.close_initiative.data or None, order_id=form.order_id.data or None)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Пара (группа) прекращена досрочно." if form.status.data == "terminated"
                  else "Пара (группа) завершена.")
            return redirect(url_for("pairs.edit", pair_id=pair_id))
    return render_template("pairs/close.html", form=form, pair=pair, description=_describe(pair))


@bp.route("/<id:pair_id>/reopen", methods=("GET", "POST"))
@organization_required
def reopen(pair_id: int):
    pair = pair_or_404(pair_id)
    organization_id = g.organization["id"]
    return confirm_action(
        title="Вернуть в действующие", button="Вернуть в действующие", danger=False,
        question=f"Пара (группа) {pair['status_title']}: {_describe(pair)}. Вернуть её в действующие? Отметка о "
                 "завершении (дата, причина, приказ) будет снята — так исправляют отметку, поставленную по ошибке.",
        action=lambda db: reopen_pair(db, organization_id, pair_id), done="Пара (группа) снова действует.",
        cancel_url=url_for("pairs.edit", pair_id=pair_id), next_url=url_for("pairs.edit", pair_id=pair_id))


@bp.route("/close-expired", methods=("GET", "POST"))
@organization_required
def close_expired_pairs():
    pairs = list_pairs(get_db(), g.organization["id"], "expired")
    names = "; ".join(_describe(p) for p in pairs) or "таких пар нет"
    return confirm_action(
        title="Завершить пары с истёкшим сроком", button="Завершить", danger=False,
        question=f"Отметить завершёнными все действующие пары и группы с истёкшим сроком ({len(pairs)}): {names}?",
        action=lambda db: close_expired(db, g.organization["id"]), done=f"Завершено пар и групп: {len(pairs)}.",
        cancel_url=url_for("pairs.index"), next_url=url_for("pairs.index"))


@bp.get("/forms")
@organization_required
def forms():
    db = get_db()
    return render_template("pairs/forms.html", forms=list_forms(db), archived=list_forms(db, archived=True))


def _form_or_404(form_id: int) -> dict:
    found = [f for f in list_forms(get_db(), archived=None) if f["id"] == form_id]
    if not found:
        abort(404)
    return found[0]


@bp.route("/forms/<id:form_id>/archive", methods=("GET", "POST"))
@organization_required
def archive_form_view(form_id: int):
    form = _form_or_404(form_id)
    restore = form["archived_at"] is not None
    return confirm_action(
        title="Вернуть форму" if restore else "Убрать форму в архив",
        button="Вернуть" if restore else "Убрать в архив", danger=not restore,
        question=f"Вернуть форму «{form['name']}» в список для новых пар?" if restore else
        f"Убрать форму «{form['name']}» из списка для новых пар? Пары с этой формой её сохранят.",
        action=lambda db: archive_form(db, form_id, archived=not restore),
        done=f"Форма «{form['name']}» " + ("возвращена в список." if restore else "убрана в архив."),
        cancel_url=url_for("pairs.forms"), next_url=url_for("pairs.forms"))


@bp.route("/forms/<id:form_id>/delete", methods=("GET", "POST"))
@organization_required
def delete_form_view(form_id: int):
    form = _form_or_404(form_id)
    return confirm_action(
        title="Удалить форму наставничества", button="Удалить навсегда",
        question=f"Удалить форму «{form['name']}» навсегда? Удалить можно только форму, которую не указывает "
                 "ни одна пара.",
        action=lambda db: delete_form(db, form_id), done=f"Форма «{form['name']}» удалена.",
        cancel_url=url_for("pairs.forms"), next_url=url_for("pairs.forms"))
