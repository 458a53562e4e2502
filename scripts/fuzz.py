"""Mutation fuzzer: hostile variants of the example handbook through the whole core, in process.

    .venv/bin/python scripts/fuzz.py [--mutants 50000] [--seed 1] [--handbook handbooks]

Each mutant changes one file of the example handbook (line deletions, swaps
and duplicates, type swaps, YAML tags, anchors, aliases and merge keys,
control characters, other encodings, line endings, long lines, deep nesting,
odd key names, truncation, byte flips; one to three at a time) and goes
through load, check, export, the Markdown renderer, the DOT of its diagrams
(`dot` itself is not run, to stay fast) and diff against the original.

A mutant fails when anything raises (bad input must be a finding, never a
traceback), when a finding's line or column is not in the file it names,
or when a handbook that has no error still carries a control character into
a page, the export or the DOT. Exit status 1 on any failure; the first few
are printed with their reproducer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from rolebook.checks import check  # noqa: E402
from rolebook.diagrams.dot import role_diagram, team_diagram  # noqa: E402
from rolebook.history.sources import source_from_folder
from rolebook.loading.loader import load_handbook  # noqa: E402
from rolebook.model.findings import Severity  # noqa: E402
from rolebook.model.people import PEOPLE_FILES
from rolebook.model.site_plan import Urls, role_src  # noqa: E402
from rolebook.pages.renderer import Renderer, SiteData, make_environment  # noqa: E402
from rolebook.reports.changes import Source, diff, to_markdown  # noqa: E402
from rolebook.reports.export import export  # noqa: E402

EDITOR_LINES = re.compile(r"\r\n|\r|\n")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
TODAY = dt.date(2026, 11, 20)

# -- mutation operators: each takes (lines, rng) and returns new lines or bytes ---------------

VALUES = [
    "[]", "{}", "~", "null", "yes", "no", "on", "off", "12", "-1", "1.5", "1e999", ".nan", ".inf", "0x1F", "0o17",
    "2026-01-01", "2026-13-45", "2026-01-01 25:61:00", "1:20:30", "- x", "|", ">", "|-", "'", '"', "`x`",
    "!!int x", "!!int ''", "!!bool maybe", "!!timestamp x", "!!float ''", "!!null x", "!!str [a]", "!!map x",
    "!!seq {a: b}", "!!set {a}", "!!omap [a: 1]", "!!binary aGk=", "!custom x", "!<tag:example.com,2000:x> y",
    "!!python/name:os.system", "!!python/object/apply:os.system [ls]", "=", "<<", "*nope", "&a x", "[*a]",
    "{a: [b, {c: d}]}", '"\\0"', '"\\e[31mred"', '"\\x01\\x7f"', '"\\u2028x\\u2029"', '"\\N\\L\\P"', '"\\r"',
    '"\\t\\n"', "'it''s'", "9" * 5000, "{{ 7*191 }}", "<script>alert(1)</script>", "javascript:alert(1)",
    "\"::error file=x::y\"", "x #comment", "? complex", "[a, b", "{a: b", "@x", "%YAML 1.1",
]
KEYS = ["list", "str", "int", "date", "literal", "none", "a[0]", "function-after", "constrained-str", "<<", "",
        "on", "y", "~", "1", "title", "summary", "id", "\"\\0\"", "'a b'", "? x", "x" * 300, "é", "[a]", "{a: b}"]
CHARS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\u2028",
         "\u2029", "\ufeff", "\ufffe", "\uffff", "\t", "\r", "\r\n", "\u200b", "\u202e", "\U0001F600", "é", "&", "*",
         "!", "|", ">", "#", "%", "@", "`", "'", '"', "{", "}", "[", "]", ":", "-", "?", ",", " "]


def _pick_line(lines, rng):
    return rng.randrange(len(lines)) if lines else 0


def delete_line(lines, rng):
    if lines:
        del lines[_pick_line(lines, rng)]
    return lines


def swap_lines(lines, rng):
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return lines


def duplicate_line(lines, rng):
    if lines:
        i = _pick_line(lines, rng)
        lines.insert(i, lines[i])
    return lines


def swap_value(lines, rng):
    candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
    if candidates:
        i = rng.choice(candidates)
        line = lines[i]
        cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
        lines[i] = line[:cut] + rng.choice(VALUES)
    return lines


def add_tag(lines, rng):
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    if candidates:
        i = rng.choice(candidates)
        cut = lines[i].index(": ") + 2
        tag = rng.choice(["!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!map ", "!!seq ",
                          "!!set ", "!!omap ", "!!pairs ", "!!binary ", "!!merge ", "!!value ", "! ", "!x ", "!!python/tuple "])
        lines[i] = lines[i][:cut] + tag + lines[i][cut:]
    return lines


def anchors_and_merges(lines, rng):
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    if not candidates:
        return lines
    i = rng.choice(candidates)
    indent = len(lines[i]) - len(lines[i].lstrip())
    cut = lines[i].index(": ") + 2
    choice = rng.randrange(6)
    if choice == 0:  # anchor here, alias on another line
        lines[i] = lines[i][:cut] + "&m " + lines[i][cut:]
        j = rng.choice(candidates)
        cut_j = lines[j].index(": ") + 2
        lines[j] = lines[j][:cut_j] + "*m"
    elif choice == 1:  # merge key pointing at an anchor, defined or not
        lines.insert(i, " " * indent + rng.choice(["<<: *m", "<<: [*m, *m]", "<<: {extra: 1}", "<<: x", "<<: [a]",
                                                   "<<: {title: merged}", "<<: ~"]))
    elif choice == 2:  # anchored mapping merged into a sibling
        lines.insert(i, " " * indent + "base: &b {title: T, id: x}")
        lines.insert(i + 1, " " * indent + "<<: *b")
    elif choice == 3:  # alias before its anchor, self-reference
        lines[i] = lines[i][:cut] + rng.choice(["*later", "&s [*s]", "&s {a: *s}"])
    elif choice == 4:  # a small alias expansion
        lines.insert(i, " " * indent + "z: &z [a, a, a, a, a, a, a, a, a, a]")
        lines.insert(i + 1, " " * indent + "zz: &zz [*z, *z, *z, *z, *z, *z, *z, *z, *z, *z]")
        lines.insert(i + 2, " " * indent + "zzz: [*zz, *zz, *zz, *zz, *zz, *zz, *zz, *zz, *zz, *zz, *zz]")
    else:  # anchor on a key
        lines[i] = " " * indent + "&k " + lines[i].lstrip()
    return lines


def insert_char(lines, rng):
    if lines:
        i = _pick_line(lines, rng)
        pos = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:pos] + rng.choice(CHARS) * rng.choice([1, 1, 1, 2, 3]) + lines[i][pos:]
    return lines


def long_line(lines, rng):
    length = rng.choice([1_000, 10_000, 100_000, 400_000])
    i = _pick_line(lines, rng)
    what = rng.randrange(3)
    if what == 0 and lines and ": " in lines[i]:
        cut = lines[i].index(": ") + 2
        lines[i] = lines[i][:cut] + "x" * length
    elif what == 1:
        lines.insert(i, "k" * length + ": v")
    else:
        lines.insert(i, "notes: " + "word " * (length // 5))
    return lines


def deep_nesting(lines, rng):
    depth = rng.choice([10, 60, 63, 64, 65, 100, 1000])
    i = _pick_line(lines, rng)
    if rng.random() < 0.5:
        lines.insert(i, "deep: " + "[" * depth + "]" * depth)
    else:
        lines.insert(i, "deep: " + "{a: " * depth + "x" + "}" * depth)
        if rng.random() < 0.5:
            block = ["deep2:"] + ["  " * (d + 1) + f"k{d}:" for d in range(min(depth, 200))]
            lines[i:i] = block
    return lines


def odd_key(lines, rng):
    candidates = [i for i, line in enumerate(lines) if ": " in line or line.rstrip().endswith(":")]
    if candidates:
        i = rng.choice(candidates)
        indent = len(lines[i]) - len(lines[i].lstrip())
        prefix = "- " if lines[i].lstrip().startswith("- ") else ""
        lines.insert(i + 1, " " * (indent + len(prefix)) + rng.choice(KEYS) + ": " + rng.choice(VALUES[:20]))
    return lines


def shift_indent(lines, rng):
    if lines:
        i = _pick_line(lines, rng)
        lines[i] = (" " * rng.choice([1, 2, 4]) + lines[i]) if rng.random() < 0.5 else lines[i].lstrip()
    return lines


def multi_document(lines, rng):
    lines.insert(_pick_line(lines, rng), rng.choice(["---", "...", "--- !!map", "%TAG ! tag:x,2000:", "--- |"]))
    return lines


LINE_OPS = [delete_line, swap_lines, duplicate_line, swap_value, swap_value, add_tag, anchors_and_merges,
            anchors_and_merges, insert_char, insert_char, long_line, deep_nesting, odd_key, odd_key, shift_indent,
            multi_document]


def byte_ops(data: bytes, rng) -> bytes:
    """Mutations of the bytes: encodings, line endings, truncation, flips."""
    choice = rng.randrange(9)
    text = data.decode("utf-8", "replace")
    if choice == 0:
        return rng.choice(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]) and text.encode(
            rng.choice(["utf-16", "utf-16-le", "utf-32"]))
    if choice == 1:
        return text.replace("e", "é").encode(rng.choice(["latin-1", "cp1252"]), "replace")
    if choice == 2:
        return b"\xef\xbb\xbf" + data
    if choice == 3:
        return text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\x85", "\r\r\n", "\n\r"])).encode("utf-8")
    if choice == 4:
        return data[: rng.randrange(len(data) + 1)]
    if choice == 5 and data:
        pos = rng.randrange(len(data))
        return data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1:]
    if choice == 6 and data:
        pos = rng.randrange(len(data))
        return data[:pos] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00", b"\xc2\x85"]) + data[pos:]
    if choice == 7:
        return b""
    return data.replace(b"\n", b"\n\t", 1)


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """One mutant of a file's bytes, and the names of the operators applied."""
    applied = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        if rng.random() < 0.85:
            op = rng.choice(LINE_OPS)
            lines = data.decode("utf-8", "surrogateescape").split("\n")
            lines = op(lines, rng)
            data = "\n".join(lines).encode("utf-8", "surrogateescape")
        else:
            op = byte_ops
            data = byte_ops(data, rng)
        applied.append(op.__name__)
    return data, applied


