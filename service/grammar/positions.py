"""Job titles in the six cases: «учителю начальных классов», «заместителя директора по УВР».

Head-group declension (see :mod:`service.grammar.phrases`): the head noun and its agreeing adjectives
decline, the tail stays as typed; both parts of a hyphenated title decline (педагогу-психологу) except
fixed prefixes (шеф-, вице-); masculine titles take the animate accusative (старшего воспитателя);
substantivised heads decline as adjectives (заведующего, заведующую). A woman holding a masculine title
keeps it (DOMAIN.md §4).
"""

from service.grammar.cases import Case
from service.grammar.phrases import decline_phrase


def decline_position(position: str, case: Case) -> str:
    """Decline a job title given in the nominative singular into ``case``; unknown words and
    abbreviations stay as typed. Returns "" for an empty title."""
    return decline_phrase(position.strip(), case, animate=True)
