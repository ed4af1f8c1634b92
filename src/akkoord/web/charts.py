"""Charts as inline SVG from matplotlib: one code path for pages and PDF.

Every chart has a title that states the finding, labelled axes with units,
the source under it, and the page shows the same numbers in a table for
screen readers. Colours are the Okabe-Ito colour-blind safe palette.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import matplotlib
from django.utils.translation import gettext as _

from akkoord.web import formats

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
ACCENT = "#1f5f8b"
MUTED = "#9db7cc"

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "akkoord",  # the same figures give the same SVG (stored versions, caches)
        "font.family": "sans-serif",
        "font.size": 11,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titleweight": "bold",
        "axes.titlesize": 12,
        "axes.titlelocation": "left",
    }
)


def _to_svg(fig: plt.Figure, label: str, *, scroll: bool = True) -> str:
    svg = _figure_svg(fig, label, scroll=scroll)
    plt.close(fig)
    return svg


# SVG presentation attributes: styles the page's Content-Security-Policy (no inline styles)
# still allows, because they are attributes of the drawing, not CSS.
PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "clip-path",
    "dominant-baseline",
    "alignment-baseline",
    "visibility",
    "display",
    "color",
}
_STYLE_ATTR = re.compile(r' style="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")
_FONT = re.compile(
    r"(?:(?P<style>italic|oblique|normal)\s+)?(?:(?P<weight>\d{3}|bold|normal)\s+)?(?P<size>[\d.]+px)\s+(?P<family>.+)"
)


def _declarations(css: str) -> list[tuple[str, str]]:
    out = []
    for declaration in css.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":  # matplotlib's shorthand: [style] [weight] size family
            match = _FONT.fullmatch(value)
            if match is None:
                raise ValueError(f"chart style not understood: font: {value}")
            out += [(f"font-{k}", v) for k, v in match.groupdict().items() if v]
        elif name == "white-space":
            out.append(("xml:space", "preserve"))
        elif name in PRESENTATION:
            out.append((name, value))
        else:
            raise ValueError(f"chart style without a presentation attribute: {name}")
    return out


def _attributes(css: str) -> str:
    return "".join(f' {name}="{_escape(value)}"' for name, value in _declarations(css))


# Each palette colour becomes a class, so that the page's theme tokens colour the chart
# (web/static/akkoord/akkoord.css); the hex value stays as the fallback for PDF and files.
_PALETTE_INDEX = {colour.lower(): k + 1 for k, colour in enumerate(OKABE_ITO)}
_PAINT = re.compile(r"<(path|rect|use|circle|polygon|polyline|line|ellipse)\b([^>]*?)(/?)>")
_PAINT_ATTR = re.compile(r' (fill|stroke)="(#[0-9A-Fa-f]{6})"')


def _palette_classes(svg: str) -> str:
    def mark(m: re.Match[str]) -> str:
        names = [
            f"chart-{kind}-{_PALETTE_INDEX[v.lower()]}"
            for kind, v in _PAINT_ATTR.findall(m.group(2))
            if v.lower() in _PALETTE_INDEX
        ]
        if not names or " class=" in m.group(2):
            return m.group(0)
        return f'<{m.group(1)}{m.group(2)} class="{" ".join(names)}"{m.group(3)}>'

    return _PAINT.sub(mark, svg)


def html_legend(entries: Sequence[tuple[str, int]]) -> str:
    """A legend in HTML under the chart (readable on a phone, where the drawing shrinks).

    ``entries``: (label, palette index from 0). The swatch is a tiny drawing that keeps
    its colour without the page's stylesheet (PDF) and takes the theme's token with it.
    """
    n = len(OKABE_ITO)
    items = "".join(
        f'<li><svg class="chart-swatch" width="14" height="14" aria-hidden="true" focusable="false">'
        f'<rect width="14" height="14" fill="{OKABE_ITO[k % n]}" class="chart-fill-{k % n + 1}"/></svg>'
        f"{_escape_text(label)}</li>"
        for label, k in entries
    )
    return f'<ul class="chart-legend">{items}</ul>'


def _escape_text(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def value_label(value: float) -> str:
    """A number written on a chart in the reader's language: whole, or with one decimal."""
    return formats.number(value, 0 if float(value).is_integer() or abs(value) >= 100 else 1)


