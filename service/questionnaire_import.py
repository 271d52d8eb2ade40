"""Answers to a question set loaded from the export of an online form (Яндекс Формы, Google Формы: an xlsx
book or a CSV file): the first row holding anything is the header — a timestamp («Отметка времени»,
«Время создания»), the respondent's name («ФИО», or surname and name in columns of their own), one column
per question, other columns (an e-mail, points the form counted) left out; each row below is one person's
questionnaire.

The columns are matched to the set once (:func:`proposed_targets` offers the match remembered for the set
by header text, else a guess by the header's words; the person confirms or corrects it on the mapping
page) and the match is remembered (:func:`registry.questionnaires.remember_columns`). The rows are then
checked as a whole — every problem with its row and column, in Russian: an unknown person, a score
outside the scale, a choice the question does not offer, a date that is none, a person twice on one day —
and loaded all or nothing (:func:`registry.questionnaires.save_responses`); a person's questionnaire of
the same set, stage and day already in the registry is replaced, so loading one file twice changes
nothing.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from sqlite_utils import Database

from registry.db import RegistryError
from registry.pairs import check_day
from registry.people import full_name
from registry.questionnaires import (
    STAGES,
    TARGETS,
    check_answer,
    check_respondent,
    existing_response,
    get_set,
    pair_on,
    remember_columns,
    remembered_columns,
    save_responses,
)
from service.spreadsheets.report import Problem
from service.spreadsheets.workbook import MAX_ROWS, UnreadableFile, fold, read_sheets, text, to_date

#: Largest export taken, in bytes: a form's answers of a whole school are tens of kilobytes, and the file
#: travels with the mapping page until it is loaded.
MAX_EXPORT_BYTES = 1024 * 1024
#: Words of a header naming the day a form was filled in, and the respondent (checked in short headers only:
#: a question may well speak of time).
DATE_WORDS = ("отметка времени", "время создания", "дата", "timestamp", "время заполнения")
NAME_WORDS = ("фио", "ф.и.о", "фамилия", "имя", "отчество")
SHORT_HEADER = 40

_NUMBERING = re.compile(r"^\s*\d{1,3}\s*[.)]\s*")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")


@dataclass(frozen=True)
class Export:
    """An export as read: the ``sheet`` (its title; the file name for CSV), the ``header_row`` number, the
    ``headers`` as texts, and the rows below holding anything as (row number, raw values)."""

    sheet: str
    header_row: int
    headers: tuple[str, ...]
    rows: list[tuple[int, tuple]]

    def letter(self, index: int) -> str:
        """The letter of column ``index`` (0 → «A»), as a spreadsheet names it."""
        return get_column_letter(index + 1)

    def samples(self, index: int, count: int = 2) -> list[str]:
        """The first ``count`` non-empty cells of column ``index``, as text (for the mapping page)."""
        found = []
        for _number, values in self.rows:
            value = text(values[index]) if index < len(values) else ""
            if value:
                found.append(value[:80])
            if len(found) == count:
                break
        return found


def read_export(content: bytes, filename: str) -> Export:
    """The first sheet of ``content`` holding anything (an .xlsx book or a .csv file, by ``filename``).
    Raises :class:`~service.spreadsheets.workbook.UnreadableFile` (Russian) for another format, a file
    too large or damaged, an empty one, or one with more rows than an import takes."""
    if len(content) > MAX_EXPORT_BYTES:
        raise UnreadableFile(f"Файл больше {MAX_EXPORT_BYTES // 2**20} МБ: это не выгрузка ответов формы. Выгрузите "
                             "из формы только ответы (CSV или Excel).")
    for title, rows, cut in read_sheets(content, filename):
        if not rows:
            continue
        if cut or len(rows) > MAX_ROWS + 1:
            raise UnreadableFile(f"На листе «{title}» больше {MAX_ROWS} ответов: разделите файл на несколько.")
        number, header = rows[0]
        # A book's rows come padded to the columns read: the export is as wide as its last filled column.
        width = max(index + 1 for _number, values in rows for index, value in enumerate(values) if text(value))
        return Export(title, number, tuple(text(value) for value in header[:width]) + ("",) * (width - len(header)),
                      [(row, tuple(values[:width])) for row, values in rows[1:]])
    raise UnreadableFile("Файл пуст: в нём нет ни заголовков, ни ответов.")


def header_key(header: str) -> str:
    """The header as the remembered match knows it: spaces, case and ё/е ignored."""
    return fold(header)


def _question_key(words: str) -> str:
    """A question or a header compared: folded, without a leading number or the final punctuation."""
    return fold(_NUMBERING.sub("", words)).rstrip(" ?:.!*")


def _guess(header: str, questions: list[dict]) -> str:
    key = _question_key(header)
    for question in questions:
        if key and key == _question_key(question["text"]):
            return f"q{question['id']}"
    folded = fold(header)
    if len(folded) <= SHORT_HEADER:
        if any(word in folded for word in DATE_WORDS):
            return "date"
        if any(word in folded for word in NAME_WORDS):
            return "name"
    return "skip"


def proposed_targets(db: Database, organization_id: int, set_id: int, export: Export) -> list[str]:
    """For each column of the export its target — "date", "name", "skip" or "q<question id>": the one
    remembered for the set and that header, else a guess (a question worded as the header, a short header
    naming a date or a name), else "skip"."""
    found = get_set(db, organization_id, set_id)
    questions = found["questions"] if found else []
    remembered = remembered_columns(db, set_id)
    current = {f"q{q['id']}" for q in questions} | set(TARGETS)
    targets = []
    for header in export.headers:
        known = remembered.get(header_key(header))
        targets.append(known if known in current else _guess(header, questions))
    return targets


@dataclass
class AnswersImport:
    """What an import found: the ``responses`` it would load (each: ``row``, ``full_name``, ``answered_on``
    ISO, ``answers`` — how many, ``replaces`` — whether it replaces one in the registry), the ``problems``
    (:class:`~service.spreadsheets.report.Problem`, each naming its row and column), ``created`` and
    ``replaced`` (how many would be, or were); ``written`` is True only when nothing was wrong and it was
    not a dry run."""

    dry_run: bool
    responses: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    replaced: int = 0
    written: bool = False


class _People:
    """The organisation's people (archived too) found by a name as a form's respondent types it: the full
    name, the surname and first name, or the surname with initials («Шевчук А.С.»); case, ё/е and spaces
    ignored."""

    def __init__(self, db: Database, organization_id: int):
        self.keys: dict[str, list[dict]] = {}
        for row in db.query("select id, last_name, first_name, middle_name from people where organization_id = ?",
                            [organization_id]):
            person = {**dict(row), "full_name": full_name(row)}
            initials = "".join(f"{part[0]}." for part in (row["first_name"], row["middle_name"]) if part)
            short = fold(f"{row['last_name']} {initials}")
            for key in {fold(person["full_name"]), fold(f"{row['last_name']} {row['first_name']}"), short,
                        short.replace(" ", "")}:
                self.keys.setdefault(key, []).append(person)

    def find(self, name: str) -> tuple[dict | None, str]:
        """The person, or None and why not."""
        found = self.keys.get(fold(name)) or self.keys.get(fold(name).replace(" ", ""), [])
        unique = {person["id"]: person for person in found}
        if len(unique) == 1:
            return next(iter(unique.values())), ""
        if unique:
            names = "; ".join(sorted(p["full_name"] for p in unique.values()))
            return None, f"«{name[:80]}» — под это подходят несколько человек ({names}): впишите ФИО полностью."
        return None, (f"«{name[:80]}» — такого человека нет в реестре организации: проверьте ФИО или добавьте "
                      "человека в «Участники».")


def _day(value) -> dt.date:
    """The day of a timestamp cell: a date or date-time, or text «15.09.2026 10:23:45», «2026-09-15 10:23»,
    «2026/09/15 10:23:45 AM GMT+3». Raises ValueError (Russian message)."""
    if isinstance(value, dt.datetime | dt.date):
        return to_date(value)
    shown = text(value)
    first = shown.split(" ")[0] if shown else ""
    slashed = _SLASHED.fullmatch(first)
    if slashed:
        first = "-".join(slashed.groups())
    try:
        day = to_date(first)
        if day is None:
            raise ValueError("не заполнено")
        return day
    except ValueError:
        raise ValueError(f"«{shown[:30]}» — не дата: нужна дата заполнения в виде ДД.ММ.ГГГГ (можно со временем), "
                         "например 15.09.2026 10:23.") from None


def _column(export: Export, index: int) -> tuple[str, str]:
    """The column's header (shortened) and letter, as a problem names them."""
    header = export.headers[index] if index < len(export.headers) else ""
    return (header[:60] + "…" if len(header) > 60 else header) or "без заголовка", export.letter(index)


