"""The review policy: from history and front matter to a page's freshness status.

A page must be looked at again `review_interval` days after its content last changed or a
moderator last confirmed it (`last_reviewed`), whichever is later. Archived pages, kept
for older software versions, are never due. A page whose dates git cannot tell is
"onbekend", never given a made-up date.

This module knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from .history import FileHistory


MAX_INTERVAL = 3650  # ten years; larger intervals overflow dates and mean "never"


class Status(str, Enum):
    """Freshness statuses; the value is the machine name used in HTML and JSON."""

    ACTUEEL = "actueel"
    BINNENKORT = "binnenkort"
    VEROUDERD = "verouderd"
    ARCHIEF = "archief"
    ONBEKEND = "onbekend"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Status.ACTUEEL: "Actueel",
    Status.BINNENKORT: "Binnenkort te herzien",
    Status.VEROUDERD: "Verouderd",
    Status.ARCHIEF: "Archief",
    Status.ONBEKEND: "Onbekend",
}


class Unknown(str, Enum):
    """Why a page's dates are unknown."""

    UNTRACKED = "untracked"  # not (yet) committed, or no repository at all
    SHALLOW = "shallow"  # the clone's history is cut before the page's last change


@dataclass(frozen=True)
class ReviewPolicy:
    """Review intervals in days: one per section (top-level folder) and a default."""

    default_interval: int = 365
    section_intervals: Mapping[str, int] = field(default_factory=dict)
    due_soon_days: int = 30
    timezone: str = "Europe/Brussels"

    def interval_for(self, section: str) -> int:
        return self.section_intervals.get(section, self.default_interval)


@dataclass(frozen=True)
class PageFacts:
    """The review facts a page states in its front matter, validated."""

    last_reviewed: date | None = None
    review_interval: int | None = None
    owner: str | None = None
    archived: bool = False


@dataclass(frozen=True)
class Freshness:
    """Everything the site says about one page's freshness."""

    status: Status
    created: date | None
    last_updated: date | None
    last_reviewed: date | None
    review_by: date | None
    review_interval: int
    owner: str | None
    unknown: Unknown | None = None


def read_page_facts(
    meta: Mapping[str, Any], lines: Mapping[str, int], today: date
) -> tuple[PageFacts, list[str]]:
    """Validate the review keys of a page's front matter; problems name the line and a fix."""
    problems: list[str] = []

    def where(key: str) -> str:
        return f" (line {lines[key]})" if key in lines else ""

    last_reviewed = None
    if meta.get("last_reviewed") is not None:
        value = meta["last_reviewed"]
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            written = str(value).strip()
            try:
                value = date.fromisoformat(written)
            except ValueError:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
                    advice = "That day is not in the calendar; check the month and the day."
                else:
                    advice = "Write it as YYYY-MM-DD, e.g. last_reviewed: 2024-09-01."
                problems.append(
                    f"last_reviewed '{written}' is not a date{where('last_reviewed')}. {advice}"
                )
                value = None
        if value is not None and value > today:
            problems.append(
                f"last_reviewed {value.isoformat()} lies in the future{where('last_reviewed')}. "
                "Write the day the page was checked."
            )
            value = None
        last_reviewed = value

    interval = None
    if meta.get("review_interval") is not None:
        value = meta["review_interval"]
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.append(
                f"review_interval '{value}' is not a number of days{where('review_interval')}. "
                "Write a whole number of days, e.g. review_interval: 180."
            )
        elif value > MAX_INTERVAL:
            problems.append(
                f"review_interval {value} is more than {MAX_INTERVAL} days"
                f"{where('review_interval')}. Pick at most {MAX_INTERVAL}; for pages that are "
                "never reviewed again, write archived: true."
            )
        else:
            interval = value

    owner = None
    if meta.get("owner") is not None:
        value = meta["owner"]
        if isinstance(value, str) and value.strip():
            owner = value.strip()
        else:
            problems.append(
                f"owner '{value}' is not a name{where('owner')}. "
                "Write a GitHub handle or team, e.g. owner: '@ict-wiki/moderatoren'."
            )

    archived = False
    if "archived" in meta and meta["archived"] is not None:
        value = meta["archived"]
        if isinstance(value, bool):
            archived = value
        else:
            problems.append(
                f"archived '{value}' is not true or false{where('archived')}. "
                "Write archived: true to keep the page as an archive page, or remove the line."
            )
    return PageFacts(last_reviewed, interval, owner, archived), problems


def local_date(moment: datetime | None, tz: ZoneInfo) -> date | None:
    return moment.astimezone(tz).date() if moment is not None else None


def assess(
    history: FileHistory | None,
    facts: PageFacts,
    section: str,
    policy: ReviewPolicy,
    today: date,
) -> Freshness:
    """Combine what git knows and what the page says into a status and a review-by date."""
    tz = ZoneInfo(policy.timezone)
    interval = facts.review_interval or policy.interval_for(section)
    created = local_date(history.created, tz) if history else None
    updated = local_date(history.last_updated, tz) if history else None
    unknown = None
    if history is None:
        unknown = Unknown.UNTRACKED
    elif updated is None or created is None:
        unknown = Unknown.SHALLOW

    def result(status: Status, review_by: date | None) -> Freshness:
        return Freshness(
            status, created, updated, facts.last_reviewed, review_by, interval, facts.owner,
            unknown,
        )

    if facts.archived:
        return result(Status.ARCHIEF, None)
    clock = _review_clock(history, updated, facts.last_reviewed, tz)
    if clock is None:
        return result(Status.ONBEKEND, None)
    review_by = clock + timedelta(days=interval)
    if today > review_by:
        return result(Status.VEROUDERD, review_by)
    if (review_by - today).days <= policy.due_soon_days:
        return result(Status.BINNENKORT, review_by)
    return result(Status.ACTUEEL, review_by)


def _review_clock(
    history: FileHistory | None, updated: date | None, reviewed: date | None, tz: ZoneInfo
) -> date | None:
    """The day the review interval starts from, or None when it cannot be known."""
    if updated is not None:
        return max(updated, reviewed) if reviewed else updated
    if history is None or reviewed is None:
        return None
    # Shallow clone: the content changed at the boundary or before it. A review on or
    # after the boundary therefore saw the current content.
    bound = local_date(history.updated_not_after, tz)
    if bound is not None and reviewed >= bound:
        return reviewed
    return None


def section_of(src_path: str) -> str:
    """The section of a docs-relative path: its top-level folder, or '' for the root."""
    head, sep, _ = src_path.replace("\\", "/").partition("/")
    return head if sep else ""
