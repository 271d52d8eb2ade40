"""«Анкеты»: the monitoring questionnaires of mentors and mentees — the question sets and their blanks, the
answers entered by hand or loaded from an online form's export, and their averages by stage."""

from service.web.questionnaires.routes import bp

__all__ = ["bp"]
