"""The contract of the consent to personal data processing (согласие на обработку персональных данных),
one document per person and purpose.

- ``purpose`` "processing" — Federal law of 27.07.2006 № 152-ФЗ «О персональных данных», art. 9 part 4:
  the subject's full name, address, identity document (number, date of issue, issuing body); the
  operator's name and address; the purpose; the data; the actions and the ways of processing; the term
  and the way to withdraw; the signature. The purpose here: the mentoring system of the organisation.
- ``purpose`` "publication" — art. 10.1: the consent to the dissemination of data the subject allows
  to be published (on the organisation's website), separate from any other consent, with the content
  the order of Роскомнадзор of 24.02.2021 № 18 requires: the subject's name and contacts, the
  operator's name, address, ИНН and ОГРН, the website, the purpose, the categories and list of the data,
  the subject's conditions and prohibitions (written by hand), the term; dissemination stops within
  three working days of the subject's demand (art. 10.1 parts 12–14).

Shape (JSON; see :mod:`service.documents.contracts.base` for a person and the organisation)::

    {"organization": {…}, "operator_address"?, "operator_inn"?, "operator_ogrn"?, "website"?,
     "person": {person…, "address"?, "contacts"?, "document"?: {"kind"?, "series"?, "number"?,
                "issued_on"?, "issued_by"?}},
     "purpose"?: "processing" | "publication", "date"?}

Whatever is not given (the registry keeps no addresses or passports) is printed as a blank line for
the person to fill in by hand.
"""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.context import Declined, PersonView
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    OptionalText,
    PersonData,
    Text,
    safe_file_part,
)
from service.documents.contracts.programme import BLANK_DATE, organization_view
from service.grammar import dates
from service.grammar.agreement import agree
from service.grammar.organizations import decline_organization

PURPOSES = {"processing": "обработка персональных данных",
            "publication": "распространение персональных данных (публикация на сайте)"}


def _purpose(value: Any) -> Any:
    if value is None:
        return "processing"
    if not isinstance(value, str) or value not in PURPOSES:
        raise PydanticCustomError("purpose", "укажите \"processing\" (обработка персональных данных) или "
                                             "\"publication\" (распространение — публикация на сайте)")
    return value


Purpose = Annotated[Literal["processing", "publication"], BeforeValidator(_purpose)]


class IdentityDocument(Contract, title="документ, удостоверяющий личность"):
    kind: Text = Field("паспорт гражданина Российской Федерации", title="вид документа, удостоверяющего личность")
    series: OptionalText = Field(None, title="серия документа")
    number: OptionalText = Field(None, title="номер документа")
    issued_on: IsoDate | None = Field(None, title="дата выдачи документа")
    issued_by: OptionalText = Field(None, title="кем выдан документ")


class DataSubject(PersonData, title="субъект персональных данных"):
    address: OptionalText = Field(None, title="адрес регистрации")
    contacts: OptionalText = Field(None, title="контактная информация (телефон, адрес электронной почты)")
    document: IdentityDocument | None = Field(None, title="документ, удостоверяющий личность")


class PdConsent(Document, title="согласие на обработку персональных данных"):
    """One person's consent for one purpose: the processing of the data the mentoring system needs, or
    their publication on the organisation's website."""

    operator_address: OptionalText = Field(None, title="адрес оператора (организации)")
    operator_inn: OptionalText = Field(None, title="ИНН оператора")
    operator_ogrn: OptionalText = Field(None, title="ОГРН оператора")
    website: OptionalText = Field(None, title="адрес официального сайта организации")
    person: DataSubject = Field(title="субъект персональных данных")
    purpose: Purpose = Field("processing", title="цель согласия")
    date: IsoDate | None = Field(None, title="дата согласия")

    @model_validator(mode="after")
    def _issued_before(self) -> "PdConsent":
        document = self.person.document
        if document and document.issued_on and self.date and document.issued_on > self.date:
            raise PydanticCustomError(
                "issued_late", "документ выдан {issued} — позже согласия от {day}; проверьте дату",
                {"issued": f"{document.issued_on:%d.%m.%Y}", "day": f"{self.date:%d.%m.%Y}",
                 "field": "person.document.issued_on"})
        return self

    def context(self, template_id: str) -> dict:
        """``org`` (every case), ``operator`` (``address``, ``inn``, ``ogrn``, ``website``), ``person``
        (with every case), ``registered`` («зарегистрированная»), ``address``, ``contacts`` (the contacts,
        else the address), ``document`` (``kind``, ``series``, ``number``, ``issued_on`` ДД.ММ.ГГГГ,
        ``issued_by``), ``publication`` (the consent to dissemination), ``founder`` (the founder the
        monitoring goes to, every case: ``{{ founder.datv }}``; "" when none), ``date`` (numeric, or a
        blank for a hand). A value not given is "": the template prints a blank line in its place."""
        person = self.person
        view = PersonView(person)
        document = person.document or IdentityDocument()
        founder = self.organization.founder
        return {
            "org": organization_view(self.organization),
            "operator": {"address": self.operator_address or "", "inn": self.operator_inn or "",
                         "ogrn": self.operator_ogrn or "", "website": self.website or ""},
            "person": view,
            "registered": agree("зарегистрированный", view.gender),
            "address": person.address or "",
            "contacts": person.contacts or person.address or "",
            "document": {"kind": document.kind, "series": document.series or "", "number": document.number or "",
                         "issued_on": dates.numeric(document.issued_on) if document.issued_on else "",
                         "issued_by": document.issued_by or ""},
            "publication": self.purpose == "publication",
            "founder": Declined(lambda case: decline_organization(founder, case)) if founder else "",
            "date": dates.numeric(self.date) if self.date else BLANK_DATE,
        }

    def file_stem(self) -> str:
        what = "Согласие_на_распространение_ПД" if self.purpose == "publication" else "Согласие_на_обработку_ПД"
        return f"{what}_{safe_file_part(str(PersonView(self.person).short))}"

    def properties(self) -> DocumentProperties:
        what = ("Согласие на распространение персональных данных" if self.purpose == "publication"
                else "Согласие на обработку персональных данных")
        return DocumentProperties(self.organization.short, f"{what}: {PersonView(self.person).short}", "Согласие")

    def person_ids(self) -> list[int]:
        return [self.person.id] if self.person.id is not None else []
