"""The district summary from the registry (catalogue ``source`` "organization": nothing to pick, ``choice``
is ignored): here, made from an organisation's own pages, it holds that organisation alone — its line of
the district's table and checklist, signed by its head. The methodological centre makes the summary of
every organisation on the district pages (:mod:`service.web.district`), from the same
:func:`service.monitoring.district.summary_data`; no organisation's data reaches another's pages.

``options`` (all optional): ``academic_year`` or ``start`` and ``end`` (as for ``monitoring-report``),
``conclusions`` (else drafted from the checklist), ``date`` (ISO).
"""

from sqlite_utils import Database

from registry.indicators import compute
from registry.organization import get_organization
from service.documents.sources.monitoring_report import period_of
from service.documents.sources.programme import organization_data
from service.monitoring.checklist import checklist
from service.monitoring.district import OrganizationView, draft_conclusions, summary_data


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.monitoring.DistrictSummary`."""
    options = options or {}
    organization = get_organization(db, organization_id) or {}
    maker = organization_data(db, organization_id)
    period = period_of(options, organization)
    if period is None or not organization:
        return {"organization": maker}
    monitoring = compute(db, organization_id, period)
    view = OrganizationView(organization, monitoring, tuple(checklist(db, monitoring)))
    return summary_data([view], period, maker, conclusions=options.get("conclusions") or draft_conclusions([view]),
                        date=options.get("date") or "")
