"""Monitoring questionnaires (анкеты; DOMAIN.md §2, step 7, §6): the organisation's question sets for
mentors and for mentees, and the answers — entered by hand or loaded from an online form's export
(:mod:`service.questionnaire_import`).

A set has a role (mentor or mentee), a title, an introduction printed on the blank and a scale (1–5 or
1–10) for its scaled questions; its questions, in their order, are closed (one of a list of choices),
open (words) or scaled (a score). A new organisation starts from the default sets of
``questionnaires.json`` (the monitoring the seed roadmaps describe: satisfaction, the quality of the
programme, its effect on the participants). A question somebody has answered is archived rather than
deleted (the answers keep it; the blank and new answers no longer show it); its kind, the choices
answers name and the set's scale do not change once answered.

A response is one person's questionnaire: the set, the stage (entry, at the start of the programme, or
exit, at its end), the day, optionally the pair it concerns, and at most one answer per question — a
score (an integer within the scale), a choice (as the set words it) or a text. One response per person,
set, stage and day. The respondent of a mentor's set is a mentor (by role, a pair or the mentor bank),
of a mentee's set a mentee.

Tables: ``questionnaire_sets``, ``questionnaire_questions`` (kind a code of :data:`KINDS`, ``choices`` a
JSON list), ``questionnaire_responses`` (stage a code of :data:`STAGES`, answered_on ISO, source a code
of :data:`SOURCES`), ``questionnaire_answers`` (score int, choice or text) and ``questionnaire_columns``
(the columns of an export matched to questions, by header text).
"""

import datetime as dt
import json
import random
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from registry.db import RegistryError, now, ru_date, write
from registry.meetings import load_demo_meetings
from registry.pairs import check_day, check_free_text, list_pairs
from registry.people import full_name, get_person, list_people

#: Roles a set is for: code → Russian name of the respondent.
ROLES = {"mentor": "наставник", "mentee": "наставляемый"}
#: Who fills a set of each role, and where the registry shows them to be such (in messages).
ROLE_PEOPLE = {"mentor": ("наставники", "банке наставников"), "mentee": ("наставляемые", "банке наставляемых")}
#: Stages of monitoring: code → Russian name.
STAGES = {"entry": "входное", "exit": "итоговое"}
#: How a blank and a list name a stage.
STAGE_TITLES = {"entry": "входное анкетирование (в начале программы наставничества)",
                "exit": "итоговое анкетирование (по завершении программы наставничества)"}
#: Kinds of question: code → Russian name.
KINDS = {"scaled": "оценка по шкале", "closed": "выбор одного варианта", "open": "ответ своими словами"}
#: The tops of the scales a set may have (the scale runs from 1).
SCALES = (5, 10)
#: Where a response came from.
SOURCES = {"form": "внесено вручную", "import": "загружено из файла"}
#: Longest texts, in characters.
LENGTHS = {"title": 200, "intro": 2000, "text": 500, "choice": 200, "answer": 2000}
#: Most choices of a closed question, most questions of a set.
MAX_CHOICES, MAX_QUESTIONS = 12, 60
#: What a column of an export may hold besides a question's answers.
TARGETS = {"date": "дата заполнения", "name": "ФИО", "skip": "не загружать"}
#: The default sets: role → title, intro, scale, questions.
DEFAULTS_FILE = Path(__file__).with_name("questionnaires.json")


@cache
def default_sets() -> dict:
    """``questionnaires.json``'s sets: role → {"title", "intro", "scale", "questions": [{"kind", "text",
    "choices"?}]}."""
    return json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))["sets"]


def _same(text: str) -> str:
    return " ".join(text.split()).lower().replace("ё", "е")


# -- sets and questions ------------------------------------------------------------------------------


def _question(row, number: int | None = None) -> dict:
    question = dict(row)
    question["choices"] = json.loads(question["choices"]) if question["choices"] else []
    question["kind_title"] = KINDS.get(question["kind"], question["kind"])
    question["number"] = number
    return question


def _questions(db: Database, set_id: int, archived: bool) -> list[dict]:
    rows = db.query("select q.*, (select count(*) from questionnaire_answers a where a.question_id = q.id) as answered"
                    " from questionnaire_questions q where q.set_id = ? and (q.archived_at is not null) = ?"
                    " order by q.position, q.id", [set_id, int(archived)])
    return [_question(row, None if archived else number) for number, row in enumerate(rows, start=1)]


def _set(db: Database, organization_id: int, set_id: int) -> dict:
    row = db.execute("select * from questionnaire_sets where id = ? and organization_id = ?",
                     [set_id, organization_id]).fetchone()
    if row is None:
        raise RegistryError(f"Нет анкеты с номером {set_id}.")
    return dict(row)


