"""The real site in a real browser: accessibility (axe-core, WCAG 2.0/2.1 A and AA), no
requests leaving 127.0.0.1, phone layout, keyboard-only search.

The site is this repository's own content, built from its own history with "today" set in
2028, so every page that is not archived is overdue and shows its banner. The wiki publishes
no invented people or schools, so the copy that is built gets the test fixtures' fictional
contributors and schools, committed on top, to show those kinds of page too. It is served
from a subpath over HTTP on 127.0.0.1. Screenshots of every kind of page land in
test-artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from urllib.parse import urlparse

import pytest

from conftest import REPO_ROOT, GitRepo
from test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, QuietHandler, playwright_api

axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

TODAY = "2028-06-01"
KINDS = {
    "home": "",
    "handbook-outdated": "starters-rucksack/eerste-weken/",
    "archived": "starters-rucksack/windows-10-toestellen/",
    "tool": "tools-reviews/kahoot/",
    "comparison": "tools-reviews/categorie/quiz-toetsen/",
    "level": "tools-reviews/niveau/lager/",
    "ranking": "tools-reviews/ranking/2028/",
    "tools-overview": "tools-reviews/",
    "tags": "tags/",
    "accessibility-statement": "over/toegankelijkheid/",
    "recent-changes": "recent/",
    "review-list": "te-herzien/",
    "contributing": "CONTRIBUTING/",
    "search-results": "?zoek=beleidsplan",
    "who-knows-what": "mensen/",
    "contributor": "mensen/juf-cato/",
    "badges": "mensen/badges/",
    "schools": "scholen/",
    "school": "scholen/de-fictieve-linde/",
    "school-search": "scholen/?zoek=&sectie=Scholen&regio=Limburg",
}
FIXTURES = REPO_ROOT / "tests" / "fixtures"
LEFT_OUT = shutil.ignore_patterns(".venv", "site", "test-artifacts", "*_cache", "*.egg-info")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    copy = tmp_path_factory.mktemp("repo") / "wiki"
    shutil.copytree(REPO_ROOT, copy, ignore=LEFT_OUT)
    shutil.copytree(FIXTURES / "people" / "people", copy / "people", dirs_exist_ok=True)
    for school in (FIXTURES / "schools").glob("*.yml"):
        shutil.copy(school, copy / "docs" / "scholen" / school.name)
    repo = GitRepo.__new__(GitRepo)
    repo.root = copy
    repo.git("add", "-A")
    repo.git("-c", "user.name=juf-cato", "-c", "user.email=t@example.invalid", "-c",
             "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", "fixtures",
             when="2028-05-01")
    env = dict(os.environ, ICTWIKI_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(copy / "mkdocs.yml"),
         "-d", str(root / "wiki")], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/wiki/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(browser, site, path, viewport, scheme="light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, locale="nl-BE")
    page = context.new_page()
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    if "?zoek=" in path:
        page.locator(".ictwiki-search__results li").first.wait_for()
    return context, page


def violations(page):
    result = axe_api.Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("viewport", "scheme"), [(DESKTOP, "light"), (PHONE, "light"),
                                                  (DESKTOP, "dark")],
                         ids=["desktop", "phone", "desktop-dark"])
def test_no_wcag_a_or_aa_violations(site, browser, kind, viewport, scheme):
    context, page = open_page(browser, site, KINDS[kind], viewport, scheme)
    ARTIFACTS.mkdir(exist_ok=True)
    size = "phone" if viewport is PHONE else "desktop"
    page.screenshot(path=str(ARTIFACTS / f"site-{kind}-{size}-{scheme}.png"), full_page=True)
    found = violations(page)
    context.close()
    assert found == []


def test_outdated_and_archived_pages_show_their_banners(site, browser):
    context, page = open_page(browser, site, KINDS["handbook-outdated"], DESKTOP)
    assert page.locator("article").get_attribute("data-freshness") == "verouderd"
    assert page.locator('[data-ictwiki-banner="verouderd"]').is_visible()
    page.goto(site + KINDS["archived"])
    assert page.locator('[data-ictwiki-banner="archief"]').is_visible()
    context.close()


def test_no_request_leaves_the_machine(site, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    for path in KINDS.values():
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize("kind", KINDS)
def test_phone_pages_do_not_scroll_sideways(site, browser, kind):
    context, page = open_page(browser, site, KINDS[kind], PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    body_font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    context.close()
    assert width <= PHONE["width"]
    assert body_font >= 12  # readable without zooming in


def test_phone_navigation_drawer_works(site, browser):
    # The menu is pruned: a section shows its pages once you are in it.
    context, page = open_page(browser, site, "", PHONE)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary a.md-nav__link[href$='starters-rucksack/']").first.click()
    page.wait_for_url(site + "starters-rucksack/")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary a.md-nav__link[href$='ict-beleidsplan/']").first.click()
    page.wait_for_url(site + "starters-rucksack/ict-beleidsplan/")
    context.close()


def test_keyboard_only_search(site, browser):
    context, page = open_page(browser, site, "", DESKTOP)
    page.keyboard.press("/")
    page.keyboard.type("beleidsplan")
    page.locator(".ictwiki-search__results li").first.wait_for()
    first = page.locator(".ictwiki-search__results a").first
    target = first.get_attribute("href")
    for _ in range(16):  # from the search box past the filters to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ictwiki-search__result')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == target
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    context.close()


def test_accents_are_optional_and_word_forms_match(site, browser):
    context, page = open_page(browser, site, "?zoek=coordinatoren", DESKTOP)
    titles = page.locator(".ictwiki-search__results a").all_inner_texts()
    context.close()
    assert "Wie ondersteunt ICT-coördinatoren?" in titles


def test_schools_can_be_found_by_level_and_region(site, browser):
    context, page = open_page(browser, site, KINDS["school-search"], DESKTOP)
    assert page.locator("select[data-filter=sectie]").input_value() == "Scholen"
    assert page.locator("select[data-filter=regio]").input_value() == "Limburg"
    assert page.locator(".ictwiki-search__result").all_inner_texts() == ["Sint-Denkbeeldschool"]
    page.locator("select[data-filter=regio]").select_option("")
    page.locator("select[data-filter=niveau]").select_option("Secundair onderwijs")
    page.locator(".ictwiki-search__result", has_text="Het Verzonnen Atheneum").wait_for()
    assert page.locator(".ictwiki-search__result").all_inner_texts() == ["Het Verzonnen Atheneum"]
    page.locator("select[data-filter=niveau]").select_option("")
    page.locator("select[data-filter=systeem]").select_option("Smartschool")
    page.locator(".ictwiki-search__summary", has_text="2 resultaten.").wait_for()
    assert sorted(page.locator(".ictwiki-search__result").all_inner_texts()) == [
        "Basisschool De Fictieve Linde", "Het Verzonnen Atheneum"]
    context.close()


def test_question_link_opens_the_form_for_the_page(site, browser):
    context, page = open_page(browser, site, "starters-rucksack/privacy-en-gdpr/", PHONE)
    link = page.get_by_role("link", name="Stel een vraag over deze pagina")
    assert link.is_visible()
    assert link.get_attribute("href") == (
        "https://github.com/ict-wiki/ict-wiki/issues/new?template=vraag.yml"
        "&title=Vraag+over%3A+Privacy+en+AVG+op+school"
        "&pagina=https%3A%2F%2Fict-wiki.github.io%2Fict-wiki%2Fstarters-rucksack%2F"
        "privacy-en-gdpr%2F&domein=Privacy%2C+AVG+%28GDPR%29+en+verwerkersovereenkomsten"
        "&labels=vraag%2Cdomein%3Aprivacy")
    context.close()
