"""School files: loading, refusals of contact data and other faults, and similar schools."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from ictwiki.people.loading import schema as person_schema
from ictwiki.reviews.model import LEVELS
from ictwiki.schools.loading import is_contact_key, load_schools, load_text, schema
from ictwiki.schools.model import REGIONS, SYSTEM_KINDS, School, similar

FIXTURES = Path(__file__).parent / "fixtures" / "schools"
PATH = "docs/scholen/de-fictieve-linde.yml"
LINK = ("remove it and link the school's public contact page or form instead, e.g. "
        "contact_url: https://www.school.be/contact.")

MINIMAL = """\
name: Basisschool De Fictieve Linde
levels: [lager]
region: Oost-Vlaanderen
systems:
  devices: [Chromebooks]
contact_url: https://de-fictieve-linde.invalid/contact
confirmed_on: 2024-09-01
"""

LINDE = School(
    slug="de-fictieve-linde",
    name="Basisschool De Fictieve Linde",
    levels=("kleuter", "lager"),
    region="Oost-Vlaanderen",
    contact_url="https://de-fictieve-linde.invalid/contact",
    confirmed_on=date(2024, 9, 1),
    path="docs/scholen/de-fictieve-linde.yml",
    learning_platforms=("Smartschool",),
    devices=("Chromebooks", "iPads"),
    management=("Google Admin",),
    town="Fictiegem",
    school_community="Scholengemeenschap Verzonnen Land",
    website="https://de-fictieve-linde.invalid",
    summary="Een verzonnen basisschool, alleen voor de tests.",
)


@pytest.fixture
def docs(tmp_path):
    """A docs folder whose scholen/ holds the fixture schools and the folder's own page."""
    shutil.copytree(FIXTURES, tmp_path / "docs" / "scholen")
    return tmp_path / "docs"


def school(name, slug, **systems):
    return School(slug=slug, name=name, levels=("lager",), region="Limburg",
                  contact_url=f"https://{slug}.invalid/contact", confirmed_on=date(2024, 1, 1),
                  path=f"docs/scholen/{slug}.yml", **systems)


def messages(text, file_name="de-fictieve-linde.yml", today=None):
    found, problems = load_text(text, f"docs/scholen/{file_name}", file_name, today)
    assert found is None
    return [str(p) for p in problems]


def test_schema_is_valid_and_its_lists_match_the_model():
    jsonschema.Draft202012Validator.check_schema(schema())
    props = schema()["properties"]
    assert props["levels"]["items"]["enum"] == list(LEVELS)
    assert props["region"]["enum"] == list(REGIONS)
    assert list(props["systems"]["properties"]) == list(SYSTEM_KINDS)
    assert schema()["additionalProperties"] is False
    assert schema()["required"] == ["name", "levels", "region", "systems", "contact_url",
                                    "confirmed_on"]
    assert schema()["propertyNames"]["not"] == person_schema()["propertyNames"]["not"]


def test_contact_keys():
    assert [k for k in ("email", "E-Mail", "telefoon", "tel", "GSM", "adres", "address",
                        "contact_url", "website", "school_community", "devices")
            if is_contact_key(k)] == ["email", "E-Mail", "telefoon", "tel", "GSM", "adres",
                                      "address"]


def test_good_files_load_to_exact_schools_sorted_by_name(docs):
    schools, problems = load_schools(docs, today=date(2025, 1, 1))
    assert problems == []  # index.md is the folder's page, not a stray file
    assert [(s.slug, s.name) for s in schools] == [
        ("atelier-nergensland", "atelier Nergensland"),
        ("de-fictieve-linde", "Basisschool De Fictieve Linde"),
        ("het-verzonnen-atheneum", "Het Verzonnen Atheneum"),
        ("sint-denkbeeld", "Sint-Denkbeeldschool"),
        ("zeeschool-nooitgedacht", "Zeeschool Nooitgedacht"),
    ]
    assert schools[1] == LINDE  # levels in the order of LEVELS, not as written
    assert schools[2] == School(
        slug="het-verzonnen-atheneum", name="Het Verzonnen Atheneum", levels=("secundair",),
        region="Antwerpen", contact_url="https://verzonnen-atheneum.invalid/contact",
        confirmed_on=date(2024, 10, 15), path="docs/scholen/het-verzonnen-atheneum.yml",
        learning_platforms=("smartschool",), devices=("  Chromebooks  ",),
        management=("Informat",))


