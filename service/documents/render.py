"""Rendering a catalogue template with docxtpl into DOCX bytes, and the preview of its declined phrases."""

import datetime as dt
import io
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from docxtpl import DocxTemplate
from jinja2 import Environment, Template

from service.documents.catalogue import TemplateEntry, get_template
from service.documents.context import finalize
from service.documents.contracts import Document, validate
from service.documents.filters import FILTERS


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered document: ``content`` (DOCX bytes), ``file_name`` («Приказ_219_от_11.01.2024.docx»),
    ``heading``, and the registry ids of the people and pairs it names (none where the data came from
    outside the registry)."""

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


@cache
def _preview_environment() -> Environment:
    """The preview's expressions give plain text, which the web page escapes once."""
    env = Environment(autoescape=False)
    env.filters.update(FILTERS)
    return env


def render_document(entry: TemplateEntry, document: Document) -> RenderedDocument:
    """Render ``entry``'s template for checked data. Values are XML-escaped (docxtpl alone would drop
    «&» and «<…>» from names such as «Школа "Радуга" & Ко <Лицей>»)."""
    context = document.context(entry.id)
    context["heading"] = entry.heading
    template = _Template(entry.path)
    template.render(context, environment(), autoescape=True)
    _set_properties(template, document, entry.heading)
    buffer = io.BytesIO()
    template.save(buffer)
    return RenderedDocument(buffer.getvalue(), f"{document.file_stem()}.docx", entry.heading,
                            document.person_ids(), document.pair_ids())


def _set_properties(template: DocxTemplate, document: Document, heading: str) -> None:
    """The file's core properties (what Word shows in «Сведения»): the organisation as author, the
    heading as title, e.g. the order's number and date as subject, Russian, made now — not the
    template's or the library's."""
    properties = template.docx.core_properties
    author, subject, category = document.properties()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.author = properties.last_modified_by = author
    properties.title = heading
    properties.subject = subject
    properties.category = category
    properties.language = "ru-RU"
    properties.comments = properties.keywords = ""
    properties.created = properties.modified = now
    properties.revision = 1


def check(template_id: str, data) -> tuple[TemplateEntry, Document]:
    """The catalogue entry and ``data`` (parsed JSON) checked against its contract. Raises
    :class:`~service.documents.catalogue.UnknownTemplate` and
    :class:`~service.documents.contracts.ContractError` (every bad field, in Russian)."""
    entry = get_template(template_id)
    return entry, validate(entry.contract, data)


def render(template_id: str, data) -> RenderedDocument:
    """Check ``data`` against the template's contract and render; raises as :func:`check`."""
    return render_document(*check(template_id, data))


def preview(entry: TemplateEntry, document: Document) -> list[tuple[str, str]]:
    """(slot, phrase) pairs: every declined phrase the document will print, for the secretary to check,
    from the entry's preview slots."""
    context = document.context(entry.id)
    env = _preview_environment()
    rows = []
    for slot in entry.preview:
        if slot.when and not env.compile_expression(slot.when)(**context):
            continue
        if slot.each:
            name, _, items = (part.strip() for part in slot.each.partition(" in "))
            scopes = [{**context, name: item} for item in env.compile_expression(items)(**context)]
        else:
            scopes = [context]
        for scope in scopes:
            label = env.from_string(slot.label).render(**scope)
            value = env.compile_expression(slot.value)(**scope)
            rows.append((label, finalize(str(value))))
    return rows
