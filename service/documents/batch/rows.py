"""The rows of a batch — a JSON list of a template's contract objects, or a sheet (xlsx, or CSV in UTF-8
or Windows-1251) that a person fills in — and the blank sheet of a template.

The sheet is flat: one row per document, one column per field of the contract, named by its path in
the contract's JSON Schema (:func:`service.documents.schema.template_schema`) — nested objects by dots,
list items by their number from 1: ``pairs.2.mentees.1.full_name``. A header may give the column's
Russian title instead: «наставнические пары (группы) № 2 / наставляемые № 1 / ФИО». The blank sheet
has both, paths in row 1 and titles in row 2, and the catalogue's example in row 3; a second header
row of titles is skipped when reading. Cells are read as a person types them: dates as dates or
ДД.ММ.ГГГГ, «да»/«нет», «м»/«ж»; an empty cell leaves its field out (the check of the contract then
names what is missing), a list ends at its last filled item.
"""

import contextlib
import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from service.documents.batch.run import Row
from service.documents.catalogue import TemplateEntry, get_template
from service.documents.schema import template_schema
from service.spreadsheets.workbook import (
    DATE_FORMAT,
    Column,
    UnreadableFile,
    add_sheet,
    fold,
    new_book,
    save,
    text,
    to_date,
    to_flag,
)

#: Where the blank sheet's data is; a workbook without such a sheet is read from its first sheet.
DATA_SHEET = "Данные"
#: Separates the titles of the levels of a column's Russian title.
TITLE_SEPARATOR = " / "
#: Cells that give a person's gender (the contract's "m" and "f").
_GENDERS = {"м": "m", "муж": "m", "мужской": "m", "m": "m", "ж": "f", "жен": "f", "женский": "f", "f": "f"}
_NUMBERED = re.compile(r"^(.*?)\s*№\s*(\d+)$")


@dataclass(frozen=True)
class _Field:
    """A column: its path (list items as ints from 1), Russian title, and the JSON types the
    contract takes there ("string", "date", "integer", "number", "boolean", "gender")."""

    path: tuple[str | int, ...]
    title: str
    types: frozenset[str]

    @property
    def name(self) -> str:
        return ".".join(map(str, self.path))


def _is_map(node: dict) -> bool:
    """A JSON object of free keys: the corrected case forms {"gent": "…"}."""
    return isinstance(node.get("additionalProperties"), dict)


