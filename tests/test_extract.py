"""Extraction rules: relative dates, what is not an event, quotes, and general wire-report patterns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.dataset.load import load_reference, reference_of
from generator.ingest.articles import Article, load_articles
from generator.ingest.extract import extract_drafts
from generator.ingest.rules.names import Lexicon

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
START = dt.date(2023, 10, 17)


@pytest.fixture(scope="module")
def reference() -> Lexicon:
    return Lexicon.from_reference(reference_of(load_reference(REPO / "data" / "reference")[0]))


def _article(text: str, published: dt.date = dt.date(2023, 11, 24)) -> Article:
    return Article("t1", Path("t1.txt"), text, published, False, "AFP", None, None)


def _events(text: str, reference: Lexicon, published: dt.date = dt.date(2023, 11, 24)) -> list[dict]:
    return [d for d in extract_drafts(_article(text, published), reference, START) if "type" in d]


def _key(record: dict) -> tuple:
    return (record["type"], record["date"], record["location"]["base"] or record["location"]["country"])


# 2023-11-24 is a Friday.
@pytest.mark.parametrize(
    ("phrase", "date"),
    [
        ("on Thursday", "2023-11-23"),
        ("late Monday", "2023-11-20"),
        ("early on Friday", "2023-11-24"),
        ("on November 23", "2023-11-23"),
        ("on Nov. 20", "2023-11-20"),
        ("overnight", "2023-11-24"),
        ("last Friday", "2023-11-17"),
        ("on Wednesday of last week", "2023-11-15"),
        ("on Thanksgiving Day", "2023-11-23"),
        # the evening's day, as the real-text corpus's gold dates "ليل الخميس الجمعة" (the night Thursday-Friday)
        ("on the night between Wednesday and Thursday", "2023-11-22"),
        ("late on the night of Wednesday to Thursday", "2023-11-23"),
        ("overnight into Thursday", "2023-11-23"),
        ("on the 21st", "2023-11-21"),
        ("on the 30th", "2023-10-30"),
        ("two days ago", "2023-11-22"),
        ("3 days ago", "2023-11-21"),
    ],
)
def test_relative_dates_resolve_against_publication(reference: Lexicon, phrase: str, date: str) -> None:
    events = _events(
        f"A drone attacked U.S. forces at al-Tanf garrison in Syria {phrase}, an official said.", reference
    )
    assert [_key(e) for e in events] == [("attack", date, "al-tanf")]


def test_the_day_before_and_the_same_day(reference: Lexicon) -> None:
    text = (
        "Rockets were fired at Ain al-Asad air base on Thursday, November 23, officials said. "
        "On the same day, a drone targeted U.S. forces at Erbil airport. "
        "U.S. forces struck Kataib Hezbollah fighters south of Baghdad the day before, killing eight members."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-23", "ain-al-asad"),
        ("attack", "2023-11-23", "erbil-air-base"),
        ("strike", "2023-11-22", "IQ"),
    ]


def test_statement_day_is_not_the_event_day(reference: Lexicon) -> None:
    text = (
        "A missile hit Ayn al-Asad air base late Monday, wounding eight American service members,"
        " the Pentagon said on Tuesday."
    )
    (event,) = _events(text, reference, dt.date(2023, 11, 21))
    assert event["date"] == "2023-11-20"
    assert event["casualties"] == {"us_killed": 0, "us_injured": 8, "killed": None}
    assert event["intercepted"] is False


def test_exclusions_pre_campaign_gaza_and_aggregates(reference: Lexicon) -> None:
    article = load_articles([FIXTURES / "gaza_and_history.txt"])[0][0]
    drafts = extract_drafts(article, reference, START)
    assert [_key(d) for d in drafts] == [("attack", "2023-11-09", "al-tanf")]
    (attack,) = drafts
    assert attack["casualties"]["us_injured"] == 0
    assert attack["casualties"]["killed"] is None  # Gaza figures never become casualty counts


def test_events_before_the_campaign_are_left_out(reference: Lexicon) -> None:
    text = "On October 7, drones attacked U.S. forces at al-Tanf garrison in Syria."
    assert _events(text, reference, dt.date(2023, 10, 20)) == []


def test_statements_funerals_and_troop_numbers_are_not_events(reference: Lexicon) -> None:
    text = (
        "Kataib Hezbollah said on Tuesday it was suspending its attacks on US forces. "
        "Crowds of mourners attended a funeral in Baghdad on Wednesday. "
        "There are roughly 2,500 US troops in Iraq and some 900 in Syria."
    )
    assert _events(text, reference) == []


@pytest.mark.parametrize(
    "text",
    [
        "US and international forces were attacked at two sites in northeastern Syria on Thursday with rockets.",
        "U.S. forces were attacked at two locations in Syria on Thursday. No injuries were reported.",
    ],
)
def test_two_unnamed_sites_are_two_incidents(reference: Lexicon, text: str) -> None:
    events = _events(text, reference)
    assert [_key(e) for e in events] == [("attack", "2023-11-23", "SY")] * 2


def test_one_incident_per_date_and_site(reference: Lexicon) -> None:
    text = (
        "On both Wednesday and Thursday mornings, drones attacked US and coalition forces stationed at Erbil airport."
    )
    assert [e["date"] for e in _events(text, reference)] == ["2023-11-22", "2023-11-23"]


def test_outcome_claims_and_negation(reference: Lexicon) -> None:
    text = (
        "Two one-way attack drones targeted al-Harir air base on Wednesday. U.S. forces shot both of them down. "
        "There were no injuries. The Islamic Resistance in Iraq claimed responsibility for the attack."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is True
    assert event["claimed_by"] == ["islamic-resistance-in-iraq"]
    assert event["casualties"]["us_injured"] == 0
    text = "A drone crashed into the barracks at Tower 22 in Jordan on Sunday. No attempt was made to shoot it down."
    (event,) = _events(text, reference)
    assert event["intercepted"] is False
    text = "No group claimed the rocket attack on al-Tanf garrison on Monday."
    (event,) = _events(text, reference)
    assert event["claimed_by"] == []


def test_tallies_with_split_and_injured(reference: Lexicon) -> None:
    text = (
        "US forces have been attacked at least 46 times since October 17, the Pentagon said. "
        "Sabrina Singh told reporters on Thursday that 24 of those attacks had taken place in Iraq and 22 in Syria, "
        "and that at least 56 US personnel had been injured since mid-October."
    )
    drafts = extract_drafts(_article(text, dt.date(2023, 11, 10)), reference, START)
    assert [(d["as_of"], d["attacks"], d["iraq"], d["syria"], d["injured"]) for d in drafts] == [
        ("2023-11-09", 46, 24, 22, 56)
    ]


def test_quotes_are_at_most_thirty_words_from_the_sentence(reference: Lexicon) -> None:
    long_sentence = (
        "In a statement released late in the evening after several hours of silence from officials in the capital, "
        "the command said that a one-way attack drone had been launched at U.S. and coalition forces at al-Tanf "
        "garrison in southern Syria on Thursday, causing no injuries and only minor damage to a storage building."
    )
    (event,) = _events(long_sentence, reference)
    quote = event["sources"][0]["quote"]
    assert 0 < len(quote.split()) <= 30
    assert quote in " ".join(long_sentence.split())
    assert "al-Tanf" in quote


def test_every_corpus_quote_is_short(reference: Lexicon) -> None:
    articles, _ = load_articles([Path(__file__).parent / "corpus"])
    for article in articles:
        for draft in extract_drafts(article, reference, START):
            assert len(draft["sources"][0]["quote"].split()) <= 30
            assert draft["review"] == "draft"


def test_undated_article_gives_nothing(reference: Lexicon) -> None:
    article = Article("x", Path("x.txt"), "A drone hit al-Tanf on Monday.", None, False, "unknown", None, None)
    assert extract_drafts(article, reference, START) == []


# Patterns generalised from single corpus sentences to how wire reports phrase the same thing.
def test_response_clause_has_its_own_date(reference: Lexicon) -> None:
    text = (
        "US warplanes struck Kataib Hezbollah facilities in Iraq on Friday in what was the Pentagon's reply to "
        "the drone attack on Tower 22 in Jordan on Sunday."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-19", "tower-22"),
        ("strike", "2023-11-24", "IQ"),
    ]


@pytest.mark.parametrize("verb", ["flew toward", "were heading toward", "were sent at", "headed for"])
def test_drones_flying_at_a_base_are_an_attack(reference: Lexicon, verb: str) -> None:
    text = f"Two drones {verb} al-Tanf garrison in Syria on Tuesday, a U.S. official said."
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-21", "al-tanf")]


@pytest.mark.parametrize("what", ["two rockets", "the incoming missiles", "both", "all three drones"])
def test_destroyed_projectiles_were_intercepted(reference: Lexicon, what: str) -> None:
    text = f"Three rockets were fired at Ain al-Asad air base on Monday. Air defences destroyed {what}."
    (event,) = _events(text, reference)
    assert event["intercepted"] is True


@pytest.mark.parametrize("threat", ["a possible drone", "a possible rocket attack", "a false alarm"])
def test_a_scare_is_not_an_attack(reference: Lexicon, threat: str) -> None:
    text = f"Troops at al-Tanf garrison in Syria were targeted on Monday by {threat}, officials said."
    assert _events(text, reference) == []


@pytest.mark.parametrize("share", ["some of these", "several of the", "many of the", "most of those"])
def test_a_claim_of_some_attacks_is_not_a_claim_of_this_one(reference: Lexicon, share: str) -> None:
    text = (
        "A drone targeted al-Harir air base on Wednesday. "
        f"The Islamic Resistance in Iraq claimed responsibility for {share} attacks."
    )
    (event,) = _events(text, reference)
    assert event["claimed_by"] == []


def test_cue_needles_never_hide_a_match() -> None:
    """A cue's needles only skip texts it cannot match: checked on every corpus sentence and clause."""
    from generator.ingest.rules import cues
    from generator.ingest.rules.text import Cue, clauses, fold, sentences

    folded_cues = {name: cue for name, cue in vars(cues).items() if isinstance(cue, Cue) and cue.needles}
    assert folded_cues
    texts: list[str] = []
    for folder in ("seeds", "dev"):
        for article in load_articles([Path(__file__).parent / "corpus" / folder])[0]:
            for sentence in sentences(article.text):
                texts += [sentence.text, *(c.text for c in clauses(sentence.text))]
    for name, cue in folded_cues.items():
        for text in texts:
            if cue.pattern.search(fold(text)):
                assert any(n in fold(text) for n in cue.needles), (name, text)


def test_an_alert_during_a_real_attack_keeps_the_attack(reference: Lexicon) -> None:
    text = "Sirens sounded an alert as rockets struck Ain al-Asad air base on Monday, an official said."
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-20", "ain-al-asad")]


# Families of wire, release, briefing and live-blog phrasing, each with its own invented example.
# 2023-11-24 is a Friday.
@pytest.mark.parametrize(
    ("phrase", "date"),
    [
        ("Overnight into Wednesday,", "2023-11-22"),
        ("Late Monday night into Tuesday,", "2023-11-21"),
        ("The night before,", "2023-11-19"),
        ("Three days later,", "2023-11-23"),
        ("The next day,", "2023-11-21"),
        ("Within minutes,", "2023-11-20"),
        ("The previous day, Wednesday evening,", "2023-11-22"),  # the day named outright wins
    ],
)
def test_dates_told_relative_to_the_night_or_the_last_event(reference: Lexicon, phrase: str, date: str) -> None:
    text = f"Rockets hit al-Tanf garrison in Syria on Monday. {phrase} a drone targeted Erbil airport."
    events = _events(text, reference)
    assert [_key(e) for e in events][1:] == [("attack", date, "erbil-air-base")]