def get_set(db: Database, organization_id: int, set_id: int) -> dict | None:
    """A set of the organisation: its columns (id, role, title, intro, scale, archived_at …), ``role_title``,
    ``questions`` (not archived, by position, each with ``number`` from 1, ``choices`` a list,
    ``kind_title``, ``answered`` — how many answers name it), ``archived_questions`` and ``responses``
    (how many); None when there is none."""
    row = db.execute("select * from questionnaire_sets where id = ? and organization_id = ?",
                     [set_id, organization_id]).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["role_title"] = ROLES[found["role"]]
    found["questions"] = _questions(db, set_id, False)
    found["archived_questions"] = _questions(db, set_id, True)
    found["responses"] = db["questionnaire_responses"].count_where("set_id = ?", [set_id])
    return found


def list_sets(db: Database, organization_id: int, *, archived: bool = False, role: str | None = None) -> list[dict]:
    """The organisation's sets (archived ones with ``archived``), mentors' first, each with ``role_title``,
    ``questions`` and ``responses`` (how many)."""
    where, args = ["organization_id = ?", "(archived_at is not null) = ?"], [organization_id, int(archived)]
    if role:
        where.append("role = ?")
        args.append(role)
    rows = db.query("select s.*, (select count(*) from questionnaire_questions q where q.set_id = s.id and"
                    " q.archived_at is null) as questions, (select count(*) from questionnaire_responses r where"
                    f" r.set_id = s.id) as responses from questionnaire_sets s where {' and '.join(where)}"
                    " order by role = 'mentee', id", args)
    return [{**dict(row), "role_title": ROLES[row["role"]]} for row in rows]


def _check_set(values: dict) -> dict:
    title = " ".join(check_free_text(values.get("title"), "title", "Название анкеты", LENGTHS["title"],
                                     required=True).split())
    intro = check_free_text(values.get("intro"), "intro", "Обращение к заполняющему", LENGTHS["intro"])
    scale = values.get("scale")
    if scale not in SCALES:
        raise RegistryError("Шкала: выберите от 1 до 5 или от 1 до 10.", "scale")
    return {"title": title, "intro": intro, "scale": scale}


def _scored(db: Database, set_id: int) -> int:
    """How many responses of the set hold a score."""
    return db.execute("select count(distinct r.id) from questionnaire_responses r join questionnaire_answers a"
                      " on a.response_id = r.id where r.set_id = ? and a.score is not null", [set_id]).fetchone()[0]


def save_set(db: Database, organization_id: int, values: dict, set_id: int | None = None) -> int:
    """Create a set (``values``: ``role`` a code of :data:`ROLES`, ``title``, ``intro``, ``scale`` one of
    :data:`SCALES`) or change set ``set_id`` (its title, intro and scale; the role stays). Returns its id.
    Raises :class:`RegistryError` (field ``role``, ``title``, ``intro``, ``scale``) for a broken rule, and
    for a new scale once scores were given by the old one."""
    record = _check_set(values)
    with write(db):
        stamp = now()
        if set_id is None:
            role = values.get("role")
            if role not in ROLES:
                raise RegistryError("Для кого анкета: выберите «наставник» или «наставляемый».", "role")
            return db["questionnaire_sets"].insert({**record, "organization_id": organization_id, "role": role,
                                                    "created_at": stamp, "updated_at": stamp}).last_pk
        current = _set(db, organization_id, set_id)
        scored = _scored(db, set_id)
        if record["scale"] != current["scale"] and scored:
            raise RegistryError(f"Шкалу не изменить: по ней уже выставлены оценки (анкет: {scored}), и они "
                                "потеряли бы смысл. Для другой шкалы создайте новую анкету.", "scale")
        db["questionnaire_sets"].update(set_id, {**record, "updated_at": stamp})
        return set_id


def start_set(db: Database, organization_id: int, role: str) -> int:
    """A new set for ``role`` ("mentor" or "mentee") from the default of ``questionnaires.json``, with its
    questions; returns its id. Raises :class:`RegistryError` for an unknown role."""
    if role not in default_sets():
        raise RegistryError("Для кого анкета: выберите «наставник» или «наставляемый».", "role")
    default = default_sets()[role]
    with write(db):
        set_id = save_set(db, organization_id, {**default, "role": role})
        for question in default["questions"]:
            save_question(db, organization_id, set_id, question)
    return set_id


