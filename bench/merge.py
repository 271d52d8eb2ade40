"""How long one print file of many documents takes: their PDFs joined with pypdf against their DOCX files
joined with docxcompose and that file converted by LibreOffice once.

    python bench/merge.py [--documents 50] [--out docs/benchmarks.md]

One run. The documents are the catalogue examples of the curator order (2 pages) and the pairs order
(3 pages) in turn. Issue 10 measured 0.08 s for joining 50 PDFs against 2.5 s for joining the DOCX files
and 2.5 s for converting the result.
"""

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.report import write_section  # noqa: E402
from service.documents.catalogue import get_template  # noqa: E402
from service.documents.merge import merge_docx, merge_pdf  # noqa: E402
from service.documents.pdf import PdfConverter, find_soffice  # noqa: E402
from service.documents.render import render  # noqa: E402

KINDS = ("curator-order", "pairs-order")


def _timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50, help="documents in the print file")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown section here")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # other work on the machine slows every step alike
    soffice = find_soffice()
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed")
    examples = {kind: render(kind, get_template(kind).example) for kind in KINDS}
    documents = [examples[KINDS[number % len(KINDS)]] for number in range(args.documents)]
    docxs = [document.content for document in documents]
    titles = [document.heading for document in documents]
    with tempfile.TemporaryDirectory() as profiles:
        converter = PdfConverter(profiles, 1)
        _, start = _timed(converter.convert, docxs[0])  # LibreOffice's start is no part of either route
        pdfs, each = _timed(converter.convert_many, docxs)
        by_pdf, join_pdf = _timed(merge_pdf, pdfs, titles)
        merged_docx, join_docx = _timed(merge_docx, docxs, titles)
        by_docx, convert_merged = _timed(converter.convert, merged_docx)
        converter.close()
    by_docx_s = join_docx + convert_merged
    lines = [
        "## Merge", "",
        f"Command: `python bench/merge.py --documents {args.documents} --out docs/benchmarks.md` (Python "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{load:.1f} at the start, LibreOffice `{soffice}`, one run, one conversion slot).",
        "",
        f"{args.documents} orders (curator and pairs orders in turn) in one print file, each document on new "
        "pages numbered from 1.",
        "",
        "| route | step | s |", "|---|---|---|",
        f"| PDF | join the documents' PDFs (pypdf, `merge_pdf`) | {join_pdf:.2f} |",
        f"| DOCX | join the DOCX files (docxcompose, `merge_docx`) | {join_docx:.2f} |",
        f"| DOCX | convert the joined DOCX (one LibreOffice conversion) | {convert_merged:.2f} |",
        f"| DOCX | total | {by_docx_s:.2f} |",
        f"| — | convert the {args.documents} documents one by one (`convert_many`), the PDFs the PDF route "
        f"joins | {each:.2f} |",
        f"| — | first conversion, starting LibreOffice | {start:.2f} |",
        "",
        f"Joining the PDFs takes {join_pdf:.2f} s, {by_docx_s / join_pdf:.0f} times less than joining the DOCX "
        f"files and converting the result ({by_docx_s:.2f} s; issue 10 measured 0.08 s against 2.5 s + 2.5 s); "
        f"pages: {_pages(by_pdf)} by the PDF route, {_pages(by_docx)} by the DOCX route. The registry keeps DOCX "
        f"and makes a PDF when one is asked for: from DOCX alone, converting every document and joining the PDFs takes "
        f"{each + join_pdf:.2f} s. So the PDF route wins where the documents' PDFs exist already, the DOCX route "
        "(one conversion) where none does.",
    ]
    report = "\n".join(lines)
    if args.out:
        write_section(args.out, "merge", report)
    print(report)


if __name__ == "__main__":
    main()