def presentational(svg: str) -> str:
    """The SVG with every ``style`` (attribute or element) turned into presentation attributes.

    >>> presentational('<svg><style>*{stroke-linecap: butt}</style><path style="fill: #fff"/></svg>')
    '<svg stroke-linecap="butt"><path fill="#fff"/></svg>'
    """
    root = _STYLE_ELEMENT.search(svg)
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _STYLE_ATTR.sub(lambda m: _attributes(m.group(1)), svg)
    if root:
        svg = svg.replace("<svg", "<svg" + _attributes(root.group(1)), 1)
    if re.search(r"<style|\sstyle=", svg):
        raise ValueError("chart still holds an inline style")
    return svg


def _source(fig: plt.Figure, source: str, height: float) -> None:
    # Half an inch below the axes, clear of the axis label, whatever the chart's height.
    fig.text(0.01, -0.5 / height, source, fontsize=9, color="#555555", ha="left", va="top")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@lru_cache(maxsize=256)
def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    xlabel: str,
    source: str,
) -> str:
    """Horizontal bars, one per label."""
    height = 0.45 * len(labels) + 1.4
    fig, ax = plt.subplots(figsize=(6.4, height))
    y = list(range(len(labels)))
    ax.barh(y, values, color=OKABE_ITO[0])  # one series, one colour: the labels say which bar is which
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    for i, v in enumerate(values):
        ax.text(v, i, " " + value_label(v), va="center")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _source(fig, source, height)
    return _to_svg(fig, title)


@lru_cache(maxsize=256)
def paired_bar_chart(
    title: str,
    labels: Sequence[str],
    first: Sequence[float],
    second: Sequence[float],
    legend: tuple[str, str],
    xlabel: str,
    source: str,
) -> str:
    """Two bars per label, for example pledged against delivered."""
    height = 0.6 * len(labels) + 1.6
    fig, ax = plt.subplots(figsize=(6.4, height))
    y = list(range(len(labels)))
    ax.barh([v - 0.2 for v in y], first, height=0.38, color=OKABE_ITO[0])
    ax.barh([v + 0.2 for v in y], second, height=0.38, color=OKABE_ITO[1])
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    _source(fig, source, height)
    return _to_svg(fig, title) + html_legend([(legend[0], 0), (legend[1], 1)])


@lru_cache(maxsize=128)
def stacked_bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float]],
    xlabel: str,
    source: str,
) -> str:
    """Horizontal stacked bars: one bar per label, one colour per series (with a legend)."""
    height = 0.42 * len(labels) + 1.8
    fig, ax = plt.subplots(figsize=(6.8, height))
    y = list(range(len(labels)))
    left = [0.0] * len(labels)
    for k in range(len(series)):
        widths = [row[k] for row in values]
        ax.barh(y, widths, left=left, color=OKABE_ITO[k % len(OKABE_ITO)])
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    _source(fig, source, height)
    return _to_svg(fig, title) + html_legend([(name, k) for k, name in enumerate(series)])


@lru_cache(maxsize=1024)
def trend_chart(
    label: str,
    years: tuple[int, ...],
    values: tuple[float, ...],
    baseline: tuple[int, float] | None,
    target: tuple[int, float] | None,
    unit: str,
) -> str:
    """A small chart of one indicator: measured values, and the straight line from baseline to target.

    Drawn without title or source (the row or card it sits in names both); ``label``
    describes it for screen readers, and the numbers are in the table next to it.
    """
    fig, ax = plt.subplots(figsize=(2.6, 1.1))
    if baseline and target:
        ax.plot([baseline[0], target[0]], [baseline[1], target[1]], color=MUTED, linestyle="--", linewidth=1)
        ax.plot([target[0]], [target[1]], marker="D", color=OKABE_ITO[2], markersize=4)
    if baseline:
        ax.plot([baseline[0]], [baseline[1]], marker="o", color=MUTED, markersize=3)
    if years:
        ax.plot(years, values, color=ACCENT, marker="o", markersize=3, linewidth=1.5)
    ax.tick_params(labelsize=7, length=2)
    ax.set_ylabel(unit, fontsize=7)
    ax.locator_params(axis="x", nbins=4, integer=True)
    ax.locator_params(axis="y", nbins=3)
    return _to_svg(fig, label, scroll=False)  # small enough for a phone


