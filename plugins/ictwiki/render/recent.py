"""Recently changed pages (a page and an Atom feed) and the moderators' review list (Dutch)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from ..history import FileHistory
from ..survey import PageRecord
from .freshness import dutch_date
from .stale import grouped


@dataclass(frozen=True)
class Change:
    """A page at its latest change: new if it was created by that change."""

    record: PageRecord
    history: FileHistory

    @property
    def when(self) -> datetime:
        assert self.history.last_updated is not None
        return self.history.last_updated

    @property
    def is_new(self) -> bool:
        return self.history.created == self.history.last_updated


def latest_changes(records: Sequence[PageRecord], files: dict[str, FileHistory],
                   count: int) -> list[Change]:
    """The `count` most recently changed pages, newest first (ties by title)."""
    changes = [Change(r, files[r.source]) for r in records
               if r.source in files and files[r.source].last_updated is not None]
    changes.sort(key=lambda c: (-c.when.timestamp(), c.record.title.casefold()))
    return changes[:count]


def _link(url: str, from_url: str) -> str:
    """A page link relative to the page that shows it (both are site-root paths)."""
    depth = from_url.strip("/").count("/") + (1 if from_url.strip("/") else 0)
    return "../" * depth + url.lstrip("/") if not url.startswith("http") else url


def recent_html(changes: Sequence[Change], here: str, feed_href: str | None) -> str:
    items = "".join(
        f'<li><a href="{escape(_link(c.record.url, here))}">{escape(c.record.title)}</a> '
        f'<span class="ictwiki-change">{"nieuw" if c.is_new else "bijgewerkt"} op '
        f'<time datetime="{c.when.date().isoformat()}">{dutch_date(c.when.date())}</time>'
        "</span></li>"
        for c in changes
    )
    feed = (f'<p><a href="{escape(feed_href)}">Volg de wijzigingen in je feedlezer (Atom)</a>'
            "</p>" if feed_href else "")
    return f'<ol class="ictwiki-recent">{items}</ol>{feed}'


def atom_feed(changes: Sequence[Change], site_url: str, feed_url: str, title: str,
              built: datetime, sections: dict[str, str]) -> bytes:
    """An Atom feed of new and updated pages, newest first."""
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.link(href=feed_url, rel="self")
    feed.link(href=site_url, rel="alternate")
    feed.language("nl")
    feed.updated(changes[0].when if changes else built)
    for change in reversed(changes):  # feedgen puts the last added entry first
        url = urljoin(site_url, change.record.url.lstrip("/"))
        entry = feed.add_entry()
        entry.id(f"{url}#{change.history.last_commit or change.when.isoformat()}")
        kind = "Nieuwe pagina" if change.is_new else "Bijgewerkt"
        entry.title(f"{kind}: {change.record.title}")
        entry.link(href=url)
        entry.updated(change.when)
        entry.published(change.history.created or change.when)
        entry.author(name="ICT-Wiki")
        section = sections.get(change.record.section, change.record.section)
        entry.summary(f"{kind} op {dutch_date(change.when.date())}, in de sectie {section}.")
    return bytes(feed.atom_str(pretty=True))


def review_list_html(records: Sequence[PageRecord], sections: dict[str, str], today: date,
                     here: str) -> str:
    """The pages to review, grouped by owner and section: the site's view of `ictwiki stale`."""
    if not records:
        return f"<p>Op {dutch_date(today)} moet geen enkele pagina herzien worden.</p>"
    parts = [f"<p>Stand op {dutch_date(today)}.</p>"]
    for owner, by_section in grouped(records).items():
        parts.append(f"<h2>Eigenaar: {escape(owner) if owner else 'geen eigenaar'}</h2>")
        for section, pages in by_section.items():
            rows = "".join(
                f'<tr><th scope="row"><a href="{escape(_link(r.url, here))}">'
                f"{escape(r.title)}</a></th><td>{r.freshness.status.label}</td>"
                f"<td>{_date(r.freshness.review_by)}</td>"
                f"<td>{_date(r.freshness.last_updated)}</td></tr>"
                for r in pages
            )
            parts.append(
                f"<h3>{escape(sections.get(section, section))}</h3><table><thead><tr>"
                '<th scope="col">Pagina</th><th scope="col">Status</th>'
                '<th scope="col">Te herzien tegen</th><th scope="col">Laatst bijgewerkt</th>'
                f"</tr></thead><tbody>{rows}</tbody></table>"
            )
    return "".join(parts)


def _date(value: date | None) -> str:
    if value is None:
        return "onbekend"
    return f'<time datetime="{value.isoformat()}">{dutch_date(value)}</time>'
