"""Rendering a catalogue template with docxtpl into DOCX bytes, and the preview of its declined phrases.

A template is read once per process and file version (:func:`prepared_template`); each document is then
rendered by docxtpl's own steps into the prepared parts and written straight into a new ZIP — the same
engine for one download and for a batch of thousands (:mod:`service.documents.batch`).
"""

import datetime as dt
import io
import threading
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
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
    """docxtpl hands Jinja the source of each template part (and of each core property) on every
    document, and compiling it was a third of the time of an order download; each distinct source is
    compiled once per process (Jinja templates are safe to render from several threads)."""

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


class _Renderer(DocxTemplate):
    """docxtpl's steps of one render, run on a prepared template's parts (it reads no file)."""

    def resolve_listing(self, xml):
        # docxtpl's regular expressions over every run of every paragraph (a fifth of a document's time)
        # change only texts holding a tab, a line break, a page break or docxtpl's paragraph mark «\a».
        return super().resolve_listing(xml) if any(char in xml for char in "\t\n\f\a") else xml


@lru_cache(maxsize=64)
def _patched_xml(src_xml: str) -> str:
    return DocxTemplate.patch_xml(None, src_xml)


class PreparedTemplate:
    """A .docx template read once, ready for any number of documents: each the file that docxtpl's
    ``DocxTemplate(path)``, ``render(context, environment(), autoescape=True)`` and ``save`` make, every
    part byte for byte (only the order of the ZIP's members and their times differ).

    Reading the template, python-docx's loading and saving of the package and docxtpl's cleaning of the
    parts' XML (``patch_xml``) were most of a document's time, and left cycles of objects that only the
    garbage collector frees; here they happen once. Per document, docxtpl's own steps run on the
    prepared parts — ``render_xml_part`` of the body, headers, footers and footnotes, ``fix_tables``,
    ``fix_docpr_ids``, ``render_properties`` — and the parts python-docx would write unchanged are
    copied from a ZIP made once.

    ``path``: the .docx file. Raises ``OSError`` when it cannot be read, python-docx's
    ``PackageNotFoundError`` (or ``zipfile.BadZipFile``) when it is not a Word document. Safe to use
    from several threads: a render changes nothing of it.
    """

    def __init__(self, path: Path):
        self.path = path
        self._docx = path.read_bytes()
        template = DocxTemplate(io.BytesIO(self._docx))
        template.init_docx()
        document = template.docx
        package = document.part.package
        document.core_properties  # noqa: B018 - docxtpl's render makes python-docx add its default part if none
        core_part = package.part_related_by(RT.CORE_PROPERTIES)
        shell = deepcopy(document.element)  # the document part around an empty body
        shell.replace(shell.body, shell.makeelement(qn("w:body")))
        self._body = _patched_xml(template.get_xml())
        self._shell = serialize_part_xml(shell)
        self._document_name = document.part.partname.membername
        #: Headers and footers: member name → (patched XML, encoding).
        self._stories = {}
        for uri in (template.HEADER_URI, template.FOOTER_URI):
            for _, part in template.get_headers_footers(uri):
                xml = template.get_part_xml(part)
                self._stories[part.partname.membername] = (_patched_xml(xml),
                                                           template.get_headers_footers_encoding(xml))
        self._core_name, self._core = core_part.partname.membername, core_part.blob
        self._footnotes = {part.partname.membername: part.blob.decode("utf-8")
                           for part in package.parts if part.content_type == CT.WML_FOOTNOTES}
        self._sections = len(document.sections)  # docxtpl renders the footnotes once for each section
        self._unchanged = self._unchanged_parts(document)

    def _unchanged_parts(self, document) -> bytes:
        """A ZIP of the parts of python-docx's ``document`` that a render leaves as they are, as
        python-docx writes them."""
        rendered = {self._document_name, self._core_name, *self._stories, *self._footnotes}
        saved = io.BytesIO()
        document.save(saved)
        unchanged = io.BytesIO()
        with zipfile.ZipFile(saved) as source, zipfile.ZipFile(unchanged, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                if member.filename not in rendered:
                    target.writestr(member, source.read(member))
        return unchanged.getvalue()

    def render(self, context: dict, document: Document, heading: str,
               pictures: dict[str, tuple[bytes, float]] | None = None) -> bytes:
        """The .docx file (bytes) of ``context``, with the core properties of ``document`` and
        ``heading`` (:func:`_set_properties`) and ``pictures`` — name → (PNG or JPEG bytes, width in
        mm), printed by ``{{ pictures[name] }}`` as docxtpl's ``InlineImage``. Raises Jinja's
        ``TemplateError`` as docxtpl does."""
        renderer = _Renderer(self.path)
        renderer.docx_ids_index = 1000  # where docxtpl's render_init starts numbering drawings
        env = environment()
        # A picture is a part of the package, related to the part that shows it: python-docx loads the
        # package for the documents that have any (an analytical report's charts), as docxtpl would.
        word = docx.Document(io.BytesIO(self._docx)) if pictures else None
        story = {part.partname.membername: part for part in word.part.package.parts} if word else {}
        if pictures:
            context = {**context, "pictures": {name: InlineImage(renderer, io.BytesIO(data), width=Mm(width))
                                               for name, (data, width) in pictures.items()}}
        parts = {}
        body = renderer.fix_tables(renderer.render_xml_part(self._body, story.get(self._document_name), context,
                                                            env))
        renderer.fix_docpr_ids(body)
        root = parse_xml(self._shell)
        root.replace(root.body, body)
        parts[self._document_name] = serialize_part_xml(root)
        for name, (xml, encoding) in self._stories.items():
            # As python-docx loads the part docxtpl hands it and writes it out again.
            parts[name] = serialize_part_xml(parse_xml(renderer.render_xml_part(xml, story.get(name), context, env)
                                                       .encode(encoding)))
        core = parse_xml(self._core)
        # docxtpl's render_properties finds the properties on its python-docx document.
        renderer.docx = SimpleNamespace(core_properties=CoreProperties(core))
        renderer.render_properties(context, env)
        _set_properties(renderer.docx.core_properties, document, heading)
        parts[self._core_name] = serialize_part_xml(core)
        for name, xml in self._footnotes.items():
            for _ in range(self._sections):
                xml = renderer.render_xml_part(_patched_xml(xml), story.get(name), context, env)
            parts[name] = xml.encode("utf-8")
        buffer = io.BytesIO(self._unchanged_parts(word) if word else self._unchanged)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()


def prepared_template(path: Path) -> PreparedTemplate:
    """The prepared template of the file ``path``, made once per process and version of the file: a
    template saved again (another modification time or size) is read anew. Raises as
    :class:`PreparedTemplate`."""
    stat = path.stat()
    return _prepared(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _prepared(path: Path, mtime_ns: int, size: int) -> PreparedTemplate:
    return PreparedTemplate(path)


@lru_cache(maxsize=4096)
def _typeset(text: str) -> str:
    return finalize(text)


def _finalize(value):
    # Document after document prints the same texts — the organisation, the acts cited, whole paragraphs
    # of an order — and typesetting them was a fifth of a document's time: each text is typeset once.
    return _typeset(value) if type(value) is str else finalize(value)


@cache
def environment() -> Environment:
    """The Jinja environment of every template, one per process: autoescaping on, the filters of
    :mod:`service.documents.filters`, each template part compiled once, every printed value typeset
    (:func:`~service.documents.context.finalize`: no-break spaces and hyphens)."""
    env = _CompiledOnce(autoescape=True, finalize=_finalize)
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
    content = prepared_template(entry.path).render(context, document, entry.heading, document.pictures())
    # «…_Шевчук_А.С.» + «.docx» would give a double dot, which Windows Explorer shows as a typo.
    return RenderedDocument(content, f"{document.file_stem().rstrip('.')}.docx", entry.heading,
                            document.person_ids(), document.pair_ids())


def _set_properties(properties: CoreProperties, document: Document, heading: str) -> None:
    """The file's core properties (what Word shows in «Сведения»): the organisation as author, the
    heading as title, e.g. the order's number and date as subject, Russian, made now — not the
    template's or the library's."""
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
