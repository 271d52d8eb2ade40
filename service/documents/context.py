"""What a template sees: people, positions and the organisation with every case at hand, and the
sentences of an order already agreed in number and gender.

In a template, ``{{ curator.titled.accs }}`` is the curator's position and full name in the
accusative, ``{{ curator.short.datv }}`` is «Смирновой Е.А.», ``{{ head.signature }}`` is
«А.А. Ведерников», ``{{ org.short.loct }}`` is «МБОУ Палагайской СОШ». Case attributes are the
OpenCorpora tags ``nomn gent datv accs ablt loct``; a bare ``{{ x.name }}`` is the nominative.

Who is who (DOMAIN.md §3): the head signs the order, so the head is never told to do something, never
listed among those who acquaint themselves with it, and keeps the control of an order whose curator
the head is («Контроль за исполнением приказа оставляю за собой»).

Every value a template prints passes :func:`typeset` (the Jinja ``finalize`` of
:mod:`service.documents.render`): no-break spaces and hyphens where a line must not break.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable

from service.documents.catalogue import cited_acts, is_student_form
from service.documents.contracts.base import PairData as Pair
from service.documents.contracts.base import PersonData as Person
from service.documents.contracts.orders import Options, OrderDocument
from service.grammar import dates
from service.grammar.agreement import agree
from service.grammar.cases import Case
from service.grammar.names import NBSP
from service.grammar.organizations import decline_organization
from service.grammar.phrases import decline_phrase
from service.grammar.positions import decline_position

NBHYPHEN = "\u2011"

#: Longest sentence an order may hold (issue 8: a records officer rewrites anything longer).
MAX_WORDS = 60

_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_SPACE = r"[ \t\u00a0]+"
# Each rule: (pattern, replacement). Sources: GOST R 7.0.97 (a date «11 января 2024 г.» and a number
# «№ 219» are one requisite each) and Russian typesetting practice (Мильчин, Чельцова, «Справочник
# издателя и автора», on unbreakable groups: number and its sign, initials and surname, abbreviation and
# the word it precedes, a dash never opening a line).
_TYPESET_RULES: tuple[tuple[re.Pattern, str | Callable[[re.Match], str]], ...] = (
    # «№ 219», «№ АЗ-1128/08»: the sign stays with the number, and the number is never cut at its hyphen.
    (re.compile(r"№[ \t\u00a0]*([^\s,;:»)]+)"), lambda m: f"№{NBSP}{m.group(1).replace('-', NBHYPHEN)}"),
    # «15 января», «января 2024», «2024 г.», «2023–2024 учебный год» stay whole.
    (re.compile(rf"(\d){_SPACE}(?=(?:{_MONTHS})\b)"), rf"\1{NBSP}"),
    (re.compile(rf"\b({_MONTHS}){_SPACE}(?=\d{{4}})"), rf"\1{NBSP}"),
    (re.compile(rf"(\d{{4}}){_SPACE}(?=(?:г\.|гг\.|года?\b|году\b|годом\b))"), rf"\1{NBSP}"),
    # «с 15 января», «от 29.12.2012», «по 31 мая»: a short preposition does not end a line before a number.
    (re.compile(rf"(?<![\w.])(с|со|по|от|до|на|в|во|к|за|из){_SPACE}(?=\d)", re.IGNORECASE), rf"\1{NBSP}"),
    # «д. Палагай», «им. И.Н. Кожедуба», «ст. 351.8» (not the «г.» of a year ending a sentence).
    (re.compile(rf"(?<!\d[ \u00a0])(?<![\w.])(г|д|с|п|пос|ст|им|ул|пр|ч|п\.\s?п)\.{_SPACE}(?=[А-ЯЁ\d])"),
     rf"\1.{NBSP}"),
    # «И.Н. Кожедуба», «И. Н. Кожедуба» and «Кожедуба И.Н.»: initials never part from the surname.
    (re.compile(rf"(?<![\w.])([А-ЯЁ]\.)({_SPACE}(?=[А-ЯЁ]\.))?([А-ЯЁ]\.)?{_SPACE}(?=[А-ЯЁ][а-яё])"),
     lambda m: f"{m.group(1)}{NBSP if m.group(2) else ''}{m.group(3) or ''}{NBSP}"),
    (re.compile(rf"(?<=[а-яё]){_SPACE}(?=[А-ЯЁ]\.(?:[А-ЯЁ]\.)?(?![\w]))"), NBSP),
    # A dash (em or en, spaced) stays at the end of the line it continues.
    (re.compile(r" +(?=[—–] )"), NBSP),
)


def typeset(text: str) -> str:
    """``text`` with no-break spaces in «№ 219», «15 января 2024 г.», «с 15 января», «от 29.12.2012»,
    «И.О. Фамилия», «д. Палагай», before a spaced dash, and no-break hyphens (U+2011) in numbers after
    «№» («№ АЗ‑1128/08»)."""
    for pattern, replacement in _TYPESET_RULES:
        text = pattern.sub(replacement, text)
    return text


def finalize(value):
    """Jinja ``finalize``: every printed value typeset; numbers, None and markup (docxtpl's RichText,
    ``|safe`` output: already XML) as they are."""
    if value is None or isinstance(value, int | float) or hasattr(value, "__html__"):
        return value
    return typeset(str(value))


def count_words(text: str) -> int:
    """Words of ``text`` as a reader counts them: runs of letters or digits, «1.3.1.», «АЗ‑1128/08» and
    «Е.А.» one each; dashes and quotation marks are not words."""
    return sum(1 for token in re.split(r"[\s\u00a0]+", text) if re.search(r"\w", token))


class Declined:
    """One phrase in all six cases, computed on first use: ``.gent``, ``.datv`` … ``str()`` gives
    the nominative. ``forms`` (case tag → text) are corrections that win over the engine."""

    def __init__(self, decline: Callable[[Case], str], forms: dict[str, str] | None = None):
        self._decline = decline
        self._forms: dict[Case, str] = {Case(case): form for case, form in (forms or {}).items()}

    def __getitem__(self, case: str) -> str:
        case = Case(case)
        if case not in self._forms:
            self._forms[case] = self._decline(case)
        return self._forms[case]

    def __getattr__(self, case: str) -> str:
        try:
            return self[case]
        except ValueError:
            raise AttributeError(case) from None

    def __str__(self) -> str:
        return self[Case.NOMINATIVE]


def in_running_text(position: str) -> str:
    """A job title as running text writes it: «Директор», «И.о. директора» → «директор», «и.о.
    директора»; an abbreviation («ВрИО», «МБОУ») keeps its capitals."""
    first = position.split(" ", 1)[0]
    letters = [c for c in first[1:] if c.isalpha()]
    if first[:1].isupper() and all(c.islower() for c in letters):
        return position[:1].lower() + position[1:]
    return position


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class PersonView:
    """A person for templates: ``name`` (full), ``short`` («Фамилия И.О.»), ``signature``
    («И.О. Фамилия», nominative), ``position`` (as running text writes it), ``titled`` (position and
    full name), ``gender``, ``is_head`` (the person signs the order), ``consent`` (True, a date or None)
    and ``cell`` («Фамилия Имя Отчество, должность (согласие от 10.01.2024)», for tables)."""

    def __init__(self, person: Person, is_head: bool = False):
        self.person_id = person.person_id
        self.gender = person.name.gender
        self.is_head = is_head
        self.consent = person.consent
        self.name = Declined(person.name.full, person.forms)
        self.short = Declined(lambda case: self._short(person, case))
        self.signature = person.name.signature()
        position = in_running_text(person.position)
        self.position = Declined(lambda case: decline_position(position, case), person.position_forms)
        self.titled = Declined(lambda case: f"{self.position[case]} {self.name[case]}")
        note = consent_note(person.consent)
        self.cell = f"{self.name}, {self.position}" + (f" ({note})" if note else "")

    def _short(self, person: Person, case: Case) -> str:
        """«Смирновой Е.А.»; a corrected full name corrects the surname here too."""
        corrected = person.forms.get(case.value)
        if corrected is None or not person.name.last:
            return person.name.short(case)
        words = corrected.split()
        surname = words[-1] if person.name.first_name_first else words[0]
        return NBSP.join(filter(None, [surname, person.name.initials]))

    def agree(self, masculine: str, feminine: str) -> str:
        """The word that agrees with the person's gender: ``agree("ознакомлен", "ознакомлена")``."""
        return feminine if self.gender == "f" else masculine


