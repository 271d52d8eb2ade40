"""The form of the district summary: the body that makes it and who signs it (the registry keeps no record
of a municipal body), what the title continues with, the conclusions and the date."""

from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from service.documents.contracts.base import MAX_TEXT
from service.web.forms import REQUIRED, RussianDateField, RussianForm


def _max(length: int) -> Length:
    return Length(max=length, message=f"Не длиннее {length} знаков.")


class SummaryForm(RussianForm):
    full_name = StringField("Орган (учреждение), составивший справку: полное наименование",
                            validators=[DataRequired(REQUIRED), _max(500)])
    locality = StringField("Населённый пункт", validators=[DataRequired(REQUIRED), _max(100)])
    head_position = StringField("Должность подписывающего (в именительном падеже)",
                                validators=[DataRequired(REQUIRED), _max(200)])
    head_name = StringField("ФИО подписывающего", validators=[DataRequired(REQUIRED), _max(140)])
    scope = StringField("Чьих организаций — продолжение заголовка «…в образовательных организациях» "
                        "(необязательно), например «Левокумского муниципального округа»", validators=[_max(300)])
    conclusions = TextAreaField("Выводы и предложения (каждый абзац с новой строки)", render_kw={"rows": 8},
                                validators=[DataRequired(REQUIRED), _max(10 * MAX_TEXT)])
    date = RussianDateField("Дата справки (пусто — без даты, вписать от руки)", validators=[Optional()])
    download = SubmitField("Скачать DOCX")
    download_pdf = SubmitField("Скачать PDF")
