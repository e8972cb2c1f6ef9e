"""Full MkDocs builds of a fixture wiki with a real history: what readers and tools get."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import SITE_CONFIG, mkdocs_build


@pytest.fixture
def wiki(repo):
    repo.write("mkdocs.yml", SITE_CONFIG)
    repo.write("docs/index.md", "# Welkom\n\nDe startpagina.\n")
    repo.write("docs/starters-rucksack/oud.md", """\
        ---
        title: Eerste weken
        owner: '@ict-wiki/startersteam'
        tags:
          - starten
        ---
        # Eerste weken

        Wat een coördinator eerst doet.
        """)
    repo.commit("2023-11-02", "start")
    repo.edit("docs/starters-rucksack/oud.md", """\
        ---
        title: Eerste weken
        owner: '@ict-wiki/startersteam'
        tags:
          - starten
        ---
        # Eerste weken

        Wat een coördinator eerst doet, bijgewerkt.
        """, "2023-12-01")
    repo.write("docs/archief.md", "---\narchived: true\n---\n# Windows 7\n\nOude toestellen.\n")
    repo.write("docs/vers.md", """\
        ---
        tags:
          - netwerk
        ---
        # Back-up maken

        Maak een archief met `tar czf {{pad/naar/doel.tar.gz}} map/` en bewaar het.
        """)
    repo.commit("2024-05-01", "more pages")
    return repo


def read(repo, path):
    return (repo.root / "site" / path).read_text(encoding="utf-8")


def test_strict_build_stamps_every_page(wiki):
    done = mkdocs_build(wiki.root, "--strict")
    assert done.returncode == 0, done.stderr
    page = read(wiki, "starters-rucksack/oud/index.html")
    assert ('<article data-pagefind-body data-freshness="verouderd" data-review-by="2024-05-29" '
            'data-due-soon-days="30" class="md-content__inner md-typeset">') in page
    assert 'Laatst bijgewerkt: <time datetime="2023-12-01">1 december 2023</time>' in page
    assert 'Aangemaakt: <time datetime="2023-11-02">2 november 2023</time>' in page
    assert 'Te herzien tegen: <time datetime="2024-05-29">29 mei 2024</time>' in page
    assert 'Eigenaar: @ict-wiki/startersteam' in page
    # The overdue banner is shown (not hidden) and links to the edit page.
    assert ('<div class="admonition warning ictwiki-banner" data-ictwiki-banner="verouderd">'
            '<p class="admonition-title">Deze pagina is verouderd</p>') in page
    assert ('<a href="https://example.invalid/wiki/edit/main/docs/starters-rucksack/oud.md">'
            'Werk de pagina bij</a>') in page
    assert '<span data-pagefind-filter="sectie">Startersrugzak</span>' in page
    assert '<span data-pagefind-filter="tag">starten</span>' in page
    assert '<span data-pagefind-sort="bijgewerkt">2023-12-01</span>' in page


def test_sections_get_their_configured_titles_in_the_navigation(wiki):
    mkdocs_build(wiki.root, "--strict")
    nav = re.sub(r"\s+", " ", read(wiki, "index.html"))
    assert '<span class="md-ellipsis"> Startersrugzak </span>' in nav
    assert "starters rucksack" not in nav.lower()


def test_fresh_page_hides_the_overdue_banner_for_the_script(wiki):
    mkdocs_build(wiki.root, "--strict")
    page = read(wiki, "vers/index.html")
    assert 'data-freshness="actueel" data-review-by="2025-05-01"' in page
    assert 'data-ictwiki-banner="verouderd" hidden>' in page
    assert "assets/ictwiki/freshness.js" in page


def test_p1_braces_in_prose_are_shown_literally(wiki):
    mkdocs_build(wiki.root, "--strict")
    assert "<code>tar czf {{pad/naar/doel.tar.gz}} map/</code>" in read(wiki, "vers/index.html")


def test_archived_page_shows_the_archive_notice(wiki):
    mkdocs_build(wiki.root, "--strict")
    page = read(wiki, "archief/index.html")
    assert '<article data-pagefind-body data-freshness="archief" class=' in page
    assert '<p class="admonition-title">Archiefpagina</p>' in page
    assert "Te herzien tegen" not in page


def test_freshness_json_has_one_record_per_page(wiki):
    mkdocs_build(wiki.root, "--strict")
    records = json.loads(read(wiki, "freshness.json"))
    assert [r["url"] for r in records] == ["/", "/archief/", "/starters-rucksack/oud/", "/vers/"]
    assert records[2] == {
        "url": "/starters-rucksack/oud/",
        "source": "docs/starters-rucksack/oud.md",
        "title": "Eerste weken",
        "section": "starters-rucksack",
        "status": "verouderd",
        "created": "2023-11-02",
        "last_updated": "2023-12-01",
        "last_reviewed": None,
        "review_by": "2024-05-29",
        "review_interval_days": 180,
        "owner": "@ict-wiki/startersteam",
    }
    assert records[1]["status"] == "archief" and records[1]["review_by"] is None


def test_search_is_pagefind_not_lunr(wiki):
    done = mkdocs_build(wiki.root, "--strict")
    assert "Pagefind indexed 4 pages" in done.stderr
    site = wiki.root / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
    assert "assets/ictwiki/search.js" in read(wiki, "index.html")


def test_built_in_search_plugin_is_refused(wiki):
    wiki.write("mkdocs.yml", SITE_CONFIG.replace("  - tags\n", "  - search\n  - tags\n"))
    done = mkdocs_build(wiki.root)
    assert done.returncode == 1
    assert ("ictwiki-search replaces the built-in search: remove 'search' from the plugins list "
            "in mkdocs.yml.") in done.stderr


def test_bad_review_date_fails_strict_but_loses_nothing(wiki):
    wiki.write("docs/kapot.md", "---\ntitle: Kapotte datum\nlast_reviewed: 2026-13-01\n---\nTekst\n")
    wiki.commit("2024-05-02")
    message = ("WARNING -  docs/kapot.md: last_reviewed '2026-13-01' is not a date (line 3). "
               "That day is not in the calendar; check the month and the day.")
    strict = mkdocs_build(wiki.root, "--strict")
    assert strict.returncode == 1
    assert message in strict.stderr
    loose = mkdocs_build(wiki.root)
    assert loose.returncode == 0
    page = read(wiki, "kapot/index.html")
    # The title from the front matter survives; the front matter is not shown as text.
    assert "<title>Kapotte datum - Testwiki</title>" in page
    assert "last_reviewed" not in page
    assert len(json.loads(read(wiki, "freshness.json"))) == 5


def test_g1_shallow_build_warns_once_and_fails_strict(wiki, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{wiki.root}", str(clone)],
                   check=True)
    strict = mkdocs_build(clone, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.count("shallow clone") == 1
    assert "'fetch-depth: 0' with actions/checkout in CI" in strict.stderr
    loose = mkdocs_build(clone)
    assert loose.returncode == 0
    page = (clone / "site" / "starters-rucksack" / "oud" / "index.html").read_text("utf-8")
    assert 'data-freshness="onbekend"' in page
    assert "2024-05-01" not in page and "1 mei 2024" not in page
    assert ("deze versie van de site is gebouwd zonder de volledige geschiedenis") in page


def test_untracked_page_is_onbekend(wiki):
    wiki.write("docs/nieuw.md", "# Nog niet gecommit\n")
    done = mkdocs_build(wiki.root, "--strict")
    assert done.returncode == 0, done.stderr
    page = read(wiki, "nieuw/index.html")
    assert 'data-freshness="onbekend"' in page
    assert "deze pagina is nog niet opgenomen in de geschiedenis" in page


def test_configuration_mistakes_are_named(wiki):
    wiki.write("mkdocs.yml", SITE_CONFIG.replace("starters-rucksack:", "starter-rucksack:"))
    done = mkdocs_build(wiki.root, "--strict")
    assert done.returncode == 1
    assert ("WARNING -  ictwiki-freshness: sections.starter-rucksack names no folder of the docs; "
            "check the spelling (there is no docs/starter-rucksack/).") in done.stderr
    wiki.write("mkdocs.yml", SITE_CONFIG.replace("review_interval: 365", "review_interval: -5"))
    done = mkdocs_build(wiki.root)
    assert done.returncode == 1
    assert ("ictwiki-freshness: review_interval must be 1 to 3650 days, not -5.") in done.stderr


def test_string_tags_and_non_utf8_page_do_not_stop_the_build(wiki):
    wiki.write("docs/tags.md", "---\ntitle: Tags als tekst\ntags: netwerk\n---\n# T\n")
    (wiki.root / "docs" / "latin.md").write_bytes("# Caf\xe9 op school\n".encode("latin-1"))
    wiki.commit("2024-05-20")
    done = mkdocs_build(wiki.root)
    assert done.returncode == 0, done.stderr
    assert ("WARNING -  docs/tags.md: tags must be a list (line 3). Write tags: [netwerk]."
            in done.stderr)
    assert ("WARNING -  docs/latin.md: the file is not UTF-8 text (byte 5). Save it as UTF-8; "
            "until then the characters it cannot read show as \ufffd.") in done.stderr
    assert "Caf\ufffd op school" in read(wiki, "latin/index.html")
    assert '<span data-pagefind-filter="tag">netwerk</span>' in read(wiki, "tags/index.html")
