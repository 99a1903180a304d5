"""Markdown pages from the chronology, through Jinja2 templates with autoescaping.

Record text is untrusted: it only ever reaches a page through an autoescaped template variable,
inside a raw HTML block (`markdown="0"`), where Markdown does not parse it. So `*`, `[x](javascript:…)`,
`{: onclick=…}` and `<script>` in a summary are shown as typed. Links are built here from ids that
the schema restricts to [a-z0-9-], and source URLs are rendered only when they are http(s).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from generator.charts import cumulative_attacks, weapon_label, weapon_labels
from generator.model import ATTACK, STRIKE, Chronology, Event

INLINE_CHRONOLOGY_LIMIT = 500  # the chronology index lists every event when there are at most this many
LATEST_ON_HOME = 10


def render_pages(chronology: Chronology) -> dict[str, str]:
    """Every generated page as {path relative to the generated folder: Markdown text}."""
    pages: dict[str, str] = {}
    pages["index.md"] = _render("home.md.j2", "index.md", chronology, **_home_context(chronology))
    pages.update(_chronology_pages(chronology))
    pages.update(_base_pages(chronology))
    pages.update(_actor_pages(chronology))
    pages["tallies.md"] = _render("tallies.md.j2", "tallies.md", chronology, rows=_tally_rows(chronology))
    pages["downloads.md"] = _render("downloads.md.j2", "downloads.md", chronology, count=len(chronology.events))
    for event in chronology.events:
        path = f"events/{event.id}.md"
        pages[path] = _render("event.md.j2", path, chronology, e=event)
    return pages


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def _render(template: str, path: str, chronology: Chronology, **context: Any) -> str:
    helpers = PageHelpers(chronology, root=root_prefix(path))
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
        """The URL when it is an http(s) link without spaces or quotes; otherwise empty (not rendered)."""
        if isinstance(url, str) and re.fullmatch(r"https?://[^\s\"'<>`]+", url, re.IGNORECASE):
            return url
        return ""

    def site_context(self, event: Event) -> str:
        same = [e for e in self.chronology.by_site.get(event.site, []) if e.type == event.type]
        index = next(i for i, e in enumerate(same) if e.id == event.id)
        noun = "attacks" if event.type == ATTACK else "strikes"
        text = f"One of {len(same)} {noun} recorded at {self.site_label(event)}."
        if index + 1 < len(same):
            text += f" Previous: {same[index + 1].date}."
        if index > 0:
            text += f" Next: {same[index - 1].date}."
        return text


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


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


def _chronology_pages(chronology: Chronology) -> dict[str, str]:
    months: list[dict[str, Any]] = []
    for event in chronology.events:
        if not months or months[-1]["key"] != event.month:
            months.append({"key": event.month, "label": _month_label(event.month), "events": []})
        months[-1]["events"].append(event)
    for month in months:
        month["attacks"] = sum(1 for e in month["events"] if e.type == ATTACK)
        month["strikes"] = len(month["events"]) - month["attacks"]
    inline = months if len(chronology.events) <= INLINE_CHRONOLOGY_LIMIT else months[:3]
    pages = {
        "chronology/index.md": _render(
            "chronology.md.j2",
            "chronology/index.md",
            chronology,
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
        pages[path] = _render("month.md.j2", path, chronology, month=month, newer=newer, older=older)
    return pages


def _base_pages(chronology: Chronology) -> dict[str, str]:
    base_rows, unnamed_rows = _site_rows(chronology)
    pages = {
        "bases/index.md": _render(
            "bases_index.md.j2", "bases/index.md", chronology, rows=base_rows, unnamed_rows=unnamed_rows
        )
    }
    for base_id, base in chronology.bases.items():
        events = chronology.by_site.get(base_id, [])
        attacks = [e for e in events if e.type == ATTACK]
        path = f"bases/{base_id}.md"
        pages[path] = _render(
            "base.md.j2",
            path,
            chronology,
            base=_with_defaults(base),
            events=events,
            attacks=attacks,
            killed=sum(e.us_killed or 0 for e in attacks),
            injured=sum(e.us_injured or 0 for e in attacks),
        )
    return pages


def _actor_pages(chronology: Chronology) -> dict[str, str]:
    rows = []
    pages: dict[str, str] = {}
    for actor_id, actor in chronology.actors.items():
        events = chronology.by_actor.get(actor_id, [])
        claimed = [e for e in events if actor_id in e.claimed_by]
        targeted = [e for e in events if actor_id in e.targets]
        rows.append(
            {"id": actor_id, "name": actor.get("name", actor_id), "claimed": len(claimed), "targeted": len(targeted)}
        )
        monthly = Counter((e.month, chronology.site_name(e)) for e in events)
        path = f"actors/{actor_id}.md"
        pages[path] = _render(
            "actor.md.j2",
            path,
            chronology,
            actor=_with_defaults(actor),
            claimed=claimed,
            targeted=targeted,
            monthly=[{"month": m, "site": s, "count": n} for (m, s), n in sorted(monthly.items(), reverse=True)],
        )
    rows.sort(key=lambda r: (-(r["claimed"] + r["targeted"]), r["name"]))
    pages["actors/index.md"] = _render("actors_index.md.j2", "actors/index.md", chronology, rows=rows)
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
