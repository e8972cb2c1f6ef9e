"""Benchmark: ICT-Wiki's build side by side with Material alone and the peer date plugins.

Generates a wiki repository of N pages and M commits (folders, renames, merges from
branches, non-ASCII names, tool YAML files) with one `git fast-import` stream, then measures:

  - builds: Material alone, Material + ictwiki-freshness, the full ICT-Wiki build (freshness,
    reviews, tags, Pagefind), and Material with each peer plugin
    (mkdocs-git-revision-date-localized-plugin with creation dates, mkdocs-document-dates):
    wall time, ratio to Material alone, peak memory;
  - the freshness scan alone against one plain `git log` pass (the floor);
  - dates: ours and the peers' against git ground truth (a per-file `git log` per page);
  - site size per page, Pagefind index time, bytes a browser fetches for one search;
  - a one-page rebuild under `mkdocs serve`, and the freshness part of it (history reuse,
    and the incremental scan after a commit).

    python benchmarks/wiki_bench.py --pages 1000 --commits 5000 [--no-peers] [--json out.json]

A benchmark, not a test: it prints a table and writes JSON; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ictwiki import history

FOLDERS = ["starters-rucksack", "netwerk", "toestellen", "leerplatformen", "privacy", "beheer"]
NAMES = ["coördinator", "café", "wifi", "tips snel & vlug", "back-up", "beleid"]
START = 1_600_000_000  # September 2020
FOLDER_SIZE = 50
BRUSSELS = ZoneInfo("Europe/Brussels")
BASE = """\
site_name: Bench
theme:
  name: material
  font: false
  language: nl
  features: [navigation.indexes, navigation.prune]
