"""Build a new record from a contributor's answers: the logic behind `python -m generator new`.

Answers arrive as text, typed at a prompt or passed as options. This module turns them into
values, resolves names and aliases to reference ids, builds a `review: draft` record, picks a
free id and path, and checks the result with the validator before anything is written. It never
prints or asks: generator/cli/new.py does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.config import DEFAULT_CAMPAIGN_START
from generator.core.problems import Report
from generator.core.urls import is_safe_url
from generator.core.yamlio import parse_yaml
from generator.dataset.ids import ID_RULE, is_record_id, make_event_id, make_tally_id
from generator.dataset.load import EVENT, TALLY, Dataset, Record, display_path, load_records
from generator.dataset.reference import Reference, name_key
from generator.dataset.validate import validate_records
from generator.dataset.write import record_path, render_record

KINDS = ("attack", "strike", "tally")
EVENT_KINDS = ("attack", "strike")
_UNKNOWN_WORDS = {"", "?", "-", "unknown", "not reported", "null", "none", "n/a", "na"}
_YES = {"yes", "y", "true", "intercepted", "shot down"}
_NO = {"no", "n", "false", "hit"}


class AnswerError(ValueError):
    """An answer that cannot be used as given; the message tells the contributor what to type."""


# --- reference data -------------------------------------------------------------------------------


def resolve(refs: Reference, kind: str, text: str) -> str:
    """The id that text names (an id, a name or an alias, any case); AnswerError with suggestions if none."""
    if not refs.has(kind):
        return text  # no reference file: the validator reports that
    found = refs.resolve(kind, text)
    if found:
        return found
    label = _LABELS[kind]
    lookup = refs.lookup[kind]
    close = difflib.get_close_matches(name_key(text), list(lookup), n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys(lookup[c] for c in close))
    hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
    known = ", ".join(refs.ids(kind))
    raise AnswerError(
        f"{text!r} is not a known {label}.{hint} Known {label} ids: {known}."
        f" A new one must first be added to data/reference/{kind}.yaml."
    )


_LABELS = {"bases": "base", "actors": "group", "weapons": "weapon", "countries": "country"}


# --- questions ------------------------------------------------------------------------------------


def parse_text(text: str, refs: Reference) -> str | None:
    cleaned = " ".join(text.split())
    return cleaned or None


def parse_date(text: str, refs: Reference) -> str | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        raise AnswerError(f"{cleaned!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-01-28")
    try:
        dt.date.fromisoformat(cleaned)
    except ValueError:
        raise AnswerError(f"{cleaned} is not a real calendar date") from None
    return cleaned


def parse_count(text: str, refs: Reference) -> int | None:
    cleaned = text.strip().lower()
    if cleaned in _UNKNOWN_WORDS:
        return None
    if not re.fullmatch(r"\d{1,6}", cleaned):
        raise AnswerError(
            f"{text.strip()!r} is not a whole number; leave it empty (or write 'unknown') if not reported"
        )
    return int(cleaned)


def parse_flag(text: str, refs: Reference) -> bool | None:
    cleaned = text.strip().lower()
    if cleaned in _UNKNOWN_WORDS:
        return None
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    raise AnswerError(f"{text.strip()!r}: answer yes (shot down), no (it hit) or leave empty if not reported")


def parse_precision(text: str, refs: Reference) -> str | None:
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if cleaned not in {"day", "week", "month"}:
        raise AnswerError(f"{text.strip()!r}: answer day, week or month (how sure the date is)")
    return cleaned


def parse_url(text: str, refs: Reference) -> str | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not is_safe_url(cleaned):
        raise AnswerError(f"{cleaned!r} is not a web link; copy the whole address, starting with https://")
    return cleaned


def _one(kind: str) -> Callable[[str, Reference], str | None]:
    def parse(text: str, refs: Reference) -> str | None:
        cleaned = text.strip()
        if cleaned.lower() in _UNKNOWN_WORDS:
            return None
        return resolve(refs, kind, cleaned)

    return parse


def _many(kind: str) -> Callable[[str, Reference], list[str]]:
    def parse(text: str, refs: Reference) -> list[str]:
        found: list[str] = []
        for part in text.split(","):
            if part.strip().lower() in _UNKNOWN_WORDS:
                continue
            value = resolve(refs, kind, part.strip())
            if value not in found:
                found.append(value)
        return found

    return parse


@dataclass(frozen=True)
class Question:
    """One answer `generator new` needs: its option, its prompt, which kinds ask it, and how to read it."""

    key: str
    prompt: str
    kinds: tuple[str, ...]
    parse: Callable[[str, Reference], Any]
    required: bool = False
    asked: tuple[str, ...] = ()  # kinds that prompt for it; default: all of `kinds`
    help: str = ""

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")

    def asked_for(self, kind: str) -> bool:
        return kind in (self.asked or self.kinds)


QUESTIONS: tuple[Question, ...] = (
    Question("date", "Date of the event (YYYY-MM-DD)", EVENT_KINDS, parse_date, required=True),
    Question(
        "date_precision",
        "How sure is that day: day, week or month",
        EVENT_KINDS,
        parse_precision,
        help="day when the source gives the day; week or month when it only says 'last week' or 'in January'",
    ),
    Question(
        "base",
        "Base or site id (empty if no known base is named)",
        EVENT_KINDS,
        _one("bases"),
        help="a base id from data/reference/bases.yaml; its name or a known spelling works too",
    ),
    Question("country", "Country code (IQ, SY, JO, ...)", EVENT_KINDS, _one("countries"), required=True),
    Question("place", "Place, as reported (free text)", EVENT_KINDS, parse_text),
    Question("weapons", "Weapons, comma-separated (drone, rocket, ...)", EVENT_KINDS, _many("weapons")),
    Question("claimed_by", "Groups that claimed it, comma-separated", EVENT_KINDS, _many("actors"), asked=("attack",)),
    Question("targets", "Groups struck, comma-separated", EVENT_KINDS, _many("actors"), asked=("strike",)),
    Question(
        "us_killed",
        "U.S./coalition personnel killed (empty = not reported)",
        EVENT_KINDS,
        parse_count,
        asked=("attack",),
    ),
    Question(
        "us_injured",
        "U.S./coalition personnel injured (empty = not reported)",
        EVENT_KINDS,
        parse_count,
        asked=("attack",),
    ),
    Question(
        "killed", "People killed by the strike (empty = not reported)", EVENT_KINDS, parse_count, asked=("strike",)
    ),
    Question(
        "intercepted",
        "Was it shot down or intercepted? yes / no / empty = not reported",
        EVENT_KINDS,
        parse_flag,
        asked=("attack",),
    ),
    Question("summary", "Summary: one or two plain sentences", EVENT_KINDS, parse_text, required=True),
    Question("as_of", "Date the count was stated (YYYY-MM-DD)", ("tally",), parse_date, required=True),
    Question("attacks", "Total attacks stated", ("tally",), parse_count, required=True),
    Question("since", "Counting since (YYYY-MM-DD)", ("tally",), parse_date),
    Question("iraq", "Of which in Iraq (empty = not given)", ("tally",), parse_count),
    Question("syria", "Of which in Syria (empty = not given)", ("tally",), parse_count),
    Question("injured", "U.S. personnel injured in all (empty = not given)", ("tally",), parse_count),
    Question("stated_by", "Who stated the count (Pentagon, a U.S. official, ...)", ("tally",), parse_text),
    Question("outlet", "Source: outlet or publisher (AFP, Reuters, CENTCOM, ...)", KINDS, parse_text, required=True),
    Question("url", "Source: link (https://...)", KINDS, parse_url, required=True),
    Question("published", "Source: publication date (YYYY-MM-DD)", KINDS, parse_date, required=True),
    Question("title", "Source: the report's headline, as published", KINDS, parse_text, required=True),
    Question("notes", "Notes: uncertainty or conflicting reports (optional)", KINDS, parse_text),
)
QUESTION_BY_KEY = {q.key: q for q in QUESTIONS}


def questions_for(kind: str) -> list[Question]:
    return [q for q in QUESTIONS if kind in q.kinds]


def default_answer(key: str, values: dict[str, Any], refs: Reference, start: dt.date) -> str | None:
    """The answer used when none is given, as text (so a prompt can show it), or None."""
    if key == "date_precision":
        return "day"
    if key == "since":
        return start.isoformat()
    if key == "country" and values.get("base") in refs.base_country:
        return refs.base_country[values["base"]]
    return None


@dataclass(frozen=True)
class AnswerProblem:
    option: str
    message: str

    def __str__(self) -> str:
        separator = " " if self.message.startswith("is ") else ": "
        return f"{self.option}{separator}{self.message}"


def read_answers(
    kind: str, raw: dict[str, str | None], refs: Reference, start: dt.date = DEFAULT_CAMPAIGN_START
) -> tuple[dict[str, Any], list[AnswerProblem]]:
    """Parse every answer given as text; defaults fill the gaps. Returns the values and every problem found."""
    values: dict[str, Any] = {}
    problems: list[AnswerProblem] = []
    for key, text in raw.items():
        question = QUESTION_BY_KEY.get(key)
        if text is None or question is None:
            continue
        if kind not in question.kinds:
            problems.append(AnswerProblem(question.option, f"is only for {' and '.join(question.kinds)} records"))
            continue
        try:
            values[key] = question.parse(text, refs)
        except AnswerError as err:
            problems.append(AnswerProblem(question.option, str(err)))
    for question in questions_for(kind):
        if values.get(question.key) is None and raw.get(question.key) is None:
            default = default_answer(question.key, values, refs, start)
            if default is not None:
                values[question.key] = question.parse(default, refs)
    failed = {p.option for p in problems}
    if "--base" in failed:
        failed.add("--country")  # the country would have come from the base
    for question in questions_for(kind):
        if question.required and values.get(question.key) is None and question.option not in failed:
            problems.append(AnswerProblem(question.option, "is required"))
    problems.extend(_consistency(kind, values, refs))
    return values, problems


def _consistency(kind: str, values: dict[str, Any], refs: Reference) -> list[AnswerProblem]:
    base, country = values.get("base"), values.get("country")
    if kind in EVENT_KINDS and base in refs.base_country and country and refs.base_country[base] != country:
        message = f"base {base} is in {refs.base_country[base]}, not {country}; fix --base or --country"
        return [AnswerProblem("--country", message)]
    return []


# --- the record -----------------------------------------------------------------------------------


def build_record(kind: str, values: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The record (without its id) for answers already read by read_answers."""
    source = {
        "outlet": values.get("outlet"),
        "url": values.get("url"),
        "published": values.get("published"),
        "title": values.get("title"),
    }
    if kind == "tally":
        record: dict[str, Any] = {
            "as_of": values.get("as_of"),
            "attacks": values.get("attacks"),
            "since": values.get("since"),
            "iraq": values.get("iraq"),
            "syria": values.get("syria"),
            "injured": values.get("injured"),
        }
        if values.get("stated_by"):
            record["stated_by"] = values["stated_by"]
    else:
        record = {
            "type": kind,
            "date": values.get("date"),
            "date_precision": values.get("date_precision") or "day",
            "location": {"base": values.get("base"), "country": values.get("country"), "place": values.get("place")},
            "weapons": values.get("weapons") or [],
            "claimed_by": values.get("claimed_by") or [],
            "targets": values.get("targets") or [],
            "casualties": {
                "us_killed": values.get("us_killed"),
                "us_injured": values.get("us_injured"),
                "killed": values.get("killed"),
            },
            "intercepted": values.get("intercepted"),
            "summary": values.get("summary"),
            "added": today.isoformat(),
        }
    record["sources"] = [source]
    record["review"] = "draft"
    if values.get("notes"):
        record["notes"] = values["notes"]
    return record


