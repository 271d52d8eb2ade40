"""Spreadsheet files both ways: an upload (xlsx, or CSV in UTF-8 or Windows-1251) read into
:class:`Table` objects whose columns are found by their Russian headers, the conversions of cells
(text, dates, да/нет) with Russian messages, and the look of the sheets this service writes (frozen
bold header, widths, dates as dates)."""

import csv
import datetime as dt
import io
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from service.spreadsheets.report import Problem

#: Largest upload, in bytes (a staff list of a few hundred rows is well under 1 MB).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: An xlsx is a ZIP: its parts may unpack to no more than this (a small file must not unpack to gigabytes).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: Rows with data per sheet; more is not one school's registry.
MAX_ROWS = 5000
#: Rows read per sheet counting empty ones (formatting often reaches far below the data).
MAX_SCANNED_ROWS = 50_000
#: Columns read per row; the rest are ignored.
MAX_COLUMNS = 60
#: The header may sit below a title or a blank row or two: looked for in this many first rows.
HEADER_ROWS = 10
#: How dates are shown in written sheets.
DATE_FORMAT = "DD.MM.YYYY"
#: A text column: Excel keeps leading zeros of personnel numbers and phones typed there.
TEXT_FORMAT = "@"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnreadableFile(ValueError):
    """The upload is not a workbook or CSV this service reads, or holds no sheet of the registry;
    ``message`` says in Russian what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def fold(text: str) -> str:
    """Text compared the way a person reads it: spaces collapsed, case and ё/е ignored."""
    return " ".join(text.split()).lower().replace("ё", "е")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its ``key``, Russian ``title`` (the header; what precedes a bracket is
    what an upload's header must say), ``width`` in characters, a ``hint`` for the instruction
    sheet, the ``number_format`` of its cells (None: general), and whether its texts ``wrap`` within
    the width (long texts of several lines)."""

    key: str
    title: str
    width: float
    hint: str = ""
    number_format: str | None = None
    wrap: bool = False

    @property
    def header(self) -> str:
        """The part of the title an upload's header is matched by: «Пол (м/ж)» → «пол»."""
        return fold(self.title.split("(")[0])


@dataclass(frozen=True)
class Layout:
    """What one kind of sheet holds: its ``title`` in the template, its ``columns``, and the keys
    of those whose headers must be present (the first two also tell the sheet's kind)."""

    title: str
    columns: tuple[Column, ...]
    required: tuple[str, ...]

    def column(self, key: str) -> Column:
        """The column of ``key`` (one of this layout's keys)."""
        return next(c for c in self.columns if c.key == key)


@dataclass
class Table:
    """A sheet of an upload recognised as ``layout``: its title (the file name for CSV), where each
    known column is (key → 0-based index; absent columns are missing), and the rows holding
    anything, each as (spreadsheet row number, raw cell values)."""

    layout: Layout
    sheet: str
    positions: dict[str, int]
    rows: list[tuple[int, tuple]]

    def has(self, key: str) -> bool:
        """Whether the sheet has the column of ``key``."""
        return key in self.positions

    def value(self, values: tuple, key: str):
        """The raw cell of column ``key`` in a row (None when the column is absent or the row short)."""
        index = self.positions.get(key)
        return values[index] if index is not None and index < len(values) else None

    def problem(self, row: int | None, key: str | None, message: str) -> Problem:
        """A problem in column ``key`` (None: the whole row) of spreadsheet ``row``."""
        if key is None:
            return Problem(self.sheet, row, "", "", message)
        index = self.positions.get(key)
        return Problem(self.sheet, row, self.layout.column(key).title,
                       get_column_letter(index + 1) if index is not None else "", message)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


#: A sheet as read: its title, its rows holding anything as (spreadsheet row number, values), and
#: whether reading stopped at :data:`MAX_SCANNED_ROWS` before the end.
Sheet = tuple[str, list[tuple[int, tuple]], bool]


def _numbered(title: str, rows: Iterable[tuple]) -> Sheet:
    """Keep the rows holding anything with their numbers; stop once there are more than a sheet may
    hold (the caller then reports it) or after :data:`MAX_SCANNED_ROWS` rows in all."""
    kept = []
    for number, values in enumerate(rows, 1):
        if number > MAX_SCANNED_ROWS:
            return title, kept, True
        if not all(_blank(v) for v in values):
            kept.append((number, values))
            if len(kept) > HEADER_ROWS + MAX_ROWS:
                break
    return title, kept, False


_DAMAGED = ("Файл не открывается как книга Excel (.xlsx): возможно, он повреждён или это другой формат с расширением "
            ".xlsx. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)».")