# -- the harness -------------------------------------------------------------------------------


@dataclass
class Failure:
    file: str
    operators: list[str]
    problem: str
    data: bytes

    def describe(self) -> str:
        preview = self.data[:400]
        return f"{self.file} after {', '.join(self.operators)}: {self.problem}\n  mutant starts: {preview!r}"


@dataclass
class Figures:
    mutants: int = 0
    exceptions: int = 0
    bad_positions: int = 0
    leaks: int = 0
    with_findings: int = 0
    failures: list[Failure] = field(default_factory=list)


class Harness:
    """A copy of a handbook in which one file at a time is replaced by a mutant."""

    def __init__(self, handbook: Path, workdir: Path):
        self.original = workdir / "original" / "handbooks"
        self.work = workdir / "work" / "handbooks"
        shutil.copytree(handbook, self.original)
        shutil.copytree(handbook, self.work)
        self.files = sorted(p.relative_to(self.work).as_posix() for p in self.work.rglob("*.y*ml"))
        self.contents = {rel: (self.work / rel).read_bytes() for rel in self.files}
        self.before = source_from_folder(self.original, "original")
        self.env = make_environment()  # stateless: compiled once, not per mutant

    def run(self, rel: str, data: bytes, operators: list[str], figures: Figures) -> None:
        figures.mutants += 1
        path = self.work / rel
        path.write_bytes(data)
        try:
            problems = self.exercise(rel)
        except Exception:
            figures.exceptions += 1
            problems = ["exception:\n" + traceback.format_exc(limit=8)]
        finally:
            path.write_bytes(self.contents[rel])
        for problem in problems:
            if problem.startswith("position"):
                figures.bad_positions += 1
            elif problem.startswith("leak"):
                figures.leaks += 1
            if len(figures.failures) < 20:
                figures.failures.append(Failure(rel, operators, problem, data))

    def exercise(self, rel: str) -> list[str]:
        problems = []
        handbook = load_handbook(self.work)
        findings = check(handbook)
        for finding in findings:
            problems.extend(self.position_problem(finding))
        data = export(handbook)
        exported = json.dumps(data, ensure_ascii=False)
        after = Source("mutant", data, [p.relative_to(self.work).as_posix() for p in handbook.unreadable])
        to_markdown(diff(self.before, after))
        team_id = rel.split("/", 1)[0]
        role_ref = rel.rsplit(".", 1)[0]
        renderer = Renderer(handbook, data=SiteData(today=TODAY))
        renderer.env = self.env
        people_file = rel in PEOPLE_FILES  # `_people.yml`: every person page and the index
        pages = [p for p in renderer.pages if p.key in (role_ref, team_id) or (people_file and p.kind in ("people", "person"))]
        rendered = [renderer.render(p) for p in pages]
        urls = Urls()
        dots = []
        entry = handbook.role(role_ref)
        if entry is not None:
            src = role_src(entry.ref)
            dots.append(role_diagram(handbook, entry, lambda ref, anchor: urls.relative(src, role_src(ref), anchor)).dot)
        if team_id in handbook.teams:
            dots.append(team_diagram(handbook, team_id, lambda ref, anchor: "x").dot)
        if not any(f.severity is Severity.ERROR for f in findings):
            # what `check` accepts must build: no control character may reach the output
            for name, text in [("export", exported), *(("page", t) for t in rendered), *(("dot", d) for d in dots)]:
                if CONTROL.search(text.replace("\t", " ")):
                    problems.append(f"leak: a control character reached the {name} of a handbook with no error")
                    break
        return problems

    def position_problem(self, finding) -> list[str]:
        path = Path(finding.path)
        try:
            if not path.is_file():
                return [] if (finding.line, finding.column) == (1, 1) else [f"position {finding} on a folder"]
            text = path.read_bytes()[: 2 * 1024 * 1024].decode("utf-8-sig", "replace")
        except OSError:
            return []
        lines = EDITOR_LINES.split(text)
        if not 1 <= finding.line <= len(lines):
            return [f"position: line {finding.line} of a {len(lines)}-line file: {finding.code} {finding.message[:120]}"]
        if not 1 <= finding.column <= len(lines[finding.line - 1]) + 1:
            return [f"position: column {finding.column} of a {len(lines[finding.line - 1])}-character line "
                    f"{finding.line}: {finding.code} {finding.message[:120]}"]
        return []


