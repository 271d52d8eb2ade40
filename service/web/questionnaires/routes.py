"""Pages of the questionnaires: the organisation's question sets (started from the defaults), a set with its
questions to edit, reorder, archive or delete, a question's form, the blank of a set (DOCX, PDF), one
person's answers, the list of answers with the averages by stage, and the upload of an online form's export
with the matching of its columns. The set, the question and the response are named in the query
(``?set=…``, ``?question=…``, ``?response=…``)."""

import base64
import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from registry.db import RegistryError, ru_date
from registry.pairs import academic_year, list_pairs
from registry.questionnaires import (
    KINDS,
    STAGE_TITLES,
    STAGES,
    archive_set,
    delete_response,
    delete_set,
    get_question,
    get_response,
    get_set,
    list_responses,
    list_sets,
    move_question,
    pair_on,
    pairs_of,
    remove_question,
    respondents,
    restore_question,
    save_question,
    save_response,
    save_set,
    start_set,
    summary,
)
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError
from service.documents.pdf import PdfUnavailable
from service.documents.render import check, render_document
from service.documents.sources import from_registry
from service.questionnaire_import import import_answers, proposed_targets, read_export
from service.spreadsheets.workbook import UnreadableFile
from service.web.confirm import confirm_action
from service.web.db import get_db
from service.web.downloads import send_document
from service.web.forms import ConfirmForm, options, person_options
from service.web.organization import organization_required
from service.web.questionnaires.forms import (
    QuestionForm,
    SetForm,
    StartForm,
    UploadForm,
    columns_form,
    response_form,
)

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")

#: The catalogue's blank of each role.
BLANKS = {"mentor": "questionnaire-mentor", "mentee": "questionnaire-mentee"}


def _id(name: str) -> int | None:
    value = request.args.get(name, type=int)
    return value if value and 0 < value < 2**63 else None


def _set_or_404() -> dict:
    found = get_set(get_db(), g.organization["id"], _id("set") or 0)
    if found is None:
        abort(404)
    return found


def _question_or_404() -> dict:
    found = get_question(get_db(), g.organization["id"], _id("question") or 0)
    if found is None:
        abort(404)
    return found


def _set_page(set_id: int) -> str:
    return url_for("questionnaires.set_view", set=set_id)


@bp.route("/", methods=("GET", "POST"))
@organization_required
def index():
    """The sets of the organisation; POST creates a default set («… по образцу»)."""
    db = get_db()
    organization_id = g.organization["id"]
    start = StartForm()
    if start.validate_on_submit() and (start.mentor.data or start.mentee.data):
        role = "mentor" if start.mentor.data else "mentee"
        set_id = start_set(db, organization_id, role)
        flash(f"Анкета создана по образцу: «{get_set(db, organization_id, set_id)['title']}». Проверьте вопросы.")
        return redirect(_set_page(set_id))
    return render_template("questionnaires/index.html", sets=list_sets(db, organization_id),
                           archived=list_sets(db, organization_id, archived=True), start=start)


@bp.route("/new", methods=("GET", "POST"))
@organization_required
def new_set():
    form = SetForm()
    if form.validate_on_submit():
        values = {key: form[key].data for key in ("role", "title", "intro", "scale")}
        try:
            set_id = save_set(get_db(), g.organization["id"], values)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(f"Анкета создана: «{' '.join(values['title'].split())}». Добавьте вопросы.")
            return redirect(_set_page(set_id))
    return render_template("questionnaires/new.html", form=form)


@bp.route("/set", methods=("GET", "POST"))
@organization_required
def set_view():
    """A set: its title, introduction and scale (the form), its questions and the archived ones."""
    found = _set_or_404()
    form = SetForm(data=found)
    del form.role
    if form.validate_on_submit():
        values = {key: form[key].data for key in ("title", "intro", "scale")}
        try:
            save_set(get_db(), g.organization["id"], values, found["id"])
        except RegistryError as error:
            form.add_error(error)
        else:
            flash("Анкета сохранена.")
            return redirect(_set_page(found["id"]))
    return render_template("questionnaires/set.html", found=found, form=form, kinds=KINDS, move=ConfirmForm(),
                           stages=STAGES)


