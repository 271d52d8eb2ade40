"""The contract of the employee's consent to mentoring (согласие работника на осуществление наставничества)
and of the addendum to the labour contract that fixes it (дополнительное соглашение к трудовому договору).

Labour Code art. 351.8 (added by Federal law of 09.11.2024 № 381-ФЗ, in force from 01.03.2025): an
employee mentors another employee by the employer's instruction only with his or her written consent; the
content, term and form of the mentoring work go into the labour contract or an addendum to it; the work is
paid; either side may end it early with three working days' written notice.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person and the organisation)::

    {"organization": {…}, "mentor": person, "mentees": [person, …], "form", "start_date", "end_date",
     "content", "pay", "variant"?: "consent" | "addendum", "contract"?: {"number", "date"},
     "number"?, "authority"?, "date"?}

- ``variant``: ``"consent"`` (default) — the mentor's written consent addressed to the head;
  ``"addendum"`` — the addendum between the organisation, in the person of its head, and the mentor,
  which then needs ``contract`` (the labour contract's number and date) and may have its own
  ``number``.
- ``content``: what the mentoring work consists of (paragraphs); ``pay``: the amount or the way the
  pay is set («в размере и порядке, установленных Положением об оплате труда работников …»).
- ``authority``: what the head acts under, in the genitive («устава», «приказа от 01.09.2025 № 12»);
  «устава» when absent.
- ``date``: the day of signing; absent, the document keeps «"___" ____________ 20___ г.» for a hand.
  Article 351.8 is cited, and the right to end the work early stated, when the document's day (else
  the first day of mentoring) is 01.03.2025 or later.
"""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.context import (
    PersonView,
    and_join,
    capitalised,
    count_words,
    in_running_text,
    same_person,
)
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    LongText,
    OptionalText,
    PersonData,
    Text,
    safe_file_part,
)
from service.documents.contracts.orders import LABOUR_CODE_MENTORING
from service.documents.contracts.programme import (
    BLANK_DATE,
    closed,
    mentee_word,
    organization_view,
    paragraphs,
    signature_in,
    without_head,
)
from service.grammar import dates
from service.grammar.agreement import agree
from service.grammar.cases import Case

#: The longest sentence naming the mentees inline (DOMAIN.md §3: no sentence of more than ~60 words), and
#: the most mentees named inline; more are listed one a line.
MAX_WORDS = 60
MAX_INLINE = 2
VARIANTS = {"consent": "согласие работника", "addendum": "дополнительное соглашение к трудовому договору"}


def _variant(value: Any) -> Any:
    if value is None:
        return "consent"
    if not isinstance(value, str) or value not in VARIANTS:
        raise PydanticCustomError("variant", "укажите \"consent\" (согласие работника) или \"addendum\" "
                                             "(дополнительное соглашение к трудовому договору)")
    return value


Variant = Annotated[Literal["consent", "addendum"], BeforeValidator(_variant)]


class LabourContract(Contract, title="трудовой договор"):
    number: Text = Field(title="номер трудового договора")
    date: IsoDate = Field(title="дата трудового договора")


