"""Server-rendered charts: the geometry of simple SVG bar charts, as plain values.

Pure: the templates (quality/_hbar.html, quality/_columns.html) draw what these return. No
script and no style attributes (the Content-Security-Policy allows neither): colours come
from classes in quality/static/quality/quality.css. Each chart has a title and a
description, and the same figures are in a table beside it.
"""

from dataclasses import dataclass, field

WIDTH = 400


def _n(value):
    """A coordinate for an SVG attribute: a dot decimal, never the locale's comma."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    css: str
    y_label: str
    y: str
    width: str
    x_text: str
    y_text: str


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    width: str
    height: str
    bars: list = field(default_factory=list)
    # Column charts: the value axis ticks (y of the line, y of its text, label).
    ticks: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    plot_width: str = ""
    bar_height: str = ""
    baseline: str = ""
    plot_left: str = ""
    tick_x: str = ""
    label_y: str = ""


ROW = 38  # label line, then the bar
ROW_UNLABELLED = 20  # a further bar of the same label (a group beside the first)
BAR = 14
PLOT = 320  # bar length at the maximum; the value's text goes to the right of it


def hbar(chart_id, title, items, *, maximum=None, summary=""):
    """Horizontal bars, each under its label. `items`: (label, value or None, text, css); an
    empty label puts the bar right under the previous one (groups of bars under one label).

    A None value draws no bar and shows its text ("no data"), so an empty figure is never
    drawn as 0%.
    """
    values = [value for _label, value, _text, _css in items if value is not None]
    maximum = maximum or max(values, default=0) or 1
    bars = []
    top = 0
    for label, value, text, css in items:
        offset = 17 if label else 2
        length = PLOT * (value or 0) / maximum
        bars.append(
            Bar(
                label=label,
                text=text,
                css=css if value is not None else "no-data",
                y_label=_n(top + 12),
                y=_n(top + offset),
                width=_n(max(length, 0)),
                x_text=_n((length if value is not None else 0) + 6),
                y_text=_n(top + offset + BAR - 2),
            )
        )
        top += ROW if label else ROW_UNLABELLED
    desc = summary or "; ".join(
        f"{label}: {text}" if label else text for label, _v, text, _c in items
    )
    return Chart(
        id=chart_id,
        title=title,
        desc=desc,
        width=_n(WIDTH),
        height=_n(max(top, ROW)),
        bars=bars,
        plot_width=_n(PLOT),
        bar_height=_n(BAR),
    )


@dataclass(frozen=True)
class Column:
    label: str
    short: str
    text: str
    css: str
    x: str
    y: str
    width: str
    height: str
    x_label: str
    show_label: bool


HEIGHT = 150
TOP, BOTTOM, LEFT, RIGHT = 8, 22, 34, 4


def columns(chart_id, title, items, *, maximum=100, unit="%"):
    """Vertical bars on a 0..maximum axis (a share per month). `items`: (label, short label
    under the bar, value or None, text). A month without data gets a flat grey marker, not
    a zero bar."""
    plot_h = HEIGHT - TOP - BOTTOM
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(len(items), 1)
    # Past 12 months not every month label fits under its bar: label every n-th.
    every = max(1, -(-len(items) // 12))
    result = []
    for index, (label, short, value, text) in enumerate(items):
        height = plot_h * (value or 0) / maximum if value is not None else 2
        x = LEFT + index * step + step * 0.15
        result.append(
            Column(
                label=label,
                short=short,
                text=text,
                css="no-data" if value is None else "",
                x=_n(x),
                y=_n(TOP + plot_h - height),
                width=_n(step * 0.7),
                height=_n(height),
                x_label=_n(LEFT + index * step + step / 2),
                show_label=index % every == 0,
            )
        )
    ticks = [
        (
            _n(TOP + plot_h - plot_h * fraction),
            _n(TOP + plot_h - plot_h * fraction + 3.5),
            f"{round(maximum * fraction)}{unit}",
        )
        for fraction in (0, 0.5, 1)
    ]
    return Chart(
        id=chart_id,
        title=title,
        desc="; ".join(f"{label}: {text}" for label, _s, _v, text in items),
        width=_n(WIDTH),
        height=_n(HEIGHT),
        ticks=ticks,
        columns=result,
        baseline=_n(TOP + plot_h),
        plot_left=_n(LEFT),
        tick_x=_n(LEFT - 4),
        label_y=_n(HEIGHT - 6),
        plot_width=_n(WIDTH - RIGHT),
    )
