"""The contracts of the monitoring papers (DOMAIN.md §5, §6; issue 11): the curator's analytical report
(``monitoring-report``, аналитическая справка по итогам мониторинга) and the district's summary of every
organisation (``district-summary``, seed 003 item 10: «Получены и проанализированы данные мониторинга
(аналитическая справка)»).

Shapes (JSON; see :mod:`service.documents.contracts.base` for a person and the organisation)::

    monitoring-report: {"organization": {…}, "curator": person, "period": {"start", "end"},
        "purpose"?: "…", "methods"?: ["…", …], "indicators": [indicator, …], "charts"?: [chart, …],
        "conclusions": "…", "recommendations": "…", "date"?: "YYYY-MM-DD"}

    district-summary: {"organization": {…}, "period": {"start", "end"}, "scope"?: "…", "purpose"?: "…",
        "organizations": [row, …], "conclusions": "…", "date"?: "YYYY-MM-DD"}

    indicator: {"section"?, "title", "value": number | null, "unit"?, "part"?, "whole"?, "note"?}
    chart:     {"title", "unit"?, "top"?, "categories": ["…", …], "series": [{"name", "values": [number | null, …]}]}
    row:       {"name", "mentors", "mentees", "pairs", "groups", "active", "completed", "terminated",
                "items_on_time"?: number | null, "mentor_change"?: number | null, "mentee_change"?: number | null,
                "checklist": {"website"?: bool | null, "regulation_order": bool, …}}

- ``period``: the days monitored; 1 September to 31 August is printed «2025/2026 учебный год».
- ``indicators``: as :mod:`registry.indicators` computes them: ``value`` a count, a share in per cent, a
  mean score or a change (null: no data), ``unit`` («чел.», «%», «балла из 10», «балла» for a change,
  printed with its sign), ``part`` and ``whole`` for a share («66,7 % (2 из 3)»), ``note`` — how it was
  computed (printed in the attachment «Как рассчитаны показатели»). Consecutive indicators of one
  ``section`` are printed under its heading.
- ``charts``: bar charts drawn when the document is made (PNG, 300 dpi, the text's width), each captioned
  «Рисунок N — title» under the picture: ``categories`` label the bars, each series (1–4, a grey level and
  a hatching each) has one value (0 or more; null: no data) per category; ``top`` fixes the value axis'
  maximum (10 for scores out of 10).
- ``conclusions`` and ``recommendations`` (the curator's words, edited before download; the district's
  conclusions too): paragraphs, one a line; the recommendations are numbered. The last paragraph is kept
  on the page of the signature. ``purpose`` and ``methods`` default to the wording of the
  seed roadmaps' monitoring (satisfaction, the quality of the programmes, their effect on participants).
- ``organizations`` (district): one row per organisation — counts of the period, the share of plan items
  done on time (per cent), the change of the mean questionnaire score of mentors and mentees, and the
  regional checklist: each item true (present), false (absent) or null (not recorded).
- ``date``: the day of the report; absent, ««___» ____________ 20___ г.» for a hand-written one.
"""

import datetime as dt
import math
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from registry.indicators import Indicator, Period, number
from service.documents.context import PersonView, capitalised
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    LongText,
    OptionalText,
    PersonData,
    Text,
    safe_file_part,
)
from service.documents.contracts.programme import BLANK_DATE, enumerated, numbered, organization_view, paragraphs
from service.grammar import dates
from service.monitoring.charts import WIDTH_MM, Chart, Series, png
from service.monitoring.checklist import ITEMS

#: What a chart's value and a count may be (a count of people or pairs never comes near).
BIG = 1_000_000
#: The longest label of a chart (under a bar, in its legend, by its axis): a longer one would not fit it.
SHORT = 60


def _short(text: str) -> str:
    if len(text) > SHORT:
        raise PydanticCustomError("text_length", f"слишком длинно для подписи на диаграмме — не больше {SHORT} знаков")
    return text


