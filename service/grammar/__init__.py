"""Russian grammar for documents: cases of personal names, job titles and organisation names,
gender detection, agreement words and dates. No Flask here: the CLI, the web layer and the
document assembly all call these functions."""

from service.grammar.cases import CASES, Case, parse_case
from service.grammar.gender import GenderUnknown, detect_gender
from service.grammar.name_parts import disputed_forms
from service.grammar.names import PersonName, decline_name
from service.grammar.organizations import decline_organization
from service.grammar.positions import decline_position

__all__ = [
    "CASES",
    "Case",
    "GenderUnknown",
    "PersonName",
    "decline_name",
    "decline_organization",
    "decline_position",
    "detect_gender",
    "disputed_forms",
    "parse_case",
]
