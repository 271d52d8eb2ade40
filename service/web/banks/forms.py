"""Forms of the bank pages."""

from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from registry.banks import REQUESTS_LENGTH, SOURCES
from service.web.forms import REQUIRED, RussianDateField, RussianForm, Select, options


class EntryForm(RussianForm):
    """An entry of a bank; the label of ``requests`` is set per bank."""

    person_id = Select("Участник", coerce=int, validators=[InputRequired(REQUIRED)])
    requests = TextAreaField("Профессиональные запросы (дефициты)", render_kw={"rows": 4}, validators=[
        DataRequired(REQUIRED), Length(max=REQUESTS_LENGTH, message=f"Не длиннее {REQUESTS_LENGTH} знаков.")])
    entered_on = RussianDateField("Дата включения в банк", validators=[InputRequired(REQUIRED)])
    source = Select("Источник сведений", choices=options(SOURCES.items()), default="questionnaire")
    submit = SubmitField("Сохранить")


class LeaveForm(RussianForm):
    left_on = RussianDateField("Дата выхода из банка", validators=[InputRequired(REQUIRED)])
    submit = SubmitField("Исключить из банка")
