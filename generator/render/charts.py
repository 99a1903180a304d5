"""Vega-Lite chart specs, built with Altair once per chart kind and filled with data per page.

Building a chart with Altair costs about 13 ms; a site of 10,000 events has more than 10,000
charts. So each kind of chart is built once, with named datasets left empty, and every instance
is a copy of that template with its rows put into `datasets` (about 0.1 ms). Data is aggregated
in Python first, so specs stay small. Output is JSON text with sorted keys: the same data gives the
same bytes.

How the charts read (the same on every page):
- dates are days in UTC, drawn on a UTC scale, so no reader's time zone moves a week;
- every time axis starts at the campaign start and ends with the last record, ticks fall on months;
- counts are whole numbers; a bar spans its whole week or month;
- one colour means one thing everywhere: attacks, U.S. strikes, and each weapon (`COLOURS`);
- legends are HTML under each chart (pages.py), so they wrap on a phone instead of being cut off;
- tooltips show only fields written for readers (a label per row), never internal ones;
- text and background colours come from the page (docs/javascripts/charts.js), in light and dark mode.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

import altair as alt

from generator.render.model import ATTACK, STRIKE, Chronology, Event, date_span, plural, week_start

ROWS = "rows"
MARK = "mark"
SPANS = "spans"
SEVERAL = "Several weapons"
WIDTH: Literal["container"] = "container"

# One colour per meaning, on every chart and legend (Okabe-Ito, readable by most colour-blind readers).
ATTACK_COLOUR = "#d55e00"
STRIKE_COLOUR = "#0072b2"
OFFICIAL_COLOUR = "#7a5c00"
HIGHLIGHT_COLOUR = "#d81b60"
BAR_COLOUR = "#8f9aa6"  # other events beside the one marked
WEAPON_COLOURS = {
    "drone": "#e69f00",
    "rocket": "#cc79a7",
    "missile": "#009e73",
    "mortar": "#56b4e9",
    "ied": "#f0e442",
    "small-arms": "#a0522d",
    "unknown": "#9e9e9e",
}
SEVERAL_COLOUR = "#8e6bbf"
EXTRA_COLOURS = ("#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99", "#1f78b4")
TYPE_LABELS = {ATTACK: "Attacks", STRIKE: "U.S. strikes"}
TYPE_COLOURS = {ATTACK: ATTACK_COLOUR, STRIKE: STRIKE_COLOUR}
# Light-mode text colours; charts.js replaces them with the page's own in either mode.
TEXT = "#1f2329"
MUTED = "#4a4f57"


def build_charts(chronology: Chronology) -> dict[str, str]:
    """All chart specs of the site as {chart id: JSON text}. Chart ids are file names without .json.

    A chart is made only where it has something to draw: a base with attacks, an actor with events.
    The pages name exactly these charts (`has_chart`), so no page shows a chart that was never made.
    """
    domain = time_domain(chronology)
    charts: dict[str, dict[str, Any]] = {
        "home-weekly": weekly_attacks_chart(chronology.attacks, chronology, domain),
        "home-timeline": timeline_chart(chronology, domain),
        "tallies": tallies_chart(chronology, domain),
    }
    for site, events in chronology.by_site.items():
        attacks = [e for e in events if e.type == ATTACK]
        if attacks and site in chronology.bases:
            charts[f"site-{site}"] = weekly_attacks_chart(attacks, chronology, domain)
    for actor, events in chronology.by_actor.items():
        if actor in chronology.actors and events:
            charts[f"actor-{actor}"] = actor_chart(events, domain)
    texts = {chart_id: to_json(spec) for chart_id, spec in charts.items()}
    texts.update((f"event-{e.id}", event_chart_json(e, domain)) for e in chronology.events)
    return dict(sorted(texts.items()))


def has_chart(chronology: Chronology, kind: str, key: str) -> bool:
    """Whether build_charts makes the chart `kind-key` ('site' for a base, 'actor' for an actor)."""
    if kind == "site":
        return key in chronology.bases and any(e.type == ATTACK for e in chronology.by_site.get(key, []))
    return key in chronology.actors and bool(chronology.by_actor.get(key))


def to_json(spec: dict[str, Any]) -> str:
    return _compact(spec) + "\n"


def fill(template: dict[str, Any], **datasets: Any) -> dict[str, Any]:
    """A copy of a template spec with its named datasets filled. The template itself is never changed."""
    spec = dict(template)
    spec["datasets"] = {**template.get("datasets", {}), **datasets}
    return spec


# --- dates ---------------------------------------------------------------------------------------


def time_domain(chronology: Chronology) -> tuple[str, str]:
    """From the campaign start to the end of the week of the last record or tally (ISO days)."""
    last = max(
        [chronology.campaign_start, *(e.date for e in chronology.events), *(t.as_of for t in chronology.tallies)]
    )
    last_day = dt.date.fromisoformat(week_start(last)) + dt.timedelta(days=7)
    return chronology.campaign_start, last_day.isoformat()


def _day(iso: str, days: int = 0) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


@cache
def day_label(iso: str) -> str:
    """'23 Nov 2023': the same in every time zone (charts show it in tooltips)."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def _timestamp(iso: str) -> int:
    """Milliseconds since 1970 at the start of the day in UTC, as Vega reads the data's dates."""
    day = dt.date.fromisoformat(iso)
    return (day - dt.date(1970, 1, 1)).days * 86_400_000