@bp.route("/question", methods=("GET", "POST"))
@organization_required
def question():
    """A new question of the set (``?set=``) or a question to change (``?question=``)."""
    current = _question_or_404() if request.args.get("question") else None
    found = get_set(get_db(), g.organization["id"], current["set_id"]) if current else _set_or_404()
    data = {}
    if current:
        data = {"kind": current["kind"], "text": current["text"], "choices": "\n".join(current["choices"])}
    form = QuestionForm(data=data)
    if form.validate_on_submit():
        values = {"kind": form.kind.data, "text": form.text.data, "choices": (form.choices.data or "").splitlines()}
        try:
            save_question(get_db(), g.organization["id"], found["id"], values, current["id"] if current else None)
        except RegistryError as error:
            form.add_error(error)
        else:
            flash(f"Вопрос сохранён: «{' '.join(form.text.data.split())[:120]}».")
            return redirect(_set_page(found["id"]))
    return render_template("questionnaires/question.html", form=form, found=found, current=current)


@bp.post("/question/move")
@organization_required
def move():
    current = _question_or_404()
    if ConfirmForm().validate_on_submit():
        move_question(get_db(), g.organization["id"], current["id"], -1 if request.args.get("step") == "up" else 1)
    else:
        flash("Страница открыта слишком давно: порядок не изменён — нажмите ещё раз.")
    return redirect(_set_page(current["set_id"]))


@bp.route("/question/remove", methods=("GET", "POST"))
@organization_required
def remove():
    current = _question_or_404()
    organization_id = g.organization["id"]
    back = _set_page(current["set_id"])
    if current["answered"]:
        question_text = (f"На вопрос «{current['text']}» уже ответили (ответов: {current['answered']}). Он будет "
                         "перенесён в архив: из бланка и новых анкет исчезнет, в сохранённых ответах останется.")
        button, done = "Перенести в архив", f"Вопрос перенесён в архив: «{current['text'][:120]}»."
    else:
        question_text = f"Удалить вопрос «{current['text']}»?"
        button, done = "Удалить", f"Вопрос удалён: «{current['text'][:120]}»."
    return confirm_action(title="Удаление вопроса", question=question_text, button=button,
                          action=lambda db: remove_question(db, organization_id, current["id"]), done=done,
                          cancel_url=back, next_url=back)


@bp.post("/question/restore")
@organization_required
def restore():
    current = _question_or_404()
    if ConfirmForm().validate_on_submit():
        restore_question(get_db(), g.organization["id"], current["id"])
        flash(f"Вопрос возвращён в анкету: «{current['text'][:120]}».")
    return redirect(_set_page(current["set_id"]))


@bp.route("/set/archive", methods=("GET", "POST"))
@organization_required
def archive():
    found = _set_or_404()
    organization_id = g.organization["id"]
    back = url_for("questionnaires.index")
    archived = not found["archived_at"]
    return confirm_action(
        title="Архив анкет", button="Перенести в архив" if archived else "Вернуть из архива", danger=False,
        question=(f"Перенести анкету «{found['title']}» в архив? Ответы сохранятся; новые анкеты по ней вносить "
                  "будет нельзя." if archived else f"Вернуть анкету «{found['title']}» из архива?"),
        action=lambda db: archive_set(db, organization_id, found["id"], archived),
        done=f"Анкета «{found['title']}» " + ("перенесена в архив." if archived else "возвращена из архива."),
        cancel_url=back, next_url=back)


@bp.route("/set/delete", methods=("GET", "POST"))
@organization_required
def delete():
    found = _set_or_404()
    organization_id = g.organization["id"]
    return confirm_action(
        title="Удаление анкеты", question=f"Удалить анкету «{found['title']}» со всеми её вопросами?", button="Удалить",
        action=lambda db: delete_set(db, organization_id, found["id"]), done=f"Анкета удалена: «{found['title']}».",
        cancel_url=_set_page(found["id"]), next_url=url_for("questionnaires.index"))


def _blank(pdf: bool):
    """The set's blank (``?set=``, ``?stage=entry|exit``) as DOCX or PDF; the set's page, saying why, when it
    cannot be made."""
    found = _set_or_404()
    entry = get_template(BLANKS[found["role"]])
    stage = request.args.get("stage")
    options_ = {"set": found["id"], **({"stage": stage} if stage in STAGES else {})}
    try:
        rendered = render_document(entry, check(entry.id, from_registry(entry.id, get_db(), g.organization["id"], None,
                                                                        options_))[1])
    except ContractError as error:
        flash("Бланк не сформирован: " + "; ".join(e.message for e in error.errors))
        return redirect(_set_page(found["id"]))
    try:
        return send_document(rendered, pdf=pdf)
    except PdfUnavailable as error:
        flash(str(error))
        return redirect(_set_page(found["id"]))


@bp.get("/blank.docx")
@organization_required
def blank():
    return _blank(pdf=False)


