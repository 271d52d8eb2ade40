"""How fast a batch of documents is made from one sheet: ``run_batch`` on one process and on two against the
naive docxtpl loop on the same rows, in one run; a worker's memory; the XML against the docxtpl path; one
document's latency before and after; PDFs in batches against one ``soffice`` per file.

    python bench/batch.py [--documents 1000] [--pdf-files 30] [--repeat 3] [--long 10000] [--out docs/benchmarks.md]

The naive loop is issue 10's: ``DocxTemplate(path)``, ``render(context, autoescape=True)`` and ``save`` per
row, the contexts computed before the clock starts; ours starts from the sheet's rows and checks each
against the contract, builds its context, renders and writes the ZIP. A worker's peak memory is its
``VmHWM`` (the peak resident set, what ``getrusage`` gives as ``ru_maxrss``), read from ``/proc`` after each
chunk (Linux). Targets (issue 10): ≥ 5× the naive loop's documents per second on one core, ≥ 1.7× more on
two, ≤ 150 MB per worker and flat over 10,000 documents, PDF ≥ 2× one ``soffice`` per file.
"""

import argparse
import datetime as dt
import io
import multiprocessing
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.report import write_section  # noqa: E402
from service.documents.batch import read_rows, run_batch, write_sheet  # noqa: E402
from service.documents.catalogue import get_template  # noqa: E402
from service.documents.pdf import PdfConverter, find_soffice  # noqa: E402
from service.documents.render import _patched_xml, _set_properties, check, environment, render  # noqa: E402
from service.documents.workers import prepare_workers  # noqa: E402

TEMPLATES = ("pairs-order", "programme")
TARGET_ONE, TARGET_TWO, TARGET_MB, TARGET_PDF = 5.0, 1.7, 150, 2.0
_WOMEN = [("Иванова", "Мария", "Петровна"), ("Смирнова", "Елена", "Александровна"), ("Кузнецова", "Ольга", "Игоревна"),
          ("Попова", "Анна", "Сергеевна"), ("Соколова", "Наталья", "Викторовна"), ("Лебедева", "Ирина", "Олеговна"),
          ("Козлова", "Татьяна", "Николаевна"), ("Новикова", "Светлана", "Юрьевна"), ("Морозова", "Юлия", "Андреевна"),
          ("Шевчук", "Дарья", "Павловна"), ("Черных", "Вера", "Ильинична"), ("Белых", "Полина", "Романовна")]
_MEN = [("Петров", "Сергей", "Иванович"), ("Волков", "Андрей", "Викторович"), ("Фёдоров", "Дмитрий", "Олегович"),
        ("Михайлов", "Артём", "Сергеевич"), ("Зайцев", "Кирилл", "Андреевич"), ("Павлов", "Никита", "Юрьевич"),
        ("Семёнов", "Илья", "Петрович"), ("Голубев", "Максим", "Ильич"), ("Виноградов", "Роман", "Николаевич"),
        ("Богданов", "Егор", "Алексеевич"), ("Коваленко", "Иван", "Степанович"), ("Седых", "Глеб", "Маркович")]
_POSITIONS = ["учитель начальных классов", "учитель математики", "учитель русского языка и литературы",
              "педагог-психолог", "учитель-логопед", "учитель физики", "учитель истории", "воспитатель"]