def archive_set(db: Database, organization_id: int, set_id: int, archived: bool = True) -> None:
    """Hide a set from the choices of new answers and blanks (its answers stay), or bring it back."""
    with write(db):
        _set(db, organization_id, set_id)
        db["questionnaire_sets"].update(set_id, {"archived_at": now() if archived else None, "updated_at": now()})


def delete_set(db: Database, organization_id: int, set_id: int) -> None:
    """Delete a set nobody has answered, with its questions. Raises :class:`RegistryError` otherwise."""
    with write(db):
        _set(db, organization_id, set_id)
        answered = db["questionnaire_responses"].count_where("set_id = ?", [set_id])
        if answered:
            raise RegistryError(f"По этой анкете уже есть ответы (анкет: {answered}): удалить её нельзя, можно "
                                "перенести в архив.")
        db.execute("delete from questionnaire_columns where set_id = ?", [set_id])
        db.execute("delete from questionnaire_questions where set_id = ?", [set_id])
        db.execute("delete from questionnaire_sets where id = ?", [set_id])


def check_question(values: dict) -> dict:
    """The question to store from ``values``: ``kind`` a code of :data:`KINDS`, ``text``, ``choices`` (a
    list of texts; for a closed question 2 to :data:`MAX_CHOICES` different ones, ignored for the other
    kinds). Raises :class:`RegistryError` (field ``kind``, ``text`` or ``choices``)."""
    kind = values.get("kind")
    if kind not in KINDS:
        raise RegistryError("Тип вопроса: выберите из списка.", "kind")
    text = " ".join(check_free_text(values.get("text"), "text", "Вопрос", LENGTHS["text"], required=True).split())
    choices: list[str] = []
    if kind == "closed":
        for raw in values.get("choices") or []:
            choice = " ".join(check_free_text(raw, "choices", "Вариант ответа", LENGTHS["choice"]).split())
            if not choice:
                continue
            if any(_same(choice) == _same(other) for other in choices):
                raise RegistryError(f"Вариант «{choice}» повторяется: оставьте его один раз.", "choices")
            choices.append(choice)
        if len(choices) < 2:
            raise RegistryError("Варианты ответа: у закрытого вопроса их не меньше двух, по одному в строке.",
                                "choices")
        if len(choices) > MAX_CHOICES:
            raise RegistryError(f"Варианты ответа: не больше {MAX_CHOICES}.", "choices")
    return {"kind": kind, "text": text, "choices": json.dumps(choices, ensure_ascii=False) if choices else None}


def get_question(db: Database, organization_id: int, question_id: int) -> dict | None:
    """A question of the organisation's sets (with ``choices`` a list and ``answered``); None when none."""
    row = db.execute("select q.*, (select count(*) from questionnaire_answers a where a.question_id = q.id) as answered"
                     " from questionnaire_questions q join questionnaire_sets s on s.id = q.set_id"
                     " where q.id = ? and s.organization_id = ?", [question_id, organization_id]).fetchone()
    return _question(row) if row else None


def save_question(db: Database, organization_id: int, set_id: int, values: dict, question_id: int | None = None) -> int:
    """Add a question at the end of the set (or change ``question_id``) from ``values`` (as
    :func:`check_question` takes them); returns its id. Once somebody has answered it, its kind stays and
    no choice an answer names may go (its wording may be corrected). Raises :class:`RegistryError`
    (field ``kind``, ``text``, ``choices``) and writes nothing otherwise."""
    record = check_question(values)
    with write(db):
        _set(db, organization_id, set_id)
        if question_id is None:
            active = db["questionnaire_questions"].count_where("set_id = ? and archived_at is null", [set_id])
            if active >= MAX_QUESTIONS:
                raise RegistryError(f"В анкете не больше {MAX_QUESTIONS} вопросов.")
            position = db.execute("select coalesce(max(position), 0) + 1 from questionnaire_questions where set_id = ?",
                                  [set_id]).fetchone()[0]
            return db["questionnaire_questions"].insert({**record, "set_id": set_id, "position": position}).last_pk
        current = get_question(db, organization_id, question_id)
        if current is None or current["set_id"] != set_id:
            raise RegistryError(f"Нет вопроса с номером {question_id} в этой анкете.")
        if current["answered"] and record["kind"] != current["kind"]:
            raise RegistryError(f"На вопрос уже ответили (ответов: {current['answered']}): тип вопроса не меняется. "
                                "Добавьте новый вопрос, а этот перенесите в архив.", "kind")
        if current["answered"] and record["kind"] == "closed":
            kept = json.loads(record["choices"])
            for choice, count in db.execute("select choice, count(*) from questionnaire_answers where question_id = ?"
                                            " and choice is not null group by choice", [question_id]):
                if choice not in kept:
                    raise RegistryError(f"Вариант «{choice}» уже выбран в ответах ({count}): убрать или переписать его "
                                        "нельзя. Верните его в список.", "choices")
        db["questionnaire_questions"].update(question_id, record)
        db["questionnaire_sets"].update(set_id, {"updated_at": now()})
        return question_id


