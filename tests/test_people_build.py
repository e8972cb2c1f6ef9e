"""Full builds of a wiki with people, schools and history: the pages, the question links,
CODEOWNERS and the labels file, asserted as a reader or a moderator sees them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SITE_CONFIG, mkdocs_build
from test_people import wiki  # noqa: F401  (the fixture: people and their history)

SCHOOLS = Path(__file__).parent / "fixtures" / "schools"
FORM = "https://example.invalid/wiki/issues/new?template=vraag.yml"
CONFIG = SITE_CONFIG.replace("  - ictwiki-search\n", f"""\
  - ictwiki-reviews
  - ictwiki-people:
      question_url: {FORM}
      sections:
        netwerk: netwerk
        starters-rucksack: didactiek
        tools-reviews: leerplatformen
  - ictwiki-search
""")
BASE = """\
# About this file (not copied).

*                        @voorbeeld/moderatoren
/docs/netwerk/           @voorbeeld/netwerkteam
"""


@pytest.fixture
def built(wiki):  # noqa: F811
    wiki.write("mkdocs.yml", CONFIG)
    wiki.write("docs/mensen/index.md", "# Wie weet wat\n\n<!-- ictwiki:wie-weet-wat -->\n")
    wiki.write("docs/scholen/index.md", "# Scholen\n\n<!-- ictwiki:scholen -->\n")
    wiki.write("docs/tools-reviews/index.md", "# Tools\n")
    for name in ("de-fictieve-linde.yml", "het-verzonnen-atheneum.yml", "sint-denkbeeld.yml"):
        shutil.copy(SCHOOLS / name, wiki.root / "docs" / "scholen" / name)
    wiki.write("people/juf-eva.yml", "handle: juf-eva\nname: <b>Eva</b> *x*\ndomains: [beheer]\n")
    wiki.write(".github/CODEOWNERS.base", BASE)
    wiki.commit("2024-11-01", "people and schools pages")
    done = mkdocs_build(wiki.root, "--strict", today="2025-01-01")
    assert done.returncode == 0, done.stderr
    return wiki


def article(root: Path, path: str) -> str:
    text = (root / "site" / path / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", text, re.S).group(0)


def test_who_knows_what_lists_the_experts_of_each_domain(built):
    page = article(built.root, "mensen")
    netwerk = re.search(r'<h2 id="netwerk">.*?(?=<h2)', page, re.S).group(0)
    assert re.search(r'<ul class="ictwiki-experts">.*?</ul>', netwerk).group(0) == (
        '<ul class="ictwiki-experts">'
        '<li><a href="juf-an/">Juf An</a> (@juf-an, lager onderwijs, Oost-Vlaanderen) '
        '<span class="ictwiki-badge">met bijdragen in dit domein</span></li>'
        '<li><a href="juf-dora/">juf-dora</a> (@juf-dora) '
        '<span class="ictwiki-badge">met bijdragen in dit domein</span></li>'
        '<li><a href="meester-bert/">meester-bert</a> (@meester-bert, secundair onderwijs) '
        '<span class="ictwiki-badge">met bijdragen in dit domein</span></li>'
        '<li><a href="mod-mo/">mod-mo</a> (@mod-mo)</li></ul>')
    assert (f'<a href="{FORM}&amp;title=Vraag+over%3A+Wie+weet+wat&amp;pagina=%2Fmensen%2F'
            "&amp;domein=Netwerk%2C+wifi%2C+internetverbinding+en+beveiliging"
            '&amp;labels=vraag%2Cdomein%3Anetwerk">Stel een vraag over netwerk</a>') in netwerk
    budget = re.search(r'<h2 id="budget">.*', page, re.S).group(0)
    assert '<a href="meneer-dirk/">meneer-dirk</a> (@meneer-dirk, Kempen)</li>' in budget
    beheer = re.search(r'<h2 id="beheer">.*?(?=<h2)', page, re.S).group(0)
    assert '<a href="juf-eva/">&lt;b&gt;Eva&lt;/b&gt; *x*</a> (@juf-eva)</li>' in beheer
    devices = re.search(r'<h2 id="devices">.*?(?=<h2)', page, re.S).group(0)
    assert "meester-bert" in devices and "met bijdragen" not in devices
    didactiek = re.search(r'<h2 id="didactiek">.*?(?=<h2)', page, re.S).group(0)
    assert '<a href="juf-cato/">Cato</a> (@juf-cato, kleuteronderwijs, lager onderwijs)' \
        in didactiek
    leer = re.search(r'<h2 id="leerplatformen">.*?(?=<h2)', page, re.S).group(0)
    assert ('<p>Nog niemand gaf dit domein op. Weet jij er veel van? <a href="../CONTRIBUTING/'
            '#8-jezelf-toevoegen-aan-wie-weet-wat">Zet jezelf op deze pagina</a>.</p>') in leer


def test_a_contributor_page_shows_the_badges_and_their_reasons(built):
    page = article(built.root, "mensen/juf-cato")
    assert re.search(r'<ul class="ictwiki-badges">.*?</ul>', page).group(0) == (
        '<ul class="ictwiki-badges">'
        '<li><strong class="ictwiki-badge">Eerste bijdrage</strong> Droeg op 1 augustus 2023 '
        "voor het eerst bij aan de wiki: netwerk/privacy-op-school.md.</li>"
        '<li><strong class="ictwiki-badge">Eerste review</strong> Schreef op 12 juni 2023 een '
        "eerste review: Bordspel.</li>"
        '<li><strong class="ictwiki-badge">Frisse wind</strong> Werkte op 1 augustus 2023 de '
        "verouderde pagina starters-rucksack/eerste-weken.md bij.</li>"
        '<li><strong class="ictwiki-badge">Expert privacy</strong> Geeft privacy op als domein '
        "en werkte op 1 augustus 2023 aan netwerk/privacy-op-school.md.</li>"
        '<li><strong class="ictwiki-badge">Expert didactiek</strong> Geeft didactiek op als '
        "domein en werkte op 1 augustus 2023 aan starters-rucksack/eerste-weken.md.</li></ul>")
    assert ('<tr><th scope="row">Weet veel over</th><td><a href="../#didactiek">Didactiek</a>, '
            '<a href="../#privacy">Privacy</a></td></tr>') in page
    assert '<a href="https://github.com/juf-cato">@juf-cato</a>' in page
    nobody = article(built.root, "mensen/meneer-dirk")
    assert '<p>Nog geen badges. <a href="../badges/">Zo werken de badges</a>.</p>' in nobody
    eva = article(built.root, "mensen/juf-eva")
    assert "<h1>&lt;b&gt;Eva&lt;/b&gt; *x*</h1>" in eva and "<b>Eva" not in eva
    for leak in ("example.invalid", "noreply", "Bert Peeters"):
        assert leak not in article(built.root, "mensen/meester-bert")


def test_badge_rules_are_on_the_site_and_nothing_counts(built):
    page = article(built.root, "mensen/badges")
    assert re.findall(r"<dt>(.*?)</dt>", page) == [
        "Eerste bijdrage", "Eerste review", "Frisse wind", "Expert in een domein"]
    assert "Er zijn geen punten en er is geen ranglijst." in page
    assert not re.search(r"\b\d+ (bijdragen|punten|commits)\b", article(built.root, "mensen"))


def test_people_and_school_pages_stay_out_of_the_menu(built):
    home = (built.root / "site" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', home, re.S).group(0)
    assert "mensen/badges/" in nav and "mensen/juf-an/" not in nav
    assert "scholen/de-fictieve-linde/" not in nav


def test_every_page_asks_its_domains_experts(built):
    def ask(path):
        text = (built.root / "site" / path / "index.html").read_text(encoding="utf-8")
        found = re.findall(r'<a href="([^"]+)">Stel een vraag over deze pagina</a>', text)
        assert len(found) == 1
        return found[0].replace("&amp;", "&")
    assert ask("netwerk/vlan") == (
        f"{FORM}&title=Vraag+over%3A+VLAN&pagina=%2Fnetwerk%2Fvlan%2F"
        "&domein=Netwerk%2C+wifi%2C+internetverbinding+en+beveiliging"
        "&labels=vraag%2Cdomein%3Anetwerk")
    # The page's own domein goes before its section's.
    assert "labels=vraag%2Cdomein%3Aprivacy" in ask("netwerk/privacy-op-school")
    # No domain for the folder: the question has only the vraag label.
    assert ask("mensen").endswith("&pagina=%2Fmensen%2F&labels=vraag")


def test_schools_page_and_a_school_with_its_look_alikes(built):
    index = article(built.root, "scholen")
    rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<table>.*?</table>", index).group(0))
    assert rows[1] == (
        '<th scope="row"><a href="de-fictieve-linde/">Basisschool De Fictieve Linde</a></th>'
        "<td>Kleuter, Lager</td><td>Oost-Vlaanderen</td><td>Smartschool</td>"
        "<td>Chromebooks, iPads</td><td>Google Admin</td>")
    systems = re.search(r'<ul class="ictwiki-systems">.*?</ul>', index).group(0)
    assert re.findall(r"<li>(.*?):", systems) == [
        "Chromebooks", "Google Admin", "Informat", "iPads", "Smartschool"]
    assert ('<li>iPads: <a href="de-fictieve-linde/">Basisschool De Fictieve Linde</a>, '
            '<a href="sint-denkbeeld/">Sint-Denkbeeldschool</a></li>') in systems
    school = article(built.root, "scholen/de-fictieve-linde")
    assert re.search(r'<ul class="ictwiki-similar">.*?</ul>', school).group(0) == (
        '<ul class="ictwiki-similar">'
        '<li><a href="../het-verzonnen-atheneum/">Het Verzonnen Atheneum</a> '
        "(secundair onderwijs, Antwerpen): Smartschool, Chromebooks</li>"
        '<li><a href="../sint-denkbeeld/">Sint-Denkbeeldschool</a> '
        "(kleuteronderwijs, lager onderwijs, Limburg): iPads</li></ul>")
    assert re.findall(r'data-pagefind-filter="(\w+)">([^<]*)<', school) == [
        ("sectie", "scholen"), ("status", "Actueel"),
        ("niveau", "Kleuteronderwijs"), ("niveau", "Lager onderwijs"),
        ("regio", "Oost-Vlaanderen"), ("systeem", "Smartschool"),
        ("systeem", "Chromebooks"), ("systeem", "iPads"), ("systeem", "Google Admin")]
    assert ('<a href="https://de-fictieve-linde.invalid/contact" rel="nofollow">'
            "https://de-fictieve-linde.invalid/contact</a>") in school
    assert ('bevestigd op <time datetime="2024-09-01">1 september 2024</time>') in school
    assert "@" not in re.sub(r"<[^>]+>", "", school)


def ictwiki(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ictwiki_scripts.ictwiki", *args], cwd=root,
                          capture_output=True, text=True, check=False)


def test_ictwiki_people_writes_codeowners_and_labels_and_checks_them(built):
    done = ictwiki(built.root, "people")
    assert done.returncode == 0, done.stderr
    assert (built.root / ".github" / "CODEOWNERS").read_text() == (
        "# Generated by `ictwiki people` from .github/CODEOWNERS.base and people/*.yml; edit "
        "those, then run it. Do not edit by hand.\n"
        "*                        @voorbeeld/moderatoren\n"
        "/docs/netwerk/           @voorbeeld/netwerkteam\n"
        "\n"
        "# Experts per domain, from the people files.\n"
        "/docs/netwerk/  @voorbeeld/netwerkteam @juf-an @juf-dora @meester-bert @mod-mo\n"
        "/docs/starters-rucksack/  @voorbeeld/moderatoren @juf-cato\n"
        "/docs/netwerk/privacy-op-school.md  @voorbeeld/netwerkteam @juf-cato\n"
    )
    labels = (built.root / ".github" / "labels.yml").read_text()
    assert labels.startswith("# Generated by `ictwiki people`. Do not edit by hand.\n"
                             '- name: "domein:netwerk"\n')
    assert ictwiki(built.root, "people", "--check").returncode == 0

    # A domain no section or page has changes nothing; moving to another domain does.
    built.write("people/juf-an.yml", "handle: juf-an\ndomains: [netwerk, budget]\n")
    assert ictwiki(built.root, "people", "--check").returncode == 0
    built.write("people/juf-an.yml", "handle: juf-an\ndomains: [didactiek]\n")
    done = ictwiki(built.root, "people", "--check")
    assert done.returncode == 1
    assert ("\n-/docs/netwerk/  @voorbeeld/netwerkteam @juf-an @juf-dora @meester-bert @mod-mo\n"
            "-/docs/starters-rucksack/  @voorbeeld/moderatoren @juf-cato\n"
            "+/docs/netwerk/  @voorbeeld/netwerkteam @juf-dora @meester-bert @mod-mo\n"
            "+/docs/starters-rucksack/  @voorbeeld/moderatoren @juf-an @juf-cato\n") in done.stderr
    assert ("Error: .github/CODEOWNERS out of date with the people files. Run `ictwiki people` "
            "and commit the result.") in done.stderr
    assert (built.root / ".github" / "CODEOWNERS").read_text().count("@juf-an") == 1  # unwritten


def test_a_broken_people_or_school_file_leaves_the_rest_built(built):
    built.write("people/juf-fien.yml", "handle: juf-fien\ndomains: [netwerk]\n"
                "email: fien@school.invalid\n")
    built.write("docs/scholen/kapot.yml", "name: Kapotte School\nlevels: [lager]\n"
                "region: Limburg\nsystems: {devices: [iPads]}\n"
                "contact_url: mailto:info@kapot.invalid\nconfirmed_on: 2024-01-01\n")
    done = mkdocs_build(built.root, today="2025-01-01")
    assert done.returncode == 0, done.stderr
    assert ("WARNING -  people/juf-fien.yml:3:1: 'email' is personal contact data, which the "
            "wiki never publishes. Remove it; people reach you through GitHub (@juf-fien). "
            "The other tools are still built.") in done.stderr
    assert "docs/scholen/kapot.yml:5:14: " in done.stderr
    assert not (built.root / "site" / "mensen" / "juf-fien").exists()
    assert not (built.root / "site" / "scholen" / "kapot").exists()
    assert (built.root / "site" / "scholen" / "sint-denkbeeld" / "index.html").exists()
    assert "fien@school.invalid" not in "".join(
        p.read_text(errors="replace") for p in (built.root / "site").rglob("*.html"))
    checked = ictwiki(built.root, "check")
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[0].startswith(
        "people/juf-fien.yml:3:1: 'email' is personal contact data")
    assert "docs/scholen/kapot.yml:5:14: " in checked.stderr


def test_route_question_labels_and_mentions_the_experts(built, tmp_path):
    import json
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {
        "number": 3, "user": {"login": "juf-an"}, "labels": [{"name": "vraag"}],
        "body": "### Over welke pagina gaat je vraag?\n\n_No response_\n\n### Onderwerp\n\n"
                "Netwerk, wifi, internetverbinding en beveiliging\n\n### Je vraag\n\nHoe?\n"}}))
    done = ictwiki(built.root, "route-question", str(event))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "label": "domein:netwerk", "label_color": "1d76db",
        "label_description": "Netwerk, wifi, internetverbinding en beveiliging",
        "comment": "Deze vraag gaat over netwerk, wifi, internetverbinding en beveiliging. "
                   "@juf-dora, @meester-bert, @mod-mo: jullie gaven dit domein op in de wiki; "
                   "kunnen jullie helpen?\n\n(Automatisch bericht: wie een domein opgeeft in "
                   "people/, krijgt vragen daarover te zien.)"}


def test_school_data_is_text_everywhere_and_a_bad_indent_is_named(built):
    # Cases Y3-Y6 for school files: markup, a pipe, left-out fields, a broken file.
    built.write("docs/scholen/vreemd.yml", """\
        name: "<script>alert(1)</script> School"
        levels: [lager]
        region: Limburg
        systems:
          devices: ["Windows | macOS", "<img src=x onerror=alert(1)>", iPads]
        contact_url: https://vreemd.invalid/contact
        confirmed_on: 2024-10-01
        """)
    built.write("docs/scholen/scheef.yml", """\
        name: Scheve School
        levels: [lager]
        region: Limburg
        systems:
          devices: [iPads]
        contact_url: https://scheef.invalid/contact
          confirmed_on: 2024-10-01
        """)
    done = mkdocs_build(built.root, today="2025-01-01")
    assert done.returncode == 0, done.stderr
    assert "docs/scholen/scheef.yml:7:" in done.stderr
    school = article(built.root, "scholen/vreemd")
    assert "<script>" not in school and "<img" not in school
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; School</h1>" in school
    assert ('<tr><th scope="row">Toestellen</th><td>Windows | macOS, &lt;img src=x '
            "onerror=alert(1)&gt;, iPads</td></tr>") in school
    assert ('<tr><th scope="row">Gemeente</th><td><span class="ictwiki-missing" '
            'title="niet ingevuld">–</span></td></tr>') in school
    index = article(built.root, "scholen")
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", index) if "vreemd/" in r)
    assert row.count("<td>") == 5 and "<script>" not in row
    assert not (built.root / "site" / "scholen" / "scheef").exists()


def test_a_page_with_the_name_of_a_generated_one_wins_and_is_named(built):
    built.write("docs/scholen/sint-denkbeeld.md", "# Onze eigen pagina\n")
    built.write("docs/mensen/badges.md", "# Eigen badges\n")
    done = mkdocs_build(built.root, today="2025-01-01")
    assert done.returncode == 0, done.stderr
    assert ("WARNING -  docs/scholen/sint-denkbeeld.md is a page of its own, and the wiki would "
            "also generate it from scholen/sint-denkbeeld.yml. Rename one of the two; the "
            "generated page is left out.") in done.stderr
    assert "docs/mensen/badges.md is a page of its own" in done.stderr
    assert "<h1" in article(built.root, "scholen/sint-denkbeeld")
    assert "Onze eigen pagina" in article(built.root, "scholen/sint-denkbeeld")
