"""The ``nastavnik`` command: render a document from JSON, decline a phrase, run the web service."""

import json
import os
import signal
import sys
import tempfile
from pathlib import Path

import click

from service.cli.batch import batch
from service.cli.exchange import export_command, import_command
from service.cli.registry import backup, db_option, registry_path, restore, tokens, users
from service.cli.worker import WorkerKeeper, worker
from service.documents.catalogue import UnknownTemplate
from service.documents.contracts import ContractError
from service.grammar.cases import parse_case
from service.grammar.gender import GENDERS, GenderUnknown
from service.grammar.names import decline_name
from service.grammar.organizations import decline_organization
from service.grammar.positions import decline_position


@click.group(help="Наставник: документы системы наставничества педагогических работников.")
def main() -> None:
    pass


@main.command(help="Сформировать DOCX по шаблону TEMPLATE_ID из JSON-файла с данными (без реестра).")
@click.argument("template_id")
@click.option("--data", "data_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSON по контракту данных")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="куда записать .docx (или .pdf — через LibreOffice)")
def render(template_id: str, data_path: Path, out_path: Path) -> None:
    from service.documents.render import render as render_document

    try:
        data = json.loads(data_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise click.ClickException(f"Файл данных не найден: {data_path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"Файл {data_path} — не JSON в UTF-8: {error}") from None
    try:
        rendered = render_document(template_id, data)
    except UnknownTemplate as error:
        raise click.ClickException(str(error)) from None
    except ContractError as error:
        lines = "\n".join(f"  {e.field}: {e.message}" for e in error.errors)
        raise click.ClickException(f"Данные не прошли проверку:\n{lines}") from None
    content = rendered.content
    if out_path.suffix.lower() == ".pdf":
        from service.documents.pdf import PdfConverter, PdfUnavailable

        try:
            # One file: starting a resident LibreOffice (about 6 s) would cost more than one soffice call.
            converter = PdfConverter(Path(tempfile.gettempdir()) / "nastavnik-libreoffice", 1, resident=False)
            content = converter.convert(content)
        except PdfUnavailable as error:
            raise click.ClickException(str(error)) from None
    out_path.write_bytes(content)
    click.echo(f"Записано: {out_path}")


_DECLINERS = {
    "name": lambda text, case, gender: decline_name(text, case, gender),
    "position": lambda text, case, gender: decline_position(text, case),
    "organization": lambda text, case, gender: decline_organization(text, case),
}


@main.command(help="Просклонять ФИО, должность или наименование организации. TEXT «-» — читать по "
                   "одному значению в строке со стандартного ввода.")
@click.option("--kind", type=click.Choice(list(_DECLINERS)), required=True)
@click.option("--case", "case_name", required=True, help="nomn gent datv accs ablt loct (или им род дат вин твор пред)")
@click.option("--gender", type=click.Choice(GENDERS), default=None, help="m или f, если пол не определяется")
@click.argument("text")
def decline(kind: str, case_name: str, gender: str | None, text: str) -> None:
    try:
        case = parse_case(case_name)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--case") from None
    items = [line.rstrip("\n") for line in sys.stdin] if text == "-" else [text]
    failed = False
    for item in items:
        try:
            click.echo(_DECLINERS[kind](item, case, gender) if item.strip() else "")
        except (GenderUnknown, ValueError) as error:
            click.echo(item)
            click.echo(f"Ошибка: {error}", err=True)
            failed = True
    if failed:
        sys.exit(1)


@main.command(help="Запустить веб-сервис (waitress: несколько потоков, работает в Linux и Windows).")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="сколько запросов обслуживать одновременно")
@click.option("--render-processes", default=os.cpu_count() or 1, show_default="число ядер",
              type=click.IntRange(0, 64), help="сколько процессов формируют документы (0 — в потоке запроса)")
@click.option("--demo", is_flag=True, help="заполнить пустой реестр демонстрационными данными")
@click.option("--no-worker", is_flag=True, help="не запускать обработчик пакетов (он запущен отдельно: worker)")
def serve(db_path: Path | None, host: str, port: int, threads: int, render_processes: int, demo: bool,
          no_worker: bool) -> None:
    import waitress

    from registry.db import connect
    from registry.demo import ACCOUNTS, load_demo
    from registry.users import ROLES
    from service.app import create_app
    from service.documents.workers import RenderPool

    app = create_app({"DATABASE": str(db_path.resolve())} if db_path else None)
    app.config["RENDER_PROCESSES"] = render_processes
    app.extensions["render_pool"] = pool = RenderPool(render_processes)
    pool.start()
    # FLASK_DEBUG must never turn a served registry into an open debugger or English tracebacks.
    app.config.update(DEBUG=False, PROPAGATE_EXCEPTIONS=False)
    app.debug = False
    if demo:
        db = connect(app.config["DATABASE"])
        loaded = load_demo(db)
        db.close()
        click.echo("Демонстрационный реестр загружен." if loaded else "Реестр уже заполнен; демо не загружалось.")
        if loaded:
            click.echo("Демонстрационные входы (пароль у всех — demo): "
                       + ", ".join(f"{login} ({ROLES[role]})" for login, (role, _, _) in ACCOUNTS.items()) + ".")
    if host not in ("0.0.0.0", "::"):
        app.config["TRUSTED_HOSTS"] = [*app.config["TRUSTED_HOSTS"], host]
    click.echo(f"Реестр: {app.config['DATABASE']}\nОткройте http://{host}:{port}/")
    batches = None if no_worker else WorkerKeeper(app.config["DATABASE"])
    if batches is not None:
        batches.start()
    # Stopped by a signal, the server still stops its render workers and its batch worker.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="nastavnik")
    finally:
        pool.close()
        if batches is not None:
            batches.stop()


@main.command(help="Создать реестр или обновить его схему (один раз перед запуском нескольких процессов).")
@db_option
def migrate(db_path: Path | None) -> None:
    click.echo(f"Схема реестра обновлена: {registry_path(db_path)}")


for command in (users, tokens, backup, restore, import_command, export_command, batch, worker):
    main.add_command(command)
