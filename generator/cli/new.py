"""`python -m generator new attack|strike|tally`: start a new `review: draft` record.

Answers come from options; in a terminal, whatever is missing is asked for. The record is checked
with the validator before it is written, and an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from typing import Any

from generator.cli.common import add_data_argument, data_folder
from generator.tools.new import (
    KINDS,
    QUESTIONS,
    AnswerError,
    Question,
    Reference,
    default_answer,
    load_context,
    make_draft,
    option_for_field,
    questions_for,
    read_answers,
    write_draft,
)

HELP = "Start a new record (attack, strike or official tally) as a review: draft file, checked before it is written."

_REFERENCE_OF = {
    "base": "bases",
    "country": "countries",
    "weapons": "weapons",
    "claimed_by": "actors",
    "targets": "actors",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS, help="attack (on U.S./coalition forces), strike (by them) or tally")
    add_data_argument(parser)
    answers = parser.add_argument_group(
        "answers",
        "Anything not given is asked for when run in a terminal. Leave a number out when it was not reported.",
    )
    for question in QUESTIONS:
        kinds = "" if question.kinds == KINDS else f" [{'/'.join(question.kinds)}]"
        answers.add_argument(question.option, dest=question.key, metavar="TEXT", help=question.prompt + kinds)
    parser.add_argument("--id", dest="wanted_id", metavar="ID", help="use this id instead of one made from the answers")
    parser.add_argument("--no-input", action="store_true", help="never ask; fail when a required answer is missing")


def run(args: argparse.Namespace) -> int:
    data_dir = data_folder(args.data)
    dataset, refs, start = load_context(data_dir)
    raw: dict[str, str | None] = {q.key: getattr(args, q.key, None) for q in QUESTIONS}
    interactive = not args.no_input and sys.stdin.isatty()
    if interactive:
        try:
            raw = _ask(args.kind, raw, refs, start)
        except EOFError:
            print("\nStopped: nothing was written.", file=sys.stderr)
            return 1
    values, problems = read_answers(args.kind, raw, refs, start)
    if problems:
        for answer_problem in problems:
            print(f"error: {answer_problem}", file=sys.stderr)
        if any(p.message == "is required" for p in problems) and not interactive:
            print("Give the missing answers as options, or run this in a terminal to be asked.", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    try:
        draft = make_draft(data_dir, args.kind, values, dataset, dt.date.today(), args.wanted_id)
    except AnswerError as err:
        print(f"error: --id: {err}", file=sys.stderr)
        return 1
    if draft.report.errors:
        print(f"Nothing was written: the new record {draft.display} would have these problems:", file=sys.stderr)
        for problem in draft.report.sorted():
            option = option_for_field(problem.field)
            print(problem.render() + (f" (set with {option})" if option else ""), file=sys.stderr)
        return 1
    try:
        write_draft(draft)
    except FileExistsError:
        print(f"error: {draft.path} appeared meanwhile; it was left alone. Run the command again.", file=sys.stderr)
        return 1
    for problem in draft.report.sorted():
        print(problem.render(), file=sys.stderr)
    print(f"Wrote {draft.path} (id {draft.record['id']}, review: draft).")
    print("Read it over, add more sources or notes if you have them, then run `make validate` and open a pull request.")
    return 0


def _ask(kind: str, raw: dict[str, str | None], refs: Reference, start: dt.date) -> dict[str, str | None]:
    """Ask in turn for every answer not given as an option; ask again until an answer can be used."""
    answers = dict(raw)
    values: dict[str, Any] = {}
    print(f"New {kind} record. Press Enter to skip an optional answer or to take the [default].")
    for question in questions_for(kind):
        given = answers.get(question.key)
        if given is not None:
            with contextlib.suppress(AnswerError):  # reported with the rest once every answer is in
                values[question.key] = question.parse(given, refs)
            continue
        if not question.asked_for(kind):
            continue
        answers[question.key], values[question.key] = _ask_one(question, values, refs, start)
    return answers


def _ask_one(question: Question, values: dict[str, Any], refs: Reference, start: dt.date) -> tuple[str, Any]:
    reference = _REFERENCE_OF.get(question.key)
    if reference and refs.ids(reference):
        print(f"  known ids: {', '.join(refs.ids(reference))}")
    if question.help:
        print(f"  ({question.help})")
    default = default_answer(question.key, values, refs, start)
    prompt = f"{question.prompt}{f' [{default}]' if default else ''}: "
    while True:
        text = input(prompt).strip() or (default or "")
        try:
            value = question.parse(text, refs)
        except AnswerError as err:
            print(f"  {err}")
            continue
        if question.required and value is None:
            print("  This one is required.")
            continue
        return text, value