class _Contract:
    """A template's contract as its JSON Schema sees it."""

    def __init__(self, entry: TemplateEntry):
        self.entry = entry
        self.schema = template_schema(entry)
        self.root = {**self.schema, "title": ""}

    def resolved(self, node: dict) -> dict:
        """``node`` with its ``$ref`` followed and a null alternative dropped, keeping its own title."""
        while True:
            rest = {key: value for key, value in node.items() if key not in ("$ref", "anyOf")}
            if "$ref" in node:
                node = {**self.schema["$defs"][node["$ref"].rsplit("/", 1)[1]], **rest}
                continue
            options = [option for option in node.get("anyOf", ()) if option.get("type") != "null"]
            if len(options) == 1:
                node = {**options[0], **rest}
                continue
            return node

    @staticmethod
    def types(node: dict) -> frozenset[str]:
        found = set()
        for option in node.get("anyOf", [node]):
            if option.get("enum") == ["m", "f"]:
                found.add("gender")
            elif option.get("type") == "string":
                found.add("date" if option.get("format") == "date" else "string")
            elif option.get("type") in ("integer", "number", "boolean"):
                found.add(option["type"])
        return frozenset(found)

    def field(self, path: list[str]) -> _Field | None:
        """The column of ``path`` (its parts as written: "pairs", "2", "mentor"…), or None when the
        contract has no such field."""
        node, parts, titles = self.root, [], []
        for part in path:
            if node.get("type") == "array" and part.isdigit() and 1 <= int(part) <= node.get("maxItems", 10**6):
                parts.append(int(part))
                titles[-1] = f"{titles[-1]} № {part}"
                node = self.resolved(node["items"])
            elif part in node.get("properties", {}):
                node = self.resolved(node["properties"][part])
                parts.append(part)
                titles.append(node.get("title") or part)
            elif _is_map(node) and part in node.get("propertyNames", {}).get("enum", ()):
                node = node["additionalProperties"]  # a case form: {"gent": "…"}
                parts.append(part)
                titles.append(part)
            else:
                return None
        if node.get("type") in ("object", "array"):
            return None
        return _Field(tuple(parts), TITLE_SEPARATOR.join(titles), self.types(node))

    def field_titled(self, title: str) -> _Field | None:
        """The column whose Russian title is ``title`` (case, spaces and ё aside), or None."""
        node, path = self.root, []
        for segment in title.split(TITLE_SEPARATOR):
            numbered = _NUMBERED.match(segment.strip())
            name, number = (numbered.group(1), numbered.group(2)) if numbered else (segment, None)
            properties = node.get("properties", {})
            key = next((key for key, value in properties.items()
                        if fold(self.resolved(value).get("title") or key) == fold(name)), None)
            if key is None:
                return None
            node = self.resolved(properties[key])
            path.append(key)
            if number is not None:
                if node.get("type") != "array":
                    return None
                node = self.resolved(node["items"])
                path.append(number)
        return self.field(path)

    def columns(self, documents: list) -> list[tuple[_Field, list]]:
        """The sheet's columns for ``documents`` (contract objects), each with the documents' values in
        it (None where a document has none): every field of the objects the contract holds, lists with
        as many items as the longest of the documents' (at least one); not the registry's ids (a sheet
        comes from outside the registry) nor corrected case forms (a column by path adds them)."""

        def walk(node: dict, path: list[str], values: list) -> Iterator[tuple[_Field, list]]:
            if node.get("type") == "array":
                lists = [value if isinstance(value, list) else [] for value in values]
                for number in range(1, max([1, *map(len, lists)]) + 1):
                    items = [items[number - 1] if number <= len(items) else None for items in lists]
                    yield from walk(self.resolved(node["items"]), [*path, str(number)], items)
            elif "properties" in node:
                for key, value in node["properties"].items():
                    child = self.resolved(value)
                    if key != "id" and not _is_map(child):
                        yield from walk(child, [*path, key],
                                        [value.get(key) if isinstance(value, dict) else None for value in values])
            else:
                yield self.field(path), values

        return list(walk(self.root, [], documents))


