"""The contract of the Положение о системе наставничества педагогических работников: the organisation's
local act, laid out after the model Положение that accompanies the methodological recommendations of
Минпросвещения России (письмо от 21.12.2021 № АЗ-1128/08, приложение).

Shape (JSON; see :mod:`service.documents.contracts.base` for the organisation)::

    {"organization": {…}, "approval"?: {"number", "date"}, "council"?: {"number", "date"},
     "curator_position"?: "заместитель директора по учебно-воспитательной работе", "date"?: "YYYY-MM-DD"}

- ``approval``: the head's order approving the Положение, printed in the stamp «УТВЕРЖДЕНО приказом
  директора … от … № …»; without it the organisation's ``regulation`` (the same order as the registry
  keeps it) is taken, and without both the stamp has blanks to fill in by hand («от ________ № ____»).
- ``council``: the protocol of the pedagogical council that adopted it («ПРИНЯТО на заседании
  педагогического совета (протокол от … № …)»), not later than the approval.
- ``curator_position``: who is the curator, in the nominative («заместитель директора по
  учебно-воспитательной работе»); without it the curator is «one of the head's deputies or another
  teacher» of the head's choosing.
- ``date``: the day whose law the Положение states (the acts of ``legal_acts.json`` in force then; Labour
  Code art. 351.8 — written consent, addendum and pay — from 01.03.2025). Default: the approval's date.
  Without an approval it is required (a document must not change its text with the day it is printed),
  and it may not be later than the approval (a Положение cannot cite a law not yet in force when it was
  approved).
"""

import datetime as dt
import re

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.catalogue import STUDENTS, LegalAct, legal_acts
from service.documents.context import Declined, PersonView, capitalised, in_running_text
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    OptionalText,
    OrderNumber,
    RegulationData,
    safe_file_part,
)
from service.documents.contracts.orders import LABOUR_CODE_MENTORING
from service.grammar import dates
from service.grammar.cases import Case
from service.grammar.morph import parses
from service.grammar.organizations import decline_organization
from service.grammar.phrases import decline_phrase
from service.grammar.positions import decline_position


class CouncilData(Contract, title="протокол педагогического совета"):
    number: OrderNumber = Field(title="номер протокола педагогического совета")
    date: IsoDate = Field(title="дата заседания педагогического совета")


class Regulation(Document, title="Положение о системе наставничества педагогических работников"):
    """The Положение: the organisation, the order approving it, the council adopting it, the curator's
    post and the day whose law it states (see the module notes)."""

    approval: RegulationData | None = Field(None, title="приказ об утверждении Положения")
    council: CouncilData | None = Field(None, title="протокол педагогического совета")
    curator_position: OptionalText = Field(None, title="должность куратора",
                                           description="в именительном падеже: заместитель директора по "
                                                       "учебно-воспитательной работе")
    date: IsoDate | None = Field(None, title="дата редакции Положения",
                                 description="на этот день приводятся акты; по умолчанию — дата приказа об "
                                             "утверждении")

    @model_validator(mode="after")
    def _dates(self) -> "Regulation":
        approval = self.approved_by
        if approval is None and self.date is None:
            raise PydanticCustomError(
                "regulation_date", "укажите дату приказа об утверждении Положения или дату его редакции: на "
                "этот день Положение приводит действующие акты", {"field": "date"})
        if approval is not None and self.date is not None and self.date > approval.date:
            raise PydanticCustomError(
                "regulation_date", "дата редакции {day} позже приказа об утверждении от {approved}: Положение не "
                "может ссылаться на акты, которых не было при его утверждении",
                {"day": f"{self.date:%d.%m.%Y}", "approved": f"{approval.date:%d.%m.%Y}", "field": "date"})
        if approval is not None and self.council is not None and self.council.date > approval.date:
            raise PydanticCustomError(
                "council_date", "педагогический совет {council} — позже приказа об утверждении от {approved}: "
                "Положение сначала принимают, затем утверждают",
                {"council": f"{self.council.date:%d.%m.%Y}", "approved": f"{approval.date:%d.%m.%Y}",
                 "field": "council.date"})
        return self

    @property
    def approved_by(self) -> RegulationData | None:
        """The approving order: ``approval``, else the organisation's ``regulation``."""
        return self.approval or self.organization.regulation

    @property
    def day(self) -> dt.date:
        """The day whose law the Положение states."""
        return self.date or self.approved_by.date

    def context(self, template_id: str) -> dict:
        return regulation_context(self)

    def file_stem(self) -> str:
        name = safe_file_part(self.organization.short)
        approval = self.approved_by
        tail = f"_от_{dates.numeric(approval.date)}" if approval else ""
        return f"Положение_о_наставничестве_{name}{tail}"[:150]

    def properties(self) -> DocumentProperties:
        approval = self.approved_by
        subject = "Положение о системе наставничества педагогических работников"
        if approval:
            subject += f", утверждено приказом от {dates.numeric(approval.date)} № {approval.number}"
        return DocumentProperties(self.organization.short, subject, "Положение")




# -- what the template sees ---------------------------------------------------------------------------------

