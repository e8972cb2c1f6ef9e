"""Fixture repositories with a real git history, built in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


class GitRepo:
    """A throwaway repository whose commits carry the dates a test gives them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test")
        self.git("config", "user.email", "test@example.invalid")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, when: str | None = None) -> str:
        env = dict(os.environ)
        if when:
            # Dates in Europe/Brussels, as the cases are written.
            stamp = f"{when}T12:00:00+01:00" if "T" not in when else when
            env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def commit(self, when: str, message: str = "change") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, when=when)

    def edit(self, path: str, text: str, when: str) -> None:
        self.write(path, text)
        self.commit(when, f"edit {path}")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "wiki")


SITE_CONFIG = """\
site_name: Testwiki
docs_dir: docs
edit_uri: https://example.invalid/wiki/edit/main/docs/
theme:
  name: material
  language: nl
  font: false
plugins:
  - ictwiki-freshness:
      review_interval: 365
      sections:
        starters-rucksack:
          title: Startersrugzak
          review_interval: 180
  - tags
  - ictwiki-search
markdown_extensions:
  - admonition
  - toc:
      permalink: true
"""


def mkdocs_build(root: Path, *extra: str, today: str = "2024-06-01") -> subprocess.CompletedProcess:
    """Run a real `mkdocs build` of the project in `root`, with today fixed."""
    env = dict(os.environ, ICTWIKI_TODAY=today)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *extra], cwd=root, env=env, capture_output=True,
        text=True, check=False,
    )
