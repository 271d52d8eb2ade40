"""Writing one benchmark's section of ``docs/benchmarks.md`` without touching the others'.

A section is the text between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``; a report that has
no such section yet gets it appended at the end."""

import re
from pathlib import Path


def write_section(path: Path, name: str, text: str) -> None:
    """Replace (or append) section ``name`` of the Markdown file ``path`` with ``text``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _: block, current)
    else:
        updated = current.rstrip() + "\n\n" + block + "\n"
    path.write_text(updated if updated.endswith("\n") else updated + "\n", encoding="utf-8")