def test_systems_are_each_named_once_in_field_order():
    assert LINDE.systems == ("Smartschool", "Chromebooks", "iPads", "Google Admin")
    both = school("Een", "een", learning_platforms=("Smartschool",),
                  devices=("Chromebooks", " chromebooks "), management=("SMARTSCHOOL", "Informat"))
    assert both.systems == ("Smartschool", "Chromebooks", "Informat")


def test_similar_schools_most_shared_first_then_name(docs):
    schools, _ = load_schools(docs)
    linde = next(s for s in schools if s.slug == "de-fictieve-linde")
    assert [(s.name, shared) for s, shared in similar(linde, schools)] == [
        ("Het Verzonnen Atheneum", ("Smartschool", "Chromebooks")),
        ("atelier Nergensland", ("Google Admin",)),
        ("Sint-Denkbeeldschool", ("iPads",)),
    ]
    atheneum = next(s for s in schools if s.slug == "het-verzonnen-atheneum")
    assert [(s.name, shared) for s, shared in similar(atheneum, schools)] == [
        ("Basisschool De Fictieve Linde", ("smartschool", "  Chromebooks  "))]
    nooitgedacht = next(s for s in schools if s.slug == "zeeschool-nooitgedacht")
    assert similar(nooitgedacht, schools) == []


def test_similar_never_lists_the_school_itself_and_breaks_ties_by_name():
    een = school("Een", "een", devices=("iPads", "Chromebooks"))
    others = [school("beta", "beta", devices=("ipads",)),
              school("Alfa", "alfa", devices=("IPADS",)),
              school("Gamma", "gamma", devices=("chromebooks", "iPads")),
              school("Een", "een", devices=("iPads",))]
    assert [(s.slug, shared) for s, shared in similar(een, [een, *others])] == [
        ("gamma", ("iPads", "Chromebooks")), ("alfa", ("iPads",)), ("beta", ("iPads",))]