def consent_note(consent: bool | dt.date | None) -> str:
    """«согласие от 10.01.2024», «согласие получено», or "" when the contract says nothing."""
    if isinstance(consent, dt.date):
        return f"согласие от {dates.numeric(consent)}"
    return "согласие получено" if consent else ""


def _typed_name(person: Person) -> str:
    """The name as typed, spacing, case and е/ё aside."""
    return " ".join(person.full_name.replace(NBSP, " ").lower().replace("ё", "е").split())


def same_person(a: Person | None, b: Person | None) -> bool:
    """Do ``a`` and ``b`` name one person (the head as curator, as mentor …)? Registry ids decide when
    both have one; otherwise the names as typed."""
    if a is None or b is None:
        return False
    if a.person_id is not None and b.person_id is not None:
        return a.person_id == b.person_id
    return _typed_name(a) == _typed_name(b)


def and_join(items) -> str:
    """«А», «А и Б», «А, Б и В»: a Russian enumeration (Jinja filter ``and_join``)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} и {items[-1]}"


def _closed(text: str, last: bool) -> str:
    """``text`` ending an enumeration (a full stop, not doubled after «2024 г.» or «А.А.») or one of
    its members (a semicolon)."""
    if not last:
        return f"{text};"
    return text if text.endswith(".") else f"{text}."


def _numbered(count: int, one: str, many: str) -> str:
    """The singular for one person or thing, else the plural: the text never says «программы» of one."""
    return one if count == 1 else many


def _mentee_word(people: list[PersonView], case: Case) -> str:
    """«наставляемую», «наставляемого», «наставляемых» … agreeing with ``people``."""
    if len(people) == 1:
        return agree("наставляемый", people[0].gender, case)
    return agree("наставляемый", None, case, plural=True)


def _mentor_word(count: int, case: Case) -> str:
    forms = {Case.GENITIVE: ("наставника", "наставников"), Case.DATIVE: ("наставнику", "наставникам"),
             Case.INSTRUMENTAL: ("наставником", "наставниками")}
    one, many = forms[case]
    return _numbered(count, one, many)


def _roles(mentors: list[PersonView], mentees: list[PersonView], named: bool = False) -> str:
    """«наставника и наставляемой», «наставников и наставляемых», «наставляемого» … in the genitive;
    ``named``: each role followed by the people's short names («наставника Лебедева С.Н.»)."""
    parts = []
    if mentors:
        names = f" {and_join(m.short.gent for m in mentors)}" if named else ""
        parts.append(f"{_mentor_word(len(mentors), Case.GENITIVE)}{names}")
    if mentees:
        names = f" {and_join(m.short.gent for m in mentees)}" if named else ""
        parts.append(f"{_mentee_word(mentees, Case.GENITIVE)}{names}")
    return " и ".join(parts)


