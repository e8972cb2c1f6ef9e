"""The data model of a school file and which schools use the same systems. No MkDocs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# The provinces of Flanders and Brussels; a school names one, never an address.
REGIONS: tuple[str, ...] = (
    "Antwerpen", "Brussel", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen",
)
# The kinds of systems a school lists, in the order the site shows them.
SYSTEM_KINDS: dict[str, str] = {
    "learning_platforms": "Leerplatform",
    "devices": "Toestellen",
    "management": "Beheer en administratie",
}


@dataclass(frozen=True)
class School:
    """A school and the systems it uses, as the school confirmed them; only public facts."""

    slug: str  # file name stem: docs/scholen/<slug>.yml
    name: str  # the school's name (an organisation, public)
    levels: tuple[str, ...]  # keys of reviews.model.LEVELS, in LEVELS order
    region: str  # one of REGIONS
    contact_url: str  # https address of the school's public contact page or form
    confirmed_on: date  # the day the school confirmed these facts
    path: str  # as shown in messages, e.g. docs/scholen/sint-jan.yml
    learning_platforms: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    management: tuple[str, ...] = ()
    town: str | None = None
    school_community: str | None = None
    website: str | None = None
    summary: str | None = None

    @property
    def systems(self) -> tuple[str, ...]:
        """Every system name, each once (letter case ignored), in the order of SYSTEM_KINDS."""
        seen: set[str] = set()
        names = []
        for kind in SYSTEM_KINDS:
            for name in getattr(self, kind):
                if _key(name) not in seen:
                    seen.add(_key(name))
                    names.append(name)
        return tuple(names)


def similar(school: School, schools: Iterable[School]) -> list[tuple[School, tuple[str, ...]]]:
    """Other schools sharing at least one system (compared casefolded, whitespace-trimmed), with
    the shared names as this school writes them; most shared first, then name (casefold).

    The school itself (the same slug) is never in the list.
    """
    found = []
    for other in schools:
        if other.slug == school.slug:
            continue
        theirs = {_key(name) for name in other.systems}
        shared = tuple(name for name in school.systems if _key(name) in theirs)
        if shared:
            found.append((other, shared))
    return sorted(found, key=lambda pair: (-len(pair[1]), pair[0].name.casefold(), pair[0].slug))


def _key(name: str) -> str:
    return name.strip().casefold()
