"""The `rolebook` command: click commands, their options and exit codes; the core does the work.

Each command reads the site file into one checked `Settings` (`build.site_file`), lays its options
over it, and calls the core (`build.checking`, `reports.formats`, `history.sources`, `build.pipeline`).
Exit codes: 0 done; 1 findings that fail (or unreadable files); 2 a usage or input error
(`rolebook.errors`), one line saying what to change; 3 a bug: its traceback, never "usage error".
Imports sit inside the commands, so `rolebook --version` loads none of the core.
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from contextlib import ExitStack
from pathlib import Path

import click

from rolebook import __version__
from rolebook.errors import RolebookError, UsageError


class Commands(click.Group):
    """RolebookErrors exit 2 with their message; anything else is a bug: the traceback, exit 3.

    Run on the process's own command line (`args` None: the console script), the command owns a
    process that ends with it (`ctx.obj["one_shot"]`); called in-process (tests, hosts) it does not.
    """

    def main(self, args=None, *rest, **extra):
        extra.setdefault("obj", {})["one_shot"] = args is None
        return super().main(args, *rest, **extra)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # click's own, and `rolebook export | head`: click's quiet exit
        except RolebookError as exc:  # shown as click shows its errors: `Error: ...` on stderr
            problem = click.ClickException(str(exc))
            problem.exit_code = 2
            raise problem from None
        except Exception:
            click.echo(traceback.format_exc() + "rolebook: this is a bug in Rolebook, not a problem with your files "
                       "or options: please report it with the traceback above", err=True)
            ctx.exit(3)


# `-f/--config-file` (and the older `--config`) on every command that reads the site's options.
config_file_option = click.option("-f", "--config-file", "--config", "config", metavar="FILE", help="Site config to read "
                                  "the rolebook options from [default: mkdocs.yml or properdocs.yml here; INHERIT followed].")


# `--language` on the commands that print findings and reports.
language_option = click.option("--language", metavar="LANG", help="Language of the messages, e.g. de [default: the "
                               "site's `language`, else its theme.language, else English].")


def _site(config: str | None):
    """The site file read by MkDocs' own loader, its rolebook options by the plugin's own config class."""
    from rolebook.build.site_file import read_site_file  # settings checked before any handbook file is read
    from rolebook.mkdocs_plugin.site_reader import check_options, read_config
    return read_site_file(config, load=read_config, check=check_options)


# --format text on a terminal: the severity in its colour, the place in bold (click strips styles
# when the output is not a terminal). NO_COLOR (no-color.org) turns colour off, FORCE_COLOR on even
# into a pipe; NO_COLOR wins when both are set.
_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_FINDING_LINE = re.compile(r"^(?P<place>.+?:\d+:\d+:) (?P<severity>error|warning|info) (?P<code>RB\d+) ")


def _colour() -> bool | None:
    """click's `color=`: False (NO_COLOR), True (FORCE_COLOR) or None (colour only on a terminal)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def _styled(line: str) -> str:
    match = _FINDING_LINE.match(line)
    if not match:
        return line
    colour = _SEVERITY_COLOURS[match["severity"]]
    return (click.style(match["place"], bold=True) + " " + click.style(match["severity"], fg=colour, bold=True)
            + " " + click.style(match["code"], fg=colour) + " " + line[match.end():])


def _one_shot() -> bool:  # whether this command owns its process (see `Commands`)
    return bool((click.get_current_context().obj or {}).get("one_shot"))


def _write(where: str, write):
    """`write()`'s result, or a UsageError naming what cannot be written."""
    try:
        return write()
    except OSError as exc:
        raise UsageError(f"{exc.filename or where}: cannot write: {exc.strerror}") from None


def _write_text(path: str, text: str) -> list[Path]:
    Path(path).write_text(text, encoding="utf-8")
    return [Path(path)]


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolebook")
def main() -> None:
    """Check, scaffold, export and publish role handbooks."""
    if _one_shot():
        from rolebook.loading.gc_pause import skip_collection_at_exit
        skip_collection_at_exit()


@main.command("check")
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

    site = _site(config)
    run = check_handbooks(paths or (site.handbooks(),), site.settings_with(today=today, rules=rules), jobs=jobs,
                          one_shot=_one_shot(), handbooks_dir=site.settings.handbooks_dir)
    from rolebook.build.zensical_tree import unrendered_note

    with use(site.messages(language)):  # the findings are worded here, in the reader's language
        label = _("note")
        for note in [*run.notes, unrendered_note(has_site_file=site.config_file is not None)]:
            if note:
                click.echo(f"rolebook: {label}: {note}", err=True, color=_colour())
        report = format_findings(fmt, run.findings, roles=run.roles, version=__version__)
    if fmt == "text" and _colour() is not False:
        report = "".join(_styled(line) for line in report.splitlines(keepends=True))
    click.echo(report, nl=False, color=_colour())
    sys.exit(1 if fails(run.findings, strict) else 0)


