"""The contract of the personalised mentoring programme (персонализированная программа наставничества,
DOMAIN.md §1, §5): one programme per pair or group, approved by the head of the organisation.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person, the organisation and a pair)::

    {"organization": {…}, "pair": pair, "curator": person, "approved_on"?: "YYYY-MM-DD",
     "difficulties": "…", "goal": "…", "tasks": ["…", …], "plan": [item, …], "expected_results": ["…", …]}

    item: {"activity", "deadline", "form"?, "expected_result"?, "done_on"?: "YYYY-MM-DD"}

- ``approved_on``: the day the head approved the programme (the «УТВЕРЖДАЮ» stamp); absent, the stamp
  keeps «"___" ____________ 20___ г.» for the head to date by hand. Not after the end of mentoring.
- ``difficulties``, ``goal``: paragraphs (line breaks kept); ``tasks`` and ``expected_results`` one
  entry a numbered line (a leading «1.», «1)» or dash typed in an entry is dropped, the template numbers).
- ``plan[].deadline``: a date or a phrase as the plan says it («15.01.2026», «октябрь 2025», «в течение
  года»); an ISO date is printed ДД.ММ.ГГГГ. ``done_on``: the day the item was done, printed in the
  column «Отметка о выполнении»; absent, the cell stays empty for a hand mark.

This module also holds what the other non-order kinds share: :func:`organization_view` (the
organisation for templates, every case at hand), :func:`signature_in` («А.А. Ведерникову») and
:func:`approval_line` (the head's position in a stamp).
"""

import datetime as dt
import re

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.context import Declined, PersonView, capitalised, same_person
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    LongText,
    OptionalText,
    OrganizationData,
    PairData,
    PersonData,
    Text,
    safe_file_part,
)
from service.grammar import dates
from service.grammar.agreement import agree
from service.grammar.cases import Case
from service.grammar.names import NBSP
from service.grammar.organizations import decline_organization

#: What a stamp or a signature line leaves for a hand-written date.
BLANK_DATE = "«___» ____________ 20___ г."

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[-–—•*])\s*")


# -- shared by the kinds beyond the orders ---------------------------------------------------------------


def organization_view(org: OrganizationData) -> dict:
    """The organisation for a template: ``full_name``, ``short_name`` (the short name, else the full
    one), ``locality``, ``founder`` ("" when none), ``name`` and ``short`` declined in every case
    (``{{ org.short.gent }}`` — «МБОУ Палагайской СОШ»), corrections winning over the engine."""
    return {
        "full_name": org.full_name,
        "short_name": org.short,
        "locality": org.locality,
        "founder": org.founder or "",
        "name": Declined(lambda case: decline_organization(org.full_name, case), org.forms),
        "short": Declined(lambda case: decline_organization(org.short, case), org.short_case_forms),
    }


def signature_in(person: PersonData, case: Case | str) -> str:
    """«А.А. Ведерникову»: the initials, a no-break space and the surname in ``case`` (an addressee,
    «Директору … А.А. Ведерникову»); a corrected form of the full name corrects the surname here too."""
    case = Case(case)
    corrected = person.forms.get(case.value)
    name = person.name
    if corrected is None or not name.last:
        return name.signature(case)
    words = corrected.split()
    surname = words[-1] if name.first_name_first else words[0]
    return NBSP.join(filter(None, [name.initials, surname]))


