"""The `ictwiki` command: build, preview and look after the wiki."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import click

from mkdocs.config.defaults import MkDocsConfig

from ictwiki import history
from ictwiki.mkdocs_freshness import FreshnessPlugin, build_policy, today_in
from ictwiki.mkdocs_people import PeoplePlugin
from ictwiki.people import github as people_github
from ictwiki.people.badges import read_page_domains
from ictwiki.people.loading import load_people
from ictwiki.people.model import DOMAIN_COLORS, DOMAIN_DESCRIPTIONS, DOMAINS
from ictwiki.people.questions import route
from ictwiki.policy import Status
from ictwiki.schools.loading import load_schools
from ictwiki.changes import summarise
from ictwiki.render.pr_summary import pr_summary
from ictwiki.render.stale import stale_json, stale_markdown, stale_text
from ictwiki.render.people import SCHOOLS_SECTION
from ictwiki.render.tools import SECTION
from ictwiki.reviews import scaffold
from ictwiki.reviews.loading import load_tool, load_tools
from ictwiki.reviews.model import CATEGORIES, CRITERIA, LEVELS, PRICING, ROLES
from ictwiki.survey import needs_attention, survey


CONFIG_OPTION = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True,
    type=click.Path(dir_okay=False), help="The site's MkDocs configuration.",
)


@click.group()
def main() -> None:
    """Build, preview and look after ICT-Wiki."""


def _mkdocs(args: list[str]) -> int:
    # Material prints an end-of-life notice on every run; the README says where we stand.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.call([sys.executable, "-m", "mkdocs", *args], env=env)


@main.command()
@CONFIG_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="Where to write the site.")
def build(config_file: str, site_dir: str | None) -> None:
    """Build the site strictly (every warning fails) and index it for search."""
    args = ["build", "--strict", "--clean", "-f", config_file]
    if site_dir:
        args += ["-d", site_dir]
    code = _mkdocs(args)
    if code != 0:
        raise click.ClickException(
            "the build failed; the warnings above say which file to fix and how."
        )


@main.command()
@CONFIG_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve the preview on.")
def serve(config_file: str, dev_addr: str) -> None:
    """Preview the site with live reload; dates and the search index are rebuilt too."""
    host, _, port = dev_addr.rpartition(":")
    with socket.socket() as probe:
        try:
            probe.bind((host or "127.0.0.1", int(port)))
        except (OSError, ValueError) as exc:
            raise click.BadParameter(
                f"cannot serve on {dev_addr} ({exc}). Pick another port, e.g. -a 127.0.0.1:8001 "
                "(with scripts/run.sh: ICTWIKI_ADDR=127.0.0.1:8001 scripts/run.sh serve).",
                param_hint="--dev-addr",
            ) from exc
    sys.exit(_mkdocs(["serve", "--livereload", "-f", config_file, "-a", dev_addr]))


def _load(config_file: str) -> tuple[Path, FreshnessPlugin]:
    config, plugin = _load_config(config_file)
    return Path(config.docs_dir), plugin


def _load_config(config_file: str) -> tuple[MkDocsConfig, FreshnessPlugin]:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not Path(config_file).is_file():
        raise click.UsageError(f"{config_file} not found; run this in the wiki's folder or pass -f.")
    try:
        config = load_config(config_file)
    except ConfigurationError as exc:
        raise click.ClickException(f"{config_file}: {exc}") from exc
    plugin = config.plugins.get("ictwiki-freshness")
    if not isinstance(plugin, FreshnessPlugin):
        raise click.ClickException(
            f"{config_file} does not use the ictwiki-freshness plugin; add it under plugins."
        )
    return config, plugin


def _site_pages(config: MkDocsConfig) -> list[tuple[str, Path, str]]:
    """The pages MkDocs would build (exclude_docs and README rules applied), with their URLs."""
    from mkdocs.structure.files import get_files

    files = get_files(config)
    return [(f.src_uri, Path(f.abs_src_path), "/" + f.url)
            for f in files.documentation_pages() if f.abs_src_path]


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Plain text, JSON for tools, or Markdown for an issue.")
@click.option("--fail-on-stale", is_flag=True, help="Exit with 1 when a page is verouderd.")
def stale(config_file: str, fmt: str, fail_on_stale: bool) -> None:
    """List pages that are verouderd or due for review soon, by owner and section."""
    config, plugin = _load_config(config_file)
    docs_dir = Path(config.docs_dir)
    policy = build_policy(plugin.config)
    today = today_in(policy.timezone)
    try:
        scanned = history.scan(docs_dir)
    except history.GitError as exc:
        raise click.ClickException(f"could not read the git history: {exc}") from exc
    gaps = history.describe_gaps(scanned)
    for gap in gaps:
        click.echo(f"warning: {gap}", err=True)
    records = survey(_site_pages(config), scanned, policy, today)
    for record in records:
        for problem in record.problems:
            click.echo(f"warning: {record.source}: {problem}", err=True)
    due = needs_attention(records)
    sections = {name: plugin.section_title(name) for name in {r.section for r in due}}
    if fmt == "json":
        click.echo(json.dumps(stale_json(due, today), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(stale_markdown(due, sections, today))
    else:
        click.echo(stale_text(due, sections, today))
    if fail_on_stale and any(r.freshness.status is Status.VEROUDERD for r in due):
        sys.exit(1)
    if fail_on_stale and gaps:
        click.echo("error: without the full history no page can be called fresh.", err=True)
        sys.exit(1)


@main.command()
@CONFIG_OPTION
def check(config_file: str) -> None:
    """Validate every tool file and page front matter; exit 1 on any fault."""
    config, plugin = _load_config(config_file)
    docs_dir = Path(config.docs_dir)
    policy = build_policy(plugin.config)
    tools, problems = load_tools(docs_dir, SECTION, today_in(policy.timezone))
    people_plugin = config.plugins.get("ictwiki-people")
    if isinstance(people_plugin, PeoplePlugin):
        _, found = load_people(people_plugin.repo_root(config))
        problems += found
        _, found = load_schools(docs_dir, SCHOOLS_SECTION, today_in(policy.timezone))
        problems += found
    messages = [str(p) for p in problems]
    pages = survey(_site_pages(config), history.History(root=None, head=None), policy,
                   today_in(policy.timezone))
    messages += [f"{Path(docs_dir.name) / r.src_path}: {m}" for r in pages for m in r.problems]
    for message in messages:
        click.echo(message, err=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            click.echo(problem.github_annotation())
    files = {t.path for t in tools} | {p.path for p in problems}
    click.echo(f"Checked {len(files)} data files and {len(pages)} pages: "
               f"{len(messages)} problems.")
    if messages:
        sys.exit(1)


@main.command("pr-summary")
@CONFIG_OPTION
@click.argument("base")
@click.argument("head")
def pr_summary_command(config_file: str, base: str, head: str) -> None:
    """A Markdown summary for moderators of what HEAD changes compared with BASE."""
    config, plugin = _load_config(config_file)
    docs_dir = Path(config.docs_dir)
    policy = build_policy(plugin.config)
    found = history.locate_repository(docs_dir)
    if found is None:
        raise click.ClickException("the docs are not in a git repository with commits.")
    root = found[0]
    docs = docs_dir.resolve().relative_to(root).as_posix()
    try:
        summary = summarise(root, docs, base, head, policy, today_in(policy.timezone))
    except history.GitError as exc:
        raise click.ClickException(f"could not compare {base} and {head}: {exc}") from exc
    click.echo(pr_summary(summary), nl=False)


@main.command("new-review")
@CONFIG_OPTION
@click.argument("tool")
@click.option("--reviewer", prompt="Your GitHub handle or a pseudonym (no e-mail address)")
@click.option("--role", type=click.Choice(list(ROLES)), prompt="Your role")
@click.option("--level", type=click.Choice(list(LEVELS)), prompt="The level you teach")
@click.option("--version", "tool_version", default="", prompt="Version you used (empty if unknown)")
@click.option("--score", "scores", multiple=True, metavar="CRITERION=1..5",
              help=f"A score; criteria: {', '.join(CRITERIA)}. Asked for when left out.")
def new_review(config_file: str, tool: str, reviewer: str, role: str, level: str,
               tool_version: str, scores: tuple[str, ...]) -> None:
    """Add a review to TOOL's file (a slug such as kahoot), creating the file if needed."""
    docs_dir, plugin = _load(config_file)
    today = today_in(build_policy(plugin.config).timezone)
    try:
        slug = scaffold.slugify(tool)
    except scaffold.ScaffoldError as exc:
        raise click.BadParameter(str(exc), param_hint="TOOL") from exc
    existing = [p for p in (docs_dir / SECTION / f"{slug}.yml", docs_dir / SECTION / f"{slug}.yaml")
                if p.exists()]
    path = existing[0] if existing else docs_dir / SECTION / f"{slug}.yml"
    display = (Path(docs_dir.name) / SECTION / path.name).as_posix()
    given = _parse_scores(scores) if scores else _ask_scores()
    review = scaffold.Answers(reviewer, role, level, today, tool_version or None, given)
    if path.exists():
        original = path.read_bytes().decode("utf-8-sig")
        try:
            updated = scaffold.append_review(original, review)
        except scaffold.ScaffoldError as exc:
            raise click.ClickException(f"{display}: {exc}") from exc
    else:
        click.echo(f"{display} does not exist yet; describe the tool first.")
        original, updated = None, scaffold.new_tool_file(_ask_tool(tool, today), review)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(updated.encode("utf-8"))
    _, problems = load_tool(path, display, today)
    if problems:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original.encode("utf-8"))
        raise click.ClickException(
            "the result would not validate, so nothing was changed:\n"
            + "\n".join(str(p) for p in problems)
            + "\nThis is what would have been written; fix it and save it yourself:\n"
            + updated
        )
    click.echo(f"Wrote {display}; it validates. Add pros, cons and text, then open a pull request.")


