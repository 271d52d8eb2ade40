"""An existing roadmap read from a file in the seed roadmaps' layout — a table of №, stage, event (and/or
«содержание деятельности»), deadline, responsible and result — in a Word document (.docx, its tables read
with python-docx) or an Excel book (.xlsx, openpyxl), and loaded into the registry's roadmap of an academic
year: first checked (a dry run that writes nothing and shows what would be loaded), then loaded all or
nothing.

The columns are found by their headers, as the seeds write them: «№ п/п»; «Наименование этапа»;
«Наименование мероприятия», «Мероприятия» or «Содержание деятельности (и примерный план мероприятий)» —
both, when a table has both, joined; «Сроки (исполнения)»; «Ответственные (исполнители)»; «(Предполагаемый)
результат». A stage is either a column (an empty cell continues the stage above) or, in a table without
one, a row across the table holding only its name (seed 003). Merged cells count in every row they span.
A row of column numbers («1 2 3 4 5») is skipped.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import docx
import openpyxl
from sqlite_utils import Database

from registry.db import RegistryError
from registry.roadmap import Deadline, add_events, check_event, list_events
from service.spreadsheets.workbook import MAX_UNPACKED_BYTES, UnreadableFile, fold, text

#: Columns: key → the words (folded, in this order of keys) any of which a header holds.
COLUMNS = (("number", ("№", "n п/п")), ("stage", ("этап",)), ("content", ("содержание",)),
           ("activity", ("мероприят",)), ("deadline", ("срок",)), ("responsible", ("ответствен", "исполнител")),
           ("result", ("результат", "документ")))
#: The header is looked for in this many first rows of a table or sheet.
HEADER_ROWS = 5
#: Rows and columns read from a table or a sheet.
MAX_ROWS, MAX_COLUMNS = 1000, 30
#: What a person is told when the file holds no such table.
NO_TABLE = ("В файле нет таблицы дорожной карты: нужна таблица со столбцами «Мероприятие» (или «Содержание "
            "деятельности»), «Сроки» и «Ответственные», как в дорожных картах школ и детских садов.")
DEADLINE_KINDS = {"date": "дата", "month": "месяц", "phrase": "словами"}


@dataclass(frozen=True)
class Row:
    """A row of the file: ``label`` («Таблица 1, строка 5», «Лист «План», строка 5») and its cells by
    column index (text, line breaks kept)."""

    label: str
    cells: tuple[str, ...]


@dataclass
class RoadmapImport:
    """What an import found: the ``events`` it would load (each as
    :func:`registry.roadmap.check_event` gives it, with ``label`` — where in the file — ``deadline_text``
    and ``deadline_title``), the ``problems`` (Russian, each naming its row); ``written`` is True only
    when there was no problem and it was not a dry run."""

    dry_run: bool
    events: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    written: bool = False


def _unpacked_size(content: bytes, kind: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UnreadableFile(f"Файл не открывается как {kind}: сохраните его заново (документ — в формате .docx, "
                             "таблицу в Excel — как «Книга Excel (*.xlsx)») и загрузите снова.") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"Файл распаковывается больше чем в {MAX_UNPACKED_BYTES // 2**20} МБ: это не дорожная "
                             "карта. Удалите из него картинки и лишнее.")


def _docx_tables(content: bytes) -> list[tuple[str, list[list[str]]]]:
    """Each table of the document as (its label, rows of cell texts; merged cells repeated)."""
    _unpacked_size(content, "документ .docx")
    try:
        document = docx.Document(io.BytesIO(content))
        tables = [[[cell.text for cell in row.cells][:MAX_COLUMNS] for row in table.rows[:MAX_ROWS]]
                  for table in document.tables]
    except Exception:
        # python-docx answers a damaged or foreign package with a dozen exception types (KeyError,
        # ValueError, PackageNotFoundError …): to the user they mean one thing.
        raise UnreadableFile("Файл не открывается как документ .docx: возможно, он повреждён. Откройте его в "
                             "текстовом редакторе и сохраните заново в формате .docx.") from None
    several = len(tables) > 1
    return [(f"Таблица {number}, строка" if several else "Строка", rows)
            for number, rows in enumerate(tables, start=1)]


def _xlsx_sheets(content: bytes) -> list[tuple[str, list[list[str]]]]:
    """Each sheet as (its label, rows of cell texts); a merged range's value in every cell it spans."""
    _unpacked_size(content, "книга Excel (.xlsx)")
    sheets = []
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", r".* extension is not supported and will be removed", UserWarning)
            warnings.filterwarnings("ignore", r"Workbook contains no default style", UserWarning)
            book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        for sheet in book.worksheets:
            values = [list(row) for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)]
            for merged in sheet.merged_cells.ranges:
                value = sheet.cell(merged.min_row, merged.min_col).value
                for r in range(merged.min_row, min(merged.max_row, len(values)) + 1):
                    for c in range(merged.min_col, min(merged.max_col, MAX_COLUMNS) + 1):
                        values[r - 1][c - 1] = value
            sheets.append((f"Лист «{sheet.title}», строка", [[text(v) for v in row] for row in values]))
        book.close()
    except Exception:
        raise UnreadableFile("Файл не открывается как книга Excel (.xlsx): возможно, он повреждён. Откройте его в "
                             "Excel и сохраните как «Книга Excel (*.xlsx)».") from None
    return sheets


