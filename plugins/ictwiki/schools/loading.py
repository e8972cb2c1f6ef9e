"""Load school files: YAML with line numbers, JSON Schema validation, no contact data.

One file per school in docs/scholen/, named after the school (docs/scholen/sint-jan.yml).
Everything in it is published, so e-mail addresses and phone numbers are refused, as fields
and inside any value, also the school's general ones: a school links its public contact page
or form instead. A broken file is reported with its line and column and left out; the other
files still load. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from datetime import date
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
from ..reviews.model import LEVELS
from .model import REGIONS, SYSTEM_KINDS, School

SCHOOLS_DIR = "scholen"
SCHEMA_NAME = "school.schema.json"
RESERVED = {"index"}  # the folder's own page
CONTACT_EXAMPLE = "contact_url: https://www.school.be/contact"
_LINK_INSTEAD = ("remove it and link the school's public contact page or form instead, e.g. "
                 f"{CONTACT_EXAMPLE}.")


SCHEMA = PackagedSchema("ictwiki.schools", SCHEMA_NAME)
is_contact_key = SCHEMA.is_contact_key


def schema() -> dict[str, Any]:
    return SCHEMA.data


def load_schools(docs_dir: Path, folder: str = SCHOOLS_DIR, today: date | None = None
                 ) -> tuple[list[School], list[Problem]]:
    """Every *.yml / *.yaml school file directly in docs_dir/folder, sorted by name.

    Pages (*.md, such as index.md) and hidden files are left alone; any other file is reported.
    No folder, no schools and no problems.
    """
    base = docs_dir / folder
    if not base.is_dir():
        return [], []
    display = (Path(docs_dir.name) / folder).as_posix()
    schools: list[School] = []
    problems: list[Problem] = []
    for path in sorted(base.rglob("*")):
        name = path.relative_to(base).as_posix()
        if (path.is_dir() or path.suffix == ".md" or _is_school_name(name)
                or any(part.startswith(".") for part in name.split("/"))):
            continue
        problems.append(Problem(f"{display}/{name}", 1, 1, "this file is not read as a school. "
                                "School files are named <school>.yml, in lower case, directly "
                                f"in {display}/."))
    for path in sorted(p for p in base.iterdir() if _is_school_name(p.name)):
        school, found = load_school(path, f"{display}/{path.name}", today)
        problems += found
        if school is None:
            continue
        clash = next((s for s in schools if s.name.casefold() == school.name.casefold()), None)
        if clash is not None:
            problems.append(Problem(school.path, 1, 1, f"the school '{school.name}' is already "
                                    f"described in {clash.path}. Keep one file per school and "
                                    "remove this one."))
            continue
        clash = next((s for s in schools if s.slug == school.slug), None)
        if clash is not None:
            problems.append(Problem(school.path, 1, 1, f"{clash.path} has the same file name; "
                                    "both would make the same page. Keep one file per school "
                                    "and rename or remove this one."))
            continue
        schools.append(school)
    return sorted(schools, key=lambda s: s.name.casefold()), problems


def load_school(path: Path, display_path: str, today: date | None = None
                ) -> tuple[School | None, list[Problem]]:
    """Read one school file; (None, problems) when it cannot be used."""
    text, problems = read_data_file(path, display_path)
    if text is None:
        return None, problems
    return load_text(text, display_path, path.name, today)


def load_text(text: str, display_path: str, file_name: str, today: date | None = None
              ) -> tuple[School | None, list[Problem]]:
    """A school from the text of a school file named `file_name` (e.g. sint-jan.yml).

    With `today`, a confirmation date after it is refused.
    """
    data, node, problems = parse_text(text, display_path)
    problems = [_for_schools(p) for p in problems]
    if data is None or node is None:
        return None, problems
    contact = _contact_data(node, [])
    flagged = [where for where, _, _ in contact]
    problems += [Problem(display_path, line, column, message)
                 for _, (line, column), message in contact]
    for error in SCHEMA.validator.iter_errors(_without_contact_keys(data)):
        where = list(error.absolute_path)
        if any(where[:len(f)] == f for f in flagged):
            continue  # already reported, without repeating the value in a message
        problems.append(Problem(display_path, *_position(node, where, error),
                                _explain_school(error)))
    confirmed = _date(data.get("confirmed_on"))
    if today is not None and confirmed is not None and confirmed > today:
        problems.append(Problem(display_path, *_position(node, ["confirmed_on"]),
                                f"confirmed_on {confirmed.isoformat()} lies in the future. Write "
                                "the day the school confirmed these facts."))
    stem = Path(file_name).stem
    if stem in RESERVED:
        problems.append(Problem(display_path, 1, 1, f"the file name '{stem}' is used by the "
                                "site's own pages. Rename the file after the school."))
    if problems:
        return None, sorted(_unique(problems), key=lambda p: (p.line, p.column, p.message))
    return _school(stem, display_path, data), []


def _is_school_name(name: str) -> bool:
    return "/" not in name and re.fullmatch(r"[^A-Z]+\.ya?ml", name) is not None


def _for_schools(problem: Problem) -> Problem:
    """The YAML reader's advice, which speaks of tool files, said for school files."""
    message = problem.message.replace("one tool per file", "one school per file")
    return Problem(problem.path, problem.line, problem.column, message)


