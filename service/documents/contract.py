"""The one data contract for every order template, shared by the CLI, the API and the web form.

Shape (JSON; dates ISO ``YYYY-MM-DD``; ``?`` marks an optional field)::

    {"organization": {"full_name", "short_name"?, "locality", "founder"?,
                      "head": {"full_name", "position"},
                      "regional_act"?, "regulation"?: {"number", "date"}},
     "order": {"number", "date", "effective_date"?},
     "curator": {"full_name", "position"},
     "pairs": [{"mentor": {...}, "mentees": [{...}, ...], "form", "start_date", "end_date"}],
     "options"?: {"consent_item"?, "addendum_item"?, "incentive_item"?, "reporting_item"?}}

- Any person may add ``"gender": "m"`` or ``"f"``, and corrected forms that replace the engine's:
  ``"forms"`` for the full name and ``"position_forms"`` for the position, each ``{"gent": "…", …}``;
  the organisation likewise ``"forms"`` for its full name and ``"short_forms"`` for its short name.
- A mentor or mentee may add ``"consent"``: ``true`` (written consent to take part in mentoring
  received) or the date of that consent, not later than the order; the pairs order notes it per
  person in its attachment.
- ``organization.regional_act``: the region's act on teacher mentoring in the nominative, as it is
  cited («приказ министерства образования Кировской области от 16.11.2022 № 5-155 «О системе
  наставничества …»»); preambles cite it after the federal acts. ``organization.regulation``: number and
  date of the order approving the organisation's Положение о системе наставничества; preambles then
  add «утверждённым приказом от … № …».
- ``order.effective_date``: the day the curator takes up the duties (the curator order; the order's
  date when absent).
- ``options`` switches the optional items of the pairs order. Each is on by default where the law
  requires it on the order's date (Labour Code art. 351.8, in force from 01.03.2025 by Federal law of
  09.11.2024 № 381-ФЗ: mentoring only with the employee's written consent, its content, term and form
  in the labour contract or an addendum, and paid): ``consent_item`` (the written consents of mentors
  and mentees), ``addendum_item`` (addenda to the mentors' labour contracts) and ``incentive_item`` (the
  payment for mentoring) from 01.03.2025 unless every pair is of a students' form; ``reporting_item``
  (the mentors' and the curator's reports) always, since the methodological recommendations of
  Минпросвещения (письмо от 21.12.2021 № АЗ-1128/08) make monitoring part of every programme.

:func:`parse_request` checks all of it at once and raises :class:`ContractError` listing every
problem as a Russian message that names the field and the fix. Texts are strings (a JSON number only for
an order's number), free of control characters and at most :data:`MAX_TEXT` long; order numbers follow
the journal's rule (:data:`registry.orders.NUMBER_PATTERN`); dates lie within 2000–2100, as in the web
forms.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from registry.orders import NUMBER_PATTERN, NUMBER_RULE
from service.documents.catalogue import is_student_form
from service.grammar.cases import Case
from service.grammar.gender import GENDERS, GenderUnknown
from service.grammar.names import PersonName

_CASE_TAGS = tuple(c.value for c in Case)
#: The longest text a field takes: an organisation's full name or a regional act run to a few hundred.
MAX_TEXT = 1000
#: Dates the contract takes, as the web forms do: a typo such as 0202 or 9999 is refused, not printed.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _bad_character(text: str) -> str | None:
    """A character no document may hold: a control character (BEL, NUL …; line breaks and tabs are
    mere spacing) or half of a surrogate pair, which the DOCX's XML cannot encode."""
    return next((c for c in text if c not in "\t\n\r" and unicodedata.category(c) in ("Cc", "Cs")), None)


@dataclass(frozen=True)
class Person:
    name: PersonName
    position: str
    full_name: str
    person_id: int | None = None
    forms: dict[str, str] = field(default_factory=dict)
    position_forms: dict[str, str] = field(default_factory=dict)
    #: Written consent to mentoring: True, the day it was given, or None (not stated).
    consent: bool | dt.date | None = None


