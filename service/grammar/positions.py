"""Job titles in the six cases: «учителю начальных классов», «заместителя директора по УВР».

Head-group declension (see :mod:`service.grammar.phrases`): the head noun and its agreeing adjectives
decline, the tail stays as typed; both parts of a hyphenated title decline (педагогу-психологу) except
fixed prefixes (шеф-, вице-); masculine titles take the animate accusative (старшего воспитателя);
substantivised heads decline as adjectives (заведующего, заведующую). A woman holding a masculine title
keeps it (DOMAIN.md §4).

Acting titles: the participle declines and its tail stays («временно исполняющему обязанности
директора», «исполняющей обязанности заведующего»); the abbreviations «и.о.» and «врио» stand for the
whole participle phrase and stay as typed («и.о. директора» in every case).

Staff lists join two posts held by one person with a dash or a comma («заместитель начальника управления
– начальник отдела общего образования», «учитель, классный руководитель»). Each part that names a person
in the nominative is a title of its own and declines («заместителю начальника управления – начальнику
отдела …»); a part in an oblique case continues the tail of the first («учитель физики, информатики» →
«учителю физики, информатики»), as does the second member of «учитель физики и информатики».
"""

import re
from functools import lru_cache

from service.grammar.cases import Case
from service.grammar.phrases import decline_phrase, names_person

# A spaced dash (hyphens without spaces join the parts of one word: педагог-психолог), a comma, or «и».
_JOINT = re.compile(r"\s+[-–—]\s+|\s*,\s*|\s+и\s+", re.IGNORECASE)
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|„[^“]*“")


def _split(title: str) -> list[str]:
    """``title`` cut at the joints outside quotation marks: [part, joint, part, joint, part …]."""
    quoted = [m.span() for m in _QUOTED.finditer(title)]
    pieces, start = [], 0
    for joint in _JOINT.finditer(title):
        if any(a <= joint.start() < b for a, b in quoted):
            continue
        pieces += [title[start:joint.start()], joint.group()]
        start = joint.end()
    return pieces + [title[start:]]


def decline_position(position: str, case: Case) -> str:
    """Decline a job title given in the nominative singular into ``case``; unknown words and
    abbreviations stay as typed. A title of two posts joined by a spaced dash, a comma or «и» declines
    each post that names a person in the nominative (see the module notes). Returns "" for an empty
    title."""
    return _decline_title(position.strip(), case)


@lru_cache(maxsize=16384)
def _decline_title(title: str, case: Case) -> str:
    """:func:`decline_position`, remembered: a document names the same posts again and again."""
    pieces = _split(title)
    out = [decline_phrase(pieces[0], case, animate=True)]
    for joint, part in zip(pieces[1::2], pieces[2::2], strict=True):
        out += [joint, decline_phrase(part, case, animate=True) if names_person(part) else part]
    return "".join(out)
