"""Questions that reach the experts: the link on each page and the routing of a new issue.

The "Vraag" issue form asks for the domain in a dropdown whose options are the domains'
descriptions; a link from a page fills in the page, the title, the dropdown and the label.
When the issue is opened, `route` reads the answer back from the issue body and says which
label to add and whom to mention. Knows nothing of MkDocs or of GitHub's API.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from .github import label_of
from .model import DOMAIN_DESCRIPTIONS, DOMAINS, Person

QUESTION_LABEL = "vraag"
OTHER_OPTION = "Iets anders"
FORM_DOMAIN_LABEL = "Onderwerp"  # the dropdown's label in the form, a heading in the issue


def question_url(form_url: str, page_address: str, page_title: str, domain: str | None
                 ) -> str:
    """The "Vraag" form, filled in for one page (and its domain, when it has one)."""
    params = {"title": f"Vraag over: {page_title}", "pagina": page_address}
    labels = [QUESTION_LABEL]
    if domain is not None:
        params["domein"] = DOMAIN_DESCRIPTIONS[domain]
        labels.append(label_of(domain))
    params["labels"] = ",".join(labels)
    joiner = "&" if "?" in form_url else "?"
    return f"{form_url}{joiner}{urlencode(params)}"


def form_options() -> list[str]:
    """The dropdown's options, in the order of the domains, then 'something else'."""
    return [DOMAIN_DESCRIPTIONS[d] for d in DOMAINS] + [OTHER_OPTION]


@dataclass(frozen=True)
class Routing:
    """What to do with a new question: the label to add and the experts to mention."""

    domain: str | None
    label: str | None
    experts: tuple[str, ...]

    def comment(self) -> str | None:
        """A short Dutch comment that mentions the experts; None when there are none."""
        if self.domain is None or not self.experts:
            return None
        names = ", ".join(f"@{h}" for h in self.experts)
        return (f"Deze vraag gaat over {DOMAIN_DESCRIPTIONS[self.domain].lower()}. {names}: "
                "jullie gaven dit domein op in de wiki; kunnen jullie helpen?\n\n"
                "(Automatisch bericht: wie een domein opgeeft in people/, krijgt vragen "
                "daarover te zien.)")


_SECTION = re.compile(r"^###\s+(.+?)\s*$", re.M)


def route(issue_body: str, issue_labels: Iterable[str], people: Iterable[Person],
          author: str | None = None) -> Routing:
    """The domain a question is about, from its label or else the form's dropdown answer.

    The experts are everyone who names that domain in their people file, except the author
    of the question.
    """
    domain = next((d for d in DOMAINS if label_of(d) in set(issue_labels)), None)
    if domain is None:
        answer = _answer(issue_body, FORM_DOMAIN_LABEL)
        domain = next((d for d in DOMAINS if DOMAIN_DESCRIPTIONS[d] == answer), None)
    if domain is None:
        return Routing(None, None, ())
    experts = tuple(sorted((p.handle for p in people if domain in p.domains
                            and (author is None or p.handle.casefold() != author.casefold())),
                           key=str.casefold))
    return Routing(domain, label_of(domain), experts)


def _answer(body: str, heading: str) -> str | None:
    """The answer under `### heading` in an issue made from a form."""
    headings = list(_SECTION.finditer(body or ""))
    for i, match in enumerate(headings):
        if match.group(1) == heading:
            end = headings[i + 1].start() if i + 1 < len(headings) else len(body)
            return body[match.end():end].strip() or None
    return None
