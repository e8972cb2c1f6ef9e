"""Pagefind indexing of a built site. Knows nothing of MkDocs."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.ictwiki.search")


class IndexError_(Exception):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class IndexResult:
    pages: int
    seconds: float
    output: str


def index_site(
    site_dir: Path, language: str = "nl", exclude_selectors: Sequence[str] = ()
) -> IndexResult:
    """Index `site_dir` with Pagefind; only elements marked data-pagefind-body are read."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir),
        "--force-language", language,
    ]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
    except FileNotFoundError as exc:  # pragma: no cover - the interpreter itself is missing
        raise IndexError_(f"could not start Pagefind: {exc}") from exc
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise IndexError_(
            "Pagefind failed: " + " / ".join(detail)
            + ". Is the pagefind[bin] package installed (pip install 'pagefind[bin]')?"
        )
    return IndexResult(_indexed_pages(done.stdout), seconds, done.stdout)


def _indexed_pages(output: str) -> int:
    for line in output.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "Indexed" and words[2] in ("page", "pages"):
            return int(words[1])
    return 0
