"""Web forms (Flask-WTF: CSRF token, server-side checks, Russian messages).

The browser's own validation is off (``novalidate`` on every form): every message comes from the
server, in Russian, next to its field, and no HTML attribute can stop a valid entry (a ``required``
on each checkbox of a list once demanded that every mentee be ticked)."""

import datetime as dt
import decimal
import unicodedata

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from registry.db import RegistryError
from registry.orders import NUMBER_PATTERN, NUMBER_RULE, check_number, format_number
from registry.pairs import EARLIEST, LATEST
from registry.people import MAX_LENGTHS, QUALIFICATION_CATEGORIES, ROLES
from service.spreadsheets.workbook import MAX_FILE_BYTES

REQUIRED = "Заполните это поле."
CSRF_EXPIRED = ("Страница открыта слишком давно или сервис перезапускался: введённое сохранено — "
                "нажмите кнопку ещё раз.")


def _nfc(value):
    """Text in Unicode NFC: «й» typed as «и» + breve and as one letter are the same letter."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _no_control_characters(form, field) -> None:
    """Refuse control, format and unassigned characters (a pasted BEL or NUL would break the DOCX)."""
    if isinstance(field.data, str):
        for char in field.data:
            if unicodedata.category(char)[0] == "C" and char not in "\t\n\r":
                raise ValidationError(f"Недопустимый служебный символ U+{ord(char):04X}: удалите его и введите "
                                      "текст заново.")


class RussianForm(FlaskForm):
    """Forms whose built-in messages (wrong number, wrong choice) come in Russian (WTForms' own
    translations); every text field NFC-normalised and refusing control characters."""

    class Meta:
        locales = ["ru_RU", "ru"]

        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField):
                declared = unbound_field.kwargs
                options = {**options, "filters": [*declared.get("filters", ()), _nfc],
                           "validators": [*declared.get("validators", ()), _no_control_characters]}
            return unbound_field.bind(form=form, **options)

    def add_error(self, error: RegistryError) -> None:
        """Show a refusal of the registry next to its field, or above the form."""
        field = self._fields.get(error.field or "")
        if field is not None and field.name != "csrf_token":
            field.errors = [*field.errors, error.message]
        else:
            self.form_errors.append(error.message)


class ChoicesRequired:
    """At least one ticked box of a checkbox list; unlike ``DataRequired`` it sets no ``required``
    flag, which the browser would put on every box."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if not field.data:
            raise ValidationError(self.message)


class RussianDateField(DateField):
    """A date typed as ДД.ММ.ГГГГ (ISO accepted too), shown as ДД.ММ.ГГГГ, between 2000 and 2100
    unless ``earliest``/``latest`` say otherwise. A text input, not ``type="date"``: the browser's
    date picker follows the browser's language, not the page's."""

    widget = TextInput()

    def __init__(self, label, validators=None, earliest: dt.date = EARLIEST, latest: dt.date = LATEST, **kwargs):
        render_kw = {"placeholder": "ДД.ММ.ГГГГ", "inputmode": "numeric", "autocomplete": "off", "maxlength": 10}
        super().__init__(label, validators, format=["%d.%m.%Y", "%Y-%m-%d"], render_kw=render_kw, **kwargs)
        self.earliest, self.latest = earliest, latest

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            return
        text = valuelist[0].strip()
        for fmt in self.format:
            try:
                self.data = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            self.data = None
            raise ValueError(f"«{text[:20]}» — не дата: введите в виде ДД.ММ.ГГГГ, например 15.01.2025.")
        if not self.earliest <= self.data <= self.latest:
            raise ValueError(f"Укажите дату между {self.earliest:%d.%m.%Y} и {self.latest:%d.%m.%Y}.")


class FiniteDecimalField(DecimalField):
    """A decimal that is a number: «NaN», «sNaN» and «Infinity» are refused like any other text."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, decimal.Decimal) and not self.data.is_finite():
            self.data = None
            raise ValueError("Неверное десятичное число.")


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def person_options(people: list[dict]) -> list[SelectChoice]:
    """People as choices labelled «ФИО, должность»."""
    return options((p["id"], f"{p['full_name']}, {p['position'] or 'должность не указана'}") for p in people)


#: WTForms leaves some choice messages untranslated in Russian; these replace them.
_CHOICE_MESSAGES = {"invalid_value_message": "Выберите вариант из списка.",
                    "invalid_choice_message": "Выбранного варианта больше нет в списке: обновите страницу "
                                              "и выберите заново."}


class Select(SelectField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **{**_CHOICE_MESSAGES, **kwargs})


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **{**_CHOICE_MESSAGES, **kwargs})


def _order_number(form, field) -> None:
    """An order number typed by hand follows the journal's rule (registry.orders.check_number)."""
    if field.data and field.data.strip():
        try:
            check_number(field.data)
        except RegistryError as error:
            raise ValidationError(error.message) from None


