"""The mentor's questionnaire blank from the registry (catalogue ``source`` "organization": nothing to pick,
``choice`` is ignored); :func:`questionnaire_data` serves the mentee's blank too.

The questions are a set of the organisation (:func:`registry.questionnaires.get_set`: its title,
introduction, scale and current questions, archived ones left out): the one ``options["set"]`` names (its
id, a number or its digits), else the first set for the role not archived, else the default set of
``registry/questionnaires.json`` — so a new organisation prints a blank before it has made any. A set
that is not the organisation's or is for the other role gives no questions, and the contract says so.

``options`` (all optional): ``set``, ``stage`` ("entry" or "exit"; blank — none printed), ``date`` (ISO:
the day printed as the day of filling in; without it a blank to write by hand).
"""

from sqlite_utils import Database

from registry.questionnaires import default_sets, get_set, list_sets
from service.documents.sources.programme import organization_data


def _set_id(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def questionnaire_data(db: Database, organization_id: int, role: str, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.questionnaire.Questionnaire` for ``role``
    ("mentor" or "mentee")."""
    options = options or {}
    data: dict = {"organization": organization_data(db, organization_id)}
    if options.get("stage"):
        data["stage"] = options["stage"]
    if options.get("date"):
        data["date"] = options["date"]
    if options.get("set") not in (None, ""):
        wanted = _set_id(options["set"])
        found = get_set(db, organization_id, wanted) if wanted and wanted < 2**63 else None
        if found is None or found["role"] != role:
            return data
    else:
        current = list_sets(db, organization_id, role=role)
        found = get_set(db, organization_id, current[0]["id"]) if current else default_sets()[role]
    data.update({"title": found["title"], "scale": found["scale"]})
    if found["intro"]:
        data["intro"] = found["intro"]
    questions = [{"kind": q["kind"], "text": q["text"], **({"choices": q["choices"]} if q.get("choices") else {})}
                 for q in found["questions"]]
    if questions:
        data["questions"] = questions
    return data


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.questionnaire.MentorQuestionnaire`."""
    return questionnaire_data(db, organization_id, "mentor", options)