def fuzz(mutants: int, seed: int, handbook: Path = REPO / "handbooks", progress: bool = False) -> Figures:
    figures = Figures()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="rolebook-fuzz-") as tmp:
        harness = Harness(handbook, Path(tmp))
        start = time.monotonic()
        for n in range(mutants):
            rel = rng.choice(harness.files)
            data, operators = mutate(harness.contents[rel], rng)
            harness.run(rel, data, operators, figures)
            if progress and (n + 1) % 1000 == 0:
                rate = (n + 1) / (time.monotonic() - start)
                print(f"  {n + 1:,} mutants, {figures.exceptions} exceptions, {figures.bad_positions} bad positions, "
                      f"{figures.leaks} leaks ({rate:.0f}/s)", flush=True)
    return figures


CALENDARS = REPO / "tests" / "data" / "calendars"


def calendar_mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """The handbook operators (lines, bytes, encodings) plus calendar ones: a property's value replaced by a
    hostile one (no end, a zone nobody defines, an endless or dense RRULE, a date for a time, garbage)."""
    if rng.random() < 0.5:
        return mutate(data, rng)
    lines = data.decode("utf-8", "replace").split("\n")
    hostile = ["DTEND:", "DTSTART;TZID=Nowhere/Zone:20261117T090000", "RRULE:FREQ=SECONDLY",
               "RRULE:FREQ=DAILY;COUNT=999999999", "RRULE:FREQ=HOURLY;BYMINUTE=" + ",".join(map(str, range(60))),
               "DTSTART;VALUE=DATE:20261117", "EXDATE:garbage", "RECURRENCE-ID:20261117T090000Z",
               "DURATION:-P1D", "CLASS:PRIVATE", "TRANSP:TRANSPARENT", "STATUS:CANCELLED",
               "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com", "BEGIN:VEVENT", "END:VCALENDAR",
               "CATEGORIES:" + "x," * 500, "SUMMARY:[rb:" + "a" * 70 + "]", "DTSTART:99991231T235959Z"]
    at = rng.randrange(len(lines))
    choice = rng.choice(hostile)
    lines[at] = choice
    return "\n".join(lines).encode("utf-8"), [f"calendar line {at + 1} -> {choice[:40]}"]


