"""MkDocs adapter for search: the header search dialog and the Pagefind index after a build."""

from __future__ import annotations

import logging
import re
from importlib import resources
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .search import IndexError_, index_site

log = logging.getLogger("mkdocs.plugins.ictwiki.search")
_ARTICLE = re.compile(r"<article\b")


class SearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn search off without removing its settings."""
    language = c.Type(str, default="nl")
    """The language Pagefind stems words for, whatever the pages declare."""
    exclude_selectors = c.ListOfItems(
        c.Type(str), default=[".headerlink", ".md-tags", ".md-content__button"]
    )
    """Parts of a page left out of the index: permalink signs, tag chips, edit buttons."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Replaces Material's lunr search with Pagefind."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if "search" in config.plugins or "material/search" in config.plugins:
            raise PluginError(
                "ictwiki-search replaces the built-in search: remove 'search' from the "
                "plugins list in mkdocs.yml."
            )
        config.extra_javascript.append("assets/ictwiki/search.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        script = (resources.files("ictwiki.render") / "assets" / "search.js").read_text("utf-8")
        files.append(File.generated(config, "assets/ictwiki/search.js", content=script))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Index the article only: not the navigation, header or footer."""
        if not self.config.enabled:
            return None
        return _ARTICLE.sub("<article data-pagefind-body", output, count=1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        try:
            result = index_site(
                Path(config.site_dir), self.config.language, self.config.exclude_selectors
            )
        except IndexError_ as exc:
            raise PluginError(str(exc)) from exc
        log.info(f"Pagefind indexed {result.pages} pages in {result.seconds:.2f} s")