def remove_question(db: Database, organization_id: int, question_id: int) -> str:
    """Remove a question from its set: deleted when nobody has answered it ("deleted"), else archived —
    gone from the blank and new answers, kept with the answers given ("archived")."""
    with write(db):
        question = get_question(db, organization_id, question_id)
        if question is None:
            raise RegistryError(f"Нет вопроса с номером {question_id}.")
        if question["answered"]:
            db["questionnaire_questions"].update(question_id, {"archived_at": now()})
            return "archived"
        db.execute("delete from questionnaire_questions where id = ?", [question_id])
        return "deleted"


def restore_question(db: Database, organization_id: int, question_id: int) -> None:
    """Bring an archived question back, at the end of its set."""
    with write(db):
        question = get_question(db, organization_id, question_id)
        if question is None:
            raise RegistryError(f"Нет вопроса с номером {question_id}.")
        position = db.execute("select coalesce(max(position), 0) + 1 from questionnaire_questions where set_id = ?",
                              [question["set_id"]]).fetchone()[0]
        db["questionnaire_questions"].update(question_id, {"archived_at": None, "position": position})


def move_question(db: Database, organization_id: int, question_id: int, step: int) -> None:
    """Move a question one place up (``step`` -1) or down (+1) among its set's questions; at either end
    nothing changes."""
    with write(db):
        question = get_question(db, organization_id, question_id)
        if question is None:
            raise RegistryError(f"Нет вопроса с номером {question_id}.")
        order = [q["id"] for q in _questions(db, question["set_id"], False)]
        index = order.index(question_id) if question_id in order else -1
        other = index + (1 if step > 0 else -1)
        if index < 0 or not 0 <= other < len(order):
            return
        order[index], order[other] = order[other], order[index]
        for position, qid in enumerate(order, start=1):
            db["questionnaire_questions"].update(qid, {"position": position})


# -- answers ---------------------------------------------------------------------------------------------


def check_answer(question: dict, value, scale: int) -> dict | None:
    """One answer to ``question`` (as :func:`get_set` lists it) as stored — ``{"score": 8}``,
    ``{"choice": "да"}`` or ``{"text": "…"}`` — or None for no answer (None or blank). A score is an
    integer (or its digits) from 1 to ``scale``; a choice one of the question's, as worded. Raises
    :class:`RegistryError` (field ``q<id>``) saying what is wrong and what is allowed."""
    field = f"q{question['id']}"
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if question["kind"] == "scaled":
        score = value.strip() if isinstance(value, str) else value
        if isinstance(score, str) and score.isdigit():
            score = int(score)
        if isinstance(score, float) and score.is_integer():
            score = int(score)
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= scale:
            shown = str(value).strip()[:20]
            raise RegistryError(f"«{shown}» — не оценка по шкале: нужно целое число от 1 до {scale}.", field)
        return {"score": score}
    if question["kind"] == "closed":
        if value not in question["choices"]:
            shown = str(value).strip()[:60]
            raise RegistryError(f"«{shown}» — такого варианта нет; варианты: {', '.join(question['choices'])}.", field)
        return {"choice": value}
    text = check_free_text(str(value), field, "Ответ", LENGTHS["answer"])
    return {"text": text} if text else None


def is_respondent(db: Database, organization_id: int, role: str, person_id: int) -> bool:
    """Whether the person may fill a set of ``role``: they hold the role, are in a pair in it, or are in its
    bank."""
    pair_sql = ("select 1 from pairs where mentor_id = :person" if role == "mentor" else
                "select 1 from pair_mentees m join pairs p on p.id = m.pair_id where m.mentee_id = :person")
    return bool(db.execute(
        f"select exists(select 1 from person_roles where person_id = :person and role = :role)"
        f" or exists({pair_sql} and organization_id = :organization)"
        f" or exists(select 1 from bank_entries where person_id = :person and bank = :role)",
        {"person": person_id, "role": role, "organization": organization_id}).fetchone()[0])


def respondents(db: Database, organization_id: int, role: str) -> list[dict]:
    """The people (not archived, by surname) who may fill a set of ``role`` (:func:`is_respondent`)."""
    return [p for p in list_people(db, organization_id) if is_respondent(db, organization_id, role, p["id"])]