def sparkline(
    label: str,
    years: tuple[int, ...],
    values: tuple[float, ...],
    baseline: tuple[int, float] | None,
    target: tuple[int, float] | None,
) -> str:
    """A very small trend chart for reports with many indicators (about 10 ms each).

    The measured values as a line, the straight way from baseline to target as
    dashes, the target as a diamond; the first and last year written under it.
    No axes: the numbers stand in the table row beside it.
    """
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2.0, 0.75))
    FigureCanvasSVG(fig)
    ax = fig.add_axes((0.03, 0.28, 0.94, 0.68))
    ax.set_axis_off()
    xs: list[int] = list(years)
    if baseline and target:
        ax.plot([baseline[0], target[0]], [baseline[1], target[1]], color=MUTED, linestyle="--", linewidth=1)
        ax.plot([target[0]], [target[1]], marker="D", color=OKABE_ITO[2], markersize=3.5)
        xs += [baseline[0], target[0]]
    if years:
        ax.plot(years, values, color=ACCENT, marker="o", markersize=2.5, linewidth=1.4)
    if xs:
        lo, hi = min(xs), max(xs)
        fig.text(0.03, 0.04, str(lo), fontsize=6.5, color="#555555", ha="left")
        if hi != lo:
            fig.text(0.97, 0.04, str(hi), fontsize=6.5, color="#555555", ha="right")
    return _figure_svg(fig, label, css_class="chart spark", tight=False, scroll=False)


def _figure(width: float, height: float) -> tuple[Any, Any]:
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasSVG(fig)
    return fig, fig.add_subplot()


