"""Batch jobs: a batch asked for on the web and made in the background by ``nastavnik worker``
(:mod:`service.documents.batch.queue`), each in a folder of its own under the batches folder (the
instance's ``batches``, or ``NASTAVNIK_BATCHES`` — a folder shared with the workers of other machines):

- ``job.json`` — who asked (organisation, user), the template, where the rows came from, how many, the
  options (PDF in the ZIP, the print file's format), when;
- ``rows.json`` — the rows ([number, contract object] each), fixed when the job was asked for, so that a
  worker needs no registry;
- ``status.json`` — written by the worker as it goes: the state, documents done of the total, the rows
  that made none with their Russian reasons, the time it started and ended, the error that stopped it;
- ``cancel`` — the secretary's cancel, heard between chunks;
- the results: ``documents.zip`` and ``print.pdf`` or ``print.docx``.

A job and its files are removed :data:`RETENTION_HOURS` after it ended (:func:`purge`). Each file is
written whole (a temporary file renamed over it), so a reader never sees half of one.
"""

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from service.documents.batch.archive import write_whole
from service.documents.batch.rows import Row
from service.documents.batch.run import BatchCancelled, run_batch
from service.documents.catalogue import UnknownTemplate, catalogue
from service.documents.pdf import PdfUnavailable

#: How long the results of an ended job are kept, in hours (``NASTAVNIK_BATCH_RETENTION_HOURS``).
RETENTION_HOURS = 72
#: A running job whose status has not moved for this long lost its worker (killed, machine restarted)
#: and is given to the queue again, in seconds.
STALE_SECONDS = 120
#: The states of a job; the last three are final.
STATES = {"queued": "в очереди", "running": "формируется", "done": "готово", "failed": "не сформировано",
          "cancelled": "отменено"}
FINAL = ("done", "failed", "cancelled")
#: The print file's formats.
PRINT_FORMATS = ("pdf", "docx")
ZIP_NAME = "documents.zip"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def retention_hours() -> float:
    """:data:`RETENTION_HOURS`, or ``NASTAVNIK_BATCH_RETENTION_HOURS`` when set to a positive number."""
    try:
        hours = float(os.environ.get("NASTAVNIK_BATCH_RETENTION_HOURS", ""))
    except ValueError:
        return RETENTION_HOURS
    return hours if hours > 0 else RETENTION_HOURS


@dataclass
class Job:
    """A job as its folder tells it. ``state`` is a code of :data:`STATES`; ``done`` counts the rows
    handled (documents made and rows refused), ``made`` the documents; ``failed`` is a list of
    {"row": number, "reasons": [Russian messages]}; times are aware datetimes (UTC) or None."""

    id: str
    folder: Path
    organization_id: int
    user_id: int | None
    template_id: str
    title: str
    source: str
    total: int
    pdf: bool
    print_format: str
    created_at: dt.datetime
    state: str = "queued"
    done: int = 0
    made: int = 0
    failed: list[dict] = field(default_factory=list)
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    error: str = ""
    cancel_asked: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, row: int) -> str:
        """How the page names row ``row``."""
        return self.labels.get(str(row)) or f"строка {row}"

    @property
    def state_title(self) -> str:
        if self.cancel_asked and self.state not in FINAL:
            return "отменяется"
        return STATES[self.state]

    @property
    def final(self) -> bool:
        return self.state in FINAL

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def seconds_left(self, now: dt.datetime | None = None) -> int | None:
        """How long the rest should take at the pace so far, in seconds; None before the first chunk."""
        if self.state != "running" or not self.done or self.started_at is None:
            return None
        spent = ((now or _now()) - self.started_at).total_seconds()
        return round(spent / self.done * (self.total - self.done))

    @property
    def zip_path(self) -> Path | None:
        path = self.folder / ZIP_NAME
        return path if self.state == "done" and path.exists() else None

    @property
    def print_path(self) -> Path | None:
        if not self.print_format:
            return None
        path = self.folder / f"print.{self.print_format}"
        return path if self.state == "done" and path.exists() else None

    def expires_at(self) -> dt.datetime | None:
        return self.finished_at + dt.timedelta(hours=retention_hours()) if self.finished_at else None


