"""Vega-Lite chart specs, built with Altair once per chart kind and filled with data per page.

Building a chart with Altair costs about 13 ms; a site of 10,000 events has more than 10,000
charts. So each kind of chart is built once, with named datasets left empty, and every instance
is a copy of that template with its rows put into `datasets` (about 0.1 ms). Data is aggregated
in Python first, so specs stay small. Output is JSON text with sorted keys: the same data gives the
same bytes.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

import altair as alt

from generator.render.model import ATTACK, Chronology, Event, week_start

ROWS = "rows"
MARK = "mark"
SEVERAL = "several weapons"
WIDTH: Literal["container"] = "container"


def build_charts(chronology: Chronology) -> dict[str, str]:
    """All chart specs of the site as {chart id: JSON text}. Chart ids are file names without .json."""
    charts: dict[str, dict[str, Any]] = {
        "home-weekly": weekly_attacks_chart(chronology.attacks, chronology),
        "home-map": bases_map_chart(chronology),
        "tallies": tallies_chart(chronology),
    }
    for site, events in chronology.by_site.items():
        charts[f"site-{site}"] = weekly_attacks_chart(events, chronology)
    for actor, events in chronology.by_actor.items():
        charts[f"actor-{actor}"] = actor_chart(events, chronology)
    texts = {chart_id: to_json(spec) for chart_id, spec in charts.items()}
    texts.update((f"event-{e.id}", event_chart_json(e)) for e in chronology.events)
    return dict(sorted(texts.items()))


def to_json(spec: dict[str, Any]) -> str:
    return _compact(spec) + "\n"


def fill(template: dict[str, Any], **datasets: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of a template spec with its named datasets filled. The template itself is never changed."""
    spec = dict(template)
    spec["datasets"] = {**template.get("datasets", {}), **datasets}
    return spec


# --- templates (built once per process with Altair) ---------------------------------------------


def _theme_config() -> dict[str, Any]:
    return {
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 12, "grid": False},
        "legend": {"orient": "bottom", "labelFontSize": 11, "titleFontSize": 11},
        "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    }


def _finish(chart: alt.TopLevelMixin, description: str) -> dict[str, Any]:
    spec: dict[str, Any] = chart.properties(description=description).to_dict(validate=True)
    spec["config"] = _theme_config()
    spec.pop("datasets", None)
    return spec


@cache
def _stacked_weekly_template() -> dict[str, Any]:
    chart = (
        alt.Chart(alt.NamedData(name=ROWS), width=WIDTH, height=220)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title="Week", timeUnit="yearmonthdate", bandPosition=0),
            y=alt.Y("count:Q", title="Attacks", stack="zero"),
            color=alt.Color("weapon:N", title="Weapon", sort=alt.EncodingSortField("order")),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("week:T", title="Week of"),
                alt.Tooltip("weapon:N", title="Weapon"),
                alt.Tooltip("count:Q", title="Attacks"),
            ],
        )
    )
    return _finish(chart, "Attacks per week, stacked by weapon")


@cache
def _event_template() -> dict[str, Any]:
    bars = (
        alt.Chart(alt.NamedData(name=ROWS))
        .mark_bar(color="#9e9e9e")
        .encode(
            x=alt.X("week:T", title="Week"),
            y=alt.Y("count:Q", title="Events"),
            tooltip=[alt.Tooltip("week:T", title="Week of"), alt.Tooltip("count:Q", title="Events")],
        )
    )
    rule = (
        alt.Chart(alt.NamedData(name=MARK))
        .mark_rule(color="#d32f2f", strokeWidth=2)
        .encode(x="week:T", tooltip=[alt.Tooltip("label:N", title="This event")])
    )
    return _finish(alt.layer(bars, rule, width=WIDTH, height=120), "Events per week at the same site")


@cache
def _actor_template() -> dict[str, Any]:
    chart = (
        alt.Chart(alt.NamedData(name=ROWS), width=WIDTH, height=200)
        .mark_bar()
        .encode(
            x=alt.X("month:T", title="Month", timeUnit="yearmonth"),
            y=alt.Y("count:Q", title="Events"),
            color=alt.Color("site:N", title="Base or site"),
            tooltip=[
                alt.Tooltip("month:T", title="Month", timeUnit="yearmonth"),
                alt.Tooltip("site:N", title="Site"),
                alt.Tooltip("count:Q", title="Events"),
            ],
        )
    )
    return _finish(chart, "Events per month, by base")


@cache
def _tallies_template() -> dict[str, Any]:
    chart = (
        alt.Chart(alt.NamedData(name=ROWS), width=WIDTH, height=260)
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("attacks:Q", title="Attacks since campaign start"),
            color=alt.Color("series:N", title="Count"),
            tooltip=[
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("series:N", title="Count"),
                alt.Tooltip("attacks:Q", title="Attacks"),
            ],
        )
    )
    return _finish(chart, "Official cumulative attack counts against this site's own count")