class MentorConsent(Document, title="согласие работника на осуществление наставничества"):
    """The mentor's written consent to mentor the mentees (``variant`` "consent"), or the addendum to the
    mentor's labour contract that fixes the same terms (``variant`` "addendum")."""

    mentor: PersonData = Field(title="наставник")
    mentees: list[PersonData] = Field(title="наставляемые", min_length=1, max_length=200)
    form: Text = Field(title="форма наставничества")
    start_date: IsoDate = Field(title="дата начала наставничества")
    end_date: IsoDate = Field(title="дата окончания наставничества")
    content: LongText = Field(title="содержание работы по наставничеству")
    pay: Text = Field(title="размер и порядок выплаты за наставничество")
    variant: Variant = Field("consent", title="вид документа")
    contract: LabourContract | None = Field(None, title="трудовой договор наставника")
    number: OptionalText = Field(None, title="номер дополнительного соглашения")
    authority: OptionalText = Field(None, title="основание полномочий руководителя",
                                    description="в родительном падеже: «устава», «приказа от 01.09.2025 № 12»")
    date: IsoDate | None = Field(None, title="дата документа")

    @model_validator(mode="after")
    def _consistent(self) -> "MentorConsent":
        if self.end_date < self.start_date:
            raise PydanticCustomError("term", "дата окончания раньше даты начала: проверьте срок наставничества",
                                      {"field": "end_date"})
        head = self.organization.head
        if same_person(self.mentor, head):
            raise PydanticCustomError(
                "mentor_is_head", "наставник — сам руководитель организации: его согласие и дополнительное "
                "соглашение к трудовому договору оформляет учредитель, а не этот документ", {"field": "mentor"})
        for i, mentee in enumerate(self.mentees):
            if same_person(mentee, self.mentor):
                raise PydanticCustomError("mentee_is_mentor", "наставляемый совпадает с наставником",
                                          {"field": f"mentees[{i}]"})
        if self.variant == "addendum" and self.contract is None:
            raise PydanticCustomError(
                "contract_required", "для дополнительного соглашения укажите номер и дату трудового договора "
                "наставника: {\"number\": …, \"date\": \"ГГГГ-ММ-ДД\"}", {"field": "contract"})
        if self.contract and self.date and self.contract.date > self.date:
            raise PydanticCustomError(
                "contract_date", "трудовой договор датирован {contract} — позже документа от {day}; проверьте дату",
                {"contract": f"{self.contract.date:%d.%m.%Y}", "day": f"{self.date:%d.%m.%Y}",
                 "field": "contract.date"})
        return self

    @property
    def labour_code(self) -> bool:
        """Is art. 351.8 in force on the document's day (else the first day of mentoring)?"""
        return (self.date or self.start_date) >= LABOUR_CODE_MENTORING

    def _mentees_phrase(self, mentees: list[PersonView], intro: str) -> tuple[str, bool]:
        """(the mentees as «в отношении …» names them, whether an item of their own lists them)."""
        named = f"{mentee_word(mentees, Case.GENITIVE)} — {and_join(m.titled.gent for m in mentees)}"
        if len(mentees) <= MAX_INLINE and count_words(intro.format(mentees=named)) <= MAX_WORDS:
            return named, False
        return f"{mentee_word(mentees, Case.GENITIVE)}, указанных в пункте 1,", True

    def context(self, template_id: str) -> dict:
        """``org``, ``head`` and ``mentor`` (people with every case), ``head_title`` («Директор»),
        ``addressee`` (``position`` «Директору МБОУ Палагайской СОШ», ``name`` «А.А. Ведерникову»),
        ``sender`` (``position`` «учителя начальных классов», ``name`` «Черных Ольги Ильиничны»),
        ``mentees``, ``mentee_label`` («Наставляемая»), ``mentees_phrase`` («наставляемой — учителя-логопеда
        Шевчук Анны Сергеевны», or «наставляемых, указанных в пункте 1,» when ``mentees_item`` lists them),
        ``mentee_gent`` («наставляемых»), ``party`` (the organisation's full name, its short one and «далее —
        Работодатель» in brackets),
        ``n`` (the numbers of the items: ``mentees``, ``content``, ``term``, ``form``, ``pay``), ``content``
        (paragraphs, the last closed), ``pay``, ``form``, ``period``, ``labour_code`` (art. 351.8 cited),
        ``is_addendum``, ``contract`` (``number``, ``date``), ``number`` (the addendum's or a blank),
        ``in_person`` («директора Ведерникова Алексея Андреевича»), ``acting`` («действующего»),
        ``authority`` («устава»), ``date`` (numeric or a blank), ``date_words``, ``received``
        («получила»)."""
        org = organization_view(self.organization)
        head = PersonView(self.organization.head, is_head=True)
        mentor = PersonView(self.mentor)
        mentees = [PersonView(m) for m in self.mentees]
        intro = (f"Я, {mentor.name}, {mentor.position}, в соответствии со статьёй 351.8 Трудового кодекса "
                 "Российской Федерации даю согласие на осуществление наставничества в отношении {mentees} на "
                 "следующих условиях:")
        phrase, listed = self._mentees_phrase(mentees, intro)
        items = (["mentees"] if listed else []) + ["content", "term", "form", "pay"]
        content = paragraphs(self.content)
        content[0] = in_running_text(content[0])  # after «Содержание работы по наставничеству:»
        content[-1] = closed(content[-1])
        addendum = self.variant == "addendum"
        return {
            "org": org,
            "head": head,
            "head_title": capitalised(self.organization.head.position),
            "party": org["full_name"] + (f" ({org['short_name']}; далее — Работодатель)"
                                         if org["short_name"] != org["full_name"] else " (далее — Работодатель)"),
            "addressee": {"position": f"{capitalised(head.position.datv)} {org['short'].gent}",
                          "name": signature_in(self.organization.head, Case.DATIVE)},
            "sender": {"position": mentor.position.gent, "name": mentor.name.gent},
            "mentor": mentor,
            "mentees": mentees,
            "mentee_label": mentee_word(mentees, capital=True),
            "mentees_phrase": phrase,
            "mentees_item": listed,
            "mentee_gent": mentee_word(mentees, Case.GENITIVE),
            "n": {key: number for number, key in enumerate(items, start=1)},
            "content": content,
            "pay": closed(self.pay),
            "form": self.form,
            "period": dates.period(self.start_date, self.end_date),
            "labour_code": self.labour_code,
            "is_addendum": addendum,
            "contract": {"number": self.contract.number if self.contract else "________",
                         "date": dates.numeric(self.contract.date) if self.contract else "____________"},
            "number": self.number or "____",
            "in_person": f"{head.position.gent} {head.name.gent}",
            "acting": agree("действующий", head.gender, Case.GENITIVE),
            "authority": self.authority or "устава",
            "date": dates.numeric(self.date) if self.date else BLANK_DATE,
            "date_words": dates.in_words(self.date) if self.date else BLANK_DATE,
            "received": mentor.agree("получил", "получила"),
        }

    def file_stem(self) -> str:
        what = "Доп_соглашение_о_наставничестве" if self.variant == "addendum" else "Согласие_на_наставничество"
        return f"{what}_{safe_file_part(str(PersonView(self.mentor).short))}"

    def properties(self) -> DocumentProperties:
        short = PersonView(self.mentor).short
        if self.variant == "addendum":
            number = f" № {self.number}" if self.number else ""
            return DocumentProperties(self.organization.short,
                                      f"Дополнительное соглашение{number} к трудовому договору: {short}",
                                      "Дополнительное соглашение")
        return DocumentProperties(self.organization.short, f"Согласие на осуществление наставничества: {short}",
                                  "Согласие")

    def person_ids(self) -> list[int]:
        return without_head([self.mentor, *self.mentees], self.organization.head)

