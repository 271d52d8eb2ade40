"""The forms of the documents: the order form (number, date, curator, pairs, optional items) and the
form of a paper outside the journal (the record it is made for), each with the extra fields the
catalogue entry asks for (:class:`service.documents.catalogue.OptionField`)."""

from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional

from service.documents.catalogue import OptionField, TemplateEntry
from service.web.forms import REQUIRED, DocumentForm, RussianDateField, RussianForm, Select, options

#: What the secretary picks for each ``source`` of the catalogue: the field's label and the message when
#: nothing is picked.
PICKS = {
    "pair": ("Наставническая пара (группа)", "Выберите пару (группу)."),
    "person": ("Участник", "Выберите участника."),
    "order": ("Приказ из журнала", "Выберите приказ."),
}


def _option_field(option: OptionField):
    validators = [InputRequired(REQUIRED)] if option.required else [Optional()]
    if option.kind == "date":
        return RussianDateField(option.label, validators=validators)
    if option.kind == "text":
        return StringField(option.label, validators=[*validators, Length(max=1000, message="Не больше 1000 знаков.")])
    return Select(option.label, choices=options(option.choices), default=option.choices[0][0] if option.choices else "")


def _with_options(base: type, entry: TemplateEntry) -> type:
    return type(f"{base.__name__}For{entry.id.title().replace('-', '')}", (base,),
                {option.name: _option_field(option) for option in entry.options})


class PaperForm(RussianForm):
    """A document outside the journal: the record it is made for and its date."""

    choice = Select("Запись", coerce=int, validators=[InputRequired("Выберите запись.")])
    date = RussianDateField("Дата документа (пусто — без даты, вписать от руки)", validators=[Optional()])
    preview = SubmitField("Предпросмотр")
    download = SubmitField("Скачать DOCX")
    download_pdf = SubmitField("Скачать PDF")


def paper_form(entry: TemplateEntry, choices: list, **kwargs) -> PaperForm:
    """The form of ``entry`` with ``choices`` of its record (none for a paper of the organisation)."""
    form = _with_options(PaperForm, entry)(**kwargs)
    if entry.source in PICKS:
        label, message = PICKS[entry.source]
        form.choice.label.text = label
        form.choice.validators = [InputRequired(message)]
        form.choice.choices = choices
    else:
        del form.choice
    return form


def order_form(entry: TemplateEntry, **kwargs) -> DocumentForm:
    """The order form of ``entry`` with its extra fields."""
    return _with_options(DocumentForm, entry)(**kwargs)


def option_values(form, entry: TemplateEntry) -> dict:
    """The extra fields as typed: dates as ISO strings, blanks left out."""
    values = {}
    for option in entry.options:
        value = form[option.name].data
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        if value not in (None, ""):
            values[option.name] = value.strip() if isinstance(value, str) else value
    return values
