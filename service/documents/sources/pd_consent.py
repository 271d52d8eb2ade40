"""The consent to personal data processing from the registry (catalogue ``source`` "person": ``choice`` is
the person's id).

``options`` (all optional): ``purpose`` — "processing" (default; 152-ФЗ art. 9) or "publication" (the
dissemination on the organisation's website; art. 10.1); ``date`` (ISO; absent — a blank for a hand);
``operator_address``, ``operator_inn``, ``operator_ogrn``, ``website``; ``address`` and ``document``
({kind, series, number, issued_on, issued_by}) of the person. The registry keeps neither addresses nor
passports: the consent prints blank lines for the person to fill in. The person's telephone and e-mail
are the contacts of the consent to publication.
"""

from sqlite_utils import Database

from registry.people import get_person
from service.documents.registry_data import _person
from service.documents.sources.programme import organization_data

OPTIONAL = ("operator_address", "operator_inn", "operator_ogrn", "website", "date")


def build(db: Database, organization_id: int, choice: int | None, options: dict) -> dict:
    """The contract dict of :class:`service.documents.contracts.pd_consent.PdConsent`; missing pieces are
    left out so that the contract names them."""
    options = options or {}
    data: dict = {"organization": organization_data(db, organization_id),
                  "purpose": options.get("purpose") or "processing"}
    person = get_person(db, choice, organization_id) if choice else None
    if person is not None:
        subject = _person(db, person)
        contacts = ", ".join(filter(None, (person.get("phone"), person.get("email"))))
        if contacts:
            subject["contacts"] = contacts
        for key in ("address", "document"):
            if options.get(key):
                subject[key] = options[key]
        data["person"] = subject
    for key in OPTIONAL:
        if options.get(key):
            data[key] = options[key]
    return data
