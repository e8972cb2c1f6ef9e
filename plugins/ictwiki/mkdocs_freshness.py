"""MkDocs adapter for the freshness engine: stamps pages, writes freshness.json.

All decisions live in history, policy and survey; this file only moves data between them
and MkDocs.
"""

from __future__ import annotations

from html import unescape
import json
import logging
import os
import re
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import frontmatter, history
from .policy import MAX_INTERVAL, ReviewPolicy, section_of
from .render.freshness import article_attributes, freshness_block
from .render.recent import atom_feed, latest_changes, recent_html, review_list_html
from .survey import PageRecord, evaluate, needs_attention

log = logging.getLogger("mkdocs.plugins.ictwiki.freshness")

ASSETS = ("freshness.js", "ictwiki.css")
_ARTICLE = re.compile(r"<article\b")
_H1_END = re.compile(r"</h1>", re.I)
RECENT_MARKER = "<!-- ictwiki:recent -->"
REVIEW_MARKER = "<!-- ictwiki:te-herzien -->"


class SectionConfig(base.Config):
    """A top-level folder of the docs."""

    title = c.Optional(c.Type(str))
    """The name readers see in search filters; defaults to the folder name."""
    review_interval = c.Optional(c.Type(int))
    """Days after a change or a review before pages here must be reviewed again."""


class FreshnessConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its settings."""
    timezone = c.Type(str, default="Europe/Brussels")
    """Commit moments are turned into dates in this timezone."""
    review_interval = c.Type(int, default=365)
    """Days before a page must be reviewed, unless its section or the page says otherwise."""
    due_soon_days = c.Type(int, default=30)
    """A page is 'binnenkort te herzien' this many days before its review date."""
    sections = c.DictOfItems(c.SubConfig(SectionConfig), default={})
    """Per top-level folder: its title and review interval."""
    default_section_title = c.Type(str, default="Algemeen")
    """The section name of pages at the top of the docs folder."""
    json_path = c.Type(str, default="freshness.json")
    """Where the per-page records are written, relative to the site root."""
    feed_path = c.Type(str, default="feed.xml")
    """Where the Atom feed of new and updated pages is written (needs site_url)."""
    recent_count = c.Type(int, default=30)
    """How many changes the recent-changes page and the feed list."""
    report_url = c.Optional(c.Type(str))
    """The 'report an outdated page' issue form; the page's address is added to it."""


def build_policy(config: FreshnessConfig) -> ReviewPolicy:
    """The core review policy from the plugin's settings; bad settings stop the build."""
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PluginError(
            f"ictwiki-freshness: timezone '{config.timezone}' is unknown. "
            "Use an IANA name such as Europe/Brussels."
        ) from exc
    if not 1 <= config.review_interval <= MAX_INTERVAL:
        raise PluginError(
            f"ictwiki-freshness: review_interval must be 1 to {MAX_INTERVAL} days, "
            f"not {config.review_interval}."
        )
    if config.due_soon_days < 0:
        raise PluginError(
            f"ictwiki-freshness: due_soon_days must be 0 or more, not {config.due_soon_days}."
        )
    intervals = {}
    for name, section in config.sections.items():
        if section.review_interval is not None:
            if not 1 <= section.review_interval <= MAX_INTERVAL:
                raise PluginError(
                    f"ictwiki-freshness: sections.{name}.review_interval must be 1 to "
                    f"{MAX_INTERVAL} days, not {section.review_interval}."
                )
            intervals[name] = section.review_interval
    return ReviewPolicy(
        default_interval=config.review_interval,
        section_intervals=intervals,
        due_soon_days=config.due_soon_days,
        timezone=config.timezone,
    )


