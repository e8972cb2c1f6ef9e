"""Load tool files: YAML with line numbers, JSON Schema validation, clear messages.

Each fault becomes a Problem with the file, line and column and how to fix it. A broken
file is skipped; the other tools still load. Knows nothing of MkDocs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .model import Review, Sourced, Tool

SCHEMA_NAME = "tool.schema.json"


@dataclass(frozen=True)
class Problem:
    """One fault in one file, located for an editor and a GitHub annotation."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def github_annotation(self) -> str:
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.column}::{text}"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml when available (fast); keeps dates as the text written, like JSON would."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


class PackagedSchema:
    """A JSON Schema shipped inside a package: its data, its validator, and the rule its
    `propertyNames` gives for contact fields (read in any letter case here)."""

    def __init__(self, package: str, name: str) -> None:
        self.package, self.name = package, name

    @cached_property
    def data(self) -> dict[str, Any]:
        return dict(json.loads((resources.files(self.package) / self.name).read_text("utf-8")))

    @cached_property
    def validator(self) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(self.data,
                                               format_checker=jsonschema.FormatChecker())

    @cached_property
    def _contact_key(self) -> re.Pattern[str]:
        return re.compile(self.data["propertyNames"]["not"]["pattern"], re.I)

    def is_contact_key(self, key: str) -> bool:
        """Whether a field name asks for contact data (email, telefoon, adres, ...)."""
        return self._contact_key.search(key) is not None


SCHEMA = PackagedSchema("ictwiki.reviews", SCHEMA_NAME)


def schema() -> dict[str, Any]:
    return SCHEMA.data


RESERVED = {"index", "categorie", "niveau", "ranking"}  # the site's own pages in the folder


def parse_text(text: str, display_path: str) -> tuple[dict[str, Any] | None, yaml.Node | None,
                                                        list[Problem]]:
    """YAML text to (data, node tree, problems); duplicate keys are problems too."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = getattr(exc, "problem", None) or "not valid YAML"
        if "tab" in reason:
            advice = f"Replace the tab on line {line} with spaces."
        elif "another document" in reason:
            advice = "Keep one tool per file: remove the '---' line and what follows."
        else:
            advice = (f"Check the indentation around line {line}: keys of one block start in "
                      "the same column, list items start with '- '.")
        return None, None, [Problem(display_path, line, column,
                                    f"the YAML is not valid ({reason}). {advice}")]
    if not isinstance(data, dict) or node is None:
        return None, None, [Problem(display_path, 1, 1,
                                    "the file must hold 'key: value' lines, starting with 'name:'.")]
    return data, node, [Problem(display_path, line, column, message)
                        for line, column, message in _duplicate_keys(node)]


def load_tool(path: Path, display_path: str, today: date | None = None
              ) -> tuple[Tool | None, list[Problem]]:
    """Read one tool file; (None, problems) when it cannot be used."""
    text, problems = read_data_file(path, display_path)
    if text is None:
        return None, problems
    return load_text(text, display_path, path.name, today)


def read_data_file(path: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """The text of a YAML data file, or a problem when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Problem(display_path, 1, 1, "the file is not UTF-8 text. Save it as UTF-8.")]


def load_text(text: str, display_path: str, file_name: str, today: date | None = None
              ) -> tuple[Tool | None, list[Problem]]:
    """A tool from the text of its file, named `file_name` (e.g. kahoot.yml)."""
    path = Path(file_name)
    data, node, problems = parse_text(text, display_path)
    if data is None or node is None:
        return None, problems
    problems += [
        Problem(display_path, *_position(node, list(error.absolute_path), error), _explain(error))
        for error in SCHEMA.validator.iter_errors(data)
    ]
    if not problems:  # the shape is right: now look inside the values
        problems += [Problem(display_path, *_position(node, where), message)
                     for where, message in _personal_data(data) + _future_dates(data, today)]
    if path.stem in RESERVED:
        problems.append(Problem(display_path, 1, 1, f"the file name '{path.stem}' is used by the "
                                "site's own pages. Rename the file after the tool."))
    if problems:
        return None, sorted(_unique(problems), key=lambda p: (p.line, p.column, p.message))
    return _tool(path, display_path, data, node), []


