"""Recent changes page, Atom feed, review list page and report links, from one history scan."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import SITE_CONFIG, mkdocs_build

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = ("site_url: https://wiki.invalid/sub/\n" + SITE_CONFIG).replace(
    "      review_interval: 365\n",
    "      review_interval: 365\n      recent_count: 3\n"
    "      report_url: https://example.invalid/issues/new?template=verouderde-pagina.yml\n", 1)


@pytest.fixture
def site(repo):
    repo.write("mkdocs.yml", CONFIG)
    repo.write("docs/index.md", "# Welkom\n")
    repo.write("docs/recent.md", "# Recent gewijzigd\n\n<!-- ictwiki:recent -->\n")
    repo.write("docs/te-herzien.md", "# Te herzien\n\n<!-- ictwiki:te-herzien -->\n")
    repo.write("docs/starters-rucksack/oud.md", "---\nowner: '@team-a'\n---\n# Oud & vergeten\n")
    repo.commit("2023-01-10", "start")
    repo.write("docs/starters-rucksack/wifi.md", "# Wifi\n")
    repo.commit("2024-02-01")
    repo.edit("docs/index.md", "# Welkom\n\nNieuw.\n", "2024-03-01")
    repo.write("docs/netwerk.md", "# Netwerk\n")
    repo.commit("2024-04-01")
    done = mkdocs_build(repo.root, "--strict", today="2024-06-01")
    assert done.returncode == 0, done.stderr
    return repo.root / "site"


def test_recent_page_lists_the_latest_changes_newest_first(site):
    page = (site / "recent" / "index.html").read_text("utf-8")
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="ictwiki-change">'
                       r'([^<]+)<time datetime="([^"]+)">', page)
    assert items == [
        ("../netwerk/", "Netwerk", "nieuw op ", "2024-04-01"),
        ("../", "Welkom", "bijgewerkt op ", "2024-03-01"),
        ("../starters-rucksack/wifi/", "Wifi", "nieuw op ", "2024-02-01"),
    ]
    assert '<a href="../feed.xml">Volg de wijzigingen in je feedlezer (Atom)</a>' in page


def test_feed_is_atom_with_the_last_changes_in_order(site):
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == "https://wiki.invalid/sub/feed.xml"
    assert root.findtext(f"{ATOM}title") == "Testwiki: recent gewijzigd"
    assert root.findtext(f"{ATOM}updated") == "2024-04-01T11:00:00+00:00"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://wiki.invalid/sub/feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert [(e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"),
             e.findtext(f"{ATOM}updated")) for e in entries] == [
        ("Nieuwe pagina: Netwerk", "https://wiki.invalid/sub/netwerk/", "2024-04-01T11:00:00+00:00"),
        ("Bijgewerkt: Welkom", "https://wiki.invalid/sub/", "2024-03-01T11:00:00+00:00"),
        ("Nieuwe pagina: Wifi", "https://wiki.invalid/sub/starters-rucksack/wifi/",
         "2024-02-01T11:00:00+00:00"),
    ]
    for entry in entries:  # RFC 4287: every entry has an id, a title, an updated date
        assert entry.findtext(f"{ATOM}id").startswith("https://wiki.invalid/sub/")
        assert entry.find(f"{ATOM}author") is not None
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3
    assert ('<link rel="alternate" type="application/atom+xml" title="ICT-Wiki: recent '
            'gewijzigd" href="feed.xml">') in (site / "index.html").read_text("utf-8")


def test_review_page_matches_the_stale_report(site):
    page = (site / "te-herzien" / "index.html").read_text("utf-8")
    assert "<h2>Eigenaar: @team-a</h2><h3>Startersrugzak</h3>" in page
    assert ('<tr><th scope="row"><a href="../starters-rucksack/oud/">Oud &amp; vergeten</a></th>'
            '<td>Verouderd</td><td><time datetime="2023-07-09">9 juli 2023</time></td>'
            '<td><time datetime="2023-01-10">10 januari 2023</time></td></tr>') in page


def test_every_page_links_to_the_outdated_page_form_with_its_address(site):
    page = (site / "starters-rucksack" / "wifi" / "index.html").read_text("utf-8")
    assert ('<a href="https://example.invalid/issues/new?template=verouderde-pagina.yml&amp;'
            'pagina=https%3A%2F%2Fwiki.invalid%2Fsub%2Fstarters-rucksack%2Fwifi%2F&amp;'
            'title=Verouderd%3A+Wifi">Klopt er iets niet meer op deze pagina? Meld het.</a>'
            ) in page
