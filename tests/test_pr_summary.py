"""A simulated pull request (commits on a branch) and the moderators' summary of it."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import SITE_CONFIG
from ictwiki_scripts.ictwiki import main

CONFIG = SITE_CONFIG.replace("  - ictwiki-search\n", "  - ictwiki-reviews\n  - ictwiki-search\n")
TOOL = """\
name: Klasbord
category: communicatie
levels: [lager]
pricing: gratis
facts: {source: "https://klasbord.invalid", checked_on: 2024-01-02}
privacy:
  verwerkersovereenkomst: {value: ja, source: "https://klasbord.invalid/p", checked_on: 2024-01-02}
"""


def test_summary_names_exactly_what_the_branch_changes(repo, monkeypatch):
    monkeypatch.setenv("ICTWIKI_TODAY", "2024-06-01")
    repo.write("mkdocs.yml", CONFIG)
    repo.write("docs/index.md", "# Welkom\n\nZie [wifi](netwerk/wifi.md) en [oud](oud.md).\n")
    wifi = "# Wifi\n\n" + "".join(f"Stap {i}: stel het netwerk in.\n" for i in range(10))
    repo.write("docs/netwerk/wifi.md", wifi)
    repo.write("docs/oud.md", "# Oude pagina\n")
    repo.write("docs/starters-rucksack/rollen.md", "---\ntitle: Rollen\n---\n# Rollen\n\nTekst.\n")
    repo.write("docs/tools-reviews/klasbord.yml", TOOL)
    repo.commit("2024-01-02", "start")
    repo.git("checkout", "-q", "-b", "bijdrage")
    repo.write("docs/nieuw.md", "# Nieuwe pagina\n\nZie https://www.vlaanderen.be/onderwijs.\n")
    repo.write("docs/netwerk/wifi.md", wifi + "Gebruik een apart VLAN voor gasten.\n")
    repo.git("mv", "docs/netwerk/wifi.md", "docs/netwerk/draadloos.md")
    repo.git("rm", "-q", "docs/oud.md")
    repo.write("docs/starters-rucksack/rollen.md",
               "---\ntitle: Rollen\nlast_reviewed: 2024-05-30\n---\n# Rollen\n\nTekst.\n")
    repo.write("docs/tools-reviews/klasbord.yml", TOOL + (
        "reviews:\n"
        "  - {reviewer: verkoper-x, role: andere, level: lager, date: 2024-05-01, "
        "scores: {gebruiksgemak: 5}, works_for_vendor: true}\n"))
    repo.write("docs/tools-reviews/kapot.yml", TOOL.replace("Klasbord", "Kapot").replace(
        "pricing: gratis", "pricing: goedkoop"))
    repo.commit("2024-05-31", "bijdrage")
    result = CliRunner().invoke(main, ["pr-summary", "-f", str(repo.root / "mkdocs.yml"),
                                       "main", "bijdrage"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "## Samenvatting voor moderatoren\n"
        "\n"
        "### Pagina's\n"
        "\n"
        "| Wijziging | Pagina | Versheid voor | Versheid na |\n"
        "| --- | --- | --- | --- |\n"
        "| verplaatst | Wifi (`docs/netwerk/wifi.md` → `docs/netwerk/draadloos.md`) | "
        "Actueel, te herzien tegen 1 januari 2025 | Actueel, te herzien tegen 31 mei 2025 |\n"
        "| toegevoegd | Nieuwe pagina (`docs/nieuw.md`) | – | "
        "Actueel, te herzien tegen 31 mei 2025 |\n"
        "| verwijderd | Oude pagina (`docs/oud.md`) | Actueel, te herzien tegen 1 januari 2025 "
        "| – |\n"
        "| gewijzigd | Rollen (`docs/starters-rucksack/rollen.md`) | Binnenkort te herzien, te "
        "herzien tegen 30 juni 2024 | Actueel, te herzien tegen 27 november 2024 |\n"
        "\n"
        "### Tools en reviews\n"
        "\n"
        "| Wijziging | Tool | Nieuwe reviews | Controle |\n"
        "| --- | --- | --- | --- |\n"
        "| toegevoegd | kapot (`docs/tools-reviews/kapot.yml`) | 0 | regel 4, kolom 10: "
        "pricing 'goedkoop' is not allowed. Write one of: gratis, freemium, betalend, onbekend. |\n"
        "| gewijzigd | Klasbord (`docs/tools-reviews/klasbord.yml`) | 1 | in orde |\n"
        "\n"
        "### Nieuwe externe links\n"
        "\n"
        "- `docs/nieuw.md`: <https://www.vlaanderen.be/onderwijs>\n"
        "- `docs/tools-reviews/kapot.yml`: <https://klasbord.invalid>\n"
        "- `docs/tools-reviews/kapot.yml`: <https://klasbord.invalid/p>\n"
        "\n"
        "### Aandachtspunten\n"
        "\n"
        "- `docs/index.md` (regel 3) linkt nog naar `docs/netwerk/wifi.md`, dat verplaatst is.\n"
        "- `docs/index.md` (regel 3) linkt nog naar `docs/oud.md`, dat verwijderd is.\n"
        "- `docs/starters-rucksack/rollen.md`: alleen de datum van nazicht (`last_reviewed`) "
        "veranderde, de inhoud niet. Kijk na of iemand de pagina echt nagekeken heeft.\n"
        "- `docs/tools-reviews/klasbord.yml`: review van verkoper-x op 2024-05-01: de reviewer "
        "werkt voor de leverancier. Ze staat op de pagina met die vermelding, maar telt niet mee "
        "in de ranking.\n"
    )
