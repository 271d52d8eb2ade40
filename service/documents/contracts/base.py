"""The building blocks of every document's data contract (pydantic v2): texts, dates, order numbers,
people, the organisation, pairs — and the translation of pydantic's findings into one Russian message
per field.

JSON shapes (dates ISO ``YYYY-MM-DD``; ``?`` marks an optional field)::

    person:       {"full_name", "position", "gender"?: "m"|"f", "id"?, "forms"?, "position_forms"?,
                   "consent"?: true | "YYYY-MM-DD"}
    organization: {"full_name", "short_name"?, "locality", "founder"?, "head": person,
                   "forms"?, "short_forms"?, "regional_act"?, "regulation"?: {"number", "date"}}
    pair:         {"id"?, "mentor": person, "mentees": [person, …], "form", "start_date", "end_date"}

- ``forms`` / ``position_forms`` / ``short_forms``: corrected case forms that win over the engine's,
  ``{"gent": "…", …}`` with the OpenCorpora tags ``nomn gent datv accs ablt loct``.
- ``consent``: the person's written consent to take part in mentoring (Labour Code art. 351.8 for a
  mentor): ``true``, or the day it was given, not later than the document.
- Types are strict: a number or ``false`` where a text is expected is refused, not printed as «False»;
  an order's number alone may be a JSON number (219). Texts are free of control characters and at most
  :data:`MAX_TEXT` long, spaces normalised; dates lie within 2000–2100, as in the web forms; unknown
  fields are refused (a typo would otherwise silently drop a value from the document).
"""

import datetime as dt
import re
import typing
import unicodedata
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from registry.orders import NUMBER_PATTERN, NUMBER_RULE
from service.grammar.cases import Case
from service.grammar.gender import GenderUnknown
from service.grammar.names import PersonName

#: The longest text a field takes: an organisation's full name or a regional act run to a few hundred.
MAX_TEXT = 1000
#: Dates the contract takes, as the web forms do: a typo such as 0202 or 9999 is refused, not printed.
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
CASE_TAGS = tuple(c.value for c in Case)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _bad_character(text: str) -> str | None:
    """A character no document may hold: a control character (BEL, NUL …; line breaks and tabs are
    mere spacing) or half of a surrogate pair, which the DOCX's XML cannot encode."""
    return next((c for c in text if c not in "\t\n\r" and unicodedata.category(c) in ("Cc", "Cs")), None)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("text_type", "нужна строка")
    text = " ".join(value.split())
    if not text:
        raise PydanticCustomError("missing", "не заполнено")
    if _bad_character(text) is not None:
        raise PydanticCustomError("text_character", "недопустимый символ (управляющий или повреждённый) — наберите "
                                                     "текст заново")
    if len(text) > MAX_TEXT:
        raise PydanticCustomError("text_length", f"слишком длинно — не больше {MAX_TEXT} знаков")
    return text


def _optional_text(value: Any) -> str | None:
    """An optional text: absent, null or blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _text(value)


def _long_text(value: Any) -> str:
    """Like :func:`_text`, but the paragraphs of a plan or a programme keep their line breaks."""
    if not isinstance(value, str):
        raise PydanticCustomError("text_type", "нужна строка")
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise PydanticCustomError("missing", "не заполнено")
    if _bad_character(text.replace("\n", " ")) is not None:
        raise PydanticCustomError("text_character", "недопустимый символ (управляющий или повреждённый) — наберите "
                                                     "текст заново")
    if len(text) > 10 * MAX_TEXT:
        raise PydanticCustomError("text_length", f"слишком длинно — не больше {10 * MAX_TEXT} знаков")
    return text


def _iso_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "нужна дата строкой в виде ГГГГ-ММ-ДД, например 2024-01-11")
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_format", "«{value}» — не дата; укажите в виде ГГГГ-ММ-ДД, например "
                                                 "2024-01-11", {"value": value[:20]}) from None
    if not EARLIEST <= day <= LATEST:
        raise PydanticCustomError("date_range", f"{day:%d.%m.%Y} — укажите дату между {EARLIEST:%d.%m.%Y} и "
                                                f"{LATEST:%d.%m.%Y}")
    return day


def _consent(value: Any) -> bool | dt.date | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _iso_date(value)
    raise PydanticCustomError("consent", "укажите true или дату согласия в виде ГГГГ-ММ-ДД, например 2024-01-10")


def _order_number(value: Any) -> str:
    """An order's number by the journal's rule (:data:`registry.orders.NUMBER_PATTERN`); a JSON number
    is taken as its digits (219)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = _text(value)
    if not NUMBER_PATTERN.fullmatch(text):
        raise PydanticCustomError("order_number", NUMBER_RULE)
    return text


