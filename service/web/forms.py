"""Web forms (Flask-WTF: CSRF token, server-side checks, Russian messages)."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, InputRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from registry.pairs import STATUSES
from registry.people import ROLES

REQUIRED = "Заполните это поле."


class RussianForm(FlaskForm):
    """Forms whose built-in messages (wrong date, wrong number) come in Russian (WTForms' own
    translations)."""

    class Meta:
        locales = ["ru_RU", "ru"]


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def person_options(people: list[dict]) -> list[SelectChoice]:
    """People as choices labelled «ФИО, должность»."""
    return options((p["id"], f"{p['full_name']}, {p['position'] or 'должность не указана'}") for p in people)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _russian_date(label: str) -> DateField:
    return DateField(label, validators=[InputRequired(REQUIRED)], format="%Y-%m-%d")


class OrganizationForm(RussianForm):
    full_name = StringField("Полное наименование", validators=[DataRequired(REQUIRED)])
    short_name = StringField("Краткое наименование")
    locality = StringField("Место издания приказов (населённый пункт)", validators=[DataRequired(REQUIRED)])
    founder = StringField("Учредитель (необязательно)")
    head_person_id = SelectField("Руководитель", coerce=int, validators=[InputRequired(REQUIRED)])
    head_position = StringField("Должность руководителя", default="директор",
                                validators=[DataRequired(REQUIRED)])
    order_number_format = StringField("Формат номера приказа", default="{n}",
                                      validators=[DataRequired(REQUIRED)])
    submit = SubmitField("Сохранить")

    def validate_order_number_format(self, field):
        if "{n}" not in field.data:
            raise ValidationError("Формат номера должен содержать {n} — место для порядкового номера, "
                                  "например {n}-ОД.")


class PersonForm(RussianForm):
    last_name = StringField("Фамилия", validators=[DataRequired(REQUIRED)])
    first_name = StringField("Имя", validators=[DataRequired(REQUIRED)])
    middle_name = StringField("Отчество (если есть)")
    gender = SelectField("Пол", default="",
                         choices=options([("", "определить по ФИО"), ("m", "мужской"), ("f", "женский")]))
    position = StringField("Должность (в именительном падеже)", validators=[DataRequired(REQUIRED)])
    subject = StringField("Предмет / направление")
    qualification_category = SelectField(
        "Квалификационная категория",
        default="",
        choices=options([("", "без категории"),
                         ("соответствие занимаемой должности", "соответствие должности"),
                         ("первая", "первая"), ("высшая", "высшая"), ("педагог-методист", "педагог-методист"),
                         ("педагог-наставник", "педагог-наставник")]),
    )
    experience_years = DecimalField(
        "Педагогический стаж, лет", use_locale=True,
        validators=[Optional(), NumberRange(0, 70, "Стаж — число лет от 0 до 70.")],
    )
    email = StringField("Эл. почта", validators=[Optional(), Email("Проверьте адрес эл. почты.",
                                                                    check_deliverability=False)])
    phone = StringField("Телефон")
    roles = MultiCheckboxField("Роли", choices=options(ROLES.items()))
    submit = SubmitField("Сохранить")


class PairForm(RussianForm):
    mentor_id = SelectField("Наставник", coerce=int, validators=[InputRequired(REQUIRED)])
    mentee_ids = MultiCheckboxField("Наставляемые", coerce=int,
                                    validators=[DataRequired("Выберите хотя бы одного наставляемого.")])
    form_id = SelectField("Форма наставничества", coerce=int, validators=[Optional()])
    new_form = StringField("…или новая форма")
    start_date = _russian_date("Начало")
    end_date = _russian_date("Окончание")
    status = SelectField("Состояние", choices=options(STATUSES.items()), default="active")
    submit = SubmitField("Сохранить")

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError("Окончание раньше начала: проверьте срок наставничества.")

    def validate_mentee_ids(self, field):
        if self.mentor_id.data in (field.data or []):
            raise ValidationError("Наставник не может быть наставляемым в своей паре.")

    def validate_new_form(self, field):
        if not field.data.strip() and not self.form_id.data:
            raise ValidationError("Выберите форму наставничества или впишите новую.")


class DocumentForm(RussianForm):
    number = StringField("Номер приказа", validators=[DataRequired(REQUIRED)])
    date = _russian_date("Дата приказа")
    curator_id = SelectField("Куратор", coerce=int, validators=[InputRequired("Выберите куратора.")])
    pair_ids = MultiCheckboxField("Наставнические пары (группы)", coerce=int)
    preview = SubmitField("Предпросмотр")
    download = SubmitField("Скачать DOCX")


class CorrectionsForm(RussianForm):
    """CSRF only, for forms whose fields are built per row: the corrected case forms of a person
    (``name_<case>``, ``position_<case>``), the key of an exception to delete."""


class PhraseFormForm(RussianForm):
    kind = SelectField("Вид", validators=[DataRequired(REQUIRED)])
    text = StringField("Как написано (именительный падеж)", validators=[DataRequired(REQUIRED)])
    case_tag = SelectField("Падеж", validators=[DataRequired(REQUIRED)])
    form = StringField("Правильная форма", validators=[DataRequired(REQUIRED)])
    submit = SubmitField("Добавить")
