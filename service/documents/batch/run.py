"""A batch: many documents of one template from many rows, made on every core, into one ZIP and, when
asked, one print file.

This process and worker processes (started warm, :func:`~service.documents.workers.worker_context`)
each prepare the template once and take the rows in chunks; each row is checked and
rendered exactly as a single download is (:func:`service.documents.render.render`). This process writes
the documents into the ZIP in the order of the rows as the chunks come back, and makes chunks itself
while it waits for one, keeping every core busy while memory stays flat. PDFs are made per chunk by one
``soffice`` call of the process that made it (:meth:`~service.documents.pdf.PdfConverter.convert_many`),
never one process per file.
"""

import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from service.documents.batch.archive import Archive, write_whole
from service.documents.catalogue import get_template
from service.documents.contracts import ContractError, FieldError
from service.documents.pdf import BATCH, PdfConverter, pdf_name
from service.documents.render import render
from service.documents.workers import worker_context

#: Rows per chunk, the unit of work of a process: a tenth of a second of rendering, so that progress
#: moves, a cancel is heard soon and the processes finish together.
CHUNK = 25
#: Rows per chunk when PDFs are made: as many as one ``soffice`` call converts.
PDF_CHUNK = BATCH
#: Chunks queued for each worker process.
AHEAD = 2
#: Chunks this process may have made and hold, waiting behind one a worker has not given back yet (while
#: a worker prepares its template, this process goes on alone).
HELD = 16


class Row(NamedTuple):
    """One document's data: ``number`` — where the person finds it: the sheet's row, or the item of
    the JSON list from 1 — and ``data``, the contract object (parsed JSON), not yet checked."""

    number: int
    data: Any


class RowFailure(NamedTuple):
    """A row that made no document: its ``row`` number (:attr:`Row.number`) and what is wrong with
    it, one :class:`~service.documents.contracts.FieldError` per field (path, Russian message)."""

    row: int
    errors: tuple[FieldError, ...]

    @property
    def reasons(self) -> list[str]:
        """The Russian messages, each naming its field: «не заполнено: должность (наставник)»."""
        return [error.message for error in self.errors]


@dataclass
class BatchResult:
    """What a batch made: ``done`` documents, named ``file_names`` in the ZIP (the DOCX names, in the
    order of the rows: the document's own name, «_2» … for a repeated one), and the rows that made
    none (``failed``, in order)."""

    done: int = 0
    failed: list[RowFailure] = field(default_factory=list)
    file_names: list[str] = field(default_factory=list)


class BatchCancelled(Exception):
    """The batch was cancelled; nothing was written."""


class _Outcome(NamedTuple):
    """A row's result from a worker: the document's file name, DOCX and PDF (None unless asked), or
    the errors of its data."""

    row: int
    file_name: str = ""
    docx: bytes = b""
    pdf: bytes | None = None
    errors: tuple[FieldError, ...] = ()


class _Producer:
    """Makes the documents of chunks of rows in one process: template ``template_id``; with
    ``profiles`` (a folder) PDFs too, by a LibreOffice profile of this process's own in it."""

    def __init__(self, template_id: str, profiles: str | None):
        self.template_id, self.profiles = template_id, profiles
        self.converter = None
        if profiles is not None:
            self.converter = PdfConverter(Path(profiles) / f"worker-{os.getpid()}", 1, resident=False)

    def warm(self) -> None:
        """Prepare the template, compile its parts and load the dictionaries before the first chunk."""
        render(self.template_id, get_template(self.template_id).example)

    def make(self, rows: list[Row]) -> list[_Outcome]:
        """The outcome of each row, in order. Raises :class:`~service.documents.pdf.PdfUnavailable`."""
        outcomes = []
        for row in rows:
            try:
                rendered = render(self.template_id, row.data)
            except ContractError as error:
                outcomes.append(_Outcome(row.number, errors=tuple(error.errors)))
            else:
                outcomes.append(_Outcome(row.number, rendered.file_name, rendered.content))
        if self.converter is not None:
            made = [index for index, outcome in enumerate(outcomes) if not outcome.errors]
            pdfs = self.converter.convert_many([outcomes[index].docx for index in made]) if made else []
            for index, pdf in zip(made, pdfs, strict=True):
                outcomes[index] = outcomes[index]._replace(pdf=pdf)
        return outcomes


@cache
def _worker_producer(template_id: str, profiles: str | None) -> _Producer:
    """The producer of this worker process (which serves one batch and ends with it)."""
    return _Producer(template_id, profiles)


def _start_worker(template_id: str, profiles: str | None) -> None:
    _worker_producer(template_id, profiles).warm()


def _make_in_worker(template_id: str, profiles: str | None, rows: list[Row]) -> list[_Outcome]:
    return _worker_producer(template_id, profiles).make(rows)


