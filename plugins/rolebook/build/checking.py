"""A check of one or more handbooks, as `rolebook check` and `rolebook review` run it, without a terminal.

Loading each folder (with the collector paused), reading the build date and git's dates once
(`timing`), running the rules with the settings' overrides, and collecting the findings sorted,
then with their paths as the person at the terminal would type them. The command line only chooses
the format and the exit code (`cli`); the public API (`rolebook.check`) calls the same code, so a
script and the command line cannot disagree. Problems with the call are `UsageError`s or
`InputError`s (a missing folder); a bug in a rule is left to propagate, never turned into one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rolebook.build.check_targets import CheckTarget, check_targets
from rolebook.build.settings import Settings, build_date
from rolebook.build.timing import timing_for
from rolebook.checks import check
from rolebook.loading.gc_pause import collector_paused, settle_loaded_data
from rolebook.loading.loader import load_handbook
from rolebook.loading.pool import default_workers
from rolebook.model.findings import Finding, Severity, severity_table
from rolebook.model.handbook import Handbook
from rolebook.model.review_rhythm import Timing, outside_git_note, unjudged_roles
from rolebook.reports.formats import display_path, display_paths


def load(path: str | Path, jobs: int | None = None, *, one_shot: bool = False) -> Handbook:
    """The handbook in `path` (HandbookNotFound, an InputError, when there is none), read on `jobs` processes.

    `one_shot`: the caller owns a process that ends after this command (the `rolebook` command run
    from its own command line), so what was loaded is frozen out of the collector's sight before
    the collector is back on: its first pass would otherwise walk all of it (0.4 s at 4,000 roles).
    """
    with collector_paused():
        handbook = load_handbook(path, workers=jobs or default_workers())
        if one_shot:
            settle_loaded_data()
    return handbook


@dataclass
class HandbookCheck:
    """One handbook checked: the handbook, its timing, its findings (in the rules' order) and any note."""

    handbook: Handbook
    timing: Timing
    findings: list[Finding]
    note: str | None = None  # "not in a git repository: RB114 goes by `reviewed:` alone"


def check_handbook(path: str | Path, settings: Settings, *, jobs: int | None = None,
                   handbook: Handbook | None = None, one_shot: bool = False) -> HandbookCheck:
    """Check the handbook in `path` (or the one given, already loaded) with `settings`."""
    day = build_date(settings.today)  # a bad SOURCE_DATE_EPOCH stops the check before any file is read
    handbook = handbook if handbook is not None else load(path, jobs, one_shot=one_shot)
    handbook.people_folder = settings.people_folder
    overrides = settings.rule_overrides
    rb114 = severity_table(overrides)["RB114"] is not Severity.OFF
    timing = timing_for(handbook, day, settings.review_policy, use_git=rb114,
                        codeowners_fallback=settings.codeowners_fallback)
    note = None
    if rb114 and not timing.in_git and unjudged_roles(handbook, timing):
        note = outside_git_note(display_path(str(path)))
    return HandbookCheck(handbook, timing, check(handbook, overrides, timing=timing), note)


@dataclass
class CheckRun:
    """Every handbook of a `rolebook check`: the findings sorted, the roles counted, the notes to show."""

    findings: list[Finding] = field(default_factory=list)
    roles: int = 0
    notes: list[str] = field(default_factory=list)


def check_handbooks(paths: Iterable[str | Path], settings: Settings, *, jobs: int | None = None,
                    one_shot: bool = False, handbooks_dir: str | Path | None = None) -> CheckRun:
    """Check each path in turn: a handbooks folder, a team folder or a file, each judged in its whole
    handbook (`check_targets`; `handbooks_dir`: the site's); the findings of all of them, sorted."""
    findings: list[Finding] = []
    run = CheckRun()
    settings = settings.replace(today=build_date(settings.today))  # once, before any file is read
    targets = check_targets(paths, handbooks_dir) if handbooks_dir is not None else check_targets(paths)
    for target in targets:
        result = check_handbook(target.root, settings, jobs=jobs, one_shot=one_shot)
        findings.extend(target.keep(result.findings))
        if result.note:
            run.notes.append(result.note)
        run.notes.extend(result.timing.notes)
        run.roles += _roles_in(target, result.handbook)
    run.findings = display_paths(sorted(findings))
    return run


def _roles_in(target: CheckTarget, handbook: Handbook) -> int:
    """The role files a target judges: its selection's roles, and the files that could not be read."""
    return (sum(1 for entry in handbook.roles() if target.selects(entry.path))
            + sum(1 for path in handbook.unreadable if target.selects(path)))
