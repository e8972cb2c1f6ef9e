"""Full builds with tool files: generated pages, escaping, dashes, broken files (Y3-Y6)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import SITE_CONFIG, mkdocs_build

FIXTURES = Path(__file__).parent / "fixtures" / "reviews"
CONFIG = SITE_CONFIG.replace("  - ictwiki-search\n", "  - ictwiki-reviews\n  - ictwiki-search\n")
HOSTILE = """\
name: <script>alert(1)</script> Quiz
category: communicatie
levels: [lager]
platforms: "Windows | macOS"
pricing: gratis
summary: <img src=x onerror=alert(1)>
facts:
  source: https://hostile.invalid
  checked_on: 2025-01-10
privacy:
  verwerkersovereenkomst:
    value: onbekend
    source: https://hostile.invalid/privacy
    checked_on: 2025-01-10
reviews:
  - reviewer: "</title><script>alert(2)</script>"
    role: leerkracht
    level: lager
    date: 2025-05-05
    scores: {gebruiksgemak: 2}
    pros: ["<script>alert(3)</script>"]
    cons: ["<img src=x onerror=alert(4)>"]
    text: "Zie <script>alert(5)</script> en {{ pad }}."
"""


@pytest.fixture
def site(repo):
    repo.write("mkdocs.yml", CONFIG)
    repo.write("docs/index.md", "# Welkom\n")
    repo.write("docs/starters-rucksack/index.md", "# Startersrugzak\n")
    repo.write("docs/tools-reviews/index.md", "# Tools\n\n<!-- ictwiki:tools -->\n")
    for path in FIXTURES.glob("*.yml"):
        shutil.copy(path, repo.root / "docs" / "tools-reviews" / path.name)
    repo.write("docs/tools-reviews/hostile.yml", HOSTILE)
    repo.commit("2025-07-01")
    done = mkdocs_build(repo.root, "--strict", today="2025-09-01")
    assert done.returncode == 0, done.stderr
    return repo.root / "site"


def html(site, path):
    return (site / path / "index.html").read_text(encoding="utf-8")


def flat(text):
    return re.sub(r"\s+", " ", text)


def test_ranking_page_matches_the_hand_computation(site):
    page = html(site, "tools-reviews/ranking/2025")
    rows = re.findall(r"<tr><th scope=\"row\">(\d)</th><td><a href=\"([^\"]+)\">([^<]+)</a></td>"
                      r"<td>([^<]+)</td><td>([^<]+)</td><td>(\d+)</td>", page)
    quiz = [r for r in rows if r[2] in ("Quizmaker", "Toetsenbord", "Traagtoets")]
    assert quiz == [
        ("1", "../../quizmaker/", "Quizmaker", "4,04", "5,00", "1"),
        ("2", "../../toetsenbord/", "Toetsenbord", "3,88", "4,00", "4"),
        ("3", "../../traagtoets/", "Traagtoets", "3,23", "2,50", "2"),
    ]
    assert "aangepaste score = (3 × C + n × s) / (3 + n)" in page


def test_tool_page_shows_facts_sources_and_reviews(site):
    page = html(site, "tools-reviews/quizmaker")
    assert '<tr><th scope="row">Platformen</th><td>web, iPadOS</td></tr>' in page
    assert ('<a href="../categorie/quiz-toetsen/">Quiz en toetsen</a>') in page
    assert ('Bron: <a href="https://quizmaker.invalid/over" rel="nofollow">'
            'https://quizmaker.invalid/over</a>, gecontroleerd op '
            '<time datetime="2025-01-10">10 januari 2025</time>.') in page
    assert "<li>Gebruiksgemak: 5/5</li>" in page
    assert "<ul><li>Snel klaar</li></ul>" in page
    assert '<span data-pagefind-filter="categorie">Quiz en toetsen</span>' in page
    assert '<span data-pagefind-filter="niveau">Lager onderwijs</span>' in page
    assert '<span data-pagefind-sort="score">5.000</span>' in page
    # Dated by its data file's history, and edited there.
    assert 'Laatst bijgewerkt: <time datetime="2025-07-01">1 juli 2025</time>' in page
    assert 'href="https://example.invalid/wiki/edit/main/docs/tools-reviews/quizmaker.yml"' in page


def test_tool_pages_stay_out_of_the_menu_and_keep_title_first(site):
    page = html(site, "tools-reviews/quizmaker")
    assert page.index("<h1>Quizmaker</h1>") < page.index('class="ictwiki-freshness"')
    nav = re.search(r'md-sidebar--primary.*?md-sidebar--secondary', page, re.S).group(0)
    assert "Quizmaker" not in nav and "Vergelijking: Quiz en toetsen" in nav


def test_old_facts_and_old_version_are_flagged(site):
    planbord = html(site, "tools-reviews/planbord")
    assert "Deze controle is ouder dan 365 dagen: kijk de bron opnieuw na." in planbord
    assert "Nog geen reviews." in planbord
    traag = html(site, "tools-reviews/traagtoets")
    assert "Deze review is ouder dan 365 dagen; de tool kan intussen veranderd zijn." in traag


def test_y3_missing_values_show_a_dash(site):
    dash = '<span class="ictwiki-missing" title="niet ingevuld">–</span>'
    page = html(site, "tools-reviews/categorie/quiz-toetsen")
    row = re.search(r'<tr><th scope="row"><a href="../../toetsenbord/">Toetsenbord</a></th>(.*?)</tr>', page).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[1] == dash  # platforms left out
    assert cells[5] == dash  # didactische meerwaarde never scored
    for path in ("tools-reviews/categorie/quiz-toetsen", "tools-reviews/toetsenbord",
                 "tools-reviews/niveau/secundair"):
        article = re.search(r"<article.*?</article>", html(site, path), re.S).group(0)
        text = re.sub(r"<[^>]+>", " ", article)
        assert not re.search(r"\b(None|nan|null|NaN)\b", text), path


def test_y4_pipe_stays_in_one_cell(site):
    page = html(site, "tools-reviews/categorie/communicatie")
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", page).group(1)
    row = re.search(r'<tr><th scope="row"><a href="../../hostile/">.*?</tr>', page).group(0)
    assert row.count("<td>") + 1 == head.count("<th")
    assert "<td>Windows | macOS</td>" in row
    assert "\\|" not in row


def test_y5_markup_in_data_is_shown_as_text_everywhere(site):
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        assert "<script>alert" not in content, page
        assert "<img src=x" not in content, page
    tool = html(site, "tools-reviews/hostile")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; Quiz</h1>" in tool
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; Quiz - Testwiki</title>" in tool
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in tool
    assert "<p>Zie &lt;script&gt;alert(5)&lt;/script&gt; en {{ pad }}.</p>" in tool


def test_comparison_pages_are_searchable_without_freshness(site):
    page = html(site, "tools-reviews/categorie/quiz-toetsen")
    assert '<article data-pagefind-body class="md-content__inner md-typeset">' in page
    assert "ictwiki-freshness" not in page


def test_level_view_lists_tools_of_that_level_by_category(site):
    page = flat(html(site, "tools-reviews/niveau/volwassenen"))
    assert "Kantoor en samenwerken" in page and ">Planbord</a>" in page
    assert ">Quizmaker</a>" not in page


def test_overview_lists_categories_levels_rankings_and_tools(site):
    page = html(site, "tools-reviews")
    assert '<a href="categorie/quiz-toetsen/">Quiz en toetsen</a> (3)' in page
    assert '<a href="ranking/2025/">Jaarranking 2025</a>' in page
    assert '<a href="quizmaker/">Quizmaker</a> (Quiz en toetsen)' in page


def test_y6_broken_file_fails_strict_and_loses_nothing_else(repo):
    repo.write("mkdocs.yml", CONFIG)
    repo.write("docs/index.md", "# Welkom\n")
    repo.write("docs/starters-rucksack/index.md", "# Startersrugzak\n")
    broken = (FIXTURES / "planbord.yml").read_text().replace("levels:", "  levels:")
    repo.write("docs/tools-reviews/planbord.yml", broken)
    shutil.copy(FIXTURES / "quizmaker.yml", repo.root / "docs" / "tools-reviews" / "quizmaker.yml")
    repo.commit("2025-07-01")
    strict = mkdocs_build(repo.root, "--strict", today="2025-09-01")
    assert strict.returncode == 1
    assert ("WARNING -  docs/tools-reviews/planbord.yml:4:9: the YAML is not valid (mapping "
            "values are not allowed in this context). Check the indentation around line 4: keys of one block "
            "start in the same column, list items start with '- '. The other tools are still "
            "built.") in strict.stderr
    loose = mkdocs_build(repo.root, today="2025-09-01")
    assert loose.returncode == 0
    assert (repo.root / "site" / "tools-reviews" / "quizmaker" / "index.html").is_file()
    assert (repo.root / "site" / "index.html").is_file()


def test_github_annotation_in_actions(repo, monkeypatch):
    repo.write("mkdocs.yml", CONFIG)
    repo.write("docs/index.md", "# Welkom\n")
    repo.write("docs/starters-rucksack/index.md", "# Startersrugzak\n")
    repo.write("docs/tools-reviews/kapot.yml", "name: Kapot\n")
    repo.commit("2025-07-01")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    done = mkdocs_build(repo.root, today="2025-09-01")
    assert ("::error file=docs/tools-reviews/kapot.yml,line=1,col=1::'category' is missing in "
            "the file. Add it; see the schema for what it holds.") in done.stdout


def test_previous_and_next_links_skip_tool_pages(site):
    assert '<link rel="next" href="categorie/communicatie/">' in html(site, "tools-reviews")
    tool = html(site, "tools-reviews/quizmaker")
    assert '<link rel="next"' not in tool and '<link rel="prev"' not in tool