def _xlsx_sheets(content: bytes) -> list[Sheet]:
    """Each sheet of an xlsx (cells beyond :data:`MAX_COLUMNS` ignored). Raises
    :class:`UnreadableFile` for anything openpyxl cannot open."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UnreadableFile("Файл не открывается как книга Excel (.xlsx): сохраните его в Excel через «Сохранить "
                             "как» → «Книга Excel (*.xlsx)» или в CSV и загрузите снова.") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"Книга распаковывается больше чем в {MAX_UNPACKED_BYTES // 2**20} МБ: это не список "
                             "сотрудников. Удалите лишние листы и картинки или сохраните данные в CSV.")
    sheets = []
    try:
        # Books saved by Excel carry extensions openpyxl drops with a warning (data validation lists,
        # conditional formats) and some generators write no default style: harmless for reading values.
        # The rows are read inside the block, not lazily later, so that the filters cover the reading.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", r".* extension is not supported and will be removed", UserWarning)
            warnings.filterwarnings("ignore", r"Workbook contains no default style", UserWarning)
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                for sheet in book.worksheets:
                    rows = sheet.iter_rows(max_row=MAX_SCANNED_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
                    sheets.append(_numbered(sheet.title, rows))
            finally:
                book.close()
    except Exception:
        # openpyxl answers a damaged or foreign ZIP with any of a dozen exception types (KeyError for a
        # missing part, ParseError, TypeError, InvalidFileException …): to the user they mean one thing.
        raise UnreadableFile(_DAMAGED) from None
    return sheets


def _csv_sheet(content: bytes, title: str) -> Sheet:
    """The one sheet of a CSV saved by Excel: UTF-8 (with or without BOM) or, failing that,
    Windows-1251; «;», «,» or tab as separator, whichever the header line has most of (an Excel
    «sep=» line is honoured). Raises :class:`UnreadableFile` for a file that is not such text."""
    if b"\x00" in content:
        raise UnreadableFile("Файл не похож на CSV: в нём двоичные данные. Сохраните таблицу в Excel как "
                             "«CSV (разделители — точка с запятой)» или загрузите книгу .xlsx.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1251")
        except UnicodeDecodeError:
            raise UnreadableFile("CSV сохранён в кодировке, которую сервис не читает: откройте его в Excel и сохраните "
                                 "заново как «CSV (разделители — точка с запятой)».") from None
    lines = text.splitlines()
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        delimiter, text = lines[0][4], "\n".join(lines[1:])
    else:
        first = next((line for line in lines if line.strip()), "")
        delimiter = max((";", ",", "\t"), key=first.count)
    try:
        return _numbered(title, (tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error:
        raise UnreadableFile("CSV не разбирается на строки и столбцы (незакрытые кавычки?): сохраните его в Excel "
                             "заново.") from None


def _find_header(rows: list[tuple[int, tuple]], layouts: Sequence[Layout]) -> tuple[int, Layout] | None:
    """(index in ``rows`` of the header, its layout): the first row among the first
    :data:`HEADER_ROWS` of the sheet whose headers name both identifying columns of a layout; of
    several layouts so named, the one with most of its headers in the row (a programme's plan names
    a pair's mentor and mentees too)."""
    for index, (number, values) in enumerate(rows):
        if number > HEADER_ROWS:
            break
        headers = {fold(str(v).split("(")[0]) for v in values if isinstance(v, str)}
        named = [layout for layout in layouts
                 if all(layout.column(key).header in headers for key in layout.required[:2])]
        if named:
            return index, max(named, key=lambda layout: sum(c.header in headers for c in layout.columns))
    return None


def _table(sheet: Sheet, layouts: Sequence[Layout], problems: list[Problem]) -> Table | None:
    """The sheet as a :class:`Table` when its header names a layout and the sheet is within the
    limits; its structure's problems go to ``problems`` (then None)."""
    title, rows, cut = sheet
    found = _find_header(rows, layouts)
    if found is None:
        return None
    header_index, layout = found
    header_number, header = rows[header_index]
    positions: dict[str, int] = {}
    by_header = {c.header: c.key for c in layout.columns}
    for index, value in enumerate(header):
        key = by_header.get(fold(str(value).split("(")[0])) if isinstance(value, str) else None
        if key and key not in positions:
            positions[key] = index
    table = Table(layout, title, positions, rows[header_index + 1:])
    missing = [key for key in layout.required if key not in positions]
    for key in missing:
        problems.append(table.problem(header_number, key, f"Нет столбца «{layout.column(key).title}»: добавьте его "
                                      "(заголовки — как в шаблоне)."))
    if len(table.rows) > MAX_ROWS:
        problems.append(table.problem(table.rows[MAX_ROWS][0], None, f"На листе больше {MAX_ROWS} строк с данными: "
                                                                     "разделите файл на несколько."))
    elif cut:
        problems.append(table.problem(None, None, f"На листе больше {MAX_SCANNED_ROWS} строк (считая пустые): "
                                                  "удалите пустые строки ниже данных или разделите файл."))
    return None if missing or cut or len(table.rows) > MAX_ROWS else table


def read_sheets(content: bytes, filename: str) -> list[Sheet]:
    """The sheets of an upload as read (:data:`Sheet`): every sheet of a workbook (.xlsx/.xlsm), or the
    one of a CSV file in UTF-8 or Windows-1251 (named after the file); ``filename`` tells the format.
    Raises :class:`UnreadableFile` for another format (an old .xls told how to save it anew) or a file
    that does not open."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_sheets(content)
    if suffix == ".csv":
        return [_csv_sheet(content, PurePath(filename).name)]
    if suffix == ".xls":
        raise UnreadableFile("Файл в старом формате .xls: откройте его в Excel и сохраните как «Книга Excel "
                             "(*.xlsx)», затем загрузите .xlsx.")
    raise UnreadableFile("Загрузите книгу Excel (.xlsx) или файл CSV (.csv).")


def read_tables(content: bytes, filename: str, layouts: Sequence[Layout]) -> tuple[list[Table], list[Problem]]:
    """The sheets of an upload recognised as one of ``layouts`` (by their headers, found in the
    first rows; extra columns and other sheets are ignored), and the problems of their structure
    (a required column missing, too many rows), whose sheets are then left out.

    ``filename`` tells the format: .xlsx/.xlsm or .csv (one sheet, named after the file). Raises
    :class:`UnreadableFile` for another format, a file that does not open, or one without any
    recognised sheet."""
    tables, problems = [], []
    for sheet in read_sheets(content, filename):
        table = _table(sheet, layouts, problems)
        if table is not None:
            tables.append(table)
    if not tables and not problems:
        titles = " или ".join(
            f"«{layout.title}» ({', '.join(layout.column(key).title for key in layout.required[:2])} …)"
            for layout in layouts)
        raise UnreadableFile(f"В файле нет листа {titles} с заголовками как в шаблоне: скачайте шаблон и перенесите "
                             "данные в него.")
    return tables, problems


# Cells.

def text(value) -> str:
    """A cell as text in Unicode NFC without surrounding spaces: a whole number without «.0»
    (personnel numbers and phones typed as numbers), a date as ДД.ММ.ГГГГ, None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = f"{value:%d.%m.%Y}"
    return unicodedata.normalize("NFC", str(value)).strip()


def to_date(value) -> dt.date | None:
    """A date cell, or text ДД.ММ.ГГГГ or ГГГГ-ММ-ДД; None for an empty cell. Raises ValueError
    (Russian message) for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    shown = text(value)
    if not shown:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(shown, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"«{shown[:20]}» — не дата: впишите в виде ДД.ММ.ГГГГ, например 15.01.2025.")


_YES, _NO = {"да", "д", "+", "1"}, {"нет", "н", "-", "0"}


def to_flag(value) -> bool | None:
    """A да/нет cell as True/False (also «д»/«н», «+»/«-», 1/0 and Excel's TRUE/FALSE); None when
    empty. Raises ValueError (Russian message) otherwise."""
    if isinstance(value, bool):
        return value
    shown = fold(text(value))
    if not shown:
        return None
    if shown in _YES:
        return True
    if shown in _NO:
        return False
    raise ValueError(f"«{shown[:20]}» — впишите «да» или «нет».")


def yes_no(flag: bool) -> str:
    """«да» or «нет», as :func:`to_flag` reads them back."""
    return "да" if flag else "нет"


# Writing.

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
_WRAPPED = Alignment(wrap_text=True, vertical="top")


def add_sheet(book: Workbook, title: str, columns: Sequence[Column], rows: Iterable[Sequence], *,
              autofilter: bool = True) -> Worksheet:
    """A sheet of ``book`` with a bold header of ``columns`` frozen above ``rows`` (values in the
    order of ``columns``), column widths, each column's number format on its cells (dates show as
    ДД.ММ.ГГГГ and stay dates) and on the empty cells below (what a person types there later), long
    texts wrapped, an autofilter over the data, the header repeated on every printed page, landscape."""
    sheet = book.create_sheet(title)
    sheet.append([c.title for c in columns])
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
    for index, column in enumerate(columns, 1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.number_format:
            dimension.number_format = column.number_format
    for values in rows:
        sheet.append(list(values))
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            if column.number_format and cell.value is not None:
                cell.number_format = column.number_format
            if column.wrap and cell.value is not None:
                cell.alignment = _WRAPPED
    sheet.freeze_panes = "A2"
    if autofilter:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def new_book(title: str) -> Workbook:
    """An empty workbook (its default sheet removed) whose document properties name it."""
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    book.properties.creator = "Наставник"
    return book


def save(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
