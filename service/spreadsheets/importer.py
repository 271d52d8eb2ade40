"""One import of an upload into an organisation's registry: every row checked before anything stays
written, all of it in one transaction, all or nothing.

The rows are applied through the registry's own functions (so its rules are the import's rules)
inside one ``BEGIN IMMEDIATE`` transaction, each row in a savepoint: a row the registry refuses is
undone and reported and the next rows still run, so one pass lists every problem. At the end the
transaction commits only when nothing was refused and it is not a dry run; otherwise it is rolled
back, and a dry run has still found out exactly what the import would create and update."""

from sqlite_utils import Database

from registry.db import write
from service.spreadsheets import pairs, people, programmes
from service.spreadsheets.report import ImportReport
from service.spreadsheets.workbook import fold, read_tables


class _Discard(Exception):
    """Raised at the end of the transaction to roll it back (a dry run, or problems found)."""


def import_file(db: Database, organization_id: int, content: bytes, filename: str, *,
                dry_run: bool = False) -> ImportReport:
    """Import people, pairs (groups) and programmes from ``content``, an xlsx or CSV named
    ``filename`` (its extension tells the format), into the organisation ``organization_id``. People
    are applied before pairs and pairs before programmes, so that a row may name what the same file
    adds.

    Returns the :class:`ImportReport`; ``written`` is True only when the file had no problem and
    ``dry_run`` is False. Raises :class:`~service.spreadsheets.workbook.UnreadableFile` for a file
    that is not a readable workbook or CSV of the registry, and :class:`~registry.db.RegistryBusy`
    when the registry's write lock cannot be had."""
    report = ImportReport(dry_run=dry_run)
    tables, report.problems = read_tables(content, filename, (people.LAYOUT, pairs.LAYOUT, programmes.LAYOUT))
    person_rows = [row for t in tables if t.layout is people.LAYOUT for row in people.parse(t, report)]
    pair_rows = [row for t in tables if t.layout is pairs.LAYOUT for row in pairs.parse(t, report)]
    plan_rows = [row for t in tables if t.layout is programmes.LAYOUT for row in programmes.parse(t, report)]
    people.check_duplicates(person_rows, report)
    for table in tables:
        if not table.rows:
            report.notes.append(f"Лист «{table.sheet}»: строк с данными нет.")
    try:
        with write(db):
            people.apply(db, organization_id, person_rows, report)
            refused = {fold(row.name): (row.table.sheet, row.row) for row in person_rows
                       if row.failed and "last_name" in row.values and "first_name" in row.values}
            pairs.apply(db, organization_id, pair_rows, report, refused)
            programmes.apply(db, organization_id, plan_rows, report, refused, [row for row in pair_rows if row.failed])
            if dry_run or report.problems:
                raise _Discard
    except _Discard:
        # Problems were found phase by phase (cells, duplicates, the registry): listed sheet by sheet in
        # the file's order (a sheet left out for its structure after those read), row by row.
        sheets: dict[str, int] = {}
        for sheet in [*(table.sheet for table in tables), *(problem.sheet for problem in report.problems)]:
            sheets.setdefault(sheet, len(sheets))
        report.problems.sort(key=lambda p: (sheets[p.sheet], p.row or 0))
        return report
    report.written = True
    return report
