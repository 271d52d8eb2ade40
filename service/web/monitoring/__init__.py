"""«Мониторинг»: the organisation's indicators for a period with their charts, the regional checklist with
links to the orders of the journal, and the two papers of monitoring — the curator's analytical report and
a mentor's report on a pair — with the texts the curator edits before download."""

from service.web.monitoring.routes import bp

__all__ = ["bp"]