@main.command("review")  # the command name is the contract; what it prints is the health report
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

    site = _site(config)
    result = check_handbook(site.handbooks(path), site.settings_with(today=today))  # the report says if outside git
    report = health_report(result.handbook, display_paths(result.findings), result.timing)
    with use(site.messages(language)):
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
    from rolebook.authoring.new_role import SCHEMA_FOLDER, parse_ref, write_new_role

    team, role_id = parse_ref(ref)
    site = _site(config)
    handbooks = Path(site.handbooks(handbooks_dir))
    for path in write_new_role(handbooks, team, role_id, title, site.base / SCHEMA_FOLDER, site.site_url):
        click.echo(f"wrote {path}")


@main.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--site-name", help="The site's name [default: from the folder's name].")
@click.option("--engine", type=click.Choice(["mkdocs", "properdocs", "zensical"]), default="mkdocs", show_default=True,
              help="The site generator the workflows and the README call (properdocs: properdocs.yml; zensical: "
              "zensical.toml, built from `rolebook render --for zensical`).")
def init_command(directory: str, site_name: str | None, engine: str) -> None:
    """Write a complete handbook repository into DIRECTORY (new or empty): site, one team and role, CI, editors."""
    from rolebook.authoring.new_repository import init_repository

    written = _write(directory, lambda: init_repository(Path(directory), site_name, engine=engine))
    written.append(_write(directory, lambda: _initial_codeowners(Path(directory))))
    click.echo(f"wrote {len(written)} files to {Path(directory).resolve()}; next:")
    enter = "" if Path(directory).resolve() == Path.cwd().resolve() else f"cd {directory} && "
    git = "" if (Path(directory) / ".git").exists() else "git init && "
    from rolebook.authoring.new_repository import ENGINES

    click.echo(f"  {enter}{git}rolebook check --strict && {ENGINES[engine].serve_line()}")
    click.echo("  then replace handbooks/people/handbook-owner.yml with a real role (`rolebook new TEAM/ROLE-ID`)")


@main.command("docs")
@click.option("-o", "--output", "out_dir", default=str(Path("docs") / "guide"), show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the guide's pages into.")
def docs_command(out_dir: str) -> None:
    """Write the user guide (how to write roles, propose changes, the format, every rule, sites) as Markdown."""
    from rolebook.authoring.user_guide import write_guide

    for path in _write(out_dir, lambda: write_guide(Path(out_dir))):
        click.echo(f"wrote {path}")


def _initial_codeowners(repository: Path) -> Path:
    """`.github/CODEOWNERS` for a new repository: the generated block alone (the pull-request workflow checks it)."""
    from rolebook.build.checking import load
    from rolebook.build.codeowners_file import codeowners_text

    target = repository / ".github" / "CODEOWNERS"
    _block, whole = codeowners_text(load(repository / "handbooks"), "github", None, repository, None)
    target.write_text(whole, encoding="utf-8")
    return target


@main.command("export")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@config_file_option
def export_command(path: str | None, output: str | None, config: str | None) -> None:
    """Write the whole handbook as JSON (the shape of roles.json)."""
    from rolebook.build.checking import load
    from rolebook.i18n import use
    from rolebook.reports.export import dumps, export
    from rolebook.reports.formats import unexported_note

    site = _site(config)
    handbook = load(site.handbooks(path))
    text = dumps(export(handbook))
    if handbook.unreadable:
        with use(site.messages()):
            click.echo(unexported_note(handbook.unreadable), err=True)
    if output:
        _write(output, lambda: _write_text(output, text))
    else:
        click.echo(text, nl=False)
    sys.exit(1 if handbook.unreadable else 0)


@main.command("render")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False),
              help="Folder to write into [required; --for zensical: default docs].")
@click.option("--for", "engine", type=click.Choice(["markdown", "zensical"]), default="markdown", show_default=True,
              help="zensical: a complete docs tree, with assets and nav wired into zensical.toml, and removed "
              "pages removed.")
@click.option("--zensical-config", default="zensical.toml", show_default=True, type=click.Path(dir_okay=False),
              help="With --for zensical: the project file to wire (created when missing).")
