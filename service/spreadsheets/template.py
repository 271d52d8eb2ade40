"""The template workbook a secretary fills in: «Участники», «Пары и группы» and «Программы» with
Russian headers, example rows, drop-down lists (forms of mentoring from the registry, categories,
м/ж, да/нет for the roles, states) and checks of dates and numbers, an «Инструкция», and a hidden
«Списки» sheet the drop-downs read from."""

import datetime as dt

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlite_utils import Database

from registry.pairs import EARLIEST, LATEST, STATUSES, list_forms
from service.spreadsheets import pairs, people, programmes
from service.spreadsheets.workbook import MAX_ROWS, Column, add_sheet, new_book, save

#: The template's file name.
TEMPLATE_NAME = "Шаблон_загрузки_реестра.xlsx"
LISTS = "Списки"

_EXAMPLE_FONT = Font(italic=True, color="808080")


def _validate(sheet: Worksheet, columns: tuple[Column, ...], key: str, validation: DataValidation) -> None:
    """Put ``validation`` on the data rows of column ``key``, with the column's hint as the prompt
    shown on entering a cell."""
    index = next(i for i, c in enumerate(columns, 1) if c.key == key)
    column = columns[index - 1]
    validation.allow_blank = True
    validation.showErrorMessage = validation.showInputMessage = True
    # Excel refuses a workbook whose prompt titles pass 32 characters or prompts pass 255.
    validation.promptTitle = column.title[:32]
    validation.prompt = column.hint[:255]
    validation.errorTitle = "Проверьте значение"
    sheet.add_data_validation(validation)
    letter = get_column_letter(index)
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")


def _choice(values: list[str] | str, error: str) -> DataValidation:
    """A drop-down of ``values`` (a list written into the formula) or of a range (a string)."""
    formula = f'"{",".join(values)}"' if isinstance(values, list) else values
    return DataValidation(type="list", formula1=formula, error=error)


def _between(kind: str, low, high, error: str) -> DataValidation:
    if kind == "date":
        low, high = to_excel(low), to_excel(high)
    return DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high), error=error)


_YES_NO_ERROR = "Впишите «да» или «нет»."

INSTRUCTIONS = [
    "Загрузка реестра наставничества из Excel",
    "",
    "Как заполнить",
    "1. Лист «Участники» — по строке на сотрудника; лист «Пары и группы» — по строке на пару или группу; лист "
    "«Программы» — по строке на мероприятие плана персонализированной программы. Заголовки не меняйте; столбцы можно "
    "переставлять, лишние столбцы не читаются; ненужный лист можно удалить.",
    "2. Строки-примеры (серым курсивом) не загружаются, пока их не изменили: их можно оставить или удалить.",
    "3. В сервисе откройте «Участники» → «Обмен с Excel», выберите файл и нажмите «Проверить»: сервис покажет "
    "ошибки (лист, строка, столбец, что не так) или, если их нет, кого создаст и кого обновит, ничего не записывая. "
    "«Загрузить» записывает весь файл сразу; если есть хотя бы одна ошибка, не записывается ничего.",
    "4. Повторная загрузка того же файла ничего не меняет. Участник находится в реестре по табельному номеру, иначе "
    "по ФИО и дате рождения, иначе по ФИО: найденный обновляется, а не добавляется второй раз. Пустая ячейка не "
    "стирает того, что уже есть в реестре.",
    "5. Пара (группа) находится по наставнику, составу наставляемых и дате начала: у найденной обновляются форма, "
    "окончание и состояние. Наставник и наставляемые должны быть на листе «Участники» этого файла или уже в "
    "реестре, с «да» в столбце своей роли. Наставляемый может быть только в одной действующей паре.",
    "6. Строка листа «Программы» называет пару так же, как лист «Пары и группы»: наставник и наставляемые; если у "
    "них несколько пар, впишите и начало нужной. Пара должна быть на листе «Пары и группы» этого файла или уже в "
    "реестре. Строки одной пары — её программа: план идёт в порядке строк, а затруднения, цель, задачи, ожидаемые "
    "результаты и дату утверждения достаточно вписать один раз, в первой строке пары. План в реестре заменяется "
    "планом из файла целиком, вместе с отметками о выполнении; если ни в одной строке пары план не заполнен, план в "
    "реестре не меняется. Пустая ячейка текста тоже не стирает того, что в реестре.",
    "7. Можно загрузить и CSV: один лист в файле с заголовками как здесь, кодировка UTF-8 или Windows-1251, "
    "разделитель «;» (так Excel сохраняет «CSV (разделители — точка с запятой)»).",
]