def _case_forms(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise PydanticCustomError("case_forms", "нужен объект {падеж: форма} с непустыми строками")
    unknown = [k for k in value if k not in CASE_TAGS]
    if unknown:
        raise PydanticCustomError("case_forms", "неизвестный падеж «{case}»; допустимо: {known}",
                                  {"case": str(unknown[0])[:20], "known": ", ".join(CASE_TAGS)})
    return {k: " ".join(v.split()) for k, v in value.items()}


#: A line of text: a string, spaces normalised, not empty.
Text = Annotated[str, BeforeValidator(_text),
                 WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT})]
#: A line of text that may be left out (null or blank).
OptionalText = Annotated[str | None, BeforeValidator(_optional_text),
                         WithJsonSchema({"anyOf": [{"type": "string", "maxLength": MAX_TEXT}, {"type": "null"}]})]
#: Paragraphs (a programme's goal, tasks): line breaks kept.
LongText = Annotated[str, BeforeValidator(_long_text),
                     WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 10 * MAX_TEXT})]
#: A day written ``YYYY-MM-DD`` only (no timestamps, no «11.01.2024»).
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
#: Written consent: ``true`` or the day it was given.
Consent = Annotated[bool | dt.date | None, BeforeValidator(_consent),
                    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "format": "date"},
                                              {"type": "null"}]})]
OrderNumber = Annotated[str, BeforeValidator(_order_number),
                        WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 20}, {"type": "integer"}]})]
CaseForms = Annotated[dict[str, str], BeforeValidator(_case_forms),
                      WithJsonSchema({"type": "object", "propertyNames": {"enum": list(CASE_TAGS)},
                                      "additionalProperties": {"type": "string", "minLength": 1}})]
Gender = Literal["m", "f"]
ModelT = typing.TypeVar("ModelT", bound=BaseModel)


class Contract(BaseModel):
    """A part of a document's data: unknown fields refused, every value strict (no «12» for a text,
    no «true» for a number)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_strip_whitespace=False)


class PersonData(Contract, title="человек"):
    """A person as a document names them; :attr:`name` is the parsed name (gender settled)."""

    id: int | None = Field(None, title="номер в реестре", ge=1, le=2**63 - 1)
    full_name: Text = Field(title="ФИО")
    position: Text = Field(title="должность")
    gender: Gender | None = Field(None, title="пол")
    forms: CaseForms = Field(default_factory=dict, title="формы ФИО")
    position_forms: CaseForms = Field(default_factory=dict, title="формы должности")
    consent: Consent = Field(None, title="письменное согласие на участие в наставничестве")

    @model_validator(mode="after")
    def _gender_known(self) -> "PersonData":
        try:
            _ = self.name
        except GenderUnknown as error:
            raise PydanticCustomError("gender_unknown", "{reason} Добавьте \"gender\": \"m\" или \"f\".",
                                      {"reason": str(error)}) from None
        except ValueError as error:
            raise PydanticCustomError("name", "{reason}", {"reason": str(error)}) from None
        return self

    @cached_property
    def name(self) -> PersonName:
        return PersonName.parse(self.full_name, self.gender)

    @property
    def person_id(self) -> int | None:
        return self.id


class RegulationData(Contract, title="приказ об утверждении Положения"):
    """The order that approved the organisation's Положение о системе наставничества."""

    number: OrderNumber = Field(title="номер приказа об утверждении Положения")
    date: IsoDate = Field(title="дата приказа об утверждении Положения")


class OrganizationData(Contract, title="организация"):
    full_name: Text = Field(title="полное наименование организации")
    short_name: OptionalText = Field(None, title="краткое наименование")
    locality: Text = Field(title="место издания (населённый пункт)")
    founder: OptionalText = Field(None, title="учредитель")
    head: PersonData = Field(title="руководитель организации")
    forms: CaseForms = Field(default_factory=dict, title="формы полного наименования")
    short_forms: CaseForms = Field(default_factory=dict, title="формы краткого наименования")
    regional_act: OptionalText = Field(None, title="региональный акт о наставничестве",
                                      description="как его цитируют, в именительном падеже")
    regulation: RegulationData | None = Field(None, title="приказ об утверждении Положения о наставничестве")

    @property
    def short(self) -> str:
        """The short name, or the full one when there is none."""
        return self.short_name or self.full_name

    @property
    def short_case_forms(self) -> dict[str, str]:
        return self.short_forms if self.short_name else self.forms


class OrderHeader(Contract, title="номер и дата приказа"):
    number: OrderNumber = Field(title="номер приказа")
    date: IsoDate = Field(title="дата приказа")
    effective_date: IsoDate | None = Field(None, title="дата, с которой куратор приступает к обязанностям")