def load_tools(docs_dir: Path, folder: str, today: date | None = None
               ) -> tuple[list[Tool], list[Problem]]:
    """Every *.yml / *.yaml tool file directly in docs_dir/folder, sorted by name."""
    tools: list[Tool] = []
    problems: list[Problem] = []
    base = docs_dir / folder
    display = (Path(docs_dir.name) / folder).as_posix()
    for path in sorted(base.rglob("*")) if base.is_dir() else []:
        name = path.relative_to(base).as_posix()
        if path.is_dir() or path.suffix == ".md" or _is_tool_name(name):
            continue
        problems.append(Problem(f"{display}/{name}", 1, 1, "this file is not read as a tool. "
                                "Tool files are named <tool>.yml, in lower case, directly in "
                                f"{display}/."))
    for path in sorted(p for p in base.iterdir() if _is_tool_name(p.name)) if base.is_dir() else []:
        tool, found = load_tool(path, f"{display}/{path.name}", today)
        problems += found
        if tool is None:
            continue
        clash = next((t for t in tools if t.slug == tool.slug or
                      t.name.casefold() == tool.name.casefold()), None)
        if clash is not None:
            problems.append(Problem(tool.path, 1, 1, f"this tool is already described in "
                                    f"{clash.path}. Keep one file per tool: move the reviews "
                                    "there and remove this file."))
            continue
        if (base / f"{tool.slug}.md").exists():
            problems.append(Problem(tool.path, 1, 1, f"{display}/{tool.slug}.md would be "
                                    "replaced by the page made from this file. Rename one of "
                                    "the two."))
            continue
        tools.append(tool)
    return sorted(tools, key=lambda t: t.name.casefold()), problems


def _is_tool_name(name: str) -> bool:
    return "/" not in name and re.fullmatch(r"[^A-Z]+\.ya?ml", name) is not None


def _duplicate_keys(node: yaml.Node) -> list[tuple[int, int, str]]:
    found = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append((key.start_mark.line + 1, key.start_mark.column + 1,
                              f"'{key.value}' is written twice in the same block; only the "
                              "last would count. Keep one."))
            seen.add(key.value)
            found += _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(item)
    return found


def _future_dates(data: dict[str, Any], today: date | None) -> list[tuple[list[Any], str]]:
    if today is None:
        return []
    found = []
    checks: list[tuple[list[Any], Any]] = [(["facts", "checked_on"], data["facts"]["checked_on"])]
    for key, fact in data["privacy"].items():
        checks.append((["privacy", key, "checked_on"], fact["checked_on"]))
    for i, review in enumerate(data.get("reviews") or []):
        checks.append((["reviews", i, "date"], review["date"]))
    for where, value in checks:
        if date.fromisoformat(value) > today:
            found.append((where, f"{_field(where)} {value} lies in the future. Write the day it "
                                 "happened."))
    return found


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.column, p.message), p)
    return list(seen.values())


def _position(node: yaml.Node, path: Sequence[Any],
              error: jsonschema.ValidationError | None = None) -> tuple[int, int]:
    """Line and column (1-based) of the value at `path`, or of the nearest parent."""
    if error is not None and error.validator == "additionalProperties":
        parent = _node_at(node, path)
        extra = set(error.instance) - set(error.schema.get("properties", {}))
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if key.value in extra:
                    return key.start_mark.line + 1, key.start_mark.column + 1
    current = _node_at(node, path)
    return current.start_mark.line + 1, current.start_mark.column + 1


def _node_at(node: yaml.Node, path: Sequence[Any]) -> yaml.Node:
    current = node
    for step in path:
        child = None
        if isinstance(current, yaml.MappingNode):
            child = next((v for k, v in current.value if k.value == step), None)
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int):
            child = current.value[step] if step < len(current.value) else None
        if child is None:
            break
        current = child
    return current


def _field(path: Sequence[Any]) -> str:
    return ".".join(str(p) for p in path) or "the file"


