"""One pass over the git history: when each file was created and last changed on main.

The scan reads the first-parent history of a revision once (`git log --raw`),
oldest commit first, and follows each file through renames. A change merged from a branch
counts from the merge commit, the moment it reached main. A commit that only moves a file
(same content before and after) does not count as a content change, nor does a change of
the file mode. Copy detection stays off, and a "rename" of an empty file is taken as a new
file, so an empty new page never inherits the history of another empty page.

In a shallow clone the oldest commit git has (the boundary) shows every file as added.
Those additions are not real: such files get no dates, only the boundary date as the
latest moment their content can have changed.

This module knows nothing of MkDocs.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.ictwiki.history")

# A record starts at \x1e followed by a commit id and a time, so a \x1e inside a commit
# subject (which some callers put in the header) cannot split a record.
_RECORD = re.compile(r"\x1e(?=[0-9a-f]{40}(?:[0-9a-f]{24})? \d+)")
_FORMAT = "--format=%x1e%H %ct"
# The empty blob in SHA-1 and SHA-256 repositories.
EMPTY_BLOBS = {
    "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
    "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813",
}


class GitError(Exception):
    """Git could not be run, or did not answer as expected."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail  # what git printed on stderr


@dataclass(frozen=True)
class FileHistory:
    """What the history knows of one path."""

    created: datetime | None
    last_updated: datetime | None
    last_commit: str | None = None
    # Set when the history is cut (shallow clone) before the file's last change is known:
    # the content was last changed at this moment or earlier.
    updated_not_after: datetime | None = None

    @property
    def complete(self) -> bool:
        return self.created is not None and self.last_updated is not None


@dataclass
class History:
    """Per-path facts from one scan, keyed by paths relative to the repository root."""

    root: Path | None
    head: str | None
    shallow: bool = False
    files: dict[str, FileHistory] = field(default_factory=dict)
    failed: bool = False  # git could not read the repository; the reason was reported

    def get(self, repo_path: str) -> FileHistory | None:
        return self.files.get(repo_path)

    def relative_to_root(self, path: Path) -> str | None:
        """The repository-relative POSIX path of `path`, or None outside the repository."""
        if self.root is None:
            return None
        try:
            # Resolve the folder, not the file: a page that is a symlink has its own history.
            return (path.parent.resolve() / path.name).relative_to(self.root).as_posix()
        except ValueError:
            return None


@dataclass
class _Entry:
    created: datetime | None
    last_updated: datetime | None
    last_commit: str | None
    updated_not_after: datetime | None = None


def run_git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=600
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH", detail="no git") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {args[0]} failed: {message}", detail=message)
    return done.stdout


def locate_repository(path: Path) -> tuple[Path, str, bool, Path] | None:
    """(toplevel, HEAD sha, is shallow, git dir) for the repository holding `path`.

    None when `path` is in no repository or the repository has no commits yet; GitError when
    git itself fails (not installed, or it refuses the repository, e.g. dubious ownership).
    """
    try:
        out = run_git(
            ["rev-parse", "--show-toplevel", "--is-shallow-repository", "--absolute-git-dir",
             "--verify", "-q", "HEAD"],
            cwd=path,
        )
    except GitError as exc:
        # No repository, or one without commits (HEAD does not verify, git says nothing).
        if "not a git repository" in exc.detail or not exc.detail:
            return None
        raise
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) != 4:
        return None
    top, shallow, git_dir, head = lines
    return Path(top).resolve(), head, shallow == "true", Path(git_dir)


def shallow_boundary(git_dir: Path) -> set[str]:
    try:
        return set((git_dir / "shallow").read_text().split())
    except FileNotFoundError:
        return set()


def scan(folder: Path, rev: str = "HEAD", previous: History | None = None) -> History:
    """Read the first-parent history of `rev` under `folder` once; return per-file dates.

    With `previous` (a scan of an older commit of the same first-parent line), only the
    commits since then are read. Outside a repository, or in one with no commits, the History
    is empty and has no root.
    """
    found = locate_repository(folder)
    if found is None:
        return History(root=None, head=None)
    root, head, shallow, git_dir = found
    if rev != "HEAD":
        head = run_git(["rev-parse", "--verify", "-q", f"{rev}^{{commit}}"], cwd=root).decode().strip()
    try:
        pathspec = folder.resolve().relative_to(root).as_posix()
    except ValueError:  # the folder is a link to somewhere outside the repository
        pathspec = "."
    if previous is not None and previous.root == root and previous.head == head:
        return previous
    boundary = shallow_boundary(git_dir) if shallow else set()
    start: dict[str, _Entry] = {}
    revision = head
    if previous is not None and previous.root == root and previous.head and _on_first_parent_line(
            root, previous.head, head):
        start = {name: _Entry(f.created, f.last_updated, f.last_commit, f.updated_not_after)
                 for name, f in previous.files.items()}
        revision = f"{previous.head}..{head}"
    args = [
        "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent",
        "--raw", "--no-abbrev", "-z", "-M", "--reverse", _FORMAT, revision, "--",
    ]
    if pathspec != ".":
        args.append(pathspec)
    raw = run_git(args, cwd=root)
    files = _replay(raw.decode("utf-8", "surrogateescape"), boundary, start)
    return History(root=root, head=head, shallow=shallow, files=files)