def test_a_wire_credit_in_the_dateline_is_not_text(reference: Lexicon) -> None:
    text = "BAGHDAD, Nov 23 (AFP) - Rockets were fired at Ain al-Asad air base on Tuesday, an official said."
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-21", "ain-al-asad")]


@pytest.mark.parametrize(
    "link",
    ["The operation follows strikes conducted", "The raid is Washington's response to strikes carried out"],
)
def test_a_following_or_response_clause_keeps_its_own_date(reference: Lexicon, link: str) -> None:
    text = (
        f"{link} by US forces on Nov. 14 against two depots in Syria used by Kataib Hezbollah; today's raid hit Iraq."
    )
    assert ("strike", "2023-11-14", "SY") in [_key(e) for e in _events(text, reference)]


def test_another_states_attack_lends_nothing_to_ours(reference: Lexicon) -> None:
    text = (
        "Coalition air defences shot down two drones approaching Erbil airport on Thursday, "
        "on the same night that Iranian missiles struck a villa in the city. "
        "Hours earlier, Iran's Revolutionary Guards fired missiles at a site in Erbil, saying it had hit a spy base. "
        "One missile struck a house. The Guards also said they had fired drones at militants in Idlib."
    )
    (event,) = _events(text, reference)
    assert (event["intercepted"], event["weapons"], event["claimed_by"]) == (True, ["drone"], [])


def test_a_separate_incident_is_not_about_the_last_attack(reference: Lexicon) -> None:
    text = (
        "A drone was shot down near al-Tanf garrison in Syria on Thursday. "
        "Separately, Turkish drones struck a checkpoint near Qamishli, killing three guards."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is True


def test_the_state_forces_of_the_reference_data_are_known(reference: Lexicon) -> None:
    assert "irgc" in reference.state_forces


def test_tally_whose_count_follows_who_and_where(reference: Lexicon) -> None:
    text = (
        "Militias have attacked U.S. and coalition personnel in Iraq and Syria at least 61 times since Oct. 17, "
        "the Pentagon said Thursday."
    )
    drafts = extract_drafts(_article(text), reference, START)
    assert [(d["as_of"], d["attacks"]) for d in drafts] == [("2023-11-23", 61)]


def test_tally_stated_on_the_eve_of_a_strike(reference: Lexicon) -> None:
    text = (
        "U.S. jets struck a Kataib Hezbollah depot in Iraq on Wednesday. "
        "On the eve of the Iraq strike, officials said U.S. forces had been attacked 70 times since Oct. 17."
    )
    tallies = [d for d in extract_drafts(_article(text), reference, START) if "as_of" in d]
    assert [(t["as_of"], t["attacks"]) for t in tallies] == [("2023-11-21", 70)]


def test_passive_us_casualties_are_not_a_us_strike(reference: Lexicon) -> None:
    text = (
        "A drone hit Tower 22 in Jordan on Sunday. Two US soldiers were killed and 12 others were wounded, "
        "making it the deadliest attack on US forces since militias began targeting them in October."
    )
    (event,) = _events(text, reference)
    assert event["type"] == "attack"
    assert (event["casualties"]["us_killed"], event["casualties"]["us_injured"]) == (2, 12)


def test_a_us_aircraft_opening_the_clause_is_the_striker(reference: Lexicon) -> None:
    text = (
        "Rockets were fired at Ain al-Asad air base in Iraq on Monday. Within minutes, a US drone that was patrolling "
        "the area tracked the launch truck and opened fire on the vehicle."
    )
    assert ("strike", "2023-11-20", "IQ") in [_key(e) for e in _events(text, reference)]


@pytest.mark.parametrize("came_down", ["landed near", "fell inside", "exploded near"])
def test_a_weapon_that_came_down_at_a_site_is_an_attack(reference: Lexicon, came_down: str) -> None:
    text = f"On Tuesday, three mortar rounds {came_down} the Conoco gas field in Syria, where US troops are based."
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-21", "conoco")]


def test_a_mistaken_first_report_is_not_an_incident(reference: Lexicon) -> None:
    text = (
        "A drone struck Tower 22 in Jordan on Sunday. An Iraqi official initially said the attack had hit "
        "al-Tanf garrison in Syria."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-19", "tower-22")]


@pytest.mark.parametrize("passive", ["was engaged and destroyed by", "was engaged by", "was neutralised by"])
def test_briefing_passives_mean_intercepted(reference: Lexicon, passive: str) -> None:
    text = f"A drone was launched at al-Tanf garrison in Syria on Monday. It {passive} air defences."
    (event,) = _events(text, reference)
    assert event["intercepted"] is True


def test_two_claims_in_one_sentence_each_claim_their_own(reference: Lexicon) -> None:
    text = (
        "On Wednesday, drones targeted al-Tanf garrison in Syria and rockets were fired at Ain al-Asad air base in "
        "Iraq. Kataib Hezbollah claimed the drone attack on al-Tanf, while Harakat al-Nujaba claimed the rockets "
        "fired at Ain al-Asad."
    )
    claims = {e["location"]["base"]: e["claimed_by"] for e in _events(text, reference)}
    assert claims == {"al-tanf": ["kataib-hezbollah"], "ain-al-asad": ["harakat-al-nujaba"]}


def test_a_claim_of_the_x_and_y_bases_names_both(reference: Lexicon) -> None:
    text = (
        "Drones targeted Harir base and Erbil airport on Tuesday. "
        "The Islamic Resistance in Iraq claimed the attacks on the Harir and Erbil bases."
    )
    assert all(e["claimed_by"] == ["islamic-resistance-in-iraq"] for e in _events(text, reference))


def test_claimed_that_attack_is_a_claim(reference: Lexicon) -> None:
    text = "A drone struck Erbil airport on Monday. Kataib Hezbollah claimed that attack."
    (event,) = _events(text, reference)
    assert event["claimed_by"] == ["kataib-hezbollah"]


@pytest.mark.parametrize(
    ("text", "claimed_by"),
    [
        (
            "The Islamic Resistance in Iraq, an umbrella of Iran-backed militias, said it was behind the drone attack "
            "on the al-Tanf garrison on Tuesday.",
            ["islamic-resistance-in-iraq"],
        ),
        ("U.S. officials said Kataib Hezbollah was behind Tuesday's rocket attack on the Rumalyn base.", []),
    ],
)
def test_a_group_saying_it_was_behind_an_attack_claims_it(reference: Lexicon, text: str, claimed_by: list) -> None:
    (event,) = _events(text, reference)
    assert event["claimed_by"] == claimed_by


def test_a_site_named_as_the_owners_base(reference: Lexicon) -> None:
    text = "On Wednesday a drone fell inside the coalition's Tal Baydar base near Hasakah, causing damage."
    (event,) = _events(text, reference)
    assert (event["date"], event["location"]["country"], event["intercepted"]) == ("2023-11-22", "SY", False)


def test_either_attack_covers_both(reference: Lexicon) -> None:
    text = (
        "A drone was shot down near Erbil airport on Wednesday. On Thursday a rocket hit Harir base. "
        "There were no casualties in either attack."
    )
    assert [e["casualties"]["us_injured"] for e in _events(text, reference)] == [0, 0]


def test_a_named_site_told_again_keeps_its_day(reference: Lexicon) -> None:
    text = (
        "A drone targeted al-Tanf garrison in Syria on Wednesday. On Thursday rockets hit Conoco gas field. "
        "Kataib Hezbollah claimed the attack on al-Tanf in a statement."
    )
    events = _events(text, reference)
    assert [_key(e) for e in events] == [("attack", "2023-11-22", "al-tanf"), ("attack", "2023-11-23", "conoco")]
    assert events[0]["claimed_by"] == ["kataib-hezbollah"]


def test_a_later_sentence_dates_an_attack_only_said_on_a_day(reference: Lexicon) -> None:
    text = (
        "Militants fired rockets at Ain al-Asad air base, officials said Thursday. "
        "The rockets were launched from a truck late Tuesday."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-21", "ain-al-asad")]


def test_a_live_blog_heading_dates_the_entries_below(reference: Lexicon) -> None:
    text = (
        "Thursday, Nov 23\n\n"
        "22:10 — US forces hit six targets at three facilities, two in Iraq and one in Syria, officials say.\n\n"
        "Friday, Nov 24\n\n"
        "09:00 — A monitor says 11 fighters were killed in the US strikes on sites near Mayadin in Syria."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("strike", "2023-11-23", "IQ"),
        ("strike", "2023-11-23", "SY"),
    ]


def test_a_site_cut_from_its_verb_by_a_relative_clause(reference: Lexicon) -> None:
    text = (
        "Air defences at Ain al-Asad air base, which hosts US troops in western Iraq, shot down two drones on"
        " Thursday, a security source said."
    )
    assert [(e["location"]["base"], e["intercepted"]) for e in _events(text, reference)] == [("ain-al-asad", True)]


def _tallies(text: str, reference: Lexicon, published: dt.date = dt.date(2023, 11, 24)) -> list[tuple]:
    drafts = extract_drafts(_article(text, published), reference, START)
    return [(d["as_of"], d["attacks"], d["iraq"], d["syria"]) for d in drafts if "as_of" in d]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("US forces have been attacked 61 times in the past month, the Pentagon said on Thursday.", (23, 61)),
        ("Between October 17 and Tuesday, US troops came under attack 58 times, officials said.", (24, 58)),
        ("A spokesman said there have been 60 attacks, 31 in Iraq and 29 in Syria.", (24, 60)),
        ("US forces have been hit 62 times since Oct. 17, the Pentagon said on Wednesday.", (22, 62)),
    ],
)
def test_tallies_anchored_to_the_campaign(reference: Lexicon, sentence: str, expected: tuple) -> None:
    day, count = expected
    assert [t[:2] for t in _tallies(sentence, reference)] == [(f"2023-11-{day}", count)]


@pytest.mark.parametrize(
    "sentence",
    [
        "US forces in Iraq and Syria have been attacked 9 times since November 20, officials said.",
        "The Islamic Resistance in Iraq claimed more than 60 attacks on US bases since October 17.",
        "The observatory has counted 70 attacks on US bases in Syria since October 17.",
        "The Pentagon put the number of injured service members at 59 since October 17.",
    ],
)
def test_counts_that_are_not_official_tallies(reference: Lexicon, sentence: str) -> None:
    assert _tallies(sentence, reference) == []


def test_a_strike_that_killed_us_troops_is_an_attack_on_them(reference: Lexicon) -> None:
    text = (
        "The president on Sunday vowed to respond to a drone strike that killed three U.S. soldiers at an outpost"
        " in Jordan."
    )
    events = _events(text, reference, dt.date(2024, 1, 29))
    assert [(e["type"], e["date"], e["location"]["country"]) for e in events] == [("attack", "2024-01-28", "JO")]
    assert events[0]["casualties"]["us_killed"] == 3


def test_us_jets_that_attacked_a_depot_made_a_strike(reference: Lexicon) -> None:
    text = "Two US F-16 jets attacked an ammunition depot used by the IRGC in eastern Syria on Thursday."
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-23", "SY")]


def test_a_count_of_attacks_on_bases_is_not_that_many_sites(reference: Lexicon) -> None:
    text = "The group says it has carried out 46 attacks on US bases in Syria, including one on Friday."
    assert len(_events(text, reference)) <= 1


def test_the_day_before_yesterday_and_recent_days(reference: Lexicon) -> None:
    text = (
        "Rockets hit the Conoco base in Syria the day before yesterday, a monitor said. "
        "Drones also attacked Harir air base in Iraq in recent days."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-22", "conoco")]


def test_a_shelled_base_and_a_claim_announced_in_the_groups_words(reference: Lexicon) -> None:
    text = (
        "The Islamic Resistance in Iraq announced on Wednesday that its fighters targeted Ain al-Asad air base. "
        "Militants shelled the al-Shaddadi base in Syria on Thursday."
    )
    events = _events(text, reference)
    assert [_key(e) for e in events] == [
        ("attack", "2023-11-22", "ain-al-asad"),
        ("attack", "2023-11-23", "al-shaddadi"),
    ]
    assert events[0]["claimed_by"] == ["islamic-resistance-in-iraq"]


def test_an_undated_attack_dated_by_the_next_sentence(reference: Lexicon) -> None:
    text = (
        "Rockets struck the Conoco base in eastern Syria. Local sources said the attack took place on Wednesday night."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-22", "conoco")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # injuries without a number: no death reported (0), count unknown, and something got through
        ("Several US personnel were injured on Thursday in a rocket attack on Ain al-Asad air base.", (0, None, False)),
        ("A drone attack on Ain al-Asad air base on Thursday caused minor injuries, officials said.", (0, None, False)),
        # being checked for injuries is not yet an injury
        (
            "Several US troops were being evaluated for brain injuries after a rocket attack on Ain al-Asad air base on"
            " Thursday.",
            (None, None, None),
        ),
        # the group's word that its drone hit is a claim, not a report that it hit
        (
            "The Islamic Resistance in Iraq claimed a drone attack on Ain al-Asad air base on Thursday, saying"
            " the drone directly hit its target.",
            (None, None, None),
        ),
        # a count of the hurt with no word on the outcome: something got through
        ("Three U.S. soldiers were wounded in a drone attack on Ain al-Asad air base on Thursday.", (0, 3, False)),
    ],
)
def test_outcome_and_casualties_from_injuries_and_claims(reference: Lexicon, text: str, expected: tuple) -> None:
    (record,) = _events(text, reference)
    casualties = record["casualties"]
    assert (casualties["us_killed"], casualties["us_injured"], record["intercepted"]) == expected


def test_a_date_in_a_response_clause_does_not_date_the_strike(reference: Lexicon) -> None:
    text = (
        "The US launched strikes on 85 targets in Syria and Iraq in response to Sunday's drone attack on a US base"
        " that killed three soldiers."
    )
    drafts = _events(text, reference, published=dt.date(2024, 2, 3))
    assert [d["date"] for d in drafts if d["type"] == "strike"] == []  # not Sunday, 28 January


def test_weapons_told_after_the_attack(reference: Lexicon) -> None:
    text = "Ain al-Asad air base came under attack on Thursday. The attack involved two one-way attack drones."
    assert [d["weapons"] for d in _events(text, reference)] == [["drone"]]


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic Resistance in Iraq announced on Thursday the targeting of Ain al-Asad air base with a drone.",
        # "the group" is the armed group named before
        "The Islamic Resistance in Iraq is an umbrella of militias. A drone attacked Ain al-Asad air base on Thursday."
        " The group said in a statement that its fighters targeted the base.",
        # a claim sentence that names the IRGC in passing is still a claim, not Iran's own attack
        "A drone attacked Ain al-Asad air base on Thursday. The Islamic Resistance in Iraq, a network of militias"
        " affiliated with Iran's Islamic Revolutionary Guard Corps, claimed responsibility for the attack.",
    ],
)
def test_claims_in_other_words(reference: Lexicon, text: str) -> None:
    assert [d["claimed_by"] for d in _events(text, reference)] == [["islamic-resistance-in-iraq"]]


