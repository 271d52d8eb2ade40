"""The organisations served: a school or kindergarten each, several on one service (a district's
methodological centre runs one for all its schools)."""

import datetime as dt
import re

from sqlite_utils import Database

from registry.db import RegistryError, write
from registry.pairs import academic_year

FIELDS = ("full_name", "short_name", "locality", "founder", "head_person_id", "head_position",
          "order_number_format", "regional_act", "regulation_number", "regulation_date", "academic_year",
          "mentoring_url")
#: The longest address of the organisation's page on mentoring, in characters.
URL_LENGTH = 300


def current_academic_year(organization: dict, today: dt.date | None = None) -> int:
    """The academic year the organisation works in (2025 = 2025/2026): the one chosen in its profile,
    else the one holding ``today``."""
    return organization.get("academic_year") or academic_year(today or dt.date.today())


def _check_academic_year(value) -> int | None:
    if value in (None, ""):
        return None
    if not isinstance(value, int) or not 2000 <= value <= 2099:
        raise RegistryError("Учебный год: укажите первый год, например 2025 для 2025/2026, между 2000 и 2099.",
                            "academic_year")
    return value


def _check_url(value) -> str | None:
    """The address of a web page as stored: http(s), no spaces, at most :data:`URL_LENGTH` characters."""
    url = (value or "").strip()
    if not url:
        return None
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", url, re.IGNORECASE) or len(url) > URL_LENGTH:
        raise RegistryError("Страница о наставничестве: укажите адрес целиком, например "
                            "https://school.ru/nastavnichestvo (не длиннее 300 знаков, без пробелов).", "mentoring_url")
    return url


def get_organization(db: Database, organization_id: int | None) -> dict | None:
    """The organisation row as a dict, or None when there is no such organisation."""
    if organization_id is None:
        return None
    rows = list(db["organizations"].rows_where("id = ?", [organization_id]))
    return rows[0] if rows else None


def list_organizations(db: Database) -> list[dict]:
    """Every organisation of the service, by short (else full) name."""
    return [dict(row) for row in db.query(
        "select * from organizations order by coalesce(nullif(short_name, ''), full_name), id")]


def create_organization(db: Database, values: dict) -> int:
    """Add an organisation (``values``: keys of :data:`FIELDS`, ``full_name`` and ``locality``
    required); returns its id. Raises :class:`RegistryError` for a missing name or a name already
    taken."""
    record = {key: (values.get(key) or None) for key in FIELDS if key in values}
    if "academic_year" in record:
        record["academic_year"] = _check_academic_year(record["academic_year"])
    if "mentoring_url" in record:
        record["mentoring_url"] = _check_url(record["mentoring_url"])
    if not record.get("full_name") or not record.get("locality"):
        raise RegistryError("Заполните полное наименование и место издания приказов.", "full_name")
    with write(db):
        if db["organizations"].count_where("full_name = ?", [record["full_name"]]):
            raise RegistryError("Организация с таким полным наименованием уже есть.", "full_name")
        return db["organizations"].insert(record).last_pk


def save_organization(db: Database, organization_id: int, values: dict) -> None:
    """Update the organisation from ``values`` (keys of :data:`FIELDS`; ``academic_year`` an int
    such as 2025 for 2025/2026, or None to follow the calendar; ``mentoring_url`` the address of its
    page on mentoring). Raises :class:`RegistryError` when the head chosen is not a person of this
    organisation, the academic year is out of range or the address is not one."""
    record = {key: values.get(key) for key in FIELDS if key in values}
    if "academic_year" in record:
        record["academic_year"] = _check_academic_year(record["academic_year"])
    if "mentoring_url" in record:
        record["mentoring_url"] = _check_url(record["mentoring_url"])
    with write(db):
        head = record.get("head_person_id")
        if head and not db["people"].count_where("id = ? and organization_id = ?", [head, organization_id]):
            raise RegistryError("Руководителем можно выбрать только сотрудника этой организации.", "head_person_id")
        db["organizations"].update(organization_id, record)
