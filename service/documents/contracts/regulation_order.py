"""The contract of the order «Об утверждении Положения о системе наставничества педагогических работников и
дорожной карты»: on the decision of the pedagogical council, the head approves the Положение
(приложение № 1) and the roadmap for the academic year (приложение № 2), puts them into effect, has them
published on the organisation's website and, optionally, names the curator who carries them out.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person and the organisation)::

    {"organization": {…}, "order": {"number", "date"}, "council": {"number", "date"},
     "academic_year": 2025, "effective_date"?: "YYYY-MM-DD", "curator"?: person,
     "options"?: {"appoint_curator"?: false}}

- ``council``: the protocol of the pedagogical council that adopted the Положение (not later than the
  order).
- ``academic_year``: the first year of the roadmap's academic year, 2025 → «2025/2026 учебный год»;
  the year of the order's date or the next one.
- ``effective_date``: the day the Положение and the roadmap take effect (not before the order); without
  it, from the day of the order.
- ``curator``: with one, the curator is told to publish the documents, acquaint the teachers with the
  Положение and carry out the roadmap, and controls the order; without one (or when the curator is the
  head) the items are impersonal and the head keeps the control («оставляю за собой»).
  ``options.appoint_curator``: the order also appoints the curator («Назначить куратором …»).
- ``organization.regulation``: a Положение approved by an earlier order is repealed from the same day.
"""

import datetime as dt
import re

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from service.documents.catalogue import cited_acts
from service.documents.context import MAX_WORDS, _Order, count_words, order_context
from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    OrderNumber,
    PersonData,
    safe_file_part,
)
from service.documents.contracts.closing import OrderDate
from service.grammar import dates
from service.grammar.cases import Case
from service.grammar.phrases import decline_phrase


class CouncilProtocol(Contract, title="протокол педагогического совета"):
    number: OrderNumber = Field(title="номер протокола педагогического совета")
    date: IsoDate = Field(title="дата протокола педагогического совета")


class RegulationOrderOptions(Contract, title="включаемые пункты приказа"):
    appoint_curator: bool | None = Field(None, title="пункт о назначении куратора")


def academic_year_of(day: dt.date) -> int:
    """The first year of the academic year (1 September – 31 August) holding ``day``."""
    return day.year if day.month >= 9 else day.year - 1


class RegulationOrder(Document, title="приказ об утверждении Положения о системе наставничества и дорожной карты"):
    """See the module notes."""

    order: OrderDate = Field(title="номер и дата приказа")
    council: CouncilProtocol = Field(title="протокол педагогического совета")
    academic_year: int = Field(title="учебный год дорожной карты (первый год: 2025 — 2025/2026)", ge=2000, le=2099)
    effective_date: IsoDate | None = Field(None, title="дата введения Положения и дорожной карты в действие")
    curator: PersonData | None = Field(None, title="куратор")
    options: RegulationOrderOptions | None = Field(None, title="включаемые пункты приказа")

    @model_validator(mode="after")
    def _dates(self) -> "RegulationOrder":
        day = self.order.date
        if self.council.date > day:
            raise PydanticCustomError(
                "council_date", "{council} — позже приказа от {day}: педагогический совет принимает Положение до "
                "приказа; проверьте дату", {"council": dates.numeric(self.council.date), "day": dates.numeric(day),
                                            "field": "council.date"})
        if self.effective_date and self.effective_date < day:
            raise PydanticCustomError(
                "effective_date", "{effective} — раньше приказа от {day}: Положение вводится в действие не раньше "
                "дня приказа", {"effective": dates.numeric(self.effective_date), "day": dates.numeric(day),
                                "field": "effective_date"})
        current = academic_year_of(day)
        if self.academic_year not in (current, current + 1):
            raise PydanticCustomError(
                "academic_year", "{year}/{next} учебный год не подходит к приказу от {day}: укажите {current} "
                "({current}/{current_next}) или {later} ({later}/{later_next})",
                {"year": self.academic_year, "next": self.academic_year + 1, "day": dates.numeric(day),
                 "current": current, "current_next": current + 1, "later": current + 1, "later_next": current + 2,
                 "field": "academic_year"})
        return self

    @property
    def number(self) -> str:
        return self.order.number

    @property
    def date(self) -> dt.date:
        return self.order.date

    def named_pairs(self) -> list:
        return []

    @property
    def appoint_curator(self) -> bool:
        return bool(self.curator and self.options and self.options.appoint_curator)

    def context(self, template_id: str) -> dict:
        return _RegulationOrder(self).context(template_id)

    def file_stem(self) -> str:
        return f"Приказ_{safe_file_part(self.number)}_от_{dates.numeric(self.date)}"

    def properties(self) -> DocumentProperties:
        return DocumentProperties(self.organization.short, f"Приказ от {dates.numeric(self.date)} № {self.number}",
                                  "Приказ")

    def person_ids(self) -> list[int]:
        curator, head = self.curator, self.organization.head
        if curator is None or curator.id is None or curator.id == head.id:
            return []
        return [curator.id]