def test_a_lead_that_names_no_day_is_news_of_the_day(reference: Lexicon) -> None:
    published = dt.date(2023, 10, 22)
    news = "Rockets targeted the Ain al-Asad air base, which hosts U.S. troops, two army sources said."
    drafts = _events(news, reference, published)
    assert [_key(d) for d in drafts] == [("attack", "2023-10-22", "ain-al-asad")]
    assert "Check: date (the report gives no day; it is the day the report was published)" in drafts[0]["notes"]
    # Told as background ("retaliation for an earlier attack"), or in a report that dates another attack: no event.
    background = "The U.S. strikes were retaliation for an earlier drone attack on the Erbil air base."
    assert _events(background, reference, published) == []
    dated = "Rockets targeted the Ain al-Asad air base, sources said. Drones attacked al-Tanf on Saturday."
    assert [_key(d) for d in _events(dated, reference, published)] == [("attack", "2023-10-21", "al-tanf")]


def test_a_us_base_written_with_dots_is_a_us_site(reference: Lexicon) -> None:
    text = "A drone attack hit a U.S. base in northeast Jordan on Sunday."
    assert [_key(d) for d in _events(text, reference, dt.date(2024, 1, 28))] == [("attack", "2024-01-28", "JO")]


def test_a_group_reported_as_the_attacker_relays_its_claim(reference: Lexicon) -> None:
    published = dt.date(2023, 12, 14)
    relayed = (
        "The Islamic Resistance in Iraq, an umbrella group of armed factions, targeted the Conoco base with drones "
        "on Thursday."
    )
    assert _events(relayed, reference, published)[0]["claimed_by"] == ["islamic-resistance-in-iraq"]
    blamed = "U.S. officials blamed the attack on the Islamic Resistance in Iraq, which targeted Conoco on Thursday."
    assert _events(blamed, reference, published)[0]["claimed_by"] == []
    endorsed = "Rockets hit the Conoco base on Thursday. The Islamic Resistance in Iraq endorsed the attack."
    assert _events(endorsed, reference, published)[0]["claimed_by"] == ["islamic-resistance-in-iraq"]


@pytest.mark.parametrize(
    ("told", "intercepted"),
    [
        ("Rockets targeted al-Tanf on Monday and a fuel tank caught fire.", False),
        ("Rockets targeted al-Tanf on Monday; one blast was heard inside the base.", False),
        ("Rockets targeted al-Tanf on Monday without causing material damage.", None),
        ("Drones flew at al-Tanf on Monday. Both were shot down, and falling debris damaged a building.", True),
    ],
)
def test_damage_is_a_hit_unless_the_projectiles_were_downed(
    reference: Lexicon, told: str, intercepted: bool | None
) -> None:
    assert _events(told, reference, dt.date(2023, 11, 21))[0]["intercepted"] is intercepted


def test_american_forces_hurt_without_a_number_is_a_hit(reference: Lexicon) -> None:
    told = "A drone attack on the Harir air base on Friday left several American forces injured."
    draft = _events(told, reference, dt.date(2023, 10, 21))[0]
    assert draft["intercepted"] is False and draft["casualties"]["us_killed"] == 0


@pytest.mark.parametrize(
    ("told", "count"),
    [
        ("Washington has recorded more than 115 attacks against its forces in Iraq and Syria since October.", 115),
        ("There have been 127 total recent attacks on forces in Iraq and Syria, Ryder said.", 127),
        ("Since October 26, its bases were attacked six more times, three in Iraq and three in Syria.", None),
    ],
)
def test_tallies_since_the_campaigns_month_or_told_by_a_spokesman(
    reference: Lexicon, told: str, count: int | None
) -> None:
    drafts = extract_drafts(_article(told, dt.date(2024, 1, 9)), reference, START)
    assert [d["attacks"] for d in drafts if "attacks" in d] == ([count] if count else [])


@pytest.mark.parametrize(
    "habit",
    [
        "The attacks in Iraq have mainly targeted the Ain al-Asad air base.",
        "The Erbil airport and the Harir air base are frequent targets.",
    ],
)
def test_what_keeps_happening_is_not_an_attack(reference: Lexicon, habit: str) -> None:
    assert _events("Drones attacked al-Tanf on Friday. " + habit, reference) == _events(
        "Drones attacked al-Tanf on Friday.", reference
    )


def test_a_running_count_at_a_site_is_not_an_attack_and_lends_no_weapons(reference: Lexicon) -> None:
    told = (
        "Suicide drones targeted the Harir air base on Friday. The Harir air base has been targeted multiple times "
        "since October 17. Troops have faced a series of rocket and drone attacks since mid-October."
    )
    drafts = _events(told, reference)
    assert [(_key(d), d["weapons"]) for d in drafts] == [(("attack", "2023-11-24", "harir-air-base"), ["drone"])]


@pytest.mark.parametrize(
    "none",
    [
        "There were no reports of casualties.",
        "The attack did not result in any casualties or significant damage.",
    ],
)
def test_no_casualties_reported_is_zero(reference: Lexicon, none: str) -> None:
    draft = _events("Drones targeted the Conoco base on Monday. " + none, reference)[0]
    assert (draft["casualties"]["us_killed"], draft["casualties"]["us_injured"]) == (0, 0)


def test_a_strike_is_where_it_hit_not_where_the_attacks_it_answers_were(reference: Lexicon) -> None:
    told = (
        "In response to attacks against coalition forces in Iraq and Syria, U.S. forces conducted airstrikes "
        "against facilities used by Kataib Hezbollah in Iraq on Monday."
    )
    assert [(_key(d)) for d in _events(told, reference, dt.date(2023, 12, 26))] == [("strike", "2023-12-25", "IQ")]


@pytest.mark.parametrize(
    "unmade",
    [
        "The U.S. approved strikes on Iranian personnel and facilities in Iraq and Syria on Monday.",
        "The US military said it did not carry out an air strike on a rocket launcher in Iraq on Monday.",
    ],
)
def test_a_strike_approved_or_denied_is_not_a_strike(reference: Lexicon, unmade: str) -> None:
    assert _events(unmade, reference, dt.date(2024, 1, 9)) == []


def test_an_opening_response_clause_ends_before_the_main_clause(reference: Lexicon) -> None:
    told = (
        "On Saturday, in retaliation for the massacres in Gaza, the Islamic Resistance in Iraq attacked the al-Tanf "
        "and al-Shaddadi bases with drones."
    )
    drafts = _events(told, reference, dt.date(2024, 1, 6))
    assert sorted(_key(d) for d in drafts) == [
        ("attack", "2024-01-06", "al-shaddadi"),
        ("attack", "2024-01-06", "al-tanf"),
    ]


def test_a_country_in_a_groups_name_places_nothing(reference: Lexicon) -> None:
    told = "The Islamic Resistance in Iraq attacked a U.S. base in Syria with drones on Saturday."
    assert [_key(d) for d in _events(told, reference, dt.date(2024, 1, 6))] == [("attack", "2024-01-06", "SY")]


@pytest.mark.parametrize(
    "told",
    [
        "A rocket strike was carried out against a US military base near the Conoco gas field on Saturday.",
        "A drone strike occurred at the al-Tanf base on Saturday, a television channel reported.",
        "Defense systems downed three armed drones on Saturday near the bases hosting U.S. troops at Erbil airport.",
    ],
)
def test_attacks_told_with_a_strike_word_or_only_by_their_interception(reference: Lexicon, told: str) -> None:
    drafts = _events(told, reference, dt.date(2024, 2, 3))
    assert [d["type"] for d in drafts] == ["attack"] and drafts[0]["date"] == "2024-02-03"


def test_an_attack_hours_before_another_is_the_same_day(reference: Lexicon) -> None:
    told = (
        "Drones aimed at the Ain al-Asad air base were intercepted on Wednesday, hours before another drone attack "
        "was intercepted near the Harir air base."
    )
    drafts = _events(told, reference, dt.date(2023, 10, 18))
    assert sorted(_key(d) for d in drafts) == [
        ("attack", "2023-10-18", "ain-al-asad"),
        ("attack", "2023-10-18", "harir-air-base"),
    ]


@pytest.mark.parametrize(
    "aside",
    [
        "According to the statement, the drones precisely hit their targets.",
        "Militias have repeatedly hit US bases in Iraq and Syria with rockets.",
    ],
)
def test_a_claimed_or_habitual_hit_leaves_the_outcome_unknown(reference: Lexicon, aside: str) -> None:
    draft = _events("Drones targeted the Conoco base on Monday. " + aside, reference)[0]
    assert draft["intercepted"] is None


