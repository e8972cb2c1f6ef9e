"""Pages built from tool files: a page per tool, comparisons, level views, yearly rankings.

Every value from data is HTML-escaped and sits inside raw HTML blocks, so Markdown never
interprets it; a missing value shows a dash. Reader-facing text is Dutch.
"""

from __future__ import annotations

import json
import posixpath
import re
from decimal import ROUND_HALF_UP, Decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from babel.numbers import format_decimal

from ..reviews.model import (
    CATEGORIES, CRITERIA, LEVELS, LEVELS_SHORT, PRICING, ROLES, Review, Sourced, Tool,
)
from ..reviews.scoring import PRIOR_WEIGHT, Ranked, rank_year
from .freshness import dutch_date

DASH = '<span class="ictwiki-missing" title="niet ingevuld">–</span>'
SECTION = "tools-reviews"


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: where it goes, its Markdown, and its HTML blocks.

    Headings stay Markdown (so the table of contents lists them); everything built from data
    is HTML, escaped here, held apart and put in place after Markdown ran (`fill`). Markdown
    never parses data, and large tables cost it nothing.
    """

    src_uri: str
    markdown: str
    blocks: tuple[str, ...] = ()
    source: str | None = None  # the data file whose history dates the page
    edit_path: str | None = None  # docs-relative file a reader edits to change the page

    def fill(self, html: str) -> str:
        """The converted page with each block placeholder replaced by its HTML."""
        return _PLACEHOLDER.sub(lambda m: self.blocks[int(m.group(1))], html)


_PLACEHOLDER = re.compile(r"<!-- ictwiki-block-(\d+) -->")


class _Doc:
    """Collects Markdown lines and HTML blocks for one generated page."""

    def __init__(self, front: str) -> None:
        self.lines = [front]
        self.blocks: list[str] = []

    def md(self, *lines: str) -> None:
        self.lines += [*lines, ""]

    def html(self, fragment: str) -> None:
        self.lines += [f"<!-- ictwiki-block-{len(self.blocks)} -->", ""]
        self.blocks.append(fragment)

    def page(self, src: str, **extra: str | None) -> GeneratedPage:
        return GeneratedPage(src, "\n".join(self.lines), tuple(self.blocks), **extra)


def url_of(src_uri: str) -> str:
    """Directory URL of a generated page, as MkDocs gives it."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str) -> str:
    """A relative link between two pages' directory URLs."""
    start = url_of(from_src).rstrip("/") or "."
    target = url_of(to_src)
    rel = posixpath.relpath(target.rstrip("/") or ".", start)
    return rel + "/" if not rel.endswith("/") else rel


def tool_src(tool: Tool) -> str:
    return f"{SECTION}/{tool.slug}.md"


def category_src(category: str) -> str:
    return f"{SECTION}/categorie/{category}.md"


def level_src(level: str) -> str:
    return f"{SECTION}/niveau/{level}.md"


def ranking_src(year: int) -> str:
    return f"{SECTION}/ranking/{year}.md"


def number(value: float | None, decimals: int = 1) -> str:
    """A score in Flemish notation, rounded half up as readers round (3,25 -> 3,3)."""
    if value is None:
        return DASH
    step = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)
    return format_decimal(rounded, format="0." + "0" * decimals, locale="nl_BE")


def text(value: str | None) -> str:
    return escape(value) if value else DASH


def time_tag(value: date | None) -> str:
    return f'<time datetime="{value.isoformat()}">{dutch_date(value)}</time>' if value else DASH


def listing(values: Iterable[str]) -> str:
    items = [escape(v) for v in values]
    return ", ".join(items) if items else DASH