def approval_line(org: OrganizationData, org_view: dict) -> str:
    """The head's position as an approval stamp writes it: «Директор МБОУ Палагайской СОШ» (the
    position as typed, capitalised, and the organisation's short name in the genitive)."""
    return f"{capitalised(org.head.position)} {org_view['short'].gent}"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a long text, one a line."""
    return [line for line in text.split("\n") if line.strip()]


def entry(text: str) -> str:
    """A list entry without a number or dash typed before it (the template numbers the list)."""
    stripped = _LEADING_NUMBER.sub("", text, count=1).strip()
    return stripped or text


def closed(text: str, mark: str = ".") -> str:
    """``text`` ending with ``mark`` («.» or «;»), a final full stop or semicolon typed in it replaced;
    «2024 г.» or «А.А.» keep their full stop before a semicolon."""
    text = text.rstrip()
    if mark == ".":
        return text if text.endswith((".", "!", "?", "…")) else f"{text.rstrip(';,:')}."
    if text.endswith(";"):
        return text
    if text.endswith(".") and re.search(r"(?:\b[гвА-ЯЁ]|\bгг|\bт\.\s?д|\bт\.\s?п)\.$", text):
        return f"{text};"
    return f"{text.rstrip('.,:')};"


def enumerated(entries) -> list[str]:
    """The entries of a numbered list as a records officer closes them: each with a full stop when
    any begins with a capital, else each with a semicolon and the last with a full stop; numbers or
    dashes typed before an entry dropped."""
    items = [entry(text) for text in entries]
    if any(item[:1].isupper() for item in items):
        return [closed(item) for item in items]
    return [closed(item, ";") if i < len(items) - 1 else closed(item) for i, item in enumerate(items)]


def numbered(items: list[str]) -> list[str]:
    """«1. …», «2. …» — or the single item as it is: a list of one is not numbered."""
    if len(items) == 1:
        return list(items)
    return [f"{i}. {item}" for i, item in enumerate(items, start=1)]


def mentee_word(mentees: list[PersonView], case: Case | str = Case.NOMINATIVE, *, capital: bool = False) -> str:
    """«наставляемая», «наставляемого», «наставляемых» … agreeing with ``mentees``."""
    case = Case(case)
    if len(mentees) == 1:
        word = agree("наставляемый", mentees[0].gender, case)
    else:
        word = agree("наставляемый", None, case, plural=True)
    return capitalised(word) if capital else word


def without_head(people: list[PersonData], head: PersonData) -> list[int]:
    """Registry ids of ``people`` (each once, in order), the head who signs aside."""
    ids: list[int] = []
    for person in people:
        if person.id is not None and not same_person(person, head) and person.id not in ids:
            ids.append(person.id)
    return ids


def mentees_file_part(pair: PairData) -> str:
    """The pair in a file name: the first mentee's surname and initials, «_и_др» when there are more
    («Иванова_М.П._и_др»)."""
    tail = "_и_др" if len(pair.mentees) > 1 else ""
    return f"{safe_file_part(str(PersonView(pair.mentees[0]).short))}{tail}"


def mentees_title(pair: PairData) -> str:
    """The pair in a document's title (its properties): up to three mentees' surnames and initials,
    «и др.» when there are more («Иванова М.П., Петров С.И. и др.»)."""
    more = " и др." if len(pair.mentees) > 3 else ""
    return ", ".join(str(PersonView(mentee).short) for mentee in pair.mentees[:3]) + more


# -- the programme -------------------------------------------------------------------------------------


class PlanItem(Contract, title="мероприятие плана"):
    activity: Text = Field(title="мероприятие")
    deadline: Text = Field(title="срок", description="дата или словами: «октябрь 2025», «в течение года»")
    form: OptionalText = Field(None, title="форма проведения")
    expected_result: OptionalText = Field(None, title="ожидаемый результат")
    done_on: IsoDate | None = Field(None, title="дата выполнения (отметка о выполнении)")


class Programme(Document, title="персонализированная программа наставничества"):
    """A pair's or a group's programme: the participants, the difficulties found, goal, tasks, the plan
    with its done marks, the expected results, the signatures of the mentor, each mentee and the
    curator, and the head's approval stamp."""

    pair: PairData = Field(title="наставническая пара (группа)")
    curator: PersonData = Field(title="куратор")
    approved_on: IsoDate | None = Field(None, title="дата утверждения программы")
    difficulties: LongText = Field(title="профессиональные затруднения (запросы) наставляемого")
    goal: LongText = Field(title="цель программы")
    tasks: list[Text] = Field(title="задачи программы", min_length=1, max_length=50)
    plan: list[PlanItem] = Field(title="план мероприятий", min_length=1, max_length=200)
    expected_results: list[LongText] = Field(title="ожидаемые результаты", min_length=1, max_length=50)

    @model_validator(mode="after")
    def _approved_within_term(self) -> "Programme":
        if self.approved_on and self.approved_on > self.pair.end_date:
            raise PydanticCustomError(
                "approved_late", "программа утверждена {approved} — позже окончания наставничества {end}; "
                "проверьте дату", {"approved": f"{self.approved_on:%d.%m.%Y}",
                                   "end": f"{self.pair.end_date:%d.%m.%Y}", "field": "approved_on"})
        return self

    def _views(self) -> tuple[PersonView, list[PersonView], PersonView, PersonView]:
        head = self.organization.head
        mentor = PersonView(self.pair.mentor, same_person(self.pair.mentor, head))
        mentees = [PersonView(m, same_person(m, head)) for m in self.pair.mentees]
        curator = PersonView(self.curator, same_person(self.curator, head))
        return PersonView(head, is_head=True), mentees, mentor, curator

    def context(self, template_id: str) -> dict:
        """``org``, ``head``, ``approval`` (``position`` «Директор МБОУ Палагайской СОШ», ``signature``,
        ``date`` — the stamp's date or its blank), ``mentor``, ``mentees``, ``curator`` (people with
        every case), ``mentee_label`` («Наставляемая», «Наставляемые»), ``mentee_gent`` («наставляемой»),
        ``is_group``, ``form``, ``period`` («с 15 января по 31 мая 2024 г.»), ``start``, ``end``,
        ``difficulties`` and ``goal`` (paragraphs), ``tasks`` («1. Выявить …», no number for a single
        task), ``plan`` (rows: ``index``, ``activity``, ``deadline``, ``form``, ``expected_result``,
        ``done``), ``results`` (all but the last expected result, numbered as the tasks), ``last_result``
        (kept with the signatures), ``signatures`` (``role``, ``signature``: the mentor, each mentee, the
        curator)."""
        head, mentees, mentor, curator = self._views()
        org = organization_view(self.organization)
        pair = self.pair
        results = enumerated(" ".join(paragraphs(text)) for text in self.expected_results)
        tasks = enumerated(self.tasks)
        signatures = [{"role": "Наставник", "signature": mentor.signature}]
        signatures += [{"role": capitalised(agree("наставляемый", m.gender)), "signature": m.signature}
                       for m in mentees]
        signatures.append({"role": "Куратор", "signature": curator.signature})
        return {
            "org": org,
            "head": head,
            "approval": {
                "position": approval_line(self.organization, org),
                "signature": head.signature,
                "date": dates.stamped(self.approved_on) if self.approved_on else BLANK_DATE,
            },
            "mentor": mentor,
            "mentees": mentees,
            "curator": curator,
            "is_group": len(mentees) > 1,
            "mentee_label": mentee_word(mentees, capital=True),
            "mentee_gent": mentee_word(mentees, Case.GENITIVE),
            "form": pair.form,
            "period": dates.period(pair.start_date, pair.end_date),
            "start": dates.numeric(pair.start_date),
            "end": dates.numeric(pair.end_date),
            "difficulties": paragraphs(self.difficulties),
            "goal": paragraphs(self.goal),
            "tasks": numbered(tasks),
            "plan": [{"index": i, "activity": item.activity, "deadline": _deadline(item.deadline),
                      "form": item.form or "", "expected_result": item.expected_result or "",
                      "done": dates.numeric(item.done_on) if item.done_on else ""}
                     for i, item in enumerate(self.plan, start=1)],
            "results": numbered(results)[:-1],
            "last_result": numbered(results)[-1],
            "signatures": signatures,
        }

    def file_stem(self) -> str:
        return f"Программа_наставничества_{mentees_file_part(self.pair)}"

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Программа наставничества: {mentees_title(self.pair)}",
                                  "Программа наставничества")

    def person_ids(self) -> list[int]:
        return without_head([self.pair.mentor, *self.pair.mentees, self.curator], self.organization.head)

    def pair_ids(self) -> list[int]:
        return [self.pair.id] if self.pair.id is not None else []


def _deadline(text: str) -> str:
    """A deadline as the plan prints it: an ISO date as ДД.ММ.ГГГГ, any other wording as typed."""
    if _ISO.fullmatch(text):
        try:
            return dates.numeric(dt.date.fromisoformat(text))
        except ValueError:
            return text
    return text
