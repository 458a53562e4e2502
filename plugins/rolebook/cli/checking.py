"""`rolebook check`, `review` and `codeowners`: findings, the health report, who approves."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from rolebook import __version__
from rolebook.cli.shared import (
    colour,
    config_file_option,
    language_option,
    one_shot,
    site_of,
    styled,
    write_or_fail,
    write_text,
)


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json", "sarif", "gitlab"]), default="text",
              show_default=True, help="sarif: SARIF 2.1.0 (GitHub code scanning); gitlab: GitLab Code Quality.")
@click.option("--rule", "rules", multiple=True, metavar="CODE=SEVERITY", help="Override a rule's severity, e.g. RB108=off.")
@config_file_option
@click.option("--today", metavar="DATE",
              help="Build date for RB113/RB114 (YYYY-MM-DD) [default: the site's `today`, else SOURCE_DATE_EPOCH, else today].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes that read a large handbook's files [default: one per idle core]; the findings are the same.")
@language_option
def check_command(paths: tuple[str, ...], strict: bool, fmt: str, rules: tuple[str, ...], config: str | None,
                  today: str | None, jobs: int | None, language: str | None) -> None:
    """Check PATHS: handbooks folders, team folders or role files, each judged in its whole handbook
    (default: the site's handbooks_dir, else handbooks/)."""
    from rolebook.build.checking import check_handbooks
    from rolebook.i18n import _, use
    from rolebook.model.findings import fails
    from rolebook.reports.formats import format_findings

    site = site_of(config)
    run = check_handbooks(paths or (site.handbooks(),), site.settings_with(today=today, rules=rules), jobs=jobs,
                          one_shot=one_shot(), handbooks_dir=site.settings.handbooks_dir)
    from rolebook.build.zensical_tree import unrendered_note

    with use(site.messages(language)):  # the findings are worded here, in the reader's language
        label = _("note")
        for note in [*run.notes, unrendered_note(has_site_file=site.config_file is not None)]:
            if note:
                click.echo(f"rolebook: {label}: {note}", err=True, color=colour())
        report = format_findings(fmt, run.findings, roles=run.roles, version=__version__)
    if fmt == "text" and colour() is not False:
        report = "".join(styled(line) for line in report.splitlines(keepends=True))
    click.echo(report, nl=False, color=colour())
    sys.exit(1 if fails(run.findings, strict) else 0)


@click.command("review")  # the command name is the contract; what it prints is the health report
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--today", metavar="DATE",
              help="Build date (YYYY-MM-DD) [default: the site's `today`, else SOURCE_DATE_EPOCH, else today].")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@config_file_option
@language_option
def health_command(path: str | None, today: str | None, fmt: str, config: str | None, language: str | None) -> None:
    """What needs attention now: overdue outcomes, reviews due, vacant roles, findings. Always exits 0."""
    from rolebook.build.checking import check_handbook
    from rolebook.i18n import use
    from rolebook.reports.formats import display_paths
    from rolebook.reports.health import health_report, to_json, to_markdown

    site = site_of(config)
    result = check_handbook(site.handbooks(path), site.settings_with(today=today))  # the report says if outside git
    report = health_report(result.handbook, display_paths(result.findings), result.timing)
    with use(site.messages(language)):
        if fmt == "json":
            click.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False))
        else:
            click.echo(to_markdown(report, path_of=lambda f: f.path), nl=False)


@click.command("codeowners")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["github", "gitlab"]), default="github", show_default=True,
              help="gitlab: one section per team, each needing two approvals ([Section][2]).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the block into FILE, last, keeping its hand-written rules [default: standard output].")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when FILE (default: the committed CODEOWNERS) is stale.")
@config_file_option
def codeowners_command(path: str | None, fmt: str, output: str | None, check: bool, config: str | None) -> None:
    """Who approves a change to each role and team file, as a generated CODEOWNERS block."""
    from rolebook.build.checking import load
    from rolebook.build.codeowners_file import codeowners_text, find_codeowners, missing_fallback, repository_of

    site = site_of(config)
    handbook = load(site.handbooks(path))
    fallback = site.settings.codeowners_fallback
    target = Path(output) if output else find_codeowners(handbook.root.resolve().parent) if check else None
    if check and target is None:
        raise click.ClickException("no CODEOWNERS file found (.github/CODEOWNERS, CODEOWNERS, docs/ or .gitlab/): "
                                   "write one with `rolebook codeowners -o .github/CODEOWNERS`")
    repository = repository_of(target.resolve()) if target else site.base
    block, whole = codeowners_text(handbook, fmt, target, repository, fallback)
    for label in missing_fallback(handbook, fmt, fallback):
        click.echo(f"rolebook: note: {label} has no second approver: set the plugin option codeowners_fallback", err=True)
    if check:
        current = target.exists() and target.read_text(encoding="utf-8") == whole
        if not current:
            click.echo(f"{target}: the generated CODEOWNERS block is stale: run `rolebook codeowners --format {fmt} "
                       f"-o {target}` and commit it", err=True)
        sys.exit(0 if current else 1)
    if output:
        write_or_fail(output, lambda: Path(output).parent.mkdir(parents=True, exist_ok=True) or write_text(output, whole))
        click.echo(f"wrote {output}")
    else:
        click.echo(block, nl=False)
