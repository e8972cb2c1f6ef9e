"""The yearly ranking: an adjusted score that does not let one enthusiastic review win.

For a year Y and a category, each tool with n reviews dated in Y and mean score s (the mean
of those reviews' overall scores, each the mean of its criteria) gets

    adjusted = (m * C + n * s) / (m + n)

where C is the mean overall score of all reviews of that category in Y and m = PRIOR_WEIGHT.
A tool with few reviews is pulled towards the category mean; many reviews let its own mean
count. Ties are broken by more reviews, then the newer newest review, then the name.
Reviews by people who work for the vendor are shown on the tool's page but not ranked.
Knows nothing of MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from .model import Tool

PRIOR_WEIGHT = 3


@dataclass(frozen=True)
class Ranked:
    """One row of a yearly ranking."""

    rank: int
    tool: Tool
    reviews: int
    mean: float
    adjusted: float
    newest: date


def years_with_reviews(tools: Iterable[Tool]) -> list[int]:
    return sorted({r.date.year for t in tools for r in t.ranked_reviews}, reverse=True)


def rank_year(tools: Iterable[Tool], year: int) -> dict[str, list[Ranked]]:
    """Category -> ranked tools, from reviews dated in `year` only."""
    by_category: dict[str, list[Tool]] = defaultdict(list)
    for tool in tools:
        by_category[tool.category].append(tool)
    rankings: dict[str, list[Ranked]] = {}
    for category, members in sorted(by_category.items()):
        rows = _rank_category(members, year)
        if rows:
            rankings[category] = rows
    return rankings


def _rank_category(tools: list[Tool], year: int) -> list[Ranked]:
    in_year = {t.slug: [r for r in t.ranked_reviews if r.date.year == year] for t in tools}
    all_scores = [r.overall for reviews in in_year.values() for r in reviews]
    if not all_scores:
        return []
    category_mean = fmean(all_scores)
    rows = []
    for tool in tools:
        reviews = in_year[tool.slug]
        if not reviews:
            continue
        n = len(reviews)
        mean = fmean(r.overall for r in reviews)
        adjusted = (PRIOR_WEIGHT * category_mean + n * mean) / (PRIOR_WEIGHT + n)
        rows.append((tool, n, mean, adjusted, max(r.date for r in reviews)))
    # Rounded for the comparison, so ties are ties as readers see them (two decimals).
    rows.sort(key=lambda row: (-round(row[3], 2), -row[1], -row[4].toordinal(),
                               row[0].name.casefold()))
    return [Ranked(i + 1, tool, n, mean, adjusted, newest)
            for i, (tool, n, mean, adjusted, newest) in enumerate(rows)]
