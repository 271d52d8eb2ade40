"""The forms of «Мониторинг»: the texts of the analytical report and of a mentor's report, edited before
download (the documents page's fields hold one line; these hold pages)."""

from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from service.documents.contracts.base import MAX_TEXT
from service.documents.contracts.mentor_report import READINESS
from service.web.forms import REQUIRED, RussianDateField, RussianForm, Select, options

#: The longest text of a report: what the contract's long texts take.
LONG = 10 * MAX_TEXT


def _long(label: str, *, required: bool = True, rows: int = 8) -> TextAreaField:
    validators = [DataRequired(REQUIRED) if required else Optional(),
                  Length(max=LONG, message=f"Не длиннее {LONG} знаков.")]
    return TextAreaField(label, validators=validators, render_kw={"rows": rows})


class DownloadForm(RussianForm):
    date = RussianDateField("Дата документа (пусто — без даты, вписать от руки)", validators=[Optional()])
    download = SubmitField("Скачать DOCX")
    download_pdf = SubmitField("Скачать PDF")


class ReportForm(DownloadForm):
    """The curator's analytical report: the conclusions and the recommendations (a paragraph a line)."""

    conclusions = _long("Выводы (каждый абзац с новой строки)")
    recommendations = _long("Рекомендации (каждая с новой строки — в справке они нумеруются)", rows=6)


class MentorReportForm(DownloadForm):
    """A mentor's report: for each mentee a characteristic and readiness (fields ``characteristic_<id>``
    and ``readiness_<id>``, added by :func:`mentor_report_form`), and the mentor's conclusions."""

    conclusions = _long("Выводы и предложения наставника (необязательно)", required=False, rows=4)


def mentor_report_form(mentees: list[dict], **kwargs) -> MentorReportForm:
    """The form for a pair's ``mentees`` (person dicts with ``id`` and ``full_name``)."""
    fields = {}
    for mentee in mentees:
        fields[f"characteristic_{mentee['id']}"] = _long(f"Характеристика: {mentee['full_name']}")
        fields[f"readiness_{mentee['id']}"] = Select(
            f"Готовность к самостоятельной профессиональной деятельности: {mentee['full_name']}",
            choices=options([("", "— выберите —"), *READINESS.items()]),
            validators=[DataRequired("Выберите вывод о готовности.")])
    return type("MentorReportFormForPair", (MentorReportForm,), fields)(**kwargs)
