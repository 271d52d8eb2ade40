"""One print file for a selection of an organisation's papers: the orders of its journal (the stored
file of each, as registered) and the papers outside the journal made from the registry (a programme per
pair, a consent per pair or person, the Положение, an acquaintance sheet per order …), each document
starting on a new page with its own page numbers (:mod:`service.documents.merge`).

A paper is named by a key «<template id>:<record id>» — «programme:4» is the programme of pair 4,
«pd-consent:31» the consent of person 31, «regulation:» the organisation's Положение — and a registered
order by «order:<journal id>». What can be printed is listed per academic year (:func:`print_sections`),
each paper checked against its contract first, so that the secretary sees what is missing before asking
for it; an order comes with the papers its catalogue entry prints with it (``print_with``:
:func:`order_bundle`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from registry.db import ru_date
from registry.orders import get_order, get_version, list_orders, order_records
from registry.pairs import get_pair, list_pairs
from registry.people import full_name, get_person, list_people
from service.documents.catalogue import TemplateEntry, catalogue, get_template
from service.documents.contracts import ContractError
from service.documents.merge import merge_docx, merge_pdf
from service.documents.render import check
from service.documents.sources import from_registry

#: The most documents one print file joins: a year of a large school's programmes and consents fits.
MAX_DOCUMENTS = 300
#: The key prefix of a registered order of the journal.
ORDER = "order"


@dataclass
class PrintItem:
    """One document that can be printed: its ``key``, the ``label`` the page shows and the merged file's
    outline takes, and ``problem`` — why it cannot be made now (what its contract misses), or ""."""

    key: str
    label: str
    problem: str = ""


@dataclass
class PrintSection:
    """The documents of one kind: ``title`` (the catalogue's, or «Приказы журнала»), ``kind`` (the
    template id, or :data:`ORDER`) and the ``items``."""

    title: str
    kind: str
    items: list[PrintItem] = field(default_factory=list)


@dataclass(frozen=True)
class PrintFile:
    """The merged file: ``content`` (bytes), ``file_name`` and ``mimetype`` are the caller's to send."""

    content: bytes
    file_name: str
    count: int


class PrintRefused(ValueError):
    """A selection that cannot be printed; the message (Russian) names the document and the fix."""


def year_bounds(year: int) -> tuple[str, str]:
    """The first and last ISO days of the academic year ``year`` (2025 = 2025/2026)."""
    return f"{year}-09-01", f"{year + 1}-08-31"


def _year_orders(db: Database, organization_id: int, year: int) -> list[dict]:
    """The orders of the journal dated in the academic year ``year``, oldest first."""
    first, last = year_bounds(year)
    return [order for order in reversed(list_orders(db, organization_id)) if first <= order["date"] <= last]


def _order_label(order: dict) -> str:
    return f"№ {order['number']} от {ru_date(order['date'])} — {order['heading']}"


def _pair_label(pair: dict) -> str:
    mentees = ", ".join(person["full_name"] for person in pair["mentees"])
    return f"{pair['mentor']['full_name']} → {mentees}"


def _papers(entry: TemplateEntry) -> bool:
    return not entry.journal and entry.source in ("pair", "person", "order", "organization")


def _records(db: Database, organization_id: int, entry: TemplateEntry, orders: list[dict],
             pairs: list[dict], people: list[dict]) -> list[tuple[int | None, str]]:
    """(record id, label) of every record ``entry`` can be made for."""
    if entry.source == "pair":
        return [(pair["id"], _pair_label(pair)) for pair in pairs]
    if entry.source == "person":
        return [(person["id"], person["full_name"]) for person in people]
    if entry.source == "order":
        return [(order["id"], f"приказ {_order_label(order)}") for order in orders]
    return [(None, entry.title)]


def _key(template_id: str, record: int | None) -> str:
    return f"{template_id}:{'' if record is None else record}"


def _problem(db: Database, organization_id: int, entry: TemplateEntry, record: int | None) -> str:
    """Why the paper of ``record`` cannot be made now: what its contract misses, or ""."""
    try:
        check(entry.id, from_registry(entry.id, db, organization_id, record, {}))
    except ContractError as error:
        return _missing(error)
    return ""