class _RegulationOrder(_Order):
    """The parts of the regulation order."""

    request: RegulationOrder

    @property
    def instructs_curator(self) -> bool:
        """Is there a curator other than the head to instruct?"""
        return self.curator is not None and not self.head_is_curator

    def effective(self) -> str:
        """«с 1 сентября 2025 г.», or «со дня издания настоящего приказа» (no date, or the order's own)."""
        day = self.request.effective_date
        if day is None or day == self.request.date:
            return "со дня издания настоящего приказа"
        return f"с {dates.in_words(day)}"

    def regulation_title(self, case: str = "nomn") -> str:
        word = {"nomn": "Положение", "accs": "Положение", "gent": "Положения", "ablt": "Положением"}[case]
        return f"{word} о системе наставничества педагогических работников в {self.loct}"

    def year(self) -> str:
        start = self.request.academic_year
        return f"{start}/{start + 1} учебный год"

    def preamble(self, template_id: str) -> list[str]:
        """The acts in force on the order's date that ``template_id`` cites (``legal_acts.json``), the
        regional act, the pedagogical council's decision, the purpose; one paragraph while it keeps within
        :data:`MAX_WORDS`, else «В соответствии с:» and an act a line."""
        request = self.request
        citations = [act.citation() for act in cited_acts(template_id, request.date, teachers=True, students=False)]
        if request.organization.regional_act:
            citations.append(decline_phrase(request.organization.regional_act, Case.INSTRUMENTAL))
        council = request.council
        basis = (f"на основании решения педагогического совета (протокол от {dates.numeric(council.date)} "
                 f"№ {council.number})")
        purpose = f"в целях внедрения системы (целевой модели) наставничества педагогических работников в {self.loct}"
        if not citations:
            return [f"{basis[:1].upper()}{basis[1:]}, {purpose}"]
        opening = "В соответствии " + ("со" if re.match(r"[сзшжщ][^аеёиоуыэюя]", citations[0]) else "с")
        single = f"{opening} {', '.join(citations)}, {basis}, {purpose}"
        if count_words(single) <= MAX_WORDS:
            return [single]
        return [f"{opening}:"] + [f"– {c};" for c in citations[:-1]] + [f"– {citations[-1]},", f"{basis}, {purpose}"]

    def items(self) -> list[str]:
        """Every paragraph after «ПРИКАЗЫВАЮ:», numbered as printed."""
        request, org = self.request, self.request.organization
        lines = [f"1. Утвердить и ввести в действие {self.effective()}:",
                 f"1.1. {self.regulation_title()} (приложение № 1);",
                 f"1.2. дорожную карту (план мероприятий) по реализации {self.regulation_title('gent')} на "
                 f"{self.year()} (приложение № 2)."]
        n = 2
        earlier = org.regulation
        if earlier and earlier.date < request.date:
            lines.append(f"{n}. Признать утратившим силу {self.effective()} Положение о системе наставничества "
                         f"педагогических работников, утверждённое приказом от {dates.numeric(earlier.date)} "
                         f"№ {earlier.number}.")
            n += 1
        if request.appoint_curator:
            what = f"куратора реализации программ наставничества педагогических работников в {self.loct}"
            if self.head_is_curator:
                lines.append(f"{n}. Обязанности {what} {self.effective()} возлагаю на себя.")
            else:
                lines.append(f"{n}. Назначить {self.effective()} куратором реализации программ наставничества "
                             f"педагогических работников в {self.loct} {self.curator.titled.accs}.")
            n += 1
        website = (f"на официальном сайте {self.org_short.gent} в информационно-телекоммуникационной сети «Интернет» "
                   "в течение десяти рабочих дней со дня издания настоящего приказа")
        if self.instructs_curator:
            lines += [f"{n}. Куратору {self.curator.short.datv}:",
                      f"{n}.1. обеспечить размещение Положения и дорожной карты {website};",
                      f"{n}.2. ознакомить педагогических работников с Положением под подпись;",
                      f"{n}.3. организовать выполнение мероприятий дорожной карты в установленные сроки."]
            n += 1
        else:
            lines.append(f"{n}. Разместить Положение и дорожную карту {website}.")
            n += 1
            lines.append(f"{n}. Ознакомить педагогических работников {self.org_short.gent} с Положением под подпись.")
            n += 1
        lines.append(f"{n}. {self.control()}")
        return lines

    def control(self) -> str:
        if self.instructs_curator:
            return super().control()
        return "Контроль за исполнением приказа оставляю за собой."

    def context(self, template_id: str) -> dict:
        """The keys of :func:`~service.documents.context.order_context`, ``preamble``,
        ``items`` (the paragraphs after «ПРИКАЗЫВАЮ:» but the last two), ``closing`` (the last two, printed
        with the signature), ``control``, ``regulation_title`` («Положение о системе наставничества
        педагогических работников в МБОУ Палагайской СОШ»), ``academic_year`` («2025/2026 учебный год»),
        ``council`` (``number``, ``date``), ``effective`` («с 1 сентября 2025 г.»)."""
        lines = self.items()
        council = self.request.council
        return order_context(self, self.request) | {
            "preamble": self.preamble(template_id),
            "items": lines[:-2],
            "closing": lines[-2:],
            "control": self.control(),
            "regulation_title": self.regulation_title(),
            "academic_year": self.year(),
            "council": {"number": council.number, "date": dates.numeric(council.date)},
            "effective": self.effective(),
        }