@click.option("--watch", is_flag=True, help="Render again whenever a role file or template changes (for "
              "`zensical serve`); Ctrl-C stops.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), help="Template overrides.")
@click.option("--today", help="Build date for due-soon lists and checklists (YYYY-MM-DD).")
@click.option("--no-directory-urls", is_flag=True, help="Link pages as page.html instead of page/.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@config_file_option
def render_command(path, out_dir, engine, zensical_config, watch, templates_dir, today, no_directory_urls, strict,
                   config) -> None:
    """Write the handbook's pages as Markdown (diagrams inline, SVGs beside them) into OUTPUT."""
    if out_dir is None and engine != "zensical":
        raise click.UsageError("Missing option '-o' / '--output'.")
    out_dir = out_dir or "docs"
    site = _site(config)
    settings = site.settings_with(today=today, directory_urls=not no_directory_urls,
                                  handbooks_dir=Path(site.handbooks(path)), templates_dir=site.templates(templates_dir))
    messages = site.messages()  # the pages and the findings in the site's language, as the plugin writes them
    render_once = lambda: _render(settings, messages, Path(out_dir), engine, Path(zensical_config), strict)  # noqa: E731
    if not watch:
        return render_once()
    import watchfiles

    folders = [str(f) for f in (settings.handbooks_dir, settings.templates_dir) if f is not None]
    _render_and_report(render_once)
    click.echo(f"rolebook: watching {', '.join(folders)} (Ctrl-C stops)", err=True)
    try:
        for _changes in watchfiles.watch(*folders, debounce=300, raise_interrupt=False):
            _render_and_report(render_once)
    except KeyboardInterrupt:
        pass


def _render_and_report(render_once) -> None:
    """One render while watching: a failing render is said, and the watch goes on."""
    try:
        render_once()
    except (click.ClickException, RolebookError) as exc:
        click.echo(f"rolebook: {exc}", err=True)


def _render(settings, messages, out_dir: Path, engine: str, zensical_config: Path, strict: bool) -> None:
    from rolebook.build.pipeline import build_handbook, write_output
    from rolebook.i18n import _, use
    from rolebook.model.findings import fails
    from rolebook.reports.formats import display_paths, text_line

    result = build_handbook(settings, messages=messages)
    with use(messages):
        label = _("note")
        for note in result.notes:
            click.echo(f"rolebook: {label}: {note}", err=True)
        for f in display_paths(result.findings):
            click.echo(text_line(f), err=True)
    if fails(result.findings, strict) or result.unreadable:
        raise click.ClickException("the handbook has findings that fail; nothing written")
    if engine == "zensical":
        from rolebook.build.zensical_tree import write_tree

        tree = _write(str(out_dir), lambda: write_tree(result, out_dir, zensical_config, settings.section_title))
        click.echo(f"wrote {len(tree.written)} files to {out_dir}, removed {len(tree.removed)}; "
                   f"wired {tree.config}")
        return
    written = _write(str(out_dir), lambda: write_output(result, out_dir))
    click.echo(f"wrote {len(written)} files to {out_dir}")


@main.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              help="text: plain words for a terminal; markdown: for a pull request or release notes "
                   "[default: text on a terminal, else markdown].")
@click.option("--handbooks", "handbooks_dir", help="The handbooks folder (for git revisions: its path in the repository) "
              "[default: the site's handbooks_dir, else handbooks/].")
@config_file_option
@language_option
def diff_command(old: str, new: str | None, fmt: str | None, handbooks_dir: str | None, config: str | None,
                 language: str | None) -> None:
    """What changed between OLD and NEW: git revisions, folders or roles.json files (NEW: the working tree)."""
    from rolebook.history.sources import diff_source
    from rolebook.i18n import use
    from rolebook.reports.changes import diff, to_markdown, to_text

    site = _site(config)
    handbooks = Path(handbooks_dir or site.settings.handbooks_dir)
    with ExitStack() as stack:
        result = diff(diff_source(old, handbooks, stack), diff_source(new, handbooks, stack))
    fmt = fmt or ("text" if sys.stdout.isatty() else "markdown")  # Markdown where it is piped into a summary
    with use(site.messages(language)):
        if fmt == "json":
            click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            click.echo((to_text if fmt == "text" else to_markdown)(result), nl=False)


@main.command("codeowners")
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

    site = _site(config)
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
        _write(output, lambda: Path(output).parent.mkdir(parents=True, exist_ok=True) or _write_text(output, whole))
        click.echo(f"wrote {output}")
    else:
        click.echo(block, nl=False)


@main.command("schema")
@click.option("--team", is_flag=True, help="The schema of _team.yml instead.")
@click.option("--people", is_flag=True, help="The schema of _people.yml instead.")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="markdown: the field tables of the format reference page.")
@click.option("-o", "--output", type=click.Path(), metavar="PATH",
              help="Write to PATH instead of standard output; a folder gets role, team and people .schema.json.")
