"""The `rolebook` command: click commands, their options and exit codes; the core does the work.

Each command reads the site file into one checked `Settings` (`build.site_file`), lays its options
over it, and calls the core (`build.checking`, `reports.formats`, `history.sources`, `build.pipeline`).
Exit codes: 0 done; 1 findings that fail (or unreadable files); 2 a usage or input error
(`rolebook.errors`), one line saying what to change; 3 a bug: its traceback, never "usage error".
Imports sit inside the commands, so `rolebook --version` loads none of the core.

The commands live by what they serve: `checking` (check, review, codeowners), `authoring` (new,
init, docs, schema), `publishing` (export, render, diff, record) and `audit`; `shared` holds the
options and helpers they have in common.
"""

from __future__ import annotations

import traceback

import click

from rolebook import __version__
from rolebook.cli.shared import one_shot
from rolebook.errors import RolebookError


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


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolebook")
def main() -> None:
    """Check, scaffold, export and publish role handbooks."""
    if one_shot():
        from rolebook.loading.gc_pause import skip_collection_at_exit
        skip_collection_at_exit()


from rolebook.cli import audit, authoring, checking, publishing

for _command in (checking.check_command, checking.health_command, authoring.new_command, authoring.init_command,
                 authoring.docs_command, publishing.export_command, publishing.render_command, publishing.diff_command,
                 checking.codeowners_command, authoring.schema_command, audit.audit_command, publishing.record_command):
    main.add_command(_command)
