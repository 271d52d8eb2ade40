"""Declension accuracy and speed on the public gold sets in ../shared/datasets.

    python bench/declension.py [--datasets ../shared/datasets] [--out docs/benchmarks.md]

For every dataset, per name part (or phrase kind) and per oblique case: the share of forms this engine
gets right beside pytrovich alone (petrovich rules) and pymorphy3 alone (dictionary parse filtered by
Surn/Name/Patr and gender; job titles and organisations word by word). Besides the public gold sets, a
small curated set of the constructions real staff lists contain (:data:`STAFF_LISTS`: acting titles, two
posts joined, initials first, double surnames, -ия names, surnames with a fleeting vowel, numbers with
nouns) is measured the same way. Compared case-insensitively with
ё folded to е; petrovich-eval's «0» means indeclinable (the form equals the lemma). Throughput of each
system is measured in the same run with the caches emptied before every pass.
"""

import argparse
import csv
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytrovich.enums import Case as PCase  # noqa: E402
from pytrovich.enums import Gender as PGender  # noqa: E402
from pytrovich.enums import NamePart  # noqa: E402

from bench.report import write_section  # noqa: E402
from service.grammar import gender as gender_module  # noqa: E402
from service.grammar import morph as morph_module  # noqa: E402
from service.grammar import name_parts, names, phrases, positions  # noqa: E402
from service.grammar.agreement import count  # noqa: E402
from service.grammar.cases import Case  # noqa: E402
from service.grammar.morph import morph, petrovich  # noqa: E402
from service.grammar.names import PersonName, decline_part  # noqa: E402
from service.grammar.organizations import decline_organization  # noqa: E402
from service.grammar.positions import decline_position  # noqa: E402

OBLIQUE = (Case.GENITIVE, Case.DATIVE, Case.ACCUSATIVE, Case.INSTRUMENTAL, Case.PREPOSITIONAL)
RU_CASE = {"рд": Case.GENITIVE, "дт": Case.DATIVE, "вн": Case.ACCUSATIVE, "тв": Case.INSTRUMENTAL,
           "пр": Case.PREPOSITIONAL, "им": Case.NOMINATIVE}
P_CASE = dict(zip(OBLIQUE, (PCase.GENITIVE, PCase.DATIVE, PCase.ACCUSATIVE, PCase.INSTRUMENTAL,
                            PCase.PREPOSITIONAL), strict=True))
P_PART = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "middle": NamePart.MIDDLENAME}
P_GENDER = {"m": PGender.MALE, "f": PGender.FEMALE}
MORPH_TAG = {"last": "Surn", "first": "Name", "middle": "Patr"}


@dataclass(frozen=True)
class Item:
    dataset: str
    kind: str  # last, first, middle, full, position, organization, count («2 месяц»)
    gender: str  # m, f or "" for phrases
    lemma: str
    case: Case
    expected: str