def _unique(views: Iterable[PersonView]) -> list[PersonView]:
    seen: dict[str, PersonView] = {}
    for view in views:
        seen.setdefault(str(view.name), view)
    return list(seen.values())


def _named(sentence: Callable[[bool], str]) -> str:
    """``sentence(True)`` — the people named — while it keeps within :data:`MAX_WORDS`; else
    ``sentence(False)``, which leaves the names to the attachment (a school fixing twenty pairs in one
    order would otherwise print a sentence of eighty words)."""
    named = sentence(True)
    return named if count_words(named) <= MAX_WORDS else sentence(False)


def _listed(people: list[PersonView], case: str, named: bool) -> str:
    """« Черных О.И. и Шевченко А.В.» (a leading space) in ``case``, or "" when the names are left out."""
    return f" {and_join(p.short[case] for p in people)}" if named else ""


class _Order:
    """The parts of one order, computed once: the people in each role and who of them is the head."""

    def __init__(self, request: OrderDocument):
        self.request = request
        org = request.organization
        head = org.head
        self.head = PersonView(head, is_head=True)
        self.curator = PersonView(request.curator, same_person(request.curator, head)) if request.curator else None
        self.head_is_curator = bool(self.curator and self.curator.is_head)
        self.pairs = [self._pair_view(i, pair) for i, pair in enumerate(request.named_pairs(), start=1)]
        self.mentors = _unique(p["mentor"] for p in self.pairs)
        self.mentees = _unique(m for p in self.pairs for m in p["mentees"])
        # The head is told nothing: mentors addressed by items are the others.
        self.working_mentors = [m for m in self.mentors if not m.is_head]
        # Labour Code art. 351.8 governs an employee mentoring another employee, not a student: its addendum
        # and pay concern the mentors of teachers' pairs only.
        self.labour_mentors = _unique(p["mentor"] for p in self.pairs if not p["mentor"].is_head and not p["students"])
        self.teachers = not self.pairs or not all(p["students"] for p in self.pairs)
        self.students = any(p["students"] for p in self.pairs)
        self.org_short = Declined(lambda case: decline_organization(org.short, case), org.short_case_forms)

    def _pair_view(self, index: int, pair: Pair) -> dict:
        head = self.request.organization.head
        mentor = PersonView(pair.mentor, same_person(pair.mentor, head))
        mentees = [PersonView(m, same_person(m, head)) for m in pair.mentees]
        return {
            "index": index,
            "mentor": mentor,
            "mentees": mentees,
            "is_group": len(pair.mentees) > 1,
            "form": pair.form,
            "students": is_student_form(pair.form),
            "start": dates.numeric(pair.start_date),
            "end": dates.numeric(pair.end_date),
            "start_iso": pair.start_date.isoformat(),
            "end_iso": pair.end_date.isoformat(),
            "period": dates.period(pair.start_date, pair.end_date),
            "pair_id": pair.pair_id,
        }

    @property
    def loct(self) -> str:
        return self.org_short.loct

    # -- the preamble -------------------------------------------------------------------------------

    def preamble(self, template_id: str) -> list[str]:
        """The preamble's paragraphs: the acts in force on the order's date that ``template_id`` cites
        (``legal_acts.json``), the regional act, the organisation's Положение, the purpose. One paragraph
        «В соответствии с …, в целях …» while it keeps within :data:`MAX_WORDS`; otherwise «В соответствии
        с:», one act a line, then the purpose."""
        teachers, students = self.teachers, self.students
        acts = cited_acts(template_id, self.request.date, teachers=teachers, students=students)
        citations = [act.citation() for act in acts]
        org = self.request.organization
        if org.regional_act:
            citations.append(decline_phrase(org.regional_act, Case.INSTRUMENTAL))
        # Students alone are mentored under the organisation's Положение о наставничестве (the target model
        # of Р-145), teachers under its Положение о системе наставничества педагогических работников.
        regulation = (f"Положением о системе наставничества педагогических работников {self.org_short.gent}"
                      if teachers else f"Положением о наставничестве {self.org_short.gent}")
        if org.regulation:
            regulation += f", утверждённым приказом от {dates.numeric(org.regulation.date)} № {org.regulation.number}"
        citations.append(regulation)
        purpose = self._purpose(template_id, teachers, students)
        # «со статьёй», «с Федеральным законом»: the preposition takes «о» before с, з, ш, ж, щ and a consonant.
        opening = "В соответствии " + ("со" if re.match(r"[сзшжщ][^аеёиоуыэюя]", citations[0]) else "с")
        single = f"{opening} {', '.join(citations)}, {purpose}"
        if count_words(single) <= MAX_WORDS:
            return [single]
        return [f"{opening}:"] + [f"– {c};" for c in citations[:-1]] + [f"– {citations[-1]},", purpose]

    def _purpose(self, template_id: str, teachers: bool, students: bool) -> str:
        if template_id == "curator-order":
            return f"в целях организации работы системы наставничества педагогических работников в {self.loct}"
        aims = []
        if teachers:
            aims.append(f"профессионального развития педагогических работников и их адаптации в {self.loct}")
        if students:
            aims.append("раскрытия личностного и профессионального потенциала обучающихся")
        return "в целях " + ", а также ".join(aims)

    # -- the curator order ----------------------------------------------------------------------------

    def effective_date(self) -> str:
        """«с 15 января 2024 г.»: the day the curator takes up the duties (the order's day by default)."""
        return f"с {dates.in_words(self.request.effective_date or self.request.date)}"

    # -- the pairs order ------------------------------------------------------------------------------

    def assignment(self) -> list[str]:
        """Item 1 of the pairs order, one string a paragraph: «Закрепить …» with a sub-item per pair and,
        for a group, a sub-sub-item per mentee in the accusative, so that no sentence runs long."""
        terms = "форма наставничества — «{form}»; срок наставничества — {period}"
        if len(self.pairs) == 1:
            pair = self.pairs[0]
            if not pair["is_group"]:
                return [_closed(f"1. Закрепить {pair['mentees'][0].titled.accs} за наставником — "
                                f"{pair['mentor'].titled.ablt}; {terms.format(**pair)}", last=True)]
            lines = [f"1. Закрепить наставляемых за наставником — {pair['mentor'].titled.ablt} "
                     f"(наставническая группа; {terms.format(**pair)}):"]
            return lines + self._group_lines("1.", pair, last=True)
        lines = [f"1. Закрепить наставляемых за {_mentor_word(len(self.mentors), Case.INSTRUMENTAL)}:"]
        for pair in self.pairs:
            last = pair is self.pairs[-1]
            number = f"1.{pair['index']}."
            if pair["is_group"]:
                lines.append(f"{number} за наставником — {pair['mentor'].titled.ablt} "
                             f"(наставническая группа; {terms.format(**pair)}):")
                lines += self._group_lines(number, pair, last)
            else:
                lines.append(_closed(f"{number} {pair['mentees'][0].titled.accs} за наставником — "
                                     f"{pair['mentor'].titled.ablt}; {terms.format(**pair)}", last))
        return lines

    @staticmethod
    def _group_lines(number: str, pair: dict, last: bool) -> list[str]:
        mentees = pair["mentees"]
        return [_closed(f"{number}{j}. {m.titled.accs}", last and j == len(mentees))
                for j, m in enumerate(mentees, start=1)]

    def units(self, case: Case) -> str:
        """«наставнической пары», «наставнических групп», «наставнических пар и групп» … in ``case``
        (genitive or nominative)."""
        groups = sum(p["is_group"] for p in self.pairs)
        singles = len(self.pairs) - groups
        gent = case is Case.GENITIVE
        if groups and singles:
            if groups == singles == 1:
                # One adjective for two nouns in the singular stays singular when it plainly applies to both
                # (Розенталь, «Справочник по правописанию и литературной правке», § 187): «наставнической пары
                # и группы», not «наставнических пары и группы».
                return "наставнической пары и группы" if gent else "наставническая пара и группа"
            return "наставнических пар и групп" if gent else "наставнические пары и группы"
        noun = "групп" if groups else "пар"
        if len(self.pairs) == 1:
            return f"наставнической {noun}ы" if gent else f"наставническая {noun}а"
        return f"наставнических {noun}" if gent else f"наставнические {noun}ы"

    def attachment_title(self) -> str:
        """«Список наставнических пар и групп», or «Состав наставнической пары» for one."""
        return f"{'Состав' if len(self.pairs) == 1 else 'Список'} {self.units(Case.GENITIVE)}"

    def consent(self) -> str:
        """The consent item: written consents of mentors and mentees (Labour Code art. 351.8 for the
        mentor; the methodological recommendations of письмо № АЗ-1128/08 for both), noted per person in
        the attachment; mentoring starts only when the missing ones are given. The head is not named:
        the head's consent is not collected by the head's own order."""
        mentors = [m for m in self.mentors if not m.is_head]
        mentees = [m for m in self.mentees if not m.is_head]
        people = mentors + mentees
        missing = [p for p in people if not p.consent]
        if not missing:
            return (f"{_numbered(len(people), 'Письменное согласие', 'Письменные согласия')} "
                    f"{_roles(mentors, mentees)} на участие в наставничестве "
                    f"{_numbered(len(people), 'получено', 'получены')} (приложение № 1).")
        if len(missing) == len(people):
            return f"Наставничество начинается после получения письменного согласия {_roles(mentors, mentees)}."
        missing_mentors = [m for m in missing if m in mentors]
        missing_mentees = [m for m in missing if m in mentees]
        return _named(lambda named: (
            f"Наставничество начинается после получения письменного согласия "
            f"{_roles(missing_mentors, missing_mentees, named=True)}; полученные согласия отмечены в приложении № 1."
            if named else
            f"Наставничество начинается после получения письменного согласия "
            f"{_roles(missing_mentors, missing_mentees)}, чьё согласие не отмечено в приложении № 1."))

    def programme(self) -> str:
        """The programme item: the mentors (the head aside) with their mentees draw up a personalised
        programme per mentee, approved by the head (model Положение of письмо № АЗ-1128/08: the
        programme is approved by the head of the organisation)."""
        programmes = len(self.mentees)
        what = _numbered(programmes, "персонализированную программу наставничества",
                         "персонализированные программы наставничества")
        it = _numbered(programmes, "её", "их")

        def sentence(named: bool) -> str:
            if len(self.mentors) == 1 and self.mentors[0].is_head:
                # The head mentors: the mentees are addressed, the head named beside them.
                who = (f"{capitalised(_mentee_word(self.mentees, Case.DATIVE))}"
                       f"{_listed(self.mentees, 'datv', named)} совместно с наставником "
                       f"{self.mentors[0].short.ablt}")
            elif len(self.mentors) == 1:
                who = (f"Наставнику {self.mentors[0].short.datv} совместно с "
                       f"{_mentee_word(self.mentees, Case.INSTRUMENTAL)}{_listed(self.mentees, 'ablt', named)}")
            elif any(m.is_head for m in self.mentors):
                who = "Наставникам совместно с наставляемыми"
            else:
                who = f"Наставникам{_listed(self.mentors, 'datv', named)} совместно с наставляемыми"
            return (f"{who} разработать {what} и утвердить {it} у {self.head.position.gent} в течение десяти "
                    "рабочих дней со дня издания настоящего приказа.")

        return _named(sentence)

    def addendum(self) -> str:
        """The addendum item (Labour Code art. 351.8: the content, term and form of mentoring go into the
        labour contract or an addendum to it), for the mentors of teachers; "" when there are none but
        the head (the head's labour contract is concluded with the founder, not by this order)."""
        mentors = self.labour_mentors
        if not mentors:
            return ""
        agreements = _numbered(len(mentors), "дополнительное соглашение к трудовому договору",
                               "дополнительные соглашения к трудовым договорам")
        return _named(lambda named: (
            f"Заключить с {_mentor_word(len(mentors), Case.INSTRUMENTAL)}{_listed(mentors, 'ablt', named)} "
            f"{agreements} о содержании, сроках и форме выполнения работы по наставничеству."))

    def incentive(self) -> str:
        """The pay item (Labour Code art. 351.8: mentoring is paid; in a municipal school by its pay
        regulation), for the mentors of teachers; "" when there are none but the head."""
        mentors = self.labour_mentors
        if not mentors:
            return ""
        return _named(lambda named: (
            f"Установить {_mentor_word(len(mentors), Case.DATIVE)}{_listed(mentors, 'datv', named)} "
            f"на срок наставничества {_numbered(len(mentors), 'выплату', 'выплаты')} за наставничество "
            f"в соответствии с Положением об оплате труда работников {self.org_short.gent}."))

    def support(self) -> str:
        """The curator's item; "" when the head is the curator (the head does not instruct the head)."""
        if self.head_is_curator:
            return ""
        programmes = _numbered(len(self.mentees), "программы", "программ")
        return (f"Куратору {self.curator.short.datv} обеспечить организационно-методическое сопровождение работы "
                f"{self.units(Case.GENITIVE)} и мониторинг реализации {programmes} наставничества.")

    def reporting(self) -> str:
        """The reporting schedule: mentors report quarterly and at the end of the term to the curator
        (or to the head when the head is the curator); the curator sums up the monitoring for the head."""
        sentences = []
        mentors = self.working_mentors
        if mentors:
            mentees = _unique(m for p in self.pairs if not p["mentor"].is_head for m in p["mentees"])
            many = len(mentees) > 1
            to = self.head.position.datv if self.head_is_curator else f"куратору {self.curator.short.datv}"
            sentences.append(_named(lambda named: (
                f"{capitalised(_mentor_word(len(mentors), Case.DATIVE))}{_listed(mentors, 'datv', named)} "
                f"представлять {to} {'отчёты' if many else 'отчёт'} о реализации "
                f"{'персонализированных программ' if many else 'персонализированной программы'} наставничества "
                f"ежеквартально, {'итоговые отчёты' if many else 'итоговый отчёт'} — в течение пяти рабочих дней "
                "после окончания срока наставничества.")))
        if not self.head_is_curator:
            sentences.append(f"Куратору {self.curator.short.datv} по окончании срока наставничества представить "
                             f"{self.head.position.datv} аналитическую справку о результатах мониторинга.")
        return " ".join(sentences)

    def control(self) -> str:
        """«Контроль … оставляю за собой» when the head is the curator, else laid on the curator."""
        if self.head_is_curator:
            return "Контроль за исполнением приказа оставляю за собой."
        return f"Контроль за исполнением приказа возложить на {self.curator.titled.accs}."

    def pairs_items(self, options: Options) -> dict[str, int]:
        """The numbers of the pairs order's items after item 1, counting only those printed."""
        shown = {
            "consent": options.consent_item,
            "programme": True,
            "addendum": options.addendum_item and bool(self.addendum()),
            "incentive": options.incentive_item and bool(self.incentive()),
            "support": bool(self.support()),
            "reporting": options.reporting_item and bool(self.reporting()),
            "attachment": True,
            "control": True,
        }
        keys = [key for key, on in shown.items() if on]
        return {key: number for number, key in enumerate(keys, start=2)}

    # -- everyone -------------------------------------------------------------------------------------

    def acquainted(self) -> list[PersonView]:
        """Everyone named in the order except the head who signs it, in order of first mention."""
        views = [self.curator] + [p for pair in self.pairs for p in [pair["mentor"], *pair["mentees"]]]
        return _unique(v for v in views if v is not None and not v.is_head)


