"""The regional checklist of an organisation's mentoring system (issue 11): what a regional monitoring asks
each organisation for — a web page on mentoring, the order introducing the system, the Положение, the
roadmap, the curator order, the mentor and mentee banks, a document on incentives for mentors, the pairs
orders, the number of pairs, the programmes — each present or not, from the registry and the journal of
orders, with the orders of the journal that show it.

How each item is found:

- the web page: the address in the organisation's profile (``mentoring_url``); without one it is «не
  указано» (neither present nor absent);
- the order introducing the system: an order «Об утверждении Положения … и дорожной карты»
  (``regulation-order``) registered in the journal by the period's end; the Положение: its attachment
  № 1 — present with that order, or with the number and date of the order approving it in the
  organisation's profile;
- the roadmap: events of the organisation's roadmap for the period's academic year(s);
- the curator order: a ``curator-order`` of the journal by the period's end;
- the banks: anyone in the bank on the period's last day (today, while the period lasts);
- the incentive document: an order of the period that provides for pay or a bonus for mentoring — a pairs
  order with its item on payment for mentoring (on by default for orders from 01.03.2025, Labour Code art.
  351.8) or a closing order with its item on bonuses for the mentors;
- the pairs orders: ``pairs-order`` orders of the journal dated within the period;
- the number of pairs and the programmes: the pairs and groups of the period
  (:mod:`registry.indicators`), and those of them with a personalised programme.
"""

from dataclasses import dataclass

from sqlite_utils import Database

from registry.db import ru_date
from registry.indicators import Monitoring
from registry.orders import get_version, list_orders
from registry.organization import get_organization
from registry.roadmap import list_events
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError, validate
from service.grammar.agreement import count

#: The items of the checklist, in the order a regional form asks for them: key → title.
ITEMS = {
    "website": "Страница о наставничестве на сайте организации",
    "regulation_order": "Приказ о внедрении системы наставничества",
    "regulation": "Положение о системе наставничества",
    "roadmap": "Дорожная карта (план мероприятий) на учебный год",
    "curator_order": "Приказ о назначении куратора",
    "mentor_bank": "Банк наставников",
    "mentee_bank": "Банк наставляемых",
    "incentive": "Документ о стимулировании наставников",
    "pairs_orders": "Приказы о закреплении наставнических пар (групп)",
    "pairs": "Наставнические пары (группы)",
    "programmes": "Персонализированные программы наставничества",
}


@dataclass(frozen=True)
class ChecklistItem:
    """One item: ``key`` (of :data:`ITEMS`), ``title``, ``present`` (None: the registry cannot tell),
    ``detail`` (what was found, or what is missing, in Russian) and ``orders`` — the journal's orders
    that show it (id, number, date ISO, heading), newest first."""

    key: str
    title: str
    present: bool | None
    detail: str
    orders: tuple[dict, ...] = ()

    @property
    def mark(self) -> str:
        """«есть», «нет» or «не указано»."""
        return {True: "есть", False: "нет", None: "не указано"}[self.present]


def _described(order: dict) -> str:
    return f"№ {order['number']} от {ru_date(order['date'])}"


def _provides_incentive(db: Database, order: dict) -> bool:
    """Whether the order's latest version provides for pay or a bonus for mentoring (as the document
    prints it: its contract resolves the optional items)."""
    version = get_version(db, order["id"])
    try:
        document = validate(get_template(order["kind"]).contract, version["data"])
    except ContractError:  # a version made under an older contract: its items cannot be told
        return False
    if order["kind"] == "pairs-order":
        return document.resolved_options().incentive_item
    return document.item_options()["bonus_item"]


def checklist(db: Database, monitoring: Monitoring) -> list[ChecklistItem]:
    """The checklist of the organisation and period of ``monitoring`` (its pairs, programmes and banks come
    from there), in the order of :data:`ITEMS`."""
    organization_id, period = monitoring.organization_id, monitoring.period
    organization = get_organization(db, organization_id) or {}
    orders = [dict(o) for o in list_orders(db, organization_id) if o["date"] <= period.end.isoformat()]
    by_kind = {kind: [o for o in orders if o["kind"] == kind]
               for kind in ("regulation-order", "curator-order", "pairs-order", "closing-order")}
    within = {kind: [o for o in found if period.holds(o["date"])] for kind, found in by_kind.items()}
    url = organization.get("mentoring_url")
    items = {"website": (True, url, []) if url else
             (None, "не указано: впишите адрес страницы в сведениях об организации", [])}

    regulation = by_kind["regulation-order"]
    items["regulation_order"] = (bool(regulation), f"приказ {_described(regulation[0])}" if regulation
                                 else "в журнале нет приказа об утверждении Положения и дорожной карты", regulation)
    if regulation:
        items["regulation"] = (True, f"приложение № 1 к приказу {_described(regulation[0])}", regulation[:1])
    elif organization.get("regulation_number") and organization.get("regulation_date"):
        items["regulation"] = (True, f"утверждено приказом № {organization['regulation_number']} от "
                                     f"{ru_date(organization['regulation_date'])} (сведения об организации)", [])
    else:
        items["regulation"] = (False, "нет ни приказа в журнале, ни реквизитов утверждения в сведениях об "
                                      "организации", [])

    events = [e for year in period.years for e in list_events(db, organization_id, year)]
    done = sum(1 for e in events if e["done_on"])
    items["roadmap"] = (bool(events), f"мероприятий: {len(events)}, выполнено: {done}" if events
                        else "мероприятий на учебный год нет", [])

    curator = by_kind["curator-order"]
    items["curator_order"] = (bool(curator), f"приказ {_described(curator[0])}" if curator
                              else "в журнале нет приказа о назначении куратора", curator[:1])

    for bank, key in (("mentor", "mentor_bank"), ("mentee", "mentee_bank")):
        people = monitoring[f"bank_{bank}"].value
        items[key] = (people > 0, f"{people} чел.", [])

    incentive = [o for kind in ("pairs-order", "closing-order") for o in within[kind] if _provides_incentive(db, o)]
    incentive.sort(key=lambda o: (o["date"], o["id"]), reverse=True)
    items["incentive"] = (bool(incentive), ", ".join(f"приказ {_described(o)}" for o in incentive) if incentive
                          else "в периоде нет приказа о выплате или премировании за наставничество", incentive)

    pairs_orders = within["pairs-order"]
    items["pairs_orders"] = (bool(pairs_orders), f"приказов в периоде: {len(pairs_orders)}" if pairs_orders
                             else "в периоде нет приказов о закреплении пар (групп)", pairs_orders)

    pairs = sum(monitoring[f"{noun}_{state}"].value for noun in ("pairs", "groups")
                for state in ("active", "completed", "terminated"))
    groups = sum(monitoring[f"groups_{state}"].value for state in ("active", "completed", "terminated"))
    items["pairs"] = (pairs > 0, f"{count(pairs - groups, 'пара', style='digits')}, "
                                 f"{count(groups, 'группа', style='digits')}", [])
    programmes = monitoring["programmes"]
    items["programmes"] = (bool(programmes.part), f"{programmes.part} из {programmes.whole} пар и групп", [])
    return [ChecklistItem(key, title, *items[key][:2], tuple(items[key][2])) for key, title in ITEMS.items()]