def _explain(error: jsonschema.ValidationError) -> str:
    """A message that says what is wrong and how to write it instead."""
    where = _field(list(error.absolute_path))
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = str(error.message).split("'")[1]
        return f"'{missing}' is missing in {where}. Add it; see the schema for what it holds."
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        known = ", ".join(error.schema.get("properties", {}))
        return f"unknown field {', '.join(map(repr, extra))} in {where}. Known fields: {known}."
    if kind == "enum":
        options = ", ".join(map(str, error.validator_value))
        if isinstance(value, bool):
            written = "yes/true/on" if value else "no/false/off"
            return (f"{where} is read as {str(value).lower()}: YAML turns an unquoted {written} "
                    f"into a yes/no value. Write one of: {options}.")
        return f"{where} '{value}' is not allowed. Write one of: {options}."
    if kind in ("format", "pattern") and error.schema.get("format") == "date":
        return f"{where} '{value}' is not a date. Write it as YYYY-MM-DD, e.g. 2024-09-01."
    if kind == "pattern" and where.endswith("reviewer"):
        return (f"{where} must be a GitHub handle or a pseudonym, never an e-mail address. "
                "Write e.g. reviewer: juf-an.")
    if kind == "pattern" and "https" in str(error.validator_value):
        return f"{where} '{value}' is not a web address. Write the full link, starting with https://."
    if kind in ("minimum", "maximum") and "scores" in where:
        return f"{where} is {value}; scores go from 1 (slecht) to 5 (uitstekend)."
    if kind == "type" and isinstance(value, bool) and "string" in str(error.validator_value):
        written = "yes/true/on" if value else "no/false/off"
        return (f"{where} is read as {str(value).lower()}: YAML turns an unquoted {written} into "
                f"a yes/no value. Put the text in quotes, e.g. \"{'NO' if not value else 'YES'}\".")
    if kind == "type" and isinstance(value, (int, float)) and "string" in str(error.validator_value):
        return (f"{where} is read as the number {value}. Put it in quotes to keep it as written, "
                f"e.g. version: \"1.10\".")
    if kind == "maxLength":
        return f"{where} is longer than {error.validator_value} characters. Shorten it."
    if kind == "type":
        wanted = {"string": "text", "array": "a list", "object": "a block of 'key: value' lines",
                  "integer": "a whole number", "boolean": "true or false"}
        expected = error.validator_value
        names = [wanted.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        return f"{where} must be {' or '.join(names)}, not {json.dumps(value, default=str)}."
    if kind == "oneOf" and where.endswith("platforms"):
        return f"{where} must be a list of platforms, e.g. [web, Windows, iPadOS]."
    if kind in ("minItems", "minLength", "minProperties"):
        return f"{where} is empty. Fill it in or remove the line."
    if kind == "uniqueItems":
        return f"{where} lists the same value twice. Remove the duplicate."
    return f"{where}: {error.message}."


_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\]|\{at\})\s*[\w-]+\s*(?:\.|\(dot\)|\[dot\])\s*[a-z]{2,}",
                    re.I)
# Belgian and international phone numbers: +32 ..., 0032 ..., 04xx ..., 0x/xxx.xx.xx
_PHONE = re.compile(
    r"(?:\+|00)\d{2}[\s./-]?(?:\(0\)\s?)?\d(?:[\s./-]?\d){6,}"  # +32 470 12 34 56, 0032 ...
    r"|\b0\d(?:[\s./-]?\d){7,}\b"  # 0470 12 34 56, 09/123.45.67
    r"|\b4\d\d(?:\s\d\d){3}\b"  # 470 12 34 56
)


def _personal_data(data: dict[str, Any]) -> list[tuple[list[Any], str]]:
    """E-mail addresses and phone numbers in review text: never published."""
    found = []
    for i, review in enumerate(data.get("reviews") or []):
        fields: list[tuple[list[Any], Any]] = [(["reviews", i, "text"], review.get("text"))]
        for key in ("pros", "cons"):
            fields += [(["reviews", i, key, j], item)
                       for j, item in enumerate(review.get(key) or [])]
        for path, value in fields:
            if not isinstance(value, str):
                continue
            kind = ("an e-mail address" if _EMAIL.search(value)
                    else "a phone number" if _PHONE.search(value) else None)
            if kind:
                found.append((path, f"{_field(path)} contains {kind}. Personal data is never "
                                    "published: remove it (name a school's public website "
                                    "instead, if that helps)."))
    return found


def _sourced(data: dict[str, Any]) -> Sourced:
    value = data.get("value")
    return Sourced(None if value is None else str(value), data["source"],
                   date.fromisoformat(data["checked_on"]))


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def _tool(file: Path, path: str, data: dict[str, Any], node: yaml.Node) -> Tool:
    privacy = data["privacy"]
    reviews = tuple(
        Review(
            reviewer=r["reviewer"], role=r["role"], level=r["level"],
            date=date.fromisoformat(r["date"]), scores={k: int(v) for k, v in r["scores"].items()},
            version=r.get("version"), pros=_strings(r.get("pros")), cons=_strings(r.get("cons")),
            text=r.get("text", ""), works_for_vendor=bool(r.get("works_for_vendor", False)),
            line=_position(node, ["reviews", i])[0],
        )
        for i, r in enumerate(data.get("reviews") or [])
    )
    return Tool(
        slug=file.stem, path=path, file_name=file.name, name=data["name"],
        category=data["category"],
        levels=tuple(data["levels"]), pricing=data["pricing"], facts=_sourced(data["facts"]),
        verwerkersovereenkomst=_sourced(privacy["verwerkersovereenkomst"]),
        vendor=data.get("vendor"), website=data.get("website"),
        platforms=_strings(data.get("platforms")), languages=_strings(data.get("languages")),
        summary=data.get("summary"), current_version=data.get("current_version"),
        data_location=_sourced(privacy["data_location"]) if "data_location" in privacy else None,
        reviews=tuple(sorted(reviews, key=lambda r: r.date, reverse=True)),
    )