def acquainted(people: list[PersonView]) -> str:
    """«С приказом ознакомлен», «… ознакомлена», «… ознакомлены» (or "" with nobody to acquaint)."""
    if not people:
        return ""
    word = agree("ознакомлен", None, plural=True) if len(people) > 1 else people[0].agree("ознакомлен",
                                                                                          "ознакомлена")
    return f"С приказом {word}"


def order_context(order: _Order, request: OrderDocument) -> dict:
    """The keys every order shares: ``org``, ``head``, ``head_title``, ``head_is_curator``, ``order``
    (number, date, date in words, ISO), ``curator``, ``people`` (everyone named but the head) and
    ``acquainted`` («С приказом ознакомлена» in number and gender)."""
    org = request.organization
    people = order.acquainted()
    return {
        "org": {
            "full_name": org.full_name,
            "short_name": org.short,
            "locality": org.locality,
            "founder": org.founder or "",
            "name": Declined(lambda case: decline_organization(org.full_name, case), org.forms),
            "short": order.org_short,
        },
        "head": order.head,
        "head_title": capitalised(org.head.position),
        "head_is_curator": order.head_is_curator,
        "order": {
            "number": request.number,
            "date": dates.numeric(request.date),
            "date_words": dates.in_words(request.date),
            "iso": request.date.isoformat(),
        },
        "curator": order.curator,
        "people": people,
        "acquainted": acquainted(people),
    }


