"""Benchmark: the freshness history scan on a generated wiki repository.

Generates a repository of N pages and M commits (folders, renames, merges from branches,
non-ASCII names) with `git fast-import`, then times:
  - one plain `git log` pass with the same options (the floor),
  - ictwiki's history scan,
  - optionally (--build) a full `mkdocs build` with and without the freshness plugin,
and checks the scan's dates against per-file `git log` for a sample of pages.

    python benchmarks/freshness_scan.py --pages 1000 --commits 5000 [--build] [--json out.json]

A benchmark, not a test: it prints figures and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from ictwiki import history

FOLDERS = ["starters-rucksack", "netwerk", "toestellen", "leerplatformen", "privacy", "beheer"]
NAMES = ["coördinator", "café", "wifi", "tips snel & vlug", "back-up", "beleid"]
START = 1_600_000_000  # September 2020


def generate(root: Path, pages: int, commits: int, seed: int = 7) -> None:
    """Write a repository with the given size through one git fast-import stream."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    paths = [f"docs/{FOLDERS[i % len(FOLDERS)]}/{NAMES[i % len(NAMES)]}-{i}.md" for i in range(pages)]
    out: list[bytes] = []

    def blob(text: str) -> bytes:
        data = text.encode()
        return b"data %d\n%s\n" % (len(data), data)

    def commit(ref: str, mark: int, when: int, parents: list[int], changes: list[bytes]) -> None:
        out.append(b"commit %s\nmark :%d\n" % (ref.encode(), mark))
        out.append(b"committer Bench <bench@example.invalid> %d +0100\n" % when)
        out.append(blob(f"commit {mark}"))
        if parents:
            out.append(b"from :%d\n" % parents[0])
            for other in parents[1:]:
                out.append(b"merge :%d\n" % other)
        out.extend(changes)

    def modify(path: str, n: int) -> bytes:
        return b'M 100644 inline "%s"\n%s' % (path.encode(), blob(f"# {path}\n\nversie {n}\n" + "tekst\n" * 20))

    mark, when = 1, START
    commit("refs/heads/main", mark, when, [], [modify(p, 0) for p in paths])
    main_tip = mark
    step = max(1, (86400 * 365 * 4) // max(commits, 1))
    for n in range(1, commits):
        mark += 1
        when += step
        if n % 50 == 0:  # a change that waited in a branch, then a merge commit
            side = mark
            commit("refs/heads/side", side, when - step // 2, [main_tip], [modify(rng.choice(paths), n)])
            mark += 1
            commit("refs/heads/main", mark, when, [main_tip, side], [])
        elif n % 97 == 0:  # a move without content change
            i = rng.randrange(pages)
            new = paths[i].replace(".md", "-verplaatst.md")
            commit("refs/heads/main", mark, when, [main_tip],
                   [b'R "%s" "%s"\n' % (paths[i].encode(), new.encode())])
            paths[i] = new
        else:
            commit("refs/heads/main", mark, when, [main_tip],
                   [modify(rng.choice(paths), n) for _ in range(rng.randint(1, 3))])
        main_tip = mark
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(out), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def plain_git_log(root: Path) -> None:
    subprocess.run(
        ["git", "log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "-z",
         "-M", "--reverse", "--format=%x1e%H %ct", "HEAD", "--", "docs"],
        cwd=root, capture_output=True, check=True,
    )


def check_sample(root: Path, scanned: history.History, sample: int = 25) -> int:
    """Compare last-updated dates with per-file `git log --first-parent` for a sample."""
    mismatches = 0
    names = sorted(scanned.files)[:: max(1, len(scanned.files) // sample)]
    for name in names:
        out = subprocess.run(
            ["git", "log", "--first-parent", "--diff-merges=first-parent", "-1", "--format=%ct",
             "--", name], cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip()
        # A pure move is not a content change, so the per-file log may be newer than ours:
        # only count it as a mismatch when ours is later than git's.
        truth = datetime.fromtimestamp(int(out), tz=timezone.utc)
        ours = scanned.files[name].last_updated
        if ours is None or ours > truth:
            mismatches += 1
    return mismatches


def build_time(root: Path, freshness: bool) -> float:
    config = (
        "site_name: Bench\ntheme:\n  name: material\n  font: false\nplugins:\n"
        f"  - ictwiki-freshness:\n      enabled: {str(freshness).lower()}\n"
    )
    (root / "bench.yml").write_text(config)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return timed(lambda: subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "bench.yml", "-d", "bench-site"],
        cwd=root, env=env, check=True), repeat=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--build", action="store_true", help="also time full MkDocs builds")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "wiki"
        started = time.perf_counter()
        generate(root, args.pages, args.commits)
        figures: dict[str, float | int] = {
            "pages": args.pages, "commits": args.commits,
            "generate_s": round(time.perf_counter() - started, 2),
        }
        figures["git_log_s"] = round(timed(lambda: plain_git_log(root)), 3)
        scanned = history.scan(root / "docs")
        figures["scan_s"] = round(timed(lambda: history.scan(root / "docs")), 3)
        figures["scan_over_git_log"] = round(figures["scan_s"] / figures["git_log_s"], 2)
        figures["files_scanned"] = len(scanned.files)
        figures["sample_mismatches"] = check_sample(root, scanned)
        if args.build:
            figures["build_without_freshness_s"] = round(build_time(root, False), 2)
            figures["build_with_freshness_s"] = round(build_time(root, True), 2)
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