def _contact_data(node: yaml.Node, where: list[Any]
                  ) -> list[tuple[list[Any], tuple[int, int], str]]:
    """Contact fields and values holding an e-mail address or a phone number, anywhere."""
    found: list[tuple[list[Any], tuple[int, int], str]] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = [*where, key.value]
            position = (key.start_mark.line + 1, key.start_mark.column + 1)
            kind = _contact_kind(key) if isinstance(key, yaml.ScalarNode) else None
            if kind:
                found.append((path, position, f"a field name contains {kind}. The wiki never "
                                              f"publishes contact data: {_LINK_INSTEAD}"))
            elif is_contact_key(str(key.value)):
                found.append((path, position, f"'{key.value}' is contact data, which the wiki "
                                              f"never publishes: {_LINK_INSTEAD}"))
            else:
                found += _contact_data(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _contact_data(item, [*where, i])
    elif isinstance(node, yaml.ScalarNode):
        # The text as written: an unquoted 0470123456 is a number to YAML, still a phone number.
        kind = _contact_kind(node)
        if kind == "an e-mail address":
            found.append((where, _position(node, []), f"{_field(where)} contains {kind}. The "
                          f"wiki publishes none, not even a general one like info@: "
                          f"{_LINK_INSTEAD}"))
        elif kind:
            found.append((where, _position(node, []), f"{_field(where)} contains {kind}. The "
                          f"wiki publishes none, not even the school's general number: "
                          f"{_LINK_INSTEAD}"))
    return found


def _contact_kind(node: yaml.ScalarNode) -> str | None:
    if _EMAIL.search(node.value):
        return "an e-mail address"
    return "a phone number" if _PHONE.search(node.value) else None


def _without_contact_keys(value: Any) -> Any:
    """The data without the contact fields, which are reported on their own."""
    if isinstance(value, dict):
        return {k: _without_contact_keys(v) for k, v in value.items()
                if not is_contact_key(str(k))}
    if isinstance(value, list):
        return [_without_contact_keys(v) for v in value]
    return value


def _explain_school(error: jsonschema.ValidationError) -> str:
    """The tool files' messages, with the advice school files need where it differs."""
    where = list(error.absolute_path)
    field = _field(where)
    value = error.instance
    kind = error.validator
    levels = ", ".join(LEVELS)
    regions = ", ".join(REGIONS)
    if kind == "required" and where == []:
        missing = str(error.message).split("'")[1]
        advice = {
            "name": "Add the school's name, as the school writes it.",
            "levels": f"Add the school's levels, e.g. levels: [lager]. Choose from: {levels}.",
            "region": f"Add the school's province, or Brussel: one of {regions}.",
            "systems": "Add the systems the school uses under systems:, in the lists "
                       f"{', '.join(SYSTEM_KINDS)}, e.g. devices: [Chromebooks].",
            "contact_url": "Add the school's public contact page or form, e.g. "
                           f"{CONTACT_EXAMPLE}.",
            "confirmed_on": "Add the day the school confirmed these facts, e.g. "
                            "confirmed_on: 2024-09-01.",
        }
        if missing in advice:
            return f"'{missing}' is missing. {advice[missing]}"
    if kind == "additionalProperties":  # field names need not be text in YAML
        known = error.schema.get("properties", {})
        extra = sorted(str(k) for k in value if k not in known)
        return (f"unknown field {', '.join(map(repr, extra))} in {field}. Known fields: "
                f"{', '.join(known)}.")
    if kind == "minItems" and where == ["levels"]:
        return f"levels is empty. Name at least one of: {levels}."
    if kind == "minProperties" and where == ["systems"]:
        return ("systems is empty. Name at least one system the school uses, in the lists "
                f"{', '.join(SYSTEM_KINDS)}, e.g. devices: [Chromebooks].")
    if kind == "enum" and where == ["region"] and isinstance(value, str):
        return f"region '{value}' is not on the list. Write the province, or Brussel: one of " \
               f"{regions}."
    if kind == "pattern" and where == ["contact_url"]:
        return (f"contact_url '{value}' does not start with https://. Link the school's public "
                f"contact page or form with its full address, e.g. {CONTACT_EXAMPLE}.")
    if kind == "pattern" and where == ["website"]:
        return f"website '{value}' does not start with https://. Write the full link, e.g. " \
               "website: https://www.school.be."
    if kind in ("type", "format", "pattern") and where == ["confirmed_on"]:
        written = "" if value is None else f" '{value}'"
        return (f"confirmed_on{written} is not a date. Write the day the school confirmed these "
                "facts as YYYY-MM-DD, e.g. confirmed_on: 2024-09-01.")
    return _explain(error)


def _date(value: Any) -> date | None:
    """A date written as YYYY-MM-DD, or None when it is not one (the schema says why)."""
    if not isinstance(value, str) or re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _school(slug: str, display_path: str, data: dict[str, Any]) -> School:
    confirmed = _date(data["confirmed_on"])
    assert confirmed is not None  # validated
    systems = data["systems"]
    return School(
        slug=slug, name=data["name"], levels=tuple(k for k in LEVELS if k in data["levels"]),
        region=data["region"], contact_url=data["contact_url"], confirmed_on=confirmed,
        path=display_path, learning_platforms=_strings(systems.get("learning_platforms")),
        devices=_strings(systems.get("devices")), management=_strings(systems.get("management")),
        town=data.get("town"), school_community=data.get("school_community"),
        website=data.get("website"), summary=data.get("summary"),
    )