def _person(number: int) -> dict:
    surname, first, middle = (_WOMEN if number % 2 else _MEN)[(number // 2) % 12]
    return {"full_name": f"{surname} {first} {middle}", "position": _POSITIONS[number % len(_POSITIONS)]}


def _documents(template_id: str, count: int) -> list[dict]:
    """``count`` contract objects: the catalogue's example with other people, numbers and dates."""
    example = get_template(template_id).example
    documents = []
    for index in range(count):
        document = {**example, "curator": _person(index * 7 + 1)}
        if template_id == "pairs-order":
            document["order"] = {"number": str(index + 1), "date": str(dt.date(2024, 1, 9) + dt.timedelta(index % 90))}
            document["pairs"] = [{**pair, "mentor": _person(index * 7 + 2 + number),
                                  "mentees": [_person(index * 7 + 4 + number + m) for m in range(len(pair["mentees"]))]}
                                 for number, pair in enumerate(example["pairs"])]
        else:
            document["pair"] = {**example["pair"], "mentor": _person(index * 5 + 2),
                                "mentees": [_person(index * 5 + 3)]}
        documents.append(document)
    return documents


class _Before(DocxTemplate):
    """The single-document render before the prepared template: docxtpl loads and saves the package for
    every document; each part's cleaned XML was cached, each Jinja source compiled once per process."""

    def patch_xml(self, src_xml):
        return _patched_xml(src_xml)


def render_before(template_id: str, data: dict) -> bytes:
    """One document by the docxtpl path of ``render()`` before this change."""
    entry, document = check(template_id, data)
    context = document.context(entry.id)
    context["heading"] = entry.heading
    template = _Before(entry.path)
    template.render(context, environment(), autoescape=True)
    _set_properties(template.docx.core_properties, document, entry.heading)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def xml_parts(docx: bytes) -> dict[str, bytes]:
    """Every part of a DOCX, the core properties' times (when it was made) blanked."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\1", archive.read(name))
                for name in archive.namelist()}


def _naive(template_id: str, documents: list[dict]) -> float:
    """Seconds of the naive loop over ``documents``, their contexts computed beforehand."""
    entry = get_template(template_id)
    contexts = []
    for data in documents:
        context = check(template_id, data)[1].context(template_id)
        contexts.append({**context, "heading": entry.heading})
    started = time.perf_counter()
    for context in contexts:
        template = DocxTemplate(entry.path)
        template.render(context, autoescape=True)
        template.save(io.BytesIO())
    return time.perf_counter() - started


def _memory(pid: int) -> tuple[float, float]:
    """(peak, current) resident memory of process ``pid``, MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return tuple(int(re.search(rf"{key}:\s+(\d+) kB", status).group(1)) / 1024 for key in ("VmHWM", "VmRSS"))


def _cpu(pid: int) -> float:
    """CPU seconds process ``pid`` has used (user and system, ``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _ours(template_id: str, rows, workers: int, folder: Path, **options) -> tuple[float, float, dict, object]:
    """Seconds of ``run_batch``, the cores it kept busy (CPU seconds of this process and its workers ÷
    seconds: below ``workers`` when other work on the machine took the rest), each worker's memory after
    each chunk {pid: [(documents done, peak MB, current MB)]}, and the result. The workers are forked
    from the fork server, not from this process, so their CPU is read from ``/proc`` after each chunk:
    the last reading follows their last chunk."""
    samples: dict[int, list] = {}
    worker_cpu: dict[int, float] = {}

    def progress(done: int, total: int) -> None:
        for child in multiprocessing.active_children():
            try:
                samples.setdefault(child.pid, []).append((done, *_memory(child.pid)))
                worker_cpu[child.pid] = _cpu(child.pid)
            except (OSError, AttributeError):  # a worker ending between the listing and the reading
                pass

    out = folder / f"{template_id}-{workers}.zip"
    started, cpu = time.perf_counter(), _cpu(os.getpid())
    result = run_batch(template_id, rows, out, workers=workers, progress=progress, **options)
    seconds = time.perf_counter() - started
    return seconds, (_cpu(os.getpid()) - cpu + sum(worker_cpu.values())) / seconds, samples, result


def _command(template_id: str, count: int, workers: int, folder: Path, repeat: int) -> float:
    """Best seconds of ``nastavnik batch`` run from the shell on a sheet of ``count`` documents."""
    sheet = folder / "command.xlsx"
    sheet.write_bytes(write_sheet(template_id, _documents(template_id, count), sheet.name))
    command = [sys.executable, "-c", "from service.cli import main; main()", "batch", template_id, "--data", str(sheet),
               "--out", str(folder / "command.zip"), "--workers", str(workers)]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=Path(__file__).resolve().parents[1])
        best = min(best, time.perf_counter() - started)
    return best


def _identical(template_id: str, documents: list[dict], archive: Path, names: list[str], count: int) -> int:
    """How many of the first ``count`` documents of the ZIP have every part as the docxtpl path makes it."""
    same = 0
    with zipfile.ZipFile(archive) as made:
        for data, name in zip(documents[:count], names[:count], strict=True):
            same += xml_parts(made.read(name)) == xml_parts(render_before(template_id, data))
    return same


def _latency(template_id: str, runs: int) -> tuple[float, float]:
    """Median seconds of one warm document: (before, after)."""
    data = get_template(template_id).example
    render_before(template_id, data)
    render(template_id, data)
    timings = {}
    for label, call in (("before", render_before), ("after", render)):
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            call(template_id, data)
            seconds.append(time.perf_counter() - started)
        timings[label] = statistics.median(seconds)
    return timings["before"], timings["after"]


def _pdf(documents: list[dict], folder: Path) -> tuple[float, dict[int, float]]:
    """Seconds of one ``soffice`` per file for ``documents`` (pairs orders), and of ``run_batch`` with
    PDFs on 1 and 2 workers."""
    docxs = [render("pairs-order", data).content for data in documents]
    converter = PdfConverter(folder / "profiles", 1, resident=False)
    converter.convert(docxs[0])  # the profile exists already: the baseline at its best
    started = time.perf_counter()
    for docx in docxs:
        converter.convert(docx)
    each = time.perf_counter() - started
    rows = read_rows("pairs-order", write_sheet("pairs-order", documents, "pdf.xlsx"), "pdf.xlsx")
    batched = {workers: _ours("pairs-order", rows, workers, folder, pdf=True)[0] for workers in (1, 2)}
    return each, batched


def _loop(_: object = None) -> float:
    """Seconds of a fixed pure-Python loop: the machine's own pace, nothing shared."""
    started, total = time.perf_counter(), 0
    for number in range(20_000_000):
        total += number
    return time.perf_counter() - started


def _ceiling(repeat: int) -> float:
    """How much more two processes do at once than one on this machine, best of ``repeat`` each as
    for the batches: what a second process gets here, below 2 when the two virtual CPUs share a physical
    core or the host is busy."""
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(time.sleep, [1, 1])  # both processes up before the first measure
        alone, together = [], []
        for _ in range(repeat):
            alone.append(pool.apply(_loop))
            together.append(max(pool.map(_loop, range(2))))
    return 2 * min(alone) / min(together)


def _peaks(samples: dict) -> list[float]:
    return [max(peak for _, peak, _ in series) for series in samples.values()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents per template")
    parser.add_argument("--pdf-files", type=int, default=30, help="documents converted to PDF")
    parser.add_argument("--long", type=int, default=0, metavar="N",
                        help="also make N pairs orders on two workers and follow their memory (10000)")
    parser.add_argument("--repeat", type=int, default=3, help="batches per template and number of processes (best)")
    parser.add_argument("--runs", type=int, default=30, help="renders per latency median")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown section here")
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    prepare_workers()  # as `nastavnik batch` and `nastavnik worker` do before their first batch
    ceiling_start = _ceiling(args.repeat)
    lines = ["## Batch", "",
             f"Command: `python bench/batch.py --documents {args.documents} --pdf-files {args.pdf_files} --repeat "
             f"{args.repeat}" + (f" --long {args.long}" if args.long else "") + " --out docs/benchmarks.md`, run "
             f"{dt.date.today():%d.%m.%Y} (Python {platform.python_version()}, {platform.machine()}, "
             f"{os.cpu_count()} CPUs, load average {load_start:.1f} at the start, one run).", "",
             f"{args.documents} documents per template from one sheet (xlsx, people varied: women and men), "
             "documents per second. Naive: issue 10's docxtpl loop, contexts precomputed. Ours: `run_batch` from "
             "the sheet's rows (contract check, context, render, ZIP written on disk) on one process (`workers=1`: "
             "the calling one) and on two (`workers=2`: it and one worker process forked for the batch from the fork "
             f"server, its template prepared within the time measured); best of {args.repeat} batches each, one "
             "process and two in turn (the machine is shared: other work slows a batch now and then).", "",
             "| template | naive | ours, 1 process | ours, 2 processes | 1 process ÷ naive | 2 ÷ 1 "
             "| cores kept busy, 1 / 2 processes | worker's peak memory, MB | parts as docxtpl's |",
             "|---|---|---|---|---|---|---|---|---|"]
    verdicts = []
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for template_id in TEMPLATES:
            documents = _documents(template_id, args.documents)
            sheet = write_sheet(template_id, documents, "rows.xlsx")
            started = time.perf_counter()
            rows = read_rows(template_id, sheet, "rows.xlsx")
            reading = time.perf_counter() - started
            naive = args.documents / _naive(template_id, documents)
            render(template_id, documents[0])  # this process warm, as the naive loop is: template read, parts compiled
            speed, cores, peaks = {1: 0.0, 2: 0.0}, {}, []
            for _ in range(args.repeat):  # one process and two in turn, so that both meet the same load
                for workers in (1, 2):
                    seconds, busy, samples, result = _ours(template_id, rows, workers, folder)
                    assert result.done == args.documents and not result.failed, result.failed[:3]
                    if args.documents / seconds > speed[workers]:
                        speed[workers], cores[workers] = args.documents / seconds, busy
                    peaks += _peaks(samples)
            peak = max(peaks)
            sample = min(100, args.documents)
            same = _identical(template_id, documents, folder / f"{template_id}-2.zip", result.file_names, sample)
            one, two = speed[1] / naive, speed[2] / speed[1]
            lines.append(f"| {template_id} | {naive:.0f} | {speed[1]:.0f} | {speed[2]:.0f} | {one:.1f}× | {two:.2f}× | "
                         f"{cores[1]:.2f} / {cores[2]:.2f} | {peak:.0f} | {same} of the first {sample} |")
            verdicts.append(f"{template_id}: one core {'met' if one >= TARGET_ONE else 'missed'} ({one:.1f}× ≥ "
                            f"{TARGET_ONE}×), two cores {'met' if two >= TARGET_TWO else 'missed'} ({two:.2f}× ≥ "
                            f"{TARGET_TWO}×), memory {'met' if peak <= TARGET_MB else 'missed'} ({peak:.0f} MB ≤ "
                            f"{TARGET_MB}); reading the sheet took {reading:.2f} s more")
        lines += ["", *(f"- {verdict}." for verdict in verdicts), "",
                  "The fork server is started when the bench starts, as `nastavnik batch` starts it before it reads "
                  "the sheet and `nastavnik worker` when it starts: it imports the renderer and loads the dictionaries "
                  "once, and each batch's worker is forked from it warm. The whole command from the shell, a new "
                  "Python each time, is measured below; the line of 10,000 documents shows two processes at length."]
        command = {workers: _command("pairs-order", args.documents, workers, folder, args.repeat) for workers in (1, 2)}
        lines += ["", f"The command from the shell, `nastavnik batch pairs-order --data rows.xlsx --out docs.zip "
                  f"--workers N` (run as `python -c 'from service.cli import main; main()' batch …`), "
                  f"{args.documents} documents (Python's start, the sheet read — on 2 processes while the fork "
                  f"server starts —, the documents, the ZIP; best of {args.repeat}): {command[1]:.2f} s on 1 process, "
                  f"{command[2]:.2f} s on 2 ({command[1] / command[2]:.2f}×)."]
        before, after = {}, {}
        for template_id in TEMPLATES:
            before[template_id], after[template_id] = _latency(template_id, args.runs)
        lines += ["", f"One document, warm (`render()`: check, context, render; median of {args.runs}): "
                  + "; ".join(f"{t} {before[t] * 1000:.0f} ms by the docxtpl path before, {after[t] * 1000:.0f} ms "
                              f"now ({before[t] / after[t]:.1f}×)" for t in TEMPLATES) + "."]
        if args.long:
            rows = read_rows("pairs-order", write_sheet("pairs-order", _documents("pairs-order", args.long),
                                                        "long.xlsx"), "long.xlsx")
            alone, busy_alone, _, _ = _ours("pairs-order", rows, 1, folder)
            seconds, busy, samples, _ = _ours("pairs-order", rows, 2, folder)
            growth = []
            for series in samples.values():
                early = next(peak for done, peak, _ in series if done >= min(1000, args.long))
                growth.append(f"{early:.0f} → {series[-1][1]:.0f} MB (now {series[-1][2]:.0f} MB)")
            lines += ["", f"{args.long} pairs orders: {args.long / alone:.0f} documents/s on 1 process, "
                      f"{args.long / seconds:.0f} on 2 ({alone / seconds:.2f}×; cores kept busy {busy_alone:.2f} / "
                      f"{busy:.2f}; one batch each, not the best of several, so the machine's other load weighs on "
                      f"the ratio either way); the worker's peak memory after the first 1,000 documents → at the end: "
                      f"{'; '.join(growth)}."]
        soffice = find_soffice()
        if soffice is not None and args.pdf_files:
            each, batched = _pdf(_documents("pairs-order", args.pdf_files), folder)
            ratio = each / batched[1]
            lines += ["", f"PDF of {args.pdf_files} pairs orders (LibreOffice `{soffice}`): one `soffice` per file "
                      f"{args.pdf_files / each:.2f} files/s (its profile made beforehand); `run_batch(pdf=True)` "
                      f"— one `soffice` per chunk of up to 25, a new profile per process, DOCX made too — "
                      f"{args.pdf_files / batched[1]:.2f} files/s on 1 process ({ratio:.1f}×: "
                      f"{'met' if ratio >= TARGET_PDF else 'missed'}, target ≥ {TARGET_PDF}×), "
                      f"{args.pdf_files / batched[2]:.2f} files/s on 2."]
    lines += ["", f"The machine's own 2 ÷ 1 — a pure-Python loop on two processes at once against one, best of "
              f"{args.repeat} each, what a second process gets here — was {ceiling_start:.2f}× at the start and "
              f"{_ceiling(args.repeat):.2f}× at the end (above 2 when the runs of one process met more of the host's "
              f"other load, which changes from minute to minute). Load average at the end {os.getloadavg()[0]:.1f}."]
    report = "\n".join(lines)
    if args.out:
        write_section(args.out, "batch", report)
    print(report)


if __name__ == "__main__":
    main()
