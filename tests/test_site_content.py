"""What readers are told: honest figures, wording, titles, citations, licences, the data dictionary,
feeds and the methodology's extraction figures (issue 11)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from records_factory import event, event_file, tally, tally_file

from generator.dataset.load import load_records
from generator.render.charts import build_charts, has_chart
from generator.render.exports import CSV_COLUMNS, EVENT_COLUMNS, TALLY_COLUMNS, render_exports
from generator.render.feeds import render_feeds
from generator.render.model import Chronology, build_chronology
from generator.render.pages import render_pages, strike_deaths, us_casualties
from generator.render.review import percent, review_summary

FIXTURES = Path(__file__).parent / "fixtures"
MakeTree = Callable[[dict[str, str | bytes]], Path]


def chronology_of(make_tree: MakeTree, *records: tuple[str, str]) -> Chronology:
    return build_chronology(load_records(make_tree(dict(records))), site_url="https://example.org/site")


def strike(**changes: Any) -> dict[str, Any]:
    data = event(
        id="2023-11-24-iq-strike",
        type="strike",
        date="2023-11-24",
        location={"base": None, "country": "IQ", "place": "Jurf al-Sakhar"},
        weapons=[],
        claimed_by=[],
        targets=["kataib-hezbollah"],
        casualties={"us_killed": None, "us_injured": None, "killed": 8},
        intercepted=None,
    )
    data.update(changes)
    return data


def test_home_never_passes_sums_over_records_off_as_the_campaign_figures(make_tree: MakeTree) -> None:
    chronology = chronology_of(
        make_tree, event_file(), tally_file(), tally_file(tally(id="2023-11-23-73", attacks=73, injured=56))
    )
    home = render_pages(chronology)["index.md"]
    assert '56–60</span><span class="label">U.S. personnel injured by 23 November 2023, officially' in home
    assert "neither is complete on its own" in home.lower()
    assert "not counted the same way" in home
    assert "The latest official tally, on 23 November 2023, counted 73 attacks" in home
    assert "by that day this chronology records 1." in home
    assert "personnel injured (reported)" not in home
    assert "Recorded in this chronology: 0 U.S./coalition personnel reported killed and" in home
    assert "These are lower bounds, not official totals. No official tally here states U.S. deaths." in home
    assert "<h1" in home  # the page's heading is the site's title, not the menu's "Home"


def test_home_says_when_the_data_was_last_updated_from_git_history(make_tree: MakeTree) -> None:
    from generator.dataset.history import FileDates

    data_dir = make_tree(dict([event_file()]))
    dates = {"data/events/2023/2023-11-23-erbil-air-base-attack.yaml": FileDates("2024-01-02", "2024-03-04")}
    home = render_pages(build_chronology(load_records(data_dir), dates))["index.md"]
    assert "last updated on 4 March 2024 (from the repository" in home
    without = render_pages(build_chronology(load_records(data_dir)))["index.md"]
    assert "was not built from the repository's history" in without


def test_casualty_wording() -> None:
    from generator.render.model import Event

    def attack(killed: int | None, injured: int | None, at_least: tuple[str, ...] = ()) -> Event:
        fields: dict[str, Any] = dict.fromkeys(Event.__dataclass_fields__, None)
        fields.update(type="attack", us_killed=killed, us_injured=injured, killed=None, at_least=at_least)
        return Event(**fields)

    assert us_casualties(attack(None, None)) == "not reported"
    assert us_casualties(attack(0, 0)) == "none"
    assert us_casualties(attack(1, None)) == "1 killed; injuries not reported"
    assert us_casualties(attack(3, 34, ("us_injured",))) == "3 killed, at least 34 injured"
    assert strike_deaths(attack(None, None)) == "not reported"


def test_strike_deaths_have_their_own_column_and_every_strike_is_american(make_tree: MakeTree) -> None:
    chronology = chronology_of(make_tree, event_file(), event_file(strike()))
    pages = render_pages(chronology)
    row = next(line for line in pages["chronology/index.md"].splitlines() if "2023-11-24-iq-strike" in line)
    assert '<td data-label="Killed by the strike">8 killed</td></tr>' in row and "not applicable" in row
    assert "Killed by the strike" in pages["chronology/index.md"]
    us = pages["actors/united-states.md"]
    assert "<dt>Strikes carried out</dt><dd>1" in us
    assert has_chart(chronology, "actor", "united-states")


def test_every_chart_a_page_names_is_built(make_tree: MakeTree) -> None:
    chronology = chronology_of(make_tree, event_file(), event_file(strike()))
    charts = build_charts(chronology)
    for path, text in render_pages(chronology).items():
        for chart_id in [part.split('"')[0] for part in text.split('data-chart="')[1:]]:
            assert chart_id in charts, f"{path} names chart {chart_id}, which was never built"


def test_two_events_on_the_same_day_at_the_same_site_have_different_titles(make_tree: MakeTree) -> None:
    second = event(id="2023-11-23-erbil-air-base-attack-2")
    second["location"]["place"] = "Erbil airport, second salvo"
    chronology = chronology_of(make_tree, event_file(), event_file(second))
    titles = set(chronology.titles.values())
    assert len(titles) == 2, titles
    third = event(id="2023-11-23-erbil-air-base-attack-3")  # same place as the first: numbered instead
    chronology = chronology_of(make_tree, event_file(third))  # the same folder: three events now
    assert len(set(chronology.titles.values())) == 3
    assert sorted(chronology.titles.values())[0].endswith("(1 of 3)")


def test_month_pages_list_previous_before_next(make_tree: MakeTree) -> None:
    october = event(id="2023-10-23-erbil-air-base-attack", date="2023-10-23")
    october["sources"][0]["published"] = "2023-10-23"
    december = event(id="2023-12-01-erbil-air-base-attack", date="2023-12-01")
    december["sources"][0]["published"] = "2023-12-01"
    pages = render_pages(chronology_of(make_tree, event_file(october), event_file(), event_file(december)))
    november = pages["chronology/2023-11.md"]
    assert november.index("Previous: October 2023") < november.index("Next: December 2023")


def test_actor_kinds_and_counts_read_as_words(make_tree: MakeTree) -> None:
    page = render_pages(chronology_of(make_tree, event_file()))["actors/islamic-resistance-in-iraq.md"]
    assert "armed-group-umbrella" not in page
    assert "1 strikes" not in "".join(render_pages(chronology_of(make_tree, event_file())).values())


def test_base_pages_say_not_reported_rather_than_zero(make_tree: MakeTree) -> None:
    unreported = event(casualties={"us_killed": None, "us_injured": None, "killed": None})
    page = render_pages(chronology_of(make_tree, event_file(unreported)))["bases/erbil-air-base.md"]
    assert "<dt>U.S./coalition killed</dt><dd>not reported</dd>" in page
    assert "0 / 0" not in page


def test_citation_permalink_and_bibtex(make_tree: MakeTree) -> None:
    page = render_pages(chronology_of(make_tree, event_file()))["events/2023-11-23-erbil-air-base-attack.md"]
    assert "https://example.org/site/events/2023-11-23-erbil-air-base-attack/" in page
    assert "@misc{chronology-2023-11-23-erbil-air-base-attack," in page
    assert "(retrieved [date])" in page


def test_downloads_carry_page_urls_licence_and_a_dictionary_of_every_column(make_tree: MakeTree) -> None:
    exports = render_exports(chronology_of(make_tree, event_file(), tally_file()))
    rows = list(csv.DictReader(io.StringIO(exports["downloads/events.csv"])))
    assert rows[0]["url"] == "https://example.org/site/events/2023-11-23-erbil-air-base-attack/"
    assert tuple(rows[0]) == CSV_COLUMNS
    data = json.loads(exports["downloads/events.json"])
    assert data["license"]["name"] == "CC-BY-4.0" and data["events"][0]["url"].endswith(
        "/events/2023-11-23-erbil-air-base-attack/"
    )
    assert json.loads(exports["downloads/events.geojson"])["license"]["name"] == "CC-BY-4.0"
    package = json.loads(exports["downloads/datapackage.json"])
    described = {
        r["name"]: [f["name"] for f in r["schema"]["fields"] if f["description"]] for r in package["resources"]
    }
    assert described == {"events": list(CSV_COLUMNS), "tallies": list(TALLY_COLUMNS)}
    assert next(csv.reader(io.StringIO(exports["downloads/tallies.csv"]))) == list(TALLY_COLUMNS)
    assert all(description for _name, _type, description in EVENT_COLUMNS)
    page = render_pages(chronology_of(make_tree, event_file()))["downloads.md"]
    for column in CSV_COLUMNS:
        assert f"<code>{column}</code>" in page


def test_feeds_date_items_by_the_event_and_by_the_last_change(make_tree: MakeTree) -> None:
    from generator.dataset.history import FileDates

    data_dir = make_tree(dict([event_file()]))
    dates = {"data/events/2023/2023-11-23-erbil-air-base-attack.yaml": FileDates("2024-01-02", "2024-03-04")}
    feeds = render_feeds(build_chronology(load_records(data_dir), dates), "https://example.org/site/")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = ET.fromstring(feeds["feed.xml"]).find("a:entry", ns)
    assert entry is not None
    assert entry.findtext("a:published", namespaces=ns) == "2023-11-23T00:00:00Z"
    assert entry.findtext("a:updated", namespaces=ns) == "2024-03-04T00:00:00Z"
    item = json.loads(feeds["feed.json"])["items"][0]
    assert (item["date_published"], item["date_modified"]) == ("2023-11-23T00:00:00Z", "2024-03-04T00:00:00Z")


def test_review_summary_from_the_fixture_log() -> None:
    from generator.core.files import read_yaml_file

    path = FIXTURES / "review" / "extraction-review.yaml"
    summary = review_summary(read_yaml_file(path, path.name).data)
    assert summary is not None
    o = summary.overall
    assert (o.drafts, o.accepted, o.corrected, o.missed, o.spurious) == (7, 3, 3, 2, 1)
    assert percent(o.precision) == "86%" and percent(o.recall) == "75%"
    test = summary.by_split["test"]
    assert (percent(test.precision), percent(test.recall)) == ("100%", "80%")
    assert summary.skipped == 1
    assert summary.corrected_fields[0] == ("weapons", 2)
    assert summary.by_kind["strike"].precision is None  # accepted drafts are counted per article, not per kind
    assert review_summary("not a log") is None


def test_methodology_publishes_the_extractors_figures(make_tree: MakeTree) -> None:
    data_dir = make_tree(dict([event_file()]))
    page = render_pages(build_chronology(load_records(data_dir)))["methodology.md"]
    assert "has not been published yet" in page
    shutil.copy(FIXTURES / "review" / "extraction-review.yaml", data_dir / "extraction-review.yaml")
    page = render_pages(build_chronology(load_records(data_dir)))["methodology.md"]
    assert "measured on real news excerpts, reviewed by hand" in page
    assert '<th scope="row">All</th><td>7</td><td>3</td><td>3</td><td>1</td><td>2</td><td>86%</td><td>75%</td>' in page
    assert "weapons (2)" in page
    assert "1 entry of the review log could not be read" in page


@pytest.mark.parametrize("precision", ["week", "month"])
def test_uncertain_dates_are_shown_as_spans(make_tree: MakeTree, precision: str) -> None:
    data = event(date_precision=precision)
    chronology = chronology_of(make_tree, event_file(data))
    page = render_pages(chronology)[f"events/{data['id']}.md"]
    assert f"known only to the {precision}" in page
    spans = json.loads(build_charts(chronology)["home-timeline"])["datasets"]["spans"]
    expected = {"week": ("2023-11-20", "2023-11-27"), "month": ("2023-11-01", "2023-12-01")}[precision]
    assert [(s["start"], s["end"]) for s in spans] == [expected]
