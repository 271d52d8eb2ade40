"""Accounts of the service: login, password hash, role and organisation; API tokens.

Passwords are hashed with werkzeug's scrypt; API tokens are random 256-bit strings of which only the
SHA-256 is stored, so a copy of the registry gives away neither."""

import hashlib
import re
import secrets
from functools import cache

from sqlite_utils import Database
from werkzeug.security import check_password_hash, generate_password_hash

from registry.db import RegistryError, now, write

#: Role codes and their Russian names. What each may do is decided in the web layer (service.web.access).
ROLES = {"admin": "администратор", "secretary": "секретарь", "curator": "куратор", "head": "руководитель",
         "municipal": "методический центр"}
#: Roles that belong to one organisation; the others see the service as a whole.
ORGANIZATION_ROLES = ("secretary", "curator", "head")

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
MIN_PASSWORD = 8
#: Demo accounts (``nastavnik serve --demo`` only) have the password «demo».
DEMO_PASSWORD = "demo"



def check_login(login: str) -> str:
    """The login in lower case; raises :class:`RegistryError` unless it is 2–32 Latin letters, digits,
    «.», «_» or «-», starting with a letter or digit."""
    login = login.strip().lower()
    if not LOGIN_PATTERN.fullmatch(login):
        raise RegistryError("Логин — от 2 до 32 латинских букв, цифр и знаков «.», «_», «-», например ivanova.",
                            "login")
    return login


def check_password(password: str) -> None:
    """Raises :class:`RegistryError` for a password shorter than :data:`MIN_PASSWORD` characters."""
    if len(password) < MIN_PASSWORD:
        raise RegistryError(f"Пароль — не короче {MIN_PASSWORD} знаков.", "password")


@cache
def _demo_hash() -> str:
    # scrypt is slow by design; the demo accounts share one hash of «demo».
    return generate_password_hash(DEMO_PASSWORD)


def create_user(db: Database, login: str, password: str, role: str, organization_id: int | None = None,
                full_name: str = "", *, demo: bool = False) -> int:
    """Add an account; returns its id. ``organization_id`` is required for the roles of
    :data:`ORGANIZATION_ROLES` and ignored for the others. Raises :class:`RegistryError` for a bad or
    taken login, a short password (``demo`` accounts, whose password is «demo», are exempt), an
    unknown role or organisation."""
    login = check_login(login)
    if demo and password != DEMO_PASSWORD:
        raise RegistryError("Демонстрационные учётные записи имеют пароль «demo».", "password")
    if not demo:
        check_password(password)
    if role not in ROLES:
        raise RegistryError(f"Неизвестная роль «{role}»: допустимо {', '.join(ROLES)}.", "role")
    if role in ORGANIZATION_ROLES:
        if organization_id is None:
            raise RegistryError(f"Для роли «{ROLES[role]}» укажите организацию.", "organization_id")
    else:
        organization_id = None
    with write(db):
        if organization_id is not None and not db["organizations"].count_where("id = ?", [organization_id]):
            raise RegistryError(f"Нет организации с номером {organization_id}.", "organization_id")
        if db["users"].count_where("login = ? collate nocase", [login]):
            raise RegistryError(f"Логин «{login}» уже занят.", "login")
        return db["users"].insert({
            "login": login, "password_hash": _demo_hash() if demo else generate_password_hash(password), "role": role,
            "organization_id": organization_id, "full_name": (full_name or "").strip(), "created_at": now(),
        }).last_pk


def get_user(db: Database, user_id: int) -> dict | None:
    rows = list(db["users"].rows_where("id = ?", [user_id]))
    return rows[0] if rows else None


def find_user(db: Database, login: str) -> dict | None:
    rows = list(db["users"].rows_where("login = ? collate nocase", [login.strip()]))
    return rows[0] if rows else None


def list_users(db: Database) -> list[dict]:
    """Accounts with the organisation's short name (``organization``), by login."""
    return [dict(row) for row in db.query(
        "select u.*, coalesce(o.short_name, o.full_name) as organization from users u"
        " left join organizations o on o.id = u.organization_id order by u.login")]


def has_users(db: Database) -> bool:
    return db["users"].count > 0


def authenticate(db: Database, login: str, password: str) -> dict | None:
    """The active account whose password matches, else None (unknown login, wrong password and a
    disabled account are not told apart); records the time of the login."""
    user = find_user(db, login)
    if user is None or user["disabled_at"] or not check_password_hash(user["password_hash"], password):
        return None
    with write(db):
        db["users"].update(user["id"], {"last_login_at": now()})
    return user


def set_password(db: Database, user_id: int, password: str) -> None:
    """Raises :class:`RegistryError` for a short password."""
    check_password(password)
    with write(db):
        db["users"].update(user_id, {"password_hash": generate_password_hash(password)})


def set_disabled(db: Database, user_id: int, disabled: bool = True) -> None:
    """Disable an account (it can no longer log in or use its tokens) or enable it again."""
    with write(db):
        db["users"].update(user_id, {"disabled_at": now() if disabled else None})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Database, user_id: int, label: str = "") -> str:
    """A new API token of the account, returned once in the clear (only its hash is kept)."""
    token = "nst_" + secrets.token_urlsafe(32)
    with write(db):
        db["api_tokens"].insert({"user_id": user_id, "token_hash": _digest(token), "label": label.strip()[:100],
                                 "created_at": now()})
    return token


def list_tokens(db: Database, user_id: int) -> list[dict]:
    """The account's tokens that are not revoked (without hashes), newest first."""
    return [dict(row) for row in db.query(
        "select id, label, created_at, last_used_at from api_tokens where user_id = ? and revoked_at is null"
        " order by id desc", [user_id])]


def revoke_token(db: Database, user_id: int, token_id: int) -> bool:
    """Revoke one of the account's tokens; False when it has no such token."""
    with write(db):
        return db.execute("update api_tokens set revoked_at = ? where id = ? and user_id = ? and revoked_at is null",
                          [now(), token_id, user_id]).rowcount == 1


def user_for_token(db: Database, token: str) -> dict | None:
    """The active account a valid, unrevoked token belongs to (with ``token_id``), else None."""
    row = db.execute(
        "select u.*, t.id as token_id from api_tokens t join users u on u.id = t.user_id where t.token_hash = ?"
        " and t.revoked_at is null and u.disabled_at is null", [_digest(token)]).fetchone()
    return dict(row) if row else None


def touch_token(db: Database, token_id: int) -> None:
    """Record the use of a token («Последнее обращение» in the profile), at most once a minute."""
    moment = now()
    with write(db):
        db.execute("update api_tokens set last_used_at = ? where id = ? and (last_used_at is null or"
                   " last_used_at < ?)", [moment, token_id, moment[:16]])
