"""Badges for content and care, never for volume: a badge is earned once, by one deed.

- eerste-bijdrage: a commit on the main line that changed the docs folder;
- eerste-review: a review of a tool (not one written while working for its vendor);
- frisse-wind: a commit that updated, or removed, a page that was overdue just before it.
  Overdue is decided as the site decides it, on the page as it was then: its last content
  change before the commit, its `last_reviewed`, `review_interval` and `archived` at that
  point, and the interval of its section;
- expert-<domain>: the person names the domain in their people file and changed a page of
  that domain (the page's `domein` front matter, else its section's domain).

Nothing is counted: a hundred commits earn the same badges as the one that mattered.
Knows nothing of MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .. import frontmatter
from ..policy import PageFacts, ReviewPolicy, Status, assess, section_of
from ..render.freshness import dutch_date
from ..reviews.loading import Problem
from ..reviews.model import Tool
from .contributions import Change, ChangeKind, Commit
from .model import BADGE_TITLES, DOMAINS, Badge, Person, check_domain

DOMAIN_KEY = "domein"  # the front matter key that gives a page its domain
ORDER = ("eerste-bijdrage", "eerste-review", "frisse-wind",
         *(f"expert-{d}" for d in DOMAINS))


@dataclass(frozen=True)
class PageDomains:
    """The domain of each page: its own `domein`, else the domain of its section."""

    pages: Mapping[str, str] = field(default_factory=dict)  # docs-relative path -> domain
    sections: Mapping[str, str] = field(default_factory=dict)  # section -> domain

    def __post_init__(self) -> None:
        for section, domain in self.sections.items():
            check_domain(domain, f"section '{section}'")

    def domain_of(self, src_path: str) -> str | None:
        return self.pages.get(src_path) or self.sections.get(section_of(src_path))


def domain_from_meta(meta: Mapping[str, Any], lines: Mapping[str, int], display_path: str
                     ) -> tuple[str | None, list[Problem]]:
    """A page's `domein` from its front matter; a value not on the list is a problem."""
    value = meta.get(DOMAIN_KEY)
    if value is None:
        return None, []
    if isinstance(value, str) and value.strip() in DOMAINS:
        return value.strip(), []
    return None, [Problem(display_path, lines.get(DOMAIN_KEY, 1), 1,
                          f"{DOMAIN_KEY} '{value}' is not a domain. Write one of: "
                          f"{', '.join(DOMAINS)}.")]


def read_page_domains(docs_dir: Path, sections: Mapping[str, str]
                      ) -> tuple[PageDomains, list[Problem]]:
    """The domains of the Markdown pages in docs_dir, with `sections` as the fallback."""
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src_path = path.relative_to(docs_dir).as_posix()
        parsed = frontmatter.parse(path.read_text(encoding="utf-8-sig", errors="replace"))
        domain, found = domain_from_meta(parsed.meta, parsed.lines,
                                         f"{docs_dir.name}/{src_path}")
        problems += found
        if domain is not None:
            pages[src_path] = domain
    return PageDomains(pages, dict(sections)), problems


def badges(people: Iterable[Person], commits: Iterable[Commit], tools: Iterable[Tool],
           page_domains: PageDomains, policy: ReviewPolicy) -> dict[str, list[Badge]]:
    """The badges of every person, by handle, in a fixed order; each badge at most once."""
    tz = ZoneInfo(policy.timezone)
    people, tools = list(people), list(tools)
    earned: dict[str, dict[str, Badge]] = {p.handle: {} for p in people}
    by_handle = {p.handle.casefold(): p for p in people}
    for commit in commits:  # oldest first, so each reason names the first deed
        person = by_handle.get(commit.handle.casefold()) if commit.handle else None
        if person is None:
            continue
        day = commit.when.astimezone(tz).date()
        _earn_by_commit(earned[person.handle], person, commit, day, page_domains, policy)
    for person in people:
        review = _first_review(person, tools)
        if review is not None:
            tool, day = review
            earned[person.handle].setdefault("eerste-review", Badge(
                "eerste-review", BADGE_TITLES["eerste-review"],
                f"Schreef op {dutch_date(day)} een eerste review: {tool.name}."))
    return {handle: sorted(got.values(), key=lambda b: ORDER.index(b.slug))
            for handle, got in earned.items()}


def _earn_by_commit(got: dict[str, Badge], person: Person, commit: Commit, day: date,
                    page_domains: PageDomains, policy: ReviewPolicy) -> None:
    when = dutch_date(day)
    for change in commit.changes:
        shown = change.page or change.path  # where a reader finds the page today
        got.setdefault("eerste-bijdrage", Badge(
            "eerste-bijdrage", BADGE_TITLES["eerste-bijdrage"],
            f"Droeg op {when} voor het eerst bij aan de wiki: {shown}."))
        if not change.is_page:
            continue
        if "frisse-wind" not in got and _was_overdue(change, day, policy):
            reason = (f"Ruimde op {when} de verouderde pagina {shown} op."
                      if change.kind is ChangeKind.DELETED
                      else f"Werkte op {when} de verouderde pagina {shown} bij.")
            got["frisse-wind"] = Badge("frisse-wind", BADGE_TITLES["frisse-wind"], reason)
        # The page's domain today, else the one its old place had (a page deleted or moved).
        domain = page_domains.domain_of(shown) or page_domains.domain_of(change.path)
        slug = f"expert-{domain}"
        if domain in person.domains and slug not in got:
            got[slug] = Badge(slug, f"Expert {domain}",
                              f"Geeft {domain} op als domein en werkte op {when} aan {shown}.")


def _was_overdue(change: Change, day: date, policy: ReviewPolicy) -> bool:
    """Whether the page was verouderd on the commit's day, before the commit changed it."""
    if change.before is None or not change.content_changed or change.previous_path is None:
        return False
    facts = change.facts or PageFacts()
    if facts.last_reviewed is not None and facts.last_reviewed > day:
        facts = replace(facts, last_reviewed=None)  # a date in the future was not counted
    status = assess(change.before, facts, section_of(change.previous_path), policy, day).status
    return status is Status.VEROUDERD


def _first_review(person: Person, tools: Iterable[Tool]) -> tuple[Tool, date] | None:
    """The person's earliest review, not counting reviews written for their employer."""
    mine = [(review.date, tool) for tool in tools for review in tool.reviews
            if review.reviewer.casefold() == person.handle.casefold()
            and not review.works_for_vendor]
    if not mine:
        return None
    day, tool = min(mine, key=lambda found: (found[0], found[1].name.casefold()))
    return tool, day