def _chunks(rows: Sequence[Row], size: int, workers: int, pdf: bool) -> Iterator[list[Row]]:
    """``rows`` in chunks of ``size``. On several processes without PDFs the last chunks are smaller — a
    ``2 × workers``-th of the rows left — so that the processes run out of work together, not one idle
    while another makes its last chunks; with PDFs every chunk is whole, as each costs a LibreOffice
    start."""
    start = 0
    while start < len(rows):
        step = size if pdf or workers == 1 else max(1, min(size, (len(rows) - start) // (2 * workers)))
        yield list(rows[start:start + step])
        start += step


#: What giving a chunk to a worker raises when the workers are gone — one killed (out of memory), or
#: the fork server: that chunk, and every one after it, is made by this process instead.
_WORKERS_GONE = (BrokenProcessPool, EOFError, ConnectionError)


def _give(executor: ProcessPoolExecutor, producer: _Producer, chunk: list[Row]) -> Future | list[_Outcome]:
    """``chunk`` given to a worker (its future), or made by this process when the workers are gone."""
    try:
        return executor.submit(_make_in_worker, producer.template_id, producer.profiles, chunk)
    except _WORKERS_GONE:
        return producer.make(chunk)


def _outcomes(template_id: str, chunks: Iterator[list[Row]], workers: int,
              profiles: str | None) -> Iterator[list[_Outcome]]:
    """Each chunk's outcomes, in the order of the chunks, made by ``workers`` processes: this one and
    ``workers - 1`` worker processes, each with :data:`AHEAD` chunks queued. This process makes the
    next chunk itself whenever the oldest one given out is not back yet, holding at most :data:`HELD`
    of its own, and makes again the chunks of a worker that is gone. Closing the iterator stops the
    workers, dropping the chunks not begun."""
    producer = _Producer(template_id, profiles)
    if workers == 1:
        for chunk in chunks:
            yield producer.make(chunk)
        return
    executor = ProcessPoolExecutor(workers - 1, mp_context=worker_context(), initializer=_start_worker,
                                   initargs=(template_id, profiles))
    # In the order of the chunks: each with a worker's future, or the outcomes this process made.
    slots: deque[tuple[list[Row], Future | list[_Outcome]]] = deque()
    try:
        while True:
            queued = sum(isinstance(made, Future) and not made.done() for _, made in slots)
            for chunk in islice(chunks, max(0, (workers - 1) * AHEAD - queued)):
                slots.append((chunk, _give(executor, producer, chunk)))
            if not slots:
                return
            head_chunk, head = slots[0]
            if isinstance(head, list) or head.done():
                slots.popleft()
                if isinstance(head, list):
                    yield head
                    continue
                try:
                    made = head.result()
                except BrokenProcessPool:
                    made = producer.make(head_chunk)
                yield made
                continue
            held = sum(isinstance(made, list) for _, made in slots)
            chunk = next(chunks, None) if held < HELD else None
            if chunk is not None:
                slots.append((chunk, producer.make(chunk)))
            else:
                wait([head])
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def run_batch(template_id: str, rows: Sequence[Row], out_zip: Path, *, pdf: bool = False,
              print_pdf: Path | None = None, print_docx: Path | None = None, workers: int | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> BatchResult:
    """Make a document of template ``template_id`` from each of ``rows`` into the ZIP ``out_zip``.

    Each row is checked against the template's contract; a row that fails is reported in
    :attr:`BatchResult.failed` with its Russian reasons and the other rows still make their
    documents. With ``pdf`` each document's PDF goes into the ZIP beside its DOCX; ``print_pdf``
    gets one PDF of all the documents in the order of the rows (:func:`~service.documents.merge.merge_pdf`,
    a bookmark per document), ``print_docx`` one DOCX (:func:`~service.documents.merge.merge_docx`) —
    both are made in memory once every document is (a print file is for one school's year, not for
    ten thousand documents). ``workers``: processes making documents, this one included (None: one per
    core; 1 or less: this process alone).
    ``progress(rows_done, rows_total)`` is called after each chunk; ``cancelled()`` is asked before
    each chunk is written, and when it answers True the batch stops.

    Nothing is written when no row makes a document, and an output file is either complete or
    absent. Raises :class:`BatchCancelled`, :class:`~service.documents.catalogue.UnknownTemplate`,
    :class:`~service.documents.pdf.PdfUnavailable` (PDF asked and LibreOffice absent or failing),
    ``OSError`` for an output that cannot be written.
    """
    get_template(template_id)
    makes_pdf = bool(pdf or print_pdf)
    size = PDF_CHUNK if makes_pdf else CHUNK
    workers = max(1, min(os.cpu_count() or 1 if workers is None else workers, -(-len(rows) // size)))
    result = BatchResult()
    prints: list[tuple[str, bytes, bytes | None]] = []  # (title, DOCX, PDF) of each document for the print files
    with tempfile.TemporaryDirectory(prefix="nastavnik-batch-") as profiles:
        archive = Archive(out_zip)
        outcomes = _outcomes(template_id, _chunks(rows, size, workers, makes_pdf), workers,
                             profiles if makes_pdf else None)
        try:
            for chunk in outcomes:
                if cancelled is not None and cancelled():
                    raise BatchCancelled()
                for outcome in chunk:
                    if outcome.errors:
                        result.failed.append(RowFailure(outcome.row, outcome.errors))
                        continue
                    name = archive.add(outcome.file_name, outcome.docx)
                    if pdf:
                        archive.add(pdf_name(name), outcome.pdf)
                    if print_pdf or print_docx:
                        prints.append((PurePath(name).stem, outcome.docx if print_docx else b"", outcome.pdf))
                    result.file_names.append(name)
                    result.done += 1
                if progress is not None:
                    progress(result.done + len(result.failed), len(rows))
            outcomes.close()  # the workers end before their LibreOffice profiles are removed
            if result.done:
                # Here, not at the top: the worker processes import this module and merge nothing.
                from service.documents.merge import merge_docx, merge_pdf

                titles = [title for title, _, _ in prints]
                if print_pdf:
                    write_whole(print_pdf, merge_pdf([pdf for _, _, pdf in prints], titles))
                if print_docx:
                    write_whole(print_docx, merge_docx([docx for _, docx, _ in prints], titles))
                archive.commit()
            else:
                archive.discard()
        except BaseException:
            outcomes.close()
            archive.discard()
            raise
    return result
