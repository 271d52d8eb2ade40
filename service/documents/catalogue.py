"""The catalogue of document templates (``doc_templates/catalogue.json``)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from doc_templates import FOLDER


@dataclass(frozen=True)
class TemplateEntry:
    """One template: its id (``pairs-order``), .docx path, Russian title, the heading it prints and
    journals, and which parts of the data contract it needs."""

    id: str
    path: Path
    title: str
    heading: str
    needs_curator: bool
    needs_pairs: bool


class UnknownTemplate(LookupError):
    def __init__(self, template_id: str):
        known = ", ".join(catalogue())
        super().__init__(f"Нет шаблона «{template_id}». Доступны: {known}.")


@cache
def catalogue() -> dict[str, TemplateEntry]:
    """Templates by id, in catalogue order."""
    entries = json.loads((FOLDER / "catalogue.json").read_text(encoding="utf-8"))
    return {
        e["id"]: TemplateEntry(e["id"], FOLDER / e["file"], e["title"], e["heading"], e["needs_curator"],
                               e["needs_pairs"])
        for e in entries
    }


def get_template(template_id: str) -> TemplateEntry:
    """Raises :class:`UnknownTemplate` (Russian message listing the ids) for an unknown id."""
    try:
        return catalogue()[template_id]
    except KeyError:
        raise UnknownTemplate(template_id) from None