def _number(value: Any) -> float:
    """A JSON number (not true or false, not NaN or infinity), as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "нужно число")
    if not math.isfinite(value):
        raise PydanticCustomError("number_finite", "нужно обычное число, не NaN и не бесконечность")
    return float(value)


ShortText = Annotated[Text, AfterValidator(_short)]
Number = Annotated[float, BeforeValidator(_number)]
ChartValue = Annotated[Number, Field(ge=0, le=BIG)]
Count = Annotated[int, Field(ge=0, le=BIG)]
Share = Annotated[Number, Field(ge=0, le=100)]
ScoreChange = Annotated[Number, Field(ge=-100, le=100)]

#: The purpose and the methods of monitoring unless the report words them (seeds 002 and 004: satisfaction
#: with the programme, its quality, its effect on the participants; seed 003 item 10).
PURPOSE = ("Оценка эффективности реализации персонализированных программ наставничества педагогических "
           "работников: удовлетворённость участников программами, качество их реализации и влияние на "
           "профессиональное развитие наставляемых и наставников.")
METHODS = ("анкетирование наставников и наставляемых (входное и итоговое)",
           "анализ документов: приказов, персонализированных программ наставничества, планов мероприятий и "
           "отметок об их выполнении",
           "анализ встреч наставников и наставляемых и обратной связи наставляемых",
           "сопоставление показателей с дорожной картой реализации системы наставничества")


class ReportPeriod(Contract, title="период мониторинга"):
    start: IsoDate = Field(title="начало периода")
    end: IsoDate = Field(title="конец периода")

    @model_validator(mode="after")
    def _in_order(self) -> "ReportPeriod":
        if self.end < self.start:
            raise PydanticCustomError("period", "конец периода раньше начала: проверьте даты", {"field": "end"})
        return self

    @property
    def period(self) -> Period:
        return Period.between(self.start, self.end)

    def text(self) -> str:
        """«2025/2026 учебный год» or «период с 1 сентября 2025 г. по 31 мая 2026 г.» (after «за»)."""
        period = self.period
        return period.title if period.year is not None else f"период {dates.period(self.start, self.end)}"


class IndicatorData(Contract, title="показатель"):
    section: OptionalText = Field(None, title="раздел показателей")
    title: Text = Field(title="показатель")
    value: Annotated[Number, Field(ge=-BIG, le=BIG)] | None = Field(title="значение (пусто — нет данных)")
    unit: OptionalText = Field(None, title="единица («чел.», «%», «балла из 10»)")
    part: Count | None = Field(None, title="для доли: сколько")
    whole: Count | None = Field(None, title="для доли: из скольких")
    note: OptionalText = Field(None, title="как рассчитан показатель")

    def text(self) -> str:
        """The value as printed (see :meth:`registry.indicators.Indicator.text`)."""
        return Indicator("", "", self.title, self.value, self.unit or "", self.note or "", self.part,
                         self.whole).text()


class SeriesData(Contract, title="ряд диаграммы"):
    name: ShortText = Field(title="название ряда (в легенде)")
    values: list[ChartValue | None] = Field(title="значения по категориям (пусто — нет данных)", min_length=1,
                                            max_length=12)


class ChartData(Contract, title="диаграмма"):
    title: Text = Field(title="название диаграммы (подпись под рисунком)")
    unit: ShortText | None = Field(None, title="подпись оси значений")
    top: ChartValue | None = Field(None, title="наибольшее значение оси (пусто — по значениям)", gt=0)
    categories: list[ShortText] = Field(title="категории (подписи под столбцами)", min_length=1, max_length=12)
    series: list[SeriesData] = Field(title="ряды значений", min_length=1, max_length=4)

    @model_validator(mode="after")
    def _a_value_per_category(self) -> "ChartData":
        for index, series in enumerate(self.series):
            if len(series.values) != len(self.categories):
                raise PydanticCustomError(
                    "chart_values", "значений {values}, а категорий {categories}: у каждого ряда по значению на "
                    "категорию", {"values": len(series.values), "categories": len(self.categories),
                                  "field": f"series[{index}].values"})
        return self

    def chart(self) -> Chart:
        return Chart(self.title, tuple(self.categories), tuple(Series(s.name, tuple(s.values)) for s in self.series),
                     self.unit or "", self.top)


def _signed_date(day: dt.date | None) -> str:
    return dates.stamped(day) if day else BLANK_DATE


class MonitoringReport(Document, title="аналитическая справка по итогам мониторинга"):
    """The curator's analytical report on the organisation's monitoring (see the module notes)."""

    curator: PersonData = Field(title="куратор (составитель справки)")
    period: ReportPeriod = Field(title="период мониторинга")
    purpose: LongText | None = Field(None, title="цель мониторинга")
    methods: list[Text] | None = Field(None, title="методы мониторинга", min_length=1, max_length=20)
    indicators: list[IndicatorData] = Field(title="показатели", min_length=1, max_length=100)
    charts: list[ChartData] = Field(default_factory=list, title="диаграммы", max_length=8)
    conclusions: LongText = Field(title="выводы")
    recommendations: LongText = Field(title="рекомендации")
    date: IsoDate | None = Field(None, title="дата справки")

    def context(self, template_id: str) -> dict:
        """``org``, ``subject`` («по итогам мониторинга … в МБОУ Палагайской СОШ»), ``period`` («2025/2026
        учебный год»), ``span`` («С 1 сентября 2025 г. по 31 августа 2026 г.»), ``purpose`` (paragraphs),
        ``methods`` (entries), ``sections`` (``title`` or "", ``rows``: ``index``, ``title``, ``value`` as
        printed), ``charts`` (``number``, ``title``, ``picture`` — the key of ``pictures``),
        ``conclusions`` (paragraphs), ``recommendations`` (numbered, but the last), ``last_recommendation``
        (kept with the signature), ``notes`` (``numbers`` and ``title`` of the indicators a note explains, ``note``),
        ``curator`` (``position`` capitalised, ``signature``), ``date``."""
        org = organization_view(self.organization)
        curator = PersonView(self.curator)
        return {
            "org": org,
            "subject": "по итогам мониторинга реализации программ наставничества педагогических работников "
                       f"в {org['short'].loct}",
            "period": self.period.text(),
            "span": capitalised(dates.period(self.period.start, self.period.end)),
            "purpose": paragraphs(self.purpose or PURPOSE),
            "methods": enumerated(self.methods or METHODS),
            "sections": _sections(self.indicators),
            "charts": [{"number": i, "title": chart.title, "picture": f"chart{i}"}
                       for i, chart in enumerate(self.charts, start=1)],
            "conclusions": paragraphs(self.conclusions),
            "recommendations": numbered(paragraphs(self.recommendations))[:-1],
            "last_recommendation": numbered(paragraphs(self.recommendations))[-1],
            "notes": _notes(self.indicators),
            "curator": {"position": capitalised(str(curator.position)), "signature": curator.signature},
            "date": _signed_date(self.date),
        }

    def pictures(self) -> dict[str, tuple[bytes, float]]:
        """Each chart drawn as PNG at print resolution, the text's width: ``chart1`` …"""
        return {f"chart{i}": (png(chart.chart()), WIDTH_MM) for i, chart in enumerate(self.charts, start=1)}

    def file_stem(self) -> str:
        stem = f"Аналитическая_справка_{self.period.text()}_{self.organization.short}"
        return safe_file_part(stem)[:150]

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Аналитическая справка по итогам мониторинга за "
                                  f"{self.period.text()}", "Аналитическая справка")

    def person_ids(self) -> list[int]:
        return [self.curator.id] if self.curator.id is not None else []