class PairData(Contract, title="наставническая пара (группа)"):
    id: int | None = Field(None, title="номер в реестре", ge=1, le=2**63 - 1)
    mentor: PersonData = Field(title="наставник")
    mentees: list[PersonData] = Field(title="наставляемые", min_length=1, max_length=200)
    form: Text = Field(title="форма наставничества")
    start_date: IsoDate = Field(title="дата начала наставничества")
    end_date: IsoDate = Field(title="дата окончания наставничества")

    @model_validator(mode="after")
    def _term(self) -> "PairData":
        if self.end_date < self.start_date:
            raise PydanticCustomError("term", "дата окончания раньше даты начала: проверьте срок наставничества",
                                      {"field": "end_date"})
        return self

    @property
    def pair_id(self) -> int | None:
        return self.id


# -- Russian messages -------------------------------------------------------------------------------------


class FieldError(typing.NamedTuple):
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class ContractError(ValueError):
    """Invalid document data; ``errors`` lists one :class:`FieldError` per bad field, each message in
    Russian naming the field and the fix."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors

    def __reduce__(self):  # a worker process sends it back to the server whole
        return ContractError, (self.errors,)


def _split_path(path: str) -> list[str | int]:
    """«pairs[0].mentor.consent» → ["pairs", 0, "mentor", "consent"]."""
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]


def _path(loc: tuple) -> str:
    path = "$"
    for part in loc:
        path = f"{path}[{part}]" if isinstance(part, int) else (part if path == "$" else f"{path}.{part}")
    return path


def _models(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _titles(model: type[BaseModel], loc: tuple) -> list[str]:
    """The Russian titles of the fields along ``loc``, outermost first."""
    titles, current = [], [model]
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((m.model_fields[part] for m in current if part in m.model_fields), None)
        if info is None:
            break
        titles.append(info.title or part)
        current = _models(info.annotation)
    return titles


def _models_at(model: type[BaseModel], loc: tuple) -> list[type[BaseModel]]:
    """The model classes the object at ``loc`` may be."""
    current = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((m.model_fields[part] for m in current if part in m.model_fields), None)
        if info is None:
            return []
        current = _models(info.annotation)
    return current


def _shape(model: type[BaseModel], loc: tuple) -> str:
    """"object" when the field at ``loc`` holds a model, "list" when a list of them, else ""."""
    *parents, last = loc or ("",)
    info = next((m.model_fields[last] for m in _models_at(model, tuple(parents)) if last in m.model_fields), None)
    if info is None or not _models(info.annotation):
        return ""
    return "list" if typing.get_origin(info.annotation) is list else "object"


def _fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the object at ``loc``."""
    return [name for m in _models_at(model, loc) for name in m.model_fields]


#: Person fields whose message names the person («должность (наставник Черных Ольга Ильинична)»).
_NAMED_FIELDS = ("position", "consent")


def _who(model: type[BaseModel], loc: tuple, data: Any) -> str:
    """«ФИО (наставник)», «должность (наставляемый Шевчук Анна Сергеевна)», «дата приказа»: the field's
    title, with the role of the person it belongs to and, for a position or a consent, their name."""
    titles = _titles(model, loc)
    if not titles:
        return "данные документа"
    if len(titles) == 1 or PersonData not in _models_at(model, loc[:-1]):
        return titles[-1]
    owner = titles[-2]
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
            break
    name = node.get("full_name") if isinstance(node, dict) and loc[-1] in _NAMED_FIELDS else None
    if isinstance(name, str) and name.strip():
        owner = f"{owner} {' '.join(name.split())[:80]}"
    return f"{titles[-1]} ({owner})"


