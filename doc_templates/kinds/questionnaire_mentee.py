"""The mentee's questionnaire blank (``questionnaire-mentee``): laid out as the mentor's
(:mod:`doc_templates.kinds.questionnaire_mentor`); the two differ in their data only."""

from doc_templates.kinds.questionnaire_mentor import build

__all__ = ["build"]
