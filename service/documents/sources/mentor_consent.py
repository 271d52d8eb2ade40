"""The mentor's consent to mentoring, or the addendum to the mentor's labour contract, from the registry
(catalogue ``source`` "pair": ``choice`` is the pair's id, whose mentor consents to mentor its mentees).

``options`` (all optional; the web form's fields are flat):

- ``variant``: "consent" (default) or "addendum";
- ``contract``: {number, date} of the mentor's labour contract, or flat ``contract_number`` and
  ``contract_date`` (ISO) — required for the addendum (the registry does not keep labour contracts);
- ``number``: the addendum's number; ``date`` (ISO): the day of signing (absent: a blank for a hand);
- ``authority``: what the head acts under, in the genitive (default «устава»);
- ``content``: the content of the mentoring work; default — the help the mentee(s) get, agreeing in
  number and gender, by the personalised programme;
- ``pay``: the pay; default — «в размере и порядке, установленных Положением об оплате труда работников
  <организации в родительном падеже>».
"""

from sqlite_utils import Database

from service.documents.sources.programme import organization_data, pair_data
from service.grammar.agreement import agree
from service.grammar.cases import Case
from service.grammar.organizations import decline_organization

VARIANTS = ("consent", "addendum")


def default_content(mentees: list[dict]) -> str:
    """«Оказание наставляемой помощи …»: the content of the work when the form gives none."""
    if len(mentees) == 1:
        word = agree("наставляемый", mentees[0].get("gender") or _gender(mentees[0]), Case.DATIVE)
    else:
        word = agree("наставляемый", None, Case.DATIVE, plural=True)
    return (f"Оказание {word} помощи в овладении навыками работы по должности и в профессиональной адаптации: "
            "совместная разработка и реализация персонализированной программы наставничества, посещение и анализ "
            "занятий, консультирование, представление куратору отчётов о реализации программы.")


def _gender(person: dict) -> str | None:
    from service.grammar.names import PersonName

    try:
        return PersonName.parse(person["full_name"]).gender
    except ValueError:
        return None


def default_pay(organization: dict) -> str:
    """The pay as a municipal school sets it: by its regulation on pay."""
    forms = organization.get("short_forms") if organization.get("short_name") else organization.get("forms")
    name = organization.get("short_name") or organization.get("full_name") or ""
    gent = (forms or {}).get("gent") or decline_organization(name, Case.GENITIVE)
    return f"в размере и порядке, установленных Положением об оплате труда работников {gent}"


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.mentor_consent.MentorConsent`; missing pieces
    are left out so that the contract names them."""
    options = options or {}
    organization = organization_data(db, organization_id)
    data: dict = {"organization": organization}
    variant = options.get("variant") or "consent"
    data["variant"] = variant
    pair = pair_data(db, organization_id, choice)
    if pair is not None:
        data |= {"mentor": pair["mentor"], "mentees": pair["mentees"], "form": pair["form"],
                 "start_date": pair["start_date"], "end_date": pair["end_date"],
                 "content": options.get("content") or default_content(pair["mentees"])}
    data["pay"] = options.get("pay") or default_pay(organization)
    contract = options.get("contract")
    if not contract and (options.get("contract_number") or options.get("contract_date")):
        contract = {"number": options.get("contract_number") or "", "date": options.get("contract_date") or ""}
    if contract:
        data["contract"] = contract
    for key in ("number", "authority", "date"):
        if options.get(key):
            data[key] = options[key]
    return data
