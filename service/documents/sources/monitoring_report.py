"""The curator's analytical report from the registry (catalogue ``source`` "organization": nothing to pick,
``choice`` is ignored).

The indicators and the charts are the organisation's for the period (:func:`registry.indicators.compute`,
:func:`service.monitoring.charts.monitoring_charts`); the curator is the organisation's (the first person
with the role «куратор»). The conclusions and the recommendations are drafts made from the indicators
(:func:`draft_conclusions`, :func:`draft_recommendations`) unless ``options`` give the curator's own.

``options`` (all optional): ``academic_year`` (2025, «2025» or «2025/2026»; default the organisation's
academic year) or ``start`` and ``end`` (ISO days: any period), ``conclusions``, ``recommendations`` (texts,
paragraphs one a line), ``date`` (ISO: the day of the report; without it a blank for a hand-written one).
"""

import datetime as dt
import re

from sqlite_utils import Database

from registry.db import RegistryError, ru_date
from registry.indicators import Monitoring, Period, compute, number
from registry.organization import current_academic_year, get_organization
from registry.roadmap import due_events
from service.documents.sources.programme import curator_data, organization_data
from service.grammar.agreement import count
from service.monitoring.charts import Chart, monitoring_charts


def period_of(options: dict, organization: dict) -> Period | None:
    """The period ``options`` ask for: ``start`` and ``end`` (ISO), else ``academic_year`` (an int or text
    starting with four digits), else the organisation's academic year; None when what they give is not a
    period."""
    try:
        if options.get("start") or options.get("end"):
            return Period.between(dt.date.fromisoformat(str(options.get("start"))),
                                  dt.date.fromisoformat(str(options.get("end"))))
        year = options.get("academic_year")
        if year in (None, ""):
            return Period.academic(current_academic_year(organization))
        if isinstance(year, str) and re.match(r"\s*\d{4}", year):
            year = int(year.strip()[:4])
        return Period.academic(year)
    except (ValueError, RegistryError):
        return None


def indicator_rows(monitoring: Monitoring) -> list[dict]:
    """The indicators as the contract takes them (section, title, value, unit, part, whole, note)."""
    titles = dict(monitoring.sections())
    sections = {i.key: title for title, found in titles.items() for i in found}
    rows = []
    for i in monitoring.indicators:
        row = {"section": sections[i.key], "title": i.title, "value": i.value, "note": i.note}
        if i.unit:
            row["unit"] = i.unit
        if i.part is not None:
            row.update(part=i.part, whole=i.whole)
        rows.append(row)
    return rows


def chart_rows(charts: list[Chart]) -> list[dict]:
    """The charts as the contract takes them."""
    return [{"title": c.title, "categories": list(c.categories), **({"unit": c.unit} if c.unit else {}),
             **({"top": c.top} if c.top else {}),
             "series": [{"name": s.name, "values": list(s.values)} for s in c.series]} for c in charts]


