"""What an import found and did: the problems (sheet, row, column, Russian explanation), and for
people, pairs and programmes what was (or, in a dry run, would be) created, updated or left as it
was."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing to fix: ``sheet`` title (the file name for CSV), spreadsheet ``row`` (1 is usually
    the header; None for the whole sheet), ``column`` title as in the template and its ``letter``
    in the file (both "" when the problem concerns the whole row), and the ``message``."""

    sheet: str
    row: int | None
    column: str
    letter: str
    message: str

    def __str__(self) -> str:
        where = [f"Лист «{self.sheet}»"]
        if self.row is not None:
            where.append(f"строка {self.row}")
        if self.column:
            where.append(f"столбец {self.letter} «{self.column}»" if self.letter else f"столбец «{self.column}»")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class Changes:
    """Records of one kind by what happens to them: names (or descriptions) created and updated, and
    how many were already as in the file."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        """«создано 2, обновлено 1, без изменений 10»."""
        return f"создано {len(self.created)}, обновлено {len(self.updated)}, без изменений {self.unchanged}"


@dataclass
class ImportReport:
    """The outcome of :func:`service.spreadsheets.importer.import_file`. ``written`` is True only
    when the file had no problem and was not a dry run; otherwise nothing was written and
    ``people``/``pairs``/``programmes`` say what the import would do. ``notes`` are remarks that
    stop nothing (an untouched example row of the template skipped, a sheet without data)."""

    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    people: Changes = field(default_factory=Changes)
    pairs: Changes = field(default_factory=Changes)
    programmes: Changes = field(default_factory=Changes)
    notes: list[str] = field(default_factory=list)
    written: bool = False

    def sections(self) -> list[tuple[str, Changes]]:
        """(Russian title, changes) of each kind of record, in the order of the sheets."""
        return [("Участники", self.people), ("Пары и группы", self.pairs), ("Программы", self.programmes)]

    def changes_anything(self) -> bool:
        """Whether the import creates or updates anything."""
        return any(changes.created or changes.updated for _title, changes in self.sections())

    def summary(self) -> str:
        """One line for a message or the console: «Участники: создано 2, …. Пары и группы: ….
        Программы: …»."""
        return " ".join(f"{title}: {changes.summary()}." for title, changes in self.sections())
