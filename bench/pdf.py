"""How long a PDF of an order takes through ``PdfConverter``: with the resident LibreOffice (unoserver over
UNO) and, as the baseline, with one ``soffice --headless --convert-to pdf`` process per conversion — each
cold (a new converter with a fresh profile: the first print after a start) and warm (the kept server or
profile), one conversion at a time; and a batch of orders through ``convert_many``.

    python bench/pdf.py [--runs 5] [--batch 10] [--out docs/benchmarks.md]

Target (issue 8): a one-page order as PDF ≤ 0.5 s warm on this machine.
"""

import argparse
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.report import write_section  # noqa: E402
from service.documents import pdf  # noqa: E402
from service.documents.catalogue import get_template  # noqa: E402
from service.documents.render import render  # noqa: E402

TARGET_S = 0.5
PATHS = (("resident LibreOffice (unoserver)", True), ("`soffice` per conversion", False))


def _timed(call, *args):
    started = time.perf_counter()
    result = call(*args)
    return time.perf_counter() - started, result


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def measure(docx: bytes, resident: bool, runs: int) -> tuple[float, list[float], int]:
    """Seconds of the first conversion of a new converter, of the ``runs`` after it, and the pages."""
    with tempfile.TemporaryDirectory() as profiles:
        converter = pdf.PdfConverter(profiles, 1, resident=resident)
        try:
            cold, result = _timed(converter.convert, docx)
            warm = [_timed(converter.convert, docx)[0] for _ in range(runs)]
        finally:
            converter.close()
    return cold, warm, _pages(result)


def measure_batch(docx: bytes, resident: bool, count: int) -> float:
    """Seconds of ``convert_many`` of ``count`` copies of ``docx`` on a warm converter."""
    with tempfile.TemporaryDirectory() as profiles:
        converter = pdf.PdfConverter(profiles, 1, resident=resident)
        try:
            converter.convert(docx)
            return _timed(converter.convert_many, [docx] * count)[0]
        finally:
            converter.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm conversions per document and path")
    parser.add_argument("--batch", type=int, default=10, help="orders in the convert_many batch")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown section here")
    args = parser.parse_args()
    soffice = pdf.find_soffice()
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed")
    server = pdf._server_python()
    if server is None:
        sys.exit("no Python imports uno (Debian: apt-get install python3-uno): the resident path cannot run")
    rows, warm_of = [], {}
    for template_id in ("curator-order", "pairs-order"):
        docx = render(template_id, get_template(template_id).example).content
        for label, resident in PATHS:
            cold, warm, pages = measure(docx, resident, args.runs)
            warm_of[template_id, resident] = statistics.median(warm)
            rows.append(f"| {template_id} | {pages} | {label} | {cold:.2f} | {statistics.median(warm):.2f} | "
                        f"{max(warm):.2f} |")
    docx = render("curator-order", get_template("curator-order").example).content
    batch = {resident: measure_batch(docx, resident, args.batch) for _, resident in PATHS}
    resident_s, baseline_s = warm_of["curator-order", True], warm_of["curator-order", False]
    lines = ["## PDF", "",
             f"Command: `python bench/pdf.py --runs {args.runs} --batch {args.batch} --out docs/benchmarks.md` "
             f"(Python {platform.python_version()}, {platform.machine()}, LibreOffice `{soffice}`, unoserver "
             f"run by `{server[0]}`, one conversion at a time).",
             "", "| document | pages | path | cold (new profile), s | warm median, s | warm max, s |",
             "|---|---|---|---|---|---|", *rows, "",
             f"`convert_many` of {args.batch} curator orders, warm: resident {batch[True]:.2f} s "
             f"({batch[True] / args.batch:.2f} s an order), one `soffice` call {batch[False]:.2f} s "
             f"({batch[False] / args.batch:.2f} s an order).", "",
             f"Target: an order (curator-order) ≤ {TARGET_S} s warm — measured {resident_s:.2f} s through the "
             f"resident LibreOffice: " + ("met" if resident_s <= TARGET_S else "missed")
             + f"; {baseline_s / resident_s:.1f}× faster than a `soffice` process per conversion "
             f"({baseline_s:.2f} s).", "",
             "Cold, the resident path pays for starting its server once per slot: unoserver waits 5 s before "
             "it listens, then LibreOffice loads Writer for the first document. Without a Python that imports "
             "`uno`, `PdfConverter` converts by the `soffice` path of the second rows."]
    report = "\n".join(lines)
    if args.out:
        write_section(args.out, "pdf", report)
    print(report)


if __name__ == "__main__":
    main()