def _max(length: int) -> Length:
    return Length(max=length, message=f"Не длиннее {length} знаков.")


def _length(field: str) -> Length:
    return _max(MAX_LENGTHS[field])


class OrganizationForm(RussianForm):
    full_name = StringField("Полное наименование", validators=[DataRequired(REQUIRED), _max(500)])
    short_name = StringField("Краткое наименование", validators=[_max(200)])
    locality = StringField("Место издания приказов (населённый пункт)",
                           validators=[DataRequired(REQUIRED), _max(100)])
    founder = StringField("Учредитель (необязательно)", validators=[_max(500)])
    head_person_id = Select("Руководитель", coerce=int, validators=[InputRequired(REQUIRED)])
    head_position = StringField("Должность руководителя", default="директор",
                                validators=[DataRequired(REQUIRED), _max(200)])
    order_number_format = StringField("Формат номера приказа", default="{n}",
                                      validators=[DataRequired(REQUIRED), _max(16)])
    regional_act = StringField("Региональный акт о наставничестве (необязательно)", validators=[_max(500)])
    mentoring_url = StringField("Страница о наставничестве на сайте организации (необязательно)",
                                render_kw={"inputmode": "url", "autocomplete": "url"}, validators=[_max(300)])
    regulation_number = StringField("Положение о наставничестве утверждено приказом №", validators=[
        Optional(), _max(20)])
    regulation_date = RussianDateField("…от (дата приказа о Положении)", validators=[Optional()])
    submit = SubmitField("Сохранить")

    def validate_regulation_number(self, field):
        _order_number(self, field)
        if bool((field.data or "").strip()) != bool(self.regulation_date.data):
            raise ValidationError("Укажите и номер, и дату приказа, утвердившего Положение, или оставьте оба пустыми.")

    def validate_order_number_format(self, field):
        if "{n}" not in field.data:
            raise ValidationError("Формат номера должен содержать {n} — место для порядкового номера, "
                                  "например {n}-ОД.")
        if not NUMBER_PATTERN.fullmatch(format_number(field.data.strip(), 1)):
            raise ValidationError(f"Номер по этому формату должен быть {NUMBER_RULE}.")


class PersonForm(RussianForm):
    last_name = StringField("Фамилия", validators=[DataRequired(REQUIRED), _length("last_name")])
    first_name = StringField("Имя", validators=[DataRequired(REQUIRED), _length("first_name")])
    middle_name = StringField("Отчество (если есть)", validators=[_length("middle_name")])
    gender = Select("Пол", default="",
                         choices=options([("", "определить по ФИО"), ("m", "мужской"), ("f", "женский")]))
    birth_date = RussianDateField("Дата рождения (необязательно)", validators=[Optional()],
                                  earliest=dt.date(1920, 1, 1), latest=dt.date(2100, 12, 31))
    personnel_number = StringField("Табельный номер (необязательно)", validators=[_length("personnel_number")])
    position = StringField("Должность (в именительном падеже)",
                           validators=[DataRequired(REQUIRED), _length("position")])
    subject = StringField("Предмет / направление", validators=[_length("subject")])
    qualification_category = Select(
        "Квалификационная категория",
        default="",
        choices=options([("", "без категории"), *QUALIFICATION_CATEGORIES.items()]),
    )
    experience_years = FiniteDecimalField(
        "Педагогический стаж, лет", use_locale=True,
        validators=[Optional(), NumberRange(0, 70, "Стаж — число лет от 0 до 70.")],
    )
    email = StringField("Эл. почта", validators=[Optional(), _length("email"),
                                                 Email("Проверьте адрес эл. почты.", check_deliverability=False)])
    phone = StringField("Телефон", validators=[_length("phone")])
    roles = MultiCheckboxField("Роли", choices=options(ROLES.items()))
    confirm_duplicate = BooleanField("Это другой человек — всё равно сохранить")
    submit = SubmitField("Сохранить")