def test_a_count_no_record_could_hold_is_not_a_toll(reference: Lexicon) -> None:
    # found by the property test: every draft must stay a valid record
    told = "On January 1, 1,001 US forces were attacked at Ain al-Asad Air Base and 0 people were killed."
    drafts = _events(told, reference, dt.date(2024, 1, 2))
    assert drafts and all((d["casualties"]["us_killed"] or 0) <= 1000 for d in drafts)
    strike = "A U.S. strike killed 20,000 militants in Iraq on Monday."
    assert [d["casualties"]["killed"] for d in _events(strike, reference, dt.date(2024, 1, 2))] == [None]


@pytest.mark.parametrize(
    "told",
    [
        "In August, eight US service members were injured in a drone attack on a base in Syria.",
        "Washington blames the group for a drone attack on a US outpost in Jordan earlier this month.",
    ],
)
def test_an_attack_dated_only_to_a_month_is_left_out(reference: Lexicon, told: str) -> None:
    assert _events(told, reference, dt.date(2024, 11, 12)) == []


@pytest.mark.parametrize(
    "aside",
    [
        "We have seen an increase in rocket and drone attacks against our bases.",
        "From time to time, armed groups attack US bases with missiles and drones.",
        "Resistance groups have repeatedly hit US bases with missiles and rockets.",
    ],
)
def test_weapons_of_other_attacks_are_not_this_ones(reference: Lexicon, aside: str) -> None:
    told = (
        "Troops at al-Tanf shot down two drones on Monday. "
        "This is the second time since Thursday that al-Tanf has been targeted. "
    )
    drafts = _events(told + aside, reference)
    assert [(_key(d), d["weapons"]) for d in drafts] == [(("attack", "2023-11-20", "al-tanf"), ["drone"])]


def test_claims_told_before_the_attacks_or_by_the_groups_fighters(reference: Lexicon) -> None:
    ahead = (
        "The Islamic Resistance in Iraq has claimed two rocket attacks on US forces in Syria on Monday. "
        "Rockets hit the Conoco base on Monday, local sources said."
    )
    assert [d["claimed_by"] for d in _events(ahead, reference)] == [["islamic-resistance-in-iraq"]]
    fighters = (
        "The Islamic Resistance in Iraq issued a statement on Thursday, announcing that resistance fighters attacked "
        "the al-Shaddadi base with drones. Early Thursday, the resistance fighters also targeted the Conoco base."
    )
    drafts = _events(fighters, reference, dt.date(2023, 12, 14))
    assert [(_key(d), d["claimed_by"]) for d in drafts] == [
        (("attack", "2023-12-14", "al-shaddadi"), ["islamic-resistance-in-iraq"]),
        (("attack", "2023-12-14", "conoco"), ["islamic-resistance-in-iraq"]),
    ]
    # "claimed the attack ... on Monday" refers back: its day may be the claim's, not a later attack's
    back = (
        "A bomb hit a convoy on Sunday. Kataib Hezbollah claimed the attack in a statement on Monday. "
        "Late on Monday, three mortar rounds were fired towards al-Tanf."
    )
    assert [d["claimed_by"] for d in _events(back, reference, dt.date(2023, 11, 21))] == [[]]


@pytest.mark.parametrize(
    "told",
    [
        "Three rockets were fired at al-Tanf on Monday, two of which were shot down, while the third fell nearby.",
        "Two drones targeted al-Tanf on Monday, with one hitting an observation point; the other was intercepted.",
    ],
)
def test_some_downed_and_one_through_is_a_hit(reference: Lexicon, told: str) -> None:
    assert _events(told, reference)[0]["intercepted"] is False


def test_strikes_on_two_named_days_are_two_strikes(reference: Lexicon) -> None:
    told = "The US carried out two series of strikes in Iraq on Tuesday and Wednesday."
    assert sorted(_key(d) for d in _events(told, reference, dt.date(2023, 11, 22))) == [
        ("strike", "2023-11-21", "IQ"),
        ("strike", "2023-11-22", "IQ"),
    ]


def test_strikes_against_us_forces_are_attacks_and_the_attack_after_a_strike_keeps_its_day(reference: Lexicon) -> None:
    credit = "The Islamic Resistance in Iraq has taken credit for multiple strikes against US and coalition forces."
    assert [d for d in _events(credit, reference) if d["type"] == "strike"] == []
    told = (
        "The United States carried out retaliatory strikes on Friday in Iraq and Syria. "
        "The Jordan attack was the first deadly strike against US troops since October."
    )
    assert [_key(d) for d in _events(told, reference, dt.date(2024, 2, 3))] == [
        ("strike", "2024-02-02", "IQ"),
        ("strike", "2024-02-02", "SY"),
    ]


def test_a_tally_total_over_both_countries_then_its_split(reference: Lexicon) -> None:
    told = (
        '"To date, there have been approximately 140 attacks on US troops in Iraq and Syria: 57 attacks in Iraq '
        'and 83 attacks in Syria," a Pentagon spokeswoman said.'
    )
    drafts = extract_drafts(_article(told, dt.date(2024, 1, 19)), reference, START)
    assert [(d["attacks"], d["iraq"], d["syria"]) for d in drafts if "attacks" in d] == [(140, 57, 83)]


def test_two_attacks_joined_by_while_keep_their_own_weapons(reference: Lexicon) -> None:
    text = (
        "On Monday someone tried to hit the Conoco base with rockets while the Tanf garrison was targeted by "
        "suicide drones."
    )
    weapons = {e["location"]["base"]: e["weapons"] for e in _events(text, reference)}
    assert weapons == {"conoco": ["rocket"], "al-tanf": ["drone"]}


def test_a_second_attack_told_after_and_keeps_its_own_weapon(reference: Lexicon) -> None:
    text = (
        "On Thursday a drone was flown at troops at the Tanf garrison and a rocket attack was launched against "
        "forces at the Conoco base."
    )
    weapons = {e["location"]["base"]: e["weapons"] for e in _events(text, reference)}
    assert weapons == {"al-tanf": ["drone"], "conoco": ["rocket"]}


def test_weapons_told_of_one_site_replace_those_told_of_two(reference: Lexicon) -> None:
    text = (
        "Drones and rockets struck the Tanf garrison and the Conoco base on Sunday. "
        "On Sunday the Tanf garrison was hit by two drones. "
        "On Sunday the Conoco base was hit by rockets."
    )
    weapons = {e["location"]["base"]: e["weapons"] for e in _events(text, reference)}
    assert weapons == {"al-tanf": ["drone"], "conoco": ["rocket"]}


def test_a_toll_told_before_the_site_goes_to_that_days_attack(reference: Lexicon) -> None:
    text = (
        "Five U.S. troops were wounded after a drone attack in Syria on Friday. "
        "The drone targeted the Conoco base, officials said."
    )
    (event,) = _events(text, reference)
    assert event["location"]["base"] == "conoco"
    assert event["casualties"]["us_injured"] == 5 and event["casualties"]["us_killed"] == 0
    assert event["intercepted"] is False


def test_the_weapon_told_with_a_toll_before_the_site_goes_with_it(reference: Lexicon) -> None:
    text = (
        "Five U.S. troops were wounded after a drone attack in Syria on Friday. "
        "The attackers targeted the Conoco base, officials said."
    )
    (event,) = _events(text, reference)
    assert event["weapons"] == ["drone"]


def test_tolls_told_as_nouns_count(reference: Lexicon) -> None:
    text = (
        "A drone attack on the Tanf garrison on Sunday led to the deaths of two U.S. soldiers and the injury of "
        "nine others."
    )
    (event,) = _events(text, reference)
    assert event["casualties"]["us_killed"] == 2 and event["casualties"]["us_injured"] == 9


def test_a_sentence_about_another_month_says_nothing_of_the_attack_just_told(reference: Lexicon) -> None:
    text = (
        "A drone hit the Conoco base on November 20; no Americans were hurt. "
        "The campaign peaked in late October with the deaths of three American soldiers at an outpost."
    )
    (event,) = _events(text, reference)
    assert event["casualties"]["us_killed"] == 0 and event["casualties"]["us_injured"] == 0


def test_two_unnamed_sites_of_an_undated_lead_are_named_in_order(reference: Lexicon) -> None:
    text = (
        "New drone attacks have hit two US bases in Syria, according to media reports.\n\n"
        "Drones targeted the Conoco gas field and the al-Omar oil field in Deir Ezzor."
    )
    bases = sorted(e["location"]["base"] for e in _events(text, reference))
    assert bases == ["conoco", "green-village"]


def test_a_clause_that_only_adds_a_site_shares_the_attack_before_it(reference: Lexicon) -> None:
    text = "Drones were launched at the Ain al-Asad air base on Thursday, as well as one at the Harir base."
    assert sorted(e["location"]["base"] for e in _events(text, reference)) == ["ain-al-asad", "harir-air-base"]


def test_a_base_named_only_to_say_where_another_is_is_not_a_site(reference: Lexicon) -> None:
    text = "A drone hit the Harir base near Erbil Airport on Thursday."
    assert [e["location"]["base"] for e in _events(text, reference)] == ["harir-air-base"]


def test_an_attack_told_as_some_days_before_another_is_not_dated_by_it(reference: Lexicon) -> None:
    text = "The drone attack on the Conoco base on Friday comes just days after militants targeted the Harir base."
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-24", "conoco")]


def test_a_base_at_an_airport_is_one_site(reference: Lexicon) -> None:
    text = "Drones struck Harir Base at Erbil International Airport on Thursday."
    assert [e["location"]["base"] for e in _events(text, reference)] == ["harir-air-base"]


def test_a_verb_whose_subject_is_a_group_is_not_a_us_strike(reference: Lexicon) -> None:
    text = (
        "A drone hit the Conoco base on Friday. "
        "For now, the U.S. military believes an Iran-aligned militia group in Syria carried out the attack on Friday."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-24", "conoco")]


def test_the_named_attack_told_before_without_a_day_keeps_no_day(reference: Lexicon) -> None:
    text = (
        "A drone hit the Conoco base on Friday. "
        "The attack on the Conoco base comes days after militants targeted the Harir base. "
        "Two soldiers were hurt in the Harir base attack."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-24", "conoco")]


def test_the_day_of_some_attacks_a_count_includes_is_not_the_day_of_the_count(reference: Lexicon) -> None:
    text = (
        "U.S. forces have been attacked 73 times since Oct. 17, including three attacks on Thursday, "
        "a defense official said."
    )
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 73)]


def test_a_where_clause_belongs_to_the_temporal_clause_it_follows(reference: Lexicon) -> None:
    text = (
        "U.S. jets struck two depots in Syria on Monday. The strikes followed an attack on an outpost at the Conoco "
        "gas field, where four rockets hit the base on Sunday."
    )
    keys = [_key(e) for e in _events(text, reference)]
    assert ("attack", "2023-11-19", "conoco") in keys


def test_an_undated_lead_is_the_day_s_news_even_beside_an_attack_dated_by_a_statement(reference: Lexicon) -> None:
    text = (
        "US base at the Conoco gas field comes under drone attack\n\n"
        "Three drones have reportedly targeted the US base at the Conoco gas field.\n\n"
        "The president revealed on Tuesday how he would respond to the recent drone strike that killed three "
        "American troops in Jordan."
    )
    keys = [_key(e) for e in _events(text, reference)]
    assert ("attack", "2023-11-24", "conoco") in keys