def _months_between(domain: tuple[str, str]) -> int:
    start, end = dt.date.fromisoformat(domain[0]), dt.date.fromisoformat(domain[1])
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _x(field: str, domain: tuple[str, str], title: str | None = None) -> alt.X:
    """A UTC time axis over the domain, ticks on months (every few months over a long span)."""
    step = max(1, -(-_months_between(domain) // 10))
    return alt.X(
        f"{field}:T",
        title=title,
        scale=alt.Scale(type="utc", domainMin=_timestamp(domain[0]), domainMax=_timestamp(domain[1])),
        axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": step}, labelOverlap=True, grid=False),
    )


def _x_layer(field: str) -> alt.X:
    """The time axis of a further layer: it shares the first layer's scale and axis."""
    return alt.X(f"{field}:T")


def _count_axis() -> alt.Axis:
    """Whole numbers only: never more ticks than the largest count (1 event a week gives ticks 0 and 1)."""
    return alt.Axis(tickMinStep=1, format="d", tickCount=alt.ExprRef("min(ceil(height / 40), max(1, domain('y')[1]))"))


def _y_count(title: str) -> alt.Y:
    """Counts from y0 to y1: bars with both a start and an end on each axis are drawn as rectangles (stacks
    are computed in Python, see _stacked)."""
    return alt.Y("y1:Q", title=title, axis=_count_axis())


def _stacked(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Give each row y0 and y1, stacking rows with the same `key` value in the order given."""
    heights: Counter[str] = Counter()
    for row in rows:
        row["y0"] = heights[row[key]]
        heights[row[key]] += row["count"]
        row["y1"] = heights[row[key]]
    return rows


# --- templates (built once per process and domain with Altair) -------------------------------------


def _theme_config() -> dict[str, Any]:
    return {
        "background": "#ffffff",
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": TEXT,
            "titleColor": TEXT,
            "domainColor": MUTED,
            "tickColor": MUTED,
            "gridColor": "#d0d4d9",
        },
        "title": {"color": TEXT},
        "text": {"color": TEXT},
        "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    }


def _finish(chart: alt.TopLevelMixin, description: str) -> dict[str, Any]:
    spec: dict[str, Any] = chart.properties(description=description).to_dict(validate=True)
    spec["config"] = _theme_config()
    spec.pop("datasets", None)
    return spec


def _colour(field: str, domain: list[str], colours: list[str]) -> alt.Color:
    return alt.Color(f"{field}:N", scale=alt.Scale(domain=domain, range=colours), legend=None)


@cache
def _stacked_weekly_template(
    domain: tuple[str, str], labels: tuple[str, ...], colours: tuple[str, ...]
) -> dict[str, Any]:
    chart = (
        alt.Chart(alt.NamedData(name=ROWS), width=WIDTH, height=220)
        .mark_bar(x2Offset=-1, clip=True)
        .encode(
            x=_x("week", domain),
            x2=alt.X2("end"),
            y=_y_count("Attacks per week"),
            y2="y0:Q",
            color=_colour("weapon", list(labels), list(colours)),
            tooltip=[alt.Tooltip("label:N", title="Week")],
        )
    )
    return _finish(chart, "Attacks per week, stacked by weapon")


@cache
def _event_template(domain: tuple[str, str], bar_colour: str) -> dict[str, Any]:
    bars = (
        alt.Chart(alt.NamedData(name=ROWS))
        .mark_bar(color=bar_colour, x2Offset=-1, clip=True)
        .encode(
            x=_x("week", domain),
            x2=alt.X2("end"),
            y=alt.Y("y1:Q", title="Per week", axis=_count_axis()),
            y2="y0:Q",
            tooltip=[alt.Tooltip("label:N", title="Week")],
        )
    )
    mark = (
        alt.Chart(alt.NamedData(name=MARK))
        .mark_rect(color=HIGHLIGHT_COLOUR, opacity=0.35, stroke=HIGHLIGHT_COLOUR, strokeWidth=2, clip=True)
        .encode(x="start:T", x2=alt.X2("end"), tooltip=[alt.Tooltip("label:N", title="This event")])
    )
    return _finish(alt.layer(bars, mark, width=WIDTH, height=130), "Events per week, this one marked")


@cache
def _actor_template(domain: tuple[str, str]) -> dict[str, Any]:
    chart = (
        alt.Chart(alt.NamedData(name=ROWS), width=WIDTH, height=200)
        .mark_bar(x2Offset=-1, clip=True)
        .encode(
            x=_x("month", domain),
            x2=alt.X2("end"),
            y=_y_count("Events per month"),
            y2="y0:Q",
            color=_colour("type", list(TYPE_LABELS.values()), list(TYPE_COLOURS.values())),
            tooltip=[alt.Tooltip("label:N", title="Month")],
        )
    )
    return _finish(chart, "Events per month: attacks claimed and U.S. strikes")


@cache
def _timeline_template(domain: tuple[str, str], with_spans: bool) -> dict[str, Any]:
    lanes = list(TYPE_LABELS.values())
    # labelPadding: the largest dot (size 400, radius about 11 px) on the campaign's first day stays clear of the label
    y = alt.Y(
        "lane:N", title=None, sort=lanes, axis=alt.Axis(labelFontSize=12, ticks=False, domain=False, labelPadding=14)
    )
    colour = _colour("lane", lanes, list(TYPE_COLOURS.values()))
    spans = (
        alt.Chart(alt.NamedData(name=SPANS))
        .mark_bar(opacity=0.35, height=10, clip=True)
        .encode(
            x=_x("start", domain), x2=alt.X2("end"), y=y, color=colour, tooltip=[alt.Tooltip("label:N", title="When")]
        )
    )
    days = (
        alt.Chart(alt.NamedData(name=ROWS))
        .mark_circle(opacity=0.8, stroke="#ffffff", strokeWidth=0.5)
        .encode(
            x=_x_layer("day") if with_spans else _x("day", domain),
            y=y,
            color=colour,
            size=alt.Size("count:Q", legend=None, scale=alt.Scale(range=[30, 400], zero=False)),
            tooltip=[alt.Tooltip("label:N", title="Day")],
        )
    )
    layers = (spans, days) if with_spans else (days,)  # an empty layer would leave Vega an empty extent
    return _finish(alt.layer(*layers, width=WIDTH, height=110), "Attacks and U.S. strikes by day")


@cache
def _tallies_template(domain: tuple[str, str]) -> dict[str, Any]:
    series = ["Official tally", "Recorded here"]
    colour = _colour("series", series, [OFFICIAL_COLOUR, ATTACK_COLOUR])
    y = alt.Y("attacks:Q", title="Attacks since the campaign began", axis=_count_axis())
    lines = (
        alt.Chart(alt.NamedData(name=ROWS))
        .mark_line(interpolate="step-after")
        .encode(x=_x("date", domain), y=y, color=colour, detail="series:N")
    )
    points = (
        alt.Chart(alt.NamedData(name=ROWS))
        .transform_filter("datum.point")
        .mark_point(size=60, strokeWidth=2)
        .encode(
            x=_x_layer("date"),
            y=y,
            color=colour,
            shape=alt.Shape(
                "bound:N", scale=alt.Scale(domain=["exact", "lower"], range=["circle", "triangle-up"]), legend=None
            ),
            fill=alt.Fill(
                "series:N", scale=alt.Scale(domain=series, range=[OFFICIAL_COLOUR, ATTACK_COLOUR]), legend=None
            ),
            tooltip=[alt.Tooltip("label:N", title="Count")],
        )
    )
    return _finish(
        alt.layer(lines, points, width=WIDTH, height=260), "Official attack counts against this chronology's"
    )


# --- chart data ---------------------------------------------------------------------------------


def weapon_label(event: Event, chronology: Chronology) -> str:
    if len(event.weapons) > 1:
        return SEVERAL
    if not event.weapons:
        return str(chronology.weapons.get("unknown", {}).get("name", "Unknown"))
    return str(chronology.weapons.get(event.weapons[0], {}).get("name", event.weapons[0]))


def weapon_palette(chronology: Chronology) -> dict[str, str]:
    """{weapon label: colour}, in the order stacks and legends use: the reference order, then several weapons."""
    palette: dict[str, str] = {}
    extra = iter(EXTRA_COLOURS * (1 + len(chronology.weapons) // len(EXTRA_COLOURS)))
    for weapon_id, weapon in chronology.weapons.items():
        palette[str(weapon.get("name", weapon_id))] = WEAPON_COLOURS.get(weapon_id) or next(extra)
    palette[SEVERAL] = SEVERAL_COLOUR
    return palette


def weapon_legend(events: Iterable[Event], chronology: Chronology) -> list[tuple[str, str]]:
    """(label, colour) for the weapons these attacks used, in stacking order."""
    used = {weapon_label(e, chronology) for e in events if e.type == ATTACK}
    return [(label, colour) for label, colour in weapon_palette(chronology).items() if label in used]


def weekly_attacks_chart(attacks: Iterable[Event], chronology: Chronology, domain: tuple[str, str]) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for event in attacks:
        counts[(week_start(event.date), weapon_label(event, chronology))] += 1
    palette = weapon_palette(chronology)
    order = {label: i for i, label in enumerate(palette)}
    totals = Counter[str]()
    for (week, _weapon), count in counts.items():
        totals[week] += count
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[0][1]))
    rows = [
        {
            "week": week,
            "end": _day(week, 7),
            "weapon": weapon,
            "count": count,
            "label": f"Week of {day_label(week)}: {plural(count, weapon.lower() + ' attack')} of {totals[week]}",
        }
        for (week, weapon), count in ordered
    ]
    _stacked(rows, "week")
    template = _stacked_weekly_template(domain, tuple(palette), tuple(palette.values()))
    return fill(template, rows=rows)


def event_scope(event: Event) -> str:
    """The shared weekly counts an event's chart compares it with: its site's attacks, or all U.S. strikes."""
    return "strikes-weekly" if event.type == STRIKE else f"site-weekly-{event.site}"


def _event_datasets(event: Event) -> dict[str, Any]:
    start, end = date_span(event.date, event.date_precision)
    when = day_label(start) if start == end else f"{day_label(start)} to {day_label(end)}"
    return {
        ROWS: {"$ref": event_scope(event)},
        MARK: [{"start": start, "end": _day(end, 1), "label": f"This {event.type}: {when}"}],
    }


def event_chart(event: Event, domain: tuple[str, str]) -> dict[str, Any]:
    """Weekly events in the same scope, shared, with this event marked."""
    spec = dict(_event_template(domain, BAR_COLOUR))
    spec["datasets"] = _event_datasets(event)
    return spec


def event_chart_json(event: Event, domain: tuple[str, str]) -> str:
    """to_json(event_chart(event)), without encoding the same template again for every event."""
    prefix, suffix = _event_template_json(domain)
    return prefix + _compact(_event_datasets(event)) + suffix


@cache
def _event_template_json(domain: tuple[str, str]) -> tuple[str, str]:
    marker = "@@datasets@@"
    spec = dict(_event_template(domain, BAR_COLOUR))
    spec["datasets"] = marker
    prefix, suffix = to_json(spec).split(_compact(marker))
    return prefix, suffix


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def weekly_rows(events: list[Event], noun: str) -> list[dict[str, Any]]:
    counts = Counter(week_start(e.date) for e in events)
    return [
        {
            "week": week,
            "end": _day(week, 7),
            "count": n,
            "y0": 0,
            "y1": n,
            "label": f"Week of {day_label(week)}: {plural(n, noun)}",
        }
        for week, n in sorted(counts.items())
    ]


def actor_chart(events: list[Event], domain: tuple[str, str]) -> dict[str, Any]:
    counts = Counter((e.month, e.type) for e in events)
    rows = []
    for (month, kind), n in sorted(counts.items()):
        start = dt.date.fromisoformat(month + "-01")
        end = (start + dt.timedelta(days=32)).replace(day=1)
        noun = "attack" if kind == ATTACK else "U.S. strike"
        label = f"{start.strftime('%B')} {start.year}: {plural(n, noun)}"
        rows.append(
            {"month": start.isoformat(), "end": end.isoformat(), "type": TYPE_LABELS[kind], "count": n, "label": label}
        )
    return fill(_actor_template(domain), rows=_stacked(rows, "month"))


def timeline_chart(chronology: Chronology, domain: tuple[str, str]) -> dict[str, Any]:
    """Each day with attacks or strikes as a dot sized by their number; a date known only to its week or
    month is a span over that week or month."""
    days: Counter[tuple[str, str]] = Counter()
    spans: Counter[tuple[str, str, str]] = Counter()
    for event in chronology.events:
        if event.date_precision == "day":
            days[(event.date, event.type)] += 1
        else:
            start, end = date_span(event.date, event.date_precision)
            spans[(start, end, event.type)] += 1
    nouns = {ATTACK: "attack", STRIKE: "U.S. strike"}
    rows = [
        {"day": day, "lane": TYPE_LABELS[kind], "count": n, "label": f"{day_label(day)}: {plural(n, nouns[kind])}"}
        for (day, kind), n in sorted(days.items())
    ]
    span_rows = [
        {
            "start": start,
            "end": _day(end, 1),
            "lane": TYPE_LABELS[kind],
            "label": f"{plural(n, nouns[kind])} dated only to {day_label(start)} to {day_label(end)}",
        }
        for (start, end, kind), n in sorted(spans.items())
    ]
    if not span_rows:
        return fill(_timeline_template(domain, False), rows=rows)
    return fill(_timeline_template(domain, True), rows=rows, spans=span_rows)


def tallies_chart(chronology: Chronology, domain: tuple[str, str]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for t in chronology.tallies:
        bound = "lower" if t.qualifier in {"at least", "more than"} else "exact"
        label = f"Official, {day_label(t.as_of)}: {t.attacks_text} attacks"
        rows.append(
            {
                "date": t.as_of,
                "series": "Official tally",
                "attacks": t.attacks,
                "point": True,
                "bound": bound,
                "label": label,
            }
        )
    ours = cumulative_attacks(chronology)
    for index, (day, n) in enumerate(ours):
        label = f"Recorded here by {day_label(day)}: {plural(n, 'attack')}"
        last = index == len(ours) - 1
        rows.append(
            {"date": day, "series": "Recorded here", "attacks": n, "point": last, "bound": "exact", "label": label}
        )
    return fill(_tallies_template(domain), rows=rows)


def cumulative_attacks(chronology: Chronology) -> list[tuple[str, int]]:
    """(date, attacks recorded here up to and including that date), one row per day with attacks."""
    per_day = Counter(e.date for e in chronology.attacks if e.date >= chronology.campaign_start)
    total, rows = 0, []
    for day in sorted(per_day):
        total += per_day[day]
        rows.append((day, total))
    return rows


def shared_datasets(chronology: Chronology) -> dict[str, list[dict[str, Any]]]:
    """Data shared by many charts, written once: weekly attacks per site, and weekly U.S. strikes."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in chronology.events:
        groups[event_scope(event)].append(event)
    return {
        name: weekly_rows(events, "U.S. strike" if name == "strikes-weekly" else "attack")
        for name, events in sorted(groups.items())
    }


__all__ = ["ATTACK", "build_charts", "shared_datasets"]
