"""The registry of an organisation as one workbook to keep: «Участники», «Пары и группы» (archived
records too, marked), «Программы» (the personalised programmes of those pairs, a row per plan row)
and «Журнал приказов», each with a frozen header, an autofilter, column widths and dates as dates.
The first three sheets have the template's columns, so the file reads back into the registry as it
is."""

import datetime as dt
import re
from collections import Counter

from sqlite_utils import Database

from registry.orders import list_orders
from registry.pairs import list_pairs
from registry.people import list_people
from registry.programmes import get_programme
from service.documents.catalogue import catalogue
from service.spreadsheets import pairs, people, programmes
from service.spreadsheets.workbook import DATE_FORMAT, Column, add_sheet, fold, new_book, save, yes_no

ARCHIVED = Column("archived", "В архиве", 9)
ORDER_COLUMNS = (
    Column("number", "Номер", 10),
    Column("date", "Дата", 12, number_format=DATE_FORMAT),
    Column("heading", "Заголовок", 60),
    Column("kind", "Документ", 34),
    Column("versions", "Версий", 8),
    Column("latest", "Последняя версия", 17, number_format="DD.MM.YYYY HH:MM"),
    Column("file_name", "Файл последней версии", 44),
    Column("note", "Примечание", 30),
)


def export_name(organization: dict, day: dt.date) -> str:
    """«Реестр_МБОУ_Палагайская_СОШ_22.11.2026.xlsx»: the short name (else the full one) without
    quotes and characters a file name cannot hold, spaces as «_»."""
    name = re.sub(r"[«»\"“”„'/\\:*?<>|]", "", organization["short_name"] or organization["full_name"])
    return f"Реестр_{'_'.join(name.split())[:80]}_{day:%d.%m.%Y}.xlsx"


def export_registry(db: Database, organization: dict) -> bytes:
    """The workbook of ``organization`` (a row of ``organizations``) as xlsx bytes."""
    organization_id = organization["id"]
    everyone = list_people(db, organization_id) + list_people(db, organization_id, archived=True)
    every_pair = list_pairs(db, organization_id) + list_pairs(db, organization_id, archived=True)
    counts = Counter(fold(p["full_name"]) for p in everyone)
    namesakes = {name for name, count in counts.items() if count > 1}
    titles = {entry.id: entry.title for entry in catalogue().values()}
    orders = [[o["number"], dt.date.fromisoformat(o["date"]), o["heading"], titles.get(o["kind"], o["kind"]),
               o["version"], dt.datetime.fromisoformat(o["version_created_at"]), o["file_name"], o["note"]]
              for o in list_orders(db, organization_id)]

    book = new_book(f"Реестр наставничества — {organization['short_name'] or organization['full_name']}")
    add_sheet(book, people.LAYOUT.title, (*people.COLUMNS, ARCHIVED),
              ([*people.cells(p), yes_no(bool(p["archived_at"]))] for p in everyone))
    add_sheet(book, pairs.LAYOUT.title, (*pairs.COLUMNS, ARCHIVED),
              ([*pairs.cells(p, namesakes), yes_no(bool(p["archived_at"]))] for p in every_pair))
    plans = [row for pair in every_pair if pair["programme_id"]
             for row in programmes.cells(pair, get_programme(db, pair["id"], organization_id), namesakes)]
    add_sheet(book, programmes.LAYOUT.title, programmes.COLUMNS, plans)
    add_sheet(book, "Журнал приказов", ORDER_COLUMNS, orders)
    return save(book)
