"""What a pull request changes in the wiki, for the moderators who review it.

Compares two revisions: the files changed under the docs folder (added, changed, moved,
deleted), their freshness before and after, tool files and their validation, new external
links, and what needs a moderator's eye. Git runs a fixed number of times plus once per
changed file, never once per page of the site. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import frontmatter, history
from .history import run_git
from .policy import Freshness, ReviewPolicy, assess, read_page_facts, section_of
from .reviews.loading import Problem, load_text, parse_text

_URL = re.compile(r"https?://[^\s)\]>\"'`]+")
_STATUS = {"A": "toegevoegd", "M": "gewijzigd", "R": "verplaatst", "D": "verwijderd",
           "T": "gewijzigd"}


@dataclass
class FileChange:
    """One changed file under the docs folder, with what it was and what it became."""

    status: str  # toegevoegd, gewijzigd, verplaatst, verwijderd
    path: str  # repository-relative; the new path for moves
    old_path: str | None = None
    before: Freshness | None = None
    after: Freshness | None = None
    title: str = ""
    problems: list[Problem] = field(default_factory=list)
    new_reviews: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Summary:
    pages: list[FileChange]
    tools: list[FileChange]
    links: list[tuple[str, str]]  # (file, url) of links that are new in the change
    attention: list[str]


def summarise(repo: Path, docs: str, base: str, head: str, policy: ReviewPolicy,
              today: date) -> Summary:
    """Everything the moderators' summary says about the change from `base` to `head`."""
    changes = _changed_files(repo, docs, base, head)
    before = history.scan(repo / docs, rev=base)
    after = history.scan(repo / docs, rev=head)
    pages, tools, attention = [], [], []
    for change in changes:
        old_text = _show(repo, base, change.old_path or change.path) if change.status != "toegevoegd" else None
        new_text = _show(repo, head, change.path) if change.status != "verwijderd" else None
        if change.path.endswith((".yml", ".yaml")):
            _describe_tool(change, old_text, new_text, today)
            tools.append(change)
            attention += [
                f"`{change.path}`: review van {r['reviewer']} op {r['date']}: de reviewer werkt "
                "voor de leverancier. Ze staat op de pagina met die vermelding, maar telt niet "
                "mee in de ranking." for r in change.new_reviews if r.get("works_for_vendor")
            ]
        elif change.path.endswith((".md", ".markdown")):
            _describe_page(change, old_text, new_text, before, after, docs, policy, today)
            pages.append(change)
            attention += _page_attention(repo, docs, head, change, old_text, new_text)
    return Summary(pages, tools, _new_links(repo, docs, base, head), attention)


def _changed_files(repo: Path, docs: str, base: str, head: str) -> list[FileChange]:
    raw = run_git(["-c", "core.quotePath=false", "diff", "--name-status", "-z", "-M",
                f"{base}...{head}", "--", docs], cwd=repo).decode("utf-8", "surrogateescape")
    tokens = raw.split("\0")
    changes, i = [], 0
    while i < len(tokens) and tokens[i]:
        kind = tokens[i][0]
        if kind in "RC":
            old, new = tokens[i + 1], tokens[i + 2]
            i += 3
            changes.append(FileChange("verplaatst", new, old_path=old))
        else:
            changes.append(FileChange(_STATUS.get(kind, "gewijzigd"), tokens[i + 1]))
            i += 2
    return changes


def _show(repo: Path, rev: str, path: str) -> str | None:
    try:
        return run_git(["show", f"{rev}:{path}"], cwd=repo).decode("utf-8", "replace")
    except history.GitError:
        return None


def _freshness(text: str | None, path: str, scanned: history.History, docs: str,
               policy: ReviewPolicy, today: date) -> tuple[Freshness | None, str]:
    if text is None:
        return None, ""
    parsed = frontmatter.parse(text)
    facts, _ = read_page_facts(parsed.meta, parsed.lines, today)
    src = path[len(docs) + 1:] if path.startswith(docs + "/") else path
    title = str(parsed.meta.get("title") or _heading(parsed.body) or Path(path).stem)
    return assess(scanned.get(path), facts, section_of(src), policy, today), title


