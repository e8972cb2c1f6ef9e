"""Load people files: YAML with line numbers, JSON Schema validation, no contact data.

One file per contributor in people/ at the repository root, named after the GitHub handle
(people/juf-an.yml). Everything in it is published, so e-mail addresses, phone numbers and
addresses are refused, as fields and inside any value. A broken file is reported with its
line and column and left out; the other files still load. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..reviews.loading import (
    _EMAIL,
    _PHONE,
    PackagedSchema,
    Problem,
    _explain,
    _field,
    _position,
    _unique,
    parse_text,
    read_data_file,
)
from .model import DOMAINS, HANDLE_PATTERN, Person

PEOPLE_DIR = "people"
SCHEMA_NAME = "person.schema.json"


SCHEMA = PackagedSchema("ictwiki.people", SCHEMA_NAME)
is_contact_key = SCHEMA.is_contact_key


def schema() -> dict[str, Any]:
    return SCHEMA.data


def load_people(repo_root: Path) -> tuple[list[Person], list[Problem]]:
    """Every people/<handle>.yml under repo_root, sorted by handle; no folder, no people."""
    base = repo_root / PEOPLE_DIR
    if not base.is_dir():
        return [], []
    people: list[Person] = []
    problems: list[Problem] = []
    for path in sorted(base.rglob("*")):
        name = path.relative_to(base).as_posix()
        if path.is_dir() or path.suffix == ".md" or path.name.startswith(".") or _is_person_name(
                name):
            continue
        problems.append(Problem(f"{PEOPLE_DIR}/{name}", 1, 1, "this file is not read as a people "
                                "file. Name it after your GitHub handle, e.g. "
                                f"{PEOPLE_DIR}/juf-an.yml, directly in {PEOPLE_DIR}/."))
    for path in sorted(p for p in base.iterdir() if _is_person_name(p.name)):
        person, found = load_person(path, f"{PEOPLE_DIR}/{path.name}")
        problems += found
        if person is None:
            continue
        clash = next((p for p in people if p.handle.casefold() == person.handle.casefold()), None)
        if clash is not None:
            problems.append(Problem(person.path, 1, 1, f"{clash.path} already describes this "
                                    "GitHub handle (GitHub ignores letter case). Keep one file "
                                    "per person and remove this one."))
            continue
        people.append(person)
    return sorted(people, key=lambda p: p.handle.casefold()), problems


def load_person(path: Path, display_path: str) -> tuple[Person | None, list[Problem]]:
    """Read one people file; (None, problems) when it cannot be used."""
    text, problems = read_data_file(path, display_path)
    if text is None:
        return None, problems
    return load_text(text, display_path, path.name)


def load_text(text: str, display_path: str, file_name: str) -> tuple[Person | None,
                                                                     list[Problem]]:
    """A person from the text of a people file named `file_name` (e.g. juf-an.yml)."""
    data, node, problems = parse_text(text, display_path)
    problems = [_for_people(p) for p in problems]
    if data is None or node is None:
        return None, problems
    handle = _handle_for_messages(data, file_name)
    contact = _contact_data(node, [], handle)
    flagged = [where for where, _, _ in contact]
    problems += [Problem(display_path, line, column, message)
                 for _, (line, column), message in contact]
    shown = {k: v for k, v in data.items() if not is_contact_key(str(k))}
    for error in SCHEMA.validator.iter_errors(shown):
        where = list(error.absolute_path)
        if any(where[:len(f)] == f for f in flagged):
            continue  # already reported, without repeating the value in a message
        problems.append(Problem(display_path, *_position(node, where, error),
                                _explain_person(error, file_name)))
    stem = Path(file_name).stem
    if not problems and data["handle"] != stem:
        problems.append(Problem(display_path, *_position(node, ["handle"]),
                                f"handle '{data['handle']}' does not match the file name "
                                f"'{file_name}'. Name the file after the GitHub handle "
                                f"({PEOPLE_DIR}/{data['handle']}.yml), or correct the handle."))
    if problems:
        return None, sorted(_unique(problems), key=lambda p: (p.line, p.column, p.message))
    return _person(data, display_path), []


def _is_person_name(name: str) -> bool:
    return "/" not in name and name.endswith(".yml")


def _for_people(problem: Problem) -> Problem:
    """The YAML reader's advice, which speaks of tool files, said for people files."""
    message = (problem.message.replace("starting with 'name:'", "starting with 'handle:'")
               .replace("one tool per file", "one person per file"))
    return Problem(problem.path, problem.line, problem.column, message)


def _handle_for_messages(data: dict[str, Any], file_name: str) -> str:
    written = data.get("handle")
    if isinstance(written, str) and re.fullmatch(HANDLE_PATTERN, written):
        return written
    return Path(file_name).stem


def _contact_data(node: yaml.Node, where: list[Any], handle: str
                  ) -> list[tuple[list[Any], tuple[int, int], str]]:
    """Contact fields and values holding an e-mail address or a phone number, anywhere."""
    advice = ("which the wiki never publishes. Remove it; people reach you through GitHub "
              f"(@{handle}).")
    found: list[tuple[list[Any], tuple[int, int], str]] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = [*where, key.value]
            if is_contact_key(str(key.value)):
                found.append((path, (key.start_mark.line + 1, key.start_mark.column + 1),
                              f"'{key.value}' is personal contact data, {advice}"))
            elif path != ["handle"]:  # a handle is a GitHub username, public by design
                found += _contact_data(value, path, handle)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _contact_data(item, [*where, i], handle)
    elif isinstance(node, yaml.ScalarNode):
        # The text as written: an unquoted 0470123456 is a number to YAML, still a phone number.
        kind = ("an e-mail address" if _EMAIL.search(node.value)
                else "a phone number" if _PHONE.search(node.value) else None)
        if kind:
            line, column = _position(node, [])
            found.append((where, (line, column), f"{_field(where)} contains {kind}, {advice}"))
    return found


def _explain_person(error: jsonschema.ValidationError, file_name: str) -> str:
    """The tool files' messages, with the advice people files need where it differs."""
    where = list(error.absolute_path)
    domains = ", ".join(DOMAINS)
    stem = Path(file_name).stem
    if error.validator == "required" and "'handle'" in error.message:
        return f"'handle' is missing. Add your GitHub username, e.g. handle: {stem}."
    if error.validator == "required" and "'domains'" in error.message:
        return f"'domains' is missing. Add what you know about, e.g. domains: [netwerk]. " \
               f"Choose from: {domains}."
    if error.validator == "minItems" and where == ["domains"]:
        return f"domains is empty. Name at least one of: {domains}."
    if error.validator == "pattern" and where == ["handle"]:
        value = str(error.instance)
        if value.startswith("@"):
            return f"handle '{value}' starts with @. Write the username without it: " \
                   f"handle: {value[1:]}."
        return (f"handle '{value}' is not a GitHub username: letters, digits and hyphens, at most "
                "39 characters, not starting with a hyphen. Write it as github.com shows it.")
    return _explain(error)


def _strings(value: Sequence[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _person(data: dict[str, Any], display_path: str) -> Person:
    return Person(
        handle=data["handle"], domains=_strings(data["domains"]), path=display_path,
        name=data.get("name"), levels=_strings(data.get("levels")), region=data.get("region"),
        school_community=data.get("school_community"),
    )