def _instructions(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 130
    lines = [*INSTRUCTIONS]
    layouts = (people.LAYOUT, pairs.LAYOUT, programmes.LAYOUT)
    for layout in layouts:
        lines += ["", f"Столбцы листа «{layout.title}»"]
        lines += [f"«{c.title}» — {c.hint}" if c.hint else f"«{c.title}»" for c in layout.columns]
    headings = {INSTRUCTIONS[2]} | {f"Столбцы листа «{layout.title}»" for layout in layouts}
    for number, line in enumerate(lines, 1):
        cell = sheet.cell(number, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=14)
        elif line in headings:
            cell.font = Font(bold=True)


def template_workbook(db: Database, today: dt.date | None = None) -> bytes:
    """The template as xlsx bytes; the forms of mentoring offered are the registry's current ones,
    dates of birth and done marks are checked up to ``today``."""
    today = today or dt.date.today()
    forms = [form["name"] for form in list_forms(db)]
    book = new_book("Шаблон загрузки реестра наставничества")
    staff = add_sheet(book, people.LAYOUT.title, people.COLUMNS, [people.EXAMPLE], autofilter=False)
    groups = add_sheet(book, pairs.LAYOUT.title, pairs.COLUMNS, [pairs.EXAMPLE], autofilter=False)
    plans = add_sheet(book, programmes.LAYOUT.title, programmes.COLUMNS, programmes.EXAMPLES, autofilter=False)
    for sheet, count in ((staff, 1), (groups, 1), (plans, len(programmes.EXAMPLES))):
        for row in sheet.iter_rows(min_row=2, max_row=count + 1):
            for cell in row:
                cell.font = _EXAMPLE_FONT
    _instructions(book.create_sheet("Инструкция"))

    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    for column, (title, values) in enumerate((("Формы наставничества", forms),
                                              ("Категории", people.CATEGORY_CHOICES)), 1):
        lists.cell(1, column, title)
        for row, value in enumerate(values, 2):
            lists.cell(row, column, value)

    def range_of(column: str, count: int) -> str:
        return f"'{LISTS}'!${column}$2:${column}${max(count, 1) + 1}"

    yes_no = ["да", "нет"]
    _validate(staff, people.COLUMNS, "gender", _choice(list(people.GENDER_CELLS.values()), "Впишите «м» или «ж» "
                                                                                         "или оставьте пустым."))
    _validate(staff, people.COLUMNS, "birth_date", _between("date", dt.date(1920, 1, 1), today,
                                                            "Дата рождения: ДД.ММ.ГГГГ, не раньше 1920 года."))
    _validate(staff, people.COLUMNS, "qualification_category", _choice(
        range_of("B", len(people.CATEGORY_CHOICES)), "Выберите категорию из списка."))
    _validate(staff, people.COLUMNS, "experience_years", _between("decimal", 0, 70, "Стаж — число лет от 0 до 70."))
    for role in ("mentor", "mentee", "curator"):
        _validate(staff, people.COLUMNS, role, _choice(yes_no, _YES_NO_ERROR))
    _validate(groups, pairs.COLUMNS, "form", _choice(range_of("A", len(forms)), "Выберите форму наставничества "
                                                                                "из списка."))
    for key in ("start_date", "end_date"):
        _validate(groups, pairs.COLUMNS, key, _between("date", EARLIEST, LATEST, "Дата — ДД.ММ.ГГГГ, между 2000 "
                                                                                 "и 2100 годом."))
    _validate(groups, pairs.COLUMNS, "status", _choice(list(STATUSES.values()), "Выберите состояние из списка."))
    for key in ("pair_start", "approved_on"):
        _validate(plans, programmes.COLUMNS, key, _between("date", EARLIEST, LATEST, "Дата — ДД.ММ.ГГГГ, между 2000 "
                                                                                     "и 2100 годом."))
    _validate(plans, programmes.COLUMNS, "done_on", _between("date", EARLIEST, today, "Дата выполнения — ДД.ММ.ГГГГ, "
                                                                                      "не позже сегодняшнего дня."))
    return save(book)
