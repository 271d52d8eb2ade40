"""The contract of the mentor's report (``mentor-report``, отчёт наставника; DOMAIN.md §5, seed 003 item 16:
«Отчёт наставников об итогах выполнения программы/плана наставничества»): per pair or group, what was
done of its personalised programme and which meetings were held, and for each mentee the mentor's
characteristic and conclusion on readiness for independent work.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person, the organisation and a pair)::

    {"organization": {…}, "pair": pair, "curator"?: person, "plan"?: [item, …], "meetings"?: [meeting, …],
     "assessments": [{"characteristic": "…", "readiness": "ready" | "conditional" | "not_ready"}, …],
     "conclusions"?: "…", "date"?: "YYYY-MM-DD"}

    item:    {"activity", "deadline", "done_on"?: "YYYY-MM-DD"}
    meeting: {"held_on": "YYYY-MM-DD", "kind": "встреча-знакомство", "topic": "…"}

- ``plan``: the programme's plan with its done marks (an item without ``done_on``, done not yet or not at
  all, is printed «—»); ``meetings``: those held, by day. Either may be empty: the report then says so.
- ``assessments``: one per mentee, in the order of ``pair.mentees``: the characteristic written by the
  mentor (paragraphs, one a line) and the readiness for independent professional work — "ready" «готов(а)»,
  "conditional" «готов(а) при условии дополнительного сопровождения», "not_ready" «не готов(а)», agreeing
  with the mentee's gender.
- ``conclusions``: the mentor's conclusions and proposals (paragraphs), optional.
- ``curator``: signs that the report was received; ``date``: the day of the report (absent, a blank for a
  hand-written one).
"""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.context import PersonView, same_person
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    LongText,
    OptionalText,
    PairData,
    PersonData,
    Text,
)
from service.documents.contracts.programme import (
    BLANK_DATE,
    mentee_word,
    mentees_file_part,
    mentees_title,
    organization_view,
    paragraphs,
    without_head,
)
from service.grammar import dates
from service.grammar.cases import Case

#: Readiness of a mentee for independent professional work: code → how a form or a list names it.
READINESS = {"ready": "готов(а)", "conditional": "готов(а) при условии дополнительного сопровождения",
             "not_ready": "не готов(а)"}


def _readiness(value: Any) -> Any:
    if not isinstance(value, str) or value not in READINESS:
        raise PydanticCustomError("readiness", "укажите \"ready\" (готов), \"conditional\" (готов при условии "
                                               "дополнительного сопровождения) или \"not_ready\" (не готов)")
    return value


Readiness = Annotated[Literal["ready", "conditional", "not_ready"], BeforeValidator(_readiness)]


class ReportItem(Contract, title="мероприятие плана"):
    activity: Text = Field(title="мероприятие")
    deadline: Text = Field(title="срок")
    done_on: IsoDate | None = Field(None, title="дата выполнения")


class ReportMeeting(Contract, title="встреча"):
    held_on: IsoDate = Field(title="дата встречи")
    kind: Text = Field(title="вид встречи", description="«встреча-знакомство», «рабочая встреча» …")
    topic: Text = Field(title="тема встречи")


class Assessment(Contract, title="характеристика наставляемого"):
    characteristic: LongText = Field(title="характеристика наставляемого")
    readiness: Readiness = Field(title="готовность к самостоятельной профессиональной деятельности")


