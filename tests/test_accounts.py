"""Accounts, API tokens and the audit log in the registry (no web)."""

import sqlite3

import pytest

from registry.audit import list_entries, record
from registry.db import RegistryError
from registry.users import (
    authenticate,
    create_token,
    create_user,
    list_tokens,
    list_users,
    revoke_token,
    set_disabled,
    set_password,
    user_for_token,
)
from tests.conftest import org_id


def test_accounts_passwords_and_roles(db):
    organization_id = org_id(db)
    user_id = create_user(db, "Ivanova", "длинный пароль", "secretary", organization_id, "Иванова И.И.")
    row = db["users"].get(user_id)
    assert row["login"] == "ivanova" and row["password_hash"].startswith("scrypt:")
    assert "длинный пароль" not in row["password_hash"]
    assert authenticate(db, "IVANOVA", "длинный пароль")["id"] == user_id
    assert authenticate(db, "ivanova", "не тот") is None
    assert authenticate(db, "nobody", "длинный пароль") is None
    set_password(db, user_id, "новый пароль 1")
    assert authenticate(db, "ivanova", "новый пароль 1")
    set_disabled(db, user_id)
    assert authenticate(db, "ivanova", "новый пароль 1") is None
    assert [u["organization"] for u in list_users(db) if u["login"] == "ivanova"] == ["МБОУ Палагайская СОШ"]


@pytest.mark.parametrize("login, password, role, organization, field", [
    ("ivanova", "короткий", "secretary", None, "organization_id"),
    ("иванова", "длинный пароль", "head", 1, "login"),
    ("i", "длинный пароль", "head", 1, "login"),
    ("ivanova", "1234567", "head", 1, "password"),
    ("ivanova", "длинный пароль", "director", 1, "role"),
    ("ivanova", "длинный пароль", "head", 999, "organization_id"),
])
def test_bad_accounts_are_refused(db, login, password, role, organization, field):
    before = db["users"].count
    with pytest.raises(RegistryError) as error:
        create_user(db, login, password, role, organization)
    assert error.value.field == field
    assert db["users"].count == before


def test_logins_are_unique_whatever_the_case(db):
    create_user(db, "root", "длинный пароль", "admin")
    with pytest.raises(RegistryError, match="Логин «root» уже занят"):
        create_user(db, "Root", "длинный пароль", "municipal")
    assert create_user(db, "demo2", "demo", "municipal", demo=True)
    with pytest.raises(RegistryError):
        create_user(db, "demo3", "другой", "municipal", demo=True)


def test_tokens_are_stored_hashed_and_revocable(db):
    user_id = create_user(db, "robot", "длинный пароль", "municipal")
    token = create_token(db, user_id, "выгрузка")
    assert token.startswith("nst_") and len(token) > 40
    assert token not in str(list(db["api_tokens"].rows))
    assert user_for_token(db, token)["login"] == "robot"
    assert user_for_token(db, token + "x") is None
    [listed] = list_tokens(db, user_id)
    assert listed["label"] == "выгрузка" and "token_hash" not in listed
    assert revoke_token(db, user_id, listed["id"]) and not revoke_token(db, user_id, listed["id"])
    assert user_for_token(db, token) is None


def test_audit_log_cannot_be_changed(db):
    record(db, "view", login="ivanova", address="127.0.0.1", object_kind="person", object_id=5, organization_id=1)
    record(db, "login_failed", login="hacker", address="10.0.0.1")
    assert [e["action"] for e in list_entries(db)][:2] == ["login_failed", "view"]
    assert [e["object_id"] for e in list_entries(db, organization_id=1)] == [5]
    assert [e["login"] for e in list_entries(db, action="login_failed")] == ["hacker"]
    with pytest.raises(sqlite3.IntegrityError, match="журнала аудита не изменяются"):
        db.execute("update audit_log set login = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="журнала аудита не изменяются"):
        db.execute("delete from audit_log")