@bp.get("/blank.pdf")
@organization_required
def blank_pdf():
    return _blank(pdf=True)


# -- answers ---------------------------------------------------------------------------------------------


def _pair_label(pair: dict) -> str:
    mentees = ", ".join(m["full_name"] for m in pair["mentees"])
    return f"{pair['mentor']['full_name']} → {mentees} ({ru_date(pair['start_date'])} – {ru_date(pair['end_date'])})"


@bp.route("/answer", methods=("GET", "POST"))
@organization_required
def answer():
    """One person's questionnaire: a new one for the set (``?set=``, ``?person=`` chosen ahead) or the one of
    ``?response=``."""
    db = get_db()
    organization_id = g.organization["id"]
    current = get_response(db, organization_id, _id("response") or 0) if request.args.get("response") else None
    if request.args.get("response") and current is None:
        abort(404)
    found = get_set(db, organization_id, current["set_id"]) if current else _set_or_404()
    people = respondents(db, organization_id, found["role"])
    if current:
        data = {"person_id": current["person_id"], "pair_id": current["pair_id"] or 0, "stage": current["stage"],
                "answered_on": dt.date.fromisoformat(current["answered_on"])}
        for question_id, given in current["answers"].items():
            value = given["score"] if given["score"] is not None else given["choice"] or given["text"]
            data[f"q{question_id}"] = str(value) if given["score"] is not None else value
        if all(p["id"] != current["person_id"] for p in people):
            people.append({"id": current["person_id"], "full_name": current["full_name"], "position": None})
    else:
        data = {"person_id": _id("person") or 0, "stage": request.args.get("stage") or "entry",
                "answered_on": dt.date.today()}
    form = response_form(found["questions"], found["scale"], data=data)
    form.person_id.choices = options([(0, "— выберите —")]) + person_options(people)
    # Every pair of the organisation (a page without scripts cannot narrow them to the person chosen); the
    # registry refuses one the person is not in.
    pairs = list_pairs(db, organization_id)
    if current and current["pair_id"] and all(p["id"] != current["pair_id"] for p in pairs):
        pairs += [p for p in pairs_of(db, organization_id, found["role"], current["person_id"])
                  if p["id"] == current["pair_id"]]
    form.pair_id.choices = options([(0, "— определить по дате заполнения —")] +
                                   [(p["id"], _pair_label(p)) for p in pairs])
    if form.validate_on_submit():
        values = {"set_id": found["id"], "person_id": form.person_id.data or None, "stage": form.stage.data,
                  "answered_on": form.answered_on.data.isoformat(), "pair_id": form.pair_id.data or None}
        if values["pair_id"] is None and values["person_id"]:
            values["pair_id"] = pair_on(db, organization_id, found["role"], values["person_id"],
                                        values["answered_on"])
        answers = {q["id"]: form[f"q{q['id']}"].data for q in found["questions"]}
        try:
            save_response(db, organization_id, values, answers, current["id"] if current else None)
        except RegistryError as error:
            form.add_error(error)
        else:
            name = next((p["full_name"] for p in people if p["id"] == values["person_id"]), "")
            flash(f"Анкета сохранена: {name}, {STAGES[values['stage']]} анкетирование, "
                  f"{form.answered_on.data:%d.%m.%Y}.")
            return redirect(url_for("questionnaires.responses", set=found["id"]))
    return render_template("questionnaires/answer.html", form=form, found=found, current=current,
                           questions=found["questions"])


def _years(responses: list[dict]) -> list[int]:
    return sorted({academic_year(dt.date.fromisoformat(r["answered_on"])) for r in responses}, reverse=True)


@bp.get("/responses")
@organization_required
def responses():
    """The answers to a set (``?set=``; of ``?year=`` and ``?stage=`` when given) with the averages."""
    db = get_db()
    found = _set_or_404()
    organization_id = g.organization["id"]
    everything = list_responses(db, organization_id, set_id=found["id"])
    years = _years(everything)
    year = request.args.get("year", type=int)
    year = year if year in years else None
    stage = request.args.get("stage") if request.args.get("stage") in STAGES else None
    rows = list_responses(db, organization_id, set_id=found["id"], year=year, stage=stage)
    scaled = [q for q in found["questions"] if q["kind"] == "scaled"]
    return render_template("questionnaires/responses.html", found=found, rows=rows, years=years, year=year,
                           stage=stage, stages=STAGES, stage_titles=STAGE_TITLES, scaled=scaled,
                           summary=summary(db, organization_id, found["id"], year))