def _figure_svg(
    fig: Any, label: str, *, css_class: str = "chart", tight: bool = True, scroll: bool = True
) -> str:
    """The figure as inline SVG: scaled with the page, one image for assistive technology,
    and without inline styles (the Content-Security-Policy allows none)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight" if tight else None, metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'<svg ([^>]*?)width="[^"]+" height="[^"]+"', r"<svg \1", svg, count=1)
    svg = _palette_classes(presentational(svg))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(label)}" class="{css_class}" ', 1)
    if not scroll:
        return svg
    # On a phone the drawing keeps a readable size and scrolls sideways in its own region.
    where = _escape(_("Chart; on a small screen it scrolls sideways"))
    return f'<div class="chart-scroll" tabindex="0" role="region" aria-label="{where}">{svg}</div>'


def _euro_axis(ax: Any, scale: float, unit: str, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _pos: formats.number(v / scale, 0))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    (ax.set_ylabel if axis == "y" else ax.set_xlabel)(unit)


def _scale(values: Any) -> tuple[float, str]:
    top = max((abs(v) for v in values), default=0)
    if top >= 5e6:
        return 1e6, _("million €")
    if top >= 5e3:
        return 1e3, _("thousand €")
    return 1.0, "€"


def _legend_below(fig: Any, names: Sequence[str], source: str, title: str) -> str:
    """The chart as SVG with its source under the axes, then its legend in HTML."""
    fig.text(0.01, -0.12, source, fontsize=9, color="#555555", ha="left", va="top")
    return _figure_svg(fig, title) + html_legend([(name, k) for k, name in enumerate(names)])


def stacked_years_chart(
    title: str, years: Sequence[int], series: dict[str, Sequence[float]], source: str
) -> str:
    """Yearly flows per party as stacked bars (receipts up, payments down)."""
    fig, ax = _figure(7.2, 3.2)
    pos = [0.0] * len(years)
    neg = [0.0] * len(years)
    for k, values in enumerate(series.values()):
        up = [max(v, 0) for v in values]
        down = [min(v, 0) for v in values]
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        ax.bar(years, up, bottom=pos, color=colour, width=0.85)
        ax.bar(years, down, bottom=neg, color=colour, width=0.85)
        pos = [a + b for a, b in zip(pos, up, strict=True)]
        neg = [a + b for a, b in zip(neg, down, strict=True)]
    ax.axhline(0, color="#333333", linewidth=0.8)
    scale, unit = _scale([*pos, *neg])
    _euro_axis(ax, scale, unit)
    ax.set_title(title)
    return _legend_below(fig, list(series), source, title)


def lines_chart(
    title: str,
    years: Sequence[int],
    series: dict[str, Sequence[float]],
    source: str,
    markers: dict[str, int | None] | None = None,
    unit: str | None = None,
) -> str:
    """Lines over the years (cumulative flows, a fund balance); optional marker year per line.

    Amounts in euro, unless ``unit`` names what the numbers count (places, facilities).
    """
    fig, ax = _figure(7.2, 3.0)
    values_all: list[float] = []
    for k, (name, values) in enumerate(series.items()):
        colour = OKABE_ITO[k % len(OKABE_ITO)]
        ax.plot(years, values, color=colour, linewidth=1.8)
        values_all += list(values)
        year = (markers or {}).get(name)
        if year is not None and year in years:
            ax.plot([year], [values[list(years).index(year)]], marker="o", color=colour, markersize=5)
    ax.axhline(0, color="#333333", linewidth=0.8)
    scale, label = _scale(values_all) if unit is None else (1.0, unit)
    _euro_axis(ax, scale, label)
    ax.set_title(title)
    return _legend_below(fig, list(series), source, title)


def curve_chart(
    title: str,
    xs: Sequence[float],
    ys: Sequence[float],
    xlabel: str,
    ylabel: str,
    source: str,
    mark: tuple[float, float] | None = None,
) -> str:
    """One curve of y against x (a break-even charge against the share paying), with a marked point."""
    fig, ax = _figure(7.2, 3.0)
    ax.plot(xs, ys, color=OKABE_ITO[0], linewidth=1.8)
    if mark is not None:
        ax.plot([mark[0]], [mark[1]], marker="o", color=OKABE_ITO[1], markersize=6)
        ax.annotate(" " + value_label(mark[1]), mark, va="bottom")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.text(0.01, -0.12, source, fontsize=9, color="#555555", ha="left", va="top")
    return _figure_svg(fig, title)


def scores_chart(title: str, dates: Sequence[str], series: dict[str, Sequence[float]], source: str) -> str:
    """Scores from 1 to 5 per item, one line each, at the review dates (equally spaced)."""
    fig, ax = _figure(7.2, 3.0)
    x = list(range(len(dates)))
    for k, values in enumerate(series.values()):
        ax.plot(x, values, color=OKABE_ITO[k % len(OKABE_ITO)], marker="o", markersize=4, linewidth=1.6)
    ax.set_xticks(x, list(dates))
    ax.set_ylim(0.8, 5.2)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_title(title)
    return _legend_below(fig, list(series), source, title)


def tornado_chart(title: str, rows: Sequence[tuple[str, float, float]], source: str) -> str:
    """Per stream the change in net present value at its low and at its high value, biggest swing on top."""
    fig, ax = _figure(6.4, 0.4 * len(rows) + 1.2)
    labels = [r[0] for r in rows][::-1]
    lows = [r[1] for r in rows][::-1]
    highs = [r[2] for r in rows][::-1]
    y = list(range(len(rows)))
    ax.barh(y, lows, color=OKABE_ITO[5])
    ax.barh(y, highs, color=OKABE_ITO[0])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(y, labels)
    scale, unit = _scale([*lows, *highs])
    _euro_axis(ax, scale, unit, axis="x")
    ax.set_title(title)
    _source(fig, source, 0.4 * len(rows) + 1.2)
    return _figure_svg(fig, title) + html_legend([(_("low"), 5), (_("high"), 0)])


def histogram_chart(title: str, values: Sequence[float], marks: dict[str, float], source: str) -> str:
    """The distribution of Monte Carlo outcomes with P10, P50 and P90 marked."""
    fig, ax = _figure(6.4, 2.6)
    ax.hist(values, bins=40, color=ACCENT, alpha=0.85)
    for k, (name, x) in enumerate(marks.items()):
        ax.axvline(x, color=OKABE_ITO[(k + 5) % len(OKABE_ITO)], linestyle="--", linewidth=1.2)
        ax.text(x, ax.get_ylim()[1] * 0.95, f" {name}", fontsize=8, va="top")
    scale, unit = _scale(values)
    _euro_axis(ax, scale, unit, axis="x")
    ax.set_ylabel(str(_("draws")))
    ax.set_title(title)
    _source(fig, source, 2.6)
    return _figure_svg(fig, title)


def outline_chart(label: str, outlines: Sequence[Sequence[tuple[float, float]]]) -> str:
    """The boundary of an area drawn from its coordinates (no map tiles needed)."""
    import math

    fig, ax = _figure(4.0, 4.0)
    lats = [lat for ring in outlines for _lon, lat in ring]
    if lats:
        ax.set_aspect(1 / math.cos(math.radians(sum(lats) / len(lats))))
    for k, ring in enumerate(outlines):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        ax.fill(xs, ys, color=OKABE_ITO[k % len(OKABE_ITO)], alpha=0.25)
        ax.plot(xs, ys, color=ACCENT, linewidth=1.5)
    ax.set_axis_off()
    return _figure_svg(fig, label, scroll=False)  # a shape without text


def places_chart(
    title: str,
    points: Sequence[tuple[float, float, str]],
    outlines: Sequence[Sequence[tuple[float, float]]],
    source: str,
) -> str:
    """Places drawn from their coordinates (longitude, latitude) and outlines: no map tiles.

    Each point is numbered; the page lists the numbers with the names beside the drawing.
    """
    import math

    fig, ax = _figure(5.0, 5.0)
    lats = [lat for _lon, lat, _n in points] + [lat for ring in outlines for _lon, lat in ring]
    if lats:
        ax.set_aspect(1 / math.cos(math.radians(sum(lats) / len(lats))))
    for ring in outlines:
        ax.fill([p[0] for p in ring], [p[1] for p in ring], color=MUTED, alpha=0.4)
        ax.plot([p[0] for p in ring], [p[1] for p in ring], color=ACCENT, linewidth=1)
    for k, (lon, lat, _name) in enumerate(points, start=1):
        ax.plot(lon, lat, "o", color=OKABE_ITO[0], markersize=7)
        ax.annotate(str(k), (lon, lat), textcoords="offset points", xytext=(5, 4), fontsize=9)
    ax.margins(0.15)
    ax.set_xlabel(str(_("longitude (degrees east)")))
    ax.set_ylabel(str(_("latitude (degrees north)")))
    ax.set_title(title)
    ax.grid(True, color="#e6e6e6", linewidth=0.6)
    _source(fig, source, 5.0)
    return _figure_svg(fig, title)


def network_chart(
    title: str, nodes: Sequence[str], edges: Sequence[tuple[int, int, int]], source: str
) -> str:
    """Deals as numbered points on a circle, their links as lines (``(a, b, colour index)``).

    The order of ``nodes`` fixes the drawing, so the same data give the same picture; the page
    lists the numbers with the names, and the links in a table.
    """
    import math

    fig, ax = _figure(5.5, 5.5)
    n = max(len(nodes), 1)
    xy = [(math.cos(2 * math.pi * k / n), math.sin(2 * math.pi * k / n)) for k in range(len(nodes))]
    for a, b, colour in edges:
        ax.plot(
            [xy[a][0], xy[b][0]],
            [xy[a][1], xy[b][1]],
            color=OKABE_ITO[colour % len(OKABE_ITO)],
            linewidth=1.6,
        )
    for k, (x, y) in enumerate(xy, start=1):
        ax.plot(x, y, "o", color=ACCENT, markersize=9)
        ax.annotate(
            str(k),
            (x, y),
            textcoords="offset points",
            xytext=(6 * x, 6 * y),
            ha="center",
            va="center",
            fontsize=9,
        )
    ax.set_aspect(1)
    ax.margins(0.12)
    ax.set_axis_off()
    ax.set_title(title)
    _source(fig, source, 5.5)
    return _figure_svg(fig, title)


def stakeholder_chart(
    title: str, columns: Sequence[str], points: Sequence[tuple[int, int, bool]], source: str
) -> str:
    """Parties by attitude (``columns``, left to right) and influence (1–5), numbered in the
    order given; scaling partners as squares, the others as circles. Parties in the same cell
    are set side by side, so none hides another."""
    fig, ax = _figure(6.0, 4.2)
    seen: dict[tuple[int, int], int] = {}
    for k, (column, influence, partner) in enumerate(points, start=1):
        n = seen.get((column, influence), 0)
        seen[(column, influence)] = n + 1
        x = column + (n % 5 - 2) * 0.12
        y = influence + (n // 5) * 0.18
        ax.plot(x, y, "s" if partner else "o", color=OKABE_ITO[1 if partner else 0], markersize=9)
        ax.annotate(str(k), (x, y), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8)
    ax.set_xticks(range(len(columns)), [str(c) for c in columns])
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(0.5, 5.9)
    ax.set_yticks(range(1, 6))
    ax.set_ylabel(str(_("influence (1–5)")))
    ax.set_xlabel(str(_("attitude")))
    ax.grid(True, axis="y", color="#e6e6e6", linewidth=0.6)
    ax.set_title(title)
    _source(fig, source, 4.2)
    return _figure_svg(fig, title)