@dataclass(frozen=True)
class Regulation:
    """The order that approved the organisation's Положение о системе наставничества."""

    number: str
    date: dt.date


@dataclass(frozen=True)
class Organization:
    full_name: str
    short_name: str
    locality: str
    founder: str
    head: Person
    forms: dict[str, str] = field(default_factory=dict)
    short_forms: dict[str, str] = field(default_factory=dict)
    regional_act: str = ""
    regulation: Regulation | None = None


@dataclass(frozen=True)
class Pair:
    mentor: Person
    mentees: tuple[Person, ...]
    form: str
    start_date: dt.date
    end_date: dt.date
    pair_id: int | None = None


#: Labour Code art. 351.8 (Federal law of 09.11.2024 № 381-ФЗ) applies to orders from this day on.
LABOUR_CODE_MENTORING = dt.date(2025, 3, 1)


@dataclass(frozen=True)
class Options:
    """The optional items of the pairs order (see the module notes for what each adds)."""

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


OPTION_NAMES = ("consent_item", "addendum_item", "incentive_item", "reporting_item")


@dataclass(frozen=True)
class OrderRequest:
    organization: Organization
    number: str
    date: dt.date
    curator: Person | None
    pairs: tuple[Pair, ...] = field(default=())
    #: The day the curator takes up the duties (None: the order's date).
    effective_date: dt.date | None = None
    #: The optional items; None: the defaults for the order's date (:meth:`Options.for_date`).
    options: Options | None = None


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class ContractError(ValueError):
    """Invalid document data; ``errors`` lists one :class:`FieldError` per bad field."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class _Checker:
    def __init__(self):
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def obj(self, data, path: str, what: str) -> dict | None:
        if not isinstance(data, dict):
            self.fail(path, f"нужен объект с данными: {what}.")
            return None
        return data

    def text(self, data: dict, key: str, path: str, what: str, required: bool = True, numeric: bool = False) -> str:
        """A text field, spaces normalised; ``numeric``: a JSON number is taken as its digits (an order
        number 219). Booleans, other types, control characters and over-long texts fail."""
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"{path}.{key}", f"не заполнено: {what}.")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int) or (isinstance(value, int) and not numeric):
            self.fail(f"{path}.{key}", f"{what}: нужна строка.")
            return ""
        text = " ".join(str(value).split())
        if _bad_character(text) is not None:
            self.fail(f"{path}.{key}", f"{what}: недопустимый символ (управляющий или повреждённый) — "
                                       "наберите текст заново.")
            return ""
        if len(text) > MAX_TEXT:
            self.fail(f"{path}.{key}", f"{what}: слишком длинно — не больше {MAX_TEXT} знаков.")
            return ""
        return text

    def number(self, data: dict, key: str, path: str, what: str) -> str:
        """An order's number, by the journal's rule (:data:`registry.orders.NUMBER_PATTERN`)."""
        value = self.text(data, key, path, what, numeric=True)
        if value and not NUMBER_PATTERN.fullmatch(value):
            self.fail(f"{path}.{key}", f"{what[:1].upper()}{what[1:]} — {NUMBER_RULE}.")
            return ""
        return value

    def date(self, data: dict, key: str, path: str, what: str, required: bool = True) -> dt.date | None:
        value = self.text(data, key, path, what, required)
        if not value:
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{path}.{key}", f"{what}: «{value[:20]}» — не дата; укажите в виде ГГГГ-ММ-ДД, например "
                                       "2024-01-11.")
            return None
        if not EARLIEST <= day <= LATEST:
            self.fail(f"{path}.{key}", f"{what}: {day:%d.%m.%Y} — укажите дату между {EARLIEST:%d.%m.%Y} "
                                       f"и {LATEST:%d.%m.%Y}.")
            return None
        return day

    def person(self, data, path: str, what: str) -> Person | None:
        data = self.obj(data, path, what)
        if data is None:
            return None
        full_name = self.text(data, "full_name", path, f"ФИО ({what})")
        position = self.text(data, "position", path, f"должность ({what} {full_name})".replace(" )", ")"))
        gender = data.get("gender")
        if gender is not None and gender not in GENDERS:
            self.fail(f"{path}.gender", f"пол ({what}): «{gender}» — укажите \"m\" (мужской) или \"f\" (женский).")
            return None
        if not full_name:
            return None
        try:
            name = PersonName.parse(full_name, gender)
        except GenderUnknown as error:
            self.fail(f"{path}.gender", f"{error} Добавьте \"gender\": \"m\" или \"f\" ({what}).")
            return None
        person_id = data.get("id") if isinstance(data.get("id"), int) else None
        forms = self.forms(data, "forms", path, f"формы ФИО ({what})")
        position_forms = self.forms(data, "position_forms", path, f"формы должности ({what})")
        consent = self.consent(data, path, f"{what} {full_name}")
        return Person(name, position, full_name, person_id, forms, position_forms, consent) if position else None

    def consent(self, data: dict, path: str, who: str) -> bool | dt.date | None:
        value = data.get("consent")
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            return self.date(data, "consent", path, f"дата письменного согласия ({who})", required=False)
        self.fail(f"{path}.consent", f"письменное согласие ({who}): укажите true или дату согласия в виде "
                                     "ГГГГ-ММ-ДД, например 2024-01-10.")
        return None

    def regulation(self, data, path: str) -> Regulation | None:
        if data is None:
            return None
        data = self.obj(data, path, "номер и дата приказа об утверждении Положения о системе наставничества")
        if data is None:
            return None
        number = self.number(data, "number", path, "номер приказа об утверждении Положения")
        date = self.date(data, "date", path, "дата приказа об утверждении Положения")
        return Regulation(number, date) if number and date else None

    def options(self, data, day: dt.date | None, pairs: list["Pair"]) -> Options | None:
        if data is not None and self.obj(data, "options", "включаемые пункты приказа") is None:
            return None
        chosen = {}
        for key, value in (data or {}).items():
            if key not in OPTION_NAMES:
                self.fail(f"options.{key}", f"неизвестный пункт «{key}»; допустимо: {', '.join(OPTION_NAMES)}.")
            elif not isinstance(value, bool):
                self.fail(f"options.{key}", "укажите true (включить пункт) или false (не включать).")
            else:
                chosen[key] = value
        teachers = not pairs or not all(is_student_form(pair.form) for pair in pairs)
        return Options.for_date(day, chosen, teachers=teachers) if day else None

    def forms(self, data: dict, key: str, path: str, what: str) -> dict[str, str]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
            self.fail(f"{path}.{key}", f"{what}: нужен объект {{падеж: форма}} с непустыми строками.")
            return {}
        unknown = [k for k in value if k not in _CASE_TAGS]
        if unknown:
            self.fail(f"{path}.{key}", f"{what}: неизвестный падеж «{unknown[0]}»; допустимо: {', '.join(_CASE_TAGS)}.")
            return {}
        return {k: " ".join(v.split()) for k, v in value.items()}


def parse_request(data, *, needs_curator: bool, needs_pairs: bool) -> OrderRequest:
    """Check ``data`` (parsed JSON) against the contract and return an :class:`OrderRequest`.

    ``needs_pairs`` False: the template prints no pairs, and ``pairs`` is ignored. Raises
    :class:`ContractError` with every problem found, not just the first.
    """
    check = _Checker()
    data = check.obj(data, "$", "organization, order, curator, pairs")
    if data is None:
        raise ContractError(check.errors)
    org_data = check.obj(data.get("organization"), "organization", "организация")
    organization = None
    if org_data is not None:
        full = check.text(org_data, "full_name", "organization", "полное наименование организации")
        short = check.text(org_data, "short_name", "organization", "краткое наименование", required=False)
        locality = check.text(org_data, "locality", "organization", "место издания приказа (населённый пункт)")
        founder = check.text(org_data, "founder", "organization", "учредитель", required=False)
        head = check.person(org_data.get("head"), "organization.head", "руководитель организации")
        forms = check.forms(org_data, "forms", "organization", "формы полного наименования")
        short_forms = check.forms(org_data, "short_forms", "organization", "формы краткого наименования")
        regional_act = check.text(org_data, "regional_act", "organization", "региональный акт о наставничестве",
                                  required=False)
        regulation = check.regulation(org_data.get("regulation"), "organization.regulation")
        if full and locality and head:
            organization = Organization(full, short or full, locality, founder, head, forms,
                                        short_forms if short else forms, regional_act, regulation)
    order_data = check.obj(data.get("order"), "order", "номер и дата приказа")
    number, date, effective_date = "", None, None
    if order_data is not None:
        number = check.number(order_data, "number", "order", "номер приказа")
        date = check.date(order_data, "date", "order", "дата приказа")
        effective_date = check.date(order_data, "effective_date", "order", "дата, с которой куратор приступает "
                                    "к обязанностям", required=False)
    curator = None
    if needs_curator or data.get("curator") is not None:
        curator = check.person(data.get("curator"), "curator", "куратор")
    pairs = []
    raw_pairs = data.get("pairs")
    if needs_pairs and (not isinstance(raw_pairs, list) or not raw_pairs):
        check.fail("pairs", "нужен список наставнических пар (групп), хотя бы одна.")
    elif needs_pairs:
        for i, raw in enumerate(raw_pairs):
            pair = _pair(check, raw, f"pairs[{i}]")
            if pair:
                pairs.append(pair)
    options = check.options(data.get("options"), date, pairs)
    _check_consent_dates(check, date, pairs)
    if check.errors:
        raise ContractError(check.errors)
    return OrderRequest(organization, number, date, curator, tuple(pairs), effective_date, options)


def _check_consent_dates(check: _Checker, day: dt.date | None, pairs: list[Pair]) -> None:
    """An order can only note a consent already given: a later date is a typing error."""
    if day is None:
        return
    for i, pair in enumerate(pairs):
        people = [("mentor", pair.mentor)] + [(f"mentees[{j}]", m) for j, m in enumerate(pair.mentees)]
        for where, person in people:
            if isinstance(person.consent, dt.date) and person.consent > day:
                check.fail(f"pairs[{i}].{where}.consent",
                           f"согласие {person.full_name} датировано {person.consent:%d.%m.%Y} — позже приказа "
                           f"от {day:%d.%m.%Y}; проверьте дату.")


def _pair(check: _Checker, raw, path: str) -> Pair | None:
    raw = check.obj(raw, path, "наставническая пара")
    if raw is None:
        return None
    mentor = check.person(raw.get("mentor"), f"{path}.mentor", "наставник")
    raw_mentees = raw.get("mentees")
    mentees = []
    if not isinstance(raw_mentees, list) or not raw_mentees:
        check.fail(f"{path}.mentees", "нужен список наставляемых, хотя бы один.")
    else:
        mentees = [check.person(m, f"{path}.mentees[{j}]", "наставляемый") for j, m in enumerate(raw_mentees)]
    form = check.text(raw, "form", path, "форма наставничества")
    start = check.date(raw, "start_date", path, "дата начала наставничества")
    end = check.date(raw, "end_date", path, "дата окончания наставничества")
    if start and end and end < start:
        check.fail(f"{path}.end_date", "дата окончания раньше даты начала: проверьте срок наставничества.")
        return None
    if mentor and mentees and all(mentees) and form and start and end:
        pair_id = raw.get("id") if isinstance(raw.get("id"), int) else None
        return Pair(mentor, tuple(mentees), form, start, end, pair_id)
    return None
