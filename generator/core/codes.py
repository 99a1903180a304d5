"""Every problem code, its severity and what it means: the one table.

A Problem takes its severity from here, so a code is always an error or always a warning.
docs/reference/problems.md is generated from this table (`python -m generator codes`), and a test
checks that the page, the table and the codes the code can produce agree. Codes are stable: they
are never renamed or given another meaning, so scripts and people can rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    meaning: str


@dataclass(frozen=True)
class Section:
    title: str
    codes: tuple[Code, ...]


def _e(code: str, meaning: str) -> Code:
    return Code(code, ERROR, meaning)


def _w(code: str, meaning: str) -> Code:
    return Code(code, WARNING, meaning)


CATALOGUE: tuple[Section, ...] = (
    Section(
        "Reading files",
        (
            _e("file-too-large", "The file is larger than a data file may be (512 KB for YAML)."),
            _e(
                "not-a-file",
                "The path is a symbolic link, a FIFO or another special file. Data files must be plain files"
                " in the repository: a link could point at /dev/zero or at a private file.",
            ),
            _e("unreadable-file", "The file could not be read (permissions, or it vanished while reading)."),
            _e("not-utf8", "The file contains bytes that are not UTF-8. Save it as UTF-8."),
            _w("utf8-bom", "The file starts with a UTF-8 byte-order mark. It is read anyway; save it without one."),
            _e("binary-file", "The file contains NUL bytes: it is not text."),
            _e("empty-file", "The file holds nothing, or only comments."),
            _e(
                "docs-clash",
                "A hand-written file in docs/ has the path of a page the generator writes; rename one of them.",
            ),
        ),
    ),
    Section(
        "YAML and JSON",
        (
            _e("yaml-syntax", "The YAML (or JSON) cannot be parsed; the message says what was expected and where."),
            _e("yaml-tab", "A line is indented with a tab. YAML needs spaces."),
            _e(
                "yaml-too-deep",
                "Brackets or indentation nest far deeper than any record does. Refused before parsing, because"
                " such files can crash YAML parsers.",
            ),
            _e(
                "yaml-alias",
                "Anchors (`&name`), aliases (`*name`) and merge keys (`<<`) are not allowed: a few of them can"
                " expand into billions of values.",
            ),
            _e("yaml-tag", "Explicit tags such as `!!python/object` are not allowed."),
            _e("yaml-key", "A mapping key is not plain text (a list or mapping used as a key)."),
            _e("duplicate-key", "The same field appears twice in one mapping. YAML would silently keep the last one."),
            _e("multiple-documents", "The file holds more than one YAML document (`---`). One record per file."),
        ),
    ),
    Section(
        "Fields",
        (
            _e(
                "not-a-mapping",
                "The record (or the config) is not a mapping of `field: value` lines: a list, or plain text.",
            ),
            _e("not-a-list", "The file must hold a list (reference data, redirects) and holds something else."),
            _e("missing-field", "A required field is missing; the location is the mapping that lacks it."),
            _e("unknown-field", "A field the schema does not know, usually a misspelling."),
            _e("wrong-type", "A value of the wrong kind: text where a number is expected, a list where text is."),
            _e("bad-value", "A value outside the allowed set, such as `type: raid` (allowed: `attack`, `strike`)."),
            _e("bad-number", "A number out of range: negative casualties, or absurdly large ones."),
            _e("empty-field", "A field that must not be empty, such as `summary` or `sources`."),
            _e("too-long", "Text longer than the field allows."),
            _e("repeated-item", "The same value appears twice in a list."),
            _e("schema", "Another schema rule was broken; the message quotes it."),
        ),
    ),
    Section(
        "Ids and files",
        (
            _e(
                "bad-id",
                "Ids are 3 to 81 lower-case ASCII letters, digits and hyphens, starting with a letter or digit."
                " Anything else (slashes, `..`, spaces, upper case, look-alike letters from other alphabets) is"
                " refused, so an id can never become a path.",
            ),
            _e("id-mismatch", "The `id` differs from the file name (without `.yaml`)."),
            _e("duplicate-id", "Two records (in any folders), or two reference entries, have the same id."),
            _e("wrong-folder", "An event is not in the folder of its year, `data/events/<YYYY>/`."),
        ),
    ),
    Section(
        "Dates",
        (
            _e("bad-date", "Not a `YYYY-MM-DD` date, or not a real calendar date (2023-02-30)."),
            _e("date-before-campaign", "The date is before the campaign start set in `data/config.yaml` (2023-10-17)."),
            _e("date-in-future", "The date is after today."),
            _e(
                "date-after-source",
                "The event happened after the source reporting it was published: one of the two dates is wrong.",
            ),
        ),
    ),
    Section(
        "References and sources",
        (
            _e("unknown-base", "The base id is not in `data/reference/bases.yaml`. Add it there first, or use one."),
            _e("unknown-actor", "The group id is not in `data/reference/actors.yaml`."),
            _e("unknown-weapon", "The weapon id is not in `data/reference/weapons.yaml`."),
            _e("unknown-country", "The country code is not in `data/reference/countries.yaml`."),
            _e(
                "missing-reference",
                "A reference file (`bases.yaml`, `actors.yaml`, `weapons.yaml`, `countries.yaml`) is missing.",
            ),
            _e(
                "bad-url",
                "A source link is not a plain `http://` or `https://` address. Other schemes (`javascript:`,"
                " `data:`, `file:`) and links with quotes, backticks or spaces are refused and never rendered.",
            ),
            _e("quote-too-long", "A source quote has more than 30 words."),
            _e(
                "quote-without-article",
                "A source quotes an article that is not kept in `data/articles/`. Only the project's own article"
                " files may be quoted; cite other reports by outlet, URL, date and title.",
            ),
            _e(
                "source-without-link",
                "A source names neither a kept article nor an http(s) URL: readers could not open it.",
            ),
            _e(
                "source-without-title",
                "A source cited by its URL has no `title`: give the report's headline so readers can find it.",
            ),
            _e(
                "bad-region-map",
                "`data/reference/region.geojson` is not a GeoJSON FeatureCollection (a mapping with a list of"
                " `features`).",
            ),
        ),
    ),
    Section(
        "Across records",
        (
            _w(
                "possible-duplicate",
                "Two events of the same type on the same day at the same site. If they are one event, merge them"
                " into one record with both sources.",
            ),
            _e(
                "tally-decreases",
                "An official cumulative tally is lower than an earlier one. Official tallies never decrease.",
            ),
            _e("bad-redirect", "An entry of `data/redirects.yaml` needs `from` and `to` event ids."),
            _e("redirect-target-missing", "A redirect points to an event that does not exist."),
            _e("redirect-shadows-record", "A redirect's old id still has a record: remove one of the two."),
        ),
    ),
    Section(
        "Articles and extraction",
        (
            _w("article-missing", "A named article file or folder does not exist; the others are processed."),
            _w(
                "article-unreadable",
                "An article file could not be read: a symbolic link, a FIFO or another special file, or no"
                " permission. It is skipped and the others are processed.",
            ),
            _w("article-not-utf8", "An article file is not UTF-8; it is skipped."),
            _w("article-empty", "An article file is empty; it is skipped."),
            _w("article-binary", "An article file is not text; it is skipped."),
            _w("article-too-large", "An article file is larger than 2 MB; it is skipped without being read."),
            _w("article-undated", "No publication date was given or could be inferred; the article is skipped."),
            _w("article-bad-date", "The article's front matter `date` is not YYYY-MM-DD; it is ignored."),
            _w("article-bad-url", "The article's front matter `url` is not a safe http(s) link; it is ignored."),
            _w("article-front-matter", "The article's front matter is not a YAML mapping; it is ignored."),
            _w(
                "extract-conflict",
                "An article reports a different figure than a reviewed record. The reviewed record is not"
                " changed; a person decides.",
            ),
            _w(
                "extract-tally-conflict",
                "A tally found in an article would contradict an existing tally; it is not written.",
            ),
            _e("write-failed", "A record file could not be written; nothing of that run was written."),
            _e("gold-unreadable", "`evaluate` could not read a gold annotation file."),
            _w(
                "article-fetch-failed",
                "A URL given to `extract` could not be fetched: no answer within the timeout, an HTTP error, a"
                " redirect to another scheme, or a page larger than 2 MB. It is skipped and the others are processed.",
            ),
            _w(
                "article-not-html",
                "A URL given to `extract` answered with something that is not a web page (a PDF, an image, JSON);"
                " it is skipped.",
            ),
            _w(
                "article-no-text",
                "A web page (a URL or an .html file) holds no article text that could be found: empty, broken, or"
                " only navigation. It is skipped.",
            ),
        ),
    ),
)

SEVERITY: dict[str, str] = {code.code: code.severity for section in CATALOGUE for code in section.codes}

INTRO = """The validator (`python -m generator validate`), the build and the extractor report every problem
as `path:line:column: severity[code] message`. The code is stable: it never changes meaning, so
scripts and people can rely on it. Errors stop the build; warnings do not (`validate --strict`
treats them as errors).

This page is generated from `generator/core/codes.py` by `python -m generator codes`; edit that
table, not this page."""


def severity_of(code: str) -> str:
    """The severity the catalogue gives a code; a code missing from it is a bug in the generator."""
    try:
        return SEVERITY[code]
    except KeyError:
        raise ValueError(f"problem code {code!r} is not in generator/core/codes.py") from None


def render_markdown() -> str:
    """docs/reference/problems.md: one heading per code, its severity and its meaning."""
    lines = ["# Problem codes", "", INTRO, ""]
    for section in CATALOGUE:
        lines += [f"## {section.title}", ""]
        for code in section.codes:
            prefix = "Warning: " if code.severity == WARNING else ""
            lines += [f"### {code.code}", f"{prefix}{code.meaning}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
