"""The district's view of every organisation of the service (seed 003: the municipal methodological centre
keeps the district mentor bank and collects the yearly monitoring of all organisations' programmes): the
indicators and the regional checklist of each organisation for one period, the district mentor bank, the
contract of the district summary (``district-summary``) and its workbook.
"""

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from registry.indicators import Monitoring, Period, bank_on, compute, period_pairs
from registry.organization import list_organizations
from registry.people import get_person, list_people
from service.monitoring.checklist import ITEMS, ChecklistItem, checklist
from service.spreadsheets.workbook import DATE_FORMAT, Column, add_sheet, new_book, save

#: The indicators compared side by side, in their order (keys of :func:`registry.indicators.compute`).
COMPARED = ("mentors", "mentees", "pairs_active", "groups_active", "pairs_completed", "groups_completed",
            "pairs_terminated", "groups_terminated", "programmes", "on_plan", "items_on_time", "mentor_change",
            "mentee_change", "meetings", "feedback", "mentors_category", "young_covered", "bank_mentor",
            "bank_mentee", "roadmap_done", "roadmap_overdue")
_STATES = ("active", "completed", "terminated")


@dataclass(frozen=True)
class OrganizationView:
    """One organisation of the district: its registry row, its indicators and its checklist."""

    organization: dict
    monitoring: Monitoring
    checklist: tuple[ChecklistItem, ...]

    @property
    def name(self) -> str:
        return self.organization["short_name"] or self.organization["full_name"]

    @property
    def missing(self) -> int:
        """How many checklist items are absent (not counting those the registry cannot tell)."""
        return sum(1 for item in self.checklist if item.present is False)


def district(db: Database, period: Period, today: dt.date | None = None) -> list[OrganizationView]:
    """Every organisation of the service with its indicators and checklist for ``period``, by name."""
    views = []
    for organization in list_organizations(db):
        monitoring = compute(db, organization["id"], period, today)
        views.append(OrganizationView(organization, monitoring, tuple(checklist(db, monitoring))))
    return views


def mentor_bank(db: Database, period: Period, today: dt.date | None = None) -> list[dict]:
    """The district mentor bank: every organisation's mentors — people with the role «наставник», in the
    organisation's mentor bank on the period's last day (today, while it lasts), or mentors of a pair of
    the period — by organisation and surname. Each: ``organization`` (short name), ``full_name``,
    ``position``, ``category`` (qualification category or ""), ``experience`` (years, or None),
    ``in_bank`` (ISO day entered, or None), ``mentees`` (names of their mentees in the period's pairs)."""
    as_of = min(period.end, today or dt.date.today())
    found = []
    for organization in list_organizations(db):
        people = {p["id"]: p for p in list_people(db, organization["id"], "mentor")}
        entries = {e["person_id"]: e["entered_on"] for e in bank_on(db, organization["id"], "mentor", as_of)}
        mentees: dict[int, list[int]] = {}
        for pair in period_pairs(db, organization["id"], period, as_of):
            mentees.setdefault(pair["mentor_id"], []).extend(pair["mentees"])
        for person_id in {*people, *entries, *mentees}:
            person = people.get(person_id) or get_person(db, person_id)
            found.append({"organization": organization["short_name"] or organization["full_name"],
                          "full_name": person["full_name"], "position": person["position"] or "",
                          "category": person["qualification_category"] or "",
                          "experience": person["experience_years"], "in_bank": entries.get(person_id),
                          "mentees": [get_person(db, m)["full_name"]
                                      for m in dict.fromkeys(mentees.get(person_id, []))]})
    return sorted(found, key=lambda m: (m["organization"], m["full_name"]))