@cache
def _map_template() -> dict[str, Any]:
    land = (
        alt.Chart(alt.NamedData(name="land", format=alt.DataFormat(property="features", type="json")))
        .mark_geoshape(fill="#e6e6e6", stroke="#ffffff", strokeWidth=0.8)
        .encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")])
    )
    bases = (
        alt.Chart(alt.NamedData(name=ROWS))
        .mark_circle(color="#c62828", opacity=0.75, stroke="#ffffff", strokeWidth=0.5)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("attacks:Q", title="Attacks", scale=alt.Scale(range=[30, 1200])),
            href="url:N",
            tooltip=[alt.Tooltip("name:N", title="Base"), alt.Tooltip("attacks:Q", title="Attacks")],
        )
    )
    layered = alt.layer(land, bases, width=WIDTH, height=360).project(type="mercator", center=[41.0, 34.0], scale=1700)
    return _finish(layered, "Map of bases, sized by number of attacks")


# --- chart data ---------------------------------------------------------------------------------


def weekly_attacks_chart(attacks: Iterable[Event], chronology: Chronology) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for event in attacks:
        counts[(week_start(event.date), weapon_label(event, chronology))] += 1
    order = {label: i for i, label in enumerate(weapon_labels(chronology))}
    rows = [
        {"week": week, "weapon": weapon, "count": count, "order": order.get(weapon, len(order))}
        for (week, weapon), count in sorted(counts.items())
    ]
    return fill(_stacked_weekly_template(), rows=rows)


def event_chart(event: Event) -> dict[str, Any]:
    """Weekly events at the same site, shared per site, with this event marked."""
    spec = dict(_event_template())
    spec["datasets"] = _event_datasets(event)
    return spec


def _event_datasets(event: Event) -> dict[str, Any]:
    return {
        ROWS: {"$ref": f"site-weekly-{event.site}-{event.type}"},
        MARK: [{"week": week_start(event.date), "label": f"{event.date}: this {event.type}"}],
    }


def event_chart_json(event: Event) -> str:
    """to_json(event_chart(event)), without encoding the same template again for every event."""
    prefix, suffix = _event_template_json()
    return prefix + _compact(_event_datasets(event)) + suffix


@cache
def _event_template_json() -> tuple[str, str]:
    marker = "@@datasets@@"
    spec = dict(_event_template())
    spec["datasets"] = marker
    prefix, suffix = to_json(spec).split(_compact(marker))
    return prefix, suffix


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def site_weekly_rows(events: list[Event]) -> list[dict[str, Any]]:
    counts = Counter(week_start(e.date) for e in events)
    return [{"week": week, "count": count} for week, count in sorted(counts.items())]


def actor_chart(events: list[Event], chronology: Chronology) -> dict[str, Any]:
    counts = Counter((e.month + "-01", chronology.base_name(e.base) or chronology.site_name(e)) for e in events)
    rows = [{"month": month, "site": site, "count": count} for (month, site), count in sorted(counts.items())]
    return fill(_actor_template(), rows=rows)


def tallies_chart(chronology: Chronology) -> dict[str, Any]:
    rows: list[dict[str, Any]] = [
        {"date": t.as_of, "series": "Official tally", "attacks": t.attacks} for t in chronology.tallies
    ]
    rows.extend({"date": d, "series": "This chronology", "attacks": n} for d, n in cumulative_attacks(chronology))
    return fill(_tallies_template(), rows=rows)


def cumulative_attacks(chronology: Chronology) -> list[tuple[str, int]]:
    """(date, attacks recorded here up to and including that date), one row per day with attacks."""
    per_day = Counter(e.date for e in chronology.attacks if e.date >= chronology.campaign_start)
    total, rows = 0, []
    for day in sorted(per_day):
        total += per_day[day]
        rows.append((day, total))
    return rows


def bases_map_chart(chronology: Chronology) -> dict[str, Any]:
    spec = fill(_map_template(), rows=bases_map_rows(chronology))
    spec["datasets"]["land"] = {"$ref": "region"}
    return spec


def bases_map_rows(chronology: Chronology) -> list[dict[str, Any]]:
    counts = Counter(e.base for e in chronology.attacks if e.base)
    return [
        {
            "id": base_id,
            "name": base["name"],
            "lat": base["lat"],
            "lon": base["lon"],
            "attacks": counts[base_id],
            "url": f"bases/{base_id}/",
        }
        for base_id, base in sorted(chronology.bases.items())
        if counts[base_id] and "lat" in base and "lon" in base
    ]


def weapon_label(event: Event, chronology: Chronology) -> str:
    if len(event.weapons) > 1:
        return SEVERAL
    if not event.weapons:
        return str(chronology.weapons.get("unknown", {}).get("name", "Unknown"))
    return str(chronology.weapons.get(event.weapons[0], {}).get("name", event.weapons[0]))


def weapon_labels(chronology: Chronology) -> list[str]:
    return [str(w.get("name", w_id)) for w_id, w in chronology.weapons.items()] + [SEVERAL]


def shared_datasets(chronology: Chronology) -> dict[str, list[dict[str, Any]]]:
    """Data shared by many charts, written once: weekly counts per site and event type."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in chronology.events:
        groups[f"site-weekly-{event.site}-{event.type}"].append(event)
    return {name: site_weekly_rows(events) for name, events in sorted(groups.items())}


__all__ = ["ATTACK", "build_charts", "shared_datasets"]