def draft_conclusions(monitoring: Monitoring) -> str:
    """Conclusions drawn from the indicators, a paragraph a line, for the curator to edit."""
    m = monitoring
    pairs = sum(m[f"pairs_{s}"].value for s in ("active", "completed", "terminated"))
    groups = sum(m[f"groups_{s}"].value for s in ("active", "completed", "terminated"))
    units = [count(n, noun, style="digits") for n, noun in ((pairs, "наставническая пара"),
                                                            (groups, "наставническая группа")) if n]
    people = " и ".join(count(n, noun, style="digits") for n, noun in ((m["mentors"].value, "наставник"),
                                                                       (m["mentees"].value, "наставляемый")))
    lines = [f"За {m.period.title if m.period.year else 'период ' + m.period.title} в реализации программ "
             f"наставничества участвовали {people}; "
             + (f"работали {' и '.join(units)}." if units else "наставнических пар и групп не было.")
             + (f" Персонализированные программы есть у {m['programmes'].text()} пар и групп." if units else "")]
    if m["on_plan"].whole:
        lines.append(f"Из программ, закончившихся в периоде, завершены по плану — {m['on_plan'].text()}, "
                     f"досрочно — {m['early'].text()}, прекращены досрочно — {m['terminated'].text()}.")
    if m["items_on_time"].whole:
        due = f"мероприятия планов со сроком до {ru_date(m.as_of)}"
        if m["items_late"].value or m["items_missed"].value:
            lines.append(f"Из {due.replace('мероприятия', 'мероприятий', 1)} в срок выполнено "
                         f"{m['items_on_time'].text()}, с опозданием — {m['items_late'].value}, не выполнено к "
                         f"сроку — {m['items_missed'].value}.")
        elif m["items_on_time"].whole == 1:
            lines.append(f"Мероприятие планов со сроком до {ru_date(m.as_of)} выполнено в срок.")
        else:
            lines.append(f"Все {count(m['items_on_time'].whole, 'мероприятие', style='digits')} планов со сроком до "
                         f"{ru_date(m.as_of)} выполнены в срок.")
    for role, who in (("mentee", "наставляемых"), ("mentor", "наставников")):
        entry, exit_ = m[f"{role}_entry"].value, m[f"{role}_exit"].value
        if entry is not None and exit_ is not None:
            lines.append(f"Средний балл анкет {who} изменился с {number(entry)} при входном анкетировании до "
                         f"{number(exit_)} при итоговом ({m[f'{role}_change'].text()}).")
    held = m["meetings"].value
    if held:
        verb = "Проведена" if held % 10 == 1 and held % 100 != 11 else "Проведено"
        lines.append(f"{verb} {count(held, 'встреча', style='digits')} наставников и наставляемых; обратная "
                     f"связь наставляемых внесена к {m['feedback'].text()} рабочих и итоговых встреч.")
    return "\n".join(lines)


def _sentence_part(text: str) -> str:
    """``text`` to follow a colon: its capital first letter lowered unless it begins an abbreviation («ППН»)."""
    return text[:1].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def draft_recommendations(monitoring: Monitoring, overdue: list[dict] = ()) -> str:
    """Recommendations that follow from the indicators, one a line, for the curator to edit; ``overdue``:
    the overdue roadmap events (:func:`registry.roadmap.due_events`), named in the recommendation."""
    m = monitoring
    lines = []
    if m["programmes"].whole and m["programmes"].part < m["programmes"].whole:
        lines.append("Разработать и утвердить персонализированные программы наставничества для всех пар и групп.")
    if m["items_on_time"].value is not None and m["items_on_time"].value < 100:
        lines.append("Усилить текущий контроль выполнения планов персонализированных программ; своевременно "
                     "отмечать выполненные мероприятия.")
    if m["feedback"].value is not None and m["feedback"].value < 100:
        lines.append("Обеспечить внесение обратной связи наставляемых после каждой рабочей встречи.")
    if m["mentor_exit"].value is None or m["mentee_exit"].value is None:
        lines.append("Провести итоговое анкетирование наставников и наставляемых по завершении программ.")
    if m["mentors"].value and m["mentors_category"].part < m["mentors"].value:
        lines.append("Рассмотреть возможность аттестации опытных наставников на квалификационную категорию "
                     "«педагог-наставник».")
    if overdue:
        named = "; ".join(f"{_sentence_part(event['activity'])} (срок — {event['deadline_text']})"
                          for event in overdue[:5])
        lines.append(("Провести просроченные мероприятия дорожной карты: " if len(overdue) > 1 else
                      "Провести просроченное мероприятие дорожной карты: ") + named + ".")
    elif m["roadmap_overdue"].value:
        lines.append("Провести просроченные мероприятия дорожной карты.")
    lines.append("Обобщить лучшие практики наставничества и пополнить методическую копилку.")
    return "\n".join(lines)


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.monitoring.MonitoringReport`."""
    options = options or {}
    data: dict = {"organization": organization_data(db, organization_id)}
    curator = curator_data(db, organization_id)
    if curator:
        data["curator"] = curator
    period = period_of(options, get_organization(db, organization_id) or {})
    if period is None:
        return data
    monitoring = compute(db, organization_id, period)
    data["period"] = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    data["indicators"] = indicator_rows(monitoring)
    data["charts"] = chart_rows(monitoring_charts(monitoring))
    data["conclusions"] = options.get("conclusions") or draft_conclusions(monitoring)
    today = dt.date.today()
    overdue = due_events(db, organization_id, today)["overdue"] if period.holds(today.isoformat()) else []
    data["recommendations"] = options.get("recommendations") or draft_recommendations(monitoring, overdue)
    if options.get("date"):
        data["date"] = options["date"]
    return data
