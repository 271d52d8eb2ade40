"""The registry commands of ``nastavnik``: accounts, tokens, backup and restore, on a real file."""

import sqlite3

from click.testing import CliRunner

from registry.db import connect, migrate
from registry.demo import load_demo
from registry.users import authenticate, user_for_token
from service.cli import main


def _run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_users_and_tokens(tmp_path):
    path = tmp_path / "r.sqlite"
    migrate(path)
    load_demo(connect(path))
    added = _run("users", "add", "Petrova", "--role", "secretary", "--organization", 1, "--name", "Петрова П.П.",
                 "--password-stdin", "--db", path, input="длинный пароль\n")
    assert added.exit_code == 0 and "Добавлен пользователь petrova (секретарь)." in added.output
    asked = _run("users", "add", "sidorov", "--role", "head", "--organization", 1, "--db", path,
                 input="длинный пароль\nдлинный пароль\n")
    assert asked.exit_code == 0
    short = _run("users", "add", "x1", "--role", "admin", "--password-stdin", "--db", path, input="123\n")
    assert short.exit_code == 1 and "Пароль — не короче 8 знаков." in short.output
    listed = _run("users", "list", "--db", path)
    assert "petrova\tсекретарь\tМБОУ Палагайская СОШ\tдействует" in listed.output
    assert _run("users", "passwd", "petrova", "--password-stdin", "--db", path, input="новый пароль 2\n").exit_code == 0
    db = connect(path)
    assert authenticate(db, "petrova", "новый пароль 2")
    token = _run("tokens", "create", "--user", "petrova", "--db", path)
    assert token.exit_code == 0 and token.output.startswith("nst_") and len(token.output.split()) == 1
    assert user_for_token(db, token.output.strip())["login"] == "petrova"
    assert _run("users", "disable", "petrova", "--db", path).exit_code == 0
    assert authenticate(db, "petrova", "новый пароль 2") is None and user_for_token(db, token.output.strip()) is None
    missing = _run("users", "passwd", "nobody", "--password-stdin", "--db", path, input="длинный пароль\n")
    assert missing.exit_code == 1 and "Нет пользователя «nobody»." in missing.output


def test_backup_and_restore(tmp_path):
    path = tmp_path / "r.sqlite"
    migrate(path)
    load_demo(connect(path))
    copy = tmp_path / "copy.sqlite"
    assert _run("backup", copy, "--db", path).exit_code == 0
    again = _run("backup", copy, "--db", path)
    assert again.exit_code == 1 and "уже есть" in again.output
    db = connect(path)
    db.execute("delete from person_forms")
    db["mentoring_forms"].insert({"name": "после копии"})
    db.conn.commit()
    not_registry = tmp_path / "text.sqlite"
    not_registry.write_text("просто текст")
    refused = _run("restore", not_registry, "--yes", "--db", path)
    assert refused.exit_code == 1 and "не реестр «Наставника»" in refused.output
    newer = tmp_path / "newer.sqlite"
    assert _run("backup", newer, "--db", path).exit_code == 0
    conn = sqlite3.connect(newer)
    conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('nastavnik', 'm999', '')")
    conn.commit()
    conn.close()
    refused = _run("restore", newer, "--yes", "--db", path)
    assert refused.exit_code == 1 and "более новой версией" in refused.output
    restored = _run("restore", copy, "--yes", "--db", path)
    assert restored.exit_code == 0, restored.output
    assert connect(path)["mentoring_forms"].count_where("name = 'после копии'") == 0
