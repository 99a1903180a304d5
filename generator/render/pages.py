"""Markdown pages from the chronology, through Jinja2 templates with autoescaping.

Record text is untrusted: it only ever reaches a page through an autoescaped template variable,
inside a raw HTML block (`markdown="0"`), where Markdown does not parse it. So `*`, `[x](javascript:…)`,
`{: onclick=…}` and `<script>` in a summary are shown as typed. Links are built here from ids that
the schema restricts to [a-z0-9-], and source URLs are rendered only when they are http(s).
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.core.cache import Store
from generator.core.urls import safe_url
from generator.render.charts import (
    ATTACK_COLOUR,
    BAR_COLOUR,
    HIGHLIGHT_COLOUR,
    OFFICIAL_COLOUR,
    STRIKE_COLOUR,
    cumulative_attacks,
    day_label,
    has_chart,
    weapon_label,
    weapon_legend,
    weapon_palette,
)
from generator.render.exports import CODE_LICENSE, DATA_LICENSE, EVENT_COLUMNS, TALLY_DICTIONARY
from generator.render.geo import MAX_DOTS, Frame, map_frame
from generator.render.model import (
    ATTACK,
    STRIKE,
    Chronology,
    Event,
    Tally,
    date_span,
    event_kind,
    event_where,
    plural,
)
from generator.render.review import percent, review_summary

FIRST_ON_CHRONOLOGY = 100  # the chronology index lists the newest events; its filter, or the month pages, the rest
LIST_LIMIT = 300  # base and actor pages list at most this many events; above it, one page per year
LATEST_ON_HOME = 10
ACTOR_KINDS = {
    "armed-group-umbrella": "Umbrella name used by several armed groups",
    "armed-group": "Armed group",
    "state-affiliated-force": "State-affiliated force",
    "state-force": "State armed forces",
    "coalition": "Military coalition",
}


def render_pages(chronology: Chronology, cache: Store | None = None) -> dict[str, str]:
    """Every generated page as {path relative to the generated folder: Markdown text}.

    Event pages are most of the pages and each depends only on its own event (and the reference
    data), so with a cache an unchanged event's page is taken from the previous build. The cache's
    fingerprint must change whenever anything else an event page shows changes: the templates and
    code that render it, the reference data and the site title; its key holds the rest (the record,
    its dates, its title and the site's address).
    """
    rows = RowCache(chronology, cache)
    frame = map_frame(chronology)
    pages: dict[str, str] = {}
    pages["index.md"] = _render("home.md.j2", "index.md", chronology, rows, frame, **_home_context(chronology))
    pages.update(_chronology_pages(chronology, rows, frame))
    pages.update(_base_pages(chronology, rows, frame))
    pages.update(_actor_pages(chronology, rows, frame))
    pages["tallies.md"] = _render("tallies.md.j2", "tallies.md", chronology, rows, frame, rows=_tally_rows(chronology))
    pages["downloads.md"] = _render(
        "downloads.md.j2",
        "downloads.md",
        chronology,
        rows,
        frame,
        count=len(chronology.events),
        event_columns=EVENT_COLUMNS,
        tally_columns=TALLY_DICTIONARY,
        data_license=DATA_LICENSE,
        code_license=CODE_LICENSE,
    )
    pages["methodology.md"] = _render(
        "methodology.md.j2", "methodology.md", chronology, rows, frame, review=review_summary(chronology.review)
    )
    for event in chronology.events:
        path = f"events/{event.id}.md"
        key = page_key(event, chronology) if cache else ""
        text = cache.get(key) if cache else None
        if text is None:
            helpers = PageHelpers(chronology, root=root_prefix(path), rows=rows, frame=frame)
            text = _environment().get_template("event.md.j2").render(v=helpers.event_view(event))
            if cache:
                cache.put(key, text)
        pages[path] = text
    return pages


def page_key(event: Event, chronology: Chronology) -> str:
    """What an event page shows, as a cache key: the record (its digest and path), its dates, its title
    (which depends on other events of the same day) and the site's address (its permalink)."""
    parts = (
        chronology.added(event),
        chronology.changed(event),
        chronology.titles.get(event.id, ""),
        chronology.site_url,
    )
    if event.digest:
        return "\x00".join((event.digest, event.path, *parts))
    return hashlib.blake2b(repr((event, parts)).encode("utf-8"), digest_size=16).hexdigest()


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters["nw"] = nowrap_words
    return environment


def _render(template: str, path: str, chronology: Chronology, row_cache: RowCache, frame: Frame, **context: Any) -> str:
    helpers = PageHelpers(chronology, root=root_prefix(path), rows=row_cache, frame=frame)
    return _environment().get_template(template).render(c=chronology, h=helpers, **context)


def root_prefix(path: str) -> str:
    """Relative URL from a page (with MkDocs directory URLs) back to the site root."""
    parts = path.removesuffix(".md").split("/")
    depth = len(parts) - 1 if parts[-1] == "index" else len(parts)
    return "../" * depth


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def long_date(iso: str) -> str:
    """'23 November 2023'."""
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{int(day)} {calendar.month_name[int(month)]} {year}"


def count(value: int | None, at_least: bool = False) -> str:
    """'not reported', '3', or 'at least 3' for a lower bound."""
    if value is None:
        return "not reported"
    return f"at least {value}" if at_least else str(value)


def us_casualties(event: Event) -> str:
    """U.S./coalition casualties of an attack, in words: '1 killed, at least 34 injured', 'none', 'not reported'."""
    killed, injured = event.us_killed, event.us_injured
    if killed is None and injured is None:
        return "not reported"
    if killed == 0 and injured == 0 and not event.at_least:
        return "none"
    k = count(killed, "us_killed" in event.at_least)
    i = count(injured, "us_injured" in event.at_least)
    if killed is None:
        return f"{i} injured; deaths not reported"
    if injured is None:
        return f"{k} killed; injuries not reported"
    return f"{k} killed, {i} injured"


def strike_deaths(event: Event) -> str:
    if event.killed is None:
        return "not reported"
    return f"{count(event.killed, 'killed' in event.at_least)} killed"


def date_text(event: Event) -> str:
    """'2023-11-24', 'week of 2023-11-20' or '2023-11 (month)': how precisely the date is known."""
    start, _end = date_span(event.date, event.date_precision)
    if event.date_precision == "week":
        return f"week of {start}"
    if event.date_precision == "month":
        return f"{start[:7]} (month)"
    return event.date


_HYPHENATED = re.compile(r"\S*-\S*")


def nowrap_words(text: Any) -> Markup:
    """Text for a table cell, escaped, with each hyphenated word ('al-Asad', '2023-11-23') kept on one line:
    a cell then breaks only at spaces, never inside a word."""
    escaped = str(escape(text))
    return Markup(_HYPHENATED.sub(lambda m: f'<span class="nw">{m.group(0)}</span>', escaped))


_BIBTEX = str.maketrans(
    {
        "{": "\\{",
        "}": "\\}",
        "\\": "\\textbackslash{}",
        "%": "\\%",
        "&": "\\&",
        "$": "\\$",
        "#": "\\#",
        "_": "\\_",
        "~": "\\textasciitilde{}",
        "^": "\\textasciicircum{}",
    }
)


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: its special characters escaped."""
    return text.translate(_BIBTEX)


@dataclass(frozen=True)
class PageHelpers:
    """Formatting used by the templates. Returns plain strings (escaped by Jinja) or Markup it built itself."""

    chronology: Chronology
    root: str
    rows: RowCache
    frame: Frame

    long_date = staticmethod(long_date)
    day_label = staticmethod(day_label)
    month_label = staticmethod(month_label)
    plural = staticmethod(plural)
    percent = staticmethod(percent)

    def stated(self, value: int | None) -> Markup:
        """A figure of an official statement, or a dash (read out as 'not stated') where it gives none."""
        if value is None:
            return Markup('<span aria-hidden="true">–</span><span class="sr-only">not stated</span>')
        return Markup(escape(value))

    def yes_no(self, value: bool | None) -> str:
        return {True: "Yes", False: "No", None: "Not reported"}[value]

    def base_name(self, base_id: str | None) -> str:
        return self.chronology.base_name(base_id)

    def country_name(self, code: str) -> str:
        return self.chronology.country_name(code)

    def actor_name(self, actor_id: str) -> str:
        return str(self.chronology.actors.get(actor_id, {}).get("name", actor_id))

    def actor_kind(self, kind: str) -> str:
        return ACTOR_KINDS.get(kind, kind)  # a kind the site has no words for is shown as written

    def where(self, event: Event) -> str:
        if event.base:
            return self.base_name(event.base)
        return f"{event.place or 'Unnamed site'} ({self.country_name(event.country)})"

    def weapon_names(self, event: Event) -> str:
        names = [str(self.chronology.weapons.get(w, {}).get("name", w)) for w in event.weapons]
        return ", ".join(names) if names else "not reported"

    def kind(self, event: Event) -> str:
        return event_kind(event, self.chronology)

    def title(self, event: Event) -> str:
        return self.chronology.titles.get(event.id) or f"{event.date}: {event_kind(event, self.chronology)}"

    def outlets(self, event: Event) -> str:
        seen: list[str] = []
        for source in event.sources:
            outlet = str(source.get("outlet", ""))
            if outlet and outlet not in seen:
                seen.append(outlet)
        return "; ".join(seen)

    def actor_links(self, actor_ids: tuple[str, ...]) -> Markup:
        return Markup(
            ", ".join(
                f'<a href="{self.root}actors/{actor_id}/">{escape(self.actor_name(actor_id))}</a>'
                for actor_id in actor_ids
            )
        )

    def safe_url(self, url: Any) -> str:
        """The URL when it may be a link (generator.core.urls); otherwise empty, and no link is rendered."""
        return safe_url(url)

    def has_chart(self, kind: str, key: str) -> bool:
        return has_chart(self.chronology, kind, key)

    def legend(self, items: list[tuple[str, str]], shape: str = "square") -> Markup:
        """An HTML legend: it wraps on a phone, where a legend drawn inside the chart would be cut off."""
        entries = "".join(
            f'<li><span class="swatch {shape}" style="background:{escape(colour)}" aria-hidden="true"></span>'
            f"{escape(label)}</li>"
            for label, colour in items
        )
        return Markup(f'<ul class="legend">{entries}</ul>')

    def weapon_legend(self, events: list[Event]) -> Markup:
        return self.legend(weapon_legend(events, self.chronology))

    def type_legend(self, shape: str = "square") -> Markup:
        return self.legend([("Attacks", ATTACK_COLOUR), ("U.S. strikes", STRIKE_COLOUR)], shape)

    def tally_legend(self) -> Markup:
        return self.legend(
            [
                ("Official tally (▲ a lower bound: 'at least', 'more than')", OFFICIAL_COLOUR),
                ("Recorded here", ATTACK_COLOUR),
            ]
        )

    def event_legend(self, event: Event) -> Markup:
        return self.legend([(f"This {event.type}", HIGHLIGHT_COLOUR), (self.event_scope(event), BAR_COLOUR)])

    def event_scope(self, event: Event) -> str:
        """What the bars of an event's chart count."""
        if event.type == STRIKE:
            return "U.S. strikes per week, everywhere"
        if event.base:
            return f"Attacks per week at {self.base_name(event.base)}"
        return f"Attacks per week at unnamed sites in {self.country_name(event.country)}"

    def event_rows(self, events: list[Event], show_site: bool = True) -> Markup:
        return self.rows.rows(events, self.root, show_site)

    def locator(self, event: Event) -> Markup:
        """A small map with the event's place marked: the land is one shared SVG file; the dot is placed here."""
        base = self.chronology.bases.get(event.base or "", {})
        if "lat" in base and "lon" in base:
            x, y = self.frame.point(base["lat"], base["lon"])
            precision = base.get("precision_km")
            where = f"{self.base_name(event.base)}, at {base['lat']:.2f}° N, {base['lon']:.2f}° E"
            where += f" (within about {precision:g} km)" if precision is not None else " (approximate)"
            shape = "dot"
        else:
            x, y = self.frame.centroid(self.country_name(event.country))
            where = f"Somewhere in {self.country_name(event.country)}: the reports do not name the site"
            shape = "dot country"
        left = f"{100 * x / 1000:.2f}%"
        top = f"{100 * y / self.frame.height:.2f}%"
        style = f"aspect-ratio: 1000 / {self.frame.height:g}; background-image: url({self.root}assets/map/region.svg)"
        return Markup(
            f'<figure class="locator" markdown="0"><div class="locator-map" style="{escape(style)}" aria-hidden="true">'
            f'<span class="{shape}" style="left: {left}; top: {top}"></span></div>'
            f"<figcaption>{escape(where)}</figcaption></figure>"
        )

    def event_view(self, event: Event) -> dict[str, Any]:
        """Everything an event's page shows, ready to print: the template only places it."""
        c = self.chronology
        at_least = event.at_least
        if event.date_precision == "day":
            date: Any = long_date(event.date)
        else:
            p = event.date_precision
            date = Markup(
                f'{escape(date_text(event))} <span class="uncertain">(known only to the {p}: '
                f"it happened some day in that {p})</span>"
            )
        root = self.root
        where = (
            Markup(f'<a href="{root}bases/{event.base}/">{escape(self.base_name(event.base))}</a>, ')
            if event.base
            else Markup("Unnamed site, ")
        )
        where += self.country_name(event.country)
        if event.place:
            # the place is the record's own description, not a quotation of a report
            where += Markup(f" ({escape(event.place)})")
        facts: list[tuple[str, Any, bool]]
        if event.type == ATTACK:
            claimed = self.actor_links(event.claimed_by) if event.claimed_by else "No claim reported"
            facts = [
                ("Claimed by", claimed, bool(event.claimed_by)),
                ("Intercepted", self.yes_no(event.intercepted), False),
                ("U.S./coalition killed", count(event.us_killed, "us_killed" in at_least), False),
                ("U.S./coalition injured", count(event.us_injured, "us_injured" in at_least), False),
            ]
        else:
            strikers = c.strikers(event)
            facts = [
                ("Carried out by", self.actor_links(strikers) if strikers else "U.S. forces", True),
                (
                    "Groups targeted",
                    self.actor_links(event.targets) if event.targets else "Not named",
                    bool(event.targets),
                ),
                ("Killed by the strike", count(event.killed, "killed" in at_least), False),
            ]
        sources = [
            {
                "outlet": s.get("outlet", ""),
                "published": s.get("published", ""),
                "inferred": s.get("published_inferred"),
                "url": safe_url(s.get("url")),
                "title": s.get("title"),
                "article": s.get("article"),
                "quote": s.get("quote"),
            }
            for s in event.sources
        ]
        return {
            "id": event.id,
            "root": root,
            "title": self.title(event),
            "description": f"{self.kind(event)}, {date_text(event)}, {self.where(event)}",
            "path": event.path,
            "draft": event.review == "draft",
            "summary": event.summary,
            "date": date,
            "type": "Attack on U.S./coalition forces" if event.type == ATTACK else "Strike by U.S./coalition forces",
            "where": where,
            "weapons": self.weapon_names(event) if event.weapons else "",
            "facts": facts,
            "outlets": self.outlets(event),
            "review": "Reviewed by a person" if event.review == "reviewed" else "Draft, not yet reviewed",
            "added": c.added(event),
            "changed": c.changed(event),
            "locator": self.locator(event),
            "chart_label": f"{self.event_scope(event)}, with this {event.type} marked",
            "legend": self.event_legend(event),
            "sources": sources,
            "notes": event.notes,
            "permalink": c.permalink(event),
            "citation": self.citation(event),
            "bibtex": self.bibtex(event),
        }

    def citation(self, event: Event) -> str:
        c = self.chronology
        return (
            f'{c.title}. "{self.title(event)}." Record {event.id}, last changed {c.changed(event)}. '
            f"{c.permalink(event)} (retrieved [date])."
        )

    def bibtex(self, event: Event) -> str:
        c = self.chronology
        changed = c.changed(event)
        fields = [
            ("title", bibtex_escape(self.title(event))),
            ("author", "{" + bibtex_escape(c.title) + "}"),
            ("year", changed[:4]),
            ("howpublished", f"\\url{{{c.permalink(event)}}}"),
            ("note", f"Record {event.id}, last changed {changed}. Retrieved [date]"),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{chronology-{event.id},\n{body}\n}}"

    def prev_next(
        self, older: Any, newer: Any, older_url: str, newer_url: str, older_label: str, newer_label: str
    ) -> Markup:
        """'← Previous: October 2023 · Next: December 2023 →', older first."""
        links = []
        if older:
            links.append(Markup('<a href="{}" rel="prev">← Previous: {}</a>').format(older_url, older_label))
        if newer:
            links.append(Markup('<a href="{}" rel="next">Next: {} →</a>').format(newer_url, newer_label))
        return Markup(' <span aria-hidden="true">&middot;</span> ').join(links)


class RowCache:
    """Table rows of events, built once per (event, page depth) and shared by every index page.

    An event appears in the chronology, its month, its base and its actors' pages: its row is
    built in Python once for each link depth rather than in a template loop for every page.
    """

    def __init__(self, chronology: Chronology, cache: Store | None = None) -> None:
        self.chronology = chronology
        self.cache = cache  # the cells of earlier builds, by record (its digest and path)
        self.cells: dict[str, tuple[str, str, str, str]] = {}
        self.built: dict[tuple[str, str, bool], str] = {}

    def rows(self, events: list[Event], root: str, show_site: bool) -> Markup:
        built = self.built
        out = []
        for event in events:
            row = built.get((event.id, root, show_site))
            if row is None:
                row = built[(event.id, root, show_site)] = self._row(event, root, show_site)
            out.append(row)
        return Markup("".join(out))

    def _row(self, event: Event, root: str, show_site: bool) -> str:
        """One <tr>, every value escaped here (this is the hottest loop of the page stage)."""
        cells = self.cells.get(event.id)
        if cells is None:
            cells = self.cells[event.id] = self._cells(event)
        start, with_site, without_site, rest = cells
        return f"{start}{escape(root)}{with_site if show_site else without_site}{rest}"

    def _cells(self, event: Event) -> tuple[str, str, str, str]:
        """The parts of an event's row around the link depth: from an earlier build when the record is the same."""
        key = f"row\x00{event.digest}\x00{event.path}" if self.cache is not None and event.digest else ""
        stored = self.cache.get(key) if self.cache is not None and key else None
        if stored is not None:
            return stored  # type: ignore[no-any-return]
        draft = event.review == "draft"
        start = f'<tr class="{event.type} draft">' if draft else f'<tr class="{event.type}">'
        start += f'<td class="date">{escape(date_text(event))}</td><td><a href="'
        tag = ' <span class="draft-tag">draft</span>' if draft else ""
        link = f'events/{escape(event.id)}/">{nowrap_words(event_kind(event, self.chronology))}</a>{tag}</td>'
        where = f"<td>{nowrap_words(event_where(event, self.chronology))}</td>"
        na = '<td class="na"><span aria-hidden="true">–</span><span class="sr-only">not applicable</span></td>'
        if event.type == ATTACK:
            rest = f'<td data-label="U.S./coalition">{escape(us_casualties(event))}</td>{na}</tr>\n'
        else:
            rest = f'{na}<td data-label="Killed by the strike">{escape(strike_deaths(event))}</td></tr>\n'
        cells = (start, link + where, link, rest)
        if self.cache is not None and key:
            self.cache.put(key, cells)
        return cells


# --- page contexts --------------------------------------------------------------------------------


def _official(tallies: list[Tally], field: str) -> dict[str, Any] | None:
    """The latest official figure for a field ('injured', 'killed'), as a range when statements that day differ."""
    stated = [t for t in tallies if getattr(t, field) is not None]
    if not stated:
        return None
    day = max(t.as_of for t in stated)
    values = sorted({getattr(t, field) for t in stated if t.as_of == day})
    text = str(values[0]) if len(values) == 1 else f"{values[0]}–{values[-1]}"
    return {"value": text, "as_of": day, "statements": sum(1 for t in stated if t.as_of == day)}


def _coverage(chronology: Chronology) -> list[dict[str, Any]]:
    """Month by month: attacks and strikes recorded here, and the official tally of that month against
    the attacks recorded here by the same day."""
    attacks = Counter(e.month for e in chronology.attacks)
    strikes = Counter(e.month for e in chronology.strikes)
    latest: dict[str, Tally] = {}
    for tally in chronology.tallies:  # oldest first: the last one of a month wins
        latest[tally.as_of[:7]] = tally
    months = sorted(set(attacks) | set(strikes) | set(latest))
    if months:
        first = min(months[0], chronology.campaign_start[:7])
        months = _month_range(first, months[-1])
    ours = cumulative_attacks(chronology)
    rows = []
    for month in months:
        stated = latest.get(month)
        row: dict[str, Any] = {"month": month, "attacks": attacks[month], "strikes": strikes[month], "tally": stated}
        if stated:
            by_then = recorded_by(ours, stated.as_of)
            row["by_then"] = by_then
            row["share"] = f"{round(100 * by_then / stated.attacks)}%" if stated.attacks else ""
        rows.append(row)
    return list(reversed(rows))


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _home_context(chronology: Chronology) -> dict[str, Any]:
    attacks = chronology.attacks
    latest_tally = chronology.tallies[-1] if chronology.tallies else None
    ours_by_tally = recorded_by(cumulative_attacks(chronology), latest_tally.as_of) if latest_tally else 0
    reported_killed = [e for e in attacks if e.us_killed is not None]
    reported_injured = [e for e in attacks if e.us_injured is not None]
    figures = {
        "attacks": len(attacks),
        "strikes": len(chronology.strikes),
        "tally": latest_tally,
        "ours_by_tally": ours_by_tally,
        "official_injured": _official(chronology.tallies, "injured"),
        "official_killed": _official(chronology.tallies, "killed"),
        "records_killed": sum(e.us_killed or 0 for e in reported_killed),
        "records_injured": sum(e.us_injured or 0 for e in reported_injured),
        "killed_reported_in": len(reported_killed),
        "injured_reported_in": len(reported_injured),
    }
    palette = weapon_palette(chronology)
    monthly: dict[str, Counter[str]] = {}
    for event in attacks:
        monthly.setdefault(event.month, Counter())[weapon_label(event, chronology)] += 1
    used = [c for c in palette if any(counts[c] for counts in monthly.values())]
    rows = [
        {"month": month, "counts": [counts[c] for c in used], "total": sum(counts.values())}
        for month, counts in sorted(monthly.items(), reverse=True)
    ]
    base_rows, unnamed_rows = _site_rows(chronology)
    return {
        "crowded_sites": any(len(events) > MAX_DOTS for events in chronology.by_site.values()),
        "figures": figures,
        "coverage": _coverage(chronology),
        "weapon_columns": used,
        "monthly_weapons": rows,
        "base_rows": [r for r in base_rows if r["attacks"] or r["strikes"]],
        "unnamed_rows": unnamed_rows,
        "latest": chronology.events[:LATEST_ON_HOME],
    }


def _site_rows(chronology: Chronology) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    base_rows: list[dict[str, Any]] = []
    unnamed: dict[str, dict[str, Any]] = {}
    for base_id, base in chronology.bases.items():
        events = chronology.by_site.get(base_id, [])
        attacks = [e for e in events if e.type == ATTACK]
        base_rows.append(
            {
                "id": base_id,
                "name": base.get("name", base_id),
                "country": chronology.country_name(str(base.get("country", ""))),
                "attacks": len(attacks),
                "strikes": len(events) - len(attacks),
                "latest": attacks[0].date if attacks else "",
            }
        )
    for event in chronology.attacks:
        if not event.base:
            row = unnamed.setdefault(
                event.country,
                {
                    "code": event.country,
                    "country": chronology.country_name(event.country),
                    "attacks": 0,
                    "latest": event.date,
                },
            )
            row["attacks"] += 1
    base_rows.sort(key=lambda r: (-r["attacks"], r["name"]))
    return base_rows, [unnamed[k] for k in sorted(unnamed)]


def _chronology_pages(chronology: Chronology, rows: RowCache, frame: Frame) -> dict[str, str]:
    months: list[dict[str, Any]] = []
    for event in chronology.events:
        if not months or months[-1]["key"] != event.month:
            months.append({"key": event.month, "label": month_label(event.month), "events": []})
        months[-1]["events"].append(event)
    for month in months:
        month["attacks"] = sum(1 for e in month["events"] if e.type == ATTACK)
        month["strikes"] = len(month["events"]) - month["attacks"]
    pages = {
        "chronology/index.md": _render(
            "chronology.md.j2",
            "chronology/index.md",
            chronology,
            rows,
            frame,
            months=months,
            first_events=chronology.events[:FIRST_ON_CHRONOLOGY],
            total_attacks=len(chronology.attacks),
            total_strikes=len(chronology.strikes),
            bases=sorted(((b, str(v.get("name", b))) for b, v in chronology.bases.items()), key=lambda x: x[1]),
            groups=sorted(((a, str(v.get("name", a))) for a, v in chronology.actors.items()), key=lambda x: x[1]),
            weapons=[(w, str(v.get("name", w))) for w, v in chronology.weapons.items()],
            countries=sorted(
                {(e.country, chronology.country_name(e.country)) for e in chronology.events}, key=lambda x: x[1]
            ),
        )
    }
    for index, month in enumerate(months):
        path = f"chronology/{month['key']}.md"
        newer = months[index - 1] if index > 0 else None
        older = months[index + 1] if index + 1 < len(months) else None
        pages[path] = _render("month.md.j2", path, chronology, rows, frame, month=month, newer=newer, older=older)
    return pages


def _by_year(events: list[Event]) -> list[dict[str, Any]]:
    """Events (newest first) grouped by year, newest year first, with each year's neighbours."""
    years: list[dict[str, Any]] = []
    for event in events:
        if not years or years[-1]["year"] != event.date[:4]:
            years.append({"year": event.date[:4], "events": []})
        years[-1]["events"].append(event)
    for index, year in enumerate(years):
        year["newer"] = years[index - 1]["year"] if index > 0 else None
        year["older"] = years[index + 1]["year"] if index + 1 < len(years) else None
    return years


def casualty_totals(attacks: list[Event]) -> dict[str, Any]:
    """U.S./coalition killed and injured over some attacks, counting only the figures that were reported."""
    totals: dict[str, Any] = {"attacks": len(attacks)}
    for field in ("us_killed", "us_injured"):
        reported = [e for e in attacks if getattr(e, field) is not None]
        total = sum(getattr(e, field) for e in reported)
        lower = any(field in e.at_least for e in reported)
        if not reported:
            text = "not reported"
        else:
            text = f"{'at least ' if lower else ''}{total}"
            if len(reported) < len(attacks):
                text += f" (reported for {len(reported)} of {plural(len(attacks), 'attack')})"
        totals[field] = text
    return totals


def _base_pages(chronology: Chronology, rows: RowCache, frame: Frame) -> dict[str, str]:
    base_rows, unnamed_rows = _site_rows(chronology)
    pages = {
        "bases/index.md": _render(
            "bases_index.md.j2", "bases/index.md", chronology, rows, frame, rows=base_rows, unnamed_rows=unnamed_rows
        )
    }
    for base_id, base in chronology.bases.items():
        events = chronology.by_site.get(base_id, [])
        attacks = [e for e in events if e.type == ATTACK]
        years = _by_year(events) if len(events) > LIST_LIMIT else []
        path = f"bases/{base_id}.md"
        base = _with_defaults(base)
        pages[path] = _render(
            "base.md.j2",
            path,
            chronology,
            rows,
            frame,
            base=base,
            events=events,
            attacks=attacks,
            years=years,
            totals=casualty_totals(attacks),
        )
        for year in years:
            year_path = f"bases/{base_id}/{year['year']}.md"
            pages[year_path] = _render(
                "base_year.md.j2", year_path, chronology, rows, frame, base=base, year=year, events=year["events"]
            )
    return pages


def _actor_pages(chronology: Chronology, rows: RowCache, frame: Frame) -> dict[str, str]:
    index_rows = []
    pages: dict[str, str] = {}
    for actor_id, actor in chronology.actors.items():
        events = chronology.by_actor.get(actor_id, [])
        claimed = [e for e in events if e.type == ATTACK and actor_id in e.claimed_by]
        carried_out = [e for e in events if actor_id in chronology.strikers(e)]
        targeted = [e for e in events if actor_id in e.targets]
        index_rows.append(
            {
                "id": actor_id,
                "name": actor.get("name", actor_id),
                "claimed": len(claimed),
                "carried_out": len(carried_out),
                "targeted": len(targeted),
            }
        )
        monthly = Counter((e.month, e.type) for e in events)
        years = _by_year(events) if len(events) > LIST_LIMIT else []
        path = f"actors/{actor_id}.md"
        actor = _with_defaults(actor)
        sections = _actor_sections(claimed, carried_out, targeted)
        pages[path] = _render(
            "actor.md.j2",
            path,
            chronology,
            rows,
            frame,
            actor=actor,
            claimed=claimed,
            carried_out=carried_out,
            targeted=targeted,
            sections=sections,
            events=events,
            years=years,
            monthly=[{"month": m, "type": t, "count": n} for (m, t), n in sorted(monthly.items(), reverse=True)],
        )
        for year in years:
            year_path = f"actors/{actor_id}/{year['year']}.md"
            in_year = set(e.id for e in year["events"])
            pages[year_path] = _render(
                "actor_year.md.j2",
                year_path,
                chronology,
                rows,
                frame,
                actor=actor,
                year=year,
                sections=[(title, [e for e in listed if e.id in in_year], empty) for title, listed, empty in sections],
            )
    index_rows.sort(key=lambda r: (-(r["claimed"] + r["carried_out"] + r["targeted"]), r["name"]))
    pages["actors/index.md"] = _render(
        "actors_index.md.j2", "actors/index.md", chronology, rows, frame, rows=index_rows
    )
    return pages


def _actor_sections(
    claimed: list[Event], carried_out: list[Event], targeted: list[Event]
) -> list[tuple[str, list[Event], str]]:
    """(heading, events, what to say when there are none) for the tables of an actor's page."""
    sections = [("Attacks claimed", claimed, "No claimed attacks recorded.")]
    if carried_out:
        sections.append(("Strikes carried out", carried_out, ""))
    sections.append(("Strikes targeting it", targeted, "No strikes on this group recorded."))
    return sections


def _with_defaults(entry: dict[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "aliases": [],
        "region": "",
        "kind": "",
        "lat": None,
        "lon": None,
        "country": "",
        "precision_km": None,
        "coordinates_source": "",
        "description": "",
    }
    return {**defaults, **entry}


def recorded_by(ours: list[tuple[str, int]], day: str) -> int:
    """Attacks recorded here up to and including `day`, from cumulative_attacks' rows."""
    index = bisect.bisect_right(ours, (day, float("inf")))
    return ours[index - 1][1] if index else 0


def _tally_rows(chronology: Chronology) -> list[dict[str, Any]]:
    ours = cumulative_attacks(chronology)
    return [{"t": tally, "ours": recorded_by(ours, tally.as_of)} for tally in reversed(chronology.tallies)]
