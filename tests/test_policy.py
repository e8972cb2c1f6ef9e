"""Review policy: statuses, review dates, front matter facts and their messages."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from ictwiki import frontmatter
from ictwiki.history import FileHistory
from ictwiki.policy import (
    PageFacts, ReviewPolicy, Status, Unknown, assess, read_page_facts, section_of,
)

POLICY = ReviewPolicy(default_interval=365, section_intervals={"starters-rucksack": 180})
TODAY = date(2024, 6, 1)


def hist(created: str, updated: str) -> FileHistory:
    def moment(text: str) -> datetime:
        return datetime.fromisoformat(text + "T10:00:00").replace(tzinfo=timezone.utc)
    return FileHistory(moment(created), moment(updated))


@pytest.mark.parametrize(
    ("updated", "section", "status", "review_by"),
    [
        ("2024-05-01", "", Status.ACTUEEL, date(2025, 5, 1)),
        ("2023-07-03", "", Status.ACTUEEL, date(2024, 7, 2)),  # 31 days left (2024 is leap)
        ("2023-07-02", "", Status.BINNENKORT, date(2024, 7, 1)),  # exactly 30 days left
        ("2023-06-02", "", Status.BINNENKORT, date(2024, 6, 1)),  # due today: not yet overdue
        ("2023-06-01", "", Status.VEROUDERD, date(2024, 5, 31)),
        ("2023-12-01", "starters-rucksack", Status.VEROUDERD, date(2024, 5, 29)),
        ("2024-03-01", "starters-rucksack", Status.ACTUEEL, date(2024, 8, 28)),
    ],
)
def test_status_follows_the_section_interval(updated, section, status, review_by):
    result = assess(hist("2020-01-01", updated), PageFacts(), section, POLICY, TODAY)
    assert (result.status, result.review_by) == (status, review_by)


def test_last_reviewed_restarts_the_clock():
    facts = PageFacts(last_reviewed=date(2024, 5, 20))
    result = assess(hist("2020-01-01", "2021-01-01"), facts, "", POLICY, TODAY)
    assert (result.status, result.review_by, result.last_updated) == (
        Status.ACTUEEL, date(2025, 5, 20), date(2021, 1, 1))


def test_page_interval_overrides_the_section():
    facts = PageFacts(review_interval=30)
    result = assess(hist("2024-01-01", "2024-04-01"), facts, "starters-rucksack", POLICY, TODAY)
    assert (result.status, result.review_by) == (Status.VEROUDERD, date(2024, 5, 1))


def test_archived_page_is_never_stale():
    result = assess(hist("2010-01-01", "2012-01-01"), PageFacts(archived=True), "", POLICY, TODAY)
    assert (result.status, result.review_by, result.last_updated) == (
        Status.ARCHIEF, None, date(2012, 1, 1))


def test_untracked_page_is_onbekend():
    result = assess(None, PageFacts(), "", POLICY, TODAY)
    assert (result.status, result.unknown, result.created, result.review_by) == (
        Status.ONBEKEND, Unknown.UNTRACKED, None, None)


def test_shallow_page_is_onbekend_unless_reviewed_after_the_cut():
    cut = datetime(2024, 3, 1, 10, tzinfo=timezone.utc)
    entry = FileHistory(None, None, updated_not_after=cut)
    plain = assess(entry, PageFacts(), "", POLICY, TODAY)
    assert (plain.status, plain.unknown) == (Status.ONBEKEND, Unknown.SHALLOW)
    before = assess(entry, PageFacts(last_reviewed=date(2024, 2, 1)), "", POLICY, TODAY)
    assert before.status is Status.ONBEKEND
    after = assess(entry, PageFacts(last_reviewed=date(2024, 3, 2)), "", POLICY, TODAY)
    assert (after.status, after.review_by, after.last_updated) == (
        Status.ACTUEEL, date(2025, 3, 2), None)


def test_section_of():
    assert [section_of(p) for p in ("index.md", "starters-rucksack/a.md", "a/b/c.md")] == [
        "", "starters-rucksack", "a"]


def facts_of(text: str):
    parsed = frontmatter.parse(text)
    facts, problems = read_page_facts(parsed.meta, parsed.lines, TODAY)
    return parsed, facts, problems


def test_front_matter_review_facts_are_read():
    _, facts, problems = facts_of(
        "---\ntitle: X\nlast_reviewed: 2024-05-01\nreview_interval: 90\n"
        "owner: '@ict-wiki/moderatoren'\narchived: false\n---\n# X\n"
    )
    assert problems == []
    assert facts == PageFacts(date(2024, 5, 1), 90, "@ict-wiki/moderatoren", False)


def test_impossible_date_is_reported_and_the_rest_kept():
    parsed, facts, problems = facts_of("---\ntitle: Mijn pagina\nlast_reviewed: 2026-13-01\n---\nTekst\n")
    assert parsed.meta["title"] == "Mijn pagina"
    assert parsed.body == "Tekst\n"
    assert facts.last_reviewed is None
    assert problems == [
        "last_reviewed '2026-13-01' is not a date (line 3). "
        "That day is not in the calendar; check the month and the day."
    ]


def test_quoted_text_date_is_accepted():
    _, facts, problems = facts_of("---\nlast_reviewed: '2024-05-01'\n---\n")
    assert (facts.last_reviewed, problems) == (date(2024, 5, 1), [])


def test_future_review_date_is_refused():
    _, facts, problems = facts_of("---\ntitle: X\n\nlast_reviewed: 2030-01-01\n---\n")
    assert facts.last_reviewed is None
    assert problems == [
        "last_reviewed 2030-01-01 lies in the future (line 4). Write the day the page was checked."
    ]


def test_bad_interval_archived_and_owner_are_reported():
    _, facts, problems = facts_of(
        "---\nreview_interval: een jaar\narchived: ja\nowner: ''\n---\n")
    assert facts == PageFacts()
    assert problems == [
        "review_interval 'een jaar' is not a number of days (line 2). "
        "Write a whole number of days, e.g. review_interval: 180.",
        "owner '' is not a name (line 4). "
        "Write a GitHub handle or team, e.g. owner: '@ict-wiki/moderatoren'.",
        "archived 'ja' is not true or false (line 3). "
        "Write archived: true to keep the page as an archive page, or remove the line.",
    ]


def test_broken_yaml_says_where_and_keeps_the_text():
    text = "---\ntitle: X\n  tags: [a\n---\nTekst\n"
    parsed = frontmatter.parse(text)
    assert (parsed.meta, parsed.body, parsed.present) == ({}, text, False)
    assert parsed.problems == [
        "the front matter is not valid YAML (line 3, column 7: mapping values are not allowed "
        "in this context). Fix the indentation or quote the value; until then the block shows "
        "as text on the page."
    ]


def test_unquoted_handle_gets_a_quoting_hint():
    assert frontmatter.parse("---\nowner: @ann\n---\nTekst\n").problems == [
        "the front matter is not valid YAML (line 2, column 8: found character that cannot "
        "start any token). Quote a value that starts with @ or `, e.g. owner: "
        "'@ict-wiki/moderatoren'; until then the block shows as text on the page."
    ]


def test_page_starting_with_a_horizontal_rule_loses_nothing():
    text = "---\n# Kop\n\nTekst die verloren gaat.\n\n---\n\nNa de lijn.\n"
    parsed = frontmatter.parse(text)
    assert (parsed.present, parsed.body, parsed.problems) == (False, text, [])


def test_tab_after_colon_is_read_like_mkdocs_reads_it():
    parsed = frontmatter.parse("---\ntitle:\tTabs\nowner:\tann\n---\nTekst\n")
    assert (parsed.meta, parsed.problems) == ({"title": "Tabs", "owner": "ann"}, [])


def test_impossible_day_and_huge_interval():
    _, facts, problems = facts_of("---\nlast_reviewed: 2024-02-30\nreview_interval: 3000000\n---\n")
    assert facts == PageFacts()
    assert problems == [
        "last_reviewed '2024-02-30' is not a date (line 2). That day is not in the calendar; "
        "check the month and the day.",
        "review_interval 3000000 is more than 3650 days (line 3). Pick at most 3650; for pages "
        "that are never reviewed again, write archived: true.",
    ]


def test_quoted_interval_is_accepted():
    _, facts, problems = facts_of("---\nreview_interval: '90'\n---\n")
    assert (facts.review_interval, problems) == (90, [])


def test_page_without_front_matter():
    parsed = frontmatter.parse("# Titel\n\n---\n\nTekst\n")
    assert (parsed.present, parsed.meta, parsed.body) == (False, {}, "# Titel\n\n---\n\nTekst\n")
