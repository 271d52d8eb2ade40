"""The catalogue of document templates (``doc_templates/catalogue.json``) and the legal acts their
preambles cite (``doc_templates/legal_acts.json``)."""

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from doc_templates import FOLDER


@dataclass(frozen=True)
class PreviewSlot:
    """One line of the preview of declined phrases: ``label`` and ``value`` are Jinja expressions over
    the template's context (``value`` a declined phrase: «curator.titled.accs»); ``each`` («pair in
    pairs») repeats the line for each item, ``when`` shows it only when true."""

    label: str
    value: str
    each: str = ""
    when: str = ""


@dataclass(frozen=True)
class OptionField:
    """A choice the web form asks for besides the record picked, passed to the kind's registry builder
    in ``options``: ``kind`` "choice" (``choices``: [value, label] pairs, the first the default),
    "text" or "date" (typed ДД.ММ.ГГГГ, passed as ISO); ``required``: the form insists on it."""

    name: str
    label: str
    kind: str = "choice"
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False


@dataclass(frozen=True)
class TemplateEntry:
    """One template of ``catalogue.json``: its id (``pairs-order``), .docx path, Russian title, the heading
    it prints and journals, its data ``contract`` (a :class:`~service.documents.contracts.Document`
    subclass), ``journal`` (an order: numbered and kept in the journal), ``source`` (what the web form
    picks from the registry: ``curator``, ``pairs``, ``closing``, ``pair``, ``person``, ``order``,
    ``organization``), the ``preview`` slots, a complete ``example`` of the contract that renders as is
    (in its JSON Schema, for the API's readers, and to warm up render workers), and the ``options`` the
    web form asks for (:class:`OptionField`), the ``consents`` (codes of :data:`registry.consents.KINDS`)
    the people it names must have given: the form warns of any missing or withdrawn, and for an order
    the papers printed with it (``print_with``: ids of papers outside the journal — its attachments,
    the consents of the people it names, its acquaintance sheet — in the order they follow it)."""

    id: str
    path: Path
    title: str
    heading: str
    contract: type
    journal: bool
    source: str
    preview: tuple[PreviewSlot, ...]
    example: dict
    options: tuple[OptionField, ...] = ()
    consents: tuple[str, ...] = ()
    print_with: tuple[str, ...] = ()


class UnknownTemplate(LookupError):
    def __init__(self, template_id: str):
        known = ", ".join(catalogue())
        super().__init__(f"Нет шаблона «{template_id}». Доступны: {known}.")


@cache
def catalogue() -> dict[str, TemplateEntry]:
    """Templates by id, in catalogue order."""
    from service.documents.contracts import contract_class

    entries = json.loads((FOLDER / "catalogue.json").read_text(encoding="utf-8"))
    return {
        e["id"]: TemplateEntry(e["id"], FOLDER / e["file"], e["title"], e["heading"], contract_class(e["contract"]),
                               e["journal"], e["source"], tuple(PreviewSlot(**slot) for slot in e["preview"]),
                               e["example"], tuple(_option(o) for o in e.get("options", ())),
                               tuple(e.get("consents", ())), tuple(e.get("print_with", ())))
        for e in entries
    }


def _option(data: dict) -> OptionField:
    return OptionField(data["name"], data["label"], data.get("kind", "choice"),
                       tuple(tuple(c) for c in data.get("choices", ())), data.get("required", False))


def get_template(template_id: str) -> TemplateEntry:
    """Raises :class:`UnknownTemplate` (Russian message listing the ids) for an unknown id."""
    try:
        return catalogue()[template_id]
    except KeyError:
        raise UnknownTemplate(template_id) from None


#: ``LegalAct.when``: cited only where teachers are mentored (or no pairs are named: the curator order),
#: or only where a pair's form is one of the students' forms of распоряжение Минпросвещения № Р-145.
TEACHERS, STUDENTS = "teachers", "students"


@dataclass(frozen=True)
class LegalAct:
    """One act of ``legal_acts.json``: ``cite`` is how a preamble names it in the instrumental
    («распоряжением Министерства просвещения Российской Федерации»), ``cited_from``/``cited_until`` the
    days it is cited on (``cited_until`` None: still in force), ``documents`` the template ids citing
    it, ``when`` None, :data:`TEACHERS` or :data:`STUDENTS`."""

    id: str
    kind: str
    cite: str
    number: str
    date: dt.date
    title: str
    approves: str
    cited_from: dt.date
    cited_until: dt.date | None
    documents: tuple[str, ...]
    when: str | None

    def citation(self) -> str:
        """The act as a preamble cites it (GOST R 7.0.97, the requisite «текст документа»: a reference to
        another document names its kind, author, date, number and title): «письмом Министерства
        просвещения Российской Федерации от 21.12.2021 № АЗ-1128/08 «О направлении методических
        рекомендаций»». An article of a code is cited by its number alone: «статьёй 351.8
        Трудового кодекса Российской Федерации»; an untitled act through the document it approved:
        «Концепцией …, утверждённой распоряжением Правительства Российской Федерации от 21.05.2025
        № 1264-р»."""
        if self.kind == "статья кодекса":
            return self.cite
        text = f"{self.cite} от {self.date:%d.%m.%Y} № {self.number}"
        if self.approves:  # an untitled act is cited through the document it approved
            return f"{self.approves} {text}"
        return f"{text} «{self.title}»"

    def cited_on(self, day: dt.date, template_id: str, *, teachers: bool, students: bool) -> bool:
        """Does an order of ``template_id`` dated ``day`` cite this act? ``teachers``/``students``: the
        order concerns mentoring of teachers / of students."""
        if template_id not in self.documents or day < self.cited_from:
            return False
        if self.cited_until is not None and day > self.cited_until:
            return False
        return {None: True, TEACHERS: teachers, STUDENTS: students}[self.when]


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


@cache
def legal_acts() -> tuple[LegalAct, ...]:
    """Every act of ``legal_acts.json``, in the file's order (by legal force)."""
    data = json.loads((FOLDER / "legal_acts.json").read_text(encoding="utf-8"))
    return tuple(
        LegalAct(a["id"], a["kind"], a["cite"], a["number"], _day(a["date"]), a["title"], a.get("approves", ""),
                 _day(a["cited_from"]), _day(a.get("cited_until")), tuple(a["documents"]), a.get("when"))
        for a in data["acts"]
    )


def _form_key(form: str) -> str:
    """«Ученик-ученик», «ученик — ученик» and «ученик – ученик» are one form."""
    return re.sub(r"\s*[-–—‑]\s*", " – ", " ".join(form.lower().split()))


@cache
def _student_forms() -> frozenset[str]:
    data = json.loads((FOLDER / "legal_acts.json").read_text(encoding="utf-8"))
    return frozenset(_form_key(form) for form in data["student_forms"])


def is_student_form(form: str) -> bool:
    """Is ``form`` one of the forms of mentoring students (распоряжение Минпросвещения России от
    25.12.2019 № Р-145: «ученик – ученик», «учитель – ученик», «студент – ученик», «работодатель –
    ученик», «работодатель – студент»), however its dash is typed?"""
    return _form_key(form) in _student_forms()


def cited_acts(template_id: str, day: dt.date, *, teachers: bool, students: bool) -> list[LegalAct]:
    """The acts an order of ``template_id`` dated ``day`` cites, by legal force."""
    return [act for act in legal_acts() if act.cited_on(day, template_id, teachers=teachers, students=students)]