def _parse_scores(pairs: tuple[str, ...]) -> dict[str, int]:
    result = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key not in CRITERIA or not value.isdigit() or not 1 <= int(value) <= 5:
            raise click.BadParameter(
                f"'{pair}' is not CRITERION=1..5; criteria: {', '.join(CRITERIA)}.",
                param_hint="--score",
            )
        result[key] = int(value)
    return result


def _ask_scores() -> dict[str, int]:
    result: dict[str, int] = {}
    for key, label in CRITERIA.items():
        value = click.prompt(f"{label} (1-5, empty to skip)", default="", show_default=False,
                             type=click.Choice(["", "1", "2", "3", "4", "5"]), show_choices=False)
        if value:
            result[key] = int(value)
    if not result:
        raise click.UsageError("a review needs at least one score.")
    return result


def _ask_tool(name: str, today: date) -> scaffold.ToolAnswers:
    return scaffold.ToolAnswers(
        name=click.prompt("Tool name", default=name),
        category=click.prompt("Category", type=click.Choice(list(CATEGORIES))),
        levels=[v.strip() for v in click.prompt(
            f"Levels, comma-separated ({', '.join(LEVELS)})").split(",") if v.strip()],
        pricing=click.prompt("Pricing", type=click.Choice(list(PRICING))),
        facts_source=click.prompt("Public page that states these facts (https://...)"),
        dpa=click.prompt("Data processing agreement (verwerkersovereenkomst) offered?",
                         type=click.Choice(["ja", "nee", "onbekend"])),
        dpa_source=click.prompt("Public page that says so (https://...)"),
        checked_on=today,
    )



