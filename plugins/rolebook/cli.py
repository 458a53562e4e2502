"""The `rolebook` command: argument parsing, exit codes and output formats.

Exit codes: 0 ok, 1 findings that fail, 2 usage or I/O error. All the work is
done by the core modules; this module only adapts it to a terminal.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from rolebook import __version__
from rolebook.build.site_file import ConfigProblem, SiteOptions, site_options
from rolebook.checks.rules import check as run_checks
from rolebook.loading.gc_pause import collector_paused, settle_loaded_data, skip_collection_at_exit
from rolebook.loading.loader import HandbookNotFound, load_handbook
from rolebook.loading.pool import default_workers
from rolebook.model.findings import Finding, fails, summarize
from rolebook.model.schema import dumps as dump_schema
from rolebook.model.schema import markdown_reference, role_schema, team_schema
from rolebook.reports.export import dumps as dump_json
from rolebook.reports.export import export as export_handbook
from rolebook.text.log_line import one_line

DEFAULT_HANDBOOKS = "handbooks"


class UsageProblem(click.ClickException):
    exit_code = 2


def config_file_option(command):
    """`-f/--config-file` (and the older `--config`) on every command that reads the site's options."""
    return click.option(
        "-f", "--config-file", "--config", "config", metavar="FILE",
        help="Site config to read the rolebook options from [default: mkdocs.yml or properdocs.yml here; INHERIT followed].",
    )(command)


def _site_options(config: str | None) -> SiteOptions:
    try:
        return site_options(config)
    except ConfigProblem as exc:  # a broken site config is a usage problem, not a crash
        raise UsageProblem(str(exc)) from None


def _handbooks(options: SiteOptions, path: str | None) -> str:
    """PATH when given, else the site's handbooks_dir (which must exist), else handbooks/."""
    if path:
        return path
    if options.config_file is None:
        return DEFAULT_HANDBOOKS
    try:
        return str(options.existing_folder("handbooks_dir"))
    except ConfigProblem as exc:
        raise UsageProblem(str(exc)) from None


def _load(path: str, jobs: int | None = None):
    # Freeze what was loaded before the collector is back on: its first pass
    # would otherwise walk all of it (0.4 s at 4,000 roles) for nothing.
    with collector_paused():
        try:
            handbook = load_handbook(path, workers=jobs or default_workers())
        except HandbookNotFound as exc:
            raise UsageProblem(str(exc)) from None
        settle_loaded_data()
    return handbook


def _display(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolebook")
def main() -> None:
    """Check, scaffold, export and publish role handbooks."""
    skip_collection_at_exit()


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(file_okay=False))
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json", "sarif", "gitlab"]), default="text",
              show_default=True, help="sarif: SARIF 2.1.0 (GitHub code scanning); gitlab: GitLab Code Quality.")
@click.option("--rule", "rules", multiple=True, metavar="CODE=SEVERITY", help="Override a rule's severity, e.g. RB108=off.")
@config_file_option
@click.option("--today", metavar="DATE",
              help="Build date for RB113/RB114 (YYYY-MM-DD) [default: the site's `today`, else SOURCE_DATE_EPOCH, else today].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes that read a large handbook's files [default: one per idle core]; the findings are the same.")
