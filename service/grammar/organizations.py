"""Organisation names in the six cases: «в Муниципальном бюджетном общеобразовательном учреждении
«Средняя школа № 24»», «в МБОУ Палагайской СОШ».

The generic part declines by its head group (:mod:`service.grammar.phrases`); a quoted proper name,
abbreviations and numbers stay as typed; an adjectival proper name next to an abbreviation agrees with
the word the abbreviation stands for (DOMAIN.md §4). The table below gives those words' genders for the
abbreviations of Russian education (Федеральный закон 273-ФЗ names the types of organisation).
"""

from service.grammar.cases import Case
from service.grammar.phrases import decline_phrase

#: Abbreviation (or its ending) → gender of the noun it stands for.
ABBREVIATION_GENDERS: dict[str, str] = {
    "ОУ": "neut",  # (образовательное) учреждение: МБОУ, МАОУ, МКОУ, ГБОУ, МБДОУ, ДОУ, ЧОУ
    "ОО": "femn",  # образовательная организация
    "ОШ": "femn",  # школа: СОШ, ООШ, НОШ
    "СШ": "femn",  # средняя (спортивная) школа
    "ДС": "masc",  # детский сад
    "Д/С": "masc",
    "ЦРР": "masc",  # центр развития ребёнка
    "ЦДО": "masc",  # центр дополнительного образования
    "ДДТ": "masc",  # дом детского творчества
    "ЦДТ": "masc",
    "ДЮСШ": "femn",
    "ООО": "neut",  # общество с ограниченной ответственностью
    "АО": "neut",
    "ПАО": "neut",
    "ИП": "masc",
    "УО": "neut",  # управление образования
    "ОТДЕЛ": "masc",
}


def decline_organization(name: str, case: Case) -> str:
    """Decline an organisation name given in the nominative into ``case``.

    >>> decline_organization("МБОУ Палагайская СОШ", Case.PREPOSITIONAL)
    'МБОУ Палагайской СОШ'
    """
    return decline_phrase(name.strip(), case, ABBREVIATION_GENDERS)
