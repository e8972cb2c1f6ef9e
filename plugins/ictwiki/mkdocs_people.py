"""MkDocs adapter for people and schools: Wie weet wat, contributor pages with badges, the
badge rules, schools with similar systems, and the question link on every page.

All decisions live in ictwiki.people and ictwiki.schools; this file moves data between
them and MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import history
from .mkdocs_freshness import FreshnessPlugin, today_in
from .mkdocs_reviews import ReviewsPlugin, _edit_url, hide_from_nav, report
from .people.badges import PageDomains, badges, domain_from_meta, read_page_domains
from .people.contributions import contributions
from .people.loading import load_people
from .people.model import DOMAINS, Badge, Person
from .people.questions import question_url
from .policy import ReviewPolicy, section_of
from .render.people import (
    BADGES_SRC, SCHOOLS_INDEX, SCHOOLS_SECTION, WHO_KNOWS_WHAT, badges_page, person_page,
    school_page, schools_overview, spellings, who_knows_what,
)
from .render.tools import GeneratedPage, tool_src
from .schools.loading import load_schools
from .schools.model import School

log = logging.getLogger("mkdocs.plugins.ictwiki.people")

PEOPLE_MARKER = "<!-- ictwiki:wie-weet-wat -->"
SCHOOLS_MARKER = "<!-- ictwiki:scholen -->"


class PeopleConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the people and school pages off without removing the settings."""
    people_dir = c.Type(str, default="people")
    """The folder of people files, relative to the folder of mkdocs.yml."""
    question_url = c.Optional(c.Type(str))
    """The "Vraag" issue form; every page links to it, filled in for that page."""
    sections = c.DictOfItems(c.Type(str), default={})
    """The domain of each top-level folder; a page's own `domein` front matter goes first."""


class PeoplePlugin(BasePlugin[PeopleConfig]):
    """Turns people/*.yml and docs/scholen/*.yml into pages; adds the question links."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.earned: dict[str, list[Badge]] = {}
        self.schools: list[School] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.tool_pages: dict[str, str] = {}  # tool name or slug, casefolded -> page

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        for section, domain in self.config.sections.items():
            if domain not in DOMAINS:
                raise PluginError(f"ictwiki-people: sections.{section} is '{domain}', which is "
                                  f"not a domain. Use one of: {', '.join(DOMAINS)}.")
        return None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        docs_dir = Path(config.docs_dir)
        freshness = config.plugins.get("ictwiki-freshness")
        policy = freshness.policy if isinstance(freshness, FreshnessPlugin) else ReviewPolicy()
        today = today_in(policy.timezone)
        reviews = config.plugins.get("ictwiki-reviews")
        tools = reviews.tools if isinstance(reviews, ReviewsPlugin) else []
        self.tool_pages = {}
        for tool in tools:
            self.tool_pages.setdefault(tool.name.strip().casefold(), tool_src(tool))
            self.tool_pages.setdefault(tool.slug.casefold(), tool_src(tool))

        self.people, problems = load_people(self.repo_root(config))
        report(problems)
        self.earned = {p.handle: [] for p in self.people}
        if self.people:
            domains, problems = read_page_domains(docs_dir, self.config.sections)
            report(problems)
            self.earned = self._badges(docs_dir, tools, domains, policy)

        self.schools, problems = load_schools(docs_dir, SCHOOLS_SECTION, today)
        report(problems)

        pages = [person_page(p, self.earned.get(p.handle, [])) for p in self.people]
        pages.append(badges_page())
        spelling = spellings(self.schools)
        pages += [school_page(s, self.schools, self.system_page,
                              f"{SCHOOLS_SECTION}/{Path(s.path).name}", spelling)
                  for s in self.schools]
        for data_file in [f for f in files if _is_school_file(f.src_uri)]:
            files.remove(data_file)
        taken = [p for p in pages if files.get_file_from_path(p.src_uri) is not None]
        for page in taken:
            log.warning(f"docs/{page.src_uri} is a page of its own, and the wiki would also "
                        f"generate it from {page.edit_path or 'the people files'}. Rename one "
                        "of the two; the generated page is left out.")
        pages = [p for p in pages if p not in taken]
        self.pages = {p.src_uri: p for p in pages}
        for page in pages:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        log.info(f"Generated {len(pages)} pages from {len(self.people)} people and "
                 f"{len(self.schools)} school files")
        return files

    def _badges(self, docs_dir: Path, tools: list[Any], domains: PageDomains,
                policy: ReviewPolicy) -> dict[str, list[Badge]]:
        try:
            commits = contributions(docs_dir, [p.handle for p in self.people])
        except history.GitError as exc:
            log.warning(f"Could not read the git history for the badges: {exc}. Badges that "
                        "come from contributions are left out of this build.")
            commits = []
        return badges(self.people, commits, tools, domains, policy)

    def repo_root(self, config: MkDocsConfig) -> Path:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        return (config_dir / self.config.people_dir).resolve().parent

    def system_page(self, name: str) -> str | None:
        """The tool page of a system a school names, when the wiki has one."""
        return self.tool_pages.get(name.strip().casefold())

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        src = page.file.src_uri
        self._add_question_link(page, config)
        generated = self.pages.get(src)
        if generated is not None:
            page.edit_url = _edit_url(config, generated.edit_path)
            return None
        if src == WHO_KNOWS_WHAT and PEOPLE_MARKER in markdown:
            return markdown.replace(PEOPLE_MARKER, who_knows_what(
                self.people, self.earned, src, lambda d: self.ask_url(config, page, d)))
        if src == SCHOOLS_INDEX and SCHOOLS_MARKER in markdown:
            return markdown.replace(SCHOOLS_MARKER,
                                    schools_overview(self.schools, src, self.system_page))
        return None

    def _add_question_link(self, page: Page, config: MkDocsConfig) -> None:
        freshness = config.plugins.get("ictwiki-freshness")
        if not isinstance(freshness, FreshnessPlugin) or not self.config.question_url:
            return
        domain, problems = domain_from_meta(page.meta, {}, f"docs/{page.file.src_uri}")
        report(problems)
        if domain is None:
            domain = self.config.sections.get(section_of(page.file.src_uri))
        url = self.ask_url(config, page, domain)
        if url:
            freshness.extra_links.setdefault(page.file.src_uri, []).append(
                ("Stel een vraag over deze pagina", url))

    def ask_url(self, config: MkDocsConfig, page: Page, domain: str | None) -> str | None:
        if not self.config.question_url:
            return None
        address = urljoin(config.site_url, page.url) if config.site_url else "/" + page.url
        return question_url(self.config.question_url, address, str(page.title or ""), domain)

    @event_priority(50)  # before the freshness block goes in after the page's <h1>
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        return generated.fill(html) if generated is not None else None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Contributor and school pages stay out of the menu, like tool pages: they are
        reached through Wie weet wat, the schools page and search."""
        if not self.config.enabled:
            return None
        hide_from_nav(nav, files, {src for src in self.pages if src != BADGES_SRC})
        return nav


def _is_school_file(src_uri: str) -> bool:
    return src_uri.startswith(f"{SCHOOLS_SECTION}/") and src_uri.count("/") == 1 and (
        src_uri.endswith(".yml") or src_uri.endswith(".yaml"))