@pytest.mark.parametrize("text, expected", [
    (MINIMAL + "email: info@fictieve-linde.invalid\n",
     [f"8:1: 'email' is contact data, which the wiki never publishes: {LINK}"]),
    (MINIMAL + "telefoon: 09 123 45 67\n",
     [f"8:1: 'telefoon' is contact data, which the wiki never publishes: {LINK}"]),
    (MINIMAL + "GSM: 0470 12 34 56\n",
     [f"8:1: 'GSM' is contact data, which the wiki never publishes: {LINK}"]),
    (MINIMAL + "adres: Dorpsstraat 1, Fictiegem\n",
     [f"8:1: 'adres' is contact data, which the wiki never publishes: {LINK}"]),
    (MINIMAL.replace("  devices:", "  e-mail: [x]\n  devices:"),
     [f"5:3: 'e-mail' is contact data, which the wiki never publishes: {LINK}"]),
    (MINIMAL.replace("https://de-fictieve-linde.invalid/contact",
                     "mailto:info@fictieve-linde.invalid"),
     ["6:14: contact_url contains an e-mail address. The wiki publishes none, not even a "
      f"general one like info@: {LINK}"]),
    (MINIMAL.replace("https://de-fictieve-linde.invalid/contact", "info@fictieve-linde.invalid"),
     ["6:14: contact_url contains an e-mail address. The wiki publishes none, not even a "
      f"general one like info@: {LINK}"]),
    (MINIMAL + "summary: Mail secretariaat (at) linde (dot) be\n",
     ["8:10: summary contains an e-mail address. The wiki publishes none, not even a general "
      f"one like info@: {LINK}"]),
    (MINIMAL + "town: 0470123456\n",  # a number to YAML, still a phone number
     ["8:7: town contains a phone number. The wiki publishes none, not even the school's "
      f"general number: {LINK}"]),
    (MINIMAL + "summary: 'Bel het secretariaat: 09/123.45.67'\n",
     ["8:10: summary contains a phone number. The wiki publishes none, not even the school's "
      f"general number: {LINK}"]),
    (MINIMAL.replace("[Chromebooks]", "[Chromebooks, +32 470 12 34 56]"),
     ["5:26: systems.devices.1 contains a phone number. The wiki publishes none, not even the "
      f"school's general number: {LINK}"]),
    (MINIMAL.replace("https://de-fictieve-linde", "http://de-fictieve-linde"),
     ["6:14: contact_url 'http://de-fictieve-linde.invalid/contact' does not start with "
      "https://. Link the school's public contact page or form with its full address, e.g. "
      "contact_url: https://www.school.be/contact."]),
    (MINIMAL + "website: www.fictieve-linde.invalid\n",
     ["8:10: website 'www.fictieve-linde.invalid' does not start with https://. Write the full "
      "link, e.g. website: https://www.school.be."]),
    (MINIMAL.replace("contact_url: https://de-fictieve-linde.invalid/contact\n", ""),
     ["1:1: 'contact_url' is missing. Add the school's public contact page or form, e.g. "
      "contact_url: https://www.school.be/contact."]),
    (MINIMAL.replace("contact_url: https://de-fictieve-linde.invalid/contact",
                     "e-mail: info@fictieve-linde.invalid"),
     ["1:1: 'contact_url' is missing. Add the school's public contact page or form, e.g. "
      "contact_url: https://www.school.be/contact.",
      f"6:1: 'e-mail' is contact data, which the wiki never publishes: {LINK}"]),
    (MINIMAL + "motto: Samen leren\n",
     ["8:1: unknown field 'motto' in the file. Known fields: name, levels, region, town, "
      "school_community, website, summary, systems, contact_url, confirmed_on."]),
    (MINIMAL.replace("  devices:", "  printers: [Laser]\n  devices:"),
     ["5:3: unknown field 'printers' in systems. Known fields: learning_platforms, devices, "
      "management."]),
    (MINIMAL.replace("region: Oost-Vlaanderen", "region: Gent"),
     ["3:9: region 'Gent' is not on the list. Write the province, or Brussel: one of "
      "Antwerpen, Brussel, Limburg, Oost-Vlaanderen, Vlaams-Brabant, West-Vlaanderen."]),
    (MINIMAL.replace("region: Oost-Vlaanderen\n", ""),
     ["1:1: 'region' is missing. Add the school's province, or Brussel: one of Antwerpen, "
      "Brussel, Limburg, Oost-Vlaanderen, Vlaams-Brabant, West-Vlaanderen."]),
    (MINIMAL.replace("levels: [lager]", "levels: [lager, basis]"),
     ["2:17: levels.1 'basis' is not allowed. Write one of: kleuter, lager, secundair, hoger, "
      "volwassenen."]),
    (MINIMAL.replace("levels: [lager]", "levels: []"),
     ["2:9: levels is empty. Name at least one of: kleuter, lager, secundair, hoger, "
      "volwassenen."]),
    (MINIMAL.replace("2024-09-01", "gisteren"),
     ["7:15: confirmed_on 'gisteren' is not a date. Write the day the school confirmed these "
      "facts as YYYY-MM-DD, e.g. confirmed_on: 2024-09-01."]),
    (MINIMAL.replace("2024-09-01", "2024-02-30"),
     ["7:15: confirmed_on '2024-02-30' is not a date. Write the day the school confirmed these "
      "facts as YYYY-MM-DD, e.g. confirmed_on: 2024-09-01."]),
    (MINIMAL.replace("2024-09-01", "20240901"),
     ["7:15: confirmed_on '20240901' is not a date. Write the day the school confirmed these "
      "facts as YYYY-MM-DD, e.g. confirmed_on: 2024-09-01."]),
    (MINIMAL.replace("systems:\n  devices: [Chromebooks]", "systems: {}"),
     ["4:10: systems is empty. Name at least one system the school uses, in the lists "
      "learning_platforms, devices, management, e.g. devices: [Chromebooks]."]),
    (MINIMAL.replace("[Chromebooks]", "[]"),
     ["5:12: systems.devices is empty. Fill it in or remove the line."]),
    (MINIMAL + "region: Limburg\n",
     ["8:1: 'region' is written twice in the same block; only the last would count. Keep "
      "one."]),
    (MINIMAL + "---\nname: Tweede school\n",
     ["8:1: the YAML is not valid (but found another document). Keep one school per file: "
      "remove the '---' line and what follows."]),
    ("- Basisschool De Fictieve Linde\n",
     ["1:1: the file must hold 'key: value' lines, starting with 'name:'."]),
])
def test_bad_school_file(text, expected):
    assert messages(text) == [f"{PATH}:{message}" for message in expected]