def _value(field: _Field, cell) -> Any:
    """The JSON value of a cell in ``field``'s column; None for an empty cell. What does not fit the
    field is passed on as text, for the contract's check to explain."""
    shown = text(cell)
    if not shown:
        return None
    if "date" in field.types:
        try:
            return to_date(cell).isoformat()
        except ValueError:
            pass
    if "boolean" in field.types:
        try:
            return to_flag(cell)
        except ValueError:
            pass
    if "gender" in field.types:
        return _GENDERS.get(fold(shown), shown)
    if "integer" in field.types and "string" not in field.types and re.fullmatch(r"-?\d+", shown):
        return int(shown)
    if "number" in field.types:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return cell
        with contextlib.suppress(ValueError):  # «83,3» as Excel shows it in Russia
            return float(shown.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    return shown


def _nested(flat: dict[tuple, Any]) -> dict:
    """{("pairs", 1, "form"): "…"} → {"pairs": [{"form": "…"}]}; a list's items up to its last filled
    one, an empty one among them as {} (or None in a list of texts), for the check to name."""
    tree: dict = {}
    for path, value in flat.items():
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value

    def lists(node):
        if not isinstance(node, dict):
            return node
        items = {key: lists(value) for key, value in node.items()}
        if items and all(isinstance(key, int) for key in items):
            objects = any(isinstance(value, dict) for value in items.values())
            return [items.get(number, {} if objects else None) for number in range(1, max(items) + 1)]
        return items

    return lists(tree)


def _sheet_rows(content: bytes, filename: str) -> Iterator[tuple[int, tuple]]:
    """(row number, cell values) of each row holding anything, from an xlsx's «Данные» sheet (or its
    first) or a CSV."""
    if PurePath(filename).suffix.lower() == ".csv":
        rows = _csv_rows(content)
    else:
        rows = _xlsx_rows(content)
    for number, values in enumerate(rows, 1):
        if any(text(value) for value in values):
            yield number, tuple(values)


def _xlsx_rows(content: bytes) -> list[tuple]:
    try:
        # Books saved by Excel carry extensions openpyxl drops with a warning: harmless for values.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
                return list(sheet.iter_rows(values_only=True))
            finally:
                book.close()
    except Exception:
        # openpyxl answers a damaged or foreign file with a dozen exception types; to a person they mean one.
        raise UnreadableFile("Файл не открывается как книга Excel (.xlsx): сохраните его в Excel как «Книга Excel "
                             "(*.xlsx)» или как CSV и повторите.") from None


def _csv_rows(content: bytes) -> list[list[str]]:
    """A CSV as Excel saves it: UTF-8 (with or without BOM), else Windows-1251; «;», «,» or tab as
    separator, whichever the first line has most of."""
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = content.decode("cp1251", errors="replace")
    first = next((line for line in decoded.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        return list(csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter))
    except csv.Error:
        raise UnreadableFile("CSV не разбирается на строки и столбцы (незакрытые кавычки?): сохраните его в Excel "
                             "заново.") from None


def _sheet(contract: _Contract, content: bytes, filename: str) -> list[Row]:
    rows = _sheet_rows(content, filename)
    header_number, header = next(rows, (0, ()))
    fields: dict[int, _Field] = {}
    problems = []
    for index, cell in enumerate(header):
        name = text(cell)
        if not name:
            continue  # a column without a header: a person's notes
        field = contract.field(name.split(".")) or contract.field_titled(name)
        column = f"столбец {get_column_letter(index + 1)} «{name[:80]}»"
        if field is None:
            problems.append(f"{column} — в шаблоне «{contract.entry.title}» нет такого поля; проверьте написание")
        elif field.path in (f.path for f in fields.values()):
            problems.append(f"{column} повторяет поле {field.name}; оставьте один")
        else:
            fields[index] = field
    if problems:
        raise UnreadableFile(f"Строка {header_number} (заголовки): " + "; ".join(problems) + ". Заголовки — как "
                             "в образце листа этого шаблона.")
    if not fields:
        raise UnreadableFile("В файле нет заголовков полей: первая заполненная строка должна называть поля, как в "
                             "образце листа этого шаблона.")
    result = []
    for number, values in rows:
        cells = {index: values[index] if index < len(values) else None for index in fields}
        if all(not text(cell) for cell in cells.values()):
            continue  # notes beside the data, in columns without a header
        if not result and all(fold(text(cell)) in ("", fold(fields[index].title)) for index, cell in cells.items()):
            continue  # the row of Russian titles under the paths
        flat = {fields[index].path: _value(fields[index], cell) for index, cell in cells.items()}
        result.append(Row(number, _nested({path: value for path, value in flat.items() if value is not None})))
    return result


def _json(content: bytes) -> list[Row]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except RecursionError:
        raise UnreadableFile("В JSON слишком глубокая вложенность: нужен список объектов с данными документов.") \
            from None
    except UnicodeDecodeError:
        raise UnreadableFile("Файл — не текст в UTF-8: сохраните JSON в кодировке UTF-8.") from None
    except json.JSONDecodeError as error:
        raise UnreadableFile(f"Файл — не JSON: ошибка в строке {error.lineno}, знак {error.colno}.") from None
    if not isinstance(data, list):
        raise UnreadableFile("JSON должен быть списком [ … ] объектов с данными документов, по объекту на документ.")
    return [Row(number, item) for number, item in enumerate(data, 1)]


def read_rows(template_id: str, content: bytes, filename: str) -> list[Row]:
    """The rows of a file for template ``template_id``: ``filename``'s suffix tells the format —
    .json (a list of contract objects, numbered from 1), .csv or .xlsx (a sheet as the module
    describes, numbered by the sheet's rows). The rows are not checked against the contract yet.

    Raises :class:`~service.documents.catalogue.UnknownTemplate`, and
    :class:`~service.spreadsheets.workbook.UnreadableFile` (Russian ``message``) for another format, a
    file that does not open, a header naming no field of the template (with its column), or no rows."""
    contract = _Contract(get_template(template_id))
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".json":
        rows = _json(content)
    elif suffix in (".csv", ".xlsx", ".xlsm"):
        rows = _sheet(contract, content, filename)
    else:
        raise UnreadableFile("Данные — файл .xlsx, .csv или .json.")
    if not rows:
        raise UnreadableFile("В файле нет ни одной строки с данными документа.")
    return rows


def column_of(field: str) -> str:
    """The sheet column of a field as the contract's check names it: «pairs[0].mentor.position» →
    «pairs.1.mentor.position»; «$» (the whole document) → ""."""
    if field == "$":
        return ""
    return re.sub(r"\[(\d+)\]", lambda m: f".{int(m.group(1)) + 1}", field).lstrip(".")


def blank_sheet(template_id: str, filename: str) -> bytes:
    """The sheet to fill in for ``template_id``: :func:`write_sheet` of the catalogue's example."""
    return write_sheet(template_id, [get_template(template_id).example], filename)


def write_sheet(template_id: str, documents: list, filename: str) -> bytes:
    """A sheet of ``documents`` (contract objects of ``template_id``) that :func:`read_rows` reads back:
    .xlsx (a «Данные» sheet and a guide) or .csv (UTF-8 with BOM, «;» as Excel saves it in Russia),
    by ``filename``'s suffix; paths in row 1, Russian titles in row 2, a document per row from row 3.
    Raises ``ValueError`` for another suffix and :class:`~service.documents.catalogue.UnknownTemplate`."""
    contract = _Contract(get_template(template_id))
    columns = contract.columns(documents)
    suffix = PurePath(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError("Лист — файл .xlsx или .csv.")
    dates = suffix == ".xlsx"
    rows = [[_shown(f, values[index], dates) for f, values in columns] for index in range(len(documents))]
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=";").writerows([[f.name for f, _ in columns], [f.title for f, _ in columns],
                                                     *rows])
        return buffer.getvalue().encode("utf-8-sig")
    book = new_book(f"Данные для пакета: {contract.entry.title}")
    sheet = add_sheet(book, DATA_SHEET, [
        Column(f.name, f.name, min(max(len(f.name), 14), 40),
               number_format=DATE_FORMAT if "date" in f.types and "string" not in f.types else None)
        for f, _ in columns], [[f.title for f, _ in columns], *rows], autofilter=False)
    sheet.freeze_panes = "A3"
    guide = book.create_sheet("Как заполнять")
    guide.column_dimensions["A"].width = 120
    for line in _guide(contract, [f for f, _ in columns]):
        guide.append([line])
    return save(book)


def _shown(field: _Field, value, dates: bool):
    """A document's value as a person would type it in the sheet."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if "date" in field.types and isinstance(value, str):
        try:
            day = to_date(value)
        except ValueError:
            return value
        return day if dates else f"{day:%d.%m.%Y}"
    return value


def _guide(contract: _Contract, fields: list[_Field]) -> list[str]:
    """The lines of the sheet «Как заполнять», with examples from the template's own ``fields``."""
    lines = [
        f"Пакет документов «{contract.entry.title}»: строка листа «{DATA_SHEET}» — один документ.",
        "Строка 1 — поля (не меняйте), строка 2 — их названия, дальше — по документу в строке (в образце — "
        "пример: замените его своими данными или удалите).",
        "Даты — ДД.ММ.ГГГГ; согласие — «да», «нет» или дата; пол — «м» или «ж» (если по ФИО не определяется).",
        "Пустая ячейка — поле не заполнено. Обязательные поля, которые остались пустыми, будут названы в отчёте с "
        "номером строки; остальные строки всё равно сформируются.",
    ]
    listed = next((field for field in fields if any(isinstance(part, int) for part in field.path)), None)
    if listed is not None:
        index = max(i for i, part in enumerate(listed.path) if isinstance(part, int))
        numbers = [f.path[index] for f in fields if f.path[:index] == listed.path[:index] and len(f.path) > index]
        more = [*listed.path[:index], max(numbers) + 1, *listed.path[index + 1:]]
        lines.append(f"Ещё один элемент списка — столбцы со следующим номером, например {'.'.join(map(str, more))}.")
    named = next((field for field in fields if field.path[-1] == "full_name"), None)
    if named is not None:
        person = ".".join(map(str, named.path[:-1]))
        lines.append(f"Исправленные падежные формы — столбцы вида {person}.forms.datv (падежи: gent, datv, accs, ablt, "
                     "loct).")
    return [*lines, "Лист можно сохранить как CSV (UTF-8 или Windows-1251, разделитель «;»)."]
