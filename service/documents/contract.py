"""The one data contract for every order template, shared by the CLI, the API and the web form.

Shape (JSON; dates ISO ``YYYY-MM-DD``; any person may add ``"gender": "m"`` or ``"f"``, and corrected
forms that replace the engine's: ``"forms"`` for the full name and ``"position_forms"`` for the
position, each ``{"gent": "…", "datv": "…", …}``; the organisation likewise ``"forms"`` for its full
name and ``"short_forms"`` for its short name)::

    {"organization": {"full_name", "short_name", "locality", "founder"?,
                      "head": {"full_name", "position"}},
     "order": {"number", "date"},
     "curator": {"full_name", "position"},
     "pairs": [{"mentor": {...}, "mentees": [{...}, ...], "form", "start_date", "end_date"}]}

:func:`parse_request` checks all of it at once and raises :class:`ContractError` listing every
problem as a Russian message that names the field and the fix.
"""

import datetime as dt
from dataclasses import dataclass, field

from service.grammar.cases import Case
from service.grammar.gender import GENDERS, GenderUnknown
from service.grammar.names import PersonName

_CASE_TAGS = tuple(c.value for c in Case)


@dataclass(frozen=True)
class Person:
    name: PersonName
    position: str
    full_name: str
    person_id: int | None = None
    forms: dict[str, str] = field(default_factory=dict)
    position_forms: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Organization:
    full_name: str
    short_name: str
    locality: str
    founder: str
    head: Person
    forms: dict[str, str] = field(default_factory=dict)
    short_forms: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Pair:
    mentor: Person
    mentees: tuple[Person, ...]
    form: str
    start_date: dt.date
    end_date: dt.date
    pair_id: int | None = None


@dataclass(frozen=True)
class OrderRequest:
    organization: Organization
    number: str
    date: dt.date
    curator: Person | None
    pairs: tuple[Pair, ...] = field(default=())


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

    def text(self, data: dict, key: str, path: str, what: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"{path}.{key}", f"не заполнено: {what}.")
            return ""
        if not isinstance(value, str | int):
            self.fail(f"{path}.{key}", f"{what}: нужна строка.")
            return ""
        return " ".join(str(value).split())

    def date(self, data: dict, key: str, path: str, what: str) -> dt.date | None:
        value = self.text(data, key, path, what)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{path}.{key}", f"{what}: «{value}» — не дата; укажите в виде ГГГГ-ММ-ДД, например 2024-01-11.")
            return None

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
        return Person(name, position, full_name, person_id, forms, position_forms) if position else None

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
        if full and locality and head:
            organization = Organization(full, short or full, locality, founder, head, forms,
                                        short_forms if short else forms)
    order_data = check.obj(data.get("order"), "order", "номер и дата приказа")
    number, date = "", None
    if order_data is not None:
        number = check.text(order_data, "number", "order", "номер приказа")
        date = check.date(order_data, "date", "order", "дата приказа")
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
    if check.errors:
        raise ContractError(check.errors)
    return OrderRequest(organization, number, date, curator, tuple(pairs))


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