def norm(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


# --- loading -------------------------------------------------------------------------------------

def _rgt(folder: Path, file: str, kind: str, gender: str) -> Iterator[Item]:
    for line in (folder / file).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms = [f.strip() for f in line.split(",")]
        if len(forms) != 6:
            continue
        for case, form in zip(OBLIQUE, forms[1:], strict=True):
            yield Item(f"ru-grammar-tools/{file}", kind, gender, forms[0], case, form)


def _petrovich_tsv(path: Path, kind: str) -> Iterator[Item]:
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            gender_tag, _, case_tag = row["grammemes"].split(",")
            case = RU_CASE[case_tag]
            if case is Case.NOMINATIVE:
                continue
            word = row["lemma"] if row["word"] == "0" else row["word"]
            yield Item(f"petrovich-eval/{path.name}", kind, "m" if gender_tag == "мр" else "f", row["lemma"],
                       case, word)


def _people(path: Path) -> Iterator[Item]:
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            gender_tag, _, case_tag = row["grammemes"].split(",")
            gender = "m" if gender_tag == "мр" else "f"
            for kind, lemma, expected in (("last", row["lastname"], row["lastname_expected"]),
                                          ("first", row["firstname"], row["firstname_expected"]),
                                          ("middle", row["midname"], row["middlename_expected"])):
                if lemma:
                    yield Item("petrovich-eval/people.tsv", kind, gender, lemma, RU_CASE[case_tag], expected)


#: Constructions of real staff lists (issue 8), our own forms: (kind, gender, nominative, the oblique
#: forms gent|datv|accs|ablt|loct). Full names carry no gender: the engine reads it from the name.
#: Surnames with a fleeting vowel follow the choices documented in service/grammar/name_parts.py.
STAFF_LISTS = (
    ("position", "", "временно исполняющий обязанности директора",
     "временно исполняющего обязанности директора|временно исполняющему обязанности директора|"
     "временно исполняющего обязанности директора|временно исполняющим обязанности директора|"
     "временно исполняющем обязанности директора"),
    ("position", "", "временно исполняющая обязанности заведующего",
     "временно исполняющей обязанности заведующего|временно исполняющей обязанности заведующего|"
     "временно исполняющую обязанности заведующего|временно исполняющей обязанности заведующего|"
     "временно исполняющей обязанности заведующего"),
    ("position", "", "исполняющая обязанности заведующего",
     "исполняющей обязанности заведующего|исполняющей обязанности заведующего|"
     "исполняющую обязанности заведующего|исполняющей обязанности заведующего|"
     "исполняющей обязанности заведующего"),
    ("position", "", "и.о. директора", "|".join(["и.о. директора"] * 5)),
    ("position", "", "врио директора", "|".join(["врио директора"] * 5)),
    ("position", "", "заместитель начальника управления – начальник отдела общего образования",
     "заместителя начальника управления – начальника отдела общего образования|"
     "заместителю начальника управления – начальнику отдела общего образования|"
     "заместителя начальника управления – начальника отдела общего образования|"
     "заместителем начальника управления – начальником отдела общего образования|"
     "заместителе начальника управления – начальнике отдела общего образования"),
    ("position", "", "учитель физики, информатики",
     "учителя физики, информатики|учителю физики, информатики|учителя физики, информатики|"
     "учителем физики, информатики|учителе физики, информатики"),
    ("position", "", "учитель физики, учитель информатики",
     "учителя физики, учителя информатики|учителю физики, учителю информатики|"
     "учителя физики, учителя информатики|учителем физики, учителем информатики|"
     "учителе физики, учителе информатики"),
    ("position", "", "учитель физики и информатики",
     "учителя физики и информатики|учителю физики и информатики|учителя физики и информатики|"
     "учителем физики и информатики|учителе физики и информатики"),
    ("position", "", "учитель, классный руководитель",
     "учителя, классного руководителя|учителю, классному руководителю|учителя, классного руководителя|"
     "учителем, классным руководителем|учителе, классном руководителе"),
    ("position", "", "старшая вожатая — педагог-организатор",
     "старшей вожатой — педагога-организатора|старшей вожатой — педагогу-организатору|"
     "старшую вожатую — педагога-организатора|старшей вожатой — педагогом-организатором|"
     "старшей вожатой — педагоге-организаторе"),
    ("full", "", "А.А. Ведерников",
     "А.А. Ведерникова|А.А. Ведерникову|А.А. Ведерникова|А.А. Ведерниковым|А.А. Ведерникове"),
    ("full", "", "Е. А. Смирнова", "Е.А. Смирновой|Е.А. Смирновой|Е.А. Смирнову|Е.А. Смирновой|Е.А. Смирновой"),
    ("full", "", "Т.В.Бабинцева",
     "Т.В. Бабинцевой|Т.В. Бабинцевой|Т.В. Бабинцеву|Т.В. Бабинцевой|Т.В. Бабинцевой"),
    ("full", "", "Иванова А.А", "Ивановой А.А.|Ивановой А.А.|Иванову А.А.|Ивановой А.А.|Ивановой А.А."),
    ("full", "", "Новикова-Прибой А.С.",
     "Новиковой-Прибой А.С.|Новиковой-Прибой А.С.|Новикову-Прибой А.С.|Новиковой-Прибой А.С.|"
     "Новиковой-Прибой А.С."),
    ("full", "", "Иванова-Шевчук И.П.",
     "Ивановой-Шевчук И.П.|Ивановой-Шевчук И.П.|Иванову-Шевчук И.П.|Ивановой-Шевчук И.П.|Ивановой-Шевчук И.П."),
    ("full", "", "Мамин-Сибиряк Д.Н.",
     "Мамина-Сибиряка Д.Н.|Мамину-Сибиряку Д.Н.|Мамина-Сибиряка Д.Н.|Маминым-Сибиряком Д.Н.|"
     "Мамине-Сибиряке Д.Н."),
    ("full", "", "Петрова Наталия Ивановна",
     "Петровой Наталии Ивановны|Петровой Наталии Ивановне|Петрову Наталию Ивановну|"
     "Петровой Наталией Ивановной|Петровой Наталии Ивановне"),
    ("full", "", "Шевчук Лидия Павловна",
     "Шевчук Лидии Павловны|Шевчук Лидии Павловне|Шевчук Лидию Павловну|Шевчук Лидией Павловной|"
     "Шевчук Лидии Павловне"),
    ("full", "", "Мария Кузнецова",
     "Марии Кузнецовой|Марии Кузнецовой|Марию Кузнецову|Марией Кузнецовой|Марии Кузнецовой"),
    ("last", "m", "Заяц", "Заяца|Заяцу|Заяца|Заяцем|Заяце"),
    ("last", "m", "Лев", "Льва|Льву|Льва|Львом|Льве"),
    ("last", "m", "Соловей", "Соловея|Соловею|Соловея|Соловеем|Соловее"),
    ("last", "m", "Орёл", "Орёла|Орёлу|Орёла|Орёлом|Орёле"),
    ("last", "m", "Дятел", "Дятела|Дятелу|Дятела|Дятелом|Дятеле"),
    ("last", "m", "Козел", "Козела|Козелу|Козела|Козелом|Козеле"),
    ("last", "m", "Жнец", "Жнеца|Жнецу|Жнеца|Жнецем|Жнеце"),
    ("last", "m", "Кравец", "Кравца|Кравцу|Кравца|Кравцом|Кравце"),
    ("last", "m", "Кот", "Кота|Коту|Кота|Котом|Коте"),
    ("last", "f", "Заяц", "Заяц|Заяц|Заяц|Заяц|Заяц"),
    ("count", "", "2 месяц", "двух месяцев|двум месяцам|два месяца|двумя месяцами|двух месяцах"),
    ("count", "", "5 год", "пяти лет|пяти годам|пять лет|пятью годами|пяти годах"),
    ("count", "", "1 неделя", "одной недели|одной неделе|одну неделю|одной неделей|одной неделе"),
    ("count", "", "21 день", "двадцати одного дня|двадцати одному дню|двадцать один день|двадцатью одним днем|"
     "двадцати одном дне"),
    ("count", "", "3 рабочий день",
     "трех рабочих дней|трем рабочим дням|три рабочих дня|тремя рабочими днями|трех рабочих днях"),
    ("count", "", "2 наставляемый",
     "двух наставляемых|двум наставляемым|двух наставляемых|двумя наставляемыми|двух наставляемых"),
)


def _staff_lists() -> Iterator[Item]:
    for kind, gender, lemma, forms in STAFF_LISTS:
        for case, form in zip(OBLIQUE, forms.split("|"), strict=True):
            yield Item("curated/staff-lists", kind, gender, lemma, case, form)


def load(root: Path) -> list[Item]:
    rgt, pe = root / "ru-grammar-tools", root / "petrovich-eval"
    items: list[Item] = []
    for file, kind, gender in (("last_names_male.txt", "last", "m"), ("last_names_female.txt", "last", "f"),
                               ("first_names_male.txt", "first", "m"), ("first_names_female.txt", "first", "f"),
                               ("patronymic_names_male.txt", "middle", "m"),
                               ("patronymic_names_female.txt", "middle", "f"),
                               ("full_names.txt", "full", ""), ("professions.txt", "position", ""),
                               ("organizations.txt", "organization", "")):
        items += _rgt(rgt, file, kind, gender)
    for file, kind in (("surnames.misc.tsv", "last"), ("firstnames.misc.tsv", "first"),
                       ("midnames.misc.tsv", "middle"), ("firstnames.tsv", "first")):
        items += _petrovich_tsv(pe / file, kind)
    items += _people(pe / "people.tsv")
    items += _staff_lists()
    return items


# --- the three systems ---------------------------------------------------------------------------

def engine(item: Item) -> str:
    if item.kind == "full":
        return PersonName.parse(item.lemma).full(item.case)
    if item.kind == "position":
        return decline_position(item.lemma, item.case)
    if item.kind == "organization":
        return decline_organization(item.lemma, item.case)
    if item.kind == "count":
        number, noun = item.lemma.split(" ", 1)
        return count(int(number), noun, item.case, style="words")
    return decline_part(item.lemma, item.kind, item.gender, item.case)


def pytrovich_alone(item: Item) -> str | None:
    if item.kind == "full" and item.gender:
        return " ".join(petrovich().make(P_PART[part], P_GENDER[item.gender], P_CASE[item.case], word)
                        for part, word in zip(("last", "first", "middle"), item.lemma.split(), strict=False))
    if item.kind not in P_PART:
        return None
    return petrovich().make(P_PART[item.kind], P_GENDER[item.gender], P_CASE[item.case], item.lemma)


def _morph_word(word: str, case: Case, tag: str | None, gender: str | None) -> str:
    for parse in morph().parse(word):
        if tag and tag not in parse.tag:
            continue
        if gender and parse.tag.gender is not None and not {gender, "ms-f"} & parse.tag.grammemes:
            continue
        if parse.tag.case != "nomn":
            continue
        form = parse.inflect({case.value})
        return form.word if form else word
    return word


def pymorphy_alone(item: Item) -> str | None:
    if item.kind == "full" and item.gender:
        gender = "masc" if item.gender == "m" else "femn"
        return " ".join(_morph_word(word.lower(), item.case, MORPH_TAG[part], gender)
                        for part, word in zip(("last", "first", "middle"), item.lemma.split(), strict=False))
    if item.kind in MORPH_TAG:
        return _morph_word(item.lemma, item.case, MORPH_TAG[item.kind],
                           "masc" if item.gender == "m" else "femn")
    if item.kind in ("position", "organization"):
        return " ".join(_morph_word(w, item.case, None, None) for w in item.lemma.split())
    return None


#: Gold rows we believe wrong: (dataset, lemma) → why. They still count as misses above.
DISPUTED = {
    ("petrovich-eval/firstnames.tsv", "ШОТА"):
        "petrovich's curated exception list keeps the Georgian Шота indeclinable (as in «поэма Шота "
        "Руставели»); the OpenCorpora-derived gold declines it. We keep the exception list's choice.",
    ("ru-grammar-tools/professions.txt", "Шеф-инженер"):
        "шеф- is a fixed prefix that does not decline (шеф-повара, шеф-инженера; DOMAIN.md §4); the gold "
        "declines it («Шефа-инженера»).",
    ("ru-grammar-tools/professions.txt", "Кормач"):
        "the gold's prepositional field carries a comment with a URL («Кормаче # https://…»); the form "
        "itself, «Кормаче», is what we give.",
    ("ru-grammar-tools/full_names.txt", "Вероника Соколова"):
        "the gold reads «Вероника» as the surname and «Соколова» as a first name («Вероники Соколовы»); "
        "Вероника is a first name and Соколова a woman's surname: «Вероники Соколовой».",
    ("ru-grammar-tools/last_names_male.txt", "Фрейндлих"):
        "the gold keeps a man's Фрейндлих indeclinable; -их is indeclinable only in old adjective "
        "genitives (Долгих, Мягких), a German -лих declines for a man: «Фрейндлиха» (Розенталь, § 174; "
        "flagged in ../shared/datasets/README.md).",
}

NAME_KINDS = ("last", "first", "middle", "full")


def _curated(item: Item) -> bool:
    return item.dataset == "curated/staff-lists"


TARGETS = (
    ("names, curated sets (ru-grammar-tools names, petrovich-eval misc and people)", "99.9%",
     lambda i: i.kind in NAME_KINDS and not i.dataset.endswith("firstnames.tsv") and not _curated(i)),
    ("first names, petrovich-eval firstnames.tsv", "99.5%", lambda i: i.dataset.endswith("firstnames.tsv")),
    ("job titles, ru-grammar-tools professions.txt", "99%", lambda i: i.kind == "position" and not _curated(i)),
    ("organisations, ru-grammar-tools organizations.txt", "95%", lambda i: i.kind == "organization"),
    ("staff-list constructions, curated (STAFF_LISTS in bench/declension.py)", "100%", _curated),
)


def _safe(system: Callable[[Item], str | None], item: Item) -> str:
    try:
        return system(item) or ""
    except ValueError as error:  # GenderUnknown and the like count as a miss
        return f"<{error}>"


SYSTEMS: dict[str, Callable[[Item], str | None]] = {
    "engine": engine, "pytrovich": pytrovich_alone, "pymorphy3": pymorphy_alone,
}


def _clear_caches() -> None:
    name_parts.decline_name_part.cache_clear()
    phrases._decline.cache_clear()
    phrases._analyse.cache_clear()
    positions._decline_title.cache_clear()
    morph_module.parses.cache_clear()
    gender_module.detect_gender.cache_clear()
    names._parse.cache_clear()


def throughput(system: Callable[[Item], str | None], items: list[Item], seconds: float = 2.0,
               warm: bool = False) -> float:
    """Calls per second over ``items``; caches emptied before every pass unless ``warm``."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        if not warm:
            _clear_caches()
        for item in items:
            system(item)
        done += len(items)
    return done / (time.perf_counter() - start)


def _whole_names(items: list[Item]) -> list[Item]:
    """«Фамилия Имя Отчество» × oblique case, built from ru-grammar-tools' name lists of each gender."""
    whole = []
    for gender in ("m", "f"):
        parts = {kind: [i.lemma for i in items if i.kind == kind and i.gender == gender
                        and i.dataset.startswith("ru-grammar-tools") and i.case is Case.GENITIVE]
                 for kind in ("last", "first", "middle")}
        for last, first, middle in zip(parts["last"], parts["first"], parts["middle"], strict=False):
            whole += [Item("whole", "full", gender, f"{last} {first} {middle}", case, "") for case in OBLIQUE]
    return whole


# --- report --------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "datasets")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown report here")
    parser.add_argument("--misses", type=int, default=15, help="engine misses to list per dataset")
    args = parser.parse_args()

    items = load(args.datasets)
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for item in items:
        for name, system in SYSTEMS.items():
            got = _safe(system, item) if name == "engine" else system(item)
            if got is None:
                continue
            ok = norm(got) == norm(item.expected)
            for key in ((item.dataset, item.kind, item.case.value, name), (item.dataset, item.kind, "all", name)):
                totals[key][0] += ok
                totals[key][1] += 1
            if name == "engine" and not ok:
                misses[item.dataset].append(f"{item.lemma} ({item.gender or '—'}, {item.case.value}): "
                                            f"ждали «{item.expected}», получили «{got}»")

    lines = ["## Declension", "",
             f"Command: `python bench/declension.py --out docs/benchmarks.md` "
             f"(Python {platform.python_version()}, {platform.machine()}, one process).", "",
             "Accuracy of oblique forms (case-insensitive, ё = е). Cells: engine / pytrovich alone / "
             "pymorphy3 alone; «—» where a system does not apply.", "",
             "| dataset | kind | gent | datv | accs | ablt | loct | all (n) |",
             "|---|---|---|---|---|---|---|---|"]
    for dataset, kind in sorted({(k[0], k[1]) for k in totals}):
        cells = []
        for case in [c.value for c in OBLIQUE] + ["all"]:
            parts = []
            for name in SYSTEMS:
                ok, n = totals.get((dataset, kind, case, name), (0, 0))
                parts.append(f"{100 * ok / n:.2f}" if n else "—")
            cells.append(" / ".join(parts))
        n = totals[(dataset, kind, "all", "engine")][1]
        cells[-1] += f" ({n})"
        lines.append(f"| {dataset} | {kind} | " + " | ".join(cells) + " |")

    positions = [i for i in items if i.kind == "position" and not _curated(i)]
    surnames = [i for i in items if i.kind == "last" and not _curated(i)]
    whole = _whole_names(items)
    lines += ["", "Throughput, calls per second. Cold: every cache emptied before each pass over distinct "
              "items. Warm: caches kept, as when a registry's names recur in document after document.", "",
              "| what | engine | pytrovich | pymorphy3 |", "|---|---|---|---|"]
    rates = {}
    for label, subset in (("surname × case", surnames), ("job title × case", positions),
                          ("whole name «Фамилия Имя Отчество» × case", whole)):
        rates[label] = [throughput(s, subset) if s(subset[0]) is not None else None for s in SYSTEMS.values()]
        lines.append(f"| {label} | " + " | ".join(f"{r:,.0f}" if r else "—" for r in rates[label]) + " |")
    for label, subset in (("job title × case, warm", positions), ("whole name × case, warm", whole)):
        lines.append(f"| {label} | {throughput(engine, subset, warm=True):,.0f} | — | — |")
    engine_rate, pytrovich_rate, _ = rates["whole name «Фамилия Имя Отчество» × case"]
    lines += ["", f"Whole names, cold, engine ÷ pytrovich in this run: {engine_rate / pytrovich_rate:.2f}. The issue's "
              "target, 50,000 against pytrovich's ~114,000 measured where it was set, is a ratio of 0.44; job "
              "titles have an absolute target of 5,000 a second."]
    lines += ["", "Targets of issue 3, all oblique forms pooled (the second figure leaves out the gold rows "
              "listed below as wrong):", "", "| set | engine | without disputed rows | target |", "|---|---|---|---|"]
    for label, target, chosen in TARGETS:
        pooled = [i for i in items if chosen(i)]
        ok = sum(norm(_safe(engine, i)) == norm(i.expected) for i in pooled)
        kept = [i for i in pooled if (i.dataset, i.lemma) not in DISPUTED]
        ok_kept = sum(norm(_safe(engine, i)) == norm(i.expected) for i in kept)
        lines.append(f"| {label} | {100 * ok / len(pooled):.2f}% of {len(pooled)} | "
                     f"{100 * ok_kept / len(kept):.2f}% of {len(kept)} | ≥ {target} |")
    lines += ["", "## Gold rows we believe wrong", "",
              "Counted as misses in the tables above; listed here with the reason.", ""]
    lines += [f"- {dataset}, «{lemma}»: {reason}" for (dataset, lemma), reason in DISPUTED.items()]
    lines += ["", "## Engine misses", ""]
    for dataset in sorted(misses):
        lines.append(f"### {dataset} ({len(misses[dataset])})")
        lines += [f"- {m}" for m in misses[dataset][: args.misses]]
        lines.append("")
    report = "\n".join(lines)
    if args.out:
        write_section(args.out, "declension", report)
    print(report)


if __name__ == "__main__":
    main()
