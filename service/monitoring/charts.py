"""Bar charts of the monitoring indicators, drawn by matplotlib: SVG for the page, PNG at print
resolution for the documents.

Readable in black and white: each series a grey level and a hatching of its own, black outlines, the value
written above each bar (no colour carries meaning). Every word is Russian, the numbers too («7,8», «−1»):
the titles, the categories, the axis and its ticks. Fonts: DejaVu Sans, which matplotlib carries with it
(Cyrillic included), so the picture is the same on every machine; in the SVG the letters are outlines.

Thread-safe: each chart is its own :class:`~matplotlib.figure.Figure` on an Agg canvas; pyplot, and with it
matplotlib's global figure state, is never used.
"""

import base64
import io
import textwrap
from dataclasses import dataclass

from PIL import Image

from registry.db import ru_date
from registry.indicators import OUTCOMES, RESPONDENTS, SCORE_SCALE, STAGE_NAMES, STATES, Monitoring, number
from registry.meetings import KINDS as MEETING_KINDS

#: Fill and hatching of each series, in order: dark grey, white hatched, light grey dotted, white crossed.
STYLES = (("#4a4a4a", ""), ("#ffffff", "////"), ("#bdbdbd", "...."), ("#ffffff", "xx"))
#: The printed width of a chart (the text width of an A4 page with 30 and 15 mm margins) and its height, mm.
WIDTH_MM, HEIGHT_MM = 165, 78
#: The resolution of the PNG in a document.
PRINT_DPI = 300
_FONT = "DejaVu Sans"
_MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Series:
    """One series of bars: its Russian ``name`` (the legend) and a value per category (None: no data)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A bar chart: ``title`` (the caption, printed under the picture, not in it), ``categories`` (the
    labels under the bars), ``series`` (one or more, side by side), ``unit`` (the label of the value axis)
    and ``top`` (the axis' maximum, e.g. 10 for scores; None: from the values)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    top: float | None = None

    def description(self) -> str:
        """The chart in words, for a reader who cannot see it (an image's alternative text): «пары:
        действуют — 2, завершены — 0; группы: действуют — 1 …»."""
        parts = []
        for series in self.series:
            values = ", ".join(f"{category} — {'нет данных' if value is None else number(value)}"
                               for category, value in zip(self.categories, series.values, strict=True))
            parts.append(f"{series.name}: {values}" if len(self.series) > 1 else values)
        return f"{self.title}. " + "; ".join(parts) + "."


def _figure(chart: Chart):
    # matplotlib takes more than half a second to load: only a page or a document that draws pays for it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Patch
    from matplotlib.text import Text
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    def font(size: float) -> FontProperties:
        return FontProperties(family=_FONT, size=size)

    figure = Figure(figsize=(WIDTH_MM / _MM_PER_INCH, HEIGHT_MM / _MM_PER_INCH), facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    count = len(chart.series)
    width = 0.8 / count
    values = [v for s in chart.series for v in s.values if v is not None]
    top = chart.top or max([*values, 0]) or 1
    for index, series in enumerate(chart.series):
        fill, hatch = STYLES[index % len(STYLES)]
        offset = (index - (count - 1) / 2) * width
        for position, value in enumerate(series.values):
            x = position + offset
            if value is None:
                axes.text(x, top * 0.02, "нет\nданных", ha="center", va="bottom", fontproperties=font(7.5),
                          color="#333333")
                continue
            axes.bar(x, value, width * 0.92, color=fill, edgecolor="black", hatch=hatch, linewidth=0.8)
            axes.text(x, value + top * 0.02, number(value), ha="center", va="bottom", fontproperties=font(9))
    labels = [textwrap.fill(c, 14, break_long_words=False) for c in chart.categories]
    axes.set_xticks(range(len(chart.categories)), labels)
    axes.set_xlim(-0.6, len(chart.categories) - 0.4)
    axes.set_ylim(0, top * 1.16)
    whole = chart.top is not None or all(float(v).is_integer() for v in values)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=whole, steps=[1, 2, 5, 10]))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: number(value)))
    for label in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        label.set_fontproperties(font(8.5))
    if chart.unit:
        axes.set_ylabel(chart.unit, fontproperties=font(8.5))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#d0d0d0", linewidth=0.6, linestyle="--")
    axes.set_axisbelow(True)
    if count > 1:
        # The legend's keys drawn as the bars are (a series without any value has no bar to take them from).
        keys = [Patch(facecolor=STYLES[i % len(STYLES)][0], hatch=STYLES[i % len(STYLES)][1], edgecolor="black",
                      linewidth=0.8, label=series.name) for i, series in enumerate(chart.series)]
        axes.legend(handles=keys, loc="upper center", bbox_to_anchor=(0.5, 1.13), ncols=count, frameon=False,
                    prop=font(8.5), handlelength=2.2, handleheight=1.1)
    # Labels are printed as typed: a «$» in a title is a dollar sign, not the start of a formula.
    for text in figure.findobj(Text):
        text.set_parse_math(False)
    # Margins set, not found by tight_layout, which gives up (with a warning) on labels too long to fit:
    # room below for the longest category label (a line is 4.6 % of the height), above for the legend.
    lines = max(label.count("\n") + 1 for label in labels)
    figure.subplots_adjust(left=0.1, right=0.98, bottom=min(0.5, 0.07 + 0.046 * lines),
                           top=0.86 if count > 1 else 0.94)
    return figure


def svg(chart: Chart) -> str:
    """The chart as SVG text (letters as outlines), without the program's name in it."""
    buffer = io.StringIO()
    _figure(chart).savefig(buffer, format="svg", metadata={"Title": chart.title, "Creator": None, "Date": None,
                                                            "Format": None, "Type": None})
    return buffer.getvalue()


def svg_data_uri(chart: Chart) -> str:
    """The chart's SVG as a ``data:`` address for an ``<img>`` (the page's security policy lets images
    come so, and an image keeps the SVG's own styles, which inline markup would lose to that policy)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(chart).encode("utf-8")).decode("ascii")


def png(chart: Chart, dpi: int = PRINT_DPI) -> bytes:
    """The chart as a greyscale PNG at ``dpi`` (default print resolution: 300), :data:`WIDTH_MM` wide, with
    no transparency (a PDF would carry a mask beside each picture) and no program's name in it."""
    drawn = io.BytesIO()
    _figure(chart).savefig(drawn, format="png", dpi=dpi)
    buffer = io.BytesIO()
    Image.open(drawn).convert("L").save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def monitoring_charts(monitoring: Monitoring) -> list[Chart]:
    """The charts of an organisation's indicators: pairs and groups by state, how the programmes ended,
    the plan items due, the mean questionnaire scores at entry and exit, the meetings by kind."""
    m = monitoring
    return [
        Chart(f"Пары и группы по состоянию на {ru_date(m.as_of)}", tuple(STATES.values()),
              (Series("пары", tuple(m[f"pairs_{s}"].value for s in STATES)),
               Series("группы", tuple(m[f"groups_{s}"].value for s in STATES))), "пар и групп"),
        Chart("Итоги программ наставничества", tuple(OUTCOMES.values()),
              (Series("программы", (m["on_plan"].part, m["early"].part, m["terminated"].part, m["running"].value)),),
              "программ"),
        Chart(f"Мероприятия планов со сроком до {ru_date(m.as_of)}",
              ("выполнены в срок", "выполнены с опозданием", "не выполнены к сроку"),
              (Series("мероприятия", (m["items_on_time"].part, m["items_late"].value, m["items_missed"].value)),),
              "мероприятий"),
        Chart("Средний балл анкет при входном и итоговом анкетировании", tuple(RESPONDENTS.values()),
              tuple(Series(f"{title} анкетирование", tuple(m[f"{role}_{stage}"].value for role in RESPONDENTS))
                    for stage, title in STAGE_NAMES.items()), f"балл (из {SCORE_SCALE})", SCORE_SCALE),
        Chart("Проведённые встречи по видам", tuple(MEETING_KINDS.values()),
              (Series("встречи", tuple(m[f"meetings_{kind}"].value for kind in MEETING_KINDS)),), "встреч"),
    ]