def _message(error: dict, who: str, fields: list[str], shape: str) -> str:
    """The Russian message of one pydantic error about the field ``who``; ``fields``: the fields its
    object takes (named when an unknown one is sent); ``shape``: "object", "list" or "" — what the
    field holds."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing" and shape == "object":
        return f"нужен объект с данными: {who}."
    if kind == "missing" and shape == "list":
        return f"нужен список: {who}, хотя бы один элемент."
    if kind == "missing":
        return f"не заполнено: {who}."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"нужен объект с данными: {who}."
    if kind == "list_type":
        return f"нужен список: {who}."
    if kind == "too_short" and isinstance(error.get("input"), list):
        return f"нужен список: {who}, хотя бы один элемент."
    if kind == "too_long" and isinstance(error.get("input"), list):
        return f"{who}: слишком много — не больше {ctx.get('max_length')}."
    if kind == "extra_forbidden":
        known = f"; допустимо: {', '.join(fields)}" if fields else ""
        return f"неизвестное поле «{str(error['loc'][-1])[:40]}» — уберите его или проверьте написание{known}."
    if kind == "order_number":
        return f"{who[:1].upper()}{who[1:]} — {error['msg']}."
    if kind in ("string_type", "text_type"):
        return f"{who}: нужна строка."
    if kind == "bool_type":
        return f"{who}: укажите true (да) или false (нет)."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{who}: нужно целое число."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{who}: число вне допустимых пределов."
    if kind == "literal_error" and error["loc"][-1] == "gender":
        return f"{who}: «{str(error.get('input'))[:20]}» — укажите \"m\" (мужской) или \"f\" (женский)."
    if kind == "literal_error":
        # pydantic lists the values in English («'completed' or 'terminated'»): the values alone, joined in Russian.
        values = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        allowed = ", ".join(f"«{value}»" for value in values[:-1]) + (" или " if len(values) > 1 else "") + \
            (f"«{values[-1]}»" if values else "")
        return f"{who}: «{str(error.get('input'))[:40]}» — допустимо: {allowed}."
    if kind in ("gender_unknown", "name", "term"):
        return f"{error['msg']} ({who})."
    if kind.startswith(("date", "text", "order_number", "case_forms", "consent")) or kind not in _PYDANTIC_TYPES:
        return f"{who}: {error['msg']}."
    return f"{who}: значение не подходит — проверьте его."


#: pydantic's own error types; any other type is one of ours, whose message is Russian already.
_PYDANTIC_TYPES = frozenset(
    "missing model_type model_attributes_type dict_type list_type too_short too_long extra_forbidden string_type "
    "bool_type int_type int_parsing int_from_float greater_than_equal less_than_equal greater_than less_than "
    "literal_error union_tag_invalid union_tag_not_found string_too_short string_too_long date_type date_parsing "
    "date_from_datetime_parsing float_type frozen_instance value_error assertion_error".split()
)


def _errors(model: type[BaseModel], error: ValidationError, data: Any) -> list[FieldError]:
    """One Russian message per field: of the alternatives of a union (``consent``: true or a date)
    the most telling one only."""
    found: dict[str, FieldError] = {}
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        # A union reports its branch in the path («function-before[…]»); the field is the branch's owner.
        loc = tuple(p for p in loc if isinstance(p, int) or not ("[" in p or "(" in p))
        if (item.get("ctx") or {}).get("field"):
            loc += tuple(_split_path(item["ctx"]["field"]))
        elif item["type"] in ("gender_unknown",):
            loc += ("gender",)
        path = _path(loc)
        if path in found:
            continue
        found[path] = FieldError(path, _message(item, _who(model, loc, data), _fields(model, loc[:-1]),
                                                _shape(model, loc)))
    return list(found.values())


def validate(model: type[ModelT], data: Any) -> ModelT:
    """``data`` (parsed JSON) checked against ``model``; raises :class:`ContractError` with every problem
    found, not just the first."""
    if not isinstance(data, dict):
        raise ContractError([FieldError("$", "нужен объект JSON с данными документа.")])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContractError(_errors(model, error, data)) from None


# -- a document kind ---------------------------------------------------------------------------------------


class DocumentProperties(typing.NamedTuple):
    """What Word shows in «Сведения»: ``author`` (the organisation), ``subject`` («Приказ от 11.01.2024
    № 219»), ``category`` («Приказ», «Программа наставничества», «Согласие»)."""

    author: str
    subject: str
    category: str


class Document(Contract):
    """The data of one document kind. A kind declares its fields and implements :meth:`context` (what
    its template sees), :meth:`file_stem` and :meth:`properties`; the catalogue names the kind's class."""

    organization: OrganizationData = Field(title="организация")

    def context(self, template_id: str) -> dict:
        """The template's context; see the kind's module for its names."""
        raise NotImplementedError

    def file_stem(self) -> str:
        """The file name without its extension, e.g. «Приказ_219_от_11.01.2024»."""
        raise NotImplementedError

    def properties(self) -> DocumentProperties:
        raise NotImplementedError

    def person_ids(self) -> list[int]:
        """Registry ids of the people the document names (for the journal); none by default."""
        return []

    def pair_ids(self) -> list[int]:
        return []

    def pictures(self) -> dict[str, tuple[bytes, float]]:
        """The images the template prints by ``{{ pictures[name] }}``: name → (PNG or JPEG bytes, width
        in mm), drawn from the document's own data (charts); none by default."""
        return {}


def safe_file_part(text: str) -> str:
    """A piece of a file name: characters a file system refuses («/», «\\», «:» …) and spaces become
    «-» or «_»."""
    return re.sub(r'[\\/:*?"<>|]+', "-", "_".join(text.split())).strip("-_")
