"""The benchmark runs at a small size and our dates match git on every page (no timing)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_benchmark_runs_and_our_dates_match_git(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "wiki_bench.py"), "--pages", "24",
         "--commits", "120", "--json", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["dates"]["ictwiki-full"] == {"pages": 24, "wrong": 0, "examples": []}
    assert set(figures["builds"]) == {"material", "ictwiki-freshness", "ictwiki-full",
                                      "git-revision-date-localized", "document-dates"}
    assert figures["search"]["results_shown"] > 0
    assert figures["serve"]["rebuild_after_edit_s"] > 0