def check_command(paths: tuple[str, ...], strict: bool, fmt: str, rules: tuple[str, ...], config: str | None,
                  today: str | None, jobs: int | None) -> None:
    """Check the handbooks in PATHS (default: the site's handbooks_dir, else handbooks/)."""
    options = _site_options(config)
    day, policy = _build_day(today, options), _review_policy(options)
    overrides = options.rules
    for rule in rules:
        code, sep, severity = rule.partition("=")
        if not sep:
            raise UsageProblem(f"--rule {rule}: write CODE=SEVERITY, e.g. RB108=off")
        overrides[code.strip()] = severity.strip()
    if not paths:
        paths = (_handbooks(options, None),)
    findings: list[Finding] = []
    roles = 0
    for path in paths:
        handbook = _load(path, jobs)
        try:
            findings.extend(run_checks(handbook, overrides, timing=_timing(handbook, path, day, policy, overrides)))
        except ValueError as exc:
            raise UsageProblem(str(exc)) from None
        roles += sum(1 for _ in handbook.roles()) + len(handbook.unreadable)
    findings = [_relative(f) for f in sorted(findings)]
    counts = summarize(findings)
    if fmt == "json":
        click.echo(json.dumps({"findings": [f.as_dict() for f in findings], "summary": counts}, indent=2))
    elif fmt == "github":
        for f in findings:
            click.echo(github_annotation(f))
    elif fmt in ("sarif", "gitlab"):
        from rolebook.reports.formats import gitlab_report, sarif_report

        report = sarif_report(findings, __version__) if fmt == "sarif" else gitlab_report(findings)
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for f in findings:
            click.echo(text_line(f))
        click.echo(
            f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
            f"{counts['info']} info in {_plural(roles, 'role')}"
        )
    sys.exit(1 if fails(findings, strict) else 0)


def _build_day(today: str | None, options: SiteOptions):
    """--today, else the site's `today`, else SOURCE_DATE_EPOCH, else the current date (rolebook.build_date)."""
    from rolebook.build.build_date import BuildDateError, build_date

    try:
        return build_date(today or options.get("today"))
    except BuildDateError as exc:
        raise UsageProblem(str(exc)) from None


def _review_policy(options: SiteOptions):
    from rolebook.model.review_rhythm import ReviewPolicy

    try:
        return ReviewPolicy.from_options(options)
    except ValueError as exc:
        raise UsageProblem(f"rolebook options: {exc}") from None


def _timing(handbook, path: str, day, policy, overrides: dict, say_outside_git: bool = True):
    """Build date, review policy and git dates (one pass) for RB113/RB114; says once when outside git."""
    from rolebook.build.timing import timing_for
    from rolebook.model.findings import Severity, severity_table
    from rolebook.model.review_rhythm import outside_git_note, unjudged_roles

    try:
        rb114 = severity_table(overrides)["RB114"] is not Severity.OFF
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    timing = timing_for(handbook, day, policy, use_git=rb114)
    if say_outside_git and rb114 and not timing.in_git and unjudged_roles(handbook, timing):
        click.echo(f"rolebook: note: {outside_git_note(_display(path))}", err=True)
    return timing


def text_line(f: Finding) -> str:
    """A finding for `--format text`: one line whatever the role says (see log_text)."""
    return one_line(f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}")


def github_annotation(f: Finding) -> str:
    level = {"error": "error", "warning": "warning"}.get(f.severity.value, "notice")
    message = f"{f.code} {f.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    message = one_line(message)  # the other line breaks (U+2028, NEL, VT...) as visible escapes
    path = f.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={path},line={f.line},col={f.column}::{message}"


def _relative(f: Finding) -> Finding:
    from dataclasses import replace

    return replace(f, path=_display(f.path))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@main.command("review")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--today", metavar="DATE",
              help="Build date (YYYY-MM-DD) [default: the site's `today`, else SOURCE_DATE_EPOCH, else today].")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@config_file_option
def review_command(path: str | None, today: str | None, fmt: str, config: str | None) -> None:
    """What needs attention now: overdue outcomes, reviews due, vacant roles, findings. Always exits 0."""
    from rolebook.reports.health import health_report, to_json, to_markdown

    options = _site_options(config)
    day, policy = _build_day(today, options), _review_policy(options)
    path = _handbooks(options, path)
    overrides = options.rules
    handbook = _load(path)
    timing = _timing(handbook, path, day, policy, overrides, say_outside_git=False)  # the report says it
    try:
        findings = [_relative(f) for f in run_checks(handbook, overrides, timing=timing)]
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    report = health_report(handbook, findings, timing)
    if fmt == "json":
        click.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(to_markdown(report, path_of=lambda f: f.path), nl=False)