def taken_ids(dataset: Dataset, kind: str) -> set[str]:
    """Ids in use by records of the same family (events or tallies): both file names and `id` values."""
    records = dataset.tallies if kind == "tally" else dataset.events
    taken = {r.stem for r in records}
    taken.update(r.data["id"] for r in records if isinstance(r.data, dict) and isinstance(r.data.get("id"), str))
    return taken


def check_id(wanted: str, taken: set[str]) -> None:
    if not is_record_id(wanted):
        raise AnswerError(
            f"{wanted!r} is not a valid id: use {ID_RULE} (or leave --id out to get one made from the date and place)"
        )
    if wanted in taken:
        raise AnswerError(f"id {wanted!r} is already used by another record; choose another or leave --id out")


def choose_id(kind: str, record: dict[str, Any], taken: set[str]) -> str:
    return make_event_id(record, taken) if kind != "tally" else make_tally_id(record, taken)


@dataclass
class Draft:
    """A new record ready to be written: where it goes, its text, and what the validator says of it."""

    kind: str  # 'event' or 'tally'
    record: dict[str, Any]
    path: Path
    display: str
    text: str
    report: Report


def make_draft(
    data_dir: Path,
    kind: str,
    values: dict[str, Any],
    dataset: Dataset,
    today: dt.date | None = None,
    wanted_id: str | None = None,
) -> Draft:
    """Build the record, give it a free id and path, and validate it beside the existing records."""
    today = today or dt.date.today()
    family = TALLY if kind == "tally" else EVENT
    record = build_record(kind, values, today)
    taken = taken_ids(dataset, kind)
    if wanted_id is not None:
        check_id(wanted_id, taken)
        record["id"] = wanted_id
    else:
        record["id"] = choose_id(kind, record, taken)
    path = record_path(data_dir, family, record)
    while path.exists():  # a file nobody loaded (a .yml twin, say): never overwrite it
        if wanted_id is not None:
            raise AnswerError(f"{path} already exists; choose another id")
        taken.add(record["id"])
        record["id"] = choose_id(kind, record, taken)
        path = record_path(data_dir, family, record)
    text = render_record(family, record)
    display = display_path(path, dataset.base)
    return Draft(family, record, path, display, text, check_draft(dataset, family, display, text, today))


def check_draft(dataset: Dataset, family: str, display: str, text: str, today: dt.date) -> Report:
    """Validate the new record, unwritten, together with the existing ones; keep only its own problems."""
    record = Record(family, display, parse_yaml(text.encode("utf-8"), display))
    report = validate_records(dataset.with_records([record]), today)
    return Report([p for p in report.problems if p.location.path == display])


def write_draft(draft: Draft) -> None:
    """Create the file; refuses (FileExistsError) rather than overwrite one that appeared meanwhile."""
    draft.path.parent.mkdir(parents=True, exist_ok=True)
    with open(draft.path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(draft.text)


def load_context(data_dir: Path) -> tuple[Dataset, Reference, dt.date]:
    dataset = load_records(data_dir)
    return dataset, dataset.reference, dataset.settings.campaign_start


def option_for_field(field_name: str) -> str | None:
    """The `generator new` option that sets a record field named in a validator problem, if one does."""
    leaf = re.sub(r"\[\d+\]", "", field_name).split(".")[-1]
    if leaf == "id":
        return "--id"
    return QUESTION_BY_KEY[leaf].option if leaf in QUESTION_BY_KEY else None
