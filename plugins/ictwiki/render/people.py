"""Pages about people and schools: Wie weet wat, a page per contributor with their badges,
the badge rules, and schools with similar systems. Reader-facing text is Dutch.

Every value from data is escaped and placed in HTML blocks after Markdown ran (see
GeneratedPage), so a name like `<b>` or `*x*` shows as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from ..people.model import (
    BADGE_RULES, DOMAIN_DESCRIPTIONS, DOMAIN_TITLES, DOMAINS, Badge, Person,
)
from ..reviews.model import LEVELS, LEVELS_SHORT
from ..schools.model import SYSTEM_KINDS, School, similar
from .tools import DASH, GeneratedPage, _Doc, data_table, front_matter, href, time_tag

PEOPLE_SECTION = "mensen"
SCHOOLS_SECTION = "scholen"
WHO_KNOWS_WHAT = f"{PEOPLE_SECTION}/index.md"
BADGES_SRC = f"{PEOPLE_SECTION}/badges.md"
SCHOOLS_INDEX = f"{SCHOOLS_SECTION}/index.md"
# Where a contributor reads how to add themselves (a heading of the contributors' guide).
CONTRIBUTING = "CONTRIBUTING.md"
JOIN_HELP = "#8-jezelf-toevoegen-aan-wie-weet-wat"

AskUrl = Callable[[str | None], str | None]  # domain -> the question form for it
SystemLink = Callable[[str], str | None]  # system name -> docs-relative tool page, if any


def person_src(person: Person) -> str:
    return f"{PEOPLE_SECTION}/{person.handle.lower()}.md"


def school_src(school: School) -> str:
    return f"{SCHOOLS_SECTION}/{school.slug}.md"


def _levels(levels: Sequence[str], short: bool = False) -> str:
    names = LEVELS_SHORT if short else LEVELS
    return ", ".join(names[level] for level in levels) if levels else DASH


def _text(value: str | None) -> str:
    return escape(value) if value else DASH


# --- Wie weet wat --------------------------------------------------------------------------

def who_knows_what(people: Sequence[Person], earned: Mapping[str, Sequence[Badge]],
                   src: str, ask_url: AskUrl) -> str:
    """The generated part of the Wie weet wat page: the experts of each domain."""
    parts = []
    for domain in DOMAINS:
        experts = [p for p in people if domain in p.domains]
        parts += [f"## {DOMAIN_TITLES[domain]} {{#{domain}}}", ""]
        body = f"<p>{escape(DOMAIN_DESCRIPTIONS[domain])}.</p>"
        if experts:
            items = "".join(_expert_item(p, domain, earned, src) for p in experts)
            body += f'<ul class="ictwiki-experts">{items}</ul>'
        else:
            body += ("<p>Nog niemand gaf dit domein op. Weet jij er veel van? "
                     f'<a href="{href(src, CONTRIBUTING)}{JOIN_HELP}">Zet jezelf op deze pagina</a>.</p>')
        url = ask_url(domain)
        if url:
            body += (f'<p><a href="{escape(url)}">Stel een vraag over '
                     f"{escape(DOMAIN_TITLES[domain].lower())}</a></p>")
        parts += [body, ""]
    return "\n".join(parts)


def _expert_item(person: Person, domain: str, earned: Mapping[str, Sequence[Badge]],
                 src: str) -> str:
    facts = [f"@{escape(person.handle)}"]
    if person.levels:
        facts.append(_levels(person.levels).lower())
    if person.region:
        facts.append(escape(person.region))
    backed = any(b.slug == f"expert-{domain}" for b in earned.get(person.handle, ()))
    mark = (' <span class="ictwiki-badge">met bijdragen in dit domein</span>' if backed else "")
    return (f'<li><a href="{href(src, person_src(person))}">{escape(person.display_name)}</a> '
            f"({', '.join(facts)}){mark}</li>")


# --- A contributor -------------------------------------------------------------------------

def person_page(person: Person, earned: Sequence[Badge]) -> GeneratedPage:
    src = person_src(person)
    doc = _Doc(front_matter(person.display_name, freshness=False))
    doc.html(f"<h1>{escape(person.display_name)}</h1>"
             f'<p>Op GitHub: <a href="https://github.com/{escape(person.handle)}">'
             f"@{escape(person.handle)}</a></p>")
    domains = ", ".join(
        f'<a href="{href(src, WHO_KNOWS_WHAT)}#{d}">{escape(DOMAIN_TITLES[d])}</a>'
        for d in person.domains)
    rows = [("Weet veel over", domains), ("Onderwijsniveaus", _levels(person.levels)),
            ("Regio", _text(person.region)),
            ("Scholengemeenschap", _text(person.school_community))]
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    doc.html(f'<table class="ictwiki-facts-table"><tbody>{body}</tbody></table>')
    doc.md("## Badges")
    rules = f'<a href="{href(src, BADGES_SRC)}">Zo werken de badges</a>'
    if earned:
        items = "".join(f'<li><strong class="ictwiki-badge">{escape(b.title_nl)}</strong> '
                        f"{escape(b.reason_nl)}</li>" for b in earned)
        doc.html(f'<ul class="ictwiki-badges">{items}</ul><p>{rules}.</p>')
    else:
        doc.html(f"<p>Nog geen badges. {rules}.</p>")
    return doc.page(src, edit_path=None)


def badges_page() -> GeneratedPage:
    """The rules of the badges, from the same list the badges are computed by."""
    doc = _Doc(front_matter("Badges", freshness=False))
    doc.md("# Badges", "",
           "Badges tonen wat iemand voor de inhoud van de wiki deed, niet hoeveel. Elke badge "
           "krijg je één keer, voor één daad: wie honderd pagina's bijwerkt, heeft dezelfde "
           "badges als wie er één bijwerkte. Er zijn geen punten en er is geen ranglijst.",
           "",
           "De wiki berekent de badges bij elke publicatie uit de geschiedenis van de wiki en "
           "uit de reviews. Alleen wie zich met een bestand in `people/` op de site zette, "
           "krijgt badges; wie dat niet doet, blijft anoniem.")
    items = "".join(f"<dt>{escape(title)}</dt><dd>{escape(rule)}</dd>"
                    for _, title, rule in BADGE_RULES)
    doc.html(f'<dl class="ictwiki-badge-rules">{items}</dl>')
    doc.md("Een wijziging telt voor wie ze schreef, ook als een moderator ze samenvoegde. De "
           "wiki herkent je aan je GitHub-gebruikersnaam als auteursnaam of aan het "
           "noreply-adres dat GitHub je geeft.")
    return doc.page(BADGES_SRC)


# --- Schools -------------------------------------------------------------------------------

def _systems(school: School, kind: str, src: str, link: SystemLink) -> str:
    names = getattr(school, kind)
    if not names:
        return DASH
    return ", ".join(_system(name, src, link) for name in names)


def _system(name: str, src: str, link: SystemLink) -> str:
    target = link(name)
    if target is None:
        return escape(name)
    return f'<a href="{href(src, target)}">{escape(name)}</a>'


def schools_overview(schools: Sequence[School], src: str, link: SystemLink) -> str:
    """The generated part of the schools page: every school, then every system."""
    if not schools:
        return "<p>Er staan nog geen scholen in de wiki.</p>\n"
    search = ('<p><a href="?zoek=&amp;sectie=Scholen">Zoek een school op onderwijsniveau, '
              "regio of systeem</a>, of blader door de lijsten hieronder.</p>")
    head = ["School", "Niveaus", "Regio", *SYSTEM_KINDS.values()]
    rows = [[f'<a href="{href(src, school_src(s))}">{escape(s.name)}</a>',
             _levels(s.levels, short=True), escape(s.region),
             *(_systems(s, kind, src, link) for kind in SYSTEM_KINDS)] for s in schools]
    parts = [search, "", "## Alle scholen", "",
             data_table("Alle scholen", head, rows), "", "## Per systeem", "",
             "<p>Welke scholen hetzelfde leerplatform, dezelfde toestellen of dezelfde "
             "beheertools gebruiken.</p>", ""]
    by_system: dict[str, tuple[str, list[School]]] = {}
    for school in schools:
        for name in school.systems:
            key = name.strip().casefold()
            by_system.setdefault(key, (name.strip(), []))[1].append(school)
    items = "".join(
        f"<li>{_system(name, src, link)}: "
        + ", ".join(f'<a href="{href(src, school_src(s))}">{escape(s.name)}</a>' for s in users)
        + "</li>"
        for name, users in sorted(by_system.values(), key=lambda v: v[0].casefold()))
    parts += [f'<ul class="ictwiki-systems">{items}</ul>', ""]
    return "\n".join(parts)


def spellings(schools: Sequence[School]) -> dict[str, str]:
    """One spelling per system (the first school's, by name), so that 'smartschool' and
    'Smartschool' are one search filter value."""
    found: dict[str, str] = {}
    for school in schools:
        for name in school.systems:
            found.setdefault(name.strip().casefold(), name.strip())
    return found


def school_page(school: School, schools: Sequence[School], link: SystemLink,
                data_file: str, spelling: Mapping[str, str] | None = None) -> GeneratedPage:
    src = school_src(school)
    spelling = spelling if spelling is not None else spellings(schools)
    doc = _Doc(front_matter(school.name, freshness_source=data_file,
                            last_reviewed=school.confirmed_on.isoformat()))
    summary = f'<p class="ictwiki-summary">{escape(school.summary)}</p>' if school.summary else ""
    doc.html(f"<h1>{escape(school.name)}</h1>{_school_search_facts(school, spelling)}{summary}")
    website = (f'<a href="{escape(school.website)}" rel="nofollow">{escape(school.website)}</a>'
               if school.website else DASH)
    rows = [("Onderwijsniveaus", _levels(school.levels)), ("Regio", escape(school.region)),
            ("Gemeente", _text(school.town)),
            ("Scholengemeenschap", _text(school.school_community)),
            *((label, _systems(school, kind, src, link)) for kind, label in SYSTEM_KINDS.items()),
            ("Website", website)]
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    doc.html(f'<table class="ictwiki-facts-table"><tbody>{body}</tbody></table>'
             f"<p>Deze gegevens komen van de school zelf en zijn door de school bevestigd op "
             f"{time_tag(school.confirmed_on)}.</p>")
    doc.md("## Contact")
    doc.html(f'<p>De school koos deze contactweg: <a href="{escape(school.contact_url)}" '
             f'rel="nofollow">{escape(school.contact_url)}</a>. Zeg dat je via ICT-Wiki komt '
             "en met welke systemen je werkt. De wiki publiceert geen namen, e-mailadressen of "
             "telefoonnummers van mensen.</p>")
    doc.md("## Scholen met dezelfde systemen")
    alike = similar(school, schools)
    if alike:
        items = "".join(
            f'<li><a href="{href(src, school_src(other))}">{escape(other.name)}</a> '
            f"({_levels(other.levels).lower()}, {escape(other.region)}): "
            f"{', '.join(escape(n) for n in shared)}</li>" for other, shared in alike)
        doc.html(f'<ul class="ictwiki-similar">{items}</ul>')
    else:
        doc.html("<p>Nog geen andere school in de wiki gebruikt dezelfde systemen.</p>")
    return doc.page(src, source=data_file, edit_path=data_file)


def _school_search_facts(school: School, spelling: Mapping[str, str]) -> str:
    spans = [("filter", "niveau", LEVELS[level]) for level in school.levels]
    spans.append(("filter", "regio", school.region))
    spans += [("filter", "systeem", spelling.get(name.strip().casefold(), name.strip()))
              for name in school.systems]
    inner = "".join(f'<span data-pagefind-{kind}="{key}">{escape(value)}</span>'
                    for kind, key, value in spans)
    return f'<div hidden class="ictwiki-search-facts" data-pagefind-ignore>{inner}</div>'