@main.command("new")
@click.argument("ref", metavar="TEAM/ROLE-ID")
@click.option("--title", help="The role's title [default: from the id].")
@click.option("--handbooks", "handbooks_dir", type=click.Path(file_okay=False),
              help="The handbooks folder [default: the site's handbooks_dir, else handbooks/].")
@config_file_option
def new_command(ref: str, title: str | None, handbooks_dir: str | None, config: str | None) -> None:
    """Write a new role file, ready to fill in (and the team's _team.yml when the team is new)."""
    from rolebook.authoring.new_role import SCHEMA_FOLDER, write_new_role
    from rolebook.model.ids import role_id_problem, team_id_problem

    team, sep, role_id = ref.partition("/")
    if not sep or not team or not role_id or "/" in role_id:
        raise UsageProblem(f"{ref}: write TEAM/ROLE-ID, e.g. engineering/staff-engineer")
    problem = team_id_problem(team) or role_id_problem(role_id)
    if problem:
        raise UsageProblem(f"{ref}: {problem}")
    options = _site_options(config)
    handbooks = Path(_handbooks(options, handbooks_dir))
    target = handbooks / team / f"{role_id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        raise UsageProblem(f"{target}: the role already exists; edit it instead")
    try:
        written = write_new_role(handbooks, team, role_id, title, options.base / SCHEMA_FOLDER, options.site_url)
    except OSError as exc:
        raise UsageProblem(f"{exc.filename or handbooks}: cannot write: {exc.strerror}") from None
    for path in written:
        click.echo(f"wrote {path}")


@main.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--site-name", help="The site's name [default: from the folder's name].")
def init_command(directory: str, site_name: str | None) -> None:
    """Write a complete handbook repository into DIRECTORY (new or empty): site, one team and role, CI, editors."""
    from rolebook.authoring.new_repository import InitProblem, init_repository

    try:
        written = init_repository(Path(directory), site_name)
    except InitProblem as exc:
        raise UsageProblem(str(exc)) from None
    except OSError as exc:
        raise UsageProblem(f"{directory}: cannot write: {exc.strerror}") from None
    click.echo(f"wrote {len(written)} files to {Path(directory).resolve()}; next:")
    enter = "" if Path(directory).resolve() == Path.cwd().resolve() else f"cd {directory} && "
    click.echo(f"  {enter}rolebook check --strict && mkdocs serve")


@main.command("export")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@config_file_option
def export_command(path: str | None, output: str | None, config: str | None) -> None:
    """Write the whole handbook as JSON (the shape of roles.json)."""
    handbook = _load(_handbooks(_site_options(config), path))
    text = dump_json(export_handbook(handbook))
    if handbook.unreadable:
        names = ", ".join(_display(str(p)) for p in handbook.unreadable[:5])
        click.echo(f"rolebook: {len(handbook.unreadable)} file(s) could not be read and are not exported: {names}; "
                   "run `rolebook check`", err=True)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    sys.exit(1 if handbook.unreadable else 0)


