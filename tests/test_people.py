"""People files, contributions from a real history, badges, CODEOWNERS and labels."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from ictwiki.people.badges import PageDomains, badges, read_page_domains
from ictwiki.people.contributions import ChangeKind, contributions
from ictwiki.people.github import codeowners, labels
from ictwiki.people.loading import load_people, schema
from ictwiki.people.model import DOMAINS, HANDLE_PATTERN, PERSON_LEVELS, Badge
from ictwiki.policy import ReviewPolicy
from ictwiki.reviews.loading import load_tools

FIXTURES = Path(__file__).parent / "fixtures" / "people"
SECTIONS = {"netwerk": "netwerk", "starters-rucksack": "didactiek",
            "tools-reviews": "leerplatformen"}
POLICY = ReviewPolicy(default_interval=365, section_intervals={"starters-rucksack": 180})
BERT = ("-c", "user.name=Bert Peeters", "-c",
        "user.email=12345+meester-bert@users.noreply.github.com")


def page(title, extra=""):
    return f"---\ntitle: {title}\n{extra}---\n\n# {title}\n\nTekst.\n"


def commit_as(repo, identity, when, message="change"):
    repo.git("add", "-A")
    repo.git(*identity, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def wiki(repo):
    """A wiki whose history holds one-off, frequent, merged and overdue contributions."""
    shutil.copytree(FIXTURES / "people", repo.root / "people")
    (repo.root / "docs" / "tools-reviews").mkdir(parents=True)
    shutil.copy(FIXTURES / "tools" / "bordspel.yml", repo.root / "docs" / "tools-reviews")
    repo.write("docs/index.md", page("Start"))
    repo.write("docs/netwerk/wifi.md", page("Wifi"))
    repo.write("docs/netwerk/archief.md", page("Oud netwerk", "archived: true\n"))
    repo.write("docs/netwerk/privacy-op-school.md", page("Privacy op school", "domein: privacy\n"))
    repo.write("docs/starters-rucksack/eerste-weken.md", page("Eerste weken"))
    repo.commit("2023-01-10", "start")

    # juf-an: one commit, her name is her handle.
    repo.write("docs/netwerk/wifi.md", page("Wifi") + "Meer.\n")
    commit_as(repo, ("-c", "user.name=juf-an"), "2023-03-01")

    # meester-bert: many commits under his real name, with GitHub's noreply address.
    for day, path in [("2023-04-01", "docs/index.md"), ("2023-04-02", "docs/netwerk/wifi.md"),
                      ("2023-04-03", "docs/netwerk/schema.txt"), ("2023-04-04", "docs/index.md")]:
        target = repo.root / path
        repo.write(path, (target.read_text() if target.exists() else "") + f"{day}\n")
        commit_as(repo, BERT, day)

    # juf-cato: her name in other letter case; the starters' page was overdue (180 days).
    repo.write("docs/starters-rucksack/eerste-weken.md", page("Eerste weken") + "Nieuw.\n")
    repo.write("docs/netwerk/privacy-op-school.md",
               page("Privacy op school", "domein: privacy\n") + "Nieuw.\n")
    commit_as(repo, ("-c", "user.name=Juf-Cato"), "2023-08-01")

    # juf-dora: a pull request from her fork, merged by mod-mo.
    repo.git("checkout", "-q", "-b", "vlan")
    repo.write("docs/netwerk/vlan.md", page("VLAN"))
    commit_as(repo, ("-c", "user.name=juf-dora"), "2023-09-01")
    repo.git("checkout", "-q", "main")
    repo.git("-c", "user.name=mod-mo", "merge", "-q", "--no-ff", "vlan", "-m",
             "Merge pull request #7 from juf-dora/vlan", when="2023-09-05")

    # A moderator moves a page: the badges name its new place.
    repo.git("mv", "docs/netwerk/wifi.md", "docs/netwerk/wifi-op-school.md")
    repo.commit("2023-10-01", "move")

    # meester-bert edits an archived page long after its last change: never overdue.
    repo.write("docs/netwerk/archief.md", page("Oud netwerk", "archived: true\n") + "Extra.\n")
    commit_as(repo, BERT, "2024-06-01")
    return repo


def earned(root):
    people, problems = load_people(root)
    assert problems == []
    commits = contributions(root / "docs", [p.handle for p in people])
    tools, tool_problems = load_tools(root / "docs", "tools-reviews")
    assert tool_problems == []
    domains, domain_problems = read_page_domains(root / "docs", SECTIONS)
    assert domain_problems == []
    return badges(people, commits, tools, domains, POLICY)


def test_badges_for_content_and_care(wiki):
    assert earned(wiki.root) == {
        "juf-an": [
            Badge("eerste-bijdrage", "Eerste bijdrage",
                  "Droeg op 1 maart 2023 voor het eerst bij aan de wiki: "
                  "netwerk/wifi-op-school.md."),
            Badge("expert-netwerk", "Expert netwerk",
                  "Geeft netwerk op als domein en werkte op 1 maart 2023 aan "
                  "netwerk/wifi-op-school.md."),
        ],
        "juf-cato": [
            Badge("eerste-bijdrage", "Eerste bijdrage",
                  "Droeg op 1 augustus 2023 voor het eerst bij aan de wiki: "
                  "netwerk/privacy-op-school.md."),
            Badge("eerste-review", "Eerste review",
                  "Schreef op 12 juni 2023 een eerste review: Bordspel."),
            Badge("frisse-wind", "Frisse wind",
                  "Werkte op 1 augustus 2023 de verouderde pagina "
                  "starters-rucksack/eerste-weken.md bij."),
            Badge("expert-privacy", "Expert privacy",
                  "Geeft privacy op als domein en werkte op 1 augustus 2023 aan "
                  "netwerk/privacy-op-school.md."),
            Badge("expert-didactiek", "Expert didactiek",
                  "Geeft didactiek op als domein en werkte op 1 augustus 2023 aan "
                  "starters-rucksack/eerste-weken.md."),
        ],
        "juf-dora": [
            Badge("eerste-bijdrage", "Eerste bijdrage",
                  "Droeg op 5 september 2023 voor het eerst bij aan de wiki: netwerk/vlan.md."),
            Badge("expert-netwerk", "Expert netwerk",
                  "Geeft netwerk op als domein en werkte op 5 september 2023 aan "
                  "netwerk/vlan.md."),
        ],
        "meester-bert": [
            Badge("eerste-bijdrage", "Eerste bijdrage",
                  "Droeg op 1 april 2023 voor het eerst bij aan de wiki: index.md."),
            Badge("expert-netwerk", "Expert netwerk",
                  "Geeft netwerk op als domein en werkte op 2 april 2023 aan "
                  "netwerk/wifi-op-school.md."),
        ],
        "meneer-dirk": [],
        "mod-mo": [],
    }


def test_volume_does_not_count(wiki):
    result = earned(wiki.root)
    commits = contributions(wiki.root / "docs", ["juf-an", "meester-bert"])
    assert [c.handle for c in commits].count("meester-bert") == 5
    assert [c.handle for c in commits].count("juf-an") == 1
    assert ([b.slug for b in result["meester-bert"]]
            == [b.slug for b in result["juf-an"]] == ["eerste-bijdrage", "expert-netwerk"])


def test_contributions_follow_moves_and_keep_no_addresses(wiki):
    commits = contributions(wiki.root / "docs")
    assert [(c.when.date().isoformat(), c.handle) for c in commits] == [
        ("2023-01-10", "Test"),  # without a list of handles, any name that could be one
        ("2023-03-01", "juf-an"),
        ("2023-04-01", "meester-bert"),
        ("2023-04-02", "meester-bert"),
        ("2023-04-03", "meester-bert"),
        ("2023-04-04", "meester-bert"),
        ("2023-08-01", "Juf-Cato"),
        ("2023-09-05", "juf-dora"),  # the merge: the branch owner's work, not the merger's
        ("2023-10-01", "Test"),
        ("2024-06-01", "meester-bert"),
    ]
    move = commits[8].changes
    assert [(c.kind, c.previous_path, c.path, c.content_changed) for c in move] == [
        (ChangeKind.MOVED, "netwerk/wifi.md", "netwerk/wifi-op-school.md", False)]
    assert commits[1].changes[0].page == "netwerk/wifi-op-school.md"
    assert commits[-1].changes[0].facts.archived is True
    text = repr(commits)
    for personal in ("example.invalid", "noreply", "Bert Peeters"):
        assert personal not in text


def test_shallow_clone_leaves_out_the_boundary_commit(wiki, tmp_path):
    clone = tmp_path / "clone"
    wiki.git("clone", "-q", "--depth", "2", f"file://{wiki.root}", str(clone))
    people, _ = load_people(clone)
    commits = contributions(clone / "docs", [p.handle for p in people])
    assert [(c.handle, c.paths) for c in commits] == [("meester-bert", ("netwerk/archief.md",))]
    assert commits[0].changes[0].before.last_updated is None  # cut off: unknown, never guessed
    result = badges(people, commits, [], PageDomains(sections=SECTIONS), POLICY)
    assert [b.slug for b in result["meester-bert"]] == ["eerste-bijdrage", "expert-netwerk"]


def test_frisse_wind_reads_the_page_as_it_was(repo):
    repo.write("docs/kort.md", page("Kort", "review_interval: 30\n"))
    repo.write("docs/lang.md", page("Lang"))
    repo.commit("2023-01-01")
    repo.write("docs/lang.md", page("Lang") + "Meer.\n")
    commit_as(repo, ("-c", "user.name=juf-an"), "2023-03-01")
    repo.write("docs/kort.md", page("Kort", "review_interval: 30\n") + "Meer.\n")
    commit_as(repo, ("-c", "user.email=juf-cato@users.noreply.github.com"), "2023-03-01")
    (repo.root / "people").mkdir()
    for handle in ("juf-an", "juf-cato"):
        (repo.root / "people" / f"{handle}.yml").write_text(
            f"handle: {handle}\ndomains: [beheer]\n")
    people, _ = load_people(repo.root)
    result = badges(people, contributions(repo.root / "docs", ["juf-an", "juf-cato"]), [],
                    PageDomains(), ReviewPolicy())
    assert [b.slug for b in result["juf-an"]] == ["eerste-bijdrage"]
    assert result["juf-cato"][1] == Badge(
        "frisse-wind", "Frisse wind", "Werkte op 1 maart 2023 de verouderde pagina kort.md bij.")


def test_codeowners_lists_the_experts_of_each_section(wiki):
    people, _ = load_people(wiki.root)
    assert codeowners(people, SECTIONS, "ictwiki people codeowners") == (
        "# Generated by ictwiki people codeowners. Do not edit by hand.\n"
        "/docs/netwerk/  @juf-an @juf-dora @meester-bert @mod-mo\n"
        "/docs/starters-rucksack/  @juf-cato\n"
    )
    assert codeowners(people, SECTIONS, "ictwiki people codeowners",
                      earned=earned(wiki.root)) == (
        "# Generated by ictwiki people codeowners. Do not edit by hand.\n"
        "/docs/netwerk/  @juf-an @juf-dora @meester-bert\n"
        "/docs/starters-rucksack/  @juf-cato\n"
    )


def test_codeowners_refuses_an_unknown_domain():
    with pytest.raises(ValueError, match=r"^section 'netwerk' has the domain 'wifi', which is "
                                         r"not on the list\. Use one of: netwerk, devices, "):
        codeowners([], {"netwerk": "wifi"}, "x")


def test_labels_yaml():
    text = labels(["netwerk", "privacy"], "ictwiki people labels")
    assert text == (
        "# Generated by ictwiki people labels. Do not edit by hand.\n"
        '- name: "domein:netwerk"\n'
        '  color: "1d76db"\n'
        '  description: "Netwerk, wifi, internetverbinding en beveiliging"\n'
        '- name: "domein:privacy"\n'
        '  color: "b60205"\n'
        '  description: "Privacy, AVG (GDPR) en verwerkersovereenkomsten"\n'
    )
    every = yaml.safe_load(labels(DOMAINS, "x"))
    assert [label["name"] for label in every] == [f"domein:{d}" for d in DOMAINS]
    assert all(len(label["description"]) <= 100 for label in every)  # GitHub's limit


def test_schema_lists_match_the_model():
    props = schema()["properties"]
    assert props["domains"]["items"]["enum"] == list(DOMAINS)
    assert props["levels"]["items"]["enum"] == list(PERSON_LEVELS)
    assert props["handle"]["pattern"] == HANDLE_PATTERN
    assert json.loads((Path(__file__).parent.parent / "plugins/ictwiki/people/person.schema.json")
                      .read_text())["additionalProperties"] is False


def test_broken_people_files_are_reported_and_the_others_load(tmp_path):
    people_dir = tmp_path / "people"
    people_dir.mkdir()
    (people_dir / "juf-an.yml").write_text(
        "handle: juf-an\ndomains: [netwerk]\nemail: an@school.invalid\n")
    (people_dir / "juf-bert.yml").write_text(
        "handle: juf-bert\nname: Bert 0470 12 34 56\ndomains: [devices]\n")
    (people_dir / "juf-cato.yml").write_text("handle: juf-kato\ndomains: [privacy]\n")
    (people_dir / "kapot.yml").write_text("handle: kapot\n domains: [netwerk]\n")
    shutil.copy(FIXTURES / "people" / "meester-bert.yml", people_dir)
    people, problems = load_people(tmp_path)
    assert [p.handle for p in people] == ["meester-bert"]
    assert [str(p) for p in problems] == [
        "people/juf-an.yml:3:1: 'email' is personal contact data, which the wiki never "
        "publishes. Remove it; people reach you through GitHub (@juf-an).",
        "people/juf-bert.yml:2:7: name contains a phone number, which the wiki never "
        "publishes. Remove it; people reach you through GitHub (@juf-bert).",
        "people/juf-cato.yml:1:9: handle 'juf-kato' does not match the file name "
        "'juf-cato.yml'. Name the file after the GitHub handle (people/juf-kato.yml), or "
        "correct the handle.",
        "people/kapot.yml:2:9: the YAML is not valid (mapping values are not allowed in this "
        "context). Check the indentation around line 2: keys of one block start in the same "
        "column, list items start with '- '.",
    ]


@pytest.mark.parametrize("text, message", [
    ("handle: juf-an\ndomains: [netwerk]\nE-Mail: an@school.invalid\n",
     "3:1: 'E-Mail' is personal contact data, which the wiki never publishes. Remove it; "
     "people reach you through GitHub (@juf-an)."),
    ("handle: juf-an\ndomains: [netwerk]\ntelefoon: 09 123 45 67\n",
     "3:1: 'telefoon' is personal contact data, which the wiki never publishes. Remove it; "
     "people reach you through GitHub (@juf-an)."),
    ("handle: juf-an\ndomains: [netwerk]\nregion: Gent, an (at) school (dot) be\n",
     "3:9: region contains an e-mail address, which the wiki never publishes. Remove it; "
     "people reach you through GitHub (@juf-an)."),
    ("handle: juf-an\nname: 0470123456\ndomains: [netwerk]\n",  # a number to YAML
     "2:7: name contains a phone number, which the wiki never publishes. Remove it; people "
     "reach you through GitHub (@juf-an)."),
    ("handle: '@juf-an'\ndomains: [netwerk]\n",
     "1:9: handle '@juf-an' starts with @. Write the username without it: handle: juf-an."),
    ("handle: juf-an\ndomains: []\n",
     "2:10: domains is empty. Name at least one of: netwerk, devices, leerplatformen, privacy, "
     "didactiek, beheer, budget."),
    ("handle: juf-an\ndomains: [wifi]\n",
     "2:11: domains.0 'wifi' is not allowed. Write one of: netwerk, devices, leerplatformen, "
     "privacy, didactiek, beheer, budget."),
    ("handle: juf-an\n",
     "1:1: 'domains' is missing. Add what you know about, e.g. domains: [netwerk]. Choose "
     "from: netwerk, devices, leerplatformen, privacy, didactiek, beheer, budget."),
    ("- juf-an\n", "1:1: the file must hold 'key: value' lines, starting with 'handle:'."),
])
def test_bad_people_file(tmp_path, text, message):
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "juf-an.yml").write_text(text)
    people, problems = load_people(tmp_path)
    assert people == []
    assert [str(p) for p in problems] == [f"people/juf-an.yml:{message}"]


def test_files_that_are_not_people_files(tmp_path):
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "README.md").write_text("# Mensen\n")
    (tmp_path / "people" / "juf-an.yaml").write_text("handle: juf-an\ndomains: [netwerk]\n")
    (tmp_path / "people" / "Juf-An.yml").write_text("handle: Juf-An\ndomains: [netwerk]\n")
    (tmp_path / "people" / "juf-an.yml").write_text("handle: juf-an\ndomains: [netwerk]\n")
    people, problems = load_people(tmp_path)
    assert [p.handle for p in people] == ["Juf-An"]
    assert [str(p) for p in problems] == [
        "people/juf-an.yaml:1:1: this file is not read as a people file. Name it after your "
        "GitHub handle, e.g. people/juf-an.yml, directly in people/.",
        "people/juf-an.yml:1:1: people/Juf-An.yml already describes this GitHub handle "
        "(GitHub ignores letter case). Keep one file per person and remove this one.",
    ]


def test_page_domain_not_on_the_list(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("---\ntitle: A\ndomein: wifi\n---\n# A\n")
    domains, problems = read_page_domains(tmp_path / "docs", {"": "beheer"})
    assert domains.domain_of("a.md") == "beheer"
    assert [str(p) for p in problems] == [
        "docs/a.md:3:1: domein 'wifi' is not a domain. Write one of: netwerk, devices, "
        "leerplatformen, privacy, didactiek, beheer, budget."]


def test_no_repository_no_contributions(tmp_path):
    (tmp_path / "docs").mkdir()
    assert contributions(tmp_path / "docs") == []
