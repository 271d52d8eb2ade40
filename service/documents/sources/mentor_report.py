"""The mentor's report from the registry (catalogue ``source`` "pair": ``choice`` is the pair's id).

The pair gives the mentor, the mentees, the form and the term; its programme
(:func:`registry.programmes.get_programme`) the plan with its done marks; its meetings held
(:func:`registry.meetings.list_meetings`, planned ones left out) the table of meetings; the curator is the
organisation's. The characteristic of each mentee is the mentor's text from ``options``, else a draft of
the facts the registry holds (:func:`draft_characteristic`) for the mentor to complete.

``options`` (all optional): ``characteristic`` and ``readiness`` ("ready", "conditional", "not_ready") for
every mentee, or ``characteristic_<person id>`` and ``readiness_<person id>`` for one; ``conclusions``;
``date`` (ISO). A mentee without a readiness is left without one, and the contract asks for it.
"""

import datetime as dt

from sqlite_utils import Database

from registry.db import ru_date
from registry.meetings import list_meetings
from registry.pairs import get_pair
from registry.programmes import get_programme
from service.documents.sources.programme import curator_data, organization_data, pair_data
from service.grammar.dates import in_words, period
from service.grammar.names import PersonName


def draft_characteristic(mentee: dict, pair: dict, done: int, total: int, meetings: int) -> str:
    """What the registry knows of a mentee's programme, in the words of a characteristic: «Шевчук Анна
    Сергеевна в период с 15 сентября 2025 г. по 31 мая 2026 г. работала по персонализированной программе
    наставничества: выполнено мероприятий плана — 3 из 6, встреч с наставником — 9.» — for the mentor
    to go on with (``mentee``, ``pair``: contract dicts)."""
    female = PersonName.parse(mentee["full_name"], mentee.get("gender")).gender == "f"
    start, end = dt.date.fromisoformat(pair["start_date"]), dt.date.fromisoformat(pair["end_date"])
    facts = [f"выполнено мероприятий плана — {done} из {total}"] if total else []
    if meetings:
        facts.append(f"встреч с наставником — {meetings}")
    if end >= dt.date.today():  # a programme still running is told in the present
        opening = f"{mentee['full_name']} с {in_words(start)} работает по персонализированной программе " \
                  f"наставничества (срок — по {in_words(end)})"
    else:
        opening = (f"{mentee['full_name']} в период {period(start, end)} {'работала' if female else 'работал'} по "
                   "персонализированной программе наставничества")
    return opening + (f": {', '.join(facts)}." if facts else ".")


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.mentor_report.MentorReport`."""
    options = options or {}
    data: dict = {"organization": organization_data(db, organization_id)}
    pair = pair_data(db, organization_id, choice)
    if pair is None:
        return data
    ended = get_pair(db, choice, organization_id)
    if ended["status"] == "terminated" and ended["closed_on"]:
        # The programme ran until the early end: the report's term and its characteristics say so.
        pair["end_date"] = ended["closed_on"]
        initiative = f" {ended['initiative_title']}" if ended["initiative_title"] else ""
        reason = f" (причина — {ended['close_reason']})" if ended.get("close_reason") else ""
        data["early_end"] = (f"Наставничество прекращено досрочно {ru_date(ended['closed_on'])}{initiative}"
                             f"{reason}.")
    data["pair"] = pair
    curator = curator_data(db, organization_id)
    if curator:
        data["curator"] = curator
    programme = get_programme(db, choice, organization_id)
    items = programme["items"] if programme else []
    data["plan"] = [{"activity": i["activity"], "deadline": i["deadline"], **({"done_on": i["done_on"]}
                                                                               if i["done_on"] else {})}
                    for i in items]
    held = [m for m in list_meetings(db, organization_id, pair_id=choice) if not m["planned"]]
    data["meetings"] = [{"held_on": m["held_on"], "kind": m["kind_title"], "topic": m["topic"]} for m in held]
    done = sum(1 for i in items if i["done_on"])
    assessments = []
    for mentee in pair["mentees"]:
        own = options.get(f"characteristic_{mentee['id']}") or options.get("characteristic")
        assessment = {"characteristic": own or draft_characteristic(mentee, pair, done, len(items), len(held))}
        readiness = options.get(f"readiness_{mentee['id']}") or options.get("readiness")
        if readiness:
            assessment["readiness"] = readiness
        assessments.append(assessment)
    data["assessments"] = assessments
    for key in ("conclusions", "date"):
        if options.get(key):
            data[key] = options[key]
    return data
