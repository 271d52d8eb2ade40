"""Forms of the programme pages. The plan is a list of row forms (``items-0-activity`` …) that the
page shows with a few empty rows; «Добавить строки» sends the form back with more, nothing saved."""

from wtforms import BooleanField, FieldList, Form, FormField, StringField, SubmitField, TextAreaField
from wtforms.meta import DefaultMeta
from wtforms.validators import DataRequired, Length, Optional

from registry.programmes import ITEM_LENGTHS, TEXT_LENGTH
from service.web.forms import REQUIRED, RussianDateField, RussianForm

#: Most rows the form takes (the registry stores up to registry.programmes.MAX_ITEMS filled ones).
MAX_ROWS = 250


def _max(length: int) -> Length:
    return Length(max=length, message=f"Не длиннее {length} знаков.")


class _RowMeta(DefaultMeta):
    """A row has no token of its own (the programme form carries it); its texts are treated as every
    form's (NFC, no control characters)."""

    locales = ["ru_RU", "ru"]
    bind_field = RussianForm.Meta.bind_field


class PlanRowForm(Form):
    Meta = _RowMeta

    activity = TextAreaField("Мероприятие", render_kw={"rows": 2}, validators=[_max(ITEM_LENGTHS["activity"])])
    deadline = StringField("Срок", validators=[_max(ITEM_LENGTHS["deadline"])])
    form = StringField("Форма", validators=[_max(ITEM_LENGTHS["form"])])
    expected_result = StringField("Ожидаемый результат", validators=[_max(ITEM_LENGTHS["expected_result"])])
    done_on = RussianDateField("Выполнено", validators=[Optional()])
    remove = BooleanField("Удалить строку")


class ProgrammeForm(RussianForm):
    difficulties = TextAreaField("Выявленные профессиональные затруднения (дефициты)", render_kw={"rows": 3},
                                 validators=[_max(TEXT_LENGTH)])
    goal = TextAreaField("Цель", render_kw={"rows": 2}, validators=[DataRequired(REQUIRED), _max(TEXT_LENGTH)])
    tasks = TextAreaField("Задачи", render_kw={"rows": 4}, validators=[_max(TEXT_LENGTH)])
    expected_results = TextAreaField("Ожидаемые результаты", render_kw={"rows": 3}, validators=[_max(TEXT_LENGTH)])
    approved_on = RussianDateField("Утверждена руководителем (дата)", validators=[Optional()])
    items = FieldList(FormField(PlanRowForm), min_entries=0, max_entries=MAX_ROWS)
    more = SubmitField("Добавить строки")
    submit = SubmitField("Сохранить программу")


class MarkForm(RussianForm):
    done_on = RussianDateField("Дата выполнения")
    submit = SubmitField("Отметить выполненным")
    clear = SubmitField("Снять отметку")