def test_confirmation_in_the_future_is_refused():
    assert messages(MINIMAL, today=date(2024, 8, 31)) == [
        f"{PATH}:7:15: confirmed_on 2024-09-01 lies in the future. Write the day the school "
        "confirmed these facts."]
    linde, problems = load_text(MINIMAL, PATH, "de-fictieve-linde.yml", date(2024, 9, 1))
    assert problems == [] and linde is not None and linde.confirmed_on == date(2024, 9, 1)


def test_the_folder_page_name_is_refused():
    assert messages(MINIMAL, file_name="index.yml") == [
        "docs/scholen/index.yml:1:1: the file name 'index' is used by the site's own pages. "
        "Rename the file after the school."]


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "docs" / "scholen"
    folder.mkdir(parents=True)
    (folder / "de-fictieve-linde.yml").write_text(MINIMAL + "email: info@linde.invalid\n")
    shutil.copy(FIXTURES / "sint-denkbeeld.yml", folder)
    schools, problems = load_schools(tmp_path / "docs")
    assert [s.slug for s in schools] == ["sint-denkbeeld"]
    assert [str(p) for p in problems] == [
        f"{PATH}:8:1: 'email' is contact data, which the wiki never publishes: {LINK}"]


def test_the_same_school_twice_keeps_the_first_file(tmp_path):
    folder = tmp_path / "docs" / "scholen"
    folder.mkdir(parents=True)
    (folder / "de-fictieve-linde.yml").write_text(MINIMAL)
    (folder / "linde.yml").write_text(MINIMAL.replace("De Fictieve Linde", "de fictieve LINDE"))
    (folder / "sint-denkbeeld.yaml").write_text((FIXTURES / "sint-denkbeeld.yml").read_text())
    (folder / "sint-denkbeeld.yml").write_text(MINIMAL.replace("De Fictieve Linde", "Andere"))
    schools, problems = load_schools(tmp_path / "docs")
    assert [s.path for s in schools] == ["docs/scholen/de-fictieve-linde.yml",
                                         "docs/scholen/sint-denkbeeld.yaml"]
    assert [str(p) for p in problems] == [
        "docs/scholen/linde.yml:1:1: the school 'Basisschool de fictieve LINDE' is already "
        "described in docs/scholen/de-fictieve-linde.yml. Keep one file per school and remove "
        "this one.",
        "docs/scholen/sint-denkbeeld.yml:1:1: docs/scholen/sint-denkbeeld.yaml has the same "
        "file name; both would make the same page. Keep one file per school and rename or "
        "remove this one.",
    ]


def test_files_that_are_not_school_files(tmp_path):
    folder = tmp_path / "docs" / "scholen"
    (folder / "archief").mkdir(parents=True)
    (folder / "index.md").write_text("# Scholen\n")
    (folder / "uitleg.md").write_text("# Uitleg\n")
    (folder / ".gitkeep").write_text("")
    (folder / "Linde.YML").write_text(MINIMAL)
    (folder / "lijst.json").write_text("{}")
    (folder / "archief" / "oud.yml").write_text(MINIMAL)
    schools, problems = load_schools(tmp_path / "docs")
    assert schools == []
    assert [str(p) for p in problems] == [
        "docs/scholen/Linde.YML:1:1: this file is not read as a school. School files are named "
        "<school>.yml, in lower case, directly in docs/scholen/.",
        "docs/scholen/archief/oud.yml:1:1: this file is not read as a school. School files are "
        "named <school>.yml, in lower case, directly in docs/scholen/.",
        "docs/scholen/lijst.json:1:1: this file is not read as a school. School files are named "
        "<school>.yml, in lower case, directly in docs/scholen/.",
    ]


def test_non_utf8_file_is_reported(tmp_path):
    folder = tmp_path / "docs" / "scholen"
    folder.mkdir(parents=True)
    (folder / "de-fictieve-linde.yml").write_bytes(MINIMAL.replace("Linde", "L\xefnde")
                                                    .encode("latin-1"))
    assert [str(p) for p in load_schools(tmp_path / "docs")[1]] == [
        f"{PATH}:1:1: the file is not UTF-8 text. Save it as UTF-8."]


def test_no_folder_no_schools(tmp_path):
    assert load_schools(tmp_path / "docs") == ([], [])
    assert load_schools(tmp_path / "docs", "elders") == ([], [])
