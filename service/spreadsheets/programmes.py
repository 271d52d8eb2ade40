"""The sheet «Программы»: personalised programmes of pairs (:mod:`registry.programmes`), one row per
plan row, its columns, rows read and grouped into programmes, and the rows of the export.

A row names its pair as the sheet «Пары и группы» does — the mentor and the mentees — and by the
pair's start when the same people have several pairs; the pair may be one the same file adds. The
rows of a pair, wherever they stand, are its programme: their plan cells are the plan in the order
of the rows, and the programme's texts (difficulties, goal, tasks, expected results, approval date)
are written once, in any of the pair's rows (usually the first), or repeated unchanged. As for
people, an empty cell keeps what the registry holds: a text left empty in every row of the pair
stays as stored, and when no row of the pair fills a plan cell the stored plan stays; otherwise the
file's plan replaces the stored one, done marks included. Each programme goes through
:func:`registry.programmes.save_programme`, so the registry's rules are the import's rules."""

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlite_utils import Database

from registry.db import RegistryError, write
from registry.pairs import check_date, check_day, check_free_text, list_pairs
from registry.programmes import ITEM_LENGTHS, ITEM_TITLES, TEXT_LENGTH, TITLES, get_programme, save_programme
from service.spreadsheets.pairs import (
    NameRef,
    PairRow,
    People,
    describe,
    name_cells,
    name_ref,
    name_refs,
    name_sentence,
)
from service.spreadsheets.people import is_example, sentence
from service.spreadsheets.report import ImportReport
from service.spreadsheets.workbook import DATE_FORMAT, TEXT_FORMAT, Column, Layout, Table, fold, text, to_date

_TEXT_HINT = "один раз на программу — в любой её строке, обычно в первой; пусто — остаётся как в реестре"

COLUMNS = (
    Column("mentor", "Наставник (ФИО)", 28, "ФИО полностью, как на листе «Пары и группы»; тёзок различает табельный "
                                            "номер в скобках: «Иванов Иван Иванович (123)»"),
    Column("mentees", "Наставляемые (ФИО через «;»)", 36, "все наставляемые пары или группы, как на листе «Пары и "
                                                         "группы»"),
    Column("pair_start", "Начало пары", 12, "ДД.ММ.ГГГГ; нужно, только если у этих участников несколько пар",
           DATE_FORMAT),
    Column("activity", "Мероприятие", 44, "строка плана: по строке на мероприятие; обязательно, если в строке есть "
                                          "срок, форма, результат или отметка о выполнении", wrap=True),
    Column("deadline", "Срок", 16, "дата ДД.ММ.ГГГГ или словами: «октябрь 2025», «в течение года»; обязательно в "
                                   "строке плана", TEXT_FORMAT),
    Column("form", "Форма работы", 20, "например: консультация, посещение уроков, практикум, открытый урок"),
    Column("expected_result", "Ожидаемый результат", 30, "результат этого мероприятия", wrap=True),
    Column("done_on", "Выполнено (дата)", 12, "ДД.ММ.ГГГГ, не позже сегодняшнего дня; пусто — не выполнено",
           DATE_FORMAT),
    Column("difficulties", "Затруднения (дефициты)", 40, f"выявленные профессиональные затруднения; {_TEXT_HINT}",
           wrap=True),
    Column("goal", "Цель", 36, f"у новой программы обязательна; {_TEXT_HINT}", wrap=True),
    Column("tasks", "Задачи", 40, f"{_TEXT_HINT}; каждая задача с новой строки (Alt+Enter)", wrap=True),
    Column("expected_results", "Ожидаемые результаты", 40, f"результаты программы в целом; {_TEXT_HINT}", wrap=True),
    Column("approved_on", "Утверждена (дата)", 12, f"дата утверждения программы, ДД.ММ.ГГГГ; {_TEXT_HINT}",
           DATE_FORMAT),
)
#: Recognised by «Цель» and «Мероприятие»: a sheet of pairs names the mentor and the mentees too.
LAYOUT = Layout("Программы", COLUMNS, required=("goal", "activity", "mentor", "mentees", "deadline"))

_PAIR_KEYS = ("mentor", "mentees", "pair_start")
_PLAN_KEYS = (*ITEM_TITLES, "done_on")
_TEXT_KEYS = (*TITLES, "approved_on")

