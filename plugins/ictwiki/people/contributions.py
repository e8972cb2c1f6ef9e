"""Who changed what in the docs folder: one pass over the first-parent history.

The history is read as history.py reads it (oldest commit first, renames followed, a 100 %
move is no content change, a mode change is no change at all, an empty file never inherits
another's history), and each commit keeps the GitHub handle of its author and, for every
file it changed, what the history knew of that file just before. For pages changed by a
known author, the review facts of the page's front matter just before the commit are read
too, from the old file versions git names in the same pass (one `git cat-file --batch`).

Authors are matched to handles by their name (equal to the handle, in any letter case) or by
GitHub's noreply e-mail address; `.mailmap` applies. A merge of a GitHub pull request counts
for the owner of the branch it came from (the fork's owner), never for the person who
pressed the merge button. Author names and e-mail addresses are used only for this match:
they are never kept in the result. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path

from .. import frontmatter
from ..history import (
    EMPTY_BLOBS, FileHistory, GitError, locate_repository, parse_log, shallow_boundary,
)
from ..history import run_git
from ..policy import PageFacts, read_page_facts
from .model import HANDLE_PATTERN

_FORMAT = "--format=%x1e%H %ct %P%x1f%aN%x1f%aE%x1f%s"
_HANDLE = HANDLE_PATTERN.strip("^$")
_NOREPLY = re.compile(rf"(?:\d+\+)?({_HANDLE})@users\.noreply\.github\.com", re.I)
# GitHub's subject for a merged pull request: "Merge pull request #12 from juf-an/wifi".
_PULL_MERGE = re.compile(rf"Merge pull request #\d+ from ({_HANDLE})/")
PAGE_SUFFIXES = (".md", ".yml", ".yaml")  # Markdown pages and tool files


class ChangeKind(str, Enum):
    ADDED = "added"
    MODIFIED = "modified"
    MOVED = "moved"
    DELETED = "deleted"


@dataclass(frozen=True)
class Change:
    """One file a commit changed, with paths relative to the docs folder."""

    path: str  # after the commit; for a deletion, the path it had
    kind: ChangeKind
    previous_path: str | None  # before the commit; None when the file is new
    content_changed: bool  # False for a move without edits
    page: str | None  # where the file lives at the end of the history; None if deleted since
    before: FileHistory | None  # what the history knew of the file just before the commit
    facts: PageFacts | None = None  # its front matter then; read for known authors' pages

    @property
    def is_page(self) -> bool:
        return self.path.endswith(PAGE_SUFFIXES)


@dataclass(frozen=True)
class Commit:
    """A commit on the first-parent line that changed the docs folder."""

    sha: str
    when: datetime  # when it reached the first-parent line (committer date), UTC
    handle: str | None  # the author's GitHub handle, when the commit tells it
    changes: tuple[Change, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes)


@dataclass
class _File:
    """A file followed through the history; `path` is None once it is deleted."""

    path: str | None
    created: datetime | None
    last_updated: datetime | None
    updated_not_after: datetime | None = None

    def snapshot(self) -> FileHistory:
        return FileHistory(self.created, self.last_updated, None, self.updated_not_after)


@dataclass
class _Pending:
    path: str
    kind: ChangeKind
    previous_path: str | None
    content_changed: bool
    file: _File
    before: FileHistory | None
    old_blob: str | None  # the page's text before the commit, when its facts are wanted


def contributions(docs_dir: Path, handles: Iterable[str] | None = None) -> list[Commit]:
    """Every first-parent commit of HEAD that changed docs_dir, oldest first.

    With `handles` (the people who opted in), a commit's handle is one of them, spelled as
    given, or None; without, it is whatever handle the author's name or address shows.
    Outside a repository, or in one without commits, the list is empty; GitError when git
    fails. In a shallow clone the boundary commit is left out: git shows it as adding every
    file, which says nothing about who changed what.
    """
    found = locate_repository(docs_dir)
    if found is None:
        return []
    root, head, shallow, git_dir = found
    try:
        prefix = docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:  # the folder is a link to somewhere outside the repository
        prefix = "."
    known = {h.casefold(): h for h in handles} if handles is not None else None
    args = [
        "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent",
        "--raw", "--no-abbrev", "-z", "-M", "--reverse", _FORMAT, head, "--",
    ]
    if prefix != ".":
        args.append(prefix)
    raw = run_git(args, cwd=root).decode("utf-8", "surrogateescape")
    boundary = shallow_boundary(git_dir) if shallow else set()
    replayed = _replay(raw, prefix, boundary, known)
    texts = _read_blobs(root, {p.old_blob for _, _, _, c in replayed for p in c if p.old_blob})
    return [
        Commit(sha, when, handle, tuple(_change(p, texts) for p in pending))
        for sha, when, handle, pending in replayed
    ]


def _replay(log_text: str, prefix: str, boundary: set[str], known: dict[str, str] | None
            ) -> list[tuple[str, datetime, str | None, list[_Pending]]]:
    files: dict[str, _File] = {}
    commits = []
    for header, raw_changes in parse_log(log_text):
        ids, name, email, subject = header.split("\x1f", 3)
        sha, stamp, *parents = ids.split()
        when = datetime.fromtimestamp(int(stamp), tz=timezone.utc)
        handle = _handle(name, email, subject, len(parents) > 1, known)
        pending: list[_Pending] = []
        for raw in raw_changes:
            old, new = _relative(raw.old, prefix), _relative(raw.new, prefix)
            if sha in boundary:
                _forget(files, raw.kind, old, new, when)
                continue
            pending += _apply(files, raw.kind, old, new, raw.old_blob, raw.new_blob, when,
                              read_facts=handle is not None)
        if sha not in boundary:
            commits.append((sha, when, handle, pending))
    return commits


def _relative(repo_path: str, prefix: str) -> str:
    return repo_path if prefix == "." else repo_path[len(prefix) + 1:]


def _handle(name: str, email: str, subject: str, merge: bool, known: dict[str, str] | None
            ) -> str | None:
    """The GitHub handle a commit shows; the name and address go no further than here."""
    if merge:
        # The merge's author pressed the button; the work is the branch owner's.
        match = _PULL_MERGE.match(subject)
        candidates = [match.group(1)] if match else []
    else:
        noreply = _NOREPLY.fullmatch(email.strip())
        candidates = [noreply.group(1)] if noreply else []
        if re.fullmatch(HANDLE_PATTERN, name.strip()):
            candidates.append(name.strip())
    for candidate in candidates:
        if known is None:
            return candidate
        if candidate.casefold() in known:
            return known[candidate.casefold()]
    return None


def _forget(files: dict[str, _File], kind: str, old: str, new: str, when: datetime) -> None:
    """The shallow boundary shows every file as added; nothing is known but "by then"."""
    if kind == "D":
        files.pop(old, None)
        return
    if kind == "R":
        files.pop(old, None)
    files[new] = _File(new, None, None, updated_not_after=when)


def _apply(files: dict[str, _File], kind: str, old: str, new: str, old_blob: str,
           new_blob: str, when: datetime, read_facts: bool) -> list[_Pending]:
    """Replay one raw line on `files`; the changes it makes, as seen by a reader of the wiki."""
    if kind in "RC" and old_blob in EMPTY_BLOBS:
        # Empty files have no identity: git pairs any two. Treat as a deletion and a new file.
        return (_apply(files, "D", old, old, old_blob, old_blob, when, read_facts)
                + _apply(files, "A", new, new, new_blob, new_blob, when, read_facts))
    if kind == "M" and old_blob == new_blob:
        return []  # only the file mode changed, not the content
    source = files.get(old) if kind in "RMTD" else None
    wanted = old_blob if read_facts and old.endswith(".md") else None
    if kind == "D":
        if source is None:
            return []
        del files[old]
        source.path = None
        return [_Pending(old, ChangeKind.DELETED, old, True, source, source.snapshot(), wanted)]
    if source is None or kind == "A" or kind == "C":
        # New, copied (copy detection is off), or moved from outside the docs folder.
        added = _File(new, when, when)
        files[new] = added
        return [_Pending(new, ChangeKind.ADDED, None, True, added, None, None)]
    before = source.snapshot()
    edited = old_blob != new_blob
    if edited:
        source.last_updated, source.updated_not_after = when, None
    if kind == "R":
        del files[old]
        files[new] = source
        source.path = new
        return [_Pending(new, ChangeKind.MOVED, old, edited, source, before,
                         wanted if edited else None)]
    return [_Pending(new, ChangeKind.MODIFIED, old, True, source, before, wanted)]


def _read_blobs(root: Path, blobs: set[str]) -> dict[str, str]:
    """The text of each blob, in one `git cat-file --batch` call."""
    if not blobs:
        return {}
    order = sorted(blobs)
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=root, input="".join(f"{b}\n" for b in order)
            .encode(), capture_output=True, check=False, timeout=600,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH", detail="no git") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git cat-file failed: {message}", detail=message)
    out = done.stdout
    texts: dict[str, str] = {}
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        fields = out[at:end].split()
        at = end + 1
        if len(fields) != 3:  # "<sha> missing": nothing to read for this one
            continue
        size = int(fields[2])
        texts[fields[0].decode()] = out[at:at + size].decode("utf-8-sig", "replace")
        at += size + 1
    return texts


def _change(pending: _Pending, texts: dict[str, str]) -> Change:
    facts = None
    if pending.old_blob is not None:
        parsed = frontmatter.parse(texts.get(pending.old_blob, ""))
        # date.max: a last_reviewed after the commit is dropped by the caller, who knows the
        # site's timezone and so the commit's local day.
        facts, _ = read_page_facts(parsed.meta, parsed.lines, date.max)
    return Change(pending.path, pending.kind, pending.previous_path, pending.content_changed,
                  pending.file.path, pending.before, facts)
