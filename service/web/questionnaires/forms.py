"""Forms of the questionnaire pages: a set, a question, the default sets to start from, one person's answers
(a field per question, made for the set), the upload of an online form's export and the matching of its
columns (a field per column, made for the file; «Проверить» a dry run, «Загрузить» all or nothing)."""

from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from registry.questionnaires import KINDS, LENGTHS, ROLES, SCALES, STAGES, TARGETS
from service.questionnaire_import import MAX_EXPORT_BYTES
from service.web.forms import REQUIRED, RussianDateField, RussianForm, Select, options

STAGE_CHOICES = options((code, f"{title} анкетирование") for code, title in STAGES.items())


def _max(key: str) -> Length:
    return Length(max=LENGTHS[key], message=f"Не длиннее {LENGTHS[key]} знаков.")


class SetForm(RussianForm):
    role = Select("Для кого анкета", choices=options(ROLES.items()))
    title = StringField("Название анкеты", validators=[DataRequired(REQUIRED), _max("title")])
    intro = TextAreaField("Обращение к заполняющему (печатается в начале бланка)", render_kw={"rows": 3},
                          validators=[_max("intro")])
    scale = Select("Шкала оценок", coerce=int, default=10, choices=options((s, f"от 1 до {s}") for s in SCALES))
    submit = SubmitField("Сохранить")


class QuestionForm(RussianForm):
    kind = Select("Тип вопроса", choices=options(KINDS.items()))
    text = TextAreaField("Вопрос", render_kw={"rows": 2}, validators=[DataRequired(REQUIRED), _max("text")])
    choices = TextAreaField("Варианты ответа — по одному в строке", render_kw={"rows": 4},
                            validators=[Length(max=3000, message="Не длиннее 3000 знаков.")])
    submit = SubmitField("Сохранить")


class StartForm(RussianForm):
    mentor = SubmitField("Создать анкету наставника по образцу")
    mentee = SubmitField("Создать анкету наставляемого по образцу")


class ResponseForm(RussianForm):
    """One person's questionnaire; :func:`response_form` adds a field ``q<id>`` per question of the set."""

    person_id = Select("Кто заполнил", coerce=int, validators=[InputRequired("Выберите участника.")])
    pair_id = Select("Пара (группа), о которой анкета", coerce=int, default=0)
    stage = Select("Этап анкетирования", choices=STAGE_CHOICES)
    answered_on = RussianDateField("Дата заполнения", validators=[InputRequired(REQUIRED)])
    submit = SubmitField("Сохранить анкету")


def response_form(questions: list[dict], scale: int, **kwargs) -> ResponseForm:
    """:class:`ResponseForm` with a field ``q<id>`` for each of ``questions``: radio buttons 1…``scale``
    for a scaled one, its choices for a closed one, a text for an open one. The registry checks the
    values (:func:`registry.questionnaires.check_answer`): a field left empty is a question not answered."""
    fields = {}
    scores = options((str(n), str(n)) for n in range(1, scale + 1))
    for question in questions:
        label = f"{question['number']}. {question['text']}"
        if question["kind"] == "scaled":
            fields[f"q{question['id']}"] = RadioField(label, choices=scores, validate_choice=False,
                                                      validators=[Optional()])
        elif question["kind"] == "closed":
            fields[f"q{question['id']}"] = RadioField(label, choices=options((c, c) for c in question["choices"]),
                                                      validate_choice=False, validators=[Optional()])
        else:
            fields[f"q{question['id']}"] = TextAreaField(label, render_kw={"rows": 3}, validators=[_max("answer")])
    return type("ResponseFormForSet", (ResponseForm,), fields)(**kwargs)


class UploadForm(RussianForm):
    set_id = Select("Анкета", coerce=int, validators=[InputRequired("Выберите анкету.")])
    stage = Select("Этап анкетирования", choices=STAGE_CHOICES)
    answered_on = RussianDateField("Дата анкетирования — если в файле нет столбца с датой", validators=[Optional()])
    file = FileField("Файл: выгрузка ответов формы — книга Excel (.xlsx) или CSV", validators=[
        FileRequired("Выберите файл."),
        FileAllowed(["xlsx", "csv"], "Загрузите книгу Excel (.xlsx) или файл CSV (.csv): в этих форматах выгружают "
                                     "ответы онлайн-форм."),
        FileSize(MAX_EXPORT_BYTES, message=f"Файл больше {MAX_EXPORT_BYTES // 2**20} МБ: это не выгрузка ответов "
                                           "формы."),
    ])
    submit = SubmitField("Далее: сопоставить столбцы")


#: What a column of an export may be matched to besides a question, in the order the list offers them.
TARGET_CHOICES = [("skip", f"— {TARGETS['skip']} —"), ("name", "ФИО (или фамилия, имя, отчество)"),
                  ("date", "Дата заполнения (отметка времени)")]


class ColumnsForm(RussianForm):
    """The export carried from the upload (the file itself, base64, in ``content``) and, by
    :func:`columns_form`, a field ``col<i>`` per column of the file."""

    set_id = HiddenField()
    stage = HiddenField()
    answered_on = HiddenField()
    filename = HiddenField()
    content = HiddenField()
    check = SubmitField("Проверить")
    load = SubmitField("Загрузить")


def columns_form(headers: tuple[str, ...], questions: list[dict], **kwargs) -> ColumnsForm:
    """:class:`ColumnsForm` with a drop-down ``col<i>`` per header: «не загружать», ФИО, the date, or a
    question of the set."""
    choices = options(TARGET_CHOICES + [(f"q{q['id']}", f"Вопрос {q['number']}: {q['text'][:90]}")
                                        for q in questions])
    fields = {f"col{index}": Select(header or "без заголовка", choices=choices, default="skip")
              for index, header in enumerate(headers)}
    return type("ColumnsFormForFile", (ColumnsForm,), fields)(**kwargs)
