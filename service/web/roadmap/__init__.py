"""«Дорожная карта»: the organisation's roadmap of an academic year — its events by stage, their
deadlines, who is responsible and the done marks — started from a default roadmap or loaded from a file,
downloaded as the ``roadmap`` document; and what is due this month and overdue, for the start page."""

from service.web.roadmap.routes import bp

__all__ = ["bp"]
