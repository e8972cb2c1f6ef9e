"""The data model of a tool fact sheet and its reviews. Knows nothing of MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

CATEGORIES: dict[str, str] = {
    "leerplatform": "Leerplatformen",
    "administratie": "Leerlingenadministratie",
    "communicatie": "Communicatie",
    "kantoor-samenwerken": "Kantoor en samenwerken",
    "oefenen": "Oefenplatformen",
    "quiz-toetsen": "Quiz en toetsen",
    "toestelbeheer": "Toestelbeheer",
    "creatief": "Creatief en multimedia",
    "programmeren": "Programmeren en STEM",
    "netwerk-beveiliging": "Netwerk en beveiliging",
}
LEVELS_SHORT: dict[str, str] = {
    "kleuter": "Kleuter",
    "lager": "Lager",
    "secundair": "Secundair",
    "hoger": "Hoger",
    "volwassenen": "Volwassenen",
}
LEVELS: dict[str, str] = {
    "kleuter": "Kleuteronderwijs",
    "lager": "Lager onderwijs",
    "secundair": "Secundair onderwijs",
    "hoger": "Hoger onderwijs",
    "volwassenen": "Volwassenenonderwijs",
}
CRITERIA: dict[str, str] = {
    "gebruiksgemak": "Gebruiksgemak",
    "didactische_meerwaarde": "Didactische meerwaarde",
    "beheer": "Beheer",
    "privacy": "Privacy",
    "prijs_kwaliteit": "Prijs/kwaliteit",
}
PRICING: dict[str, str] = {
    "gratis": "Gratis",
    "freemium": "Gratis basis, betalend voor meer",
    "betalend": "Betalend",
    "onbekend": "Onbekend",
}
ROLES: dict[str, str] = {
    "ict-coordinator": "ICT-coördinator",
    "leerkracht": "Leerkracht",
    "directie": "Directie",
    "zorgcoordinator": "Zorgcoördinator",
    "andere": "Andere rol",
}


@dataclass(frozen=True)
class Sourced:
    """A fact with the public page that states it and the day that page was checked."""

    value: str | None
    source: str
    checked_on: date


@dataclass(frozen=True)
class Review:
    """One coordinator's or teacher's experience with a tool."""

    reviewer: str
    role: str
    level: str
    date: date
    scores: dict[str, int]
    version: str | None = None
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    text: str = ""
    works_for_vendor: bool = False
    line: int = 0

    @property
    def overall(self) -> float:
        """The mean of the criteria this review scored."""
        return fmean(self.scores.values())


@dataclass(frozen=True)
class Tool:
    """A tool's fact sheet: facts with sources, privacy facts, reviews."""

    slug: str
    path: str  # as shown in messages, e.g. docs/tools-reviews/kahoot.yml
    name: str
    category: str
    levels: tuple[str, ...]
    pricing: str
    facts: Sourced
    verwerkersovereenkomst: Sourced
    vendor: str | None = None
    website: str | None = None
    platforms: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    summary: str | None = None
    current_version: str | None = None
    data_location: Sourced | None = None
    reviews: tuple[Review, ...] = field(default_factory=tuple)
    file_name: str = ""  # e.g. kahoot.yml

    @property
    def ranked_reviews(self) -> tuple[Review, ...]:
        """Reviews that count in rankings: not those by people working for the vendor."""
        return tuple(r for r in self.reviews if not r.works_for_vendor)

    @property
    def newest_review(self) -> date | None:
        return max((r.date for r in self.reviews), default=None)

    def criterion_average(self, criterion: str) -> float | None:
        values = [r.scores[criterion] for r in self.reviews if criterion in r.scores]
        return fmean(values) if values else None

    @property
    def average(self) -> float | None:
        """The mean of the reviews' overall scores."""
        return fmean(r.overall for r in self.reviews) if self.reviews else None