def test_a_statement_day_at_the_end_of_a_response_clause_dates_the_strikes(reference: Lexicon) -> None:
    text = (
        "U.S. forces have carried out more precision strikes on sites in eastern Syria in response to continued "
        "attacks on U.S. troops, the Pentagon said on Nov. 22."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-22", "SY")]


def test_strikes_at_places_named_together_are_one_entry_per_place(reference: Lexicon) -> None:
    text = "U.S. jets struck militia depots near Abu Kamal and Mayadin in Syria on Sunday."
    places = sorted(e["location"]["place"] for e in _events(text, reference))
    assert places == ["Abu Kamal", "Mayadin"]


def test_a_town_placed_by_a_border_is_still_one_of_the_places_named_together(reference: Lexicon) -> None:
    text = "U.S. jets struck militia depots on Sunday at Al-Qa'im near the Syrian border and Jurf al-Sakhar in Iraq."
    places = sorted(e["location"]["place"] for e in _events(text, reference))
    assert places == ["Al-Qa'im", "Jurf al-Sakhar"]


def test_towns_named_together_as_regions_are_one_entry_each(reference: Lexicon) -> None:
    text = "U.S. strikes on Friday hit militia sites in the Akashat and Al-Qaim regions of Iraq."
    places = sorted(e["location"]["place"] for e in _events(text, reference))
    assert places == ["Akashat", "Al-Qaim"]


def test_provinces_named_together_are_one_strike(reference: Lexicon) -> None:
    text = "U.S. jets struck militia depots in the Deir ez-Zor and Hasakah provinces of Syria on Sunday."
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-19", "SY")]


def test_a_date_line_after_publication_is_not_a_heading(reference: Lexicon) -> None:
    text = (
        "Monday, December 4, 2023\n\n"
        "U.S. jets struck a militia depot in Syria on Sunday.\n\n"
        "The strikes also hit a depot near Mayadin."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-19", "SY")]


def test_the_us_strikes_told_again_do_not_take_the_day_of_an_attack_they_answer(reference: Lexicon) -> None:
    text = (
        "U.S. forces struck three militia facilities in Iraq on Wednesday. "
        "The U.S. strikes came in response to attacks on American troops, including the attack on the Harir base "
        "on Monday."
    )
    keys = [_key(e) for e in _events(text, reference)]
    assert ("strike", "2023-11-22", "IQ") in keys
    assert not [k for k in keys if k[0] == "strike" and k[1] != "2023-11-22"]


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic Resistance in Iraq claimed a drone attack on Monday. On Tuesday, two rockets were fired at "
        "the Harir base, an attack also claimed by the same group.",
        "The Islamic Resistance in Iraq announced in a short statement on Tuesday the targeting of the Harir base "
        "with a drone.",
        "The Islamic Resistance in Iraq kept up its campaign on Tuesday. In two statements, the group said that two "
        "attacks targeted the Harir base on Tuesday.",
    ],
)
def test_more_ways_a_group_claims_an_attack(reference: Lexicon, text: str) -> None:
    claims = {e["location"]["base"]: e["claimed_by"] for e in _events(text, reference) if e["location"]["base"]}
    assert claims == {"harir-air-base": ["islamic-resistance-in-iraq"]}


def test_explosions_at_a_named_base_on_a_day_are_an_attack_there(reference: Lexicon) -> None:
    text = (
        "Rockets targeted a U.S. base in eastern Syria, local sources said. "
        "Loud explosions shook the Conoco gas field, where U.S. troops are based, on Wednesday evening."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-22", "conoco")]


def test_explosions_without_a_named_base_are_not_an_attack(reference: Lexicon) -> None:
    text = "Explosions were heard in the town of Mayadin on Wednesday, residents said."
    assert _events(text, reference) == []


def test_the_one_that_got_past_the_defences_hit(reference: Lexicon) -> None:
    text = (
        "Three drones targeted the Tanf garrison on Monday. Coalition forces shot down two drones, while the third "
        "one attacked the base, causing material damage only."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is False


def test_a_drone_that_was_not_shot_down_was_not_intercepted(reference: Lexicon) -> None:
    text = (
        "A drone attacked the Tower 22 outpost on Sunday. The military is assessing whether the drone wasn't shot "
        "down because troops took it for a friendly one, she said."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is None


def test_the_country_attack_told_again_after_a_since_clause_keeps_no_day(reference: Lexicon) -> None:
    text = (
        "U.S. jets struck militia sites in Iraq on Friday, officials said, after a deadly attack in Jordan. "
        "The Jordan attack was the deadliest against U.S. troops since the war began in October."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-24", "IQ")]


def test_a_recent_attack_is_not_dated_by_the_day_it_was_spoken_of(reference: Lexicon) -> None:
    text = "The president said on Tuesday how he would respond to the recent drone attack on U.S. troops in Jordan."
    assert _events(text, reference) == []


def test_a_count_of_strikes_against_us_forces_is_a_tally(reference: Lexicon) -> None:
    text = "Since October 17, Washington has counted 98 strikes against its forces in Iraq and Syria, an officer said."
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 98)]


def test_a_count_told_in_the_outlets_own_voice_is_not_an_official_tally(reference: Lexicon) -> None:
    text = (
        "A drone struck the Harir base on Friday. "
        "Iran-aligned militia groups have targeted US interests in Iraq and Syria over 90 times since October 17."
    )
    assert _tallies(text, reference) == []


def test_a_bracketed_date_says_which_day_tonight_was(reference: Lexicon) -> None:
    text = '"Tonight [November 22], U.S. forces conducted a defensive airstrike in Iraq," an official said on Friday.'
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-22", "IQ")]


def test_a_day_announced_early_in_the_morning_is_a_statement_day(reference: Lexicon) -> None:
    text = (
        "U.S. jets struck a militia depot in Iraq late Tuesday. "
        "The militia announced early Wednesday that a drone strike had hit one of its depots."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-21", "IQ")]


def test_israels_bombardment_of_gaza_is_not_a_us_strike(reference: Lexicon) -> None:
    text = (
        "Iraqi militias tie the attacks, which began on Oct. 17, to US support for Israel in its bombardment of Gaza."
    )
    assert _events(text, reference) == []


def test_strikes_announced_on_a_day_and_said_to_be_a_day_earlier(reference: Lexicon) -> None:
    text = (
        "On Tuesday, the U.S. Central Command (CENTCOM) announced the killing of four militants in Iraq in a drone "
        "strike. The strike took place a day earlier, officials said."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-20", "IQ")]


def test_bases_named_in_an_including_clause_are_the_sites_counted(reference: Lexicon) -> None:
    text = (
        "The group said its fighters launched drones at two U.S. bases in Syria on Sunday, including the Conoco base "
        "and the Tanf garrison."
    )
    assert sorted(e["location"]["base"] for e in _events(text, reference)) == ["al-tanf", "conoco"]


def test_the_base_attacked_on_a_day_is_the_base_just_named(reference: Lexicon) -> None:
    text = (
        "Unknown drones targeted a U.S. base in Syria, with most activity seen at the Conoco base. "
        "Several suicide drones attacked the base on Sunday evening, setting off sirens."
    )
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-19", "conoco")]


def test_a_group_that_has_claimed_numerous_attacks_has_not_claimed_this_one(reference: Lexicon) -> None:
    text = (
        "Rockets struck the Conoco base on Thursday. The Islamic Resistance in Iraq has claimed responsibility for "
        "numerous attacks on U.S. forces since October."
    )
    (event,) = _events(text, reference)
    assert event["claimed_by"] == []


def test_an_unnamed_base_on_the_other_side_of_the_country_is_not_the_named_one(reference: Lexicon) -> None:
    text = (
        "Drones attacked a U.S. base in southern Syria on Thursday. Rockets also hit the Conoco base on Thursday, "
        "officials said."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-23", "SY"),
        ("attack", "2023-11-23", "conoco"),
    ]


def test_an_unnamed_base_is_the_one_base_on_its_side_the_report_names(reference: Lexicon) -> None:
    text = (
        "Drones attacked a U.S. military base in southern Syria on Thursday, officials said. "
        "The Tanf garrison lies near the border with Jordan and Iraq."
    )
    (event,) = _events(text, reference)
    assert event["location"]["base"] == "al-tanf"
    assert "it is the one base there the report names" in event["notes"]


def test_drones_taken_down_were_intercepted(reference: Lexicon) -> None:
    text = "Troops at the Tanf garrison took down two one-way attack drones on Monday, a spokesman said."
    (event,) = _events(text, reference)
    assert event["intercepted"] is True


def test_an_attack_that_led_to_explosions_at_the_base_hit(reference: Lexicon) -> None:
    text = (
        "Rockets targeted the Conoco base on Sunday. The attack on the outpost led to several explosions at the "
        "facility, witnesses said."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is False


def test_an_attack_told_as_a_day_before_another_is_dated_a_day_earlier(reference: Lexicon) -> None:
    text = (
        "The rocket attack on the Shaddadi base on Monday comes a day after a drone attack that killed two U.S. "
        "soldiers at a U.S. base in Jordan."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-19", "JO"),
        ("attack", "2023-11-20", "al-shaddadi"),
    ]


def test_an_attack_told_by_the_us_troops_it_killed(reference: Lexicon) -> None:
    text = "Washington blames the militia for killing two US soldiers in a Jordan outpost on November 20."
    assert ("attack", "2023-11-20", "JO") in [_key(e) for e in _events(text, reference)]


def test_unnamed_sites_counted_across_two_countries_are_not_all_in_the_second(reference: Lexicon) -> None:
    text = (
        "Militants attacked U.S. bases in Iraq and Syria on Friday, striking three facilities with drones and "
        "wounding one soldier, a defense official said."
    )
    assert [e for e in _events(text, reference) if e["location"]["country"] == "SY"] == []


def test_after_midnight_following_a_late_attack_is_the_next_day(reference: Lexicon) -> None:
    text = (
        "The group said the Conoco base was attacked late on November 20, and the Tanf garrison was targeted "
        "after midnight."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-20", "conoco"),
        ("attack", "2023-11-21", "al-tanf"),
    ]


def test_the_base_just_told_attacked_on_another_day(reference: Lexicon) -> None:
    text = (
        "Militants attacked the Conoco base on Thursday. "
        "On Tuesday, reportedly, the base was targeted by a missile. "
        "On Wednesday, rockets were fired at the base."
    )
    assert sorted((e["date"], e["location"]["base"], tuple(e["weapons"])) for e in _events(text, reference)) == [
        ("2023-11-21", "conoco", ("missile",)),
        ("2023-11-22", "conoco", ("rocket",)),
        ("2023-11-23", "conoco", ("unknown",)),
    ]


@pytest.mark.parametrize(
    "outcome",
    ["The attack did not result in any human or material losses.", "There were no reports of losses."],
)
def test_no_losses_is_no_casualties(reference: Lexicon, outcome: str) -> None:
    (event,) = _events(f"Two drones attacked the Harir base on Wednesday. {outcome}", reference)
    assert (event["casualties"]["us_killed"], event["casualties"]["us_injured"]) == (0, 0)


def test_strikes_told_without_a_day_take_the_day_of_tuesdays_strikes(reference: Lexicon) -> None:
    text = (
        "The defense secretary says the U.S. military has struck three militia facilities in Iraq. "
        "Tuesday's strikes came hours after militants fired drones at a U.S. base."
    )
    assert ("strike", "2023-11-21", "IQ") in [_key(e) for e in _events(text, reference)]


def test_a_group_that_announced_the_attacks_claims_them(reference: Lexicon) -> None:
    text = (
        "Drones targeted two U.S. bases in Syria on Tuesday, including the Conoco base and the Tanf garrison. "
        "The Islamic Resistance in Iraq announced the attacks in two statements."
    )
    claims = {e["location"]["base"]: e["claimed_by"] for e in _events(text, reference)}
    assert claims == {"conoco": ["islamic-resistance-in-iraq"], "al-tanf": ["islamic-resistance-in-iraq"]}


def test_the_day_of_an_event_after_but_is_not_the_day_of_the_count(reference: Lexicon) -> None:
    text = (
        "Since Oct. 17, U.S. forces have been attacked 64 times, but Monday's attack was the first with a "
        "ballistic missile, officials said."
    )
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 64)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Since Oct. 17, troops in Iraq came under attack 11 times while troops in Syria were attacked four times, "
        "the Pentagon said.",
        "Since Oct. 17, U.S. forces have been attacked 11 times in Iraq and four times in Syria, the Pentagon said.",
        "Since Oct. 17 there have been 15 attacks on U.S. forces, the Pentagon said: 11 attacks against U.S. forces "
        "in Iraq and 4 attacks in Syria.",
    ],
)
def test_a_count_split_by_country_either_way_round(reference: Lexicon, sentence: str) -> None:
    assert _tallies(sentence, reference) == [("2023-11-24", 15, 11, 4)]


def test_attacks_that_have_reached_a_number_are_a_tally(reference: Lexicon) -> None:
    text = "According to U.S. officials, the attacks on U.S. forces have reached 81 since October 17."
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 81)]