def check_respondent(db: Database, organization_id: int, role: str, person_id: int | None) -> dict:
    """The person who fills a set of ``role``. Raises :class:`RegistryError` (field ``person_id``) for
    nobody, a person of another organisation, or one who is not a mentor (a mentee) at all."""
    person = get_person(db, person_id, organization_id) if person_id else None
    if person is None:
        raise RegistryError("Кто заполнил анкету: выберите участника из списка.", "person_id")
    if not is_respondent(db, organization_id, role, person_id):
        who, bank = ROLE_PEOPLE[role]
        raise RegistryError(f"{person['full_name']} — в реестре нет ни роли «{ROLES[role]}», ни пары в этой роли, "
                            f"ни записи в {bank}: эту анкету заполняют {who}.", "person_id")
    return person


def pairs_of(db: Database, organization_id: int, role: str, person_id: int) -> list[dict]:
    """The pairs (archived too, as :func:`registry.pairs.list_pairs` gives them) in which the person is
    the mentor (``role`` "mentor") or a mentee."""
    pairs = list_pairs(db, organization_id, person_id=person_id) + list_pairs(db, organization_id, person_id=person_id,
                                                                              archived=True)
    if role == "mentor":
        return [p for p in pairs if p["mentor_id"] == person_id]
    return [p for p in pairs if any(m["id"] == person_id for m in p["mentees"])]


#: Days after a pair's end within which a questionnaire still concerns it (the exit one is often filled
#: in after the last meeting).
GRACE_DAYS = 31


def pair_on(db: Database, organization_id: int, role: str, person_id: int, day: str) -> int | None:
    """The pair a response of ``day`` (ISO) concerns: the person's only pair in ``role`` whose term (to its
    end, or to the day it was ended early, and :data:`GRACE_DAYS` more) holds the day; None when there is
    none or several."""
    found = []
    for pair in pairs_of(db, organization_id, role, person_id):
        ended = pair["closed_on"] if pair["status"] == "terminated" and pair.get("closed_on") else pair["end_date"]
        last = (dt.date.fromisoformat(ended) + dt.timedelta(days=GRACE_DAYS)).isoformat()
        if pair["start_date"] <= day <= last:
            found.append(pair["id"])
    return found[0] if len(found) == 1 else None


def _check_response(db: Database, organization_id: int, values: dict) -> dict:
    """The response row and its answers to store (see :func:`save_response`)."""
    found = _set(db, organization_id, values.get("set_id") or 0)
    if found["archived_at"]:
        raise RegistryError("Анкета в архиве: верните её из архива, чтобы вносить ответы.", "set_id")
    person = check_respondent(db, organization_id, found["role"], values.get("person_id"))
    stage = values.get("stage")
    if stage not in STAGES:
        raise RegistryError("Этап анкетирования: выберите входное или итоговое.", "stage")
    day = check_day(values.get("answered_on"), "answered_on", "Дата заполнения", not_future=True).isoformat()
    pair_id = values.get("pair_id") or None
    if pair_id is not None and pair_id not in {p["id"] for p in pairs_of(db, organization_id, found["role"],
                                                                          person["id"])}:
        raise RegistryError(f"Пара (группа): в выбранной паре нет участника в роли «{ROLES[found['role']]}» — "
                            f"{person['full_name']}; выберите пару из списка или оставьте поле пустым.", "pair_id")
    return {"set": found, "person": person, "row": {"organization_id": organization_id, "set_id": found["id"],
                                                    "person_id": person["id"], "pair_id": pair_id, "stage": stage,
                                                    "answered_on": day}}


def _answers(found: dict, questions: list[dict], answers: dict) -> dict[int, dict]:
    by_id = {q["id"]: q for q in questions}
    unknown = [qid for qid in answers if qid not in by_id]
    if unknown:
        raise RegistryError(f"Вопроса с номером {unknown[0]} нет в анкете «{found['title']}»: обновите страницу.")
    checked = {qid: answer for qid, value in answers.items()
               if (answer := check_answer(by_id[qid], value, found["scale"])) is not None}
    if not checked:
        raise RegistryError("Нет ни одного ответа: заполните хотя бы один вопрос.")
    return checked


def _write_answers(db: Database, response_id: int, questions: list[dict], checked: dict[int, dict]) -> None:
    """Replace the answers to ``questions`` (the set's current ones; answers to archived questions stay)."""
    ids = [q["id"] for q in questions]
    if ids:
        db.execute(f"delete from questionnaire_answers where response_id = ? and question_id in"
                   f" ({', '.join('?' * len(ids))})", [response_id, *ids])
    db["questionnaire_answers"].insert_all({"response_id": response_id, "question_id": qid, "score": None,
                                            "choice": None, "text": None, **answer} for qid, answer in checked.items())