def _on_first_parent_line(root: Path, old: str, new: str) -> bool:
    """Whether `old` lies on the first-parent line of `new` (so old..new extends it)."""
    try:
        run_git(["merge-base", "--is-ancestor", old, new], cwd=root)
    except GitError:
        return False
    out = run_git(["rev-list", "--first-parent", f"{old}..{new}"], cwd=root).decode().split()
    if not out:
        return True
    parents = run_git(["rev-parse", f"{out[-1]}^1"], cwd=root).decode().strip()
    return parents == old


@dataclass(frozen=True)
class RawChange:
    """One line of `git log --raw`: what happened to one path in one commit."""

    kind: str  # A, M, D, T, R or C
    old: str
    new: str  # the same as old unless renamed or copied
    old_blob: str
    new_blob: str


def parse_log(log_text: str) -> Iterator[tuple[str, list[RawChange]]]:
    """(header, changes) for each commit of a `git log -z --raw --format=%x1e<header>` output."""
    for record in _RECORD.split(log_text):
        if not record:
            continue
        header, _, body = record.partition("\0")
        tokens = body.lstrip("\n").split("\0")
        changes, i = [], 0
        while i < len(tokens) and tokens[i].startswith(":"):
            # ":<old mode> <new mode> <old blob> <new blob> <status>", then one or two paths
            _, _, old_blob, new_blob, status = tokens[i][1:].split(" ")
            if status[0] in "RC":
                old, new = tokens[i + 1], tokens[i + 2]
                i += 3
            else:
                old = new = tokens[i + 1]
                i += 2
            changes.append(RawChange(status[0], old, new, old_blob, new_blob))
        yield header, changes


def _replay(log_text: str, boundary: set[str], start: dict[str, _Entry] | None = None
            ) -> dict[str, FileHistory]:
    """Apply the commits of a `git log --reverse -z --raw` output in order, on top of
    `start` (the state after an earlier scan)."""
    entries: dict[str, _Entry] = dict(start or {})
    for header, changes in parse_log(log_text):
        sha, stamp = header.split()
        when = datetime.fromtimestamp(int(stamp), tz=timezone.utc)
        cut = sha in boundary
        for change in changes:
            if change.kind in "RC":
                if change.old_blob in EMPTY_BLOBS:
                    # Empty files have no identity: git pairs any two. Treat as a new file.
                    _apply_change(entries, "D", change.old, when, sha, cut)
                    _apply_change(entries, "A", change.new, when, sha, cut)
                else:
                    _apply_move(entries, change.kind, change.old_blob != change.new_blob,
                                change.old, change.new, when, sha, cut)
            elif change.kind == "M" and change.old_blob == change.new_blob:
                continue  # only the file mode changed (chmod), not the content
            else:
                _apply_change(entries, change.kind, change.new, when, sha, cut)
    return {
        name: FileHistory(e.created, e.last_updated, e.last_commit, e.updated_not_after)
        for name, e in entries.items()
    }


def _apply_change(
    entries: dict[str, _Entry], kind: str, name: str, when: datetime, sha: str, cut: bool
) -> None:
    if kind == "D":
        entries.pop(name, None)
    elif cut:
        # The shallow boundary shows every file as added; nothing is known but "by then".
        entries[name] = _Entry(None, None, None, updated_not_after=when)
    elif kind == "A" or name not in entries:
        entries[name] = _Entry(when, when, sha)
    else:
        entry = entries[name]
        entry.last_updated, entry.last_commit, entry.updated_not_after = when, sha, None


def _apply_move(
    entries: dict[str, _Entry],
    kind: str,
    edited: bool,
    old: str,
    new: str,
    when: datetime,
    sha: str,
    cut: bool,
) -> None:
    source = entries.pop(old, None) if kind == "R" else None
    if source is None or cut:
        _apply_change(entries, "A", new, when, sha, cut)
        return
    if edited:
        source.last_updated, source.last_commit, source.updated_not_after = when, sha, None
    entries[new] = source


def describe_gaps(scanned: History) -> list[str]:
    """What a scan could not know, said once per build to the person running it."""
    if scanned.root is None:
        return [
            "The docs folder is not in a git repository with commits: every page's dates "
            "show as unknown. Build from a git clone."
        ]
    if scanned.shallow:
        return [
            "The git history of this clone is cut (shallow clone): pages last changed "
            "before the cut show their dates as unknown. Fetch the full history, e.g. "
            "'git fetch --unshallow', or 'fetch-depth: 0' with actions/checkout in CI."
        ]
    return []
