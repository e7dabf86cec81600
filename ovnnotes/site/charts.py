"""The site's pictures: SVG charts drawn with matplotlib, deterministic, readable in dark mode and print.

* **Deterministic**: ``svg.hashsalt`` fixes the ids matplotlib derives for clip paths and markers,
  ``metadata={"Date": None}`` drops the timestamp, and text stays text (``svg.fonttype = none``,
  so no glyph paths whose ids depend on the font cache). The same data gives the same bytes.
* **Accessible**: every SVG gets a ``<title>`` and a ``<desc>`` (the same text the page gives as
  the image's ``alt``), and the page puts the chart's data in a table beside it.
* **Dark mode and print**: the background is transparent; the series colours are mid-tones that
  read on white and on near-black; text, axes and grid are drawn in two marker colours that a
  stylesheet inside the SVG switches for ``prefers-color-scheme: dark`` on screens (print stays
  dark-on-white).

Figures are ``matplotlib.figure.Figure`` objects rendered by the SVG backend directly (no pyplot,
no global state, no display needed).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

INK = "#333333"
"""Text and axes (switched to ``DARK_INK`` in dark mode)."""
GRID = "#c8c8c8"
DARK_INK = "#e3e3e3"
DARK_GRID = "#555555"
BLUE = "#3b7dd8"
ORANGE = "#e07b2a"
GREEN = "#2e9e6a"
MUTED = "#8c8c8c"
KIND_COLOURS = {"soft freeze": BLUE, "branch": GREEN, "release": ORANGE}
RC = {
    "svg.hashsalt": "ovnnotes",
    "svg.fonttype": "none",
    "text.parse_math": False,  # names from the notes are text: `$x$` is not mathtext (nor an error)
    "font.family": "sans-serif",
    "font.size": 9,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": GRID,
    "axes.facecolor": "none",
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
DARK_STYLE = (
    "@media screen and (prefers-color-scheme: dark) {"
    f'[style*="fill: {INK}"]{{fill:{DARK_INK}!important}}'
    f'[style*="stroke: {INK}"]{{stroke:{DARK_INK}!important}}'
    f'[style*="stroke: {GRID}"]{{stroke:{DARK_GRID}!important}}'
    "}"
)
_SVG_OPEN = re.compile(r"<svg\b[^<>]*>")
BARS_UP_TO = 150
"""Attendance is drawn as bars up to this many meetings, as a line beyond (one path, not thousands)."""


@dataclass(frozen=True)
class Chart:
    """One picture: its file name under ``charts/``, its SVG, and its text alternative."""

    name: str
    svg: bytes
    title: str
    description: str
    width: int
    """Pixels (CSS), for the page's ``<img>``."""
    height: int


def _matplotlib() -> Any:
    import matplotlib

    matplotlib.use("svg", force=False)
    return matplotlib


def _figure(width: float, height: float, layout: Any = "constrained") -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout=layout)


def _without_metadata(svg: str) -> str:
    """matplotlib's SVG without its ``<metadata>`` element (and the whitespace before it)."""
    start = svg.find("<metadata>")
    end = svg.find("</metadata>", start)
    if start < 0 or end < 0:
        return svg
    return svg[:start].rstrip() + svg[end + len("</metadata>") :]