def test_attacks_told_after_a_dated_claim_take_its_day_as_a_said_day(reference: Lexicon) -> None:
    text = (
        "On Sunday, the group confirmed targeting three U.S. bases in Iraq and Syria. "
        "In a statement, the group said its fighters attacked the Conoco base with rockets."
    )
    (event,) = _events(text, reference)
    assert _key(event) == ("attack", "2023-11-19", "conoco")
    assert "Check: date" in event["notes"]


def test_a_base_name_in_quotes_is_still_the_base(reference: Lexicon) -> None:
    text = 'On Thursday, armed factions claimed a bombing that targeted the American "Harir" base in Erbil.'
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-23", "harir-air-base")]


def test_a_nationality_that_describes_a_group_does_not_place_the_strike(reference: Lexicon) -> None:
    text = (
        "On Sunday a strike hit the headquarters of the Iraqi resistance group Kataib Hezbollah on the Syrian side "
        "of the border, a U.S. official said."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-19", "SY")]


def test_a_groups_statement_of_hitting_its_target_is_not_a_report_of_a_hit(reference: Lexicon) -> None:
    text = "On Sunday the group said its fighters targeted the Harir base with a drone, hitting its target directly."
    (event,) = _events(text, reference)
    assert event["intercepted"] is None


def test_a_group_that_said_the_attacks_were_its_answer_claims_them(reference: Lexicon) -> None:
    text = (
        "Suicide drones hit the Conoco base and the Tanf garrison on Thursday. The Islamic Resistance in Iraq said "
        "in a statement that the attacks were a message to the occupation forces."
    )
    assert [e["claimed_by"] for e in _events(text, reference)] == [["islamic-resistance-in-iraq"]] * 2


def test_a_strike_said_not_to_have_been_carried_out_near_a_base_is_no_attack(reference: Lexicon) -> None:
    text = "The U.S. military said it did not carry out an air strike on a launcher on Monday near the Harir base."
    assert _events(text, reference) == []


def test_minor_injuries_told_before_the_site_mean_a_hit_and_no_deaths(reference: Lexicon) -> None:
    text = (
        "Several American personnel suffered minor injuries during a drone attack in Syria on Friday. "
        "The drone targeted the Conoco base, an official said."
    )
    (event,) = _events(text, reference)
    assert (event["casualties"]["us_killed"], event["casualties"]["us_injured"]) == (0, None)
    assert event["intercepted"] is False


def test_explosions_heard_from_inside_the_base_are_a_hit(reference: Lexicon) -> None:
    text = (
        "Rockets targeted the Conoco base on Sunday. After the attack, several explosions were heard from inside "
        "the base."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is False


def test_an_attack_resulting_in_several_injuries_hit(reference: Lexicon) -> None:
    text = "Militants attacked coalition forces at the Harir base on Monday, resulting in several injuries."
    (event,) = _events(text, reference)
    assert (event["casualties"]["us_killed"], event["casualties"]["us_injured"], event["intercepted"]) == (
        0,
        None,
        False,
    )


def test_a_group_that_announced_its_fighters_again_attacked_claims_it(reference: Lexicon) -> None:
    text = "The Islamic Resistance in Iraq announced that its fighters again attacked the Conoco base on Monday."
    (event,) = _events(text, reference)
    assert event["claimed_by"] == ["islamic-resistance-in-iraq"]


def test_a_similar_attack_on_another_day_is_on_the_site_just_told(reference: Lexicon) -> None:
    text = (
        "Four missiles hit the Conoco base on Tuesday evening. A similar drone attack was foiled on Monday by the "
        "coalition's air defences."
    )
    events = sorted(_events(text, reference), key=lambda e: e["date"])
    assert [(_key(e), e["intercepted"]) for e in events] == [
        (("attack", "2023-11-20", "conoco"), True),
        (("attack", "2023-11-21", "conoco"), False),
    ]


def test_injuries_in_another_country_are_not_the_tolls_of_the_attacks_just_told(reference: Lexicon) -> None:
    text = (
        "Drones targeted the Tanf garrison and the Conoco base on Thursday. "
        "Meanwhile, there are reports of minor injuries to coalition forces in Iraq after drone attacks there."
    )
    tolls = [(e["casualties"]["us_killed"], e["casualties"]["us_injured"]) for e in _events(text, reference)]
    assert tolls == [(None, None), (None, None)]


def test_a_since_phrase_naming_another_country_does_not_move_the_outcome(reference: Lexicon) -> None:
    text = (
        "Early Friday, air defenses shot down a drone headed toward the Conoco base. There were no injuries, "
        "according to the official, who said militants had launched three attacks since the Baghdad strike."
    )
    (event,) = _events(text, reference)
    assert (event["casualties"]["us_killed"], event["casualties"]["us_injured"]) == (0, 0)


def test_strikes_counted_since_the_campaign_began_are_not_a_strike(reference: Lexicon) -> None:
    text = "Since the attacks began on October 17, the U.S. has retaliated with two strikes in Syria, it said Friday."
    assert _events(text, reference) == []


def test_a_day_before_claimed_responsibility_is_the_day_of_the_claim(reference: Lexicon) -> None:
    text = "The Islamic Resistance in Iraq on Wednesday claimed responsibility for a drone attack on the Conoco base."
    (event,) = _events(text, reference)
    assert _key(event) == ("attack", "2023-11-22", "conoco")
    assert "Check: date" in event["notes"]


def test_an_attack_hours_ago_is_on_the_day_the_report_is_about(reference: Lexicon) -> None:
    text = (
        "On Thursday, rockets were fired at the Green Village base in Syria. "
        "It came after a drone attack on the Conoco base a few hours ago."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-23", "green-village"),
        ("attack", "2023-11-23", "conoco"),
    ]


def test_the_site_after_attacks_dated_by_their_announcement_takes_that_day(reference: Lexicon) -> None:
    text = (
        "On Wednesday, the group announced that its fighters targeted the al-Tanf base with drones. "
        "A correspondent also said the Conoco base was targeted twice."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-22", "al-tanf"),
        ("attack", "2023-11-22", "conoco"),
    ]


def test_a_strike_hours_before_attacks_is_on_their_day(reference: Lexicon) -> None:
    text = (
        "On Thursday, drones attacked the Green Village base in Syria. "
        "The attack came a few hours after a commander of Kataib Hezbollah was killed in Baghdad in a U.S. drone"
        " strike."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-23", "green-village"),
        ("strike", "2023-11-23", "IQ"),
    ]


def test_the_us_retaliated_hitting_sites_is_a_strike(reference: Lexicon) -> None:
    text = "The U.S. retaliated on Thursday, hitting militia sites in Syria."
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-23", "SY")]


def test_us_forces_shelling_villages_from_a_base_strike_the_villages(reference: Lexicon) -> None:
    text = (
        "A rocket hit the al-Tanf base in Syria early on Thursday, a monitor reported. "
        "Simultaneously, U.S. forces from the Conoco base shelled two villages in Deir ez-Zor."
    )
    keys = [_key(e) for e in _events(text, reference)]
    assert ("strike", "2023-11-23", "SY") in keys
    assert not any(key[2] == "conoco" for key in keys)


def test_strikes_spoken_of_on_a_day_and_carried_out_on_another(reference: Lexicon) -> None:
    text = (
        "U.S. strikes on militia sites in western Iraq killed at least ten people, an Iraqi spokesman said on Friday. "
        "Washington carried out the strikes on Thursday in retaliation for a drone attack on a base in Jordan."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-23", "IQ")]


def test_forces_that_came_under_attacks_a_number_of_times_is_a_tally(reference: Lexicon) -> None:
    text = "The Pentagon said U.S. forces in Iraq and Syria came under attacks 23 times in the past two weeks."
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 23)]


def test_a_count_told_twice_is_one_tally_with_the_split_the_second_telling_gives(reference: Lexicon) -> None:
    text = (
        "U.S. forces in Iraq and Syria have been attacked 55 times since October 17, the Pentagon said Tuesday.\n\n"
        "Most injuries were minor. The groups say they act in solidarity with Gaza. Iran denies directing them. "
        "Washington has warned Tehran.\n\n"
        'A spokeswoman said: "Since October 17 through today, there have been 55 attacks on U.S. forces. '
        'There have been 27 attacks against U.S. forces in Iraq and 28 attacks in Syria."'
    )
    assert _tallies(text, reference) == [("2023-11-21", 55, 27, 28)]


def test_a_count_told_earlier_is_not_dated_by_the_sentence_before(reference: Lexicon) -> None:
    text = (
        "Drones targeted the Harir base on Thursday, the group said on Thursday. "
        "Earlier, a Pentagon spokeswoman noted that U.S. forces had come under attack 140 times since October 17."
    )
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 140)]


def test_a_count_a_us_government_report_gives_in_its_own_voice_is_official(reference: Lexicon) -> None:
    text = "Iran-aligned militia groups carried out at least 90 attacks on U.S. interests in Iraq and Syria."
    for url, expected in (("https://oig.example.gov/report", [90]), ("https://news.example.com/report", [])):
        article = Article("t1", Path("t1.txt"), text, dt.date(2023, 11, 24), False, "OIG", url, None)
        assert [d["attacks"] for d in extract_drafts(article, reference, START) if "as_of" in d] == expected


def test_weapons_told_of_all_the_attacks_are_each_attacks_weapons(reference: Lexicon) -> None:
    text = (
        "The group said it attacked the al-Tanf garrison and the Conoco base on Sunday. "
        "It also said it targeted the Harir base in Erbil on Sunday. "
        "The attacks, which were all carried out with drones, answered the war in Gaza."
    )
    assert {e["location"]["base"]: e["weapons"] for e in _events(text, reference)} == {
        "al-tanf": ["drone"],
        "conoco": ["drone"],
        "harir-air-base": ["drone"],
    }


def test_the_common_misspelling_causalities_is_casualties(reference: Lexicon) -> None:
    (event,) = _events("A drone attacked the Harir base on Thursday without causing any causalities.", reference)
    assert event["casualties"] == {"us_killed": 0, "us_injured": 0, "killed": None}


def test_no_casualties_told_of_dated_attacks_before_their_sites(reference: Lexicon) -> None:
    text = (
        "U.S. bases and troops in Iraq and Syria were attacked with drones on Thursday, according to reports. "
        "According to a television channel, the forces were attacked three times, but there were no casualties. "
        "In Iraq, drones were launched at the Ain al-Asad air base, as well as one at the Harir base."
    )
    events = _events(text, reference)
    assert {e["location"]["base"]: e["casualties"]["us_injured"] for e in events} == {
        "ain-al-asad": 0,
        "harir-air-base": 0,
    }


