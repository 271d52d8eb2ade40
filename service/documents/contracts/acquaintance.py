"""The contract of the acquaintance sheet («Лист ознакомления с приказом от … № … «…»»): everyone an order
names, but the head who signed it, with a line each to sign and date by hand.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person and the organisation)::

    {"organization": {…}, "order": {"number", "date", "heading"}, "people": [person, …]}

- ``order.heading``: the order's heading as printed, «О закреплении наставнических пар (групп)».
- ``people``: in the order of first mention; the head of the organisation (who signs the order) and a
  person named twice are left out, so at least one other person is needed.
"""

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.context import PersonView, capitalised, same_person
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    OrderNumber,
    PersonData,
    Text,
    safe_file_part,
)
from service.grammar import dates


class SheetOrder(Contract, title="приказ, с которым знакомят"):
    number: OrderNumber = Field(title="номер приказа")
    date: IsoDate = Field(title="дата приказа")
    heading: Text = Field(title="заголовок приказа", description="как он напечатан: «О закреплении наставнических "
                                                                  "пар (групп)»")


class AcquaintanceSheet(Document, title="лист ознакомления с приказом"):
    """The sheet: the order and the people to acquaint with it (see the module notes)."""

    order: SheetOrder = Field(title="приказ, с которым знакомят")
    people: list[PersonData] = Field(title="кого знакомят с приказом", min_length=1, max_length=500)

    @model_validator(mode="after")
    def _someone_but_the_head(self) -> "AcquaintanceSheet":
        if not self.acquainted():
            raise PydanticCustomError(
                "people", "в списке только руководитель, который подписал приказ, — с приказом его не знакомят; "
                "добавьте тех, кого приказ называет", {"field": "people"})
        return self

    def acquainted(self) -> list[PersonData]:
        """The people to sign, each once, the head aside."""
        head = self.organization.head
        found: list[PersonData] = []
        for person in self.people:
            if not same_person(person, head) and not any(same_person(person, other) for other in found):
                found.append(person)
        return found

    def context(self, template_id: str) -> dict:
        """``org`` (``full_name``, ``short_name``), ``order`` (``number``, ``date``, ``date_words``, ``heading``),
        ``title`` («с приказом от 11.01.2024 № 219 «О …»»), ``people``: each a :class:`PersonView` with
        ``index``, ``full`` (ФИО), ``post`` (the position, capitalised, for the table) and ``acquainted``
        («ознакомлен» / «ознакомлена»)."""
        org = self.organization
        people = []
        for index, person in enumerate(self.acquainted(), start=1):
            view = PersonView(person)
            people.append({"index": index, "person": view, "full": str(view.name), "post": capitalised(str(
                view.position)), "acquainted": view.agree("ознакомлен", "ознакомлена")})
        order = self.order
        heading = order.heading.strip("«»\"")
        return {
            "org": {"full_name": org.full_name, "short_name": org.short},
            "order": {"number": order.number, "date": dates.numeric(order.date),
                      "date_words": dates.in_words(order.date), "heading": heading, "iso": order.date.isoformat()},
            "title": f"с приказом от {dates.numeric(order.date)} № {order.number} «{heading}»",
            "people": people,
        }

    def file_stem(self) -> str:
        return f"Лист_ознакомления_с_приказом_{safe_file_part(self.order.number)}_от_{dates.numeric(self.order.date)}"

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Лист ознакомления с приказом от "
                                  f"{dates.numeric(self.order.date)} № {self.order.number}", "Лист ознакомления")

    def person_ids(self) -> list[int]:
        return [p.id for p in self.acquainted() if p.id is not None]