GENERATED_HEADER = ("`ictwiki people` from .github/CODEOWNERS.base and people/*.yml; edit "
                    "those, then run it")
CODEOWNERS_BASE = ".github/CODEOWNERS.base"


def generated_github_files(config: MkDocsConfig) -> dict[Path, str]:
    """CODEOWNERS and the domain labels as `ictwiki people` writes them, by path."""
    plugin = config.plugins.get("ictwiki-people")
    if not isinstance(plugin, PeoplePlugin):
        raise click.ClickException("mkdocs.yml does not use the ictwiki-people plugin; add it "
                                   "under plugins.")
    root = plugin.repo_root(config)
    people, problems = load_people(root)
    domains, found = read_page_domains(Path(config.docs_dir), plugin.config.sections)
    for problem in problems + found:
        click.echo(f"warning: {problem} Left out of CODEOWNERS.", err=True)
    base_path = root / CODEOWNERS_BASE
    base = base_path.read_text(encoding="utf-8") if base_path.is_file() else ""
    first, _, rest = base.partition("\n\n")
    if rest and all(line.startswith("#") for line in first.splitlines()):
        base = rest  # the base file's note about itself
    docs = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    return {
        root / ".github" / "CODEOWNERS": people_github.codeowners(
            people, plugin.config.sections, GENERATED_HEADER, docs_folder=docs, base=base,
            page_domains=domains.pages),
        root / ".github" / "labels.yml": people_github.labels(DOMAINS, "`ictwiki people`"),
    }


@main.command("people")
@CONFIG_OPTION
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when a generated file is out of date.")
def people_command(config_file: str, check_only: bool) -> None:
    """Write .github/CODEOWNERS and .github/labels.yml from the people files."""
    import difflib

    config, _ = _load_config(config_file)
    stale_files = []
    for path, text in generated_github_files(config).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current == text:
            continue
        shown = path.relative_to(Path(config_file).resolve().parent).as_posix()
        if check_only:
            stale_files.append(shown)
            click.echo("".join(difflib.unified_diff(
                current.splitlines(keepends=True), text.splitlines(keepends=True),
                f"{shown} (in the repository)", f"{shown} (from the people files)")), err=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            click.echo(f"Wrote {shown}")
    if stale_files:
        raise click.ClickException(
            f"{', '.join(stale_files)} out of date with the people files. Run `ictwiki people` "
            "and commit the result.")
    if check_only:
        click.echo("CODEOWNERS and labels.yml are up to date.")


@main.command("route-question")
@CONFIG_OPTION
@click.argument("event", type=click.Path(exists=True, dir_okay=False))
def route_question(config_file: str, event: str) -> None:
    """For a GitHub `issues` event (JSON): the domain label and a comment for its experts.

    Prints JSON with label, label_color, label_description and comment (each may be null);
    the workflow adds the label and posts the comment.
    """
    config, _ = _load_config(config_file)
    plugin = config.plugins.get("ictwiki-people")
    if not isinstance(plugin, PeoplePlugin):
        raise click.ClickException("mkdocs.yml does not use the ictwiki-people plugin.")
    payload = json.loads(Path(event).read_text(encoding="utf-8"))
    issue = payload.get("issue") or {}
    people, problems = load_people(plugin.repo_root(config))
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    labels = [str(label.get("name", "")) for label in issue.get("labels") or []]
    author = (issue.get("user") or {}).get("login")
    routing = route(str(issue.get("body") or ""), labels, people, author)
    domain = routing.domain
    click.echo(json.dumps({
        "label": routing.label,
        "label_color": DOMAIN_COLORS[domain] if domain else None,
        "label_description": DOMAIN_DESCRIPTIONS[domain] if domain else None,
        "comment": routing.comment(),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
