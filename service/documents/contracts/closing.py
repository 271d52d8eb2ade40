"""The contract of the order «О завершении (прекращении) наставничества»: pairs and groups whose mentoring
ends — completed by plan or terminated early — with the day and, for an early end, the reason and whose
initiative; thanks and a bonus to the mentors of completed pairs; the curator sums up the monitoring.

Shape (JSON; see :mod:`service.documents.contracts.base` for a person, the organisation and a pair)::

    {"organization": {…}, "order": {"number", "date"}, "curator": person,
     "pairs": [{…pair…, "status": "completed" | "terminated", "closed_on": "YYYY-MM-DD",
                "reason"?: "…", "initiative"?: "mentor" | "mentee" | "mutual" | "organization",
                "opened_by"?: {"number", "date"}}, …],
     "options"?: {"thanks_item"?, "bonus_item"?, "monitoring_item"?}}

- ``status``: ``completed`` — the programme is carried out and the term is over; ``terminated`` — ended
  early, then ``reason`` (as typed, in the nominative: «длительная болезнь наставника») and
  ``initiative`` are required and ``closed_on`` lies within the term. ``closed_on`` is never before
  the start.
- ``opened_by``: the order that fixed the pair («закреплённой … приказом от 11.01.2024 № 219»).
- ``options``: ``thanks_item`` (on by default) — «Объявить благодарность» to the mentors of completed
  pairs (the head aside); ``bonus_item`` (off by default) — «Премировать … в соответствии с Положением
  об оплате труда»; ``monitoring_item`` (on by default) — the curator sums up the monitoring and reports
  to the head (never printed when the head is the curator: the head does not instruct the head).
"""

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from service.documents.context import (
    MAX_WORDS,
    PersonView,
    _Order,
    _unique,
    agree,
    and_join,
    count_words,
    in_running_text,
    order_context,
)
from service.documents.contracts.base import (
    Contract,
    IsoDate,
    OptionalText,
    OrderNumber,
    PairData,
)
from service.documents.contracts.orders import OrderDocument
from service.grammar import dates
from service.grammar.cases import Case

#: Whose initiative ended a pair early, as the order says it (the mentee's agrees with the mentees).
INITIATIVES = {"mentor": "по инициативе наставника", "mentee": "по инициативе {mentee}",
               "mutual": "по соглашению сторон", "organization": "по инициативе организации"}


class OrderDate(Contract, title="номер и дата приказа"):
    number: OrderNumber = Field(title="номер приказа")
    date: IsoDate = Field(title="дата приказа")

    @property
    def effective_date(self) -> None:
        return None


class OpeningOrder(Contract, title="приказ о закреплении пары (группы)"):
    number: OrderNumber = Field(title="номер приказа о закреплении пары (группы)")
    date: IsoDate = Field(title="дата приказа о закреплении пары (группы)")


class ClosingPair(PairData, title="наставническая пара (группа), наставничество которой завершается"):
    status: Literal["completed", "terminated"] = Field(
        title="итог наставничества", description="completed — завершено по плану, terminated — прекращено досрочно")
    closed_on: IsoDate = Field(title="дата завершения (прекращения) наставничества")
    reason: OptionalText = Field(None, title="причина досрочного прекращения",
                                 description="в именительном падеже, как её пишут: «длительная болезнь наставника»")
    initiative: Literal["mentor", "mentee", "mutual", "organization"] | None = Field(
        None, title="по чьей инициативе прекращено наставничество")
    opened_by: OpeningOrder | None = Field(None, title="приказ о закреплении пары (группы)")

    @model_validator(mode="after")
    def _outcome(self) -> "ClosingPair":
        early = self.status == "terminated"
        what = "прекращения" if early else "завершения"
        if self.closed_on < self.start_date:
            raise PydanticCustomError(
                "closed_on", "{day} — раньше начала наставничества ({start}): проверьте дату {what}",
                {"day": dates.numeric(self.closed_on), "start": dates.numeric(self.start_date), "what": what,
                 "field": "closed_on"})
        if early and self.closed_on > self.end_date:
            raise PydanticCustomError(
                "closed_on", "{day} — позже окончания срока ({end}): пара, дошедшая до конца срока, завершается "
                "(\"status\": \"completed\"), а не прекращается досрочно",
                {"day": dates.numeric(self.closed_on), "end": dates.numeric(self.end_date), "field": "closed_on"})
        if early and not self.reason:
            raise PydanticCustomError("missing", "не заполнено", {"field": "reason"})
        if early and not self.initiative:
            raise PydanticCustomError("missing", "не заполнено", {"field": "initiative"})
        if not early and self.initiative:
            raise PydanticCustomError(
                "initiative", "указывается только при досрочном прекращении (\"status\": \"terminated\") — "
                "уберите её", {"field": "initiative"})
        if self.opened_by and self.opened_by.date > self.closed_on:
            raise PydanticCustomError(
                "opened_by", "приказ о закреплении от {opened} позже даты {what} {day}: проверьте даты",
                {"opened": dates.numeric(self.opened_by.date), "what": what, "day": dates.numeric(self.closed_on),
                 "field": "opened_by.date"})
        return self


