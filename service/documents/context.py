"""What a template sees: people, positions and the organisation with every case at hand.

In a template, ``{{ curator.titled.accs }}`` is the curator's position and full name in the
accusative, ``{{ curator.short.datv }}`` is «Смирновой Е.А.», ``{{ head.signature }}`` is
«А.А. Ведерников», ``{{ org.short.loct }}`` is «МБОУ Палагайской СОШ». Case attributes are the
OpenCorpora tags ``nomn gent datv accs ablt loct``; a bare ``{{ x.name }}`` is the nominative.
"""

from collections.abc import Callable

from service.documents.contract import OrderRequest, Pair, Person
from service.grammar import dates
from service.grammar.cases import Case
from service.grammar.names import NBSP
from service.grammar.organizations import decline_organization
from service.grammar.positions import decline_position


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


class PersonView:
    """A person for templates: ``name`` (full), ``short`` («Фамилия И.О.»), ``signature``
    («И.О. Фамилия», nominative), ``position``, ``titled`` (position and full name), ``gender``."""

    def __init__(self, person: Person):
        self.person_id = person.person_id
        self.gender = person.name.gender
        self.name = Declined(person.name.full, person.forms)
        self.short = Declined(lambda case: self._short(person, case))
        self.signature = person.name.signature()
        self.position = Declined(lambda case: decline_position(person.position, case), person.position_forms)
        self.titled = Declined(lambda case: f"{self.position[case]} {self.name[case]}")

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


def _pair_view(index: int, pair: Pair) -> dict:
    return {
        "index": index,
        "mentor": PersonView(pair.mentor),
        "mentees": [PersonView(m) for m in pair.mentees],
        "is_group": len(pair.mentees) > 1,
        "form": pair.form,
        "start": dates.numeric(pair.start_date),
        "end": dates.numeric(pair.end_date),
        "start_iso": pair.start_date.isoformat(),
        "end_iso": pair.end_date.isoformat(),
        "period": dates.period(pair.start_date, pair.end_date),
        "pair_id": pair.pair_id,
    }


def and_join(items) -> str:
    """«А», «А и Б», «А, Б и В»: a Russian enumeration (Jinja filter ``and_join``)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} и {items[-1]}"


def build_context(request: OrderRequest) -> dict:
    """The template context of an order: ``org``, ``head``, ``order``, ``curator``, ``pairs``,
    ``mentors`` (each once), ``people`` (everyone named, for the acquaintance block, in order of first
    mention)."""
    org = request.organization
    pairs = [_pair_view(i, pair) for i, pair in enumerate(request.pairs, start=1)]
    curator = PersonView(request.curator) if request.curator else None
    people: dict[str, PersonView] = {}
    for view in [curator] + [p for pair in pairs for p in [pair["mentor"], *pair["mentees"]]]:
        if view is not None:
            people.setdefault(str(view.name), view)
    head = PersonView(org.head)
    position = org.head.position
    return {
        "org": {
            "full_name": org.full_name,
            "short_name": org.short_name,
            "locality": org.locality,
            "founder": org.founder,
            "name": Declined(lambda case: decline_organization(org.full_name, case), org.forms),
            "short": Declined(lambda case: decline_organization(org.short_name, case), org.short_forms),
        },
        "head": head,
        "head_title": position[:1].upper() + position[1:],
        "order": {
            "number": request.number,
            "date": dates.numeric(request.date),
            "date_words": dates.in_words(request.date),
            "iso": request.date.isoformat(),
        },
        "curator": curator,
        "pairs": pairs,
        "mentors": list({str(p["mentor"].name): p["mentor"] for p in pairs}.values()),
        "people": list(people.values()),
    }
