"""The history scan against real repositories: cases G1 to G5 and the basics."""

from __future__ import annotations

import subprocess
from datetime import date
from zoneinfo import ZoneInfo

from ictwiki import history

BRUSSELS = ZoneInfo("Europe/Brussels")


def day(moment):
    return moment.astimezone(BRUSSELS).date() if moment else None


def dates(scanned, path):
    entry = scanned.get(path)
    return (day(entry.created), day(entry.last_updated)) if entry else None


def test_created_and_last_updated_follow_edits(repo):
    repo.write("docs/a.md", "# A\n")
    repo.commit("2024-01-10")
    repo.edit("docs/a.md", "# A\n\nmeer\n", "2024-02-20")
    scanned = history.scan(repo.root / "docs")
    assert dates(scanned, "docs/a.md") == (date(2024, 1, 10), date(2024, 2, 20))
    assert scanned.shallow is False


def test_date_is_taken_in_brussels_time(repo):
    # 23:30 UTC on 31 December is already 1 January in Brussels.
    repo.write("docs/a.md", "# A\n")
    repo.commit("2023-12-31T23:30:00+00:00")
    assert dates(history.scan(repo.root / "docs"), "docs/a.md") == (
        date(2024, 1, 1), date(2024, 1, 1))


def test_g1_shallow_clone_gives_no_made_up_dates(repo, tmp_path):
    repo.write("docs/a.md", "# A\n")
    repo.commit("2024-01-10")
    repo.write("docs/b.md", "# B\n")
    repo.commit("2024-06-01")
    repo.write("docs/c.md", "# C\n")
    repo.commit("2024-09-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True)
    scanned = history.scan(clone / "docs")
    assert scanned.shallow is True
    for name in ("docs/a.md", "docs/b.md", "docs/c.md"):
        entry = scanned.get(name)
        assert (entry.created, entry.last_updated) == (None, None)
        assert day(entry.updated_not_after) == date(2024, 9, 1)
    assert history.describe_gaps(scanned) == [
        "The git history of this clone is cut (shallow clone): pages last changed before the "
        "cut show their dates as unknown. Fetch the full history, e.g. 'git fetch --unshallow', "
        "or 'fetch-depth: 0' with actions/checkout in CI."
    ]


def test_g1_change_after_the_shallow_boundary_is_known(repo, tmp_path):
    repo.write("docs/a.md", "# A\n")
    repo.commit("2024-01-10")
    repo.write("docs/b.md", "# B\n")
    repo.commit("2024-06-01")
    repo.edit("docs/a.md", "# A\n\nnieuw\n", "2024-09-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)],
                   check=True)
    scanned = history.scan(clone / "docs")
    a = scanned.get("docs/a.md")
    assert (a.created, day(a.last_updated)) == (None, date(2024, 9, 1))
    assert dates(scanned, "docs/b.md") == (None, None)


def test_g2_move_after_last_edit_keeps_both_dates(repo):
    repo.write("docs/oud/x.md", "# X\n\nEerste versie van de pagina.\n")
    repo.commit("2023-11-02")
    repo.edit("docs/oud/x.md", "# X\n\nTweede versie van de pagina.\n", "2024-01-04")
    repo.git("mv", "docs/oud", "docs/nieuw")
    repo.commit("2024-01-13", "move")
    scanned = history.scan(repo.root / "docs")
    assert scanned.get("docs/oud/x.md") is None
    assert dates(scanned, "docs/nieuw/x.md") == (date(2023, 11, 2), date(2024, 1, 4))


def test_rename_with_edit_counts_as_update(repo):
    text = "# X\n\n" + "Een regel met inhoud.\n" * 20
    repo.write("docs/oud.md", text)
    repo.commit("2023-11-02")
    repo.git("mv", "docs/oud.md", "docs/nieuw.md")
    repo.write("docs/nieuw.md", text + "Een extra regel.\n")
    repo.commit("2024-02-02", "move and edit")
    assert dates(history.scan(repo.root / "docs"), "docs/nieuw.md") == (
        date(2023, 11, 2), date(2024, 2, 2))


def test_g3_names_git_quotes_each_get_their_own_date(repo):
    names = {
        "docs/netwerk/coördinator.md": "2024-01-01",
        "docs/café.md": "2024-02-02",
        'docs/tips "snel" & vlug.md': "2024-03-03",
    }
    for name, when in names.items():
        repo.write(name, f"# {name}\n")
        repo.commit(when)
    scanned = history.scan(repo.root / "docs")
    for name, when in names.items():
        assert dates(scanned, name) == (date.fromisoformat(when), date.fromisoformat(when))


def test_g4_change_from_a_branch_counts_from_the_merge(repo):
    repo.write("docs/p.md", "# P\n")
    repo.commit("2024-01-01")
    repo.git("checkout", "-q", "-b", "werk")
    repo.edit("docs/p.md", "# P\n\nbijgewerkt\n", "2024-03-04")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge werk", "werk", when="2024-03-06")
    assert dates(history.scan(repo.root / "docs"), "docs/p.md") == (
        date(2024, 1, 1), date(2024, 3, 6))


def test_g4_branch_that_merges_main_does_not_change_mains_dates(repo):
    repo.write("docs/p.md", "# P\n")
    repo.write("docs/q.md", "# Q\n")
    repo.commit("2024-01-01")
    repo.git("checkout", "-q", "-b", "werk")
    repo.edit("docs/q.md", "# Q\n\nop de tak\n", "2024-02-01")
    repo.git("checkout", "-q", "main")
    repo.edit("docs/p.md", "# P\n\nop main\n", "2024-03-01")
    repo.git("checkout", "-q", "werk")
    repo.git("merge", "-q", "--no-ff", "-m", "main into werk", "main", when="2024-03-10")
    repo.git("checkout", "-q", "main")
    scanned = history.scan(repo.root / "docs")
    assert dates(scanned, "docs/p.md") == (date(2024, 1, 1), date(2024, 3, 1))
    assert dates(scanned, "docs/q.md") == (date(2024, 1, 1), date(2024, 1, 1))


def test_g5_empty_page_does_not_inherit_another_empty_pages_history(repo):
    repo.write("docs/leeg.md", "")
    repo.commit("2020-02-01")
    repo.write("docs/nieuw.md", "")
    repo.commit("2023-05-01")
    repo.edit("docs/nieuw.md", "# Nieuw\n\nNu met inhoud.\n", "2023-06-01")
    scanned = history.scan(repo.root / "docs")
    assert dates(scanned, "docs/nieuw.md") == (date(2023, 5, 1), date(2023, 6, 1))
    assert dates(scanned, "docs/leeg.md") == (date(2020, 2, 1), date(2020, 2, 1))


def test_deleted_then_recreated_page_starts_again(repo):
    repo.write("docs/a.md", "# A\n")
    repo.commit("2022-01-01")
    repo.git("rm", "-q", "docs/a.md")
    repo.commit("2022-06-01", "remove")
    repo.write("docs/a.md", "# A opnieuw\n")
    repo.commit("2023-01-01")
    assert dates(history.scan(repo.root / "docs"), "docs/a.md") == (
        date(2023, 1, 1), date(2023, 1, 1))


def test_files_outside_the_docs_folder_are_not_scanned(repo):
    repo.write("docs/a.md", "# A\n")
    repo.write("README.md", "readme\n")
    repo.commit("2024-01-01")
    assert sorted(history.scan(repo.root / "docs").files) == ["docs/a.md"]


def test_folder_outside_a_repository_gives_an_empty_history(tmp_path):
    scanned = history.scan(tmp_path)
    assert (scanned.root, scanned.files) == (None, {})
    assert history.describe_gaps(scanned) == [
        "The docs folder is not in a git repository with commits: every page's dates show as "
        "unknown. Build from a git clone."
    ]


def test_g5_empty_page_replaced_in_the_same_commit_is_new(repo):
    # Deleting one empty page and adding another in one commit looks like a rename to git.
    repo.write("docs/leeg.md", "")
    repo.commit("2020-02-01")
    repo.git("rm", "-q", "docs/leeg.md")
    repo.write("docs/nieuw.md", "")
    repo.commit("2023-07-01")
    repo.edit("docs/nieuw.md", "# Nieuw\n", "2023-08-01")
    assert dates(history.scan(repo.root / "docs"), "docs/nieuw.md") == (
        date(2023, 7, 1), date(2023, 8, 1))


def test_mode_change_is_not_a_content_change(repo):
    repo.write("docs/a.md", "# A\n")
    repo.commit("2024-01-01")
    (repo.root / "docs" / "a.md").chmod(0o755)
    repo.commit("2024-02-01", "chmod")
    assert dates(history.scan(repo.root / "docs"), "docs/a.md") == (
        date(2024, 1, 1), date(2024, 1, 1))


def test_repository_without_commits_is_like_no_repository(repo):
    repo.write("docs/a.md", "# A\n")
    assert history.scan(repo.root / "docs").root is None


def test_git_refusing_the_repository_is_an_error_with_gits_reason(repo, tmp_path, monkeypatch):
    import os
    import pytest
    repo.write("docs/a.md", "# A\n")
    repo.commit("2024-01-01")
    if os.geteuid() != 0:
        pytest.skip("needs root to give the repository to another user")
    for folder, _, names in os.walk(repo.root):
        for name in [folder, *(os.path.join(folder, n) for n in names)]:
            os.lchown(name, 65534, 65534)
    monkeypatch.setenv("HOME", str(tmp_path))  # no safe.directory from the real config
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    with pytest.raises(history.GitError, match="detected dubious ownership in repository"):
        history.scan(repo.root / "docs")


def test_missing_git_is_an_error(repo, monkeypatch):
    import pytest
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(history.GitError, match="git is not installed or not on PATH"):
        history.scan(repo.root)


def test_symlinked_page_has_its_own_history(repo):
    repo.write("shared/beleid.md", "# Beleid\n")
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "beleid.md").symlink_to("../shared/beleid.md")
    repo.commit("2024-01-01")
    scanned = history.scan(repo.root / "docs")
    assert scanned.relative_to_root(repo.root / "docs" / "beleid.md") == "docs/beleid.md"
    assert dates(scanned, "docs/beleid.md") == (date(2024, 1, 1), date(2024, 1, 1))