def front_matter(title: str, **extra: object) -> str:
    lines = ["---", f"title: {json.dumps(escape(title), ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    return "\n".join(lines + ["---", ""])


def source_note(fact: Sourced, stale_after: int, today: date) -> str:
    note = (f'Bron: <a href="{escape(fact.source)}" rel="nofollow">{escape(fact.source)}</a>, '
            f"gecontroleerd op {time_tag(fact.checked_on)}.")
    if fact.checked_on + timedelta(days=stale_after) < today:
        note += (' <strong class="ictwiki-stale-fact">Deze controle is ouder dan '
                 f"{stale_after} dagen: kijk de bron opnieuw na.</strong>")
    return note


def data_table(label: str, head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table with a caption; Material wraps it in a box that scrolls on a narrow screen."""
    header = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{cell}</th>' if i == 0 else f"<td>{cell}</td>")
            for i, cell in enumerate(row)
        ) + "</tr>"
        for row in rows
    )
    return (f'<table><caption class="md-visually-hidden">{escape(label)}</caption>'
            f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")


def tool_page(tool: Tool, today: date, stale_after: int, new_review_url: str | None) -> GeneratedPage:
    src = tool_src(tool)
    data_file = f"{SECTION}/{tool.file_name}"
    doc = _Doc(front_matter(tool.name, freshness_source=data_file))
    summary = f'<p class="ictwiki-summary">{escape(tool.summary)}</p>' if tool.summary else ""
    doc.html(f"<h1>{escape(tool.name)}</h1>{_search_facts(tool)}{summary}")
    doc.md("## Feiten")
    doc.html(_facts_table(tool, src) + f"<p>{source_note(tool.facts, stale_after, today)}</p>")
    doc.md("## Privacy")
    doc.html(_privacy(tool, stale_after, today))
    doc.md("## Scores")
    doc.html(_scores(tool, new_review_url))
    doc.md("## Reviews")
    doc.html(_reviews(tool, today, stale_after, new_review_url))
    return doc.page(src, source=data_file, edit_path=data_file)


def _search_facts(tool: Tool) -> str:
    spans = [("filter", "categorie", CATEGORIES[tool.category])]
    spans += [("filter", "niveau", LEVELS[level]) for level in tool.levels]
    if tool.average is not None:
        spans.append(("sort", "score", f"{tool.average:.3f}"))
    inner = "".join(f'<span data-pagefind-{kind}="{key}">{escape(value)}</span>'
                    for kind, key, value in spans)
    return f'<div hidden class="ictwiki-search-facts" data-pagefind-ignore>{inner}</div>'


def _facts_table(tool: Tool, src: str) -> str:
    levels = ", ".join(
        f'<a href="{href(src, level_src(level))}">{LEVELS[level]}</a>' for level in tool.levels
    )
    website = (f'<a href="{escape(tool.website)}" rel="nofollow">{escape(tool.website)}</a>'
               if tool.website else DASH)
    rows = [
        ("Leverancier", text(tool.vendor)),
        ("Website", website),
        ("Categorie", f'<a href="{href(src, category_src(tool.category))}">'
                      f"{CATEGORIES[tool.category]}</a>"),
        ("Onderwijsniveaus", levels),
        ("Platformen", listing(tool.platforms)),
        ("Prijsmodel", PRICING[tool.pricing]),
        ("Talen", listing(tool.languages)),
        ("Huidige versie", text(tool.current_version)),
    ]
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    return f'<table class="ictwiki-facts-table"><tbody>{body}</tbody></table>'


def _privacy(tool: Tool, stale_after: int, today: date) -> str:
    rows = [("Verwerkersovereenkomst voor scholen", tool.verwerkersovereenkomst)]
    if tool.data_location:
        rows.append(("Waar de gegevens bewaard worden", tool.data_location))
    items = "".join(
        f"<li><strong>{label}:</strong> {text(fact.value)}. "
        f"{source_note(fact, stale_after, today)}</li>"
        for label, fact in rows
    )
    if not tool.data_location:
        items += f"<li><strong>Waar de gegevens bewaard worden:</strong> {DASH}</li>"
    return f'<ul class="ictwiki-privacy">{items}</ul>'


def _first_review_link(url: str | None) -> str:
    if not url:
        return ""
    return f' <a href="{escape(url)}">Schrijf de eerste review</a>.'


def _scores(tool: Tool, new_review_url: str | None) -> str:
    if not tool.reviews:
        return f'<p class="ictwiki-no-reviews">Nog geen reviews.{_first_review_link(new_review_url)}</p>'
    rows = [
        (name, number(tool.criterion_average(key)),
         str(sum(key in r.scores for r in tool.reviews)))
        for key, name in CRITERIA.items()
    ]
    rows.append(("<strong>Gemiddelde</strong>", f"<strong>{number(tool.average)}</strong>",
                 str(len(tool.reviews))))
    return data_table(f"Scores van {tool.name}", ["Criterium", "Gemiddelde (1-5)", "Reviews"],
                        rows)


def _reviews(tool: Tool, today: date, stale_after: int, new_review_url: str | None) -> str:
    if not tool.reviews:
        return ('<p>Gebruik je deze tool? Vertel collega\'s wat goed werkt en wat niet.'
                f"{_first_review_link(new_review_url)}</p>")
    return "\n".join(_review(tool, review, today, stale_after) for review in tool.reviews)


def _review(tool: Tool, review: Review, today: date, stale_after: int) -> str:
    notes = []
    if review.date + timedelta(days=stale_after) < today:
        notes.append(f"Deze review is ouder dan {stale_after} dagen; de tool kan intussen "
                     "veranderd zijn.")
    if review.version and tool.current_version and review.version != tool.current_version:
        notes.append(f"Deze review gaat over versie {escape(review.version)}; de huidige "
                     f"versie is {escape(tool.current_version)}.")
    if review.works_for_vendor:
        notes.append("De reviewer werkt voor de leverancier of wordt door hem betaald.")
    note_html = "".join(f'<p class="ictwiki-review-note">{n}</p>' for n in notes)
    scores = "".join(f"<li>{CRITERIA[k]}: {v}/5</li>" for k, v in review.scores.items())
    pros = "".join(f"<li>{escape(p)}</li>" for p in review.pros)
    cons = "".join(f"<li>{escape(c)}</li>" for c in review.cons)
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>"
                         for p in review.text.split("\n\n") if p.strip())
    version = f", versie {escape(review.version)}" if review.version else ""
    return (
        '<section class="ictwiki-review">'
        f"<h3>{escape(review.reviewer)}</h3>"
        f'<p class="ictwiki-review-meta">{ROLES[review.role]}, {LEVELS[review.level].lower()}, '
        f"{time_tag(review.date)}{version}</p>{note_html}"
        f'<ul class="ictwiki-review-scores">{scores}</ul>'
        + (f"<p><strong>Pluspunten</strong></p><ul>{pros}</ul>" if pros else "")
        + (f"<p><strong>Minpunten</strong></p><ul>{cons}</ul>" if cons else "")
        + paragraphs + "</section>"
    )


COMPARISON_HEAD = ["Tool", "Niveaus", "Platformen", "Prijs", "Verwerkersovereenkomst",
                   *CRITERIA.values(), "Reviews", "Nieuwste review"]


def comparison_rows(tools: Iterable[Tool], src: str) -> list[list[str]]:
    rows = []
    for tool in tools:
        rows.append([
            f'<a href="{href(src, tool_src(tool))}">{escape(tool.name)}</a>',
            ", ".join(LEVELS_SHORT[level] for level in tool.levels),
            listing(tool.platforms),
            PRICING[tool.pricing],
            text(tool.verwerkersovereenkomst.value),
            *(number(tool.criterion_average(key)) for key in CRITERIA),
            str(len(tool.reviews)),
            time_tag(tool.newest_review),
        ])
    return rows


def category_page(category: str, tools: Sequence[Tool]) -> GeneratedPage:
    src = category_src(category)
    title = f"Vergelijking: {CATEGORIES[category]}"
    doc = _Doc(front_matter(title, freshness=False))
    noun = "tool" if len(tools) == 1 else "tools"
    doc.md(f"# {title}", "",
           f"{len(tools)} {noun} in deze categorie, naast elkaar. De scores zijn gemiddelden "
           "van de reviews (1 tot 5); een streepje betekent dat er nog niets is ingevuld.")
    doc.html(data_table(title, COMPARISON_HEAD, comparison_rows(tools, src)))
    return doc.page(src)


def level_page(level: str, tools: Sequence[Tool]) -> GeneratedPage:
    src = level_src(level)
    title = f"Tools voor het {LEVELS[level].lower()}"
    doc = _Doc(front_matter(title, freshness=False))
    doc.md(f"# {title}")
    members = [t for t in tools if level in t.levels]
    if not members:
        doc.md("Er staan nog geen tools voor dit onderwijsniveau in de wiki.")
    for category, label in CATEGORIES.items():
        in_category = [t for t in members if t.category == category]
        if in_category:
            doc.md(f"## {label}")
            doc.html(data_table(f"{label}, {LEVELS[level].lower()}", COMPARISON_HEAD,
                                comparison_rows(in_category, src)))
    return doc.page(src)


def ranking_page(year: int, tools: Sequence[Tool], new_review_url: str | None) -> GeneratedPage:
    src = ranking_src(year)
    title = f"Jaarranking {year}"
    doc = _Doc(front_matter(title, freshness=False))
    doc.md(f"# {title}", "",
           f"De tools met de beste reviews van {year}, per categorie. Alleen reviews van {year} "
           "tellen mee.")
    doc.md("## Hoe de rangschikking berekend wordt", "",
           "Elke review krijgt een totaalscore: het gemiddelde van de criteria die de reviewer "
           "scoorde (1 tot 5). Een tool met maar één of twee enthousiaste reviews mag niet "
           "zomaar bovenaan staan, daarom trekken we de score naar het gemiddelde van de "
           "categorie zolang er weinig reviews zijn:")
    doc.html(f'<p class="ictwiki-formula"><strong>aangepaste score = ({PRIOR_WEIGHT} × C + '
             f"n × s) / ({PRIOR_WEIGHT} + n)</strong></p>")
    doc.md("Daarin is *s* het gemiddelde van de totaalscores van de tool in dat jaar, *n* het "
           "aantal reviews van de tool in dat jaar en *C* het gemiddelde van alle reviews in de "
           "categorie in dat jaar. Bij gelijke aangepaste score (op twee decimalen) gaat de tool "
           "met de meeste reviews voor, daarna die met de recentste review, daarna de "
           "alfabetische volgorde. Reviews van mensen die voor de leverancier werken of door "
           "hem betaald worden, staan op de pagina van de tool maar tellen hier niet mee.")
    rankings = rank_year(tools, year)
    if not rankings:
        doc.html(f'<p class="ictwiki-no-reviews">In {year} zijn er nog geen reviews.'
                 f"{_first_review_link(new_review_url)}</p>")
    for category, rows in rankings.items():
        doc.md(f"## {CATEGORIES[category]}")
        doc.html(data_table(f"{title}, {CATEGORIES[category]}",
                              ["Plaats", "Tool", "Aangepaste score", "Gemiddelde", "Reviews",
                               "Nieuwste review"], _ranking_rows(rows, src)))
    return doc.page(src)


def _ranking_rows(rows: Sequence[Ranked], src: str) -> list[list[str]]:
    return [[str(r.rank), f'<a href="{href(src, tool_src(r.tool))}">{escape(r.tool.name)}</a>',
             number(r.adjusted, 2), number(r.mean, 2), str(r.reviews), time_tag(r.newest)]
            for r in rows]


def overview(tools: Sequence[Tool], years: Sequence[int], src: str) -> str:
    """The generated part of the section's index page."""
    counts = {c: sum(t.category == c for t in tools) for c in CATEGORIES}
    parts = ["## Vergelijken per categorie", ""]
    parts += [f"- [{label}]({posixpath.relpath(category_src(c), posixpath.dirname(src))}) "
              f"({counts[c]})" for c, label in CATEGORIES.items() if counts[c]]
    parts += ["", "## Per onderwijsniveau", ""]
    parts += [f"- [{label}]({posixpath.relpath(level_src(level), posixpath.dirname(src))})"
              for level, label in LEVELS.items()]
    parts += ["", "## Jaarranking", ""]
    parts += [f"- [Jaarranking {y}]({posixpath.relpath(ranking_src(y), posixpath.dirname(src))})"
              for y in years]
    parts += ["", "## Alle tools", ""]
    parts += ["<ul>" + "".join(
        f'<li><a href="{href(src, tool_src(t))}">{escape(t.name)}</a> '
        f"({CATEGORIES[t.category]})</li>" for t in tools) + "</ul>", ""]
    return "\n".join(parts)