def _check_targets(export: Export, targets: list[str], question_ids: set[int], day: dt.date | None,
                   problems: list[Problem]) -> None:
    """The match as a whole: every column matched to something known, a question and the date once each,
    a name column, a date column or a day for all rows."""
    seen: dict[str, int] = {}
    for index, target in enumerate(targets):
        header, letter = _column(export, index)
        if target not in TARGETS and not (target.startswith("q") and target[1:].isdigit()
                                          and int(target[1:]) in question_ids):
            problems.append(Problem(export.sheet, export.header_row, header, letter,
                                    "выберите, что в этом столбце: вопрос анкеты, ФИО, дата или «не загружать»."))
            continue
        if target in ("name", "skip"):
            continue
        if target in seen:
            first, first_letter = _column(export, seen[target])
            what = "дата заполнения" if target == "date" else "ответы на этот вопрос"
            problems.append(Problem(export.sheet, export.header_row, header, letter,
                                    f"{what} уже в столбце {first_letter} «{first}»: выберите для одного из них "
                                    "«не загружать»."))
        seen.setdefault(target, index)
    if "name" not in targets:
        problems.append(Problem(export.sheet, export.header_row, "", "", "нет столбца с ФИО: укажите, в каком столбце "
                                "имя заполнившего (или в каких — фамилия, имя, отчество)."))
    if "date" not in targets and day is None:
        problems.append(Problem(export.sheet, export.header_row, "", "", "нет столбца с датой заполнения: укажите его "
                                "или впишите дату анкетирования для всех строк."))


