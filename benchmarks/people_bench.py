"""Benchmark the people part: badges from the history of a generated wiki.

Generates the wiki of wiki_bench.py (all commits by one author, "Bench", who opted in with a
people file: the worst case, since every page a known author changes has its old front
matter read) plus people files for handles that never committed, then times each step:

    .venv/bin/python benchmarks/people_bench.py --pages 1000 --commits 5000
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from ictwiki.people.badges import badges, read_page_domains
from ictwiki.people.contributions import contributions
from ictwiki.people.github import codeowners
from ictwiki.people.loading import load_people
from ictwiki.people.model import DOMAINS
from ictwiki.policy import ReviewPolicy
from wiki_bench import FOLDERS, generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "wiki"
        generate(root, args.pages, args.commits)
        people_dir = root / "people"
        people_dir.mkdir()
        (people_dir / "Bench.yml").write_text("handle: Bench\ndomains: [netwerk]\n")
        for i in range(args.people - 1):
            domain = DOMAINS[i % len(DOMAINS)]
            (people_dir / f"persoon-{i}.yml").write_text(
                f"handle: persoon-{i}\ndomains: [{domain}]\n")
        sections = {folder: DOMAINS[i % len(DOMAINS)] for i, folder in enumerate(FOLDERS)}
        started = time.perf_counter()
        people, problems = load_people(root)
        loaded = time.perf_counter()
        commits = contributions(root / "docs", [p.handle for p in people])
        scanned = time.perf_counter()
        domains, _ = read_page_domains(root / "docs", sections)
        read = time.perf_counter()
        earned = badges(people, commits, [], domains, ReviewPolicy())
        done = time.perf_counter()
        codeowners(people, sections, "bench", base="* @team\n", page_domains=domains.pages)
        written = time.perf_counter()
        log = subprocess.run(["git", "log", "--first-parent", "--raw", "-M", "--", "docs"],
                             cwd=root, capture_output=True, check=True)
        plain = time.perf_counter() - written
    print(f"{args.pages} pages, {args.commits} commits, {len(people)} people files "
          f"({len(problems)} problems), {len(log.stdout) // 1024} KB of git log")
    print(f"  load people files      {loaded - started:7.3f} s")
    print(f"  contributions scan     {scanned - loaded:7.3f} s  (plain git log --raw: "
          f"{plain:.3f} s)")
    print(f"  page domains           {read - scanned:7.3f} s")
    print(f"  badges                 {done - read:7.3f} s  "
          f"({sum(len(b) for b in earned.values())} badges)")
    print(f"  CODEOWNERS             {written - done:7.3f} s")


if __name__ == "__main__":
    main()
