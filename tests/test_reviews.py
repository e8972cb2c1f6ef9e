"""Tool files: loading, validation messages (cases Y1-Y6), scoring and the yearly ranking."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from ictwiki.reviews.loading import load_tool, load_tools, schema
from ictwiki.reviews.model import CATEGORIES, CRITERIA, LEVELS, PRICING, ROLES
from ictwiki.reviews.scoring import rank_year

FIXTURES = Path(__file__).parent / "fixtures" / "reviews"

MINIMAL = """\
name: Minimaal
category: communicatie
levels: [lager]
pricing: gratis
facts:
  source: https://minimaal.invalid
  checked_on: 2024-09-01
privacy:
  verwerkersovereenkomst:
    value: ja
    source: https://minimaal.invalid/privacy
    checked_on: 2024-09-01
"""


def load_text(tmp_path, text, name="tool.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_tool(path, f"docs/tools-reviews/{name}")


def test_schema_lists_match_the_model():
    props = schema()["properties"]
    assert props["category"]["enum"] == list(CATEGORIES)
    assert props["levels"]["items"]["enum"] == list(LEVELS)
    assert props["pricing"]["enum"] == list(PRICING)
    review = schema()["$defs"]["review"]["properties"]
    assert review["role"]["enum"] == list(ROLES)
    assert list(review["scores"]["properties"]) == list(CRITERIA)


def test_y1_unquoted_date_is_valid(tmp_path):
    tool, problems = load_text(tmp_path, MINIMAL)
    assert problems == []
    assert tool.facts.checked_on == date(2024, 9, 1)
    assert tool.verwerkersovereenkomst.value == "ja"


def test_y2_yaml_boolean_is_refused_with_how_to_write_it(tmp_path):
    tool, problems = load_text(tmp_path, MINIMAL.replace("value: ja", "value: no"))
    assert tool is None
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/tool.yml:10:12: privacy.verwerkersovereenkomst.value is read as "
        "false: YAML turns an unquoted no/false/off into a yes/no value. Write one of: ja, nee, "
        "onbekend."
    ]


def test_wrong_enum_date_and_score_messages(tmp_path):
    text = (MINIMAL.replace("communicatie", "chat").replace("2024-09-01\nprivacy", "01/09/2024\nprivacy")
            + "reviews:\n  - reviewer: juf@school.invalid\n    role: leerkracht\n    level: lager\n"
              "    date: 2025-01-01\n    scores: {gebruiksgemak: 6}\n")
    tool, problems = load_text(tmp_path, text)
    assert tool is None
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/tool.yml:2:11: category 'chat' is not allowed. Write one of: "
        "leerplatform, administratie, communicatie, kantoor-samenwerken, oefenen, quiz-toetsen, "
        "toestelbeheer, creatief, programmeren, netwerk-beveiliging.",
        "docs/tools-reviews/tool.yml:7:15: facts.checked_on '01/09/2024' is not a date. Write it "
        "as YYYY-MM-DD, e.g. 2024-09-01.",
        "docs/tools-reviews/tool.yml:14:15: reviews.0.reviewer must be a GitHub handle or a "
        "pseudonym, never an e-mail address. Write e.g. reviewer: juf-an.",
        "docs/tools-reviews/tool.yml:18:29: reviews.0.scores.gebruiksgemak is 6; scores go from "
        "1 (slecht) to 5 (uitstekend).",
    ]


def test_missing_and_unknown_fields(tmp_path):
    text = MINIMAL.replace("pricing: gratis\n", "prijs: gratis\n")
    _, problems = load_text(tmp_path, text)
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/tool.yml:1:1: 'pricing' is missing in the file. Add it; see the "
        "schema for what it holds.",
        "docs/tools-reviews/tool.yml:4:1: unknown field 'prijs' in the file. Known fields: name, "
        "vendor, website, category, levels, platforms, pricing, languages, summary, "
        "current_version, facts, privacy, reviews.",
    ]


def test_y6_broken_indentation_names_file_line_and_column(tmp_path):
    shutil.copy(FIXTURES / "quizmaker.yml", tmp_path / "quizmaker.yml")
    broken = MINIMAL.replace("  source: https://minimaal.invalid\n",
                             "  source: https://minimaal.invalid\n    checked: x\n")
    (tmp_path / "kapot.yml").write_text(broken, encoding="utf-8")
    docs = tmp_path.parent
    tools, problems = load_tools(docs, tmp_path.name)
    assert [t.name for t in tools] == ["Quizmaker"]
    assert [str(p) for p in problems] == [
        f"{docs.name}/{tmp_path.name}/kapot.yml:7:12: the YAML is not valid (mapping values are "
        "not allowed in this context). Check the indentation around line 7: keys of one block start in the "
        "same column, list items start with '- '."
    ]


def test_github_annotation_format(tmp_path):
    _, problems = load_text(tmp_path, MINIMAL.replace("value: ja", "value: misschien"))
    assert problems[0].github_annotation() == (
        "::error file=docs/tools-reviews/tool.yml,line=10,col=12::privacy.verwerkersovereenkomst"
        ".value 'misschien' is not allowed. Write one of: ja, nee, onbekend."
    )


def test_non_utf8_file_is_reported(tmp_path):
    (tmp_path / "latin.yml").write_bytes(MINIMAL.replace("Minimaal", "Caf\xe9").encode("latin-1"))
    tool, problems = load_tool(tmp_path / "latin.yml", "docs/tools-reviews/latin.yml")
    assert tool is None
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/latin.yml:1:1: the file is not UTF-8 text. Save it as UTF-8."]


@pytest.fixture
def fixture_tools():
    tools, problems = load_tools(FIXTURES.parent, FIXTURES.name)
    assert problems == []
    return tools


def test_averages_per_criterion(fixture_tools):
    board = next(t for t in fixture_tools if t.name == "Toetsenbord")
    assert board.criterion_average("gebruiksgemak") == 4.5
    assert board.criterion_average("didactische_meerwaarde") is None
    assert board.average == 4.0


def test_ranking_computed_by_hand(fixture_tools):
    # Quiz 2025: Quizmaker one review of 5; Toetsenbord four reviews averaging 4
    # (4, (5+3)/2, 4, 4); Traagtoets 3 and 2 (its 2024 review does not count).
    # C = (5 + 16 + 5) / 7 = 26/7. Adjusted = (3C + n*s) / (3 + n).
    rows = rank_year(fixture_tools, 2025)
    assert list(rows) == ["quiz-toetsen"]
    got = [(r.rank, r.tool.name, r.reviews, r.mean, round(r.adjusted, 6)) for r in rows["quiz-toetsen"]]
    assert got == [
        (1, "Quizmaker", 1, 5.0, round(113 / 28, 6)),
        (2, "Toetsenbord", 4, 4.0, round(190 / 49, 6)),
        (3, "Traagtoets", 2, 2.5, round(113 / 35, 6)),
    ]
    only_2024 = rank_year(fixture_tools, 2024)["quiz-toetsen"]
    assert [(r.tool.name, r.adjusted) for r in only_2024] == [("Traagtoets", 5.0)]


def test_ties_go_to_more_reviews_then_newer_review_then_name(tmp_path):
    def tool(name, dates, score):
        reviews = "".join(
            f"  - {{reviewer: r-{i}, role: leerkracht, level: lager, date: {d}, "
            f"scores: {{gebruiksgemak: {score}}}}}\n" for i, d in enumerate(dates))
        text = MINIMAL.replace("Minimaal", name) + "reviews:\n" + reviews
        (tmp_path / f"{name.lower()}.yml").write_text(text, encoding="utf-8")
    tool("Beta", ["2025-01-01", "2025-02-01"], 4)
    tool("Alfa", ["2025-01-01", "2025-02-01"], 4)
    tool("Gamma", ["2025-01-01", "2025-03-01"], 4)
    tools, _ = load_tools(tmp_path.parent, tmp_path.name)
    assert [r.tool.name for r in rank_year(tools, 2025)["communicatie"]] == ["Gamma", "Alfa", "Beta"]


def test_personal_data_in_review_text_is_refused(tmp_path):
    text = MINIMAL + (
        "reviews:\n"
        "  - reviewer: juf-an\n"
        "    role: leerkracht\n"
        "    level: lager\n"
        "    date: 2025-01-01\n"
        "    scores: {gebruiksgemak: 4}\n"
        "    pros: [Snel, 'Bel me op 0470 12 34 56']\n"
        "    text: Mail me op an.peeters@school.invalid voor tips.\n"
    )
    tool, problems = load_text(tmp_path, text)
    assert tool is None
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/tool.yml:19:18: reviews.0.pros.1 contains a phone number. Personal "
        "data is never published: remove it (name a school's public website instead, if that "
        "helps).",
        "docs/tools-reviews/tool.yml:20:11: reviews.0.text contains an e-mail address. Personal "
        "data is never published: remove it (name a school's public website instead, if that "
        "helps).",
    ]


def test_version_numbers_and_years_are_not_phone_numbers(tmp_path):
    text = MINIMAL + (
        "reviews:\n"
        "  - {reviewer: juf-an, role: leerkracht, level: lager, date: 2025-01-01, "
        "scores: {gebruiksgemak: 4}, text: 'Versie 2.10.3 uit 2024, 25 leerlingen, 1 200 accounts.'}\n"
    )
    assert load_text(tmp_path, text)[1] == []


@pytest.mark.parametrize("reviews", ["{a: 1}", "[kahoot]", "tekst", "5", "[[1]]"])
def test_wrongly_typed_reviews_give_a_message_not_a_crash(tmp_path, reviews):
    tool, problems = load_text(tmp_path, MINIMAL + f"reviews: {reviews}\n")
    assert tool is None and problems and all(p.line >= 13 for p in problems)


def test_duplicate_keys_are_refused(tmp_path):
    _, problems = load_text(tmp_path, MINIMAL + "category: creatief\n")
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/tool.yml:13:1: 'category' is written twice in the same block; "
        "only the last would count. Keep one."]


def test_future_dates_are_refused(tmp_path):
    path = tmp_path / "tool.yml"
    path.write_text(MINIMAL.replace("checked_on: 2024-09-01\nprivacy", "checked_on: 2030-01-01\nprivacy"))
    _, problems = load_tool(path, "docs/tools-reviews/tool.yml", today=date(2025, 1, 1))
    assert [str(p) for p in problems] == [
        "docs/tools-reviews/tool.yml:7:15: facts.checked_on 2030-01-01 lies in the future. "
        "Write the day it happened."]


def test_number_where_text_is_expected_gets_a_quoting_hint(tmp_path):
    _, problems = load_text(tmp_path, MINIMAL + "current_version: 1.10\n")
    assert [p.message for p in problems] == [
        'current_version is read as the number 1.1. Put it in quotes to keep it as written, '
        'e.g. version: "1.10".']


def test_folder_level_faults(tmp_path):
    folder = tmp_path / "docs" / "tools-reviews"
    (folder / "extra").mkdir(parents=True)
    (folder / "padlet.yaml").write_text(MINIMAL.replace("Minimaal", "Padlet"))
    (folder / "padlet.yml").write_text(MINIMAL.replace("Minimaal", "Padlet twee"))
    (folder / "zz-kopie.yml").write_text(MINIMAL.replace("Minimaal", "padlet"))
    (folder / "ranking.yml").write_text(MINIMAL.replace("Minimaal", "Ranking"))
    (folder / "extra" / "sub.yml").write_text(MINIMAL)
    (folder / "Upper.YML").write_text(MINIMAL)
    (folder / "klasbord.yml").write_text(MINIMAL.replace("Minimaal", "Klasbord"))
    (folder / "klasbord.md").write_text("# Klasbord\n")
    tools, problems = load_tools(tmp_path / "docs", "tools-reviews")
    assert [t.name for t in tools] == ["Padlet"]
    assert sorted(str(p) for p in problems) == [
        "docs/tools-reviews/Upper.YML:1:1: this file is not read as a tool. Tool files are "
        "named <tool>.yml, in lower case, directly in docs/tools-reviews/.",
        "docs/tools-reviews/extra/sub.yml:1:1: this file is not read as a tool. Tool files are "
        "named <tool>.yml, in lower case, directly in docs/tools-reviews/.",
        "docs/tools-reviews/klasbord.yml:1:1: docs/tools-reviews/klasbord.md would be replaced "
        "by the page made from this file. Rename one of the two.",
        "docs/tools-reviews/padlet.yml:1:1: this tool is already described in "
        "docs/tools-reviews/padlet.yaml. Keep one file per tool: move the reviews there and "
        "remove this file.",
        "docs/tools-reviews/ranking.yml:1:1: the file name 'ranking' is used by the site's own "
        "pages. Rename the file after the tool.",
        "docs/tools-reviews/zz-kopie.yml:1:1: this tool is already described in "
        "docs/tools-reviews/padlet.yaml. Keep one file per tool: move the reviews there and "
        "remove this file.",
    ]


def test_vendor_reviews_do_not_count_in_the_ranking(tmp_path):
    review = ("  - {{reviewer: r-{0}, role: leerkracht, level: lager, date: 2025-0{0}-01, "
              "scores: {{gebruiksgemak: {1}}}{2}}}\n")
    text = (MINIMAL + "reviews:\n" + review.format(1, 2, "")
            + review.format(2, 5, ", works_for_vendor: true"))
    (tmp_path / "tool.yml").write_text(text)
    tools, _ = load_tools(tmp_path.parent, tmp_path.name)
    row = rank_year(tools, 2025)["communicatie"][0]
    assert (row.reviews, row.mean, row.adjusted) == (1, 2.0, 2.0)


def test_scores_round_half_up_like_readers_do():
    from ictwiki.render.tools import number
    assert [number(3.25), number(3.75), number(4.0357, 2), number(None)] == [
        "3,3", "3,8", "4,04", '<span class="ictwiki-missing" title="niet ingevuld">–</span>']