class ClosingOptions(Contract, title="включаемые пункты приказа"):
    thanks_item: bool | None = Field(None, title="пункт о благодарности наставникам")
    bonus_item: bool | None = Field(None, title="пункт о премировании наставников")
    monitoring_item: bool | None = Field(None, title="пункт об итогах мониторинга")


class ClosingOrder(OrderDocument, title="приказ о завершении (прекращении) наставничества"):
    """«О завершении (прекращении) наставничества»: the pairs whose mentoring ends, each with its
    outcome, and the optional items of :class:`ClosingOptions`."""

    order: OrderDate = Field(title="номер и дата приказа")
    pairs: list[ClosingPair] = Field(title="наставнические пары (группы)", min_length=1, max_length=500)
    options: ClosingOptions | None = Field(None, title="включаемые пункты приказа")

    @field_validator("pairs")
    @classmethod
    def _opened_before_order(cls, pairs: list[ClosingPair], info: ValidationInfo) -> list[ClosingPair]:
        """A pair is fixed by an order before the order ending it."""
        day = info.data["order"].date if "order" in info.data else None
        for i, pair in enumerate(pairs):
            if day and pair.opened_by and pair.opened_by.date > day:
                raise PydanticCustomError(
                    "opened_by", "приказ о закреплении от {opened} позже настоящего приказа от {day}: проверьте дату",
                    {"opened": dates.numeric(pair.opened_by.date), "day": dates.numeric(day),
                     "field": f"{i}.opened_by.date"})
        return pairs

    def item_options(self) -> dict[str, bool]:
        chosen = {k: v for k, v in (self.options.model_dump() if self.options else {}).items() if v is not None}
        return {"thanks_item": True, "bonus_item": False, "monitoring_item": True} | chosen

    def context(self, template_id: str) -> dict:
        return _Closing(self).context(template_id)


# -- what the template sees --------------------------------------------------------------------------------


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _who(view: PersonView, case: str, full: bool) -> str:
    """Position and full name («учителя-логопеда Шевчук Анны Сергеевны») or, ``full`` False, position and
    initials («учителя-логопеда Шевчук А.С.»), in ``case``."""
    return view.titled[case] if full else f"{view.position[case]} {view.short[case]}"


def _ended(text: str, last: bool) -> str:
    if not last:
        return f"{text};"
    return text if text.endswith(".") else f"{text}."