@bp.route("/response/delete", methods=("GET", "POST"))
@organization_required
def delete_answers():
    organization_id = g.organization["id"]
    current = get_response(get_db(), organization_id, _id("response") or 0)
    if current is None:
        abort(404)
    what = (f"{current['full_name']}, {current['stage_title']} анкетирование, {ru_date(current['answered_on'])} "
            f"(«{current['set_title']}»)")
    back = url_for("questionnaires.responses", set=current["set_id"])
    return confirm_action(title="Удаление анкеты", question=f"Удалить ответы: {what}?", button="Удалить",
                          action=lambda db: delete_response(db, organization_id, current["id"]),
                          done=f"Ответы удалены: {what}.", cancel_url=back, next_url=back)


# -- the upload of an online form's export ---------------------------------------------------------------


def _set_choices() -> list:
    return options((s["id"], f"{s['title']} ({s['role_title']}, шкала 1–{s['scale']})")
                   for s in list_sets(get_db(), g.organization["id"]))


@bp.route("/import", methods=("GET", "POST"))
@organization_required
def upload():
    """The export, its set and stage; on to the matching of its columns (:func:`columns`)."""
    form = UploadForm(data={"set_id": _id("set") or 0})
    form.set_id.choices = _set_choices()
    if form.validate_on_submit():
        file = form.file.data
        content = file.read()
        try:
            export = read_export(content, file.filename or "")
        except UnreadableFile as error:
            form.file.errors = [*form.file.errors, error.message]
        else:
            found = get_set(get_db(), g.organization["id"], form.set_id.data)
            if found is None:
                abort(404)
            targets = proposed_targets(get_db(), g.organization["id"], found["id"], export)
            carried = {"set_id": str(found["id"]), "stage": form.stage.data, "filename": file.filename or "",
                       "answered_on": form.answered_on.data.isoformat() if form.answered_on.data else "",
                       "content": base64.b64encode(content).decode("ascii")}
            # Built from ``data`` alone: the upload's own fields (its date typed ДД.ММ.ГГГГ) must not fill it.
            mapping = columns_form(export.headers, found["questions"], formdata=None, data={
                **carried, **{f"col{i}": target for i, target in enumerate(targets)}})
            report = _run(mapping, found, export, targets, dry_run=True)
            return render_template("questionnaires/columns.html", form=mapping, found=found, export=export,
                                   report=report, stage_title=STAGES.get(form.stage.data, ""))
    return render_template("questionnaires/upload.html", form=form)


def _run(form, found: dict, export, targets: list[str], *, dry_run: bool):
    """The import's report, or None (the reason added to the form) when the registry refuses outright."""
    day = dt.date.fromisoformat(form.answered_on.data) if form.answered_on.data else None
    try:
        return import_answers(get_db(), g.organization["id"], found["id"], form.stage.data, export, targets, day=day,
                              dry_run=dry_run)
    except RegistryError as error:
        form.form_errors.append(error.message)
        return None


@bp.post("/import/columns")
@organization_required
def columns():
    """The columns matched: «Проверить» checks again, «Загрузить» loads all or nothing."""
    carried = request.form
    set_id = carried.get("set_id", "")
    found = get_set(get_db(), g.organization["id"], int(set_id)) if set_id.isdigit() and len(set_id) < 19 else None
    try:
        content = base64.b64decode(carried.get("content", ""), validate=True)
        export = read_export(content, carried.get("filename", ""))
        day = carried.get("answered_on") or None
        if day:
            dt.date.fromisoformat(day)
    except ValueError:  # a damaged base64, file or date (binascii.Error and UnreadableFile are ValueErrors)
        found = None
    if found is None:
        flash("Файл не дошёл до сервера целиком: загрузите его ещё раз.")
        g.audit_unchanged = True
        return redirect(url_for("questionnaires.upload"))
    form = columns_form(export.headers, found["questions"])
    report = None
    if form.validate_on_submit():
        targets = [form[f"col{i}"].data for i in range(len(export.headers))]
        report = _run(form, found, export, targets, dry_run=not form.load.data)
        if report and report.written:
            flash(f"Файл «{carried.get('filename', '')}» загружен: анкет — {report.created + report.replaced} "
                  f"(новых {report.created}, заменено прежних {report.replaced}).")
            return redirect(url_for("questionnaires.responses", set=found["id"]))
    return render_template("questionnaires/columns.html", form=form, found=found, export=export, report=report,
                           stage_title=STAGES.get(form.stage.data, ""))