class PairForm(RussianForm):
    mentor_id = Select("Наставник", coerce=int, validators=[InputRequired(REQUIRED)])
    mentee_ids = MultiCheckboxField("Наставляемые", coerce=int,
                                    validators=[ChoicesRequired("Отметьте хотя бы одного наставляемого.")])
    form_id = Select("Форма наставничества", coerce=int, validators=[Optional()])
    new_form = StringField("…или новая форма", validators=[_max(150)])
    start_date = RussianDateField("Начало", validators=[InputRequired(REQUIRED)])
    end_date = RussianDateField("Окончание", validators=[InputRequired(REQUIRED)])
    submit = SubmitField("Сохранить")

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError("Окончание раньше начала: проверьте срок наставничества.")

    def validate_mentee_ids(self, field):
        if self.mentor_id.data in (field.data or []):
            raise ValidationError("Наставник не может быть наставляемым в своей паре: снимите отметку с него.")

    def validate_new_form(self, field):
        if not (field.data or "").strip() and not self.form_id.data:
            raise ValidationError("Выберите форму наставничества или впишите новую.")


#: The optional items of the pairs order (the data contract's ``options``) and their labels.
ORDER_OPTIONS = {
    "consent_item": "Пункт о письменном согласии наставников и наставляемых",
    "addendum_item": "Пункт о дополнительных соглашениях к трудовым договорам наставников",
    "incentive_item": "Пункт о доплате (стимулирующей выплате) наставникам",
    "reporting_item": "Пункт об отчётах наставников и куратора",
}
_OPTION_CHOICES = options([("", "по закону на дату приказа"), ("on", "включить"), ("off", "не включать")])


class DocumentForm(RussianForm):
    number = StringField("Номер приказа", render_kw={"autocomplete": "off"})
    date = RussianDateField("Дата приказа", validators=[InputRequired(REQUIRED)])
    curator_id = Select("Куратор", coerce=int, validators=[InputRequired("Выберите куратора.")])
    effective_date = RussianDateField("Куратор приступает с (если не с даты приказа)", validators=[Optional()])
    pair_ids = MultiCheckboxField("Наставнические пары (группы)", coerce=int)
    consent_item = Select(ORDER_OPTIONS["consent_item"], choices=_OPTION_CHOICES, default="")
    addendum_item = Select(ORDER_OPTIONS["addendum_item"], choices=_OPTION_CHOICES, default="")
    incentive_item = Select(ORDER_OPTIONS["incentive_item"], choices=_OPTION_CHOICES, default="")
    reporting_item = Select(ORDER_OPTIONS["reporting_item"], choices=_OPTION_CHOICES, default="")
    preview = SubmitField("Предпросмотр")
    download = SubmitField("Зарегистрировать и скачать DOCX")
    download_pdf = SubmitField("Зарегистрировать и скачать PDF")

    validate_number = _order_number

    def validate_effective_date(self, field):
        if field.data and self.date.data and field.data < self.date.data:
            raise ValidationError("Куратор не может приступить раньше даты приказа.")

    def chosen_options(self) -> dict[str, bool]:
        """The items switched on or off by hand (those left to the law are absent)."""
        return {name: self[name].data == "on" for name in ORDER_OPTIONS if self[name].data in ("on", "off")}


class ConfirmForm(RussianForm):
    """CSRF only: a button that confirms an action, and the forms whose fields are built per row
    (the corrected case forms of a person, the key of an exception to delete)."""


class PhraseFormForm(RussianForm):
    kind = Select("Вид", validators=[DataRequired(REQUIRED)])
    text = StringField("Как написано (именительный падеж)", validators=[DataRequired(REQUIRED), _max(500)])
    case_tag = Select("Падеж", validators=[DataRequired(REQUIRED)])
    form = StringField("Правильная форма", validators=[DataRequired(REQUIRED), _max(500)])
    submit = SubmitField("Добавить")


class ImportForm(RussianForm):
    """An upload of the registry's spreadsheet: «Проверить» is a dry run, «Загрузить» writes."""

    file = FileField("Файл: книга Excel (.xlsx) или CSV", validators=[
        FileRequired("Выберите файл."),
        FileAllowed(["xlsx", "xlsm", "csv"], "Загрузите книгу Excel (.xlsx) или файл CSV (.csv); старый формат .xls "
                                             "сохраните в Excel как «Книга Excel (*.xlsx)»."),
        FileSize(MAX_FILE_BYTES, message=f"Файл больше {MAX_FILE_BYTES // 2**20} МБ: это больше, чем список "
                                         "сотрудников школы. Удалите лишние листы и картинки или разделите файл."),
    ])
    check = SubmitField("Проверить")
    load = SubmitField("Загрузить")