@pytest.mark.parametrize(
    "caption",
    [
        "U.S. troops at the Conoco base, where rockets hit on August 18. (Jane Roe/Example Agency via Getty Images)",
        "Rockets hit the Conoco base on Friday. (AP Photo/John Doe)",
        "Getty Images",
        "Photo: rockets hit the Conoco base in an attack on Friday",
    ],
)
def test_a_photo_caption_on_a_copied_page_is_not_the_report(reference: Lexicon, caption: str) -> None:
    text = f"A drone hit the al-Tanf garrison on Thursday.\n\n{caption}\n\nNo one was hurt."
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-23", "al-tanf")]


def test_strikes_against_us_forces_that_a_strike_answers_are_not_its_target(reference: Lexicon) -> None:
    text = (
        "On Thursday the U.S. carried out an operation against two targets in eastern Syria as part of the"
        " administration's response to recent strikes against US and allied forces."
    )
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-23", "SY")]


def test_a_sentence_ends_at_a_closing_quote_without_a_space(reference: Lexicon) -> None:
    text = (
        'A drone hit the al-Tanf garrison on Thursday, an official said: "It caused minor damage."'
        "The Pentagon said on Friday that rockets targeted the Conoco base."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-23", "al-tanf"),
        ("attack", "2023-11-24", "conoco"),
    ]


def test_strikes_of_a_running_count_each_dated_by_the_next_sentence(reference: Lexicon) -> None:
    text = (
        "Since the attacks began, the U.S. has retaliated with two strikes in Syria. "
        "The first came on November 2 and the second followed on November 12."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("strike", "2023-11-02", "SY"),
        ("strike", "2023-11-12", "SY"),
    ]


def test_us_forces_that_fired_back_at_militants_struck_them(reference: Lexicon) -> None:
    text = "The U.S. military fired back at Iran-backed militants in Iraq early Tuesday, officials said."
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-21", "IQ")]


def test_an_attack_told_after_a_strike_keeps_the_day_it_inherits_unless_it_is_the_one_answered(
    reference: Lexicon,
) -> None:
    text = (
        "The U.S. military fired back at Iran-backed militants in Iraq on Tuesday. "
        "The militants launched a missile attack against U.S. forces at al-Asad Airbase. "
        "The group was targeted following a drone attack on the Conoco base in Syria."
    )
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-21", "ain-al-asad"),
        ("strike", "2023-11-21", "IQ"),
    ]


def test_a_toll_announced_on_a_day_is_not_a_strike_on_that_day(reference: Lexicon) -> None:
    text = (
        "The PMF announced on Sunday that the death toll from the US bombing of Jurf al-Sakhar had risen to nine. "
        "One man died on Sunday of injuries from the US bombardment on Jurf al-Sakhar last week."
    )
    assert _events(text, reference) == []


def test_an_air_assault_dated_by_the_next_sentence_as_the_day_strikes(reference: Lexicon) -> None:
    text = (
        "A drone hit a car in Baghdad on Wednesday, days after the U.S. military launched an air assault on 85 sites"
        " in Iraq and Syria used by militias.\n\n"
        "The February 3 strikes were in retaliation for the January 28 drone strike that killed three U.S. troops."
    )
    strikes = [_key(e) for e in _events(text, reference, dt.date(2024, 2, 8)) if e["type"] == "strike"]
    assert ("strike", "2024-02-03", "IQ") in strikes and ("strike", "2024-02-03", "SY") in strikes


def test_a_strike_answering_the_attacks_just_told_is_about_their_day(reference: Lexicon) -> None:
    text = (
        "Drones attacked the Green Village base in Syria on Sunday. "
        "In response to the drone attacks, U.S. forces at the base retaliated by firing artillery shells at nearby"
        " villages in Syria where militias are located."
    )
    events = _events(text, reference, dt.date(2023, 11, 21))
    (strike,) = [e for e in events if e["type"] == "strike"]
    assert _key(strike) == ("strike", "2023-11-19", "SY")
    assert "Check: date" in strike["notes"]


@pytest.mark.parametrize(
    ("spelling", "base"),
    [("Kuniko gas field", "conoco"), ("Arbil airport", "erbil-air-base"), ("Aïn al-Assad", "ain-al-asad")],
)
def test_other_spellings_of_bases(reference: Lexicon, spelling: str, base: str) -> None:
    assert [m.id for m in reference.bases.find(f"A drone targeted the {spelling} on Monday.")] == [base]


@pytest.mark.parametrize(
    ("spelling", "actor"),
    [("Kataib Hizbullah", "kataib-hezbollah"), ("Harakat Hizballah al-Nujaba", "harakat-al-nujaba")],
)
def test_other_spellings_of_groups(reference: Lexicon, spelling: str, actor: str) -> None:
    assert [m.id for m in reference.actors.find(f"{spelling} claimed the attack.")] == [actor]


@pytest.mark.parametrize(
    ("spelling", "weapon"),
    [
        ("quadcopters", "drone"),
        ("a CRBM", "missile"),
        ("RPGs", "rocket"),
        ("a Shahed-136", "drone"),
        ("a loitering munition", "drone"),
        ("an explosive device", "ied"),
    ],
)
def test_other_names_of_weapons(reference: Lexicon, spelling: str, weapon: str) -> None:
    assert [m.id for m in reference.weapons.find(f"Militants fired {spelling} at the base.")] == [weapon]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A quadcopter dropped explosives on the al-Tanf garrison on Tuesday.", ("al-tanf", ["drone"])),
        (
            "An explosive device detonated near a coalition convoy near the Rumalyn base on Tuesday.",
            ("rumalyn", ["ied"]),
        ),
    ],
)
def test_explosives_dropped_or_detonated_at_a_site_are_an_attack(
    reference: Lexicon, sentence: str, expected: tuple
) -> None:
    assert [(e["location"]["base"], e["weapons"]) for e in _events(sentence, reference)] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Air defenses at the al-Tanf garrison neutralized two drones on Monday.",
        "U.S. forces at the al-Tanf garrison engaged and destroyed a drone on Monday.",
        "A drone targeting the al-Tanf garrison on Monday was taken out by air defense systems.",
        "A drone targeted the al-Tanf garrison on Monday. Coalition forces successfully engaged the drone.",
    ],
)
def test_drones_neutralized_or_engaged_and_destroyed_were_intercepted(reference: Lexicon, sentence: str) -> None:
    (event,) = _events(sentence, reference)
    assert event["intercepted"] is True


@pytest.mark.parametrize(
    ("sentence", "intercepted"),
    [
        ("A drone targeted the al-Tanf garrison on Monday but caused no damage.", None),
        (
            "A drone targeted the al-Tanf base on Monday. It did not result in any casualties or significant damage.",
            None,
        ),
        ("A drone hit the al-Tanf garrison on Monday, causing significant damage.", False),
        ("Rockets targeted the al-Tanf garrison on Monday, inflicting heavy damage.", False),
    ],
)
def test_damage_said_and_damage_denied(reference: Lexicon, sentence: str, intercepted: bool | None) -> None:
    (event,) = _events(sentence, reference)
    assert event["intercepted"] is intercepted


@pytest.mark.parametrize(
    "sentence",
    [
        "A rocket hit near the Green Village base on Monday, without causing damage.",
        "Two rockets struck outside the perimeter of the Conoco base on Monday.",
    ],
)
def test_a_projectile_that_hit_near_the_base_did_not_hit_it(reference: Lexicon, sentence: str) -> None:
    (event,) = _events(sentence, reference)
    assert event["intercepted"] is None


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon denied reports that U.S. aircraft had struck targets in Baghdad on Tuesday.",
        "Iraqi security sources said an unidentified aircraft bombed a PMF position near al-Qaim on Tuesday.",
    ],
)
def test_a_denied_strike_and_one_by_aircraft_no_one_names_are_no_us_strike(reference: Lexicon, text: str) -> None:
    assert _events(text, reference) == []


def test_the_strikes_told_again_at_towns_whose_names_begin_with_al(reference: Lexicon) -> None:
    text = (
        "The U.S. military carried out airstrikes in Iraq on Tuesday. The strikes hit three facilities used by "
        "Kataib Hezbollah in Jurf al-Sakhar and al-Qaim, CENTCOM said."
    )
    strikes = [(e["date"], e["location"]["place"]) for e in _events(text, reference)]
    assert strikes == [("2023-11-21", "Jurf al-Sakhar"), ("2023-11-21", "al-Qaim")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A drone attacked the U.S. base in Erbil on Tuesday.", ("attack", "2023-11-21", "erbil-air-base")),
        (
            "A drone was intercepted before reaching the base of Erbil on Tuesday.",
            ("attack", "2023-11-21", "erbil-air-base"),
        ),
        # two reference bases are in Baghdad: the site stays unnamed, in its country
        ("Rockets targeted the U.S. base in Baghdad on Tuesday.", ("attack", "2023-11-21", "IQ")),
    ],
)
def test_a_base_told_by_its_town(reference: Lexicon, sentence: str, expected: tuple) -> None:
    assert [_key(e) for e in _events(sentence, reference)] == [expected]


def test_a_base_in_a_town_in_a_sentence_about_us_forces(reference: Lexicon) -> None:
    text = (
        "Militants launched two separate attacks on Tuesday against U.S. forces in Iraq, one on Ain al-Asad air base "
        "and one on a base in Erbil."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-21", "ain-al-asad"),
        ("attack", "2023-11-21", "erbil-air-base"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "U.S. Central Command announced Tuesday that it struck a Kataib Hezbollah facility in Iraq overnight.",
        "The strikes on Tuesday hit a Kataib Hezbollah depot in al-Qaim, Iraq.",
    ],
)
def test_strikes_dated_by_the_statement_night_or_told_first_as_the_strikes(reference: Lexicon, sentence: str) -> None:
    assert [_key(e) for e in _events(sentence, reference)] == [("strike", "2023-11-21", "IQ")]


def test_a_strike_toll_with_an_aside_before_its_verb(reference: Lexicon) -> None:
    text = "Sixteen people, including civilians, were killed in the U.S. strikes in Iraq on Tuesday, Baghdad said."
    (strike,) = _events(text, reference)
    assert (strike["date"], strike["casualties"]["killed"]) == ("2023-11-21", 16)


def test_a_strike_near_a_town_of_the_reference_data_is_in_its_country(reference: Lexicon) -> None:
    text = "A U.S. AC-130 gunship fired on a militia vehicle near Abu Ghraib on Tuesday, killing several fighters."
    assert [_key(e) for e in _events(text, reference)] == [("strike", "2023-11-21", "IQ")]


def test_each_half_of_a_sentence_split_by_a_semicolon_keeps_its_own_day(reference: Lexicon) -> None:
    text = "On Monday, rockets targeted the Conoco base; on Tuesday, a drone attacked the Green Village base."
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-20", "conoco"),
        ("attack", "2023-11-21", "green-village"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen opened fire on a U.S. patrol near the Rumalyn base on Tuesday.", ("attack", "2023-11-21", "rumalyn")),
        (
            "Air defenses at Ain al-Asad air base repelled two drones on Tuesday.",
            ("attack", "2023-11-21", "ain-al-asad"),
        ),
        (
            "Coalition forces thwarted a drone over the al-Tanf garrison on Tuesday.",
            ("attack", "2023-11-21", "al-tanf"),
        ),
        ("U.S. warplanes pounded Kataib Hezbollah positions in al-Qaim on Tuesday.", ("strike", "2023-11-21", "IQ")),
    ],
)
def test_sentences_whose_only_event_word_is_a_rarer_verb_are_read(
    reference: Lexicon, sentence: str, expected: tuple
) -> None:
    # The relevance gate (relevant_words) skips sentences with no event word; these verbs once fell through it.
    assert [_key(e) for e in _events(sentence, reference)] == [expected]


