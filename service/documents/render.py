"""Rendering a catalogue template with docxtpl into DOCX bytes."""

import datetime as dt
import io
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from docxtpl import DocxTemplate
from jinja2 import Environment, Template

from service.documents.catalogue import get_template
from service.documents.context import build_context, finalize
from service.documents.contract import OrderRequest, parse_request
from service.documents.filters import FILTERS


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered order: ``content`` (DOCX bytes), ``file_name`` («Приказ_219_от_11.01.2024.docx»),
    ``heading``, and the registry ids of the people and pairs it names (None where the data came
    from outside the registry)."""

    content: bytes
    file_name: str
    heading: str
    person_ids: list[int]
    pair_ids: list[int]


class _CompiledOnce(Environment):
    """docxtpl hands Jinja the same patched XML of a template part on every render, and compiling it
    was a third of the time of an order download; each distinct source is compiled once per process
    (Jinja templates are safe to render from several threads)."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}
        self._lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's own signature
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            if source not in self._compiled:
                if len(self._compiled) >= 256:  # a school editing templates all day still stays small
                    self._compiled.clear()
                self._compiled[source] = super().from_string(source)
            return self._compiled[source]


@lru_cache(maxsize=64)
def _patched_xml(src_xml: str) -> str:
    return DocxTemplate.patch_xml(None, src_xml)


class _Template(DocxTemplate):
    """docxtpl cleans the same template XML with a few dozen regular expressions on every render (a
    sixth of its time); the cleaning depends on the XML alone, so each part is cleaned once."""

    def patch_xml(self, src_xml):
        return _patched_xml(src_xml)


@cache
def environment() -> Environment:
    """The Jinja environment of every template, one per process: autoescaping on, the filters of
    :mod:`service.documents.filters`, each template part compiled once, every printed value typeset
    (:func:`~service.documents.context.finalize`: no-break spaces and hyphens)."""
    env = _CompiledOnce(autoescape=True, finalize=finalize)
    env.filters.update(FILTERS)
    return env


def file_name(number: str, date_text: str) -> str:
    """«Приказ_219_от_11.01.2024.docx»; characters a file system refuses («/», «\\» …) become «-»."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "-", number).strip("-")
    return f"Приказ_{safe}_от_{date_text}.docx"


def render_request(template_id: str, request: OrderRequest) -> RenderedDocument:
    """Render ``template_id`` for a checked request. Values are XML-escaped (docxtpl alone would drop
    «&» and «<…>» from names such as «Школа "Радуга" & Ко <Лицей>»)."""
    entry = get_template(template_id)
    context = build_context(request, template_id)
    context["heading"] = entry.heading
    template = _Template(entry.path)
    template.render(context, environment(), autoescape=True)
    _set_properties(template, request, entry.heading, context["order"]["date"])
    buffer = io.BytesIO()
    template.save(buffer)
    people = [p.person_id for p in context["people"] if p.person_id is not None]
    pairs = [p["pair_id"] for p in context["pairs"] if p["pair_id"] is not None]
    return RenderedDocument(
        buffer.getvalue(), file_name(request.number, context["order"]["date"]), entry.heading, people, pairs
    )


def _set_properties(template: DocxTemplate, request: OrderRequest, heading: str, date_text: str) -> None:
    """The file's core properties (what Word shows in «Сведения»): the organisation as author, the
    order's heading as title, the order's number and date as subject, Russian, made now — not the
    template's or the library's."""
    properties = template.docx.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.author = properties.last_modified_by = request.organization.short_name
    properties.title = heading
    properties.subject = f"Приказ от {date_text} № {request.number}"
    properties.category = "Приказ"
    properties.language = "ru-RU"
    properties.comments = properties.keywords = ""
    properties.created = properties.modified = now
    properties.revision = 1


def render(template_id: str, data) -> RenderedDocument:
    """Check ``data`` (the JSON contract, see :mod:`service.documents.contract`) and render.

    Raises :class:`~service.documents.catalogue.UnknownTemplate` and
    :class:`~service.documents.contract.ContractError`.
    """
    entry = get_template(template_id)
    request = parse_request(data, needs_curator=entry.needs_curator, needs_pairs=entry.needs_pairs)
    return render_request(template_id, request)