def _notes(indicators: list[IndicatorData]) -> list[dict]:
    """How the indicators were computed: each note once, with the numbers the table gives the indicators
    it explains («20, 21, 23, 24») and their titles, in the order of their first."""
    notes: dict[str, list[tuple[int, str]]] = {}
    for index, indicator in enumerate(indicators, start=1):
        if indicator.note:
            notes.setdefault(indicator.note, []).append((index, indicator.title))
    return [{"numbers": ", ".join(str(index) for index, _ in found), "title": "; ".join(t for _, t in found),
             "note": note} for note, found in notes.items()]


def _sections(indicators: list[IndicatorData]) -> list[dict]:
    """Consecutive indicators of one section together, numbered through."""
    sections: list[dict] = []
    for index, indicator in enumerate(indicators, start=1):
        if not sections or sections[-1]["title"] != (indicator.section or ""):
            sections.append({"title": indicator.section or "", "rows": []})
        sections[-1]["rows"].append({"index": index, "title": indicator.title, "value": indicator.text()})
    return sections


class DistrictChecklist(Contract, title="чек-лист регионального мониторинга"):
    """Each item of :data:`service.monitoring.checklist.ITEMS`: true — present, false — absent, null — not
    recorded."""

    website: bool | None = Field(None, title=ITEMS["website"])
    regulation_order: bool | None = Field(None, title=ITEMS["regulation_order"])
    regulation: bool | None = Field(None, title=ITEMS["regulation"])
    roadmap: bool | None = Field(None, title=ITEMS["roadmap"])
    curator_order: bool | None = Field(None, title=ITEMS["curator_order"])
    mentor_bank: bool | None = Field(None, title=ITEMS["mentor_bank"])
    mentee_bank: bool | None = Field(None, title=ITEMS["mentee_bank"])
    incentive: bool | None = Field(None, title=ITEMS["incentive"])
    pairs_orders: bool | None = Field(None, title=ITEMS["pairs_orders"])
    pairs: bool | None = Field(None, title=ITEMS["pairs"])
    programmes: bool | None = Field(None, title=ITEMS["programmes"])