def today_in(tz: str) -> date:
    """Today in the site's timezone; ICTWIKI_TODAY=YYYY-MM-DD fixes it for reproducible builds."""
    fixed = os.environ.get("ICTWIKI_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError as exc:
            raise PluginError(f"ICTWIKI_TODAY '{fixed}' is not a date; write YYYY-MM-DD.") from exc
    return datetime.now(ZoneInfo(tz)).date()


def scan_history(docs_dir: Path, cached: history.History | None) -> history.History:
    """One history scan per build. Under live reload the previous scan is kept: reused while
    HEAD stays the same, extended with only the new commits after a commit."""
    try:
        previous = cached if cached is not None and cached.root is not None else None
        return history.scan(docs_dir, previous=previous)
    except history.GitError as exc:
        log.warning(f"Could not read the git history: {exc}. Every page's dates show as "
                    "unknown until git can read the repository.")
        return history.History(root=None, head=None, failed=True)


class FreshnessPlugin(BasePlugin[FreshnessConfig]):
    """Stamps every page with its freshness from the git history."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.history: history.History | None = None
        self.records: dict[str, PageRecord] = {}
        self.sources: dict[str, frontmatter.FrontMatter] = {}
        self.policy = ReviewPolicy()
        self.today = date.today()
        # Links other plugins add to a page's freshness block: src_uri -> (text, address).
        self.extra_links: dict[str, list[tuple[str, str]]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.policy = build_policy(self.config)
        self.today = today_in(self.config.timezone)
        config.extra_css.append("assets/ictwiki/ictwiki.css")
        config.extra_javascript.append("assets/ictwiki/freshness.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.records.clear()
        self.sources.clear()
        self.extra_links.clear()
        self.history = scan_history(Path(config.docs_dir), self.history)
        report_history(self.history)
        for name in self.config.sections:
            if not (Path(config.docs_dir) / name).is_dir():
                log.warning(f"ictwiki-freshness: sections.{name} names no folder of the docs; "
                            f"check the spelling (there is no docs/{name}/).")
        if Path(self.config.json_path).is_absolute() or ".." in Path(self.config.json_path).parts:
            raise PluginError(f"ictwiki-freshness: json_path '{self.config.json_path}' must be a "
                              "path inside the site, e.g. freshness.json.")
        assets = resources.files("ictwiki.render") / "assets"
        for name in ASSETS:
            content = (assets / name).read_text(encoding="utf-8")
            files.append(File.generated(config, f"assets/ictwiki/{name}", content=content))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Give top-level folders the titles set under `sections` instead of folder names."""
        if not self.config.enabled:
            return None
        for item in nav.items:
            folder = _folder_of(item)
            settings = self.config.sections.get(folder) if folder else None
            if isinstance(item, Section) and settings and settings.title:
                item.title = settings.title
        return nav

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or page.file.abs_src_path is None:
            return None
        try:
            source = page.file.content_string
        except UnicodeDecodeError as exc:
            log.warning(
                f"docs/{page.file.src_uri}: the file is not UTF-8 text (byte {exc.start}). Save "
                "it as UTF-8; until then the characters it cannot read show as \ufffd."
            )
            source = page.file.content_bytes.decode("utf-8-sig", errors="replace")
        self.sources[page.file.src_uri] = frontmatter.parse(source)
        return source

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.history is None:
            return None
        parsed = self.sources.get(page.file.src_uri, frontmatter.FrontMatter())
        if parsed.present and not page.meta:
            # MkDocs silently dropped front matter it could not load: keep what we could.
            page.meta = dict(parsed.meta)
            markdown = parsed.body
        _normalise_tags(page, parsed.lines)
        if page.meta.get("freshness") is False:
            return markdown  # a page generated from many files: no single history dates it
        # A generated page names the data file whose history dates it.
        src_path = str(page.meta.get("freshness_source") or page.file.src_uri)
        abs_path = Path(config.docs_dir) / src_path
        source, freshness, problems = evaluate(
            src_path, abs_path, page.meta, parsed.lines, self.history, self.policy, self.today
        )
        for problem in parsed.problems + problems:
            log.warning(f"{source}: {problem}")
        section = section_of(page.file.src_uri)
        self.records[page.file.src_uri] = PageRecord(
            page.file.src_uri, source, "", section, freshness, url="/" + page.url
        )
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        record = self.records.get(page.file.src_uri)
        if record is None:
            return None
        # MkDocs gives the title as HTML text (entities escaped); keep the plain text.
        record.title = unescape(str(page.title or ""))
        tags = page.meta.get("tags") or []
        block = freshness_block(
            record.freshness, page.edit_url, self.section_title(record.section),
            tags if isinstance(tags, list) else [], self.report_link(config, page),
            self.extra_links.get(page.file.src_uri, ()),
        )
        match = _H1_END.search(html)
        if match:
            return html[: match.end()] + block + html[match.end():]
        return block + html

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any] | None:
        """Fill the recent-changes and review lists, now that every page has its title."""
        if not self.config.enabled or self.history is None or page.content is None:
            return None
        here = "/" + page.url
        if RECENT_MARKER in page.content:
            feed = (self.feed_href(page) if config.site_url else None)
            changes = latest_changes(list(self.records.values()), self.history.files,
                                     self.config.recent_count)
            page.content = page.content.replace(RECENT_MARKER, recent_html(changes, here, feed))
        if REVIEW_MARKER in page.content:
            due = needs_attention(list(self.records.values()))
            sections = {r.section: self.section_title(r.section) for r in due}
            page.content = page.content.replace(
                REVIEW_MARKER, review_list_html(due, sections, self.today, here))
        return None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        if config.site_url:
            link = (f'<link rel="alternate" type="application/atom+xml" '
                    f'title="ICT-Wiki: recent gewijzigd" href="{self.feed_href(page)}">')
            output = output.replace("</head>", link + "</head>", 1)
        record = self.records.get(page.file.src_uri)
        if record is None:
            return output
        attributes = article_attributes(record.freshness, self.policy.due_soon_days)
        return _ARTICLE.sub("<article" + attributes, output, count=1)

    def feed_href(self, page: Page) -> str:
        depth = page.url.strip("/").count("/") + (1 if page.url.strip("/") else 0)
        return "../" * depth + self.config.feed_path

    def report_link(self, config: MkDocsConfig, page: Page) -> str | None:
        if not self.config.report_url:
            return None
        address = urljoin(config.site_url, page.url) if config.site_url else "/" + page.url
        query = urlencode({"pagina": address, "title": f"Verouderd: {page.title}"})
        joiner = "&" if "?" in self.config.report_url else "?"
        return f"{self.config.report_url}{joiner}{query}"

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        records = sorted(self.records.values(), key=lambda r: r.url)
        target = Path(config.site_dir) / self.config.json_path
        target.parent.mkdir(parents=True, exist_ok=True)
        payload: list[dict[str, Any]] = [r.as_json(config.site_url) for r in records]
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", "utf-8")
        log.info(f"Wrote freshness of {len(records)} pages to {self.config.json_path}")
        self.write_feed(config, records)

    def write_feed(self, config: MkDocsConfig, records: list[PageRecord]) -> None:
        if self.history is None:
            return
        if not config.site_url:
            log.info("No site_url in mkdocs.yml: the Atom feed needs full addresses and is "
                     "left out. Set site_url to publish it.")
            return
        changes = latest_changes(records, self.history.files, self.config.recent_count)
        site = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        feed = atom_feed(changes, site, urljoin(site, self.config.feed_path),
                         f"{config.site_name}: recent gewijzigd", datetime.now(timezone.utc),
                         {r.section: self.section_title(r.section) for r in records})
        (Path(config.site_dir) / self.config.feed_path).write_bytes(feed)

    def section_title(self, section: str) -> str:
        if not section:
            return self.config.default_section_title
        settings = self.config.sections.get(section)
        return (settings.title if settings and settings.title else None) or section


def _folder_of(item: Any) -> str | None:
    """The top-level docs folder a navigation section was made from, if any."""
    for page in getattr(item, "children", None) or []:
        src = getattr(getattr(page, "file", None), "src_uri", None)
        if src:
            return section_of(src) or None
        nested = _folder_of(page)
        if nested:
            return nested
    return None


def _normalise_tags(page: Page, lines: dict[str, int]) -> None:
    """`tags: netwerk` would stop Material's tags plugin: make it a list and say so."""
    tags = page.meta.get("tags")
    if tags is None or isinstance(tags, list):
        return
    line = f" (line {lines['tags']})" if "tags" in lines else ""
    if isinstance(tags, str):
        page.meta["tags"] = [tags]
        log.warning(f"docs/{page.file.src_uri}: tags must be a list{line}. "
                    f"Write tags: [{tags}].")
    else:
        page.meta["tags"] = []
        log.warning(f"docs/{page.file.src_uri}: tags must be a list of words{line}. "
                    "Write e.g. tags: [netwerk, wifi].")


def report_history(scanned: history.History) -> None:
    """Say once what the history scan could not know."""
    if scanned.failed:
        return  # already said why
    for gap in history.describe_gaps(scanned):
        log.warning(gap)