#: The example rows of the template (a programme of the pairs sheet's example group, its texts in the
#: first row only), in the order of :data:`COLUMNS`; an upload's row equal to one is skipped.
EXAMPLES = (
    ("Образцова Мария Ивановна", "Новикова Анна Сергеевна; Петров Олег Ильич", dt.date(2025, 9, 1),
     "Встреча-знакомство, диагностика профессиональных затруднений", "сентябрь 2025", "собеседование",
     "Выявлены затруднения, согласован план", dt.date(2025, 9, 20),
     "Планирование уроков по ФГОС; поддержание дисциплины; работа с родителями",
     "Успешная адаптация молодых специалистов в школе",
     "1. Выявить профессиональные затруднения.\n2. Освоить конструирование урока по ФГОС.",
     "Наставляемые самостоятельно планируют и проводят уроки", dt.date(2025, 9, 12)),
    ("Образцова Мария Ивановна", "Новикова Анна Сергеевна; Петров Олег Ильич", dt.date(2025, 9, 1),
     "Посещение уроков наставника, анализ", "октябрь – ноябрь 2025", "посещение уроков", "Составлен анализ уроков",
     None, None, None, None, None, None),
)


@dataclass
class PlanRow:
    """A row of «Программы» as read: the pair it names, its plan row (``item``: the cells of
    :data:`registry.programmes.ITEM_TITLES` and ``done_on`` ISO, or None when the row has no plan
    cell), the programme's texts it fills (``texts``: key → checked text, ``approved_on`` ISO), and
    whether any cell was refused (``failed``: the row is not applied)."""

    table: Table
    row: int
    mentor: NameRef | None = None
    mentees: list[NameRef] = field(default_factory=list)
    pair_start: dt.date | None = None
    item: dict | None = None
    texts: dict[str, str] = field(default_factory=dict)
    failed: bool = False

    def names(self) -> tuple:
        """The pair as the row writes it (rows alike name one pair): mentor, mentees, start."""
        return _named(self.mentor), tuple(sorted(_named(m) for m in self.mentees)), self.pair_start


def _named(ref: NameRef) -> tuple[str, str]:
    """A person as a cell names them, for comparing: the folded name and personnel number."""
    return fold(ref.name), fold(ref.number or "")


def _read(row: PlanRow, plan: dict, column: Column, value) -> None:
    """Fill ``row`` (plan cells into ``plan``) from the filled cell of ``column``; raises
    RegistryError or ValueError with the Russian message."""
    key = column.key
    if key == "mentor":
        row.mentor = name_ref(text(value))
    elif key == "mentees":
        row.mentees = name_refs(value)
    elif key == "pair_start":
        row.pair_start = to_date(value)
        check_date(row.pair_start, key, column.title)
    elif key in ("done_on", "approved_on"):
        day = check_day(to_date(value), key, column.title, not_future=key == "done_on")
        (plan if key == "done_on" else row.texts)[key] = day.isoformat()
    elif key in TITLES:
        row.texts[key] = check_free_text(text(value), key, column.title, TEXT_LENGTH)
    else:
        plan[key] = check_free_text(text(value), key, column.title, ITEM_LENGTHS[key])


def parse(table: Table, report: ImportReport) -> list[PlanRow]:
    """The rows of a «Программы» table (the template's example rows and rows naming only a pair
    skipped with a note); every refused cell goes to ``report.problems`` and marks its row failed."""
    rows = []
    for number, cells in table.rows:
        if any(is_example(table, cells, example) for example in EXAMPLES):
            report.notes.append(f"Лист «{table.sheet}», строка {number}: пример из шаблона — пропущен.")
            continue
        row, plan = PlanRow(table, number), {}
        for column in COLUMNS:
            value = table.value(cells, column.key)
            try:
                if text(value):
                    _read(row, plan, column, value)
                elif column.key in ("mentor", "mentees"):
                    raise ValueError("Не заполнено.")
            except RegistryError as error:
                report.problems.append(table.problem(number, column.key, name_sentence(error, column)))
                row.failed = True
            except ValueError as error:
                report.problems.append(table.problem(number, column.key, str(error)))
                row.failed = True
        filled = {c.key for c in COLUMNS if text(table.value(cells, c.key))}
        if filled & set(_PLAN_KEYS):
            for key in ("activity", "deadline"):
                if key not in filled:
                    report.problems.append(table.problem(number, key, "Не заполнено: в строке плана нужны "
                                                                      "мероприятие и срок."))
                    row.failed = True
            row.item = {**{key: plan.get(key, "") for key in ITEM_TITLES}, "done_on": plan.get("done_on")}
        elif not row.failed and not filled - set(_PAIR_KEYS):
            report.notes.append(f"Лист «{table.sheet}», строка {number}: кроме пары ничего не заполнено — пропущена.")
            continue
        rows.append(row)
    return rows


def _dates(found: list[dict]) -> str:
    return ", ".join(dt.date.fromisoformat(p["start_date"]).strftime("%d.%m.%Y") for p in found)


