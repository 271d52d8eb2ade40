"""Forms of the roadmap pages: an event, its done mark, the default roadmap to start from, the upload of
a roadmap file («Проверить» a dry run, «Загрузить» all or nothing)."""

from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import BooleanField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from registry.roadmap import DOCUMENT_KINDS, LENGTHS, variants
from service.spreadsheets.workbook import MAX_FILE_BYTES
from service.web.forms import REQUIRED, RussianDateField, RussianForm, Select, options

#: What the field «Срок» takes, as its hint says.
DEADLINE_HINT = ("Дата («до 15.10.2025» или «15.10»), месяц («октябрь», «октябрь 2025»), месяцы («ноябрь – апрель») "
                 "или словами: ежегодно, постоянно, в течение учебного года, по мере необходимости. Дата и месяц "
                 "сравниваются с сегодняшним днём: невыполненное мероприятие после срока — просрочено.")


def _max(key: str) -> Length:
    return Length(max=LENGTHS[key], message=f"Не длиннее {LENGTHS[key]} знаков.")


class EventForm(RussianForm):
    stage = StringField("Этап", validators=[_max("stage")])
    activity = TextAreaField("Мероприятие", render_kw={"rows": 3}, validators=[DataRequired(REQUIRED),
                                                                               _max("activity")])
    deadline = StringField("Срок", validators=[DataRequired(REQUIRED), _max("deadline")])
    responsible_person_id = Select("Ответственный сотрудник", coerce=int, default=0)
    responsible = StringField("Ответственный: роль или кто (куратор, наставники, руководитель ОО)",
                              validators=[_max("responsible")])
    result = TextAreaField("Ожидаемый результат (документ)", render_kw={"rows": 2}, validators=[_max("result")])
    document_kind = Select("Документ, который отмечает выполнение", default="",
                           choices=options([("", "— нет —"), *DOCUMENT_KINDS.items()]))
    submit = SubmitField("Сохранить")


class DoneForm(RussianForm):
    done_on = RussianDateField("Дата выполнения")
    submit = SubmitField("Отметить выполненным")
    clear = SubmitField("Снять отметку")


class StartForm(RussianForm):
    variant = Select("Образец", default="school")
    submit = SubmitField("Создать дорожную карту по образцу")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.variant.choices = options(variants().items())


class ImportForm(RussianForm):
    file = FileField("Файл: документ .docx или книга Excel (.xlsx) с таблицей дорожной карты", validators=[
        FileRequired("Выберите файл."),
        FileAllowed(["docx", "xlsx"], "Загрузите документ .docx или книгу Excel (.xlsx); файлы .doc и .xls "
                                      "сохраните заново в новом формате."),
        FileSize(MAX_FILE_BYTES, message=f"Файл больше {MAX_FILE_BYTES // 2**20} МБ: удалите из него картинки."),
    ])
    replace = BooleanField("Заменить мероприятия этого учебного года")
    check = SubmitField("Проверить")
    load = SubmitField("Загрузить")
