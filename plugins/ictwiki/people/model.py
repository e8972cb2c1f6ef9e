"""The data model of a contributor and the badges the wiki gives. Knows nothing of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass

from ..reviews.model import LEVELS

# The fixed list of domains a contributor can know about; the names are the site's words.
DOMAINS: tuple[str, ...] = (
    "netwerk", "devices", "leerplatformen", "privacy", "didactiek", "beheer", "budget",
)
DOMAIN_DESCRIPTIONS: dict[str, str] = {
    "netwerk": "Netwerk, wifi, internetverbinding en beveiliging",
    "devices": "Laptops, tablets, Chromebooks, printers en digitale borden",
    "leerplatformen": "Leerplatformen, oefenplatformen en toetstools",
    "privacy": "Privacy, AVG (GDPR) en verwerkersovereenkomsten",
    "didactiek": "ICT in de klas en collega's nascholen",
    "beheer": "Beheer van accounts, software, servers en de schoolwebsite",
    "budget": "Budget, aankopen en het ICT-beleidsplan",
}
# How the site names a domain in headings and filters.
DOMAIN_TITLES: dict[str, str] = {
    "netwerk": "Netwerk",
    "devices": "Toestellen",
    "leerplatformen": "Leerplatformen",
    "privacy": "Privacy",
    "didactiek": "Didactiek",
    "beheer": "Beheer",
    "budget": "Budget",
}
# Label colours on GitHub, one per domain, readable with black or white text.
DOMAIN_COLORS: dict[str, str] = {
    "netwerk": "1d76db",
    "devices": "5319e7",
    "leerplatformen": "0e8a16",
    "privacy": "b60205",
    "didactiek": "fbca04",
    "beheer": "006b75",
    "budget": "d93f0b",
}
PERSON_LEVELS = tuple(LEVELS)  # the education levels of the tool reviews
# The badges and their rules, as the site states them. Nothing here counts volume.
BADGE_RULES: tuple[tuple[str, str, str], ...] = (
    ("eerste-bijdrage", "Eerste bijdrage",
     "Je eerste wijziging aan de wiki die in de gepubliceerde versie terechtkwam: een nieuwe "
     "pagina, een verbetering, een toolfiche."),
    ("eerste-review", "Eerste review",
     "Je eerste review van een tool. Een review die je schreef terwijl je voor de leverancier "
     "werkt of door hem betaald wordt, telt niet mee."),
    ("frisse-wind", "Frisse wind",
     "Je werkte een verouderde pagina bij of ruimde ze op. Verouderd betekent: de pagina had "
     "op dat moment herzien moeten zijn, volgens dezelfde regels als de site toont. Een pagina "
     "nakijken en alleen last_reviewed aanpassen telt ook."),
    ("expert", "Expert in een domein",
     "Je geeft het domein op in je bestand in people/ en je werkte mee aan een pagina van dat "
     "domein. Zelf opgeven alleen is niet genoeg; de badge toont dat je kennis ook in de wiki "
     "staat."),
)
BADGE_TITLES: dict[str, str] = {slug: title for slug, title, _ in BADGE_RULES[:3]}
# A GitHub username, as the people schema and the commit matching read it.
HANDLE_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$"


@dataclass(frozen=True)
class Person:
    """A contributor who opted in with a people file; only what they chose to publish."""

    handle: str  # the GitHub username, also the file name
    domains: tuple[str, ...]
    path: str  # as shown in messages, e.g. people/juf-an.yml
    name: str | None = None
    levels: tuple[str, ...] = ()
    region: str | None = None
    school_community: str | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.handle


@dataclass(frozen=True)
class Badge:
    """Recognition for what someone did for the content, with the reason in Dutch."""

    slug: str  # e.g. eerste-bijdrage, expert-netwerk
    title_nl: str  # e.g. Eerste bijdrage
    reason_nl: str  # one sentence, e.g. "Eerste bijdrage op 3 februari 2024: netwerk/wifi.md."


def check_domain(domain: str, owner: str) -> None:
    """ValueError unless `domain` is on the fixed list; `owner` says whose domain it is."""
    if domain not in DOMAINS:
        raise ValueError(f"{owner} has the domain '{domain}', which is not on the list. Use one "
                         f"of: {', '.join(DOMAINS)}.")