def _columns(cells: list[str]) -> dict[str, list[int]]:
    """The columns a header row names: key → indexes (a key may head several columns)."""
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        header = fold(cell)
        key = next((key for key, words in COLUMNS if any(word in header for word in words)), None)
        if key and header:
            if key == "number" and not header.startswith(("№", "n")):
                continue
            found.setdefault(key, [])
            if index not in found[key]:
                found[key].append(index)
    return found


def _is_header(columns: dict) -> bool:
    return "deadline" in columns and ("activity" in columns or "content" in columns)


def _tables(content: bytes, filename: str) -> list[tuple[str, dict, int | None, list[tuple[int, list[str]]]]]:
    """The roadmap tables of the file: (row label, the columns, the header's row number — None for a
    table going on from the one before —, the rows below the header with their numbers). A Word table
    split over pages goes on in the next tables of as many columns; of a book, the first sheet with a
    roadmap is read."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".docx":
        tables = _docx_tables(content)
    elif suffix in (".xlsx", ".xlsm"):
        tables = _xlsx_sheets(content)
    elif suffix in (".doc", ".xls"):
        raise UnreadableFile("Файл в старом формате (.doc или .xls): откройте его в текстовом редакторе или в Excel "
                             "и сохраните в формате .docx или как «Книга Excel (*.xlsx)».")
    else:
        raise UnreadableFile("Загрузите дорожную карту: документ .docx или книгу Excel (.xlsx).")
    found, width = [], 0
    for label, rows in tables:
        numbered = list(enumerate(rows, start=1))
        header = next((i for i, cells in enumerate(rows[:HEADER_ROWS]) if _is_header(_columns(cells))), None)
        if header is not None:
            found.append((label, _columns(rows[header]), header + 1, numbered[header + 1:]))
            width = len(rows[header])
            if suffix != ".docx":
                break
        elif found and rows and len(rows[0]) == width:
            found.append((label, found[-1][1], None, numbered))
    if not found:
        raise UnreadableFile(NO_TABLE)
    return found


def _cell(cells: list[str], indexes: list[int], joiner: str = "\n") -> str:
    """The text of a column (of several, joined; a merged cell repeated across them counted once), its
    lines joined by ``joiner`` too: «Руководитель ДОУ» and «Зам. зав. по УВР» on two lines of a cell of
    the responsible are «Руководитель ДОУ, Зам. зав. по УВР»."""
    parts: list[str] = []
    for index in indexes:
        lines = cells[index].splitlines() if index < len(cells) else []
        value = joiner.join(line.strip() for line in lines if line.strip())
        if value and value not in parts:
            parts.append(value)
    return joiner.join(parts)


def _column_numbers(cells: list[str]) -> bool:
    """A row numbering the columns: «1 2 3 4 5»."""
    filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    return bool(filled) and all(value == str(i + 1) for i, value in filled)


def _stage_row(cells: list[str], columns: dict[str, list[int]]) -> bool:
    """A row holding only a stage's name: one cell merged across the table (its text in every cell), or
    one text in a cell that is not a deadline, a responsible or a result."""
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if len({cells[i].strip() for i in filled}) != 1:
        return False
    others = {i for key in ("deadline", "responsible", "result") for i in columns.get(key, [])}
    return len(filled) == len(cells) or (len(filled) == 1 and filled[0] not in others)


def read_events(content: bytes, filename: str) -> tuple[list[tuple[str, dict]], list[str]]:
    """The events of the file as (where — «Строка 5» —, values for
    :func:`registry.roadmap.check_event`: stage, activity, deadline, responsible, result as typed), and
    the problems of its structure. Raises :class:`~service.spreadsheets.workbook.UnreadableFile` for a
    file that does not open or holds no roadmap table."""
    events, problems = [], []
    stage = ""
    for label, columns, header, rows in _tables(content, filename):
        if "responsible" not in columns:
            if header is not None:
                problems.append(f"{label} {header}: нет столбца «Ответственные» — добавьте его.")
            continue
        has_stage = "stage" in columns
        event_columns = columns.get("activity", []) + columns.get("content", [])
        for number, cells in rows:
            where = f"{label} {number}"
            texts = {c.strip() for c in cells if c.strip()}
            if not texts or _column_numbers(cells):
                continue
            if not has_stage and _stage_row(cells, columns):
                stage = " ".join(texts.pop().split())
                continue
            if has_stage:
                stage = " ".join(_cell(cells, columns["stage"], " ").split()) or stage
            activity = _cell(cells, event_columns)
            if not activity:
                problems.append(f"{where}: нет мероприятия — впишите его или удалите строку.")
                continue
            events.append((where, {
                "stage": stage, "activity": activity, "deadline": _cell(cells, columns["deadline"], " "),
                "responsible": _cell(cells, columns["responsible"], ", "),
                "result": _cell(cells, columns.get("result", [])),
            }))
    if not events and not problems:
        problems.append("В таблице нет ни одного мероприятия.")
    return events, problems


def import_roadmap(db: Database, organization_id: int, year: int, content: bytes, filename: str, *,
                   dry_run: bool = True, replace: bool = False) -> RoadmapImport:
    """Read the roadmap of ``filename`` (``content``: its bytes) for the academic ``year`` of the
    organisation and, unless ``dry_run``, load it: every event checked first, nothing written when any
    is wrong. A year that already has a roadmap is loaded into only with ``replace`` (its events are
    then replaced). Raises :class:`~service.spreadsheets.workbook.UnreadableFile` as :func:`read_events`."""
    report = RoadmapImport(dry_run=dry_run)
    rows, report.problems = read_events(content, filename)
    for where, values in rows:
        try:
            record = check_event(db, organization_id, year, values, where)
        except RegistryError as error:
            report.problems.append(error.message)
            continue
        deadline = Deadline(record["deadline_kind"], record["deadline_value"])
        report.events.append({**record, "label": where, "deadline_text": deadline.text(),
                              "deadline_title": DEADLINE_KINDS[deadline.kind]})
    if not replace and list_events(db, organization_id, year):
        report.problems.append(f"Дорожная карта на {year}/{year + 1} учебный год уже есть: отметьте «Заменить "
                               "мероприятия этого учебного года» или выберите другой год.")
    if report.problems or dry_run:
        return report
    try:
        add_events(db, organization_id, year, [{**values} for _, values in rows], replace=replace)
    except RegistryError as error:
        report.problems.append(error.message)
        return report
    report.written = True
    return report
