"""Commands on the registry itself: accounts (``users``), API tokens (``tokens``), ``backup`` and
``restore``. Each takes ``--db PATH`` (default: the instance registry, as ``serve`` uses)."""

import sqlite3
import sys
from pathlib import Path

import click
from sqlite_utils import Database

from registry.db import RegistryError, connect
from registry.migrations import migrations
from registry.users import ROLES, create_token, create_user, find_user, list_users, set_disabled, set_password


def db_option(function):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="файл реестра SQLite (по умолчанию — в папке instance)")(function)


def registry_path(db_path: Path | None) -> str:
    """The registry file a command works on, created and migrated (as the service does at start)."""
    from service.app import create_app

    return create_app({"DATABASE": str(db_path.resolve())} if db_path else None).config["DATABASE"]


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Пароль", hide_input=True, confirmation_prompt="Пароль ещё раз")


def _fail(error: RegistryError):
    raise click.ClickException(error.message)


@click.group(help="Учётные записи пользователей.")
def users() -> None:
    pass


@users.command("add", help="Добавить пользователя LOGIN (пароль спрашивается дважды или читается из stdin).")
@click.argument("login")
@click.option("--role", type=click.Choice(list(ROLES)), required=True, help="роль")
@click.option("--organization", "organization_id", type=int, default=None,
              help="номер организации (для секретаря, куратора, руководителя)")
@click.option("--name", "full_name", default="", help="ФИО")
@click.option("--password-stdin", is_flag=True, help="прочитать пароль из первой строки stdin")
@db_option
def add_user(login: str, role: str, organization_id: int | None, full_name: str, password_stdin: bool,
             db_path: Path | None) -> None:
    db = connect(registry_path(db_path))
    try:
        create_user(db, login, _password(password_stdin), role, organization_id, full_name)
    except RegistryError as error:
        _fail(error)
    click.echo(f"Добавлен пользователь {login.lower()} ({ROLES[role]}).")


@users.command("list", help="Список пользователей.")
@db_option
def list_users_command(db_path: Path | None) -> None:
    for user in list_users(connect(registry_path(db_path))):
        state = "отключён" if user["disabled_at"] else "действует"
        click.echo(f"{user['login']}\t{ROLES[user['role']]}\t{user['organization'] or 'все организации'}\t{state}")


def _user(db, login: str) -> dict:
    user = find_user(db, login)
    if user is None:
        raise click.ClickException(f"Нет пользователя «{login}».")
    return user


@users.command("passwd", help="Задать пользователю LOGIN новый пароль.")
@click.argument("login")
@click.option("--password-stdin", is_flag=True, help="прочитать пароль из первой строки stdin")
@db_option
def passwd(login: str, password_stdin: bool, db_path: Path | None) -> None:
    db = connect(registry_path(db_path))
    user = _user(db, login)
    try:
        set_password(db, user["id"], _password(password_stdin))
    except RegistryError as error:
        _fail(error)
    click.echo(f"Пароль пользователя {user['login']} изменён.")


@users.command("disable", help="Отключить пользователя LOGIN (вход и его API-токены перестают действовать).")
@click.argument("login")
@click.option("--enable", is_flag=True, help="снова включить")
@db_option
def disable(login: str, enable: bool, db_path: Path | None) -> None:
    db = connect(registry_path(db_path))
    user = _user(db, login)
    set_disabled(db, user["id"], not enable)
    click.echo(f"Пользователь {user['login']} " + ("снова может входить." if enable else "отключён."))


@click.group(help="API-токены.")
def tokens() -> None:
    pass


@tokens.command("create", help="Создать API-токен пользователя; печатается только токен, один раз.")
@click.option("--user", "login", required=True, help="логин")
@click.option("--label", default="", help="для чего токен")
@db_option
def create_token_command(login: str, label: str, db_path: Path | None) -> None:
    db = connect(registry_path(db_path))
    click.echo(create_token(db, _user(db, login)["id"], label))


@click.command(help="Сохранить копию реестра в файл PATH (можно при работающем сервисе).")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def backup(path: Path, db_path: Path | None) -> None:
    if path.exists():
        raise click.ClickException(f"Файл {path} уже есть: укажите новое имя, копия не перезаписывает файлы.")
    source = sqlite3.connect(registry_path(db_path))
    target = sqlite3.connect(path)
    try:
        # SQLite's online backup copies a consistent state while the service keeps writing.
        source.backup(target)
    finally:
        target.close()
        source.close()
    click.echo(f"Копия реестра сохранена: {path}")


def check_backup(path: Path) -> None:
    """Raise :class:`click.ClickException` unless ``path`` is a registry this code can read: an SQLite
    file with the project's migrations, none of them unknown to this version."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute(
                "select name from _sqlite_migrations where migration_set = ?", [migrations.name])}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise click.ClickException(f"{path} — не реестр «Наставника» (не база SQLite с его схемой).") from None
    if not names:
        raise click.ClickException(f"{path} — не реестр «Наставника».")
    known = {migration.name for migration in migrations.pending(Database(memory=True))}
    if names - known:
        raise click.ClickException(f"{path} сделан более новой версией «Наставника»: обновите программу, затем "
                                   "восстанавливайте.")


@click.command(help="Восстановить реестр из копии PATH. Остановите сервис на время восстановления.")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--yes", is_flag=True, help="не спрашивать подтверждения")
@db_option
def restore(path: Path, yes: bool, db_path: Path | None) -> None:
    check_backup(path)
    target_path = registry_path(db_path)
    if not yes:
        click.confirm(f"Заменить реестр {target_path} копией {path}?", abort=True)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    registry_path(db_path)  # an older copy is brought up to this version's schema
    click.echo(f"Реестр восстановлен из {path}.")