def _missing(error: ContractError) -> str:
    """The first two messages of a contract's refusal, and how many more there are."""
    messages = list(dict.fromkeys(e.message.rstrip(".") for e in error.errors))
    more = f" и ещё {len(messages) - 2}" if len(messages) > 2 else ""
    return "; ".join(messages[:2]) + more


def print_sections(db: Database, organization_id: int, year: int) -> list[PrintSection]:
    """What the organisation can print for the academic year ``year``: the orders dated in it, then,
    for each paper outside the journal, its records — the pairs whose term overlaps the year, the
    people of the registry, the year's orders, the organisation — each checked against its contract.
    Acquaintance sheets come last, as they follow what they acquaint with."""
    orders = _year_orders(db, organization_id, year)
    pairs = list_pairs(db, organization_id, year=year)
    people = list_people(db, organization_id)
    sections = [PrintSection("Приказы журнала", ORDER, [PrintItem(_key(ORDER, o["id"]), _order_label(o))
                                                        for o in orders])]
    papers = sorted((e for e in catalogue().values() if _papers(e)), key=lambda e: e.source == "order")
    for entry in papers:
        section = PrintSection(entry.title, entry.id)
        for record, label in _records(db, organization_id, entry, orders, pairs, people):
            section.items.append(PrintItem(_key(entry.id, record), label,
                                           _problem(db, organization_id, entry, record)))
        sections.append(section)
    return sections


def paper_documents(db: Database, organization_id: int, template_id: str, year: int) -> list[tuple[str, dict]]:
    """(label, contract dict) of every record of the academic year ``year`` that the paper
    ``template_id`` (outside the journal) can be made for now, as :func:`print_sections` lists them —
    the rows of a batch of that paper. Raises :class:`PrintRefused` for an order or an unknown id."""
    entry = catalogue().get(template_id)
    if entry is None or not _papers(entry):
        raise PrintRefused(f"Документ «{template_id[:40]}» из реестра пакетом не формируется: загрузите файл.")
    orders = _year_orders(db, organization_id, year)
    documents = []
    for record, label in _records(db, organization_id, entry, orders, list_pairs(db, organization_id, year=year),
                                  list_people(db, organization_id)):
        data = from_registry(entry.id, db, organization_id, record, {})
        try:
            check(entry.id, data)
        except ContractError:
            continue
        documents.append((label, data))
    return documents


def order_bundle(db: Database, organization_id: int, order_id: int) -> list[str]:
    """The keys of an order and of the papers printed with it (its entry's ``print_with``): for a
    paper of a pair, one per pair the order names; of a person, one per mentor and mentee of those
    pairs (for an order without pairs, one per person it names); of an order,
    this one's; of the organisation, the one. Empty for an order of another organisation or kind
    outside the catalogue."""
    order = get_order(db, order_id) if 0 < order_id < 2**63 else None
    if order is None or order["organization_id"] != organization_id or order["kind"] not in catalogue():
        return []
    person_ids, pair_ids = order_records(db, order_id)
    if pair_ids:
        # The consents of an order of pairs are its mentors' and mentees', not the curator's or the head's.
        pairs = [get_pair(db, pair_id) for pair_id in pair_ids]
        person_ids = list(dict.fromkeys(person["id"] for pair in pairs if pair
                                        for person in (pair["mentor"], *pair["mentees"])))
    keys = [_key(ORDER, order_id)]
    for paper in get_template(order["kind"]).print_with:
        source = get_template(paper).source
        records = {"pair": pair_ids, "person": person_ids, "order": [order_id]}.get(source, [None])
        keys += [_key(paper, record) for record in records]
    return keys


def _parse(key: str) -> tuple[str, int | None]:
    """(kind, record) of a key; raises :class:`PrintRefused` for a key that names nothing printable."""
    kind, _, record = key.partition(":")
    if kind != ORDER and (kind not in catalogue() or not _papers(catalogue()[kind])):
        raise PrintRefused(f"Документ «{kind[:40]}» нельзя напечатать из этого списка.")
    if not record:
        if kind == ORDER or catalogue()[kind].source != "organization":
            raise PrintRefused(f"Для документа «{kind}» не выбрана запись.")
        return kind, None
    if not record.isdigit() or len(record) > 18:
        raise PrintRefused(f"«{record[:20]}» — не номер записи.")
    return kind, int(record)


