"""The contract of the roadmap (дорожная карта, план мероприятий; DOMAIN.md §1, §5): the organisation's
plan of events for an academic year, as the seed roadmaps lay it out — a landscape table of events
(№, мероприятие, срок, ответственный, результат), grouped by stage.

Shape (JSON; see :mod:`service.documents.contracts.base` for the organisation)::

    {"organization": {…}, "academic_year": 2025, "approval"?: {"number", "date"}, "approved_on"?: "YYYY-MM-DD",
     "scope"?: "…", "events": [event, …]}

    event: {"stage"?, "activity", "deadline", "responsible", "result"?}

- ``academic_year``: the first year of the academic year, 2025 → «на 2025/2026 учебный год».
- ``approval``: the order approving the roadmap (the order approving the Положение and the roadmap,
  whose attachment № 2 it is): printed at the top right, «Приложение № 2 к приказу от 11.01.2024 № 219»,
  as seed 003 does. Without it the head's stamp «УТВЕРЖДАЮ» is printed, with the organisation's name
  above, and dated ``approved_on`` (else blank for a hand-written date), as seeds 000 and 001 do. Either
  date belongs to the academic year or the one before it.
- ``scope``: whose teachers' mentoring the Положение concerns, as the title continues «по реализации
  Положения о системе наставничества педагогических работников …»; default «в» and the organisation's
  short name in the prepositional («в МБОУ Палагайской СОШ»). A municipal roadmap writes
  «образовательных организаций Левокумского муниципального округа».
- ``events[].stage``: events in a row with one stage are printed under its heading, numbered through;
  ``activity`` and ``result`` keep their line breaks; ``deadline`` and ``responsible`` as the roadmap
  prints them («до 15.09.2025», «ноябрь 2025 г. – май 2026 г.», «постоянно»; «куратор Абашева Е.А.»).
"""

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    LongText,
    OptionalText,
    OrderNumber,
    Text,
    safe_file_part,
)
from service.documents.contracts.programme import BLANK_DATE, approval_line, organization_view, paragraphs
from service.documents.contracts.regulation_order import academic_year_of
from service.grammar import dates


class RoadmapEvent(Contract, title="мероприятие дорожной карты"):
    stage: OptionalText = Field(None, title="этап")
    activity: LongText = Field(title="мероприятие")
    deadline: Text = Field(title="срок", description="как печатается: «до 15.09.2025», «октябрь 2025 г.», «постоянно»")
    responsible: Text = Field(title="ответственный")
    result: LongText | None = Field(None, title="результат (документ)")


class RoadmapApproval(Contract, title="приказ об утверждении дорожной карты"):
    number: OrderNumber = Field(title="номер приказа об утверждении дорожной карты")
    date: IsoDate = Field(title="дата приказа об утверждении дорожной карты")


class Roadmap(Document, title="дорожная карта (план мероприятий)"):
    """The roadmap of one academic year (see the module notes)."""

    academic_year: int = Field(title="учебный год (первый год: 2025 — 2025/2026)", ge=2000, le=2099)
    approval: RoadmapApproval | None = Field(None, title="приказ об утверждении дорожной карты")
    approved_on: IsoDate | None = Field(None, title="дата утверждения (гриф «УТВЕРЖДАЮ»)")
    scope: OptionalText = Field(None, title="чьих педагогических работников",
                                description="продолжение заголовка «…педагогических работников»: "
                                            "«образовательных организаций Левокумского муниципального округа»")
    events: list[RoadmapEvent] = Field(title="мероприятия дорожной карты", min_length=1, max_length=300)

    @model_validator(mode="after")
    def _approved_for_the_year(self) -> "Roadmap":
        for field, day in (("approval.date", self.approval.date if self.approval else None),
                           ("approved_on", self.approved_on)):
            if day is not None and self.academic_year not in (academic_year_of(day), academic_year_of(day) + 1):
                raise PydanticCustomError(
                    "approved_year", "{day} не подходит к дорожной карте на {year}/{next} учебный год: её утверждают "
                    "в этом учебном году или в предыдущем; проверьте дату или учебный год",
                    {"day": dates.numeric(day), "year": self.academic_year, "next": self.academic_year + 1,
                     "field": field})
        return self

    @property
    def year(self) -> str:
        return f"{self.academic_year}/{self.academic_year + 1} учебный год"

    def context(self, template_id: str) -> dict:
        """``org`` (as :func:`~service.documents.contracts.programme.organization_view` gives it),
        ``attachment`` (``number``, ``date``: the approving order) or None, ``stamp`` (``position``
        «Директор МБОУ Палагайской СОШ», ``signature``, ``date`` — its date or its blank) or None,
        ``subject`` («по реализации Положения о системе наставничества педагогических работников в МБОУ
        Палагайской СОШ»), ``year`` («2025/2026 учебный год»), ``stages`` (``title`` — "" for events with
        no stage, ``index``, ``events``: ``index``, ``activity`` and ``result`` as lists of paragraphs,
        ``deadline``, ``responsible``)."""
        org = organization_view(self.organization)
        head = self.organization.head
        stages: list[dict] = []
        for index, event in enumerate(self.events, start=1):
            stage = event.stage or ""
            if not stages or stages[-1]["title"] != stage:
                stages.append({"title": stage, "index": len(stages) + 1, "events": []})
            stages[-1]["events"].append({
                "index": index, "activity": paragraphs(event.activity), "deadline": event.deadline,
                "responsible": event.responsible, "result": paragraphs(event.result) if event.result else [],
            })
        approval = self.approval
        return {
            "org": org,
            "attachment": {"number": approval.number, "date": dates.numeric(approval.date)} if approval else None,
            "stamp": None if approval else {
                "position": approval_line(self.organization, org),
                "signature": head.name.signature(),
                "date": dates.stamped(self.approved_on) if self.approved_on else BLANK_DATE,
            },
            "subject": "по реализации Положения о системе наставничества педагогических работников "
                       + (self.scope or f"в {org['short'].loct}"),
            "year": self.year,
            "stages": stages,
        }

    def file_stem(self) -> str:
        year = f"{self.academic_year}-{self.academic_year + 1}"
        return f"Дорожная_карта_{year}_{safe_file_part(self.organization.short)}"[:150]

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Дорожная карта (план мероприятий) на {self.year}",
                                  "Дорожная карта")
