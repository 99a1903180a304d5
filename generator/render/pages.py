"""Markdown pages from the chronology, through Jinja2 templates with autoescaping.

Record text is untrusted: it only ever reaches a page through an autoescaped template variable,
inside a raw HTML block (`markdown="0"`), where Markdown does not parse it. So `*`, `[x](javascript:…)`,
`{: onclick=…}` and `<script>` in a summary are shown as typed. Links are built here from ids that
the schema restricts to [a-z0-9-], and source URLs are rendered only when they are http(s).
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.core.cache import Store
from generator.core.urls import safe_url
from generator.render.charts import cumulative_attacks, weapon_label, weapon_labels
from generator.render.model import ATTACK, STRIKE, Chronology, Event, week_start

INLINE_CHRONOLOGY_LIMIT = 500  # the chronology index lists every event when there are at most this many
LIST_LIMIT = 300  # base and actor pages list at most this many events; above it, one page per year
LATEST_ON_HOME = 10


def render_pages(chronology: Chronology, cache: Store | None = None) -> dict[str, str]:
    """Every generated page as {path relative to the generated folder: Markdown text}.

    Event pages are most of the pages and each depends only on its own event (and the reference
    data), so with a cache an unchanged event's page is taken from the previous build. The cache's
    fingerprint must change whenever anything else an event page shows changes: the templates and
    code that render it, the reference data and the site title.
    """
    rows = RowCache(chronology, cache)
    pages: dict[str, str] = {}
    pages["index.md"] = _render("home.md.j2", "index.md", chronology, rows, **_home_context(chronology))
    pages.update(_chronology_pages(chronology, rows))
    pages.update(_base_pages(chronology, rows))
    pages.update(_actor_pages(chronology, rows))
    pages["tallies.md"] = _render("tallies.md.j2", "tallies.md", chronology, rows, rows=_tally_rows(chronology))
    pages["downloads.md"] = _render("downloads.md.j2", "downloads.md", chronology, rows, count=len(chronology.events))
    for event in chronology.events:
        path = f"events/{event.id}.md"
        key = page_key(event, chronology.added(event), chronology.changed(event)) if cache else ""
        text = cache.get(key) if cache else None
        if text is None:
            text = _render("event.md.j2", path, chronology, rows, e=event)
            if cache:
                cache.put(key, text)
        pages[path] = text
    return pages


def page_key(event: Event, added: str, changed: str) -> str:
    """What an event page shows, as a cache key: the record (its digest and path) and its dates."""
    if event.digest:
        return f"{event.digest}\x00{event.path}\x00{added}\x00{changed}"
    return hashlib.blake2b(repr((event, added, changed)).encode("utf-8"), digest_size=16).hexdigest()


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def _render(template: str, path: str, chronology: Chronology, row_cache: RowCache, **context: Any) -> str:
    helpers = PageHelpers(chronology, root=root_prefix(path), rows=row_cache)
    return _environment().get_template(template).render(c=chronology, h=helpers, **context)


def root_prefix(path: str) -> str:
    """Relative URL from a page (with MkDocs directory URLs) back to the site root."""
    parts = path.removesuffix(".md").split("/")
    depth = len(parts) - 1 if parts[-1] == "index" else len(parts)
    return "../" * depth


@dataclass(frozen=True)
class PageHelpers:
    """Formatting used by the templates. Returns plain strings (escaped by Jinja) or Markup it built itself."""

    chronology: Chronology
    root: str
    rows: RowCache

    def num(self, value: int | None) -> str:
        return "not reported" if value is None else str(value)

    def yes_no(self, value: bool | None) -> str:
        return {True: "Yes", False: "No", None: "Not reported"}[value]

    def base_name(self, base_id: str | None) -> str:
        return self.chronology.base_name(base_id)

    def country_name(self, code: str) -> str:
        return self.chronology.country_name(code)

    def site_label(self, event: Event) -> str:
        if event.type == STRIKE and not event.base:
            return self.country_name(event.country)
        return self.chronology.site_name(event)

    def where(self, event: Event) -> str:
        if event.base:
            return self.base_name(event.base)
        return f"{event.place or 'Unnamed site'} ({self.country_name(event.country)})"

    def weapon_names(self, event: Event) -> str:
        names = [str(self.chronology.weapons.get(w, {}).get("name", w)) for w in event.weapons]
        return ", ".join(names) if names else "not reported"

    def casualties(self, event: Event) -> str:
        if event.type == STRIKE:
            return f"{self.num(event.killed)} killed"
        return f"{self.num(event.us_killed)} killed, {self.num(event.us_injured)} injured"

    def kind(self, event: Event) -> str:
        """'Rocket and drone attack', 'Attack' (weapon not reported) or 'U.S. strike in Iraq'."""
        if event.type == STRIKE:
            return f"U.S. strike in {self.country_name(event.country)}"
        if not event.weapons:
            return "Attack"
        names = [str(self.chronology.weapons.get(w, {}).get("name", w)).lower() for w in event.weapons]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{listed[:1].upper()}{listed[1:]} attack"

    def title(self, event: Event) -> str:
        if event.type == STRIKE:
            place = f" ({event.place})" if event.place else ""
            return f"{event.date}: U.S. strike in {self.country_name(event.country)}{place}"
        return f"{event.date}: {self.kind(event)} on {self.site_label(event)}"

    def actor_links(self, actor_ids: tuple[str, ...]) -> Markup:
        links = [
            Markup('<a href="{}actors/{}/">{}</a>').format(
                self.root, actor_id, self.chronology.actors.get(actor_id, {}).get("name", actor_id)
            )
            for actor_id in actor_ids
        ]
        return Markup(", ").join(links)

    def safe_url(self, url: Any) -> str:
        """The URL when it may be a link (generator.core.urls); otherwise empty, and no link is rendered."""
        return safe_url(url)

    def site_context(self, event: Event) -> Markup:
        """What the chart beside it shows, in words, from facts about this event only.

        Counts of other events at the site are in the chart data and on the base page, so that
        editing one event does not rewrite the page of every other event at the same site.
        """
        noun = "attack" if event.type == ATTACK else "strike"
        week = week_start(event.date)
        if event.base:
            where = Markup('<a href="{}bases/{}/">{}</a>').format(self.root, event.base, self.base_name(event.base))
            listed = "the base page lists each one"
        else:
            where = Markup("{}").format(self.site_label(event))
            month = Markup('<a href="{}chronology/{}/">{}</a>').format(self.root, event.month, month_label(event.month))
            listed = Markup("the chronology for {} lists each event").format(month)
        return Markup(
            "The red line marks this {noun}, in the week of {week}; the bars count every {noun} recorded"
            " at {where} per week, and {listed}."
        ).format(noun=noun, week=week, where=where, listed=listed)

    def event_rows(self, events: list[Event], show_site: bool = True) -> Markup:
        return self.rows.rows(events, self.root, show_site)


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
        helpers = PageHelpers(self.chronology, "", self)
        draft = event.review == "draft"
        start = '<tr class="draft">' if draft else "<tr>"
        start += f'<td class="date">{escape(event.date)}</td><td><a href="'
        tag = ' <span class="draft-tag">draft</span>' if draft else ""
        link = f'events/{escape(event.id)}/">{escape(helpers.kind(event))}</a>{tag}</td>'
        where = f"<td>{escape(helpers.where(event))}</td>"
        rest = f"<td>{escape(helpers.weapon_names(event))}</td><td>{escape(helpers.casualties(event))}</td></tr>\n"
        cells = (start, link + where, link, rest)
        if self.cache is not None and key:
            self.cache.put(key, cells)
        return cells


# --- page contexts --------------------------------------------------------------------------------


def _home_context(chronology: Chronology) -> dict[str, Any]:
    attacks = chronology.attacks
    latest_tally = chronology.tallies[-1] if chronology.tallies else None
    figures = {
        "attacks": len(attacks),
        "strikes": len(chronology.strikes),
        "us_killed": sum(e.us_killed or 0 for e in attacks),
        "us_injured": sum(e.us_injured or 0 for e in attacks),
        "tally_attacks": latest_tally.attacks if latest_tally else "–",
        "tally_as_of": latest_tally.as_of if latest_tally else "",
    }
    columns = weapon_labels(chronology)
    monthly: dict[str, Counter[str]] = {}
    for event in attacks:
        monthly.setdefault(event.month, Counter())[weapon_label(event, chronology)] += 1
    used = [c for c in columns if any(counts[c] for counts in monthly.values())]
    rows = [
        {"month": month, "counts": [counts[c] for c in used], "total": sum(counts.values())}
        for month, counts in sorted(monthly.items(), reverse=True)
    ]
    base_rows, unnamed_rows = _site_rows(chronology)
    return {
        "figures": figures,
        "weapon_columns": used,
        "monthly_weapons": rows,
        "base_rows": [r for r in base_rows if r["attacks"]],
        "unnamed_rows": unnamed_rows,
        "latest": chronology.events[:LATEST_ON_HOME],
    }


def _site_rows(chronology: Chronology) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    base_rows: list[dict[str, Any]] = []
    unnamed: dict[str, dict[str, Any]] = {}
    for base_id, base in chronology.bases.items():
        attacks = [e for e in chronology.by_site.get(base_id, []) if e.type == ATTACK]
        base_rows.append(
            {
                "id": base_id,
                "name": base.get("name", base_id),
                "country": chronology.country_name(str(base.get("country", ""))),
                "attacks": len(attacks),
                "latest": attacks[0].date if attacks else "",
            }
        )
    for event in chronology.attacks:
        if not event.base:
            row = unnamed.setdefault(
                event.country, {"country": chronology.country_name(event.country), "attacks": 0, "latest": event.date}
            )
            row["attacks"] += 1
    base_rows.sort(key=lambda r: (-r["attacks"], r["name"]))
    return base_rows, [unnamed[k] for k in sorted(unnamed)]


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def _chronology_pages(chronology: Chronology, rows: RowCache) -> dict[str, str]:
    months: list[dict[str, Any]] = []
    for event in chronology.events:
        if not months or months[-1]["key"] != event.month:
            months.append({"key": event.month, "label": month_label(event.month), "events": []})
        months[-1]["events"].append(event)
    for month in months:
        month["attacks"] = sum(1 for e in month["events"] if e.type == ATTACK)
        month["strikes"] = len(month["events"]) - month["attacks"]
    inline = months if len(chronology.events) <= INLINE_CHRONOLOGY_LIMIT else months[:1]
    pages = {
        "chronology/index.md": _render(
            "chronology.md.j2",
            "chronology/index.md",
            chronology,
            rows,
            months=months,
            inline_months=inline,
            total_attacks=len(chronology.attacks),
            total_strikes=len(chronology.strikes),
        )
    }
    for index, month in enumerate(months):
        path = f"chronology/{month['key']}.md"
        newer = months[index - 1] if index > 0 else None
        older = months[index + 1] if index + 1 < len(months) else None
        pages[path] = _render("month.md.j2", path, chronology, rows, month=month, newer=newer, older=older)
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


def _base_pages(chronology: Chronology, rows: RowCache) -> dict[str, str]:
    base_rows, unnamed_rows = _site_rows(chronology)
    pages = {
        "bases/index.md": _render(
            "bases_index.md.j2", "bases/index.md", chronology, rows, rows=base_rows, unnamed_rows=unnamed_rows
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
            base=base,
            events=events,
            attacks=attacks,
            years=years,
            killed=sum(e.us_killed or 0 for e in attacks),
            injured=sum(e.us_injured or 0 for e in attacks),
        )
        for year in years:
            year_path = f"bases/{base_id}/{year['year']}.md"
            pages[year_path] = _render(
                "base_year.md.j2", year_path, chronology, rows, base=base, year=year, events=year["events"]
            )
    return pages


def _actor_pages(chronology: Chronology, rows: RowCache) -> dict[str, str]:
    index_rows = []
    pages: dict[str, str] = {}
    for actor_id, actor in chronology.actors.items():
        events = chronology.by_actor.get(actor_id, [])
        claimed = [e for e in events if actor_id in e.claimed_by]
        targeted = [e for e in events if actor_id in e.targets]
        index_rows.append(
            {"id": actor_id, "name": actor.get("name", actor_id), "claimed": len(claimed), "targeted": len(targeted)}
        )
        monthly = Counter((e.month, chronology.site_name(e)) for e in events)
        years = _by_year(events) if len(events) > LIST_LIMIT else []
        path = f"actors/{actor_id}.md"
        actor = _with_defaults(actor)
        pages[path] = _render(
            "actor.md.j2",
            path,
            chronology,
            rows,
            actor=actor,
            claimed=claimed,
            targeted=targeted,
            years=years,
            monthly=[{"month": m, "site": s, "count": n} for (m, s), n in sorted(monthly.items(), reverse=True)],
        )
        for year in years:
            year_path = f"actors/{actor_id}/{year['year']}.md"
            pages[year_path] = _render(
                "actor_year.md.j2",
                year_path,
                chronology,
                rows,
                actor=actor,
                year=year,
                claimed=[e for e in year["events"] if actor_id in e.claimed_by],
                targeted=[e for e in year["events"] if actor_id in e.targets],
            )
    index_rows.sort(key=lambda r: (-(r["claimed"] + r["targeted"]), r["name"]))
    pages["actors/index.md"] = _render("actors_index.md.j2", "actors/index.md", chronology, rows, rows=index_rows)
    return pages


def _with_defaults(entry: dict[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = {"aliases": [], "region": "", "kind": "", "lat": None, "lon": None, "country": ""}
    return {**defaults, **entry}


def _tally_rows(chronology: Chronology) -> list[dict[str, Any]]:
    ours = cumulative_attacks(chronology)
    rows = []
    for tally in reversed(chronology.tallies):
        count = 0
        for day, total in ours:
            if day <= tally.as_of:
                count = total
        rows.append({"t": tally, "ours": count})
    return rows
