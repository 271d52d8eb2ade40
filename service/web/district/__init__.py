"""«Округ»: the methodological centre's view of every organisation of the service (seed 003) — the
indicators and regional checklists side by side, the district mentor bank, and the district monitoring
summary as DOCX (``district-summary``) and as an Excel book."""

from service.web.district.routes import bp

__all__ = ["bp"]
