"""Search and freshness in a real browser: Debian's Chromium driven by Playwright.

The site is served over HTTP on 127.0.0.1 from a subpath (/wiki/), as on GitHub Pages.
Screenshots go to test-artifacts/ for a reviewer to look at.
"""

from __future__ import annotations

import functools
import os
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from conftest import REPO_ROOT, SITE_CONFIG, GitRepo, mkdocs_build

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("ICTWIKI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


HOSTILE_TOOL = """\
name: <script>alert(1)</script> Netquiz
category: quiz-toetsen
levels: [secundair]
platforms: "Windows | macOS"
pricing: gratis
summary: Een quiz over het netwerk <img src=x onerror=alert(2)>
facts: {source: "https://netquiz.invalid", checked_on: 2024-01-10}
privacy:
  verwerkersovereenkomst: {value: ja, source: "https://netquiz.invalid/p", checked_on: 2024-01-10}
reviews:
  - reviewer: juf-test
    role: leerkracht
    level: secundair
    date: 2024-05-01
    scores: {gebruiksgemak: 4}
    pros: ["<script>alert(3)</script>"]
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A fixture wiki built and served at http://127.0.0.1:PORT/wiki/."""
    root = tmp_path_factory.mktemp("browser")
    repo = GitRepo(root / "wiki")
    repo.write("mkdocs.yml", SITE_CONFIG.replace("  - ictwiki-search\n",
                                                 "  - ictwiki-reviews\n  - ictwiki-search\n"))
    repo.write("docs/tools-reviews/index.md", "# Tools\n\n<!-- ictwiki:tools -->\n")
    repo.write("docs/tools-reviews/netquiz.yml", HOSTILE_TOOL)
    repo.write("docs/index.md", "# Welkom\n\nDe startpagina van de testwiki.\n")
    repo.write("docs/netwerk.md", """\
        ---
        tags:
          - netwerk
        ---
        # Wifi op school

        Het draadloze netwerk van de school heeft een apart gastennetwerk nodig.
        """)
    repo.commit("2023-01-05")
    repo.write("docs/starters-rucksack/rol.md", """\
        ---
        tags:
          - beleid
        ---
        # De rol van de coördinator

        Coördinatoren plannen het beleid en helpen collega's met digitale toestellen.
        Het netwerk beheren hoort er vaak ook bij.
        """)
    repo.commit("2024-05-10")
    done = mkdocs_build(repo.root, "--strict")
    assert done.returncode == 0, done.stderr
    handler = functools.partial(QuietHandler, directory=str(root))
    # Serve the parent folder so the site lives under a subpath.
    (root / "wiki").rename(root / "wiki-src")
    (root / "wiki-src" / "site").rename(root / "wiki")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/wiki/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install Debian's chromium (apt-get install chromium) "
                    "or point ICTWIKI_CHROMIUM at a Chromium or Chrome binary.")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-BE")
    opened = context.new_page()
    yield opened
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def search(page, query):
    page.keyboard.press("/")
    box = page.get_by_role("searchbox")
    box.fill(query)
    page.locator(".ictwiki-search__summary").filter(has_text="resulta").wait_for()
    return page.locator(".ictwiki-search__results li")


def test_dutch_search_from_the_header_finds_the_page(served, page):
    page.goto(served)
    results = search(page, "coördinatoren")
    assert results.count() == 1
    link = results.first.locator("a")
    assert link.inner_text() == "De rol van de coördinator"  # no permalink sign
    assert results.first.locator("p").inner_text().startswith(
        "De rol van de coördinator. Coördinatoren plannen")
    assert link.get_attribute("href") == "/wiki/starters-rucksack/rol/"
    assert results.first.locator(".ictwiki-search__meta").inner_text() == (
        "Bijgewerkt: 10 mei 2024 · Actueel")
    shot(page, "search-desktop")
    link.click()
    page.wait_for_url(served + "starters-rucksack/rol/")
    assert page.locator("h1").inner_text() == "De rol van de coördinator¶"


def test_stemming_finds_another_word_form(served, page):
    page.goto(served)
    results = search(page, "coördinator")
    assert results.first.locator("a").inner_text() == "De rol van de coördinator"


def test_section_filter_and_sort_by_date(served, page):
    page.goto(served + "netwerk/")
    results = search(page, "netwerk")
    assert results.count() == 3  # two pages and the Netquiz tool
    page.locator("select[data-sort]").select_option("bijgewerkt:asc")
    page.wait_for_function(
        "document.querySelector('.ictwiki-search__results a').textContent === 'Wifi op school'")
    page.locator("select[data-filter='sectie']").select_option("Algemeen")
    page.wait_for_function("document.querySelectorAll('.ictwiki-search__results li').length === 1")
    assert results.first.locator("a").inner_text() == "Wifi op school"
    page.locator("select[data-filter='sectie']").select_option("")
    page.locator("select[data-filter='status']").select_option("Verouderd")
    page.wait_for_function("document.querySelectorAll('.ictwiki-search__results li').length === 1")
    assert results.first.locator("a").inner_text() == "Wifi op school"


def test_outdated_page_shows_its_banner(served, page):
    page.goto(served + "netwerk/")
    banner = page.locator('[data-ictwiki-banner="verouderd"]')
    assert banner.is_visible()
    assert page.locator("article").get_attribute("data-freshness") == "verouderd"
    shot(page, "outdated-desktop")


def test_script_marks_a_page_overdue_after_the_build(served, browser):
    # The build ran with today = 2024-06-01; the reader's clock says 2026, so the page built
    # as "actueel" (review by 2024-11-06) is overdue for the reader.
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time("2026-01-15T10:00:00")
    page.goto(served + "starters-rucksack/rol/")
    assert page.locator("article").get_attribute("data-freshness") == "verouderd"
    assert page.locator('[data-ictwiki-banner="verouderd"]').is_visible()
    assert page.locator("[data-ictwiki-status]").inner_text() == "Verouderd"
    context.close()


def test_phone_width_search(served, browser):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    page = context.new_page()
    page.goto(served)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("searchbox").fill("gastennetwerk")
    page.locator(".ictwiki-search__results li").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "search-phone")
    context.close()


def test_y5_markup_from_data_creates_no_element(served, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served + "tools-reviews/netquiz/")
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").inner_text() == "<script>alert(1)</script> Netquiz"
    assert page.locator("article img").count() == 0
    assert page.locator("article script").count() == 0
    assert "<script>alert(3)</script>" in page.locator(".ictwiki-review").inner_text()
    page.goto(served + "tools-reviews/categorie/quiz-toetsen/")
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    shot(page, "comparison-desktop")


def test_category_filter_narrows_to_tools(served, page):
    page.goto(served)
    results = search(page, "netwerk")
    assert results.count() == 3
    page.locator("select[data-filter='categorie']").select_option("Quiz en toetsen")
    page.wait_for_function("document.querySelectorAll('.ictwiki-search__results li').length === 1")
    assert results.first.locator("a").inner_text() == "<script>alert(1)</script> Netquiz"