class _Closing(_Order):
    """The closing order's parts: the pairs with their outcomes, the items, numbered as printed."""

    def __init__(self, request: ClosingOrder):
        super().__init__(request)
        for view, pair in zip(self.pairs, request.pairs, strict=True):
            view.update(self._outcome(view, pair))
        self.completed = [p for p in self.pairs if p["status"] == "completed"]
        self.terminated = [p for p in self.pairs if p["status"] == "terminated"]
        # The head thanks and rewards nobody in his own person: the mentors of completed pairs but the head.
        self.thanked = [m for m in _unique(p["mentor"] for p in self.completed) if not m.is_head]
        self.options = request.item_options()

    @staticmethod
    def _outcome(view: dict, pair: ClosingPair) -> dict:
        mentees = view["mentees"]
        group = len(mentees) > 1
        initiative = ""
        if pair.initiative:
            mentee = (agree("наставляемый", None, Case.GENITIVE, plural=True) if group
                      else agree("наставляемый", mentees[0].gender, Case.GENITIVE))
            initiative = INITIATIVES[pair.initiative].format(mentee=mentee)
        reason = in_running_text(pair.reason or "").rstrip(". ")
        opened = (f" приказом от {dates.numeric(pair.opened_by.date)} № {pair.opened_by.number}"
                  if pair.opened_by else "")
        closed = dates.in_words(pair.closed_on)
        outcome = (f"завершено {closed}" if pair.status == "completed"
                   else f"прекращено досрочно с {closed} {initiative}; причина — {reason}")
        return {"status": pair.status, "closed_on": dates.numeric(pair.closed_on), "closed_words": closed,
                "closed_iso": pair.closed_on.isoformat(), "initiative": initiative, "reason": reason,
                "opened": opened, "outcome": outcome}

    # -- the preamble's purpose (the acts and the Положение come from _Order.preamble) --------------------

    def _purpose(self, template_id: str, teachers: bool, students: bool) -> str:
        """«в целях подведения итогов наставничества педагогических работников в …» when a pair is completed,
        else (early ends only) «в целях организации работы системы наставничества …»."""
        whom = {(True, False): " педагогических работников", (False, True): " обучающихся"}.get(
            (teachers, students), "")
        if self.completed:
            return f"в целях подведения итогов наставничества{whom} в {self.loct}"
        return f"в целях организации работы системы наставничества{whom} в {self.loct}"

    # -- items ---------------------------------------------------------------------------------------

    @staticmethod
    def _fixed(pair: dict, full: bool) -> str:
        """«учителя-логопеда Шевчук Анны Сергеевны, закреплённой за наставником — учителем … Черных Ольгой
        Ильиничной приказом от … № …» (for a group: «наставляемых, закреплённых за наставником — …
        (наставническая группа)»), the mentees in the genitive after «в отношении»."""
        mentees = pair["mentees"]
        mentor = f"за наставником — {_who(pair['mentor'], 'ablt', full)}{pair['opened']}"
        if len(mentees) > 1:
            return f"наставляемых, закреплённых {mentor} (наставническая группа)"
        mentee = mentees[0]
        return f"{_who(mentee, 'gent', full)}, {agree('закреплённый', mentee.gender, Case.GENITIVE)} {mentor}"

    @staticmethod
    def _members(number: str, pair: dict, last: bool) -> list[str]:
        mentees = pair["mentees"]
        return [_ended(f"{number}{j}. {m.titled.gent}", last and j == len(mentees))
                for j, m in enumerate(mentees, start=1)]

    @staticmethod
    def _fitting(sentence) -> str:
        """``sentence(True)`` (full names) while it keeps within :data:`MAX_WORDS`, else with initials."""
        text = sentence(True)
        return text if count_words(text) <= MAX_WORDS else sentence(False)

    def _completed(self, n: int) -> list[str]:
        pairs = self.completed
        programmes = _plural(sum(len(p["mentees"]) for p in pairs), "персонализированной программы наставничества",
                             "персонализированных программ наставничества")
        one_day = len({p["closed_on"] for p in pairs}) == 1
        day = f" {pairs[0]['closed_words']}" if one_day else ""
        if len(pairs) == 1:
            pair = pairs[0]
            head = self._fitting(lambda full: f"{n}. Завершить{day} наставничество в отношении "
                                              f"{self._fixed(pair, full)}, в связи с выполнением {programmes}")
            if len(pair["mentees"]) == 1:
                return [_ended(head, True)]
            return [f"{head}:"] + self._members(f"{n}.", pair, last=True)
        lines = [f"{n}. Завершить{day} наставничество в связи с выполнением {programmes}:"]
        for i, pair in enumerate(pairs, start=1):
            last = i == len(pairs)
            when = "" if one_day else f"{pair['closed_words']} "
            text = self._fitting(lambda full, pair=pair, when=when, i=i:
                                 f"{n}.{i}. {when}в отношении {self._fixed(pair, full)}")
            if len(pair["mentees"]) == 1:
                lines.append(_ended(text, last))
            else:
                lines += [f"{text}:"] + self._members(f"{n}.{i}.", pair, last)
        return lines

    @staticmethod
    def _ground(pair: dict) -> str:
        return f"{pair['initiative']} (причина — {pair['reason']})"

    def _terminated(self, n: int) -> list[str]:
        pairs = self.terminated
        if len(pairs) == 1:
            pair = pairs[0]
            head = self._fitting(lambda full: f"{n}. Прекратить досрочно с {pair['closed_words']} наставничество в "
                                              f"отношении {self._fixed(pair, full)}, {self._ground(pair)}")
            if len(pair["mentees"]) == 1:
                return [_ended(head, True)]
            return [f"{head}:"] + self._members(f"{n}.", pair, last=True)
        lines = [f"{n}. Прекратить досрочно наставничество:"]
        for i, pair in enumerate(pairs, start=1):
            last = i == len(pairs)
            text = self._fitting(lambda full, pair=pair, i=i: f"{n}.{i}. с {pair['closed_words']} в отношении "
                                                              f"{self._fixed(pair, full)}, {self._ground(pair)}")
            if len(pair["mentees"]) == 1:
                lines.append(_ended(text, last))
            else:
                lines += [f"{text}:"] + self._members(f"{n}.{i}.", pair, last)
        return lines

    def _programmes_of_thanked(self) -> str:
        count = sum(len(p["mentees"]) for p in self.completed if not p["mentor"].is_head)
        return _plural(count, "персонализированной программы наставничества",
                       "персонализированных программ наставничества")

    def _thanks(self, n: int) -> list[str]:
        mentors, why = self.thanked, f"за успешную реализацию {self._programmes_of_thanked()}"
        if len(mentors) <= 2:
            names = and_join(_who(m, "datv", False) for m in mentors)
            return [f"{n}. Объявить благодарность {names} {why}."]
        return [f"{n}. Объявить благодарность {why}:"] + [
            _ended(f"{n}.{i}. {_who(m, 'datv', False)}", i == len(mentors)) for i, m in enumerate(mentors, start=1)]

    def _bonus(self, n: int, thanks: int | None) -> list[str]:
        mentors = self.thanked
        pay = f"в соответствии с Положением об оплате труда работников {self.org_short.gent}"
        if thanks and len(mentors) > 1:
            return [f"{n}. Премировать наставников, указанных в пункте {thanks} настоящего приказа, {pay}."]
        why = "" if thanks else f" за успешную реализацию {self._programmes_of_thanked()}"
        if len(mentors) <= 2:
            return [f"{n}. Премировать {and_join(_who(m, 'accs', False) for m in mentors)}{why} {pay}."]
        return [f"{n}. Премировать{why} {pay}:"] + [
            _ended(f"{n}.{i}. {_who(m, 'accs', False)}", i == len(mentors)) for i, m in enumerate(mentors, start=1)]

    def _monitoring(self, n: int) -> str:
        mentors = self.working_mentors
        programmes = _plural(len(self.mentees), "программы", "программ")
        reports = (f"{_plural(len(mentors), 'итоговый отчёт наставника', 'итоговые отчёты наставников')} и "
                   if mentors else "")
        return (f"{n}. Куратору {self.curator.short.datv} в течение десяти рабочих дней со дня издания настоящего "
                f"приказа обобщить {reports}результаты анкетирования участников наставничества и представить "
                f"{self.head.position.datv} аналитическую справку о результатах реализации {programmes} "
                "наставничества.")

    def items(self) -> list[str]:
        """Every paragraph of the order after «ПРИКАЗЫВАЮ:», numbered as printed."""
        lines: list[str] = []
        n = 1
        if self.completed:
            lines += self._completed(n)
            n += 1
        if self.terminated:
            lines += self._terminated(n)
            n += 1
        thanks = None
        if self.options["thanks_item"] and self.thanked:
            thanks = n
            lines += self._thanks(n)
            n += 1
        if self.options["bonus_item"] and self.thanked:
            lines += self._bonus(n, thanks)
            n += 1
        if self.options["monitoring_item"] and not self.head_is_curator:
            lines.append(self._monitoring(n))
            n += 1
        lines.append(f"{n}. {self.control()}")
        return lines

    def context(self, template_id: str) -> dict:
        """The template's context: the keys of :func:`order_context`, ``pairs`` (each with ``status``,
        ``closed_on``, ``outcome``, ``initiative``, ``reason``), ``completed`` and ``terminated`` (the
        pairs of each outcome), ``thanked`` (mentors thanked), ``preamble``, ``items`` (the paragraphs
        after «ПРИКАЗЫВАЮ:» but the last two) and ``closing`` (the last two, printed with the
        signature), ``control``, ``units_gent``."""
        lines = self.items()
        return order_context(self, self.request) | {
            "pairs": self.pairs,
            "completed": self.completed,
            "terminated": self.terminated,
            "mentors": self.mentors,
            "thanked": self.thanked if self.options["thanks_item"] else [],
            "preamble": self.preamble(template_id),
            "items": lines[:-2],
            "closing": lines[-2:],
            "control": self.control(),
            "units_gent": self.units(Case.GENITIVE),
        }
