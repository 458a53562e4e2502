"""`rolebook new`, `init`, `docs` and `schema`: files an editor or an adopter starts from."""

from __future__ import annotations

import os
from pathlib import Path

import click

from rolebook.cli.shared import config_file_option, site_of, write_or_fail, write_text


@click.command("new")
@click.argument("ref", metavar="TEAM/ROLE-ID")
@click.option("--title", help="The role's title [default: from the id].")
@click.option("--handbooks", "handbooks_dir", type=click.Path(file_okay=False),
              help="The handbooks folder [default: the site's handbooks_dir, else handbooks/].")
@config_file_option
def new_command(ref: str, title: str | None, handbooks_dir: str | None, config: str | None) -> None:
    """Write a new role file, ready to fill in (and the team's _team.yml when the team is new)."""
    from rolebook.authoring.new_role import SCHEMA_FOLDER, parse_ref, write_new_role

    team, role_id = parse_ref(ref)
    site = site_of(config)
    handbooks = Path(site.handbooks(handbooks_dir))
    for path in write_new_role(handbooks, team, role_id, title, site.base / SCHEMA_FOLDER, site.site_url):
        click.echo(f"wrote {path}")


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--site-name", help="The site's name [default: from the folder's name].")
@click.option("--engine", type=click.Choice(["mkdocs", "properdocs", "zensical"]), default="mkdocs", show_default=True,
              help="The site generator the workflows and the README call (properdocs: properdocs.yml; zensical: "
              "zensical.toml, built from `rolebook render --for zensical`).")
def init_command(directory: str, site_name: str | None, engine: str) -> None:
    """Write a complete handbook repository into DIRECTORY (new or empty): site, one team and role, CI, editors."""
    from rolebook.authoring.new_repository import init_repository

    written = write_or_fail(directory, lambda: init_repository(Path(directory), site_name, engine=engine))
    written.append(write_or_fail(directory, lambda: _initial_codeowners(Path(directory))))
    click.echo(f"wrote {len(written)} files to {Path(directory).resolve()}; next:")
    enter = "" if Path(directory).resolve() == Path.cwd().resolve() else f"cd {directory} && "
    git = "" if (Path(directory) / ".git").exists() else "git init && "
    from rolebook.authoring.new_repository import ENGINES

    click.echo(f"  {enter}{git}rolebook check --strict && {ENGINES[engine].serve_line()}")
    click.echo("  then replace handbooks/people/handbook-owner.yml with a real role (`rolebook new TEAM/ROLE-ID`)")


@click.command("docs")
@click.option("-o", "--output", "out_dir", default=str(Path("docs") / "guide"), show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the guide's pages into.")
def docs_command(out_dir: str) -> None:
    """Write the user guide (how to write roles, propose changes, the format, every rule, sites) as Markdown."""
    from rolebook.authoring.user_guide import write_guide

    for path in write_or_fail(out_dir, lambda: write_guide(Path(out_dir))):
        click.echo(f"wrote {path}")


def _initial_codeowners(repository: Path) -> Path:
    """`.github/CODEOWNERS` for a new repository: the generated block alone (the pull-request workflow checks it)."""
    from rolebook.build.checking import load
    from rolebook.build.codeowners_file import codeowners_text

    target = repository / ".github" / "CODEOWNERS"
    _block, whole = codeowners_text(load(repository / "handbooks"), "github", None, repository, None)
    target.write_text(whole, encoding="utf-8")
    return target


@click.command("schema")
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
    for path in write_or_fail(output, lambda: write_schemas(Path(output)) if folder else write_text(output, text)):
        click.echo(f"wrote {path}")