"""
CONFIGS = {
    "material": BASE + "plugins: []\n",
    "ictwiki-freshness": BASE + "plugins:\n  - ictwiki-freshness\n",
    "ictwiki-full": BASE + (
        "plugins:\n  - ictwiki-freshness\n  - tags\n  - ictwiki-reviews\n  - ictwiki-search\n"),
    "git-revision-date-localized": BASE + (
        "plugins:\n  - git-revision-date-localized:\n      type: iso_date\n"
        "      enable_creation_date: true\n"),
    "document-dates": BASE + "plugins:\n  - document-dates\n",
}
PEERS = ("git-revision-date-localized", "document-dates")


def page_text(path: str, n: int) -> str:
    words = " ".join(random.Random(n).choice(
        ["netwerk", "leerlingen", "toestel", "wachtwoord", "beleid", "budget", "privacy",
         "coördinator", "wifi", "platform", "school", "leerkracht"]) for _ in range(60))
    return f"# Pagina {Path(path).stem}\n\nVersie {n}. {words}\n\n## Stappen\n\n" + (
        "- Een stap in de handleiding.\n" * 8)


def tool_text(i: int) -> str:
    return (f"name: Tool {i}\ncategory: quiz-toetsen\nlevels: [lager]\npricing: gratis\n"
            f"facts: {{source: 'https://tool{i}.invalid', checked_on: 2024-01-01}}\n"
            "privacy:\n  verwerkersovereenkomst: {value: ja, source: 'https://t.invalid', "
            "checked_on: 2024-01-01}\n")


def generate(root: Path, pages: int, commits: int, seed: int = 7) -> None:
    """Write a repository of the given size through one git fast-import stream."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    # Folders of at most FOLDER_SIZE pages, as a growing wiki adds folders: with pruned
    # navigation each page then carries a menu of bounded size.
    paths = [f"docs/{FOLDERS[i % len(FOLDERS)]}/deel-{(i // len(FOLDERS)) // FOLDER_SIZE:02d}/"
             f"{NAMES[i % len(NAMES)]}-{i}.md" for i in range(pages)]
    statics = {f"docs/{folder}/index.md": f"# {folder}\n" for folder in FOLDERS}
    statics["docs/index.md"] = "# Bench\n"
    statics["docs/tools-reviews/index.md"] = "# Tools\n\n<!-- ictwiki:tools -->\n"
    statics.update({f"docs/tools-reviews/tool-{i}.yml": tool_text(i)
                    for i in range(max(1, pages // 100))})
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
            out.extend(b"merge :%d\n" % other for other in parents[1:])
        out.extend(changes)

    def modify(path: str, text: str) -> bytes:
        return b'M 100644 inline "%s"\n%s' % (path.encode(), blob(text))

    mark, when = 1, START
    commit("refs/heads/main", mark, when,
           [], [modify(p, page_text(p, 0)) for p in paths]
           + [modify(p, t) for p, t in statics.items()])
    main_tip = mark
    step = max(1, (86400 * 365 * 4) // max(commits, 1))
    for n in range(1, commits):
        mark += 1
        when += step
        if n % 50 == 0:  # a change that waited in a branch, then a merge commit
            side = mark
            target = rng.choice(paths)
            commit("refs/heads/side", side, when - step // 2, [main_tip],
                   [modify(target, page_text(target, n))])
            mark += 1
            commit("refs/heads/main", mark, when, [main_tip, side], [])
        elif n % 97 == 0:  # a move without content change
            i = rng.randrange(pages)
            new = paths[i].replace(".md", "-verplaatst.md")
            commit("refs/heads/main", mark, when, [main_tip],
                   [b'R "%s" "%s"\n' % (paths[i].encode(), new.encode())])
            paths[i] = new
        else:
            targets = [rng.choice(paths) for _ in range(rng.randint(1, 3))]
            commit("refs/heads/main", mark, when, [main_tip],
                   [modify(p, page_text(p, n)) for p in targets])
        main_tip = mark
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(out), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def git_lines(root: Path, *args: str) -> list[str]:
    return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root,
                          capture_output=True, text=True, check=True).stdout.splitlines()


def ground_truth(root: Path, path: str) -> tuple[str, str]:
    """(created, last updated) of one page, as Brussels dates, from a per-file git log that
    follows renames and skips pure moves."""
    lines = git_lines(root, "log", "--first-parent", "--diff-merges=first-parent", "--follow",
                      "-M", "--name-status", "--format=@%ct", "--", path)
    commits: list[tuple[int, str]] = []
    for line in lines:
        if line.startswith("@"):
            commits.append((int(line[1:]), ""))
        elif line and commits and not commits[-1][1]:
            commits[-1] = (commits[-1][0], line.split("\t")[0])
    day = lambda ts: datetime.fromtimestamp(ts, tz=timezone.utc).astimezone(BRUSSELS).date().isoformat()  # noqa: E731
    updated = next(ts for ts, status in commits if status != "R100")
    return day(commits[-1][0]), day(updated)


def timed_build(root: Path, name: str) -> dict[str, Any]:
    (root / f"{name}.yml").write_text(CONFIGS[name])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ICTWIKI_TODAY="2026-12-01")
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "MAXRSS %M", sys.executable, "-m", "mkdocs", "build", "-q",
         "-f", f"{name}.yml", "-d", f"site-{name}"],
        cwd=root, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{name} build failed:\n{done.stderr[-2000:]}")
    rss = int(re.findall(r"MAXRSS (\d+)", done.stderr)[-1]) // 1024
    return {"seconds": round(seconds, 2), "peak_mb": rss}


def page_dates(html: str, name: str) -> tuple[str | None, str | None]:
    """(created, updated) a build shows on a page."""
    if name == "ictwiki-full":
        created = re.search(r'Aangemaakt: <time datetime="([\d-]+)"', html)
        updated = re.search(r'Laatst bijgewerkt: <time datetime="([\d-]+)"', html)
    elif name == "git-revision-date-localized":
        found = re.findall(r'git-revision-date-localized-plugin-iso_date"[^>]*>([\d-]+)<', html)
        updated, created = (found + [None, None])[:2]
        return created, updated
    else:
        found = re.findall(r"<time datetime='([\d-]+)T", html)
        created, updated = (found + [None, None])[:2]
        return created, updated
    return (created.group(1) if created else None, updated.group(1) if updated else None)


def html_of(site: Path, src: str) -> str:
    stem = src[len("docs/"):-len(".md")]
    return (site / stem / "index.html").read_text("utf-8")


def compare_dates(root: Path, names: list[str], sample: int) -> dict[str, Any]:
    pages = [p for p in git_lines(root, "ls-files", "docs") if p.endswith(".md")
             and not p.endswith("index.md")]
    if sample and len(pages) > sample:  # every k-th page, the same ones on every run
        pages = pages[:: len(pages) // sample][:sample]
    truth = {p: ground_truth(root, p) for p in pages}
    result = {}
    for name in names:
        wrong = []
        for page in pages:
            shown = page_dates(html_of(root / f"site-{name}", page), name)
            if shown != truth[page]:
                wrong.append({"page": page, "shown": shown, "truth": truth[page]})
        result[name] = {"pages": len(pages), "wrong": len(wrong), "examples": wrong[:3]}
    return result


def site_sizes(site: Path) -> dict[str, Any]:
    sizes = [p.stat().st_size for p in site.rglob("index.html")]
    return {"pages": len(sizes), "mean_kb": round(statistics.fmean(sizes) / 1024, 1),
            "max_kb": round(max(sizes) / 1024, 1),
            "total_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
                              / 2**20, 1)}


def search_bytes(site: Path, query: str) -> dict[str, Any]:
    """Bytes a browser fetches from /pagefind/ for one search on the served site."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "http.server", "8791", "--bind",
                               "127.0.0.1", "-d", str(site)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        fetched: list[int] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("ICTWIKI_CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.append(len(r.body()))
                    if "/pagefind/" in r.url else None)
            page.goto(f"http://127.0.0.1:8791/?zoek={query}")
            page.locator(".ictwiki-search__results li").first.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".ictwiki-search__results li").count()
            browser.close()
        return {"query": query, "requests": len(fetched), "kb": round(sum(fetched) / 1024, 1),
                "results_shown": results}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


def serve_rebuild(root: Path) -> dict[str, Any]:
    """Seconds `mkdocs serve` takes to rebuild after one page is edited."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ICTWIKI_TODAY="2026-12-01")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", "ictwiki-full.yml", "-a",
         "127.0.0.1:8792", "--livereload"], cwd=root, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    built: list[float] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            found = re.search(r"Documentation built in ([\d.]+) seconds", line)
            if found:
                built.append(float(found.group(1)))
                if len(built) == 2:
                    break
            if "Serving on" in line and len(built) == 1:  # the watcher is running now
                time.sleep(1)
                page = next((root / "docs" / "netwerk").rglob("*-*.md"))
                page.write_text(page.read_text() + "\nEen nieuwe regel.\n")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)  # keep reading, so a full pipe cannot block it
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    return {"first_build_s": built[0], "rebuild_after_edit_s": built[1]}