def test_incremental_scan_reads_only_new_commits_and_matches_a_full_scan(repo):
    repo.write("docs/a.md", "# A\n")
    repo.write("docs/b.md", "# B\n" + "regel\n" * 20)
    repo.commit("2024-01-01")
    first = history.scan(repo.root / "docs")
    assert history.scan(repo.root / "docs", previous=first) is first  # HEAD unchanged
    repo.edit("docs/a.md", "# A\n\nmeer\n", "2024-02-01")
    repo.git("mv", "docs/b.md", "docs/c.md")
    repo.commit("2024-03-01", "move")
    repo.git("checkout", "-q", "-b", "tak")
    repo.edit("docs/c.md", "# B\n" + "regel\n" * 20 + "extra\n", "2024-03-05")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "tak", when="2024-03-09")
    incremental = history.scan(repo.root / "docs", previous=first)
    full = history.scan(repo.root / "docs")
    assert incremental.files == full.files
    assert dates(incremental, "docs/c.md") == (date(2024, 1, 1), date(2024, 3, 9))


def test_incremental_scan_starts_over_when_history_was_rewritten(repo):
    repo.write("docs/a.md", "# A\n")
    repo.commit("2024-01-01")
    repo.edit("docs/a.md", "# A2\n", "2024-02-01")
    first = history.scan(repo.root / "docs")
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.edit("docs/a.md", "# A3\n", "2024-04-01")
    again = history.scan(repo.root / "docs", previous=first)
    assert again.files == history.scan(repo.root / "docs").files
    assert dates(again, "docs/a.md") == (date(2024, 1, 1), date(2024, 4, 1))