def summary_row(view: OrganizationView) -> dict:
    """An organisation's row of the district summary (:class:`service.documents.contracts.monitoring.DistrictRow`)."""
    m = view.monitoring
    pairs = sum(m[f"pairs_{s}"].value for s in _STATES)
    groups = sum(m[f"groups_{s}"].value for s in _STATES)
    row = {"name": view.name, "mentors": m["mentors"].value, "mentees": m["mentees"].value, "pairs": pairs,
           "groups": groups, **{s: m[f"pairs_{s}"].value + m[f"groups_{s}"].value for s in _STATES},
           "checklist": {item.key: item.present for item in view.checklist}}
    for key, indicator in (("items_on_time", "items_on_time"), ("mentor_change", "mentor_change"),
                           ("mentee_change", "mentee_change")):
        if m[indicator].value is not None:
            row[key] = round(m[indicator].value, 1)
    return row


def summary_data(views: list[OrganizationView], period: Period, maker: dict, *, scope: str = "",
                 conclusions: str = "", date: str = "") -> dict:
    """The contract dict of :class:`service.documents.contracts.monitoring.DistrictSummary` for ``views``:
    ``maker`` is the organisation part of the body making it (its ``head`` signs), ``scope`` continues the
    title («Левокумского муниципального округа»), ``date`` ISO; blanks are left out."""
    data = {"organization": maker, "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
            "organizations": [summary_row(view) for view in views]}
    for key, value in (("scope", scope), ("conclusions", conclusions), ("date", date)):
        if value:
            data[key] = value
    return data


def draft_conclusions(views: list[OrganizationView]) -> str:
    """Conclusions drawn from every organisation's indicators, for the methodologist to edit."""
    total = len(views)
    mentors = sum(v.monitoring["mentors"].value for v in views)
    mentees = sum(v.monitoring["mentees"].value for v in views)
    complete = [v.name for v in views if v.missing == 0]
    lines = [f"Мониторингом охвачено образовательных организаций: {total}; наставников — {mentors}, наставляемых — "
             f"{mentees}."]
    lines.append("Все пункты чек-листа выполнены: " + ", ".join(complete) + "." if complete
                 else "Ни одна организация не выполнила все пункты чек-листа.")
    for key, title in ITEMS.items():
        lacking = [v.name for v in views if any(i.key == key and i.present is False for i in v.checklist)]
        if lacking:
            lines.append(f"Нет пункта «{title}»: {', '.join(lacking)}.")
    return "\n".join(lines)


def _checklist_mark(present: bool | None) -> str:
    return {True: "есть", False: "нет", None: "не указано"}[present]


def workbook(views: list[OrganizationView], mentors: list[dict], period: Period) -> bytes:
    """The district summary as an .xlsx book: «Показатели» (an organisation a row, an indicator a column),
    «Чек-лист» (an organisation a row, an item a column), «Банк наставников» (:func:`mentor_bank`); each
    sheet with its header frozen, filters and column widths."""
    book = new_book(f"Мониторинг наставничества: {period.title}")
    first = views[0].monitoring if views else None
    indicator_columns = [Column("name", "Организация", 34)] + [
        Column(key, first[key].title + (f", {first[key].unit}" if first[key].unit else ""), 16, wrap=True)
        for key in COMPARED] if first else [Column("name", "Организация", 34)]
    add_sheet(book, "Показатели", indicator_columns,
              [[v.name, *[None if v.monitoring[k].value is None else round(v.monitoring[k].value, 1)
                          for k in COMPARED]] for v in views])
    add_sheet(book, "Чек-лист", [Column("name", "Организация", 34)] + [Column(k, t, 18, wrap=True)
                                                                       for k, t in ITEMS.items()],
              [[v.name, *[_checklist_mark(i.present) for i in v.checklist]] for v in views])
    add_sheet(book, "Банк наставников", [
        Column("organization", "Организация", 30), Column("full_name", "ФИО", 34), Column("position", "Должность", 34),
        Column("category", "Квалификационная категория", 22), Column("experience", "Стаж, лет", 10),
        Column("in_bank", "В банке наставников с", 14, number_format=DATE_FORMAT),
        Column("mentees", "Наставляемые в периоде", 44, wrap=True)],
        [[m["organization"], m["full_name"], m["position"], m["category"], m["experience"],
          dt.date.fromisoformat(m["in_bank"]) if m["in_bank"] else None, "; ".join(m["mentees"])] for m in mentors])
    return save(book)