class _Pairs:
    """Pairs of the organisation (archived too, those the file adds included) by mentor and mentees,
    the people they are named by, and the pairs sheet's refused rows (for a clearer message)."""

    def __init__(self, db: Database, organization_id: int, people: People, refused: list[PairRow]):
        self.people = people
        self.refused = refused
        self.by_people: dict[tuple, list[dict]] = {}
        for pair in list_pairs(db, organization_id) + list_pairs(db, organization_id, archived=True):
            key = (pair["mentor_id"], tuple(sorted(m["id"] for m in pair["mentees"])))
            self.by_people.setdefault(key, []).append(pair)

    def _refused_row(self, row: PlanRow) -> PairRow | None:
        mentor, mentees, start = row.names()
        return next((r for r in self.refused if r.mentor and _named(r.mentor) == mentor
                     and tuple(sorted(_named(m) for m in r.mentees)) == mentees
                     and (start is None or r.start in (None, start))), None)

    def find(self, row: PlanRow) -> tuple[list[tuple[str, str]], dict | None]:
        """(problems as (column, message), the pair of the registry ``row`` names or None)."""
        problems, mentees = [], {}
        mentor = None
        for key, refs in (("mentor", [row.mentor]), ("mentees", row.mentees)):
            for ref in refs:
                try:
                    person = self.people.find(ref, key)
                except ValueError as error:
                    problems.append((key, str(error)))
                    continue
                if key == "mentor":
                    mentor = person
                else:
                    mentees[person["id"]] = person
        if problems:
            return problems, None
        same_people = self.by_people.get((mentor["id"], tuple(sorted(mentees))), [])
        found = [p for p in same_people if row.pair_start is None or p["start_date"] == row.pair_start.isoformat()]
        if len(found) > 1:
            found = [p for p in found if not p["archived_at"]] or found
        if len(found) == 1:
            return [], found[0]
        if found:
            return [("pair_start", f"У этих участников несколько пар (начало {_dates(found)}): впишите дату начала "
                                   "нужной пары.")], None
        refused = self._refused_row(row)
        if refused is not None:
            return [("mentees", f"Эту пару описывает строка {refused.row} листа «{refused.table.sheet}», а в ней "
                                "ошибка: исправьте её.")], None
        if same_people:
            return [("pair_start", f"У этих участников нет пары, начатой {row.pair_start:%d.%m.%Y}: их пары "
                                   f"начинаются {_dates(same_people)}.")], None
        names = ", ".join(m["full_name"] for m in mentees.values())
        return [("mentees", f"Пары (группы) наставника {mentor['full_name']} с наставляемыми {names} нет ни на листе "
                            "«Пары и группы», ни в реестре: добавьте её туда или проверьте ФИО.")], None


def _content(programme: dict | None) -> tuple | None:
    """What a programme holds, as compared: its texts and its plan (ids and times left out)."""
    if programme is None:
        return None
    return (tuple(programme[key] for key in _TEXT_KEYS),
            tuple(tuple(item[key] for key in _PLAN_KEYS) for item in programme["items"]))


class _Unchanged(Exception):
    """Raised inside a programme's savepoint to undo a save that changed nothing."""


_PLAN_PREFIX = re.compile(r"Строка \d+ плана(, [^:]*)?: ")


class _Programme:
    """The rows of one pair's programme, in file order."""

    def __init__(self, pair: dict):
        self.pair = pair
        self.rows: list[PlanRow] = []

    def texts(self, report: ImportReport) -> dict[str, tuple[str, PlanRow]] | None:
        """Each text the rows fill → (the text, the row it is taken from); None when two rows fill
        one text differently (reported)."""
        texts: dict[str, tuple[str, PlanRow]] = {}
        clash = False
        for row in self.rows:
            for key, value in row.texts.items():
                if key not in texts:
                    texts[key] = (value, row)
                elif texts[key][0] != value:
                    title = LAYOUT.column(key).title
                    report.problems.append(row.table.problem(
                        row.row, key, f"Не совпадает со строкой {texts[key][1].row} этой же программы: у программы "
                        f"одно значение «{title}» — оставьте ячейку пустой или впишите то же."))
                    clash = True
        return None if clash else texts

    def refuse(self, report: ImportReport, error: RegistryError, texts: dict[str, tuple[str, PlanRow]]) -> None:
        """Report a refusal of :func:`save_programme` at the row and column it concerns."""
        planned = [row for row in self.rows if row.item is not None]
        cell = re.fullmatch(r"items-(\d+)-(\w+)", error.field or "")
        if cell and int(cell[1]) < len(planned):
            row, key = planned[int(cell[1])], cell[2]
            message = _PLAN_PREFIX.sub("", error.message, count=1)
            message = message[:1].upper() + message[1:]
        elif error.field in _TEXT_KEYS:
            key = error.field
            row = texts[key][1] if key in texts else self.rows[0]
            message = sentence(error, TITLES.get(key, "Дата утверждения"))
        else:
            row, key, message = self.rows[0], "activity" if error.field == "items" else None, error.message
        report.problems.append(row.table.problem(row.row, key, message))