def freshness_parts(root: Path) -> dict[str, Any]:
    docs = root / "docs"
    full = history.scan(docs)
    reuse = min(_time(lambda: history.scan(docs, previous=full)) for _ in range(5))
    page = next((docs / "privacy").rglob("*-*.md"))
    page.write_text(page.read_text() + "\nNog een regel.\n")
    subprocess.run(["git", "-c", "user.name=b", "-c", "user.email=b@x.invalid", "commit", "-qam",
                    "edit"], cwd=root, check=True)
    incremental = _time(lambda: history.scan(docs, previous=full))
    return {"reuse_ms": round(reuse * 1000, 1), "incremental_after_commit_ms":
            round(incremental * 1000, 1)}


def _time(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def plain_git_log(root: Path) -> None:
    subprocess.run(
        ["git", "log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev",
         "-z", "-M", "--reverse", "--format=%x1e%H %ct", "HEAD", "--", "docs"],
        cwd=root, capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--no-peers", action="store_true", help="skip the peer plugins")
    parser.add_argument("--no-browser", action="store_true", help="skip the search fetch")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--truth-sample", type=int, default=0,
                        help="check the dates of this many pages only (0: every page)")
    args = parser.parse_args()
    figures: dict[str, Any] = {"pages": args.pages, "commits": args.commits}

    def save() -> None:  # after every step, so a long run that fails still leaves figures
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "wiki"
        started = time.perf_counter()
        generate(root, args.pages, args.commits)
        figures["generate_s"] = round(time.perf_counter() - started, 2)
        figures["git_log_s"] = round(min(_time(lambda: plain_git_log(root)) for _ in range(3)), 3)
        figures["scan_s"] = round(min(_time(lambda: history.scan(root / "docs"))
                                      for _ in range(3)), 3)
        figures["scan_over_git_log"] = round(figures["scan_s"] / figures["git_log_s"], 2)
        names = ["material", "ictwiki-freshness", "ictwiki-full"]
        if not args.no_peers:
            names += list(PEERS)
        builds: dict[str, Any] = {}
        figures["builds"] = builds
        for name in names:
            builds[name] = timed_build(root, name)
            save()
        base = builds["material"]["seconds"]
        for build in builds.values():
            build["ratio"] = round(build["seconds"] / base, 2)
        figures["freshness_adds_s"] = round(
            builds["ictwiki-freshness"]["seconds"] - base, 2)
        save()
        figures["dates"] = compare_dates(root, [n for n in names if n in
                                                ("ictwiki-full", *PEERS)], args.truth_sample)
        save()
        figures["site"] = site_sizes(root / "site-ictwiki-full")
        figures["site_material"] = site_sizes(root / "site-material")
        from ictwiki.search import index_site
        figures["pagefind_s"] = round(index_site(root / "site-ictwiki-full").seconds, 2)
        if not args.no_browser:
            figures["search"] = search_bytes(root / "site-ictwiki-full", "wachtwoord")
        save()
        figures["serve"] = serve_rebuild(root)
        save()
        subprocess.run(["git", "checkout", "-q", "--", "docs"], cwd=root, check=True)
        figures["freshness_under_serve"] = freshness_parts(root)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    save()


if __name__ == "__main__":
    main()