@main.command("render")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder to write into.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), help="Template overrides.")
@click.option("--today", help="Build date for due-soon lists and checklists (YYYY-MM-DD).")
@click.option("--no-directory-urls", is_flag=True, help="Link pages as page.html instead of page/.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@config_file_option
def render_command(path, out_dir, templates_dir, today, no_directory_urls, strict, config) -> None:
    """Write the handbook's pages as Markdown (diagrams as SVG beside them) into OUTPUT."""
    from rolebook.build.pipeline import build_handbook, write_output
    from rolebook.build.settings import Settings
    from rolebook.i18n import Messages

    options = _site_options(config)
    day, policy = _build_day(today, options), _review_policy(options)
    root = _handbooks(options, path)
    if not Path(root).is_dir():
        raise UsageProblem(f"{root}: no such handbooks folder")
    if templates_dir is None and options.options.get("templates_dir"):
        try:
            templates_dir = str(options.existing_folder("templates_dir"))
        except ConfigProblem as exc:
            raise UsageProblem(str(exc)) from None
    elif templates_dir is not None and not Path(templates_dir).is_dir():
        raise UsageProblem(f"--templates {templates_dir}: no such folder")
    from rolebook.diagrams.runner import DiagramError

    try:
        settings = Settings(handbooks_dir=Path(root), templates_dir=Path(templates_dir) if templates_dir else None,
                            rules=tuple(options.rules.items()), directory_urls=not no_directory_urls,
                            today=day, dot=options.options.get("dot") or "dot", cache_dir=options.path("cache_dir"),
                            review_policy=policy)
        result = build_handbook(settings, messages=Messages(options.options.get("language"),
                                                            options.options.get("labels") or {}))
    except DiagramError as exc:
        raise UsageProblem(str(exc)) from None
    for note in result.notes:
        click.echo(f"rolebook: note: {note}", err=True)
    for f in result.findings:
        f = _relative(f)
        click.echo(text_line(f), err=True)
    if fails(result.findings, strict) or result.unreadable:
        raise click.ClickException("the handbook has findings that fail; nothing written")
    written = write_output(result, Path(out_dir))
    click.echo(f"wrote {len(written)} files to {out_dir}")


@main.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--handbooks", "handbooks_dir",
              help="The handbooks folder (for git revisions: its path in the repository) "
                   "[default: the site's handbooks_dir, else handbooks/].")
@config_file_option
def diff_command(old: str, new: str | None, fmt: str, handbooks_dir: str | None, config: str | None) -> None:
    """What changed between OLD and NEW: git revisions, folders or roles.json files (NEW: the working tree)."""
    from contextlib import ExitStack

    from rolebook.history.git import GitProblem
    from rolebook.history.sources import RevisionFolder, is_revision, source_from_folder, source_from_json
    from rolebook.reports.changes import diff, to_markdown

    if handbooks_dir is None:
        options = _site_options(config)
        handbooks_dir = str(options.handbooks_dir) if options.config_file else DEFAULT_HANDBOOKS
    handbooks = Path(handbooks_dir)
    with ExitStack() as stack:
        def side(spec: str | None):
            if spec is None:
                if not handbooks.is_dir():
                    raise UsageProblem(f"{handbooks}: no such handbooks folder")
                return source_from_folder(handbooks, "working tree")
            path = Path(spec)
            if path.is_dir():
                return source_from_folder(path, spec)
            if path.is_file():
                try:
                    return source_from_json(path)
                except (ValueError, OSError) as exc:
                    raise UsageProblem(str(exc)) from None
            where = handbooks if handbooks.exists() else Path(".")
            if not is_revision(spec, where if where.is_dir() else Path(".")):
                raise UsageProblem(f"{spec}: not a folder, a roles.json file or a git revision")
            try:
                folder = stack.enter_context(RevisionFolder(spec, handbooks.resolve()))
            except GitProblem as exc:
                raise UsageProblem(str(exc)) from None
            return source_from_folder(folder, spec)

        result = diff(side(old), side(new))
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(to_markdown(result), nl=False)


@main.command("schema")
@click.option("--team", is_flag=True, help="The schema of _team.yml instead.")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="markdown: the field tables of the format reference page.")
@click.option("-o", "--output", type=click.Path(), metavar="PATH",
              help="Write to PATH instead of standard output; a folder gets both role.schema.json and team.schema.json.")
def schema_command(team: bool, fmt: str, output: str | None) -> None:
    """Print the JSON Schema of a role file (refresh the repository's copy with -o schemas/)."""
    if fmt == "markdown":
        text = markdown_reference() + "\n"
    else:
        text = dump_schema(team_schema() if team else role_schema())
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    try:
        if fmt == "json" and (target.is_dir() or output.endswith(("/", os.sep))):
            from rolebook.model.schema import write_schemas

            for path in write_schemas(target):
                click.echo(f"wrote {path}")
            return
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(f"{output}: cannot write: {exc.strerror}") from None
    click.echo(f"wrote {target}")


if __name__ == "__main__":  # pragma: no cover
    main()
