"""HTML that tells readers (and machines) how fresh a page is. Reader-facing text is Dutch."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from babel.dates import format_date

from ..policy import Freshness, Status, Unknown

LOCALE = "nl_BE"


def dutch_date(value: date) -> str:
    """A date as Flemish readers write it, e.g. '4 januari 2024'."""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def _time(value: date | None, missing: str = "onbekend") -> str:
    if value is None:
        return f'<span class="ictwiki-unknown">{missing}</span>'
    return f'<time datetime="{value.isoformat()}">{dutch_date(value)}</time>'


def _unknown_reason(freshness: Freshness) -> str:
    if freshness.unknown is Unknown.SHALLOW:
        return (
            "De datum is niet bekend: deze versie van de site is gebouwd zonder de volledige "
            "geschiedenis."
        )
    if freshness.unknown is Unknown.UNTRACKED:
        return "De datum is niet bekend: deze pagina is nog niet opgenomen in de geschiedenis."
    return ""


def banner(freshness: Freshness, edit_url: str | None) -> str:
    """The notice above a page: archive, overdue (hidden until due), or unknown dates."""
    if freshness.status is Status.ARCHIEF:
        return (
            '<div class="admonition info ictwiki-banner" data-ictwiki-banner="archief">'
            '<p class="admonition-title">Archiefpagina</p>'
            "<p>Deze pagina gaat over een oudere versie van software of toestellen. Ze blijft "
            "bewaard voor scholen die die versie nog gebruiken, maar wordt niet meer herzien. "
            "Kijk bij nieuwere toestellen of software eerst of er een recentere pagina is.</p>"
            "</div>"
        )
    if freshness.review_by is None:
        if freshness.status is Status.ONBEKEND:
            return (
                '<div class="admonition note ictwiki-banner" data-ictwiki-banner="onbekend">'
                '<p class="admonition-title">Versheid onbekend</p>'
                f"<p>{_unknown_reason(freshness)}</p></div>"
            )
        return ""
    hidden = "" if freshness.status is Status.VEROUDERD else " hidden"
    fix = (
        f' Weet je hoe het nu zit? <a href="{escape(edit_url)}">Werk de pagina bij</a>.'
        if edit_url
        else ""
    )
    return (
        f'<div class="admonition warning ictwiki-banner" data-ictwiki-banner="verouderd"{hidden}>'
        '<p class="admonition-title">Deze pagina is verouderd</p>'
        "<p>Ze had herzien moeten worden tegen "
        f"{_time(freshness.review_by)}. Controleer de informatie voor je ze gebruikt: "
        f"software, prijzen en regels veranderen snel.{fix}</p></div>"
    )


def facts_line(freshness: Freshness) -> str:
    """'Laatst bijgewerkt', 'Aangemaakt', status and review date, as one line of facts."""
    parts = [
        f'<span class="ictwiki-status" data-ictwiki-status>{freshness.status.label}</span>',
        f"Laatst bijgewerkt: {_time(freshness.last_updated)}",
        f"Aangemaakt: {_time(freshness.created)}",
    ]
    if freshness.last_reviewed:
        parts.append(f"Nagekeken: {_time(freshness.last_reviewed)}")
    if freshness.review_by:
        parts.append(f"Te herzien tegen: {_time(freshness.review_by)}")
    if freshness.owner:
        parts.append(f"Eigenaar: {escape(freshness.owner)}")
    items = "".join(f"<li>{part}</li>" for part in parts)
    return f'<ul class="ictwiki-facts" aria-label="Versheid van deze pagina">{items}</ul>'


def search_metadata(
    freshness: Freshness, section_title: str, tags: Sequence[str]
) -> str:
    """Hidden Pagefind filters, sort keys and metadata for this page."""
    updated = freshness.last_updated
    values = [
        ("filter", "sectie", section_title),
        ("filter", "status", freshness.status.label),
        # Pages without a date sort last when the newest come first.
        ("sort", "bijgewerkt", updated.isoformat() if updated else "0000-00-00"),
        ("meta", "bijgewerkt", dutch_date(updated) if updated else "datum onbekend"),
        ("meta", "bijgewerkt_iso", updated.isoformat() if updated else ""),
        ("meta", "status", freshness.status.label),
    ]
    values += [("filter", "tag", str(tag)) for tag in tags]
    spans = "".join(
        f'<span data-pagefind-{kind}="{escape(key)}">{escape(value)}</span>'
        for kind, key, value in values
    )
    return f'<div hidden class="ictwiki-search-facts">{spans}</div>'


def freshness_block(
    freshness: Freshness, edit_url: str | None, section_title: str, tags: Sequence[str],
    report_url: str | None = None, links: Sequence[tuple[str, str]] = (),
) -> str:
    """The whole block placed under a page's title; its text stays out of the search index.

    `links` are (text, address) pairs other parts of the wiki add under the report link,
    such as the question form for the page.
    """
    report = (f'<p class="ictwiki-report"><a href="{escape(report_url)}">Klopt er iets niet '
              "meer op deze pagina? Meld het.</a></p>" if report_url else "")
    report += "".join(f'<p class="ictwiki-report"><a href="{escape(url)}">{escape(label)}</a></p>'
                      for label, url in links)
    return (
        '<div class="ictwiki-freshness" data-pagefind-ignore>'
        f"{banner(freshness, edit_url)}{facts_line(freshness)}{report}"
        f"{search_metadata(freshness, section_title, tags)}</div>"
    )


def article_attributes(freshness: Freshness, due_soon_days: int) -> str:
    """Attributes for the page's <article>: the status and review date for scripts and tools."""
    attrs = f' data-freshness="{freshness.status.value}"'
    if freshness.review_by:
        attrs += (f' data-review-by="{freshness.review_by.isoformat()}"'
                  f' data-due-soon-days="{due_soon_days}"')
    return attrs
