"""``nastavnik batch``: every document of a template from a sheet or a JSON list, into one ZIP and one
print file, on every core, without the registry (as ``render``)."""

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

_PRINT_SUFFIXES = (".pdf", ".docx")


def _fail(message: str) -> NoReturn:
    """Stop with ``message`` on stderr and exit code 1 (click's own errors begin with an English «Error:»)."""
    click.echo(message, err=True)
    sys.exit(1)


def _path_option(*names: str, help: str):  # noqa: A002 - click's own keyword
    return click.option(*names, type=click.Path(dir_okay=False, path_type=Path), default=None, help=help)


@click.command("batch", help="Сформировать пакет документов по шаблону TEMPLATE_ID без реестра: по документу на "
                             "строку листа (.xlsx; .csv в UTF-8 или Windows-1251) или на объект JSON-списка — в один "
                             "ZIP. Строки с ошибками перечисляются (тогда код выхода 1), остальные документы "
                             "формируются. С --sheet — записать образец листа для шаблона: поля, их названия и "
                             "пример.")
@click.argument("template_id")
@_path_option("--data", "data_path", help="строки: .xlsx, .csv или .json")
@_path_option("--out", "out_path", help="куда записать ZIP с документами")
@click.option("--pdf", is_flag=True, help="положить в ZIP и PDF каждого документа (нужен LibreOffice)")
@_path_option("--print", "print_path", help="один файл для печати всех документов: .pdf или .docx")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="сколько процессов формируют документы, считая этот (по умолчанию — по числу ядер)")
@_path_option("--sheet", "sheet_path", help="записать сюда образец листа (.xlsx или .csv) и ничего не формировать")
def batch(template_id: str, data_path: Path | None, out_path: Path | None, pdf: bool, print_path: Path | None,
          workers: int | None, sheet_path: Path | None) -> None:
    from service.documents.batch import blank_sheet, column_of, read_rows, run_batch
    from service.documents.catalogue import UnknownTemplate, get_template
    from service.documents.pdf import PdfUnavailable
    from service.documents.workers import prepare_workers
    from service.spreadsheets.workbook import UnreadableFile

    try:
        get_template(template_id)
    except UnknownTemplate as error:
        _fail(str(error))
    sample = f"Образец листа: nastavnik batch {template_id} --sheet ОБРАЗЕЦ.xlsx"
    if sheet_path is not None:
        if sheet_path.suffix.lower() not in (".xlsx", ".csv"):
            _fail("Образец листа — файл .xlsx или .csv.")
        _write(sheet_path, blank_sheet(template_id, sheet_path.name))
        click.echo(f"Записан образец листа: {sheet_path}")
        return
    if data_path is None or out_path is None:
        _fail(f"Укажите --data (строки: .xlsx, .csv или .json) и --out (ZIP). {sample}")
    if print_path is not None and print_path.suffix.lower() not in _PRINT_SUFFIXES:
        _fail("Файл для печати (--print) — .pdf или .docx.")
    sheet = data_path.suffix.lower() != ".json"
    if (workers or os.cpu_count() or 1) > 1:
        prepare_workers()  # the workers' fork server warms up while the rows are read
    try:
        rows = read_rows(template_id, data_path.read_bytes(), data_path.name)
    except FileNotFoundError:
        _fail(f"Файл данных не найден: {data_path}")
    except OSError:
        _fail(f"Файл данных не читается: {data_path} — проверьте права на него.")
    except UnreadableFile as error:
        _fail(f"{data_path}: {error.message}" + (f"\n{sample}" if sheet else ""))
    printed = print_path.suffix.lower() if print_path else None
    try:
        with click.progressbar(length=len(rows), label="Документы", show_pos=True) as bar:
            def progress(done: int, total: int) -> None:
                bar.update(done - bar.pos)

            result = run_batch(template_id, rows, out_path, pdf=pdf, workers=workers, progress=progress,
                               print_pdf=print_path if printed == ".pdf" else None,
                               print_docx=print_path if printed == ".docx" else None)
    except PdfUnavailable as error:
        _fail(str(error))
    except KeyboardInterrupt:
        _fail("Прервано: ничего не записано.")
    except OSError:
        _fail(f"Не удалось записать {out_path}{f' или {print_path}' if print_path else ''}: проверьте, что папка "
              "существует и в неё можно писать.")
    for failure in result.failed:
        for error in failure.errors:
            where = column_of(error.field) if sheet else error.field
            click.echo(f"{_row_name(failure.row, sheet)}{f' ({where})' if where else ''}: {error.message}", err=True)
    if result.done:
        click.echo(f"Записано: {out_path} — документов: {result.done}{', с PDF' if pdf else ''}.")
        if print_path:
            click.echo(f"Файл для печати: {print_path}")
    if result.failed:
        _fail(f"Не сформировано документов: {len(result.failed)} из {len(rows)} — исправьте эти строки"
              + (" и сформируйте их отдельно." if result.done else f". {out_path} не записан."))


def _row_name(number: int, sheet: bool) -> str:
    return f"Строка {number}" if sheet else f"Документ {number} в списке"


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError:
        _fail(f"Не удалось записать {path}: проверьте, что папка существует и в неё можно писать.")