def import_answers(db: Database, organization_id: int, set_id: int, stage: str, export: Export, targets: list[str],
                   *, day: dt.date | None = None, dry_run: bool = True) -> AnswersImport:
    """Check the ``export``'s rows as questionnaires of the set at ``stage`` ("entry" or "exit"), its columns
    matched by ``targets`` (one per column, as :func:`proposed_targets` gives them; several "name" columns
    are joined in their order); ``day`` is the day of every row when no column holds one. The match is
    remembered for the set (even by a dry run: it is the person's choice of columns, not data). With
    ``dry_run`` nothing else is written; otherwise, when no problem was found, every questionnaire is
    loaded in one transaction. Raises :class:`~registry.db.RegistryError` for a set the organisation has
    not, an archived one or an unknown stage."""
    report = AnswersImport(dry_run)
    found = get_set(db, organization_id, set_id)
    if found is None:
        raise RegistryError(f"Нет анкеты с номером {set_id}.", "set_id")
    if found["archived_at"]:
        raise RegistryError("Анкета в архиве: верните её из архива, чтобы загружать ответы.", "set_id")
    if stage not in STAGES:
        raise RegistryError("Этап анкетирования: выберите входное или итоговое.", "stage")
    questions = {q["id"]: q for q in found["questions"]}
    targets = list(targets) + ["skip"] * (len(export.headers) - len(targets))
    _check_targets(export, targets, set(questions), day, report.problems)
    if report.problems:
        return report
    remember_columns(db, organization_id, set_id, {header_key(h): t for h, t in zip(export.headers, targets,
                                                                                     strict=True) if header_key(h)})
    people = _People(db, organization_id)
    loaded: list[dict] = []
    seen: dict[tuple[int, str], int] = {}
    for number, values in export.rows:
        def problem(index: int | None, message: str, row=number) -> None:
            header, letter = _column(export, index) if index is not None else ("", "")
            report.problems.append(Problem(export.sheet, row, header, letter, message))

        cells = [values[i] if i < len(values) else None for i in range(len(targets))]
        name_columns = [i for i, t in enumerate(targets) if t == "name"]
        name = " ".join(text(cells[i]) for i in name_columns if text(cells[i]))
        person = None
        if not name:
            problem(name_columns[0], "ФИО не заполнено: без него анкету не к кому отнести.")
        else:
            person, why = people.find(name)
            if person is None:
                problem(name_columns[0], why)
            else:
                try:
                    check_respondent(db, organization_id, found["role"], person["id"])
                except RegistryError as error:
                    problem(name_columns[0], error.message)
                    person = None
        answered = day
        if "date" in targets:
            index = targets.index("date")
            try:
                answered = check_day(_day(cells[index]), "answered_on", "Дата заполнения", not_future=True)
            except (ValueError, RegistryError) as error:
                problem(index, getattr(error, "message", str(error)))
                answered = None
        answers: dict[int, object] = {}
        for index, target in enumerate(targets):
            if not target.startswith("q"):
                continue
            question = questions[int(target[1:])]
            value = cells[index]
            if question["kind"] == "closed" and text(value):
                value = next((c for c in question["choices"] if fold(c) == fold(text(value))), text(value))
            elif question["kind"] == "open":
                value = text(value)
            try:
                if check_answer(question, value, found["scale"]) is not None:
                    answers[question["id"]] = value
            except RegistryError as error:
                problem(index, error.message)
        if not answers and not any(p.row == number for p in report.problems):
            problem(None, "нет ни одного ответа на вопросы анкеты: удалите строку или проверьте, какие столбцы "
                          "выбраны для вопросов.")
        if person is None or answered is None:
            continue
        key = (person["id"], answered.isoformat())
        if key in seen:
            problem(name_columns[0], f"{person['full_name']}: анкета за {answered:%d.%m.%Y} уже в строке {seen[key]} — "
                                     "оставьте одну из строк.")
            continue
        seen[key] = number
        replaces = existing_response(db, set_id, person["id"], stage, answered.isoformat()) is not None
        loaded.append({"row": number, "person_id": person["id"], "full_name": person["full_name"],
                       "answered_on": answered.isoformat(), "answers": answers, "replaces": replaces,
                       "pair_id": pair_on(db, organization_id, found["role"], person["id"], answered.isoformat())})
    report.responses = [{key: r[key] for key in ("row", "full_name", "answered_on", "replaces")}
                        | {"answers": len(r["answers"])} for r in loaded]
    if report.problems:
        return report
    if not loaded:
        report.problems.append(Problem(export.sheet, None, "", "", "в файле нет ни одной анкеты: под заголовком нет "
                                                                   "строк с ответами."))
        return report
    report.replaced = sum(1 for r in loaded if r["replaces"])
    report.created = len(loaded) - report.replaced
    if dry_run:
        return report
    save_responses(db, organization_id, set_id, stage, [{key: r[key] for key in ("person_id", "answered_on",
                                                                                 "answers", "pair_id")}
                                                        for r in loaded])
    report.written = True
    return report
