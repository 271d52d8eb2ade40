"""The form of a meeting: its kind, day, topic, notes, the mentee's feedback and the plan items it ticks."""

from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from registry.meetings import KINDS, LENGTHS
from service.web.forms import REQUIRED, MultiCheckboxField, RussianDateField, RussianForm, Select, options


def _max(key: str) -> Length:
    return Length(max=LENGTHS[key], message=f"Не длиннее {LENGTHS[key]} знаков.")


class MeetingForm(RussianForm):
    kind = Select("Вид встречи", choices=options(KINDS.items()))
    held_on = RussianDateField("Дата встречи", validators=[InputRequired(REQUIRED)])
    topic = StringField("Тема", validators=[DataRequired(REQUIRED), _max("topic")])
    notes = TextAreaField("Содержание и договорённости", render_kw={"rows": 4}, validators=[_max("notes")])
    feedback = TextAreaField("Обратная связь наставляемого", render_kw={"rows": 3}, validators=[_max("feedback")])
    item_ids = MultiCheckboxField("Пункты плана программы, выполненные на этой встрече", coerce=int)
    submit = SubmitField("Сохранить")
