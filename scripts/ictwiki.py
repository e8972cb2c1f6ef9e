"""The `ictwiki` command: build, preview and look after the wiki."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from ictwiki import history
from ictwiki.mkdocs_freshness import FreshnessPlugin, build_policy, today_in
from ictwiki.policy import Status
from ictwiki.render.stale import stale_json, stale_markdown, stale_text
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
    sys.exit(_mkdocs(["serve", "--livereload", "-f", config_file, "-a", dev_addr]))


def _load(config_file: str) -> tuple[Path, FreshnessPlugin]:
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
    return Path(config.docs_dir), plugin


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Plain text, JSON for tools, or Markdown for an issue.")
@click.option("--fail-on-stale", is_flag=True, help="Exit with 1 when a page is verouderd.")
def stale(config_file: str, fmt: str, fail_on_stale: bool) -> None:
    """List pages that are verouderd or due for review soon, by owner and section."""
    docs_dir, plugin = _load(config_file)
    policy = build_policy(plugin.config)
    today = today_in(policy.timezone)
    scanned = history.scan(docs_dir)
    for gap in history.describe_gaps(scanned):
        click.echo(f"warning: {gap}", err=True)
    records = survey(docs_dir, scanned, policy, today)
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


if __name__ == "__main__":
    main()