def save_response(db: Database, organization_id: int, values: dict, answers: dict[int, object],
                  response_id: int | None = None) -> int:
    """Save one person's questionnaire (or change ``response_id``): ``values`` — ``set_id``, ``person_id``,
    ``stage`` (a code of :data:`STAGES`), ``answered_on`` (ISO, not after today), ``pair_id`` (optional: a
    pair the person is in, in the set's role), ``source`` (a code of :data:`SOURCES`, default "form");
    ``answers`` — question id → the value as :func:`check_answer` takes it (blank: not answered), for the
    set's current questions. One transaction; returns the response's id.

    Raises :class:`RegistryError` (field ``set_id``, ``person_id``, ``stage``, ``answered_on``, ``pair_id``
    or ``q<id>``) and writes nothing for an archived set, a person who is not the set's respondent, a
    wrong answer, no answer at all, or a second questionnaire of the person with the same set, stage and
    day."""
    with write(db):
        checked = _check_response(db, organization_id, values)
        found, person, row = checked["set"], checked["person"], checked["row"]
        questions = _questions(db, found["id"], False)
        answers_checked = _answers(found, questions, answers)
        twin = db.execute("select id from questionnaire_responses where set_id = ? and person_id = ? and stage = ?"
                          " and answered_on = ? and id != ?", [row["set_id"], row["person_id"], row["stage"],
                                                               row["answered_on"], response_id or 0]).fetchone()
        if twin:
            raise RegistryError(f"{person['full_name']}: эта анкета ({STAGES[row['stage']]} анкетирование) за "
                                f"{ru_date(row['answered_on'])} уже внесена — откройте её в списке ответов и "
                                "исправьте.", "answered_on")
        stamp = now()
        if response_id is None:
            response_id = db["questionnaire_responses"].insert(
                {**row, "source": values.get("source") or "form", "created_at": stamp, "updated_at": stamp}).last_pk
        else:
            if get_response(db, organization_id, response_id) is None:
                raise RegistryError(f"Нет анкеты с номером записи {response_id}.")
            db["questionnaire_responses"].update(response_id, {**row, "updated_at": stamp})
        _write_answers(db, response_id, questions, answers_checked)
    return response_id


def existing_response(db: Database, set_id: int, person_id: int, stage: str, day: str) -> int | None:
    """The id of the person's response to the set at ``stage`` on ``day`` (ISO), or None."""
    row = db.execute("select id from questionnaire_responses where set_id = ? and person_id = ? and stage = ?"
                     " and answered_on = ?", [set_id, person_id, stage, day]).fetchone()
    return row[0] if row else None


def save_responses(db: Database, organization_id: int, set_id: int, stage: str, responses: list[dict]) -> dict:
    """Load several questionnaires of one set and stage at once (an online form's export), all or nothing:
    each of ``responses`` is {"person_id", "answered_on" (ISO), "pair_id"?, "answers": {question id:
    value}}, checked as :func:`save_response` checks one; a person's questionnaire of the same set, stage
    and day already in the registry is replaced. Returns {"created": n, "replaced": m}. Raises
    :class:`RegistryError` («Анкета 3 (Шевчук Анна Сергеевна, 15.09.2026): …») and writes nothing when
    any is wrong."""
    counts = {"created": 0, "replaced": 0}
    with write(db):
        for number, response in enumerate(responses, start=1):
            values = {"set_id": set_id, "stage": stage, "source": "import", **response}
            existing = existing_response(db, set_id, response.get("person_id") or 0, stage,
                                         str(response.get("answered_on") or ""))
            try:
                save_response(db, organization_id, values, response.get("answers") or {}, existing)
            except RegistryError as error:
                person = get_person(db, response.get("person_id") or 0, organization_id)
                who = ", ".join(filter(None, [person["full_name"] if person else "",
                                              ru_date(response["answered_on"]) if response.get("answered_on") else ""]))
                raise RegistryError(f"Анкета {number}" + (f" ({who})" if who else "") + f": {error.message}",
                                    error.field) from None
            counts["replaced" if existing else "created"] += 1
    return counts


def delete_response(db: Database, organization_id: int, response_id: int) -> None:
    """Delete one questionnaire with its answers; raises :class:`RegistryError` when there is none."""
    with write(db):
        if get_response(db, organization_id, response_id) is None:
            raise RegistryError(f"Нет анкеты с номером записи {response_id}.")
        db.execute("delete from questionnaire_answers where response_id = ?", [response_id])
        db.execute("delete from questionnaire_responses where id = ?", [response_id])