def build_context(request: OrderDocument, template_id: str | None = None) -> dict:
    """The template context of an order: ``org``, ``head``, ``head_title`` (the head's position as
    typed, capitalised: «Директор», «И.о. директора»), ``order``, ``curator``, ``pairs``, ``mentors``
    (each once), ``people`` (everyone to acquaint with the order: the head aside), ``acquainted``
    («С приказом ознакомлена» in number and gender), ``head_is_curator`` (the curator order then has
    the head take the duties on), ``preamble`` (paragraphs), and for the pairs order ``assignment``
    (the paragraphs of item 1), ``n`` (the numbers of the items printed, by name) and the texts
    ``consent``, ``programme``, ``addendum``, ``incentive``, ``support``, ``reporting``, ``control``,
    ``units_gent`` («наставнических пар и групп»), ``attachment_title``, ``mentee_header``.

    ``template_id`` picks the acts of the preamble; None: the pairs order when the request names
    pairs, else the curator order.
    """
    order = _Order(request)
    template_id = template_id or ("pairs-order" if request.named_pairs() else "curator-order")
    options = request.resolved_options()
    context = order_context(order, request)
    context["order"]["effective"] = order.effective_date()
    context |= {"pairs": order.pairs, "mentors": order.mentors, "preamble": order.preamble(template_id)}
    if order.pairs:
        context |= {
            "assignment": order.assignment(),
            "n": order.pairs_items(options),
            "consent": order.consent(),
            "programme": order.programme(),
            "addendum": order.addendum(),
            "incentive": order.incentive(),
            "support": order.support(),
            "reporting": order.reporting(),
            "control": order.control(),
            "units_gent": order.units(Case.GENITIVE),
            "attachment_title": order.attachment_title(),
            "mentee_header": "Наставляемые" if any(p["is_group"] for p in order.pairs) else "Наставляемый",
        }
    return context

