"""The mentee's questionnaire blank from the registry, as the mentor's
(:mod:`service.documents.sources.questionnaire_mentor`) for the mentee's sets."""

from sqlite_utils import Database

from service.documents.sources.questionnaire_mentor import questionnaire_data


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.questionnaire.MenteeQuestionnaire`."""
    return questionnaire_data(db, organization_id, "mentee", options)
