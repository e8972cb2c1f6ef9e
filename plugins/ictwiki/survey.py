"""Freshness of every page of a docs folder, without building a site.

Used by the MkDocs adapter page by page and by `ictwiki stale` for the whole folder. The
history is scanned once and shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from . import frontmatter
from .history import History
from .policy import Freshness, ReviewPolicy, Status, assess, read_page_facts, section_of

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass
class PageRecord:
    """One page: where it lives, what it is called, how fresh it is."""

    src_path: str  # relative to the docs folder, POSIX
    source: str  # relative to the repository root when known, else the docs-relative path
    title: str
    section: str
    freshness: Freshness
    problems: list[str] = field(default_factory=list)
    url: str = ""  # from the site root, e.g. /starters-rucksack/eerste-weken/

    def as_json(self, site_url: str | None = None) -> dict[str, Any]:
        """The freshness.json record of this page; absolute URLs when site_url is known."""
        f = self.freshness

        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "url": urljoin(site_url, self.url.lstrip("/")) if site_url else self.url,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "status": f.status.value,
            "created": iso(f.created),
            "last_updated": iso(f.last_updated),
            "last_reviewed": iso(f.last_reviewed),
            "review_by": iso(f.review_by),
            "review_interval_days": f.review_interval,
            "owner": f.owner,
        }


def evaluate(
    src_path: str,
    abs_path: Path,
    meta: dict[str, Any],
    lines: dict[str, int],
    history: History,
    policy: ReviewPolicy,
    today: date,
) -> tuple[str, Freshness, list[str]]:
    """(source path, freshness, problems) of one page from its front matter and the history."""
    repo_path = history.relative_to_root(abs_path)
    file_history = history.get(repo_path) if repo_path else None
    facts, problems = read_page_facts(meta, lines, today)
    freshness = assess(file_history, facts, section_of(src_path), policy, today)
    return repo_path or src_path, freshness, problems


def survey(
    pages: Iterable[tuple[str, Path, str]], history: History, policy: ReviewPolicy, today: date
) -> list[PageRecord]:
    """Freshness of each (docs-relative path, file, URL) page, sorted by path."""
    records = []
    for src_path, path, url in sorted(pages):
        parsed = frontmatter.parse(path.read_text(encoding="utf-8-sig", errors="replace"))
        source, freshness, problems = evaluate(
            src_path, path, parsed.meta, parsed.lines, history, policy, today
        )
        title = _title(parsed.meta, parsed.body, path)
        records.append(
            PageRecord(src_path, source, title, section_of(src_path), freshness,
                       parsed.problems + problems, url=url)
        )
    return records


def _title(meta: dict[str, Any], body: str, path: Path) -> str:
    if meta.get("title") is not None and str(meta["title"]).strip():
        return str(meta["title"]).strip()
    match = _HEADING.search(body)
    if match:
        return match.group(1)
    return path.stem.replace("-", " ").capitalize()


def needs_attention(records: list[PageRecord]) -> list[PageRecord]:
    """Pages that are overdue or due within the policy's warning window."""
    return [r for r in records if r.freshness.status in (Status.VEROUDERD, Status.BINNENKORT)]
