"""The contract of the questionnaire blanks (анкеты; DOMAIN.md §5): ``questionnaire-mentor`` and
``questionnaire-mentee`` — a question set printed for a mentor or a mentee to fill in by hand: the
organisation, the title, the stage of monitoring, the introduction, «ФИО (необязательно)», the position
and the date, then the questions — a scaled one with the boxes 1…N to circle, a closed one with a box
before each choice, an open one with lines to write on.

Shape (JSON; see :mod:`service.documents.contracts.base` for the organisation)::

    {"organization": {…}, "title"?: "Анкета наставника", "stage"?: "entry" | "exit", "intro"?: "…",
     "scale": 10, "date"?: "YYYY-MM-DD", "questions": [question, …]}

    question: {"kind": "scaled" | "closed" | "open", "text": "…", "choices"?: ["да", "нет"], "lines"?: 3}

- ``title``: the set's title; default «Анкета наставника» / «Анкета наставляемого».
- ``stage``: "entry" prints «входное анкетирование (в начале программы наставничества)», "exit»
  «итоговое анкетирование (по завершении программы наставничества)»; absent, no stage is printed.
- ``scale``: the top of the scale of the scaled questions, 5 or 10 (the scale runs from 1).
- ``date``: the day the blank is filled in; absent, ««___» ____________ 20___ г.» for a hand-written one.
- ``questions[].choices``: 2 to 12 choices of a closed question (no other kind has any); ``lines``: how
  many lines an open question leaves for the answer, 1 to 10 (default 3; other kinds have none).
"""

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from service.documents.contracts.base import (
    Contract,
    Document,
    DocumentProperties,
    IsoDate,
    LongText,
    OptionalText,
    Text,
    safe_file_part,
)
from service.documents.contracts.programme import BLANK_DATE, organization_view, paragraphs
from service.grammar import dates

#: Kinds of question and how a message names them.
KINDS = {"scaled": "оценка по шкале", "closed": "выбор варианта", "open": "ответ своими словами"}
#: The stages of monitoring as the blank prints them.
STAGES = {"entry": "входное анкетирование (в начале программы наставничества)",
          "exit": "итоговое анкетирование (по завершении программы наставничества)"}
SCALES = (5, 10)
#: The box printed before a choice, to tick.
BOX = "\u25a1"
#: Choices this short in all are printed on one line; longer ones one a line.
INLINE_CHOICES = 60


def _one_of(codes: dict, message: str):
    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in codes:
            raise PydanticCustomError("code", message)
        return value
    return check


def _scale(value: Any) -> int:
    if isinstance(value, bool) or value not in SCALES:
        raise PydanticCustomError("scale", "укажите 5 (шкала от 1 до 5) или 10 (шкала от 1 до 10)")
    return value


Kind = Annotated[Literal["scaled", "closed", "open"], BeforeValidator(_one_of(
    KINDS, "укажите \"scaled\" (оценка по шкале), \"closed\" (выбор варианта) или \"open\" (ответ своими словами)"))]
Stage = Annotated[Literal["entry", "exit"], BeforeValidator(_one_of(
    STAGES, "укажите \"entry\" (входное анкетирование) или \"exit\" (итоговое)"))]
Scale = Annotated[int, BeforeValidator(_scale), WithJsonSchema({"type": "integer", "enum": list(SCALES)})]


class Question(Contract, title="вопрос анкеты"):
    kind: Kind = Field(title="тип вопроса")
    text: Text = Field(title="вопрос")
    choices: list[Text] | None = Field(None, title="варианты ответа", max_length=12)
    lines: int | None = Field(None, title="строк для ответа", ge=1, le=10)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> "Question":
        if self.kind == "closed" and len(self.choices or []) < 2:
            raise PydanticCustomError("choices", "у вопроса с выбором варианта нужны хотя бы два варианта ответа",
                                      {"field": "choices"})
        if self.kind != "closed" and self.choices:
            raise PydanticCustomError("choices", "варианты ответа бывают только у вопроса с выбором варианта "
                                                 "(\"kind\": \"closed\"): уберите их", {"field": "choices"})
        if self.kind != "open" and self.lines is not None:
            raise PydanticCustomError("lines", "строки для ответа бывают только у открытого вопроса (\"kind\": "
                                               "\"open\"): уберите их", {"field": "lines"})
        return self


class Questionnaire(Document, title="анкета"):
    """A question set's blank (see the module notes); :class:`MentorQuestionnaire` and
    :class:`MenteeQuestionnaire` differ in their default title."""

    #: The title printed when the data gives none.
    DEFAULT_TITLE: ClassVar[str] = "Анкета"

    title: OptionalText = Field(None, title="название анкеты")
    stage: Stage | None = Field(None, title="этап анкетирования")
    intro: LongText | None = Field(None, title="обращение к заполняющему")
    scale: Scale = Field(title="шкала оценок (от 1 до 5 или до 10)")
    date: IsoDate | None = Field(None, title="дата заполнения")
    questions: list[Question] = Field(title="вопросы анкеты", min_length=1, max_length=60)

    @property
    def heading(self) -> str:
        return self.title or self.DEFAULT_TITLE

    def context(self, template_id: str) -> dict:
        """``org`` (as :func:`~service.documents.contracts.programme.organization_view` gives it), ``title``,
        ``stage`` («входное анкетирование (…)» or ""), ``intro`` (paragraphs), ``scale`` (5 or 10),
        ``scale_hint`` (how to mark a score, "" without scaled questions), ``date`` («15.09.2026» or its
        blank), ``questions`` (``index``, ``text``, ``kind``, ``choices`` — the lines of boxed choices,
        ``lines`` — one entry a line to write on)."""
        questions = []
        for index, question in enumerate(self.questions, start=1):
            boxed = [f"{BOX}\u00a0{choice}" for choice in question.choices or []]
            inline = sum(len(choice) + 4 for choice in boxed) <= INLINE_CHOICES
            questions.append({
                "index": index, "text": question.text, "kind": question.kind,
                "choices": ["\u2003\u2003".join(boxed)] if boxed and inline else boxed,
                "lines": list(range(question.lines or 3)) if question.kind == "open" else [],
            })
        scaled = any(q.kind == "scaled" for q in self.questions)
        return {
            "org": organization_view(self.organization),
            "title": self.heading,
            "stage": STAGES[self.stage] if self.stage else "",
            "intro": paragraphs(self.intro) if self.intro else [],
            "scale": self.scale,
            "scale_hint": (f"В вопросах с оценкой обведите одну цифру от 1 до {self.scale}: 1 — самая низкая оценка, "
                           f"{self.scale} — самая высокая." if scaled else ""),
            "date": dates.numeric(self.date) if self.date else BLANK_DATE,
            "questions": questions,
        }

    def file_stem(self) -> str:
        stage = {"entry": "_входное", "exit": "_итоговое"}.get(self.stage or "", "")
        return f"{safe_file_part(self.heading)}{stage}_{safe_file_part(self.organization.short)}"[:150]

    def properties(self) -> DocumentProperties:
        stage = f" ({STAGES[self.stage]})" if self.stage else ""
        return DocumentProperties(self.organization.short, f"{self.heading}{stage}", "Анкета")


class MentorQuestionnaire(Questionnaire, title="анкета наставника"):
    DEFAULT_TITLE: ClassVar[str] = "Анкета наставника"


class MenteeQuestionnaire(Questionnaire, title="анкета наставляемого"):
    DEFAULT_TITLE: ClassVar[str] = "Анкета наставляемого"