def test_a_later_sentence_naming_one_of_two_bases_is_about_that_attack(reference: Lexicon) -> None:
    text = (
        "The Islamic Resistance in Iraq claimed two attacks on Tuesday, on Erbil air base and on the Rumalyn base. "
        "The Pentagon said the Erbil attack caused minor damage."
    )
    outcomes = {e["location"]["base"]: e["intercepted"] for e in _events(text, reference)}
    assert outcomes == {"erbil-air-base": False, "rumalyn": None}


def test_one_downed_and_the_other_exploding_harmlessly_in_the_open_is_no_outcome(reference: Lexicon) -> None:
    text = (
        "The attack on Erbil air base on Tuesday was carried out with two drones. "
        "One was intercepted and the other exploded harmlessly in an open area."
    )
    (event,) = _events(text, reference)
    assert event["intercepted"] is None


def test_minor_injuries_to_a_number_of_troops_is_that_many_injured(reference: Lexicon) -> None:
    text = (
        "One drone was shot down and a second hit the al-Tanf garrison on Monday, causing minor injuries to two troops."
    )
    (event,) = _events(text, reference)
    assert (event["intercepted"], event["casualties"]["us_injured"]) == (False, 2)


@pytest.mark.parametrize(
    "text",
    [
        "The al-Tanf garrison was targeted twice, on Monday and again on Tuesday.",
        "Drones attacked the al-Tanf garrison on Monday. A day later, the base was hit by rockets.",
    ],
)
def test_one_base_attacked_on_two_days(reference: Lexicon, text: str) -> None:
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-20", "al-tanf"),
        ("attack", "2023-11-21", "al-tanf"),
    ]


@pytest.mark.parametrize(
    "after",
    [
        "U.S. troops are also stationed at Ain al-Asad and Erbil air base, which have been targeted repeatedly.",
        "The Islamic Resistance in Iraq has also claimed attacks on al-Tanf and Tower 22.",
        "Tuesday's attack came as U.S. officials visited troops at the al-Tanf garrison.",
    ],
)
def test_bases_named_in_passing_after_an_attack_are_no_attack(reference: Lexicon, after: str) -> None:
    text = f"A drone attacked the Conoco base on Tuesday. {after}"
    assert [_key(e) for e in _events(text, reference)] == [("attack", "2023-11-21", "conoco")]


def test_the_green_village_base_is_no_village_to_strike(reference: Lexicon) -> None:
    text = (
        "A drone attacked the Conoco base on Tuesday. It was the second attack in 24 hours on U.S. forces in Syria, "
        "after rockets targeted the Green Village base on Monday."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-20", "green-village"),
        ("attack", "2023-11-21", "conoco"),
    ]


def test_attacks_feared_are_no_attack(reference: Lexicon) -> None:
    assert _events("Officials fear more attacks on bases such as the al-Tanf garrison.", reference) == []


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more:\n\nRockets hit Ain al-Asad air base, injuring troops\n\nU.S. strikes militia sites in Iraq",
        "Related\n\n- Drone attack on Tower 22 kills three U.S. soldiers\n- Rockets hit the Conoco base",
        "ALSO READ | Rockets hit Ain al-Asad air base",
        "You might also like: Militants attack Conoco base again",
        "Follow us on social media for the latest on attacks on Ain al-Asad air base.",
        "Reporting by a staff writer in Baghdad; additional reporting on the Conoco attack; Editing by an editor",
        "Tags: Iraq, Syria, Ain al-Asad, drone attack",
    ],
)
def test_links_to_other_stories_are_not_the_report(reference: Lexicon, furniture: str) -> None:
    text = f"A drone targeted the al-Tanf garrison on Thursday, an official said.\n\n{furniture}\n\nIt was shot down."
    events = _events(text, reference)
    assert [_key(e) for e in events] == [("attack", "2023-11-23", "al-tanf")]
    assert events[0]["intercepted"] is True


def test_another_countrys_jets_striking_in_syria_are_not_a_us_strike(reference: Lexicon) -> None:
    assert _events("Israeli jets struck targets near Damascus in Syria on Tuesday.", reference) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "According to an AFP tally, more than 70 attacks have targeted U.S. forces since mid-October.",
        "U.S. bases in Syria alone have been attacked 40 times since October 17, the Pentagon said Tuesday.",
        "In the past week alone, U.S. forces were attacked 12 times, a defense official said.",
    ],
)
def test_an_outlets_tally_or_one_countrys_part_is_not_an_official_tally(reference: Lexicon, sentence: str) -> None:
    assert _tallies(sentence, reference) == []


def test_an_attack_that_brings_to_a_number_the_count_is_a_tally(reference: Lexicon) -> None:
    text = "The latest attack brings to 66 the number of attacks on U.S. forces since Oct. 17, the Pentagon said."
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 66)]


def test_each_site_named_before_its_own_day(reference: Lexicon) -> None:
    text = "Drones attacked the al-Tanf garrison on Sunday and the Conoco base on Monday."
    assert [_key(e) for e in _events(text, reference)] == [
        ("attack", "2023-11-19", "al-tanf"),
        ("attack", "2023-11-20", "conoco"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Conoco base was attacked with drones on Tuesday, and the Green Village base with rockets.",
            {"conoco": ["drone"], "green-village": ["rocket"]},
        ),
        ("The Harir base was attacked on Tuesday. Officials said two drones were used.", {"harir-air-base": ["drone"]}),
        ("Unidentified projectiles landed near the Harir base on Tuesday.", {"harir-air-base": ["unknown"]}),
    ],
)
def test_weapons_told_in_a_second_clause_or_sentence(reference: Lexicon, text: str, expected: dict) -> None:
    assert {e["location"]["base"]: e["weapons"] for e in _events(text, reference)} == expected


@pytest.mark.parametrize(
    ("text", "intercepted"),
    [
        ("Drones attacked the al-Tanf garrison on Tuesday. Some of the drones were shot down.", None),
        ("Three drones attacked the al-Tanf garrison on Tuesday; two of them were intercepted.", None),
        ("Drones targeted the al-Tanf garrison on Tuesday; air defenses intercepted most of them.", None),
        (
            "Two rockets targeted the Conoco base on Tuesday; one was intercepted, the other landed outside the base.",
            None,
        ),
        ("Three drones attacked the al-Tanf garrison on Tuesday; all three were intercepted.", True),
        (
            "Drones attacked al-Tanf on Tuesday. They were shot down, but debris from one of them wrecked a hangar.",
            True,
        ),
    ],
)
def test_only_some_projectiles_downed_is_not_an_interception(
    reference: Lexicon, text: str, intercepted: bool | None
) -> None:
    (event,) = _events(text, reference)
    assert event["intercepted"] is intercepted


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        (
            "A drone hit the Tower 22 outpost on Sunday, killing three U.S. soldiers and wounding more than 40.",
            (False, 3, 40),
        ),
        (
            "Three U.S. service members were killed and at least 34 injured in a drone attack on Tower 22 on Sunday.",
            (False, 3, 34),
        ),
        (
            "A drone hit the Tower 22 outpost on Sunday; more than 40 U.S. troops were injured and three were killed.",
            (False, 3, 40),
        ),
        (
            "Rockets hit the al-Tanf garrison on Tuesday; two U.S. soldiers were injured and three were not hurt.",
            (False, 0, 2),
        ),
        ("A U.S. service member was slightly wounded in a rocket attack on the Conoco base on Tuesday.", (False, 0, 1)),
        ("One American was killed in the drone attack on the al-Tanf garrison on Tuesday.", (False, 1, None)),
        ("No U.S. personnel were injured in the drone attack on the Harir base on Tuesday.", (None, 0, 0)),
        ("There were no U.S. casualties from the rocket attack on the Conoco base on Tuesday.", (None, 0, 0)),
        ("The drone attack on the Harir base on Tuesday wounded two Kurdish fighters but no Americans.", (False, 0, 0)),
    ],
)
def test_tolls_as_wire_reports_tell_them(reference: Lexicon, text: str, outcome: tuple) -> None:
    (event,) = _events(text, reference, dt.date(2023, 11, 22))
    assert (event["intercepted"], event["casualties"]["us_killed"], event["casualties"]["us_injured"]) == outcome


def test_the_rank_of_the_latest_attack_with_its_noun_left_out_is_a_tally(reference: Lexicon) -> None:
    text = "The latest attack was the 62nd on U.S. forces in Iraq and Syria since Oct. 17, the Pentagon said."
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 62)]


def test_a_count_of_one_base_is_no_tally_and_no_attack(reference: Lexicon) -> None:
    text = (
        "The al-Tanf garrison, which has been attacked more than a dozen times, hosts about 200 U.S. troops. "
        "Since then, the Rumalyn base has come under attack at least three times."
    )
    assert extract_drafts(_article(text), reference, START) == []


def test_forces_that_came_under_fire_a_number_of_times_is_a_tally(reference: Lexicon) -> None:
    text = "U.S. troops have come under fire at least 100 times since mid-October, according to the Pentagon."
    assert [t[:2] for t in _tallies(text, reference)] == [("2023-11-24", 100)]


def test_a_strike_after_an_attack_on_a_base_named_in_the_same_clause(reference: Lexicon) -> None:
    text = (
        "U.S. forces conducted a retaliatory strike on a militia headquarters in Iraq on Tuesday after rockets hit the"
        " Ain al-Asad air base."
    )
    assert sorted(_key(e) for e in _events(text, reference)) == [
        ("attack", "2023-11-21", "ain-al-asad"),
        ("strike", "2023-11-21", "IQ"),
    ]


# A whole report in the way wire services write them (written for this test): a roundup of one day, each
# attack's outcome and toll in its own sentence, a claim of two of them, a running count and the strikes so far.
WIRE_ROUNDUP = """WASHINGTON, Nov 22 (Reuters) - U.S. and coalition forces were attacked at least three times in Iraq
and Syria on Tuesday, a U.S. military official said, in the latest of a string of attacks since the Israel-Hamas war
began.

A one-way attack drone targeted U.S. forces at Ain al-Asad air base in western Iraq, causing minor injuries to two
personnel, the official said. Separately, two rockets were fired at the Conoco base in Syria; there were no injuries
or damage.

A third attack, on the al-Tanf garrison, involved a drone that was shot down before it reached the base.

The Islamic Resistance in Iraq, an umbrella group of Iran-backed militias, claimed the attacks on Ain al-Asad and
al-Tanf in statements on Telegram.

U.S. forces have been attacked at least 66 times in Iraq and Syria since Oct. 17, according to the Pentagon. In
response, the United States has carried out three rounds of strikes, most recently on Nov. 12 against facilities in
Syria.
""".replace("\n", " ").replace("  ", "\n\n")


def test_a_wire_roundup_of_one_day(reference: Lexicon) -> None:
    drafts = extract_drafts(_article(WIRE_ROUNDUP, dt.date(2023, 11, 22)), reference, START)
    attacks = {
        d["location"]["base"]: (
            d["date"],
            d["intercepted"],
            d["casualties"]["us_killed"],
            d["casualties"]["us_injured"],
            d["claimed_by"],
        )
        for d in drafts
        if d.get("type") == "attack"
    }
    assert attacks == {
        "ain-al-asad": ("2023-11-21", False, 0, 2, ["islamic-resistance-in-iraq"]),
        "conoco": ("2023-11-21", None, 0, 0, []),
        "al-tanf": ("2023-11-21", True, None, None, ["islamic-resistance-in-iraq"]),
    }
    assert [(d["date"], d["location"]["country"]) for d in drafts if d.get("type") == "strike"] == [
        ("2023-11-12", "SY")
    ]
    assert [(d["as_of"], d["attacks"]) for d in drafts if "as_of" in d] == [("2023-11-22", 66)]