def _time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _write_json(path: Path, data) -> None:
    write_whole(path, json.dumps(data, ensure_ascii=False).encode())


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def create(folder: Path, *, organization_id: int, user_id: int | None, template_id: str, source: str,
           rows: list[Row], labels: dict[int, str] | None = None, pdf: bool = False, print_format: str = "") -> Job:
    """A new queued job in a new subfolder of ``folder``: its rows, how the page names each row
    (``labels`` by row number: «Черных О.И. → Шевчук А.С.»; else «строка N»), where they came from
    (``source``: «реестр, 2025/2026 учебный год», a file's name) and what was asked. Raises
    :class:`~service.documents.catalogue.UnknownTemplate`, and ``ValueError`` (Russian) for no rows or
    an unknown print format."""
    entry = catalogue().get(template_id)
    if entry is None:
        raise UnknownTemplate(template_id)
    if not rows:
        raise ValueError("Нет ни одной строки: документы формировать не из чего.")
    if print_format not in ("", *PRINT_FORMATS):
        raise ValueError("Файл для печати — PDF или DOCX.")
    job_id = uuid.uuid4().hex
    home = folder / job_id
    home.mkdir(parents=True)
    _write_json(home / "rows.json", [[row.number, row.data] for row in rows])
    _write_json(home / "job.json", {
        "organization_id": organization_id, "user_id": user_id, "template_id": template_id, "title": entry.title,
        "source": source, "total": len(rows), "pdf": pdf, "print_format": print_format,
        "labels": {str(number): label for number, label in (labels or {}).items()}, "created_at": _now().isoformat()})
    _write_json(home / "status.json", {"state": "queued", "updated_at": _now().isoformat()})
    return load(folder, job_id)


def load(folder: Path, job_id: str) -> Job | None:
    """The job ``job_id`` of ``folder``, or None (no such job, a malformed id, or removed)."""
    if len(job_id) != 32 or not all(c in "0123456789abcdef" for c in job_id):
        return None
    home = folder / job_id
    asked, status = _read_json(home / "job.json"), _read_json(home / "status.json")
    if asked is None or status is None:
        return None
    return Job(job_id, home, asked["organization_id"], asked["user_id"], asked["template_id"], asked["title"],
               asked["source"], asked["total"], asked["pdf"], asked["print_format"], _time(asked["created_at"]),
               state=status["state"], done=status.get("done", 0), made=status.get("made", 0),
               failed=status.get("failed", []), started_at=_time(status.get("started_at")),
               finished_at=_time(status.get("finished_at")), updated_at=_time(status.get("updated_at")),
               error=status.get("error", ""), cancel_asked=(home / "cancel").exists(),
               labels=asked.get("labels", {}))


def list_jobs(folder: Path, organization_id: int | None = None) -> list[Job]:
    """The jobs of ``folder`` (of one organisation when given), newest first."""
    found = [job for job in (load(folder, home.name) for home in _homes(folder)) if job is not None]
    if organization_id is not None:
        found = [job for job in found if job.organization_id == organization_id]
    return sorted(found, key=lambda job: job.created_at, reverse=True)