#: Words that show an organisation is a kindergarten: its children are «воспитанники», its lessons «занятия».
KINDERGARTEN = re.compile(r"дошкольн|детск\w*\s+сад|\bд/с\b|\b[МГ]?[БАК]?ДОУ\b", re.IGNORECASE)
#: An acting head's title: «и.о. директора», «врио заведующего», «исполняющий обязанности директора».
_ACTING = re.compile(r"^(?:врио|в\.\s?р\.\s?и\.\s?о\.|и\.\s?о\.|(?:временно\s+)?исполняющ\w*\s+обязанности)"
                     r"\s+(\S+)(.*)$", re.IGNORECASE)


def head_role(position: str) -> str:
    """The head's post as the Положение names the office, in the nominative: «директор»; an acting head's
    «и.о. директора» → «директор», «исполняющий обязанности заведующего» → «заведующий» (the Положение
    outlives the acting head). «руководитель» when the post cannot be told."""
    position = in_running_text(" ".join(position.split()))
    acting = _ACTING.match(position)
    if not acting:
        return position or "руководитель"
    word, tail = acting.groups()
    for parse in parses(word.lower()):
        if parse.tag.case == "gent" and parse.tag.number == "sing" and parse.tag.POS in ("NOUN", "ADJF", "PRTF"):
            nominative = parse.inflect({"nomn"})
            if nominative is not None:
                return nominative.word + tail
    return "руководитель"


def regulation_acts(day: dt.date) -> list[LegalAct]:
    """The acts the Положение cites on ``day``: those of ``legal_acts.json`` naming the template
    «regulation» when any does; until then every act on mentoring teachers that an order of that day
    cites (the students' methodology Р-145 aside — the Положение concerns teachers)."""
    acts = legal_acts()
    if any("regulation" in act.documents for act in acts):
        return [act for act in acts if act.cited_on(day, "regulation", teachers=True, students=False)]
    return [act for act in acts if act.when != STUDENTS
            and any(act.cited_on(day, template, teachers=True, students=False) for template in act.documents)]


def _same_post(a: str, b: str) -> bool:
    return " ".join(a.lower().replace("ё", "е").split()) == " ".join(b.lower().replace("ё", "е").split())


def regulation_context(document: Regulation) -> dict:
    """The template's context: ``org`` (``full_name``, ``short_name``, ``has_short``: a short name of its
    own, introduced by «далее — …»; ``name`` and ``short`` Declined), ``head`` (a
    :class:`~service.documents.context.PersonView`), ``role`` (the head's office, Declined: «директора»)
    and ``role_title`` («Директор»), ``approval`` and ``council`` ({number, date} or None), ``acts`` (the
    lines of item 1.2: «– Федеральным законом …;», the last ending with a full stop), ``labour_code``
    (Labour Code art. 351.8 in force on the day), ``curator`` (the sentence naming who the curator is),
    ``kindergarten``, ``learners`` («обучающихся» / «воспитанников»), ``lessons`` and ``lessons_gent``
    («уроки и занятия» / «занятия»), ``day`` (the day of the law stated, «01.09.2025»)."""
    org = document.organization
    day = document.day
    short = Declined(lambda case: decline_organization(org.short, case), org.short_case_forms)
    head = PersonView(org.head, is_head=True)
    role_text = head_role(org.head.position)
    role = Declined(lambda case: decline_position(role_text, case))
    kindergarten = bool(KINDERGARTEN.search(f"{org.full_name} {org.short_name or ''}"))

    citations = [act.citation() for act in regulation_acts(day)]
    if org.regional_act:
        citations.append(decline_phrase(org.regional_act, Case.INSTRUMENTAL))
    citations.append(f"Уставом {short.gent}")
    acts = [f"– {citation}{'.' if i == len(citations) - 1 else ';'}" for i, citation in enumerate(citations)]

    what = "Функции куратора реализации программ наставничества педагогических работников"
    if document.curator_position and _same_post(head_role(document.curator_position), role_text):
        curator = f"{what} {role_text} исполняет {head.agree('сам', 'сама')} либо возлагает приказом на одного " \
                  "из своих заместителей."
    elif document.curator_position:
        position = in_running_text(document.curator_position)
        curator = f"{what} возлагаются приказом {role.gent} на {decline_position(position, Case.ACCUSATIVE)}."
    else:
        curator = (f"{what} возлагаются приказом {role.gent} на одного из заместителей {role.gent} или на иного "
                   "педагогического работника, имеющего опыт методической работы.")

    approval = document.approved_by
    council = document.council
    return {
        "org": {
            "full_name": org.full_name,
            "short_name": org.short,
            "has_short": bool(org.short_name) and not _same_post(org.short_name, org.full_name),
            "locality": org.locality,
            "name": Declined(lambda case: decline_organization(org.full_name, case), org.forms),
            "short": short,
        },
        "head": head,
        "role": role,
        "role_title": capitalised(role_text),
        "approval": {"number": approval.number, "date": dates.numeric(approval.date)} if approval else None,
        "council": {"number": council.number, "date": dates.numeric(council.date)} if council else None,
        "acts": acts,
        "labour_code": day >= LABOUR_CODE_MENTORING,
        "curator": curator,
        "kindergarten": kindergarten,
        "learners": "воспитанников" if kindergarten else "обучающихся",
        "lessons": "занятия" if kindergarten else "уроки и занятия",
        "lessons_gent": "занятий" if kindergarten else "уроков и занятий",
        "day": dates.numeric(day),
    }
