"""Write a new tool file or add a review to one, as YAML a contributor can keep editing.

Text is appended, never re-serialised, so the contributor's comments and layout stay.
Knows nothing of MkDocs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import yaml


class ScaffoldError(Exception):
    """The file cannot be extended safely."""


@dataclass(frozen=True)
class Answers:
    """What a reviewer told us."""

    reviewer: str
    role: str
    level: str
    date: date
    version: str | None
    scores: dict[str, int]


@dataclass(frozen=True)
class ToolAnswers:
    """The facts needed for a new tool file."""

    name: str
    category: str
    levels: list[str]
    pricing: str
    facts_source: str
    dpa: str
    dpa_source: str
    checked_on: date


def slugify(name: str) -> str:
    """'Book Créator' -> 'book-creator'; letters of other scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    plain = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    slug = re.sub(r"[^\w]+", "-", plain).strip("-_")
    if not slug:
        raise ScaffoldError(f"'{name}' has no letters or digits to name a file after.")
    return slug


def _q(value: str) -> str:
    """A YAML scalar that stays a string whatever it holds (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def review_block(answers: Answers) -> str:
    scores = ", ".join(f"{k}: {v}" for k, v in answers.scores.items())
    lines = [
        f"  - reviewer: {_q(answers.reviewer)}",
        f"    role: {answers.role}",
        f"    level: {answers.level}",
        f"    date: {answers.date.isoformat()}",
    ]
    if answers.version:
        lines.append(f"    version: {_q(answers.version)}")
    lines += [
        f"    scores: {{{scores}}}",
        "    # pros: [Wat werkt goed?]",
        "    # cons: [Wat werkt minder goed?]",
        "    # text: Jouw ervaring in een paar zinnen.",
    ]
    return "\n".join(lines) + "\n"


def append_review(original: str, answers: Answers) -> str:
    """The file with one more review at the end of its reviews list, in the file's own
    line endings."""
    newline = "\r\n" if "\r\n" in original else "\n"
    original = original.replace("\r\n", "\n")
    try:
        data = yaml.compose(original, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the file"
        raise ScaffoldError(f"the YAML is not valid at {where}; fix it first "
                            "(ictwiki check says how).") from exc
    return _append(original, data, answers).replace("\n", newline)


def _append(original: str, data: yaml.Node | None, answers: Answers) -> str:
    if not isinstance(data, yaml.MappingNode):
        raise ScaffoldError("the file is not a tool file; fix it first (ictwiki check).")
    keys = [key.value for key, _ in data.value]
    text = original if original.endswith("\n") else original + "\n"
    if "reviews" not in keys:
        return text + "reviews:\n" + review_block(answers)
    if keys[-1] != "reviews":
        raise ScaffoldError("'reviews:' must be the last part of the file to add a review; "
                            "move it to the end.")
    reviews = data.value[-1][1]
    if isinstance(reviews, yaml.SequenceNode) and reviews.flow_style and not reviews.value:
        text = re.sub(r"reviews:\s*\[\]\s*$", "reviews:\n", text)
    elif isinstance(reviews, yaml.SequenceNode) and reviews.flow_style:
        raise ScaffoldError("write the reviews as a list with '- ' items to add one.")
    return text + review_block(answers)


def new_tool_file(tool: ToolAnswers, answers: Answers) -> str:
    checked = tool.checked_on.isoformat()
    return "\n".join([
        "# yaml-language-server: $schema=../../plugins/ictwiki/reviews/tool.schema.json",
        f"name: {_q(tool.name)}",
        f"category: {tool.category}",
        f"levels: [{', '.join(tool.levels)}]",
        f"pricing: {tool.pricing}",
        "facts:",
        f"  source: {_q(tool.facts_source)}",
        f"  checked_on: {checked}",
        "privacy:",
        "  verwerkersovereenkomst:",
        f"    value: {tool.dpa}",
        f"    source: {_q(tool.dpa_source)}",
        f"    checked_on: {checked}",
        "reviews:",
    ]) + "\n" + review_block(answers)
