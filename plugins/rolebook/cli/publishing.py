"""`rolebook export`, `render`, `diff` and `record`: the handbook as JSON, Markdown pages, changes and deliveries."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path

import click

from rolebook.cli.shared import config_file_option, language_option, site_of, write_or_fail, write_text
from rolebook.errors import RolebookError, UsageError


@click.command("export")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
@config_file_option
def export_command(path: str | None, output: str | None, config: str | None) -> None:
    """Write the whole handbook as JSON (the shape of roles.json)."""
    from rolebook.build.checking import load
    from rolebook.i18n import use
    from rolebook.reports.export import dumps, export
    from rolebook.reports.formats import unexported_note

    site = site_of(config)
    handbook = load(site.handbooks(path))
    text = dumps(export(handbook))
    if handbook.unreadable:
        with use(site.messages()):
            click.echo(unexported_note(handbook.unreadable), err=True)
    if output:
        write_or_fail(output, lambda: write_text(output, text))
    else:
        click.echo(text, nl=False)
    sys.exit(1 if handbook.unreadable else 0)


@click.command("render")
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
    site = site_of(config)
    settings = site.settings_with(today=today, directory_urls=not no_directory_urls,
                                  handbooks_dir=Path(site.handbooks(path)), templates_dir=site.templates(templates_dir))
    messages = site.messages()  # the pages and the findings in the site's language, as the plugin writes them
    render_once = lambda: _render(settings, messages, Path(out_dir), engine, Path(zensical_config), strict)
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

        tree = write_or_fail(str(out_dir), lambda: write_tree(result, out_dir, zensical_config, settings.section_title))
        click.echo(f"wrote {len(tree.written)} files to {out_dir}, removed {len(tree.removed)}; "
                   f"wired {tree.config}")
        return
    written = write_or_fail(str(out_dir), lambda: write_output(result, out_dir))
    click.echo(f"wrote {len(written)} files to {out_dir}")


@click.command("diff")
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

    site = site_of(config)
    handbooks = Path(handbooks_dir or site.settings.handbooks_dir)
    with ExitStack() as stack:
        result = diff(diff_source(old, handbooks, stack), diff_source(new, handbooks, stack))
    fmt = fmt or ("text" if sys.stdout.isatty() else "markdown")  # Markdown where it is piped into a summary
    with use(site.messages(language)):
        if fmt == "json":
            click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            click.echo((to_text if fmt == "text" else to_markdown)(result), nl=False)


@click.command("record")
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

    site = site_of(config)
    handbooks = Path(site.handbooks(path))
    if not handbooks.is_dir():
        raise UsageError(f"{handbooks}: no such handbooks folder")
    data = to_json(delivery_record(handbooks), build_date(today or site.settings.today))
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(to_markdown(data), nl=False)