def _render(figure: Any, name: str, title: str, description: str) -> Chart:
    """The SVG of ``figure`` with a title, a description and the dark-mode style."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = _without_metadata(buffer.getvalue())
    opening = _SVG_OPEN.search(text)
    assert opening is not None
    head = (
        f'\n <title id="title">{escape(title)}</title>\n <desc id="desc">{escape(description)}</desc>\n'
        f' <style type="text/css">{DARK_STYLE}</style>'
    )
    tag = opening.group()[:-1] + ' role="img" aria-labelledby="title desc">'
    text = text[: opening.start()] + tag + head + text[opening.end() :]
    width, height = (round(size * 96) for size in figure.get_size_inches())
    return Chart(name=name, svg=text.encode(), title=title, description=description, width=width, height=height)


def _human(date: dt.date) -> str:
    from ..vocabulary.dates import heading_date as markdown_date

    return markdown_date(date)


def _dates_axis(axis: Any, span_days: int) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=8)
    axis.set_major_locator(locator)
    axis.set_major_formatter(ConciseDateFormatter(locator, show_offset=True))


def attendance_chart(meetings: Sequence[Any]) -> Chart:
    """Attendees per meeting, over time (the gaps between bars are the gaps between meetings)."""
    with _matplotlib().rc_context(RC):
        figure = _figure(7.5, 2.6)
        axes = figure.add_subplot()
        dates = [m.date for m in meetings]
        counts = [len(m.attendees) + len(m.unresolved_attendees) for m in meetings]
        if len(meetings) <= BARS_UP_TO:
            axes.bar(dates, counts, width=8, color=BLUE, label="attendees")
            axes.plot(dates, [0] * len(dates), linestyle="none", marker="o", markersize=4, color=ORANGE, label="a meeting", clip_on=False)
        else:
            axes.plot(dates, counts, color=BLUE, linewidth=0.8, label="attendees")
        axes.set_ylabel("attendees")
        axes.set_ylim(bottom=0)
        if meetings:
            axes.legend(loc="upper right", frameon=False, fontsize=8)
        axes.grid(axis="y", linewidth=0.5)
        axes.set_axisbelow(True)
        if dates:
            _dates_axis(axes.xaxis, (max(dates) - min(dates)).days)
        title = "Attendance per meeting"
        if meetings:
            description = (
                f"Chart of the {len(meetings)} meetings from {_human(min(dates))} to {_human(max(dates))}, a dot for each, "
                f"with a bar for its number of attendees: between {min(counts)} and {max(counts)}"
                + (f"; {counts.count(0)} meetings recorded no attendees." if 0 in counts else ".")
            )
        else:
            description = "No meetings yet."
        return _render(figure, "attendance.svg", title, description)


def people_chart(rows: Sequence[tuple[str, int]]) -> Chart:
    """Meetings attended per person (``rows``: name and count, most first), as horizontal bars."""
    with _matplotlib().rc_context(RC):
        shown = [row for row in rows if row[1] > 0]
        figure = _figure(7.5, 0.6 + 0.22 * max(1, len(shown)))
        axes = figure.add_subplot()
        names = [name for name, _ in shown][::-1]
        counts = [count for _, count in shown][::-1]
        axes.barh(range(len(shown)), counts, color=BLUE, height=0.7)
        axes.set_yticks(range(len(shown)), names)
        axes.set_xlabel("meetings attended")
        axes.grid(axis="x", linewidth=0.5)
        axes.set_axisbelow(True)
        axes.margins(y=0.01)
        title = "Meetings attended per person"
        if shown:
            top = ", ".join(f"{name} {count}" for name, count in shown[:3])
            description = f"Bar chart of how many meetings each of {len(shown)} people attended; most: {top}."
        else:
            description = "Nobody is listed as attending a meeting yet."
        return _render(figure, "people.svg", title, description)


def person_charts(meetings: Sequence[Any], people: Sequence[tuple[str, str, set[str]]]) -> list[Chart]:
    """Each person's attendance over time: every meeting a grey tick, the ones they attended blue.

    ``people`` holds (name, file name, ids of the meetings attended). All the charts share their
    axes, so one figure with a fixed layout is drawn once and only the ticks change per person
    (a fresh figure each took ten times as long).
    """
    charts: list[Chart] = []
    if not people:
        return charts
    with _matplotlib().rc_context(RC):
        figure = _figure(7.5, 1.25, layout=None)
        figure.subplots_adjust(left=0.03, right=0.97, bottom=0.3, top=0.92)
        axes = figure.add_subplot()
        dates = [m.date for m in meetings]
        held = axes.vlines(dates[:1], 0, 1, color=MUTED, linewidth=1)
        went = axes.vlines(dates[:1], 0, 1, color=BLUE, linewidth=3)
        axes.set_ylim(0, 1)
        axes.set_yticks([])
        axes.spines["left"].set_visible(False)
        if dates:
            low, high = min(dates), max(dates)
            pad = dt.timedelta(days=max(7, (high - low).days // 40))
            axes.set_xlim(low - pad, high + pad)
            _dates_axis(axes.xaxis, (high - low).days)
        from matplotlib.dates import date2num

        for name, file_name, attended in people:
            x_held = [date2num(m.date) for m in meetings if m.id not in attended]
            x_went = [date2num(m.date) for m in meetings if m.id in attended]
            held.set_segments([[(x, 0), (x, 1)] for x in x_held])
            went.set_segments([[(x, 0), (x, 1)] for x in x_went])
            went_dates = [m.date for m in meetings if m.id in attended]
            title = f"Meetings {name} attended"
            description = (
                f"Timeline of all {len(meetings)} meetings; {name} attended {len(went_dates)} of them"
                + (f", the first on {_human(min(went_dates))} and the last on {_human(max(went_dates))}." if went_dates else ".")
            )
            charts.append(_render(figure, file_name, title, description))
    return charts


MEETINGS_ROW = "discussed"
MIN_SPAN_DAYS = 90


def release_chart(title_text: str, file_name: str, milestones: Sequence[Any], today: dt.date, discussed: Sequence[dt.date] = ()) -> Chart:
    """A release's milestones on a timeline: one row per kind; a moved date hollow, with an arrow to its new date.

    ``discussed`` (dates of the meetings that talked about the release) is drawn as a row of ticks
    below, so the timeline shows the lead-up as well as the dates.
    """
    with _matplotlib().rc_context(RC):
        kinds = list(dict.fromkeys(view.kind for view in sorted(milestones, key=lambda v: v.date)))
        if discussed:
            kinds.append(MEETINGS_ROW)
        height = 0.9 + 0.45 * max(1, len(kinds))
        # A fixed layout (the row labels are the few milestone kinds, the dates below fit in
        # half an inch): matplotlib's constrained layout measured every text first, a third of
        # the chart's time, and placed the axes where these margins do.
        figure = _figure(7.5, height, layout=None)
        figure.subplots_adjust(left=0.9 / 7.5, right=1 - 0.15 / 7.5, bottom=0.5 / height, top=1 - 0.3 / height)
        axes = figure.add_subplot()
        rows = {kind: index for index, kind in enumerate(reversed(kinds))}
        for view in milestones:
            y = rows[view.kind]
            colour = KIND_COLOURS.get(view.kind, ORANGE)
            label = ("~" if view.approximate else "") + _human(view.date).rsplit(",", 1)[0]
            if view.current:
                axes.plot([view.date], [y], marker="o", markersize=9, color=colour, linestyle="none")
            else:
                axes.plot([view.date], [y], marker="o", markersize=9, markerfacecolor="none", markeredgecolor=MUTED, linestyle="none")
                if view.moved_to is not None:
                    axes.annotate("", xy=(view.moved_to, y), xytext=(view.date, y),
                                  arrowprops={"arrowstyle": "->", "color": MUTED, "shrinkA": 6, "shrinkB": 6})
                label += " (moved)"
            # the current date's label above its dot, a replaced date's below (they are often close)
            below = not view.current
            axes.annotate(label, (view.date, y), xytext=(0, -9 if below else 9), textcoords="offset points", ha="center",
                          va="top" if below else "baseline", fontsize=8)
        if discussed:
            axes.plot(sorted(set(discussed)), [rows[MEETINGS_ROW]] * len(set(discussed)), linestyle="none", marker="|", markersize=12, color=MUTED)
        dates = [view.date for view in milestones] + list(discussed) or [today]
        low, high = min(dates), max(dates)
        if (high - low).days < MIN_SPAN_DAYS:
            middle = low + (high - low) / 2
            low, high = middle - dt.timedelta(days=MIN_SPAN_DAYS // 2), middle + dt.timedelta(days=MIN_SPAN_DAYS // 2)
        pad = dt.timedelta(days=max(10, (high - low).days // 12))
        axes.set_xlim(low - pad, high + pad)
        if low - pad <= today <= high + pad:
            axes.axvline(today, color=INK, linestyle=":", linewidth=1)
            axes.text(today, 1.0, "today", transform=axes.get_xaxis_transform(), fontsize=8, ha="center", va="bottom")
        axes.set_ylim(-0.6, len(kinds) - 0.4)
        axes.set_yticks(list(rows.values()), list(rows))
        axes.grid(axis="x", linewidth=0.5)
        axes.set_axisbelow(True)
        _dates_axis(axes.xaxis, (high - low).days)
        parts = []
        for view in sorted(milestones, key=lambda v: (v.date, v.kind)):
            state = f" (moved to {_human(view.moved_to)})" if view.moved_to else (" (approximate)" if view.approximate else "")
            parts.append(f"{view.kind} {_human(view.date)}{state}")
        title = title_text if title_text.endswith(" milestones") else f"{title_text} milestones"  # not "Other milestones milestones"
        description = f"Timeline of the {title}: " + "; ".join(parts) + "."
        if discussed:
            description += f" Discussed in {len(set(discussed))} meetings from {_human(min(discussed))} to {_human(max(discussed))}."
        return _render(figure, file_name, title, description)
