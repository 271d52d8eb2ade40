"""Write ``service/grammar/first_names.json``: the first names whose forms in the OpenCorpora dictionary
(pymorphy3-dicts-ru) differ from what the petrovich rules give.

    python tools/build_first_names.py        # about 80 s: it walks all 5 million dictionary words

The engine looks first names up in this table instead of asking pymorphy3 at run time, which keeps a
whole name × case at a few microseconds. Names petrovich lists as exceptions (Алия, Шота) keep
petrovich's forms: its exception lists are curated for exactly those names.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytrovich.enums import NamePart  # noqa: E402

from service.grammar import name_parts  # noqa: E402
from service.grammar.cases import Case  # noqa: E402
from service.grammar.morph import morph  # noqa: E402

OBLIQUE = [c for c in Case if c is not Case.NOMINATIVE]
GENDERS = {"masc": ("m",), "femn": ("f",), "ms-f": ("m", "f")}


def dictionary_forms(parse) -> dict[str, str]:
    if "Fixd" in parse.tag:
        return {c.value: parse.word for c in OBLIQUE}
    forms = {}
    for form in parse.lexeme:  # the first variant of a case wins, as pymorphy3's inflect() does
        if form.tag.number == "sing" and form.tag.case in {c.value for c in OBLIQUE}:
            forms.setdefault(form.tag.case, form.word)
    return forms


def main() -> None:
    table: dict[str, dict[str, dict[str, str]]] = {"m": {}, "f": {}}
    for parse in morph().iter_known_word_parses(""):
        tag = parse.tag
        if not ("Name" in tag and tag.case == "nomn" and tag.number == "sing" and parse.word == parse.normal_form):
            continue
        for gender in next((v for k, v in GENDERS.items() if k in tag), ()):
            word = parse.word
            if word in table[gender] or name_parts.is_first_name_exception(word, gender):
                continue
            wanted = dictionary_forms(parse)
            rules = {c.value: name_parts.rule_form(word, NamePart.FIRSTNAME, gender, c) for c in OBLIQUE}
            if any(wanted.get(case, rules[case]).replace("ё", "е") != rules[case].replace("ё", "е")
                   for case in rules):
                table[gender][word] = {case: wanted.get(case, rules[case]) for case in rules}
    out = Path(name_parts.__file__).with_name("first_names.json")
    out.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"{out}: {len(table['m'])} male, {len(table['f'])} female names")


if __name__ == "__main__":
    main()
