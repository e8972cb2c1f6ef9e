"""The ictwiki command: stale report formats and exit codes, and build."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SITE_CONFIG
from ictwiki_scripts.ictwiki import main


@pytest.fixture
def wiki(repo, monkeypatch):
    monkeypatch.setenv("ICTWIKI_TODAY", "2024-06-01")
    repo.write("mkdocs.yml", SITE_CONFIG)
    repo.write("docs/index.md", "# Welkom\n")
    repo.write("docs/starters-rucksack/rollen.md",
               "---\ntitle: De vier rollen | <b>overzicht</b>\nowner: '@team-starters'\n---\n"
               "# Rollen\n")
    repo.write("docs/starters-rucksack/budget.md", "# Budget en aankoop\n")
    repo.commit("2023-11-01")
    repo.write("docs/netwerk.md", "---\nowner: '@team-starters'\n---\n# Wifi op school\n")
    repo.commit("2023-06-20")
    repo.write("docs/oud.md", "---\narchived: true\n---\n# Oud\n")
    repo.commit("2020-01-01")
    return repo


def run(wiki, *args):
    return CliRunner().invoke(main, ["stale", "-f", str(wiki.root / "mkdocs.yml"), *args])


def test_stale_text_groups_by_owner_and_section(wiki):
    result = run(wiki)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "3 pages need review on 2024-06-01: 2 overdue (verouderd), 1 due within the warning "
        "window.\n"
        "\n"
        "Owner: @team-starters\n"
        "  Algemeen\n"
        "    binnenkort  review by 2024-06-19  docs/netwerk.md  (Wifi op school)\n"
        "  Startersrugzak\n"
        "    verouderd   review by 2024-04-29  docs/starters-rucksack/rollen.md  "
        "(De vier rollen | <b>overzicht</b>)\n"
        "\n"
        "Owner: (no owner)\n"
        "  Startersrugzak\n"
        "    verouderd   review by 2024-04-29  docs/starters-rucksack/budget.md  "
        "(Budget en aankoop)\n"
    )


def test_stale_markdown_is_dutch_and_escapes_pipes(wiki):
    result = run(wiki, "--format", "markdown")
    assert result.stdout == (
        "# Te herzien\n\n"
        "Stand op 1 juni 2024: 2 verouderd, 1 binnenkort te herzien.\n\n"
        "## Eigenaar: @team-starters\n\n"
        "### Algemeen\n\n"
        "| Pagina | Status | Te herzien tegen | Laatst bijgewerkt | Bestand |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Wifi op school | Binnenkort te herzien | 19 juni 2024 | 20 juni 2023 | `docs/netwerk.md` |\n"
        "\n### Startersrugzak\n\n"
        "| Pagina | Status | Te herzien tegen | Laatst bijgewerkt | Bestand |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| De vier rollen \\| &lt;b&gt;overzicht&lt;/b&gt; | Verouderd | 29 april 2024 | 1 november 2023 | "
        "`docs/starters-rucksack/rollen.md` |\n"
        "\n## Eigenaar: geen eigenaar\n\n"
        "### Startersrugzak\n\n"
        "| Pagina | Status | Te herzien tegen | Laatst bijgewerkt | Bestand |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| Budget en aankoop | Verouderd | 29 april 2024 | 1 november 2023 | "
        "`docs/starters-rucksack/budget.md` |\n"
    )


def test_stale_json_lists_the_records(wiki):
    data = json.loads(run(wiki, "--format", "json").stdout)
    assert data["date"] == "2024-06-01"
    assert [(p["source"], p["status"], p["owner"]) for p in data["pages"]] == [
        ("docs/netwerk.md", "binnenkort", "@team-starters"),
        ("docs/starters-rucksack/rollen.md", "verouderd", "@team-starters"),
        ("docs/starters-rucksack/budget.md", "verouderd", None),
    ]


def test_fail_on_stale_exit_code(wiki):
    assert run(wiki, "--fail-on-stale").exit_code == 1
    wiki.write("docs/starters-rucksack/rollen.md", "---\nlast_reviewed: 2024-05-30\n---\n# R\n")
    wiki.write("docs/starters-rucksack/budget.md", "---\nlast_reviewed: 2024-05-30\n---\n# B\n")
    wiki.commit("2024-05-31")
    result = run(wiki, "--fail-on-stale")
    assert result.exit_code == 0
    assert result.stdout.startswith("1 page needs review on 2024-06-01: 0 overdue")


def test_stale_reports_bad_front_matter_on_stderr(wiki):
    wiki.write("docs/netwerk.md", "---\nlast_reviewed: gisteren\n---\n# Wifi\n")
    wiki.commit("2024-05-31")
    result = run(wiki)
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: docs/netwerk.md: last_reviewed 'gisteren' is not a date (line 2). "
        "Write it as YYYY-MM-DD, e.g. last_reviewed: 2024-09-01.\n"
    )


def test_stale_without_config_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["stale"])
    assert result.exit_code == 2
    assert "mkdocs.yml not found; run this in the wiki's folder or pass -f." in result.stderr


def test_build_command_builds_strictly_and_indexes(wiki):
    result = CliRunner().invoke(main, ["build", "-f", str(wiki.root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert (wiki.root / "site" / "freshness.json").is_file()
    assert (wiki.root / "site" / "pagefind" / "pagefind.js").is_file()


def test_build_command_fails_on_warnings(wiki):
    wiki.write("docs/netwerk.md", "---\narchived: misschien\n---\n# Wifi\n")
    result = CliRunner().invoke(main, ["build", "-f", str(wiki.root / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "the build failed; the warnings above say which file to fix and how." in result.output


REVIEWS_CONFIG = SITE_CONFIG.replace("  - ictwiki-search\n", "  - ictwiki-reviews\n  - ictwiki-search\n")
TOOL = """\
name: Klasbord
category: communicatie
levels: [lager]
pricing: gratis
facts:
  source: https://klasbord.invalid
  checked_on: 2024-09-01
