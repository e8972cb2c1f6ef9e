"""Benchmark: what the generated review pages add to a build.

Builds a site twice, with ictwiki-reviews enabled and disabled, and prints the difference.
With --generate N it first writes N invented tools of 3 reviews each into a copy of the
project (the real tool files are left out of that copy), else it uses the real content.

    python benchmarks/reviews_build.py              # the real content
    python benchmarks/reviews_build.py --generate 1000

A benchmark, not a test: it prints figures and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["leerplatform", "communicatie", "quiz-toetsen", "oefenen", "creatief"]


def tool_yaml(i: int) -> str:
    reviews = "".join(
        f"  - {{reviewer: reviewer-{i}-{r}, role: leerkracht, level: lager, "
        f"date: 2026-0{r + 1}-1{r}, scores: {{gebruiksgemak: {1 + (i + r) % 5}, "
        f"beheer: {1 + (i * r) % 5}}}, pros: [Punt {r}], text: Tekst {r}}}\n"
        for r in range(3)
    )
    return (f"name: Tool {i:04d}\ncategory: {CATEGORIES[i % len(CATEGORIES)]}\n"
            f"levels: [lager, secundair]\nplatforms: [web]\npricing: gratis\n"
            f"facts: {{source: 'https://tool{i}.invalid', checked_on: 2026-01-01}}\n"
            f"privacy:\n  verwerkersovereenkomst: {{value: ja, source: 'https://tool{i}.invalid/p',"
            f" checked_on: 2026-01-01}}\nreviews:\n{reviews}")


def build(root: Path, reviews: bool) -> float:
    config = (root / "mkdocs.yml").read_text()
    if not reviews:
        config = config.replace("  - ictwiki-reviews\n", "  - ictwiki-reviews:\n      enabled: false\n")
    (root / "bench.yml").write_text(config)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "bench.yml", "-d",
                    "bench-site"], cwd=root, env=env, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", type=int, default=0, help="invented tools to write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "wiki"
        shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".venv", "site", "test-artifacts"))
        if args.generate:
            folder = root / "docs" / "tools-reviews"
            for old in folder.glob("*.yml"):
                old.unlink()
            for i in range(args.generate):
                (folder / f"tool-{i:04d}.yml").write_text(tool_yaml(i))
            subprocess.run(["git", "add", "-A"], cwd=root, check=True)
            subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=b@x.invalid",
                            "commit", "-qm", "bench"], cwd=root, check=True)
        without = build(root, False)
        with_reviews = build(root, True)
    tools = args.generate or len(list((ROOT / "docs" / "tools-reviews").glob("*.yml")))
    print(f"tools                   {tools}")
    print(f"build_without_reviews_s {without:.2f}")
    print(f"build_with_reviews_s    {with_reviews:.2f}")
    print(f"reviews_add_s           {with_reviews - without:.2f}")


if __name__ == "__main__":
    main()