_RESPONSES = ("select r.*, s.title as set_title, s.role, s.scale, p.last_name, p.first_name, p.middle_name"
              " from questionnaire_responses r join questionnaire_sets s on s.id = r.set_id"
              " join people p on p.id = r.person_id")


def _response(db: Database, row) -> dict:
    response = dict(row)
    response["full_name"] = full_name(response)
    response["stage_title"] = STAGES[response["stage"]]
    response["source_title"] = SOURCES.get(response["source"], response["source"])
    response["answers"] = {a["question_id"]: dict(a) for a in db.query(
        "select question_id, score, choice, text from questionnaire_answers where response_id = ?", [response["id"]])}
    scores = [a["score"] for a in response["answers"].values() if a["score"] is not None]
    response["mean"] = sum(scores) / len(scores) if scores else None
    return response


def get_response(db: Database, organization_id: int, response_id: int) -> dict | None:
    """A questionnaire as :func:`list_responses` gives it; None when the organisation has none."""
    row = db.execute(f"{_RESPONSES} where r.id = ? and r.organization_id = ?",
                     [response_id, organization_id]).fetchone()
    return _response(db, row) if row else None


def list_responses(db: Database, organization_id: int, *, set_id: int | None = None, stage: str | None = None,
                   year: int | None = None, person_id: int | None = None) -> list[dict]:
    """Questionnaires of the organisation by day and surname: of the set, the stage, the academic ``year``
    (2025 = 2025/2026) and the person when given. Each row: id, set_id, set_title, role, scale, person_id,
    ``full_name``, pair_id, stage, ``stage_title``, answered_on (ISO), source, ``source_title``, ``answers``
    (question id → {score, choice, text}) and ``mean`` (the mean of its scores, or None)."""
    where, args = ["r.organization_id = ?"], [organization_id]
    for column, value in (("r.set_id", set_id), ("r.stage", stage), ("r.person_id", person_id)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if year is not None:
        where.append("r.answered_on between ? and ?")
        args += [f"{year}-09-01", f"{year + 1}-08-31"]
    rows = db.query(f"{_RESPONSES} where {' and '.join(where)} order by r.answered_on, p.last_name, p.first_name,"
                    " r.id", args)
    return [_response(db, row) for row in rows]


def summary(db: Database, organization_id: int, set_id: int, year: int | None = None) -> dict:
    """The set's answers summed up, of the academic ``year`` when given: ``{"stages": {"entry": {"responses",
    "mean", "scores"}, "exit": {…}}, "change": exit mean − entry mean or None, "questions": [question (as
    :func:`get_set`, archived ones answered too) with "stages": {stage: {"mean", "count", "choices":
    {choice: count}, "texts": [...]}} and "change"]}``. A mean is over the scores given (None without any)."""
    found = get_set(db, organization_id, set_id)
    if found is None:
        raise RegistryError(f"Нет анкеты с номером {set_id}.")
    responses = list_responses(db, organization_id, set_id=set_id, year=year)
    questions = found["questions"] + [q for q in found["archived_questions"] if q["answered"]]

    def mean(values: list[int]) -> float | None:
        return sum(values) / len(values) if values else None

    stages = {}
    for stage in STAGES:
        mine = [r for r in responses if r["stage"] == stage]
        scores = [a["score"] for r in mine for a in r["answers"].values() if a["score"] is not None]
        stages[stage] = {"responses": len(mine), "mean": mean(scores), "scores": len(scores)}
    rows = []
    for question in questions:
        by_stage = {}
        for stage in STAGES:
            answers = [r["answers"][question["id"]] for r in responses
                       if r["stage"] == stage and question["id"] in r["answers"]]
            scores = [a["score"] for a in answers if a["score"] is not None]
            choices = {choice: sum(1 for a in answers if a["choice"] == choice) for choice in question["choices"]}
            by_stage[stage] = {"mean": mean(scores), "count": len(answers), "choices": choices,
                               "texts": [a["text"] for a in answers if a["text"]]}
        rows.append({**question, "stages": by_stage, "change": _change(by_stage)})
    return {"stages": stages, "change": _change(stages), "questions": rows}


def _change(stages: dict) -> float | None:
    entry, exit_ = stages["entry"]["mean"], stages["exit"]["mean"]
    return exit_ - entry if entry is not None and exit_ is not None else None


# -- the columns of an online form's export ------------------------------------------------------------


def remembered_columns(db: Database, set_id: int) -> dict[str, str]:
    """The columns of an export matched to the set before: header (as stored, folded by the caller) →
    target ("date", "name", "skip" or "q<question id>")."""
    return {row["header"]: (f"q{row['question_id']}" if row["target"] == "question" else row["target"])
            for row in db.query("select * from questionnaire_columns where set_id = ?", [set_id])}


def remember_columns(db: Database, organization_id: int, set_id: int, columns: dict[str, str]) -> None:
    """Remember how the columns of an export are matched to the set: header → target (a key of
    :data:`TARGETS` or "q<question id>" of the set). Raises :class:`RegistryError` for a question of
    another set or an unknown target."""
    with write(db):
        _set(db, organization_id, set_id)
        ids = {q["id"] for q in _questions(db, set_id, False)}
        for header, target in columns.items():
            question_id = int(target[1:]) if target.startswith("q") and target[1:].isdigit() else None
            if target not in TARGETS and question_id not in ids:
                raise RegistryError(f"Столбец «{header[:60]}»: выберите вопрос этой анкеты, ФИО, дату или «не "
                                    "загружать».")
            db["questionnaire_columns"].upsert({"set_id": set_id, "header": header,
                                                "target": "question" if question_id else target,
                                                "question_id": question_id}, pk=("set_id", "header"))


# -- the demo ----------------------------------------------------------------------------------------------

#: Typical answers of the demo: the closed questions' choices at entry and at exit (by the question's
#: place in the default set), open answers at exit.
_DEMO_CHOICES = {"entry": ("нет", "раз в неделю", "затрудняюсь ответить"), "exit": ("нет", "раз в две недели", "да")}
_DEMO_TEXTS = {"mentor": ("Не всегда хватает времени на взаимопосещение уроков.",
                          "Проводить встречи наставников раз в четверть для обмена опытом."),
               "mentee": ("Поддержка в трудных ситуациях и разбор моих уроков.",
                          "Больше посещать уроки других учителей.")}


def _demo_answers(found: dict, stage: str, seed: str) -> dict[int, object]:
    """Plausible answers: scores around 6 at entry and 8 at exit (of 10), the same person's stable."""
    chance = random.Random(seed)
    centre = (0.6 if stage == "entry" else 0.82) * found["scale"]
    closed = iter(_DEMO_CHOICES[stage])
    texts = iter(_DEMO_TEXTS[found["role"]])
    answers: dict[int, object] = {}
    for question in found["questions"]:
        if question["kind"] == "scaled":
            answers[question["id"]] = max(1, min(found["scale"], round(centre + chance.uniform(-1.6, 1.6))))
        elif question["kind"] == "closed":
            wanted = next(closed, question["choices"][0])
            answers[question["id"]] = wanted if wanted in question["choices"] else question["choices"][0]
        elif stage == "exit":
            answers[question["id"]] = next(texts, "")
    return answers


def load_demo_questionnaires(db: Database, organization_id: int) -> int:
    """The demo organisation's default sets and its questionnaires: each pair's mentor and mentees answer
    the entry questionnaire three days after the pair starts and, unless the pair was ended early, the exit
    one three days before it ends — those days not after today. Returns how many questionnaires."""
    today = dt.date.today()
    sets = {role: get_set(db, organization_id, start_set(db, organization_id, role)) for role in ROLES}
    count = 0
    for pair in list_pairs(db, organization_id):
        days = {"entry": dt.date.fromisoformat(pair["start_date"]) + dt.timedelta(days=3)}
        if pair["status"] != "terminated":
            days["exit"] = dt.date.fromisoformat(pair["end_date"]) - dt.timedelta(days=3)
        people = [("mentor", pair["mentor"])] + [("mentee", mentee) for mentee in pair["mentees"]]
        for stage, day in days.items():
            if day > today:
                continue
            for role, person in people:
                found = sets[role]
                save_response(db, organization_id, {"set_id": found["id"], "person_id": person["id"],
                                                    "pair_id": pair["id"], "stage": stage,
                                                    "answered_on": day.isoformat()},
                              _demo_answers(found, stage, f"{person['last_name']}-{pair['id']}-{stage}"))
                count += 1
    return count


def load_demo_monitoring(db: Database, organization_id: int, autumn: int) -> None:
    """The demo organisation's year of pair work and monitoring (for :func:`registry.demo.load_demo`): the
    pairs' meetings (:func:`registry.meetings.load_demo_meetings`) and the questionnaires
    (:func:`load_demo_questionnaires`); ``autumn`` is the first year of the current academic year."""
    load_demo_meetings(db, organization_id, autumn)
    load_demo_questionnaires(db, organization_id)
