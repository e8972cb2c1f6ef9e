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


class _LenientLoader(yaml.SafeLoader):
    """A SafeLoader that keeps an impossible date such as 2026-13-01 as its text."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LenientLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def parse(text: str) -> FrontMatter:
    """Split `text` into front matter and body; problems are messages without a path."""
    match = _BLOCK.match(text)
    if not match:
        return FrontMatter(body=text)
    block = match.group(1) or ""
    result = FrontMatter(body=text[match.end():], present=True)
    try:
        node = yaml.compose(block, Loader=_LenientLoader)
        data = yaml.load(block, Loader=_LenientLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}, column {mark.column + 1}" if mark else "front matter"
        reason = getattr(exc, "problem", None) or str(exc)
        result.problems.append(
            f"the front matter is not valid YAML ({where}: {reason}). "
            "Fix the indentation or quote the value; the page is built without it."
        )
        return result
    if data is None:
        return result
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        result.problems.append(
            "the front matter is not a list of 'key: value' lines (line 2). "
            "Write one setting per line, e.g. 'title: Mijn pagina'."
        )
        return result
    result.meta = {str(k): v for k, v in data.items()}
    for key_node, _ in node.value:
        # +2: the opening '---' is line 1 and marks count from 0.
        result.lines[str(key_node.value)] = key_node.start_mark.line + 2
    return result
