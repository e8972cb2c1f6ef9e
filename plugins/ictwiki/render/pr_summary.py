"""The moderators' summary of a pull request, as Markdown for the job summary (Dutch)."""

from __future__ import annotations

from ..changes import FileChange, Summary
from ..policy import Freshness
from .freshness import dutch_date
from .stale import cell


def _state(freshness: Freshness | None) -> str:
    if freshness is None:
        return "–"
    text = freshness.status.label
    if freshness.review_by:
        text += f", te herzien tegen {dutch_date(freshness.review_by)}"
    return text


def _name(change: FileChange) -> str:
    where = f"`{change.path}`"
    if change.old_path:
        where = f"`{change.old_path}` → `{change.path}`"
    return f"{cell(change.title)} ({where})" if change.title else where


def pr_summary(summary: Summary) -> str:
    lines = ["## Samenvatting voor moderatoren", ""]
    if not (summary.pages or summary.tools):
        lines += ["Deze wijziging raakt geen pagina's of tools.", ""]
    if summary.pages:
        lines += ["### Pagina's", "", "| Wijziging | Pagina | Versheid voor | Versheid na |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {c.status} | {_name(c)} | {_state(c.before)} | {_state(c.after)} |"
                  for c in summary.pages]
        lines.append("")
    if summary.tools:
        lines += ["### Tools en reviews", "", "| Wijziging | Tool | Nieuwe reviews | Controle |",
                  "| --- | --- | --- | --- |"]
        for c in summary.tools:
            check = "in orde" if not c.problems else "<br>".join(
                cell(f"regel {p.line}, kolom {p.column}: {p.message}") for p in c.problems)
            if c.status == "verwijderd":
                check = "–"
            lines.append(f"| {c.status} | {_name(c)} | {len(c.new_reviews)} | {check} |")
        lines.append("")
    if summary.links:
        lines += ["### Nieuwe externe links", ""]
        lines += [f"- `{path}`: <{url}>" for path, url in summary.links]
        lines.append("")
    lines += ["### Aandachtspunten", ""]
    lines += [f"- {note}" for note in summary.attention] or ["Geen aandachtspunten."]
    return "\n".join(lines) + "\n"
