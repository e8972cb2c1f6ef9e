"""The list of pages to review, for a terminal, for tools and for the moderators' issue."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any

from ..policy import Status
from ..survey import PageRecord
from .freshness import dutch_date


def grouped(records: Iterable[PageRecord]) -> dict[str, dict[str, list[PageRecord]]]:
    """owner -> section -> pages, most overdue first; pages without an owner come last."""
    groups: dict[str, dict[str, list[PageRecord]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        groups[record.freshness.owner or ""][record.section].append(record)
    ordered: dict[str, dict[str, list[PageRecord]]] = {}
    for owner in sorted(groups, key=lambda o: (o == "", o.lower())):
        ordered[owner] = {
            section: sorted(pages, key=lambda r: (r.freshness.review_by, r.source))
            for section, pages in sorted(groups[owner].items())
        }
    return ordered


def _counts(records: list[PageRecord]) -> tuple[int, int]:
    overdue = sum(r.freshness.status is Status.VEROUDERD for r in records)
    return overdue, len(records) - overdue


def stale_text(records: list[PageRecord], sections: dict[str, str], today: date) -> str:
    """The stale report for a terminal (English, like all CLI output)."""
    overdue, soon = _counts(records)
    if not records:
        return f"No pages need review on {today.isoformat()}."
    noun = "page needs" if len(records) == 1 else "pages need"
    lines = [f"{len(records)} {noun} review on {today.isoformat()}: "
             f"{overdue} overdue (verouderd), {soon} due within the warning window."]
    for owner, by_section in grouped(records).items():
        lines += ["", f"Owner: {owner or '(no owner)'}"]
        for section, pages in by_section.items():
            lines.append(f"  {sections.get(section, section)}")
            for r in pages:
                review_by = r.freshness.review_by.isoformat() if r.freshness.review_by else "?"
                lines.append(f"    {r.freshness.status.value:<10}  review by {review_by}  "
                             f"{r.source}  ({r.title})")
    return "\n".join(lines)


def cell(text: str) -> str:
    """Text for a Markdown table cell: no markup, links or extra columns from a title."""
    text = escape(text, quote=False).replace("\n", " ")
    return re.sub(r"([\\`*_\[\]|])", r"\\\1", text)


def _code(text: str) -> str:
    """Text for a code span in a table cell."""
    return text.replace("`", "'").replace("|", "\\|")


def stale_markdown(records: list[PageRecord], sections: dict[str, str], today: date) -> str:
    """The stale report as Markdown for the moderators' issue (Dutch, like the site)."""
    overdue, soon = _counts(records)
    lines = ["# Te herzien", "", f"Stand op {dutch_date(today)}: {overdue} verouderd, "
             f"{soon} binnenkort te herzien."]
    if not records:
        lines += ["", "Geen pagina's te herzien."]
        return "\n".join(lines)
    for owner, by_section in grouped(records).items():
        lines += ["", f"## Eigenaar: {cell(owner) if owner else 'geen eigenaar'}"]
        for section, pages in by_section.items():
            lines += ["", f"### {cell(sections.get(section, section))}", "",
                      "| Pagina | Status | Te herzien tegen | Laatst bijgewerkt | Bestand |",
                      "| --- | --- | --- | --- | --- |"]
            for r in pages:
                f = r.freshness
                lines.append(
                    f"| {cell(r.title)} | {f.status.label} | "
                    f"{dutch_date(f.review_by) if f.review_by else '-'} | "
                    f"{dutch_date(f.last_updated) if f.last_updated else 'onbekend'} | "
                    f"`{_code(r.source)}` |"
                )
    return "\n".join(lines)


def stale_json(records: list[PageRecord], today: date) -> dict[str, Any]:
    pages = []
    for owner, by_section in grouped(records).items():
        for pages_in_section in by_section.values():
            pages += [r.as_json() for r in pages_in_section]
    return {"date": today.isoformat(), "pages": pages}