def _heading(body: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*$", body, re.M)
    return match.group(1) if match else None


def _describe_page(change: FileChange, old_text: str | None, new_text: str | None,
                   before: history.History, after: history.History, docs: str,
                   policy: ReviewPolicy, today: date) -> None:
    change.before, old_title = _freshness(old_text, change.old_path or change.path, before,
                                          docs, policy, today)
    change.after, new_title = _freshness(new_text, change.path, after, docs, policy, today)
    change.title = new_title or old_title


def _describe_tool(change: FileChange, old_text: str | None, new_text: str | None,
                   today: date) -> None:
    if new_text is None:
        return
    tool, change.problems = load_text(new_text, change.path, Path(change.path).name, today)
    change.title = tool.name if tool else Path(change.path).stem
    old_reviews = {(r.get("reviewer"), str(r.get("date"))) for r in _reviews_of(old_text)}
    change.new_reviews = [r for r in _reviews_of(new_text)
                          if (r.get("reviewer"), str(r.get("date"))) not in old_reviews]


def _reviews_of(text: str | None) -> list[dict[str, Any]]:
    if text is None:
        return []
    data, _, _ = parse_text(text, "")
    reviews = (data or {}).get("reviews")
    return [r for r in reviews if isinstance(r, dict)] if isinstance(reviews, list) else []


def _page_attention(repo: Path, docs: str, head: str, change: FileChange,
                    old_text: str | None, new_text: str | None) -> list[str]:
    notes = []
    if change.status == "gewijzigd" and old_text is not None and new_text is not None:
        old, new = frontmatter.parse(old_text), frontmatter.parse(new_text)
        same_rest = {k: v for k, v in old.meta.items() if k != "last_reviewed"} == {
            k: v for k, v in new.meta.items() if k != "last_reviewed"}
        if (old.body == new.body and same_rest
                and old.meta.get("last_reviewed") != new.meta.get("last_reviewed")):
            notes.append(
                f"`{change.path}`: alleen de datum van nazicht (`last_reviewed`) veranderde, "
                "de inhoud niet. Kijk na of iemand de pagina echt nagekeken heeft."
            )
    if change.status in ("verwijderd", "verplaatst"):
        gone = change.old_path or change.path
        for page, line in _links_to(repo, docs, head, gone):
            notes.append(f"`{page}` (regel {line}) linkt nog naar `{gone}`, dat "
                         f"{'verwijderd' if change.status == 'verwijderd' else 'verplaatst'} is.")
    return notes


def _links_to(repo: Path, docs: str, head: str, target: str) -> list[tuple[str, int]]:
    """Pages at `head` whose Markdown links resolve to `target` (one git grep)."""
    name = Path(target).name
    try:
        out = run_git(["grep", "-n", "-F", name, head, "--", f"{docs}/*.md"], cwd=repo)
    except history.GitError:
        return []  # git grep exits 1 when nothing matches
    found = []
    for line in out.decode("utf-8", "replace").splitlines():
        _, path, number, text = line.split(":", 3)
        for link in re.findall(r"\]\(([^)\s#]+)", text):
            resolved = (Path(path).parent / link).as_posix()
            if _normalise(resolved) == target:
                found.append((path, int(number)))
    return found


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _new_links(repo: Path, docs: str, base: str, head: str) -> list[tuple[str, str]]:
    """External links on added lines that were not on removed lines of the same file."""
    raw = run_git(["-c", "core.quotePath=false", "diff", "-U0", "--no-color", f"{base}...{head}",
                "--", docs], cwd=repo).decode("utf-8", "replace")
    added: dict[str, list[str]] = {}
    removed: dict[str, set[str]] = {}
    current = ""
    for line in raw.splitlines():
        if line.startswith("+++ "):
            current = line[6:] if line.startswith("+++ b/") else ""
            if not current.endswith((".md", ".markdown", ".yml", ".yaml")):
                current = ""
        elif line.startswith("+") and not line.startswith("+++") and current:
            added.setdefault(current, []).extend(_URL.findall(line))
        elif line.startswith("-") and not line.startswith("---") and current:
            removed.setdefault(current, set()).update(_URL.findall(line))
    links = []
    for path, urls in added.items():
        for url in dict.fromkeys(urls):
            if url not in removed.get(path, set()):
                links.append((path, url.rstrip(".,;:")))
    return links