def _homes(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from (home for home in folder.iterdir() if home.is_dir())


def _status(job: Job, **changes) -> None:
    status = {"state": job.state, "done": job.done, "made": job.made, "failed": job.failed,
              "started_at": job.started_at.isoformat() if job.started_at else None,
              "finished_at": job.finished_at.isoformat() if job.finished_at else None, "error": job.error}
    status.update(changes)
    status["updated_at"] = _now().isoformat()
    _write_json(job.folder / "status.json", status)


def cancel(job: Job) -> None:
    """Ask the job to stop: a queued one is cancelled at once (a worker taking it later skips it), a
    running one between two chunks; nothing is kept of it."""
    (job.folder / "cancel").touch()
    if job.state == "queued":
        _status(job, state="cancelled", finished_at=_now().isoformat())


def run(folder: Path, job_id: str, workers: int | None = None) -> Job | None:
    """Make the job's documents (in the worker): the ZIP and the print file into its folder, the status
    after each chunk. A job cancelled, ended or removed meanwhile is left as it is. Returns the job as it
    ended, or None when there is none."""
    job = load(folder, job_id)
    if job is None or job.final or not _claim(job):
        return job
    try:
        return _run(folder, job, workers)
    finally:
        (job.folder / "claim").unlink(missing_ok=True)


def _claim(job: Job) -> bool:
    """Take the job for this worker: a job can be queued twice (asked for, then seen waiting by the
    periodic look), and only one worker makes it. A claim whose job has not moved for
    :data:`STALE_SECONDS` is taken over: its worker is gone."""
    claim = job.folder / "claim"
    try:
        claim.touch(exist_ok=False)
    except FileExistsError:
        if job.updated_at is not None and (_now() - job.updated_at).total_seconds() <= STALE_SECONDS:
            return False
        claim.touch()
    return True


def _run(folder: Path, job: Job, workers: int | None) -> Job:
    job_id = job.id
    if job.cancel_asked:
        _status(job, state="cancelled", finished_at=_now().isoformat())
        return load(folder, job_id)
    rows = [Row(number, data) for number, data in _read_json(job.folder / "rows.json")]
    job.state, job.started_at, job.done, job.made, job.failed = "running", _now(), 0, 0, []
    _status(job)

    def progress(done: int, total: int) -> None:
        job.done = done
        _status(job)

    def cancelled() -> bool:
        return (job.folder / "cancel").exists()

    printed = job.folder / f"print.{job.print_format}" if job.print_format else None
    try:
        result = run_batch(job.template_id, rows, job.folder / ZIP_NAME, pdf=job.pdf,
                           print_pdf=printed if job.print_format == "pdf" else None,
                           print_docx=printed if job.print_format == "docx" else None, workers=workers,
                           progress=progress, cancelled=cancelled)
    except BatchCancelled:
        job.state = "cancelled"
    except PdfUnavailable as error:
        job.state, job.error = "failed", str(error)
    except (OSError, ValueError) as error:  # a full disk; a file the merge could not read
        job.state, job.error = "failed", f"Не удалось записать результат: {error}"
    else:
        job.made = result.done
        job.failed = [{"row": failure.row, "reasons": failure.reasons} for failure in result.failed]
        job.state = "done" if result.done else "failed"
        if not result.done:
            job.error = "Ни одна строка не дала документа: исправьте строки и сформируйте пакет заново."
    job.finished_at = _now()
    _status(job)
    return load(folder, job_id)


def waiting(folder: Path, now: dt.datetime | None = None) -> list[str]:
    """Ids of the jobs a worker should take: queued ones, and running ones whose worker is gone (no
    status for :data:`STALE_SECONDS`)."""
    now = now or _now()
    found = []
    for job in list_jobs(folder):
        stale = job.updated_at is None or (now - job.updated_at).total_seconds() > STALE_SECONDS
        if job.state == "queued" or (job.state == "running" and stale):
            found.append(job.id)
    return found


def purge(folder: Path, now: dt.datetime | None = None) -> int:
    """Remove the jobs ended more than the retention time ago (:func:`retention_hours`) with their files,
    and folders left without a job; returns how many jobs went."""
    now = now or _now()
    removed = 0
    for home in list(_homes(folder)):
        job = load(folder, home.name)
        if job is None:
            created = dt.datetime.fromtimestamp(home.stat().st_mtime, dt.UTC)
            if now - created > dt.timedelta(hours=1):  # a folder half made when its job was asked for
                shutil.rmtree(home, ignore_errors=True)
            continue
        if job.final and job.expires_at() <= now:
            shutil.rmtree(home, ignore_errors=True)
            removed += 1
    return removed