def _save(db: Database, organization_id: int, programme: _Programme, report: ImportReport) -> None:
    """Save one pair's programme inside the caller's transaction, or report why not."""
    pair = programme.pair
    texts = programme.texts(report)
    if texts is None:
        return
    stored = get_programme(db, pair["id"], organization_id)
    values = {key: (stored or {}).get(key) for key in _TEXT_KEYS} | {key: value for key, (value, _) in texts.items()}
    if not values["goal"]:
        first = programme.rows[0]
        report.problems.append(first.table.problem(first.row, "goal", "Не заполнено: у новой программы должна быть "
                                                                      "цель — впишите её в первой строке пары."))
        return
    items = [row.item for row in programme.rows if row.item is not None]
    if not items and stored:
        items = [{key: item[key] for key in _PLAN_KEYS} for item in stored["items"]]
    try:
        # A savepoint: the registry stores the texts as it normalises them, so «changed» is what it stores.
        with write(db):
            save_programme(db, organization_id, pair["id"], values, items)
            if _content(get_programme(db, pair["id"], organization_id)) == _content(stored):
                raise _Unchanged
    except _Unchanged:
        report.programmes.unchanged += 1
        return
    except RegistryError as error:
        programme.refuse(report, error, texts)
        return
    start, end = (dt.date.fromisoformat(pair[key]) for key in ("start_date", "end_date"))
    (report.programmes.updated if stored else report.programmes.created).append(
        f"{describe(pair['mentor'], pair['mentees'], start, end)}; строк плана: {len(items)}")


def apply(db: Database, organization_id: int, rows: list[PlanRow], report: ImportReport,
          refused_people: dict[str, tuple[str, int]], refused_pairs: list[PairRow]) -> None:
    """Create or update the programmes of the rows not failed, inside the caller's transaction (after
    the file's people and pairs are applied, so that its pairs can be named); what is done goes to
    ``report.programmes``, what the registry refuses to ``report.problems``. A pair not found is
    reported once, at the first of the rows naming it alike. ``refused_people`` (folded full name →
    (sheet, row)) and ``refused_pairs`` are the file's rows of people and pairs that failed, for
    clearer messages."""
    index = _Pairs(db, organization_id, People(db, organization_id, refused_people), refused_pairs)
    alike: dict[tuple, list[PlanRow]] = {}
    for row in rows:
        if not row.failed:
            alike.setdefault(row.names(), []).append(row)
    found: dict[tuple, dict] = {}
    for names, group in alike.items():
        problems, pair = index.find(group[0])
        others = ""
        if len(group) > 1:
            others = f" То же в строк{'е' if len(group) == 2 else 'ах'} {', '.join(str(r.row) for r in group[1:])}."
        for column, message in problems:
            report.problems.append(group[0].table.problem(group[0].row, column, message + others))
        if pair is not None:
            found[names] = pair
    programmes: dict[int, _Programme] = {}
    for row in rows:
        pair = None if row.failed else found.get(row.names())
        if pair is not None:
            programmes.setdefault(pair["id"], _Programme(pair)).rows.append(row)
    for programme in programmes.values():
        _save(db, organization_id, programme, report)


def cells(pair: dict, programme: dict, namesakes: set[str]) -> list[list]:
    """The programme of ``pair`` (as :func:`registry.programmes.get_programme` gives it) as rows of
    :data:`COLUMNS`: one per plan row, the texts in the first; one row of texts when the plan is
    empty. The pair is named as :func:`service.spreadsheets.pairs.name_cells` says, with its start."""
    mentor, mentees = name_cells(pair, namesakes)
    named = {"mentor": mentor, "mentees": mentees, "pair_start": dt.date.fromisoformat(pair["start_date"])}
    texts = {key: programme[key] or None for key in TITLES}
    texts["approved_on"] = dt.date.fromisoformat(programme["approved_on"]) if programme["approved_on"] else None
    rows = []
    for index, item in enumerate(programme["items"] or [None]):
        plan = {key: (item or {}).get(key) or None for key in ITEM_TITLES}
        plan["done_on"] = dt.date.fromisoformat(item["done_on"]) if item and item["done_on"] else None
        values = {**named, **plan, **(texts if index == 0 else {})}
        rows.append([values.get(c.key) for c in COLUMNS])
    return rows