def _owned(db: Database, organization_id: int, kind: str, record: int | None) -> bool:
    """Whether the record belongs to the organisation (another's answers as missing)."""
    if record is None:
        return True
    source = ORDER if kind == ORDER else catalogue()[kind].source
    if source in (ORDER, "order"):
        order = get_order(db, record)
        return order is not None and order["organization_id"] == organization_id and bool(order["versions"])
    if source == "pair":
        return get_pair(db, record, organization_id) is not None
    person = get_person(db, record)
    return person is not None and person["organization_id"] == organization_id


def _title(db: Database, kind: str, record: int | None) -> str:
    """How the merged file's outline names the document."""
    if kind == ORDER:
        order = get_order(db, record)
        return f"Приказ {_order_label(order)}"
    entry = catalogue()[kind]
    if entry.source == "pair":
        return f"{entry.title}: {_pair_label(get_pair(db, record))}"
    if entry.source == "person":
        return f"{entry.title}: {full_name(get_person(db, record))}"
    if entry.source == "order":
        order = get_order(db, record)
        return f"{entry.title}: приказ № {order['number']} от {ru_date(order['date'])}"
    return entry.title


def collect(db: Database, organization_id: int, keys: list[str],
            render: Callable[[str, dict], bytes]) -> list[tuple[str, bytes]]:
    """(title, DOCX bytes) of each document of ``keys`` in their order, each once: a registered order's
    latest stored file, a paper rendered now from the registry by ``render(template_id, data)``.

    Raises :class:`PrintRefused` for an empty selection or one over :data:`MAX_DOCUMENTS`, a key naming
    nothing printable or another organisation's record, and a paper whose contract refuses the
    registry's data (the message names the paper and what is missing)."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        raise PrintRefused("Отметьте хотя бы один документ.")
    if len(keys) > MAX_DOCUMENTS:
        raise PrintRefused(f"Отмечено документов: {len(keys)}; в один файл — не больше {MAX_DOCUMENTS}. "
                           "Разделите печать на части, например по видам документов.")
    documents = []
    for key in keys:
        kind, record = _parse(key)
        if not _owned(db, organization_id, kind, record):
            raise PrintRefused(f"Документа {key} нет в реестре организации: обновите страницу.")
        title = _title(db, kind, record)
        if kind == ORDER:
            documents.append((title, get_version(db, record)["file"]))
            continue
        data = from_registry(kind, db, organization_id, record, {})
        try:
            check(kind, data)
        except ContractError as error:
            raise PrintRefused(f"«{title}» не сформирован: {_missing(error)}. Дополните реестр или снимите "
                               "отметку.") from None
        documents.append((title, render(kind, data)))
    return documents


def print_file(documents: list[tuple[str, bytes]], *, pdf: Callable[[list[bytes]], list[bytes]] | None,
               duplex: bool = False, today: dt.date | None = None) -> PrintFile:
    """The merged print file of ``documents`` ((title, DOCX bytes), from :func:`collect`): with ``pdf``
    (a converter of many DOCX files to PDF bytes, e.g. ``PdfConverter.convert_many``) one PDF, its
    outline naming each document, a blank back page after an odd one when ``duplex``; without, one DOCX
    (docxcompose) a school can still edit. Raises what the converter raises, and ``ValueError`` (Russian)
    for a document the merge cannot read."""
    titles = [title for title, _ in documents]
    stamp = f"{today or dt.date.today():%d.%m.%Y}"
    if pdf is None:
        content = merge_docx([docx for _, docx in documents], titles)
        return PrintFile(content, f"Документы_для_печати_{stamp}.docx", len(documents))
    content = merge_pdf(pdf([docx for _, docx in documents]), titles, duplex)
    return PrintFile(content, f"Документы_для_печати_{stamp}.pdf", len(documents))