class MentorReport(Document, title="отчёт наставника"):
    """The mentor's report on a pair's or a group's programme (see the module notes)."""

    pair: PairData = Field(title="наставническая пара (группа)")
    curator: PersonData | None = Field(None, title="куратор (принимает отчёт)")
    plan: list[ReportItem] = Field(default_factory=list, title="план мероприятий программы", max_length=200)
    meetings: list[ReportMeeting] = Field(default_factory=list, title="проведённые встречи", max_length=200)
    assessments: list[Assessment] = Field(title="характеристики наставляемых", min_length=1, max_length=200)
    early_end: OptionalText = Field(None, title="сведения о досрочном прекращении наставничества",
                                    description="«Наставничество прекращено досрочно 10.04.2026 …»")
    conclusions: LongText | None = Field(None, title="выводы и предложения наставника")
    date: IsoDate | None = Field(None, title="дата отчёта")

    @model_validator(mode="after")
    def _one_assessment_per_mentee(self) -> "MentorReport":
        if len(self.assessments) != len(self.pair.mentees):
            raise PydanticCustomError(
                "assessments", "характеристик {given}, а наставляемых {mentees}: по одной на каждого, в том же "
                "порядке", {"given": len(self.assessments), "mentees": len(self.pair.mentees), "field": "assessments"})
        return self

    def context(self, template_id: str) -> dict:
        """``org``, ``mentor``, ``mentees`` (people), ``mentee_label`` («Наставляемая», «Наставляемые»),
        ``mentee_gent`` («наставляемой»), ``is_group``, ``form``, ``period`` («с 15 сентября 2025 г. по 31
        мая 2026 г.»), ``plan`` (``index``, ``activity``, ``deadline``, ``done`` — the date or «—»),
        ``done`` and ``total`` (plan items), ``meetings`` (``index``, ``date``, ``kind``, ``topic``),
        ``assessments`` (``name``, ``characteristic`` paragraphs, ``readiness`` «Наставляемая
        готова к самостоятельной профессиональной деятельности.»), ``conclusions`` (paragraphs),
        ``mentor_signature``, ``curator`` (``signature``) or None, ``date``, ``early_end`` (a sentence or
        "")."""
        head = self.organization.head
        mentor = PersonView(self.pair.mentor, same_person(self.pair.mentor, head))
        mentees = [PersonView(m, same_person(m, head)) for m in self.pair.mentees]
        assessments = []
        for mentee, assessment in zip(mentees, self.assessments, strict=True):
            ready = ("не " if assessment.readiness == "not_ready" else "") + mentee.agree("готов", "готова")
            condition = " при условии дополнительного сопровождения" if assessment.readiness == "conditional" else ""
            assessments.append({
                "name": mentee.name, "characteristic": paragraphs(assessment.characteristic),
                "readiness": f"{mentee_word([mentee], capital=True)} {ready} к самостоятельной профессиональной "
                             f"деятельности{condition}.",
            })
        return {
            "org": organization_view(self.organization),
            "mentor": mentor,
            "mentees": mentees,
            "is_group": len(mentees) > 1,
            "mentee_label": mentee_word(mentees, capital=True),
            "mentee_gent": mentee_word(mentees, Case.GENITIVE),
            "form": self.pair.form,
            "period": dates.period(self.pair.start_date, self.pair.end_date),
            "plan": [{"index": i, "activity": item.activity, "deadline": item.deadline,
                      "done": dates.numeric(item.done_on) if item.done_on else "—"}
                     for i, item in enumerate(self.plan, start=1)],
            "done": sum(1 for item in self.plan if item.done_on),
            "total": len(self.plan),
            "meetings": [{"index": i, "date": dates.numeric(m.held_on), "kind": m.kind, "topic": m.topic}
                         for i, m in enumerate(self.meetings, start=1)],
            "assessments": assessments,
            "conclusions": paragraphs(self.conclusions) if self.conclusions else [],
            "early_end": self.early_end or "",
            "mentor_signature": mentor.signature,
            "curator": {"signature": PersonView(self.curator).signature} if self.curator else None,
            "date": dates.stamped(self.date) if self.date else BLANK_DATE,
        }

    def file_stem(self) -> str:
        return f"Отчёт_наставника_{mentees_file_part(self.pair)}"

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Отчёт наставника: {mentees_title(self.pair)}",
                                  "Отчёт наставника")

    def person_ids(self) -> list[int]:
        people = [self.pair.mentor, *self.pair.mentees] + ([self.curator] if self.curator else [])
        return without_head(people, self.organization.head)

    def pair_ids(self) -> list[int]:
        return [self.pair.id] if self.pair.id is not None else []
