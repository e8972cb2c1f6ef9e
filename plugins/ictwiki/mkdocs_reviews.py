"""MkDocs adapter for tool reviews: loads the tool files, adds the generated pages."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .mkdocs_freshness import FreshnessPlugin, today_in
from .render.tools import (
    SECTION, GeneratedPage, category_page, level_page, overview, ranking_page, tool_page,
)
from .reviews.loading import Problem, load_tools
from .reviews.model import CATEGORIES, LEVELS, Tool
from .reviews.scoring import years_with_reviews

log = logging.getLogger("mkdocs.plugins.ictwiki.reviews")

OVERVIEW_MARKER = "<!-- ictwiki:tools -->"


class ReviewsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the generated tool pages off without removing the settings."""
    new_review_url = c.Optional(c.Type(str))
    """Where a reader starts a review; defaults to the edit link of the tool's file."""


class ReviewsPlugin(BasePlugin[ReviewsConfig]):
    """Turns docs/tools-reviews/*.yml into tool pages, comparisons and rankings."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.tools: list[Tool] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.years: list[int] = []

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        docs_dir = Path(config.docs_dir)
        today, stale_after = self._review_clock(config)
        tools, problems = load_tools(docs_dir, SECTION, today)
        report(problems)
        self.tools = tools
        self.years = sorted({today.year, *years_with_reviews(tools)}, reverse=True)
        pages = [tool_page(t, today, stale_after, self._new_review_url(config, t)) for t in tools]
        pages += [category_page(cat, [t for t in tools if t.category == cat])
                  for cat in CATEGORIES if any(t.category == cat for t in tools)]
        pages += [level_page(level, tools) for level in LEVELS]
        pages += [ranking_page(year, tools, self._new_review_url(config, None))
                  for year in self.years]
        self.pages = {p.src_uri: p for p in pages}
        for data_file in [f for f in files if _is_tool_file(f.src_uri)]:
            files.remove(data_file)
        for page in pages:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        log.info(f"Generated {len(pages)} pages from {len(tools)} tool files")
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.edit_url = _edit_url(config, generated.edit_path)
            return None
        if page.file.src_uri == f"{SECTION}/index.md" and OVERVIEW_MARKER in markdown:
            return markdown.replace(
                OVERVIEW_MARKER, overview(self.tools, self.years, page.file.src_uri)
            )
        return None

    @event_priority(50)  # before the freshness block goes in after the page's <h1>
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        return generated.fill(html) if generated is not None else None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Keep tool pages out of the menu: they are reached through the tables and search,
        and a menu of a thousand tools in every page would make the site grow quadratically."""
        if not self.config.enabled:
            return None
        hide_from_nav(nav, files, {src for src, page in self.pages.items() if page.source})
        return nav

    def _review_clock(self, config: MkDocsConfig) -> tuple[date, int]:
        freshness = config.plugins.get("ictwiki-freshness")
        if isinstance(freshness, FreshnessPlugin):
            policy = freshness.policy
            return today_in(policy.timezone), policy.interval_for(SECTION)
        return today_in("Europe/Brussels"), 365

    def _new_review_url(self, config: MkDocsConfig, tool: Tool | None) -> str | None:
        if self.config.new_review_url:
            return self.config.new_review_url
        return _edit_url(config, f"{SECTION}/{tool.file_name}" if tool else None)


def hide_from_nav(nav: Navigation, files: Files, hidden: set[str]) -> None:
    """Take the pages with these src_uris out of the menu and out of the previous/next
    chain; they stay in the site, reached through links and search."""
    _prune(nav.items, hidden)
    nav.pages = [p for p in nav.pages if p.file.src_uri not in hidden]
    _relink(nav.pages)
    for file in files.documentation_pages():
        if file.page is not None and file.src_uri in hidden:
            file.page.previous_page = file.page.next_page = None


def _relink(pages: list[Page]) -> None:
    """Previous and next links along the menu, after pages left it."""
    for before, after in zip([None, *pages], [*pages, None]):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before


def _prune(items: list[Any], hidden: set[str]) -> None:
    for item in list(items):
        file = getattr(item, "file", None)
        if file is not None and file.src_uri in hidden:
            items.remove(item)
        elif getattr(item, "children", None):
            _prune(item.children, hidden)


def _is_tool_file(src_uri: str) -> bool:
    return src_uri.startswith(f"{SECTION}/") and src_uri.count("/") == 1 and (
        src_uri.endswith(".yml") or src_uri.endswith(".yaml"))


def _edit_url(config: MkDocsConfig, path: str | None) -> str | None:
    if not path or not config.edit_uri:
        return None
    base_url = config.edit_uri if config.edit_uri.endswith("/") else config.edit_uri + "/"
    if config.repo_url and not base_url.startswith(("http://", "https://")):
        base_url = config.repo_url.rstrip("/") + "/" + base_url.lstrip("/")
    return base_url + path


def report(problems: list[Problem]) -> None:
    """Each fault as a warning; as a GitHub annotation too when run in GitHub Actions."""
    for problem in problems:
        log.warning(f"{problem} The other tools are still built.")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.github_annotation(), flush=True)