def fuzz_calendars(mutants: int, seed: int, progress: bool = False) -> Figures:
    """Mutants of the test calendars through `rolebook audit`'s reader and report: a CalendarProblem
    (the one-line error) or a report, never another exception."""
    from zoneinfo import ZoneInfo

    from rolebook.audit.calendar_file import CalendarProblem, read_calendar
    from rolebook.audit.week_report import audit_week, to_json, to_markdown
    from rolebook.audit.working_time import WorkingHours

    figures = Figures()
    rng = random.Random(seed)
    sources = {p.name: p.read_bytes() for p in sorted(CALENDARS.glob("*.ics"))}
    handbook = load_handbook(REPO / "handbooks")
    entry = handbook.role("engineering/backend-engineer")
    zone = ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 11, 16, tzinfo=zone)
    with tempfile.TemporaryDirectory(prefix="rolebook-fuzz-cal-") as tmp:
        path = Path(tmp) / "mutant.ics"
        for n in range(mutants):
            name = rng.choice(sorted(sources))
            data, operators = calendar_mutate(sources[name], rng)
            path.write_bytes(data)
            figures.mutants += 1
            try:
                calendar = read_calendar(path, start, start + dt.timedelta(days=7), zone)
                report = audit_week(entry, calendar, start.date(), start.date() + dt.timedelta(days=6), zone,
                                    WorkingHours())
                to_markdown(report), to_json(report)
            except CalendarProblem:
                pass
            except Exception:
                figures.exceptions += 1
                if len(figures.failures) < 20:
                    figures.failures.append(Failure(f"calendars/{name}", operators, traceback.format_exc(), data))
            if progress and (n + 1) % 1000 == 0:
                print(f"  {n + 1:,} calendar mutants, {figures.exceptions} exceptions", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=50_000)
    parser.add_argument("--calendar-mutants", type=int, default=None,
                        help="mutants of the test calendars through `rolebook audit` [default: a tenth of --mutants]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--handbook", type=Path, default=REPO / "handbooks")
    args = parser.parse_args()
    start = time.monotonic()
    figures = fuzz(args.mutants, args.seed, args.handbook, progress=True)
    calendar_mutants = args.mutants // 10 if args.calendar_mutants is None else args.calendar_mutants
    calendars = fuzz_calendars(calendar_mutants, args.seed, progress=True)
    figures.failures += calendars.failures
    elapsed = time.monotonic() - start
    for failure in figures.failures[:10]:
        print(failure.describe(), file=sys.stderr)
    print(f"fuzz: {figures.mutants:,} mutants (seed {args.seed}) in {elapsed:.0f} s: {figures.exceptions} exceptions, "
          f"{figures.bad_positions} findings outside their file, {figures.leaks} control characters in output; {calendars.mutants:,} calendar mutants: "
          f"{calendars.exceptions} exceptions")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
