"""Monitoring of the mentoring system (DOMAIN.md §6, issue 11): the charts of the indicators
(:mod:`registry.indicators`), the regional checklist of an organisation and the district's view of every
organisation — no web framework here."""
