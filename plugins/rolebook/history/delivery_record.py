"""The delivery record: when each outcome was done against its due date, from the handbook's git history.

One `git log --first-parent` lists every commit of the branch with the role files it added,
changed, renamed or deleted; one `git cat-file --batch` reads all those versions; each is read by
Rolebook's own loader (`loading.one_file.parse_role_bytes`). Outcomes are keyed by role and outcome
id, and a renamed or moved role file keeps its series. A version that does not load is counted as
"unreadable at <commit>", never skipped silently.

Per outcome: created, re-dated (by how many days), owner changed, done (the commit that made it
`done`, or its `done_on:` when that is not after the commit), dropped, removed; a standing
commitment (`recurs:`) is met or missed per period. A shallow clone, or no git at all, gives a note
and no numbers: a record from part of the history would be wrong, not partial.

The same commit gives the same record: dates come from commits and the build date alone.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rolebook.history.git import GitProblem, git, git_bytes, repo_root
from rolebook.i18n import N_
from rolebook.loading.one_file import parse_role_bytes
from rolebook.model.format import due_end
from rolebook.model.periods import periods_between

NO_GIT = N_("The handbook is not in a git repository: no delivery record.")
SHALLOW = N_("The history is a shallow clone: no delivery record (fetch it whole: `git fetch --unshallow`, "
             "or `fetch-depth: 0` in CI).")
# Verdicts of one outcome (or one period of a standing commitment).
ON_TIME, LATE, REDATED, DROPPED, REMOVED, OVERDUE, OPEN, DONE_UNDATED, MISSED = (
    "on_time", "late", "after_redating", "dropped", "removed", "open_overdue", "open", "done_undated", "missed")
VERDICTS = (ON_TIME, REDATED, LATE, DONE_UNDATED, DROPPED, REMOVED, OVERDUE, OPEN, MISSED)
_ROLE_FILE = re.compile(r"^[^/_][^/]*/[^/_][^/]*\.ya?ml$")


@dataclass
class Redating:
    date: str
    commit: str
    old: str | None
    new: str | None
    days: int | None  # new due end - old due end; None when either side has no due


@dataclass
class Series:
    """One outcome of one role across the history."""

    role: str  # the role's ref now (after renames)
    outcome: str
    title: str
    created: str
    created_commit: str
    first_due: str | None
    due: str | None
    owner: str
    status: str = "open"  # open, done, dropped, removed
    recurs: str | None = None
    redatings: list[Redating] = field(default_factory=list)
    owner_changes: list[tuple[str, str, str]] = field(default_factory=list)  # (date, old, new)
    done: str | None = None  # the day it was delivered
    done_commit: str | None = None
    ended: str | None = None  # dropped or removed on
    done_ons: set[str] = field(default_factory=set)  # every `done_on:` a standing commitment had

    @property
    def sequence(self) -> int:
        """How often the due date moved: an iCalendar SEQUENCE for the feeds."""
        return sum(1 for r in self.redatings if r.old != r.new)


@dataclass
class Record:
    available: bool
    note: str | None = None  # an N_ template when not available
    commit: str | None = None  # the newest commit read
    series: list[Series] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path in the handbook, commit)

    def for_role(self, ref: str) -> list[Series]:
        return [s for s in self.series if s.role == ref]

    def sequences(self) -> dict[tuple[str, str], int]:
        return {(s.role, s.outcome): s.sequence for s in self.series}


def delivery_record(handbooks: Path) -> Record:
    handbooks = Path(handbooks).resolve()
    root = repo_root(handbooks)
    if root is None:
        return Record(False, NO_GIT)
    try:
        if git("rev-parse", "--is-shallow-repository", cwd=root).strip() == "true":
            return Record(False, SHALLOW)
        rel = handbooks.relative_to(root.resolve()).as_posix()
        head = git("rev-parse", "-q", "--verify", "HEAD", cwd=root).strip()
    except (GitProblem, OSError, ValueError):
        return Record(False, NO_GIT)
    kept = _LAST.get((str(root), rel))
    if kept is not None and kept[0] == head:  # a server's rebuilds: no new commit, the same record
        return kept[1]
    record = _read(root, rel)
    _LAST[(str(root), rel)] = (head, record)
    return record


_LAST: dict[tuple[str, str], tuple[str, Record]] = {}  # (repository, handbooks path) -> (HEAD, its record)


def _read(root: Path, rel: str) -> Record:
    try:
        log = git("log", "--first-parent", "--reverse", "-M", "--name-status", "-z", "--format=%x1e%H%x1f%cs",
                  "--", rel, cwd=root, timeout=600)
    except (GitProblem, OSError, ValueError):
        return Record(False, NO_GIT)
    prefix = "" if rel == "." else rel.rstrip("/") + "/"
    commits = list(_commits(log, prefix))
    wanted = [(commit, path) for commit, _, changes in commits for status, _, path in changes if status != "D"]
    try:
        blobs = _read_blobs(root, prefix, wanted)
    except (GitProblem, OSError, ValueError):
        return Record(False, NO_GIT)
    walk = _Walk()
    for commit, date, changes in commits:
        for status, old, path in changes:
            walk.apply(commit, date, status, old, path, blobs.get((commit, path)))
    return Record(True, None, commits[-1][0] if commits else None,
                  sorted(walk.all_series(), key=lambda s: (s.role, s.outcome, s.created)), walk.unreadable)


def _commits(log: str, prefix: str):
    """(commit, date, [(status, old path, path)]) per commit, handbook-relative role files only."""
    for chunk in log.split("\x1e")[1:]:
        head, _, rest = chunk.partition("\0")  # -z: the header ends in NUL, then a newline
        commit, _, date = head.partition("\x1f")
        fields = rest.lstrip("\n").split("\0")
        changes, i = [], 0
        while i < len(fields):
            status = fields[i].strip()
            if not status:
                i += 1
                continue
            if status[0] in "RC":
                old, new, i = fields[i + 1], fields[i + 2], i + 3
            else:
                old, new, i = fields[i + 1], fields[i + 1], i + 2
            old, new = old.removeprefix(prefix), new.removeprefix(prefix)
            keep_old, keep_new = bool(_ROLE_FILE.match(old)), bool(_ROLE_FILE.match(new))
            kind = status[0]
            if kind == "R" and keep_old and not keep_new:
                changes.append(("D", old, old))
            elif kind == "R" and keep_new and not keep_old or kind == "C" and keep_new:
                changes.append(("A", new, new))
            elif keep_new:
                changes.append((kind, old, new))
        yield commit, date.strip(), changes


def _read_blobs(root: Path, prefix: str, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    if not wanted:
        return {}
    request = "".join(f"{commit}:{prefix}{path}\n" for commit, path in wanted).encode("utf-8", "surrogateescape")
    out = git_bytes("cat-file", "--batch", input=request, cwd=root, timeout=300)
    blobs, at = {}, 0
    for key in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs[key] = out[at:at + size]
            at += size + 1
    return blobs


class _Walk:
    """The state of every role as the commits go by."""

    def __init__(self):
        self.key_of_path: dict[str, int] = {}
        self.ref_of_key: dict[int, str] = {}
        self.outcomes: dict[int, dict[str, Series]] = defaultdict(dict)
        self.closed: list[Series] = []  # series replaced by a new one of the same id (removed, then re-added)
        self.unreadable: list[tuple[str, str]] = []

    def apply(self, commit: str, date: str, status: str, old: str, path: str, raw: bytes | None) -> None:
        if status == "D":
            key = self.key_of_path.get(path)
            if key is not None:
                for series in self.outcomes[key].values():
                    self._remove(series, date)
            return
        if status == "R" and old in self.key_of_path:
            key = self.key_of_path.pop(old)
            self.key_of_path[path] = key
            self._rename(key, _ref(path))
        key = self.key_of_path.setdefault(path, len(self.key_of_path) + len(self.ref_of_key) + 1)
        self.ref_of_key.setdefault(key, _ref(path))
        read = parse_role_bytes(Path(path), raw) if raw is not None else None
        if read is None or read.model is None:
            self.unreadable.append((path, commit[:12]))
            return
        self._version(key, commit, date, read.model)

    def _rename(self, key: int, ref: str) -> None:
        self.ref_of_key[key] = ref
        for series in self.outcomes[key].values():
            series.role = ref

    def _version(self, key: int, commit: str, date: str, role) -> None:
        known = self.outcomes[key]
        seen = set()
        for outcome in role.outcomes:
            seen.add(outcome.id)
            series = known.get(outcome.id)
            if series is None or series.status == "removed":
                if series is not None:
                    self.closed.append(series)
                series = known[outcome.id] = Series(
                    self.ref_of_key[key], outcome.id, outcome.title, date, commit[:12], outcome.due, outcome.due,
                    outcome.owner, recurs=outcome.recurs)
            self._update(series, outcome, commit, date)
        for outcome_id, series in known.items():
            if outcome_id not in seen:
                self._remove(series, date)

    @staticmethod
    def _update(series: Series, outcome, commit: str, date: str) -> None:
        series.title = outcome.title
        series.recurs = outcome.recurs
        if outcome.due != series.due:
            old, new = due_end(series.due), due_end(outcome.due)
            days = (new - old).days if old and new else None
            series.redatings.append(Redating(date, commit[:12], series.due, outcome.due, days))
            series.due = outcome.due
        if outcome.owner != series.owner:
            series.owner_changes.append((date, series.owner, outcome.owner))
            series.owner = outcome.owner
        if outcome.done_on:
            series.done_ons.add(outcome.done_on)
        if outcome.status == "done" and series.status != "done":
            series.status, series.done_commit = "done", commit[:12]
            series.done = outcome.done_on if outcome.done_on and outcome.done_on <= date else date
        elif outcome.status == "dropped" and series.status != "dropped":
            series.status, series.ended = "dropped", date
        elif outcome.status == "open" and series.status in ("done", "dropped"):
            series.status, series.done, series.done_commit, series.ended = "open", None, None, None

    @staticmethod
    def _remove(series: Series, date: str) -> None:
        if series.status == "open":
            series.status, series.ended = "removed", date

    def all_series(self) -> list[Series]:
        return self.closed + [s for by_id in self.outcomes.values() for s in by_id.values()]


def _ref(path: str) -> str:
    parts = PurePosixPath(path)
    return f"{parts.parent.as_posix()}/{parts.name.rsplit('.', 1)[0]}"


# -- verdicts and counts -------------------------------------------------------------


def verdicts(series: Series, today: dt.date) -> list[tuple[str, str, int | None]]:
    """(verdict, quarter, slip in days) for a one-off outcome (one entry) or each period of a standing one."""
    if series.recurs:
        return _period_verdicts(series, today)
    first_end, last_end = due_end(series.first_due), due_end(series.due)
    quarter = _quarter(first_end) if first_end else "-"
    if series.status == "done":
        done = dt.date.fromisoformat(series.done)
        if first_end is None:
            return [(DONE_UNDATED, _quarter(done), None)]
        slip = (done - first_end).days
        if done <= first_end:
            return [(ON_TIME, quarter, slip)]
        return [(REDATED if last_end and done <= last_end else LATE, quarter, slip)]
    if series.status in ("dropped", "removed"):
        return [(DROPPED if series.status == "dropped" else REMOVED, quarter, None)]
    return [(OVERDUE if last_end and last_end < today else OPEN, quarter, None)]


def _period_verdicts(series: Series, today: dt.date) -> list[tuple[str, str, int | None]]:
    start = dt.date.fromisoformat(series.created)
    stop = dt.date.fromisoformat(series.ended) if series.ended else today
    done_days = sorted(dt.date.fromisoformat(d) for d in series.done_ons)
    out = []
    for first, last in periods_between(series.recurs, due_end(series.first_due), start, stop):
        met = [d for d in done_days if first <= d <= last]
        if met:
            out.append((ON_TIME, _quarter(last), 0))
        elif last < today:
            out.append((MISSED, _quarter(last), None))
        else:
            out.append((OPEN, _quarter(last), None))
    return out


def _quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _counts(rows: list[tuple[str, int | None]], redatings: int) -> dict:
    counts = {v: 0 for v in VERDICTS}
    for verdict, _ in rows:
        counts[verdict] += 1
    slips = [slip for verdict, slip in rows if slip is not None and verdict in (ON_TIME, LATE, REDATED)]
    counts["redatings"] = redatings
    counts["median_slip_days"] = statistics.median(slips) if slips else None
    return counts


def to_json(record: Record, today: dt.date, team_of=lambda ref: ref.split("/", 1)[0]) -> dict:
    """The record as `delivery.json` and `rolebook record --format json` give it; the same bytes for the same commit."""
    if not record.available:
        from rolebook.i18n import _
        return {"available": False, "note": _(record.note), "as_of": today.isoformat()}
    by_role, by_team, by_quarter, every = defaultdict(list), defaultdict(list), defaultdict(list), []
    redated = defaultdict(int)
    outcomes = defaultdict(list)
    for series in record.series:
        rows = verdicts(series, today)
        team = team_of(series.role)
        for verdict, quarter, slip in rows:
            for bucket in (by_role[series.role], by_team[team], by_quarter[quarter], every):
                bucket.append((verdict, slip))
        redated[series.role] += series.sequence
        redated[team] += series.sequence
        redated["*"] += series.sequence
        outcomes[series.role].append({
            "id": series.outcome, "title": series.title, "created": series.created, "first_due": series.first_due,
            "due": series.due, "owner": series.owner, "status": series.status, "recurs": series.recurs,
            "done": series.done, "done_commit": series.done_commit, "ended": series.ended,
            "redatings": [{"date": r.date, "commit": r.commit, "from": r.old, "to": r.new, "days": r.days}
                          for r in series.redatings],
            "owner_changes": [{"date": d, "from": a, "to": b} for d, a, b in series.owner_changes],
            "verdicts": [{"verdict": v, "quarter": q, "slip_days": s} for v, q, s in rows],
        })
    return {
        "available": True,
        "as_of": today.isoformat(),
        "commit": record.commit,
        "totals": _counts(every, redated["*"]),
        "teams": {t: _counts(rows, redated[t]) for t, rows in sorted(by_team.items())},
        "quarters": {q: _counts(rows, 0) for q, rows in sorted(by_quarter.items())},
        "roles": {ref: {"counts": _counts(by_role[ref], redated[ref]), "outcomes": outcomes[ref]}
                  for ref in sorted(by_role)},
        "unreadable": [{"file": path, "commit": commit} for path, commit in record.unreadable],
    }
