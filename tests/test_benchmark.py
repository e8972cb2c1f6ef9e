"""The freshness benchmark runs at a small size and its dates match git (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO_ROOT


def test_benchmark_runs_and_matches_git(tmp_path):
    out = tmp_path / "bench.json"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "freshness_scan.py"), "--pages", "30",
         "--commits", "120", "--json", str(out)],
        check=True, capture_output=True, text=True,
    )
    figures = json.loads(out.read_text())
    assert (figures["pages"], figures["files_scanned"], figures["sample_mismatches"]) == (30, 30, 0)