def schema_command(team: bool, people: bool, fmt: str, output: str | None) -> None:
    """Print the JSON Schema of a role file (refresh the repository's copy with -o schemas/)."""
    from rolebook.model.schema import dumps, markdown_reference, people_schema, role_schema, team_schema, write_schemas

    chosen = people_schema if people else team_schema if team else role_schema
    text = markdown_reference() + "\n" if fmt == "markdown" else dumps(chosen())
    if output is None:
        return click.echo(text, nl=False)
    folder = fmt == "json" and (Path(output).is_dir() or output.endswith(("/", os.sep)))
    for path in _write(output, lambda: write_schemas(Path(output)) if folder else _write_text(output, text)):
        click.echo(f"wrote {path}")


@main.command("audit")
@click.argument("ref", metavar="TEAM/ROLE-ID")
@click.option("--calendar", "ics", type=click.Path(dir_okay=False, exists=True), help="An iCalendar export (.ics).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, exists=True), help="A CSV with start, end, title columns.")
@click.option("--from", "first", metavar="DATE", help="First day (YYYY-MM-DD) [default: Monday of last week].")
@click.option("--to", "last", metavar="DATE", help="Last day, included [default: Sunday of last week].")
@click.option("--hours", metavar="HH:MM-HH:MM", help="Working hours [default: 09:00-17:00; `all`: the whole day].")
@click.option("--days", metavar="mon-fri", help="Working days [default: mon-fri].")
@click.option("--time-zone", help="IANA zone of the working hours and floating times [default: the holder's "
              "time_zone in _people.yml, else UTC].")
@click.option("--me", metavar="EMAIL", help="Your address in invitations: events you declined do not count "
              "[default: a Google calendar's own address].")
@click.option("--tolerance", type=click.FloatRange(0, 100), default=5.0, show_default=True,
              help="Points an actual share may differ from the plan before it is flagged.")
@click.option("--unmapped-threshold", type=click.FloatRange(0, 100), default=20.0, show_default=True,
              help="Flag unmapped time above this percent.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--show-events", is_flag=True, help="Also list each counted event with its title.")
@click.option("--write", is_flag=True, help="Set the role file's time_share values to the suggested ones "
              "(comments and layout kept).")
@click.option("--today", metavar="DATE", help="Build date that sets the default window (YYYY-MM-DD).")
@click.option("--handbooks", "handbooks_dir", type=click.Path(file_okay=False),
              help="The handbooks folder [default: the site's handbooks_dir, else handbooks/].")
@config_file_option
def audit_command(ref, ics, csv_file, first, last, hours, days, time_zone, me, tolerance, unmapped_threshold, fmt,
                  show_events, write, today, handbooks_dir, config) -> None:
    """Compare a role's planned time shares with a real week from a calendar file.

    \b
    Private by construction: it reads the files you name (never a URL), counts private and
    confidential events as "private" without their titles, prints totals only (titles only with
    --show-events), and writes nothing unless --write. Nothing of it reaches the site or CI.
    """
    from rolebook.audit.week import run_audit
    from rolebook.audit.week_report import to_json, to_markdown
    from rolebook.audit.working_time import WorkingHours
    from rolebook.audit.write_back import write_time_shares
    from rolebook.build.checking import load
    from rolebook.build.settings import build_date, parse_date

    if bool(ics) == bool(csv_file):
        raise UsageError("give one calendar file: --calendar FILE.ics or --csv FILE.csv")
    site = _site(config)
    handbook = load(site.handbooks(handbooks_dir))
    entry, report = run_audit(
        handbook, ref, Path(ics or csv_file), "ics" if ics else "csv", first=parse_date(first, "--from"),
        last=parse_date(last, "--to"), today=build_date(today or site.settings.today), time_zone=time_zone,
        hours=WorkingHours.parse(hours, days), me=me, tolerance=tolerance, unmapped_threshold=unmapped_threshold,
        show_events=show_events)
    if fmt == "json":
        click.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(to_markdown(report), nl=False)
    if write and report.suggested:
        changed = _write(str(entry.path), lambda: write_time_shares(entry.path, report.suggested))
        click.echo(f"rolebook: wrote time_share of {', '.join(changed) or 'no activity'} to {entry.path}", err=True)


@main.command("record")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--today", metavar="DATE", help="Build date for open and overdue (YYYY-MM-DD).")
@config_file_option
def record_command(path: str | None, fmt: str, today: str | None, config: str | None) -> None:
    """The delivery record from git history: outcomes done on time, late, after re-dating, dropped, overdue.

    Reads the first-parent history of the current branch; a shallow clone or no git gives a note, no numbers.
    """
    from rolebook.build.settings import build_date
    from rolebook.history.delivery_record import delivery_record, to_json
    from rolebook.reports.delivery import to_markdown

    site = _site(config)
    handbooks = Path(site.handbooks(path))
    if not handbooks.is_dir():
        raise UsageError(f"{handbooks}: no such handbooks folder")
    data = to_json(delivery_record(handbooks), build_date(today or site.settings.today))
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(to_markdown(data), nl=False)
