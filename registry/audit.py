"""The audit log of access to personal data (152-ФЗ art. 19; ФСТЭК order № 21, measures РСБ):
who, when, from which address, what, on which record. Rows are only ever added: triggers in the
schema refuse any UPDATE or DELETE."""

import datetime as dt

from sqlite_utils import Database

from registry.db import now, write

#: Action codes and their Russian names.
ACTIONS = {
    "login": "вход", "login_failed": "неудачный вход", "logout": "выход",
    "view": "просмотр", "download": "скачивание документа", "generate": "формирование документа",
    "export": "выгрузка", "create": "создание", "change": "изменение", "archive": "перенос в архив",
    "restore": "возврат из архива", "delete": "удаление", "token": "API-токен", "setup": "первый запуск",
}
#: Kinds of record and their Russian names.
KINDS = {"person": "участник", "pair": "пара (группа)", "order": "приказ", "organization": "организация",
         "user": "учётная запись", "correction": "исключение", "form": "форма наставничества", "audit": "журнал аудита",
         "document": "документы (печать, пакет)"}


def record(db: Database, action: str, *, user: dict | None = None, login: str | None = None,
           address: str | None = None, object_kind: str | None = None, object_id: int | None = None,
           organization_id: int | None = None, details: str = "") -> None:
    """Add one entry (``action`` a code of :data:`ACTIONS`, ``object_kind`` of :data:`KINDS`)."""
    with write(db):
        db["audit_log"].insert({
            "at": now(), "user_id": user["id"] if user else None,
            "login": user["login"] if user else login, "address": address, "action": action,
            "object_kind": object_kind, "object_id": object_id, "organization_id": organization_id,
            "details": details[:500],
        })


def list_entries(db: Database, *, organization_id: int | None = None, login: str = "", action: str = "",
                 since: str = "", until: str = "", limit: int = 1000) -> list[dict]:
    """Entries newest first, filtered by organisation, login, action code and ISO dates (inclusive)."""
    where, args = [], []
    if organization_id is not None:
        where.append("organization_id = ?")
        args.append(organization_id)
    if login:
        where.append("login = ? collate nocase")
        args.append(login)
    if action:
        where.append("action = ?")
        args.append(action)
    if since:
        where.append("at >= ?")
        args.append(since)
    if until:
        where.append("at < ?")
        args.append((dt.date.fromisoformat(until) + dt.timedelta(days=1)).isoformat())
    sql = "select * from audit_log" + (" where " + " and ".join(where) if where else "")
    return [dict(row) for row in db.query(sql + " order by id desc limit ?", [*args, limit])]
