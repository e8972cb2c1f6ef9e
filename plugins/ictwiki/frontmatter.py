"""Front matter of a Markdown page, read with the line of every key.

MkDocs drops a page's whole front matter without a word when the YAML is broken (for
instance a date like 2026-13-01, which PyYAML refuses while loading). This reader keeps
what it can, reports the rest with a line number, and never raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_BLOCK = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class FrontMatter:
    """The parsed front matter, the line of each top-level key, and what went wrong."""

    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    body: str = ""
    present: bool = False


# MkDocs reads front matter with libyaml when PyYAML has it; read it the same way, so the
# site and `ictwiki stale` agree on what a page says (libyaml accepts a tab after a colon).
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LenientLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that keeps an impossible date such as 2026-13-01 as its text."""


def _timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LenientLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def parse(text: str) -> FrontMatter:
    """Split `text` into front matter and body; problems are messages without a path."""
    match = _BLOCK.match(text)
    if not match:
        return FrontMatter(body=text)
    block = match.group(1) or ""
    try:
        node = yaml.compose(block, Loader=_LenientLoader)
        data = yaml.load(block, Loader=_LenientLoader)
    except yaml.YAMLError as exc:
        # Not front matter we can read. Keep the text: it may be a page that starts with a
        # horizontal rule, and a broken block shown on the page loses nothing.
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}, column {mark.column + 1}" if mark else "front matter"
        reason = getattr(exc, "problem", None) or str(exc)
        hint = "Fix the indentation or quote the value"
        if "cannot start any token" in reason:
            hint = "Quote a value that starts with @ or `, e.g. owner: '@ict-wiki/moderatoren'"
        return FrontMatter(body=text, problems=[
            f"the front matter is not valid YAML ({where}: {reason}). {hint}; until then the "
            "block shows as text on the page."
        ])
    result = FrontMatter(body=text[match.end():], present=True)
    if data is None:
        return result
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        # Text between two horizontal rules, not settings: leave the page as it is.
        return FrontMatter(body=text)
    result.meta = {str(k): v for k, v in data.items()}
    for key_node, _ in node.value:
        # +2: the opening '---' is line 1 and marks count from 0.
        result.lines[str(key_node.value)] = key_node.start_mark.line + 2
    return result