class DistrictRow(Contract, title="организация в сводной справке"):
    name: Text = Field(title="организация (краткое наименование)")
    mentors: Count = Field(title="наставники, чел.")
    mentees: Count = Field(title="наставляемые, чел.")
    pairs: Count = Field(title="пары (один наставляемый)")
    groups: Count = Field(title="группы (несколько наставляемых)")
    active: Count = Field(title="пары и группы: действуют")
    completed: Count = Field(title="пары и группы: завершены")
    terminated: Count = Field(title="пары и группы: прекращены досрочно")
    items_on_time: Share | None = Field(None, title="мероприятия планов, выполненные в срок, %")
    mentor_change: ScoreChange | None = Field(None, title="изменение среднего балла анкет наставников")
    mentee_change: ScoreChange | None = Field(None, title="изменение среднего балла анкет наставляемых")
    checklist: DistrictChecklist = Field(title="чек-лист регионального мониторинга")

    @model_validator(mode="after")
    def _states_add_up(self) -> "DistrictRow":
        if self.active + self.completed + self.terminated != self.pairs + self.groups:
            raise PydanticCustomError(
                "states", "действуют, завершены и прекращены вместе — {states}, а пар и групп {all}: проверьте "
                "числа", {"states": self.active + self.completed + self.terminated, "all": self.pairs + self.groups,
                          "field": "active"})
        return self


def _optional(value: float | None, *, signed: bool = False) -> str:
    return "—" if value is None else number(value, signed=signed)


class DistrictSummary(Document, title="сводная аналитическая справка по итогам мониторинга"):
    """The district's summary: every organisation's indicators and regional checklist (see the module
    notes). ``organization`` is the body that makes it (an education department or its methodological
    centre), its ``head`` the one who signs."""

    period: ReportPeriod = Field(title="период мониторинга")
    scope: OptionalText = Field(None, title="чьих организаций", description="продолжение заголовка «… в "
                                "образовательных организациях …»: «Левокумского муниципального округа»")
    purpose: LongText | None = Field(None, title="цель мониторинга")
    organizations: list[DistrictRow] = Field(title="организации", min_length=1, max_length=300)
    conclusions: LongText = Field(title="выводы и предложения")
    date: IsoDate | None = Field(None, title="дата справки")

    def context(self, template_id: str) -> dict:
        """``org``, ``subject`` («… в образовательных организациях Левокумского муниципального округа»),
        ``period``, ``span``, ``purpose``, ``rows`` (``index``, ``name``, the counts, ``on_time``,
        ``mentor_change``, ``mentee_change`` as printed, ``marks``: «есть», «нет» or «—» per checklist
        item), ``total`` (the counts summed, ``organizations``), ``items`` (``number``, ``title`` of the
        checklist), ``conclusions`` (paragraphs but the last), ``last_conclusion`` (kept with the signature),
        ``head`` (``position``, ``signature``), ``date``."""
        org = organization_view(self.organization)
        head = PersonView(self.organization.head)
        counts = ("mentors", "mentees", "pairs", "groups", "active", "completed", "terminated")
        marks = {True: "есть", False: "нет", None: "—"}
        rows = [{"index": i, "name": row.name, **{key: getattr(row, key) for key in counts},
                 "on_time": _optional(row.items_on_time), "mentor_change": _optional(row.mentor_change, signed=True),
                 "mentee_change": _optional(row.mentee_change, signed=True),
                 "marks": [marks[getattr(row.checklist, key)] for key in ITEMS]}
                for i, row in enumerate(self.organizations, start=1)]
        total = {key: sum(getattr(row, key) for row in self.organizations) for key in counts}
        return {
            "org": org,
            "subject": "по итогам мониторинга эффективности реализации персонализированных программ "
                       "наставничества в образовательных организациях" + (f" {self.scope}" if self.scope else ""),
            "period": self.period.text(),
            "span": dates.period(self.period.start, self.period.end),
            "purpose": paragraphs(self.purpose or PURPOSE),
            "rows": rows,
            "total": {**total, "organizations": len(self.organizations)},
            "items": [{"number": i, "title": title} for i, title in enumerate(ITEMS.values(), start=1)],
            "conclusions": paragraphs(self.conclusions)[:-1],
            "last_conclusion": paragraphs(self.conclusions)[-1],
            "head": {"position": capitalised(str(head.position)), "signature": head.signature},
            "date": _signed_date(self.date),
        }

    def file_stem(self) -> str:
        return safe_file_part(f"Сводная_справка_мониторинга_{self.period.text()}")[:150]

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, "Сводная аналитическая справка по итогам мониторинга за "
                                  f"{self.period.text()}", "Аналитическая справка")