privacy:
  verwerkersovereenkomst:
    value: ja
    source: https://klasbord.invalid/privacy
    checked_on: 2024-09-01
"""


@pytest.fixture
def tools_wiki(repo, monkeypatch):
    monkeypatch.setenv("ICTWIKI_TODAY", "2025-02-03")
    repo.write("mkdocs.yml", REVIEWS_CONFIG)
    repo.write("docs/index.md", "# Welkom\n")
    repo.write("docs/tools-reviews/klasbord.yml", TOOL)
    return repo


def test_check_passes_on_valid_files(tools_wiki):
    result = CliRunner().invoke(main, ["check", "-f", str(tools_wiki.root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Checked 1 data files and 1 pages: 0 problems.\n"


def test_check_reports_faults_and_annotations(tools_wiki, monkeypatch):
    tools_wiki.write("docs/tools-reviews/kapot.yml", TOOL.replace("value: ja", "value: no"))
    tools_wiki.write("docs/pagina.md", "---\nreview_interval: nul\n---\n# P\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(main, ["check", "-f", str(tools_wiki.root / "mkdocs.yml")])
    assert result.exit_code == 1
    assert result.stderr == (
        "docs/tools-reviews/kapot.yml:10:12: privacy.verwerkersovereenkomst.value is read as "
        "false: YAML turns an unquoted no/false/off into a yes/no value. Write one of: ja, nee, "
        "onbekend.\n"
        "docs/pagina.md: review_interval 'nul' is not a number of days (line 2). Write a whole "
        "number of days, e.g. review_interval: 180.\n"
    )
    assert result.stdout == (
        "::error file=docs/tools-reviews/kapot.yml,line=10,col=12::privacy.verwerkersovereenkomst"
        ".value is read as false: YAML turns an unquoted no/false/off into a yes/no value. Write "
        "one of: ja, nee, onbekend.\n"
        "Checked 2 data files and 2 pages: 2 problems.\n"
    )


def test_new_review_appends_to_an_existing_tool(tools_wiki):
    result = CliRunner().invoke(main, [
        "new-review", "-f", str(tools_wiki.root / "mkdocs.yml"), "klasbord", "--reviewer",
        "meester-tom", "--role", "leerkracht", "--level", "lager", "--version", "",
        "--score", "gebruiksgemak=4", "--score", "beheer=3"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "Wrote docs/tools-reviews/klasbord.yml; it validates. Add pros, cons and text, then open "
        "a pull request.\n")
    assert (tools_wiki.root / "docs/tools-reviews/klasbord.yml").read_text() == TOOL + (
        "reviews:\n"
        '  - reviewer: "meester-tom"\n'
        "    role: leerkracht\n"
        "    level: lager\n"
        "    date: 2025-02-03\n"
        "    scores: {gebruiksgemak: 4, beheer: 3}\n"
        "    # pros: [Wat werkt goed?]\n"
        "    # cons: [Wat werkt minder goed?]\n"
        "    # text: Jouw ervaring in een paar zinnen.\n"
    )


def test_new_review_asks_for_a_new_tool(tools_wiki):
    answers = "\n".join([
        "juf-an", "ict-coordinator", "secundair", "2.1",  # reviewer, role, level, version
        "5", "", "4", "", "",  # scores
        "Toetsplein", "quiz-toetsen", "secundair, volwassenen", "freemium",
        "https://toetsplein.invalid/over", "onbekend", "https://toetsplein.invalid/privacy",
    ]) + "\n"
    result = CliRunner().invoke(main, ["new-review", "-f", str(tools_wiki.root / "mkdocs.yml"),
                                       "Toetsplein"], input=answers)
    assert result.exit_code == 0, result.output
    from ictwiki.reviews.loading import load_tool
    tool, problems = load_tool(tools_wiki.root / "docs/tools-reviews/toetsplein.yml", "x")
    assert problems == []
    assert (tool.name, tool.category, tool.levels, tool.pricing) == (
        "Toetsplein", "quiz-toetsen", ("secundair", "volwassenen"), "freemium")
    review = tool.reviews[0]
    assert (review.reviewer, review.role, review.version, review.scores) == (
        "juf-an", "ict-coordinator", "2.1", {"gebruiksgemak": 5, "beheer": 4})


def test_new_review_refuses_an_email_address_and_changes_nothing(tools_wiki):
    result = CliRunner().invoke(main, [
        "new-review", "-f", str(tools_wiki.root / "mkdocs.yml"), "klasbord", "--reviewer",
        "juf@school.invalid", "--role", "leerkracht", "--level", "lager", "--version", "",
        "--score", "gebruiksgemak=4"])
    assert result.exit_code == 1
    assert "the result would not validate, so nothing was changed:" in result.output
    assert "reviews.0.reviewer must be a GitHub handle or a pseudonym" in result.output
    assert (tools_wiki.root / "docs/tools-reviews/klasbord.yml").read_text() == TOOL


def test_stale_covers_the_pages_the_site_builds(wiki):
    wiki.write("mkdocs.yml", SITE_CONFIG + "exclude_docs: |\n  concept-*.md\n")
    wiki.write("docs/concept-oud.md", "# Concept\n")
    wiki.write("docs/oud netwerk.markdown", "# Oud netwerk\n")
    wiki.commit("2020-01-02")
    data = json.loads(run(wiki, "--format", "json").stdout)
    pages = {p["source"]: p["url"] for p in data["pages"]}
    assert "docs/concept-oud.md" not in pages
    assert pages["docs/oud netwerk.markdown"] == "/oud%20netwerk/"


def test_fail_on_stale_fails_without_the_full_history(wiki, tmp_path):
    import subprocess
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{wiki.root}", str(clone)],
                   check=True)
    result = CliRunner().invoke(main, ["stale", "-f", str(clone / "mkdocs.yml"), "--fail-on-stale"])
    assert result.exit_code == 1
    assert result.stdout.startswith("No pages need review on 2024-06-01.")
    assert result.stderr.endswith("error: without the full history no page can be called fresh.\n")


def test_serve_on_a_busy_port_says_what_to_do(wiki):
    import socket
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        address = f"127.0.0.1:{busy.getsockname()[1]}"
        result = CliRunner().invoke(main, ["serve", "-f", str(wiki.root / "mkdocs.yml"), "-a",
                                           address])
    assert result.exit_code == 2
    assert f"cannot serve on {address}" in result.stderr
    assert "ICTWIKI_ADDR=127.0.0.1:8001 scripts/run.sh serve" in result.stderr


def new_review(wiki, tool, *extra):
    return CliRunner().invoke(main, [
        "new-review", "-f", str(wiki.root / "mkdocs.yml"), tool, "--reviewer", "meester-tom",
        "--role", "leerkracht", "--level", "lager", "--version", "", "--score",
        "gebruiksgemak=4", *extra])


def test_new_review_keeps_windows_line_endings(tools_wiki):
    path = tools_wiki.root / "docs/tools-reviews/klasbord.yml"
    path.write_bytes(TOOL.replace("\n", "\r\n").encode())
    assert new_review(tools_wiki, "klasbord").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(TOOL.replace("\n", "\r\n").encode())
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_new_review_on_broken_yaml_says_where(tools_wiki):
    (tools_wiki.root / "docs/tools-reviews/klasbord.yml").write_text(TOOL + "  kapot: [\n")
    result = new_review(tools_wiki, "klasbord")
    assert result.exit_code == 1
    assert "docs/tools-reviews/klasbord.yml: the YAML is not valid at line" in result.stderr


def test_new_review_finds_a_yaml_file_and_names_files_in_any_script(tools_wiki):
    (tools_wiki.root / "docs/tools-reviews/klasbord.yml").rename(
        tools_wiki.root / "docs/tools-reviews/klasbord.yaml")
    assert new_review(tools_wiki, "Klasbord").exit_code == 0
    assert not (tools_wiki.root / "docs/tools-reviews/klasbord.yml").exists()
    assert "meester-tom" in (tools_wiki.root / "docs/tools-reviews/klasbord.yaml").read_text()
    from ictwiki.reviews.scaffold import slugify
    assert [slugify("Book Créator"), slugify("日本語ツール"), slugify("한국어")] == [
        "book-creator", "日本語ツール", "한국어"]
