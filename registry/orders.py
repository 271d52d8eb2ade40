"""The journal of orders: every generated document with its number, date, kind and file."""

import datetime as dt
import json
import re

from sqlite_utils import Database


def add_order(db: Database, organization_id: int, *, number: str, date: str, kind: str, heading: str,
              file_name: str, file: bytes, data: dict, person_ids: list[int] = (),
              pair_ids: list[int] = ()) -> int:
    """Record a generated order (``date`` ISO) with the people and pairs it names; returns its id."""
    with db.atomic():
        order_id = db["orders"].insert(
            {
                "organization_id": organization_id,
                "number": number,
                "date": date,
                "kind": kind,
                "heading": heading,
                "file_name": file_name,
                "file": file,
                "data": json.dumps(data, ensure_ascii=False),
                "created_at": dt.datetime.now().isoformat(timespec="seconds"),
            }
        ).last_pk
        db["order_people"].insert_all(
            ({"order_id": order_id, "person_id": p} for p in dict.fromkeys(person_ids)), ignore=True
        )
        db["order_pairs"].insert_all(
            ({"order_id": order_id, "pair_id": p} for p in dict.fromkeys(pair_ids)), ignore=True
        )
    return order_id


def list_orders(db: Database) -> list[dict]:
    """Journal rows without the file, newest first."""
    return [
        dict(row)
        for row in db.query(
            "select id, number, date, kind, heading, file_name, created_at from orders"
            " order by date desc, id desc"
        )
    ]


def get_order(db: Database, order_id: int) -> dict | None:
    rows = list(db["orders"].rows_where("id = ?", [order_id]))
    return rows[0] if rows else None


def next_number(db: Database, year: int, number_format: str = "{n}") -> str:
    """Propose the next order number of ``year``: one more than the largest leading number of that
    year's orders (orders are numbered per calendar year), written by ``number_format`` («{n}-ОД»)."""
    largest = 0
    for row in db.query("select number from orders where substr(date, 1, 4) = ?", [str(year)]):
        match = re.match(r"\d+", row["number"])
        if match:
            largest = max(largest, int(match.group()))
    return number_format.replace("{n}", str(largest + 1))
