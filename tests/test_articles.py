"""Reading article files: dates stated or inferred, outlets, and bad files that are skipped, not fatal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.ingest.articles import MAX_ARTICLE_BYTES, detect_outlet, infer_published, load_articles

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def _one(path: Path):
    articles, problems = load_articles([path])
    return articles, problems


def test_date_line_and_trailing_wire_credit() -> None:
    articles, problems = _one(FIXTURES / "date_line.txt")
    assert problems == []
    article = articles[0]
    assert article.id == "date_line"
    assert article.published == dt.date(2023, 11, 30)
    assert article.published_inferred is False
    assert article.outlet == "Reuters"
    assert article.text.startswith("A single rocket")


def test_front_matter_gives_date_url_outlet_title() -> None:
    article = _one(FIXTURES / "front_matter.txt")[0][0]
    assert article.published == dt.date(2023, 12, 26)
    assert article.url == "https://example.org/news/erbil-drone"
    assert article.outlet == "Example Wire"
    assert article.title == "Drone wounds three U.S. troops at Erbil"
    assert "---" not in article.text


def test_no_date_is_inferred_and_flagged() -> None:
    articles, problems = _one(FIXTURES / "undated.txt")
    assert problems == []
    # latest explicit date is November 23; the report leads with "said on Tuesday": the next Tuesday
    assert articles[0].published == dt.date(2023, 11, 28)
    assert articles[0].published_inferred is True
    assert articles[0].outlet == "unknown"


def test_inference_rules() -> None:
    assert infer_published("The Pentagon on Monday said a drone hit the base early on Sunday, Jan. 28.") == dt.date(
        2024, 1, 29
    )
    assert infer_published("The last attack came on February 4. Testifying on Thursday, March 21, he said.") == dt.date(
        2024, 3, 22
    )
    assert infer_published("A drone hit the base on Monday.") is None


def test_undatable_article_is_reported_and_the_run_goes_on() -> None:
    articles, problems = load_articles([FIXTURES / "undatable.txt", FIXTURES / "date_line.txt"])
    assert [(p.code, p.location.path.endswith("undatable.txt")) for p in problems] == [("article-undated", True)]
    assert {a.id: a.published for a in articles}["undatable"] is None
    assert {a.id for a in articles} == {"undatable", "date_line"}


def test_bad_files_are_problems_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a_latin1.txt").write_bytes(" date 2023-11-01 Caf\xe9 attack\n".encode("latin-1"))
    (tmp_path / "b_empty.txt").write_bytes(b"  \n\n")
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "d_huge.txt").write_bytes(b" date 2023-11-01 " + b"word " * (MAX_ARTICLE_BYTES // 5 + 10))
    (tmp_path / "e_good.txt").write_text((FIXTURES / "date_line.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("not: an article\n", encoding="utf-8")
    articles, problems = load_articles([tmp_path])
    codes = {Path(p.location.path).name: p.code for p in problems}
    assert codes == {
        "a_latin1.txt": "article-not-utf8",
        "b_empty.txt": "article-empty",
        "c_binary.txt": "article-binary",
        "d_huge.txt": "article-too-large",
    }
    assert all(p.location.line >= 1 for p in problems)
    assert [a.id for a in articles] == ["e_good"]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    articles, problems = load_articles([tmp_path / "nope.txt"])
    assert articles == [] and [p.code for p in problems] == ["article-missing"]


def test_outlet_credits() -> None:
    assert detect_outlet("Drones hit the base.\n\nAFP") == "AFP"
    assert detect_outlet("Text.\nWith AFP\nRead more:\nOther story") == "AFP"
    assert detect_outlet("attacked, reports Reuters quoting a US official.") == "Reuters"
    assert detect_outlet("A photo (AHMAD AL-RUBAYE / AFP)\nThe end.") == "unknown"
    assert detect_outlet("Nothing here.") == "unknown"
