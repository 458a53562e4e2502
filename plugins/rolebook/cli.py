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
def check_command(paths: tuple[str, ...], strict: bool, fmt: str, rules: tuple[str, ...], config: str | None,
                  today: str | None, jobs: int | None) -> None:
    """Check PATHS: handbooks folders, team folders or role files, each judged in its whole handbook
    (default: the site's handbooks_dir, else handbooks/)."""
    from rolebook.build.checking import check_handbooks
    from rolebook.model.findings import fails
    from rolebook.reports.formats import format_findings

    site = _site(config)
    run = check_handbooks(paths or (site.handbooks(),), site.settings_with(today=today, rules=rules), jobs=jobs,
                          one_shot=_one_shot(), handbooks_dir=site.settings.handbooks_dir)
    from rolebook.build.zensical_tree import unrendered_note

    for note in [*run.notes, unrendered_note(has_site_file=site.config_file is not None)]:
        if note:
            click.echo(f"rolebook: note: {note}", err=True, color=_colour())
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
def health_command(path: str | None, today: str | None, fmt: str, config: str | None) -> None:
    """What needs attention now: overdue outcomes, reviews due, vacant roles, findings. Always exits 0."""
    from rolebook.build.checking import check_handbook
    from rolebook.reports.formats import display_paths
    from rolebook.reports.health import health_report, to_json, to_markdown

    site = _site(config)
    result = check_handbook(site.handbooks(path), site.settings_with(today=today))  # the report says if outside git
    report = health_report(result.handbook, display_paths(result.findings), result.timing)
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


@main.command("export")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@config_file_option
def export_command(path: str | None, output: str | None, config: str | None) -> None:
    """Write the whole handbook as JSON (the shape of roles.json)."""
    from rolebook.build.checking import load
    from rolebook.reports.export import dumps, export
    from rolebook.reports.formats import unexported_note

    handbook = load(_site(config).handbooks(path))
    text = dumps(export(handbook))
    if handbook.unreadable:
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
    render_once = lambda: _render(settings, Path(out_dir), engine, Path(zensical_config), strict)  # noqa: E731
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


def _render(settings, out_dir: Path, engine: str, zensical_config: Path, strict: bool) -> None:
    from rolebook.build.pipeline import build_handbook, write_output
    from rolebook.model.findings import fails
    from rolebook.reports.formats import display_paths, text_line

    result = build_handbook(settings)
    for note in result.notes:
        click.echo(f"rolebook: note: {note}", err=True)
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
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--handbooks", "handbooks_dir", help="The handbooks folder (for git revisions: its path in the repository) "
              "[default: the site's handbooks_dir, else handbooks/].")
@config_file_option
def diff_command(old: str, new: str | None, fmt: str, handbooks_dir: str | None, config: str | None) -> None:
    """What changed between OLD and NEW: git revisions, folders or roles.json files (NEW: the working tree)."""
    from rolebook.history.sources import diff_source
    from rolebook.reports.changes import diff, to_markdown

    handbooks = Path(handbooks_dir or _site(config).settings.handbooks_dir)
    with ExitStack() as stack:
        result = diff(diff_source(old, handbooks, stack), diff_source(new, handbooks, stack))
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
    from rolebook.model.schema import dumps, markdown_reference, role_schema, team_schema, write_schemas

    text = markdown_reference() + "\n" if fmt == "markdown" else dumps(team_schema() if team else role_schema())
    if output is None:
        return click.echo(text, nl=False)
    folder = fmt == "json" and (Path(output).is_dir() or output.endswith(("/", os.sep)))
    for path in _write(output, lambda: write_schemas(Path(output)) if folder else _write_text(output, text)):
        click.echo(f"wrote {path}")
