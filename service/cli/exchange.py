"""``nastavnik import`` and ``nastavnik export``: the registry of an organisation from and to a
spreadsheet, as the page «Обмен с Excel» does. Each takes ``--db PATH`` (default: the instance
registry) and ``--organization ID`` (needed only when the registry has several organisations)."""

from pathlib import Path

import click
from sqlite_utils import Database

from registry.db import RegistryBusy, connect
from registry.organization import get_organization, list_organizations
from service.cli.registry import db_option, registry_path


def _organization_option(function):
    return click.option("--organization", "organization_id", type=int, default=None,
                        help="номер организации (если в реестре их несколько)")(function)


def _organization(db: Database, organization_id: int | None) -> dict:
    """The organisation numbered ``organization_id``, or the only one of the registry."""
    if organization_id is not None:
        organization = get_organization(db, organization_id)
        if organization is None:
            raise click.ClickException(f"Нет организации с номером {organization_id}.")
        return organization
    organizations = list_organizations(db)
    if len(organizations) == 1:
        return organizations[0]
    if not organizations:
        raise click.ClickException("В реестре нет ни одной организации: сначала добавьте её.")
    listed = "; ".join(f"{o['id']} — {o['short_name'] or o['full_name']}" for o in organizations)
    raise click.ClickException(f"В реестре несколько организаций, укажите --organization: {listed}.")


@click.command("import", help="Загрузить участников, пары (группы) и их программы наставничества из FILE (.xlsx "
                              "или .csv в UTF-8 или Windows-1251) в реестр организации: всё или ничего. Код выхода 1, "
                              "если в файле есть ошибки (тогда ничего не записано).")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@_organization_option
@click.option("--dry-run", is_flag=True, help="только проверить и показать, что изменится, ничего не записывая")
@db_option
def import_command(path: Path, organization_id: int | None, dry_run: bool, db_path: Path | None) -> None:
    from service.spreadsheets.importer import import_file
    from service.spreadsheets.workbook import UnreadableFile

    db = connect(registry_path(db_path))
    organization = _organization(db, organization_id)
    try:
        report = import_file(db, organization["id"], path.read_bytes(), path.name, dry_run=dry_run)
    except UnreadableFile as error:
        raise click.ClickException(error.message) from None
    except RegistryBusy as error:
        raise click.ClickException(error.message) from None
    for note in report.notes:
        click.echo(note)
    if report.problems:
        for problem in report.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"Ошибок: {len(report.problems)}. Ничего не записано: исправьте файл и повторите.")
    will = "будут " if dry_run else ""
    for title, changes in report.sections():
        for verb, names in ((f"{will}добавлены", changes.created), (f"{will}обновлены", changes.updated)):
            if names:
                click.echo(f"{title} — {verb} ({len(names)}): {'; '.join(names)}")
    click.echo(("Проверка: ошибок нет, ничего не записано. " if dry_run else "Загружено. ") + report.summary())


@click.command("export", help="Выгрузить реестр организации (участники, пары и группы, программы наставничества, "
                              "журнал приказов) в книгу Excel FILE (.xlsx).")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@_organization_option
@db_option
def export_command(path: Path, organization_id: int | None, db_path: Path | None) -> None:
    from service.spreadsheets.export import export_registry

    db = connect(registry_path(db_path))
    organization = _organization(db, organization_id)
    path.write_bytes(export_registry(db, organization))
    click.echo(f"Записано: {path}")
