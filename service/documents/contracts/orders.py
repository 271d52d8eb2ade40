"""The contracts of the orders about mentoring: the curator order and the pairs order.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person, the organisation and a pair)::

    {"organization": {…}, "order": {"number", "date", "effective_date"?},
     "curator": person, "pairs": [pair, …],
     "options"?: {"consent_item"?, "addendum_item"?, "incentive_item"?, "reporting_item"?}}

- ``organization.regional_act``: the region's act on teacher mentoring in the nominative, as it is
  cited; ``organization.regulation``: number and date of the order approving the organisation's
  Положение; preambles then add «утверждённым приказом от … № …».
- ``order.effective_date``: the day the curator takes up the duties (the curator order; the order's
  date when absent).
- ``options`` switches the optional items of the pairs order. Each is on by default where the law
  requires it on the order's date (Labour Code art. 351.8, in force from 01.03.2025 by Federal law of
  09.11.2024 № 381-ФЗ: mentoring only with the employee's written consent, its content, term and form in
  the labour contract or an addendum, and paid): ``consent_item``, ``addendum_item`` and
  ``incentive_item`` from 01.03.2025 unless every pair is of a students' form; ``reporting_item``
  always, since the methodological recommendations of Минпросвещения (письмо от 21.12.2021
  № АЗ-1128/08) make monitoring part of every programme.
"""

import datetime as dt
from typing import NamedTuple

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from service.documents.catalogue import is_student_form
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    OrderHeader,
    PairData,
    PersonData,
    safe_file_part,
)
from service.grammar import dates

#: Labour Code art. 351.8 (Federal law of 09.11.2024 № 381-ФЗ) applies to orders from this day on.
LABOUR_CODE_MENTORING = dt.date(2025, 3, 1)


class Options(NamedTuple):
    """The optional items of the pairs order, each on or off."""

    consent_item: bool
    addendum_item: bool
    incentive_item: bool
    reporting_item: bool

    @classmethod
    def for_date(cls, day: dt.date, chosen: dict[str, bool] | None = None, *, teachers: bool = True) -> "Options":
        """The defaults a school picks for an order of ``day`` (on where the law requires the item on
        that day), overridden by ``chosen``. ``teachers`` False: the order mentors students only, whom
        art. 351.8 (an employee mentoring an employee) does not concern."""
        labour_code = teachers and day >= LABOUR_CODE_MENTORING
        defaults = {"consent_item": labour_code, "addendum_item": labour_code, "incentive_item": labour_code,
                    "reporting_item": True}
        return cls(**(defaults | (chosen or {})))


OPTION_NAMES = Options._fields


class PairsOptions(Contract, title="включаемые пункты приказа"):
    consent_item: bool | None = Field(None, title="пункт о письменных согласиях")
    addendum_item: bool | None = Field(None, title="пункт о дополнительных соглашениях к трудовым договорам")
    incentive_item: bool | None = Field(None, title="пункт о выплате за наставничество")
    reporting_item: bool | None = Field(None, title="пункт об отчётности")


class OrderDocument(Document):
    """An order: the organisation, its number and date, and whoever it names."""

    order: OrderHeader = Field(title="номер и дата приказа")
    curator: PersonData = Field(title="куратор")

    @property
    def number(self) -> str:
        return self.order.number

    @property
    def date(self) -> dt.date:
        return self.order.date

    @property
    def effective_date(self) -> dt.date | None:
        return self.order.effective_date

    def named_pairs(self) -> list[PairData]:
        """The pairs the order names (none but in the pairs order)."""
        return list(getattr(self, "pairs", ()))

    def file_stem(self) -> str:
        return f"Приказ_{safe_file_part(self.number)}_от_{dates.numeric(self.date)}"

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Приказ от {dates.numeric(self.date)} № {self.number}",
                                  "Приказ")

    def resolved_options(self) -> Options:
        return Options.for_date(self.date, teachers=True)

    def context(self, template_id: str) -> dict:
        from service.documents.context import build_context

        return build_context(self, template_id)

    def person_ids(self) -> list[int]:
        people = [self.curator, *(p for pair in self.named_pairs() for p in (pair.mentor, *pair.mentees))]
        head = self.organization.head
        seen = []
        for person in people:
            if person.id is not None and person.id != head.id and person.id not in seen:
                seen.append(person.id)
        return seen

    def pair_ids(self) -> list[int]:
        return [pair.id for pair in self.named_pairs() if pair.id is not None]


class CuratorOrder(OrderDocument, title="приказ о назначении куратора"):
    """«О назначении куратора …»: the curator and the day from which the curator acts."""


class PairsOrder(OrderDocument, title="приказ о закреплении наставнических пар (групп)"):
    """«О закреплении наставнических пар (групп)»: the pairs, each with its form and term, and the
    optional items of :class:`PairsOptions`."""

    pairs: list[PairData] = Field(title="наставнические пары (группы)", min_length=1, max_length=500)
    options: PairsOptions | None = Field(None, title="включаемые пункты приказа")

    @field_validator("pairs")
    @classmethod
    def _consents_before_order(cls, pairs: list[PairData], info: ValidationInfo) -> list[PairData]:
        """An order can only note a consent already given: a later date is a typing error (checked
        whenever the order's date is valid, beside any other error)."""
        day = info.data["order"].date if "order" in info.data else None
        for i, pair in enumerate(pairs):
            for where, person in [("mentor", pair.mentor)] + [(f"mentees[{j}]", m) for j, m in enumerate(pair.mentees)]:
                if day and isinstance(person.consent, dt.date) and person.consent > day:
                    raise PydanticCustomError(
                        "consent_date", "согласие {who} датировано {given} — позже приказа от {day}; проверьте дату",
                        {"who": person.full_name, "given": f"{person.consent:%d.%m.%Y}", "day": f"{day:%d.%m.%Y}",
                         "field": f"{i}.{where}.consent"})
        return pairs

    @property
    def teachers(self) -> bool:
        """Does the order mentor teachers (not students alone)?"""
        return not all(is_student_form(pair.form) for pair in self.pairs)

    def resolved_options(self) -> Options:
        chosen = {k: v for k, v in (self.options.model_dump() if self.options else {}).items() if v is not None}
        return Options.for_date(self.date, chosen, teachers=self.teachers)
