#!/usr/bin/env python3
"""The SHA-256 of everything a user gets from the example handbook, to prove a refactor changed none of it.

    python scripts/output_digests.py                      # digests from this checkout, as JSON
    python scripts/output_digests.py --plugins OTHER/plugins   # from another checkout's package
    python scripts/output_digests.py --against REV        # this checkout against a git revision: exit 1 on any difference

What is digested, each from a copy of the example project in a temporary folder (so both sides
see the same paths), with one fixed build date:

- every file of `mkdocs build --strict` (the site),
- every file `rolebook render` writes,
- `rolebook export`, `check --format json`, `review` (both formats) and `schema` (both), as printed.

`--against` checks the revision out with `git worktree`-free `git archive` and runs its package
from the same virtual environment (`PYTHONPATH` before the editable install), so only the code
differs between the two sides. `tests/site/test_output_identity.py` runs it.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TODAY = "2026-11-20"
EPOCH = "1795132800"  # 2026-11-20 00:00 UTC


def _environment(plugins: Path | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, TZ="UTC",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    env.pop("ROLEBOOK_LIFT_HTML", None)
    if plugins is not None:
        env["PYTHONPATH"] = str(plugins.resolve())
    return env


def _tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _run(args: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> bytes:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=900)
    if done.returncode not in ok:
        raise SystemExit(f"output_digests: {' '.join(args)} exited {done.returncode}:\n"
                         f"{done.stderr.decode(errors='replace')[-4000:]}")
    return done.stdout


def digests(source: Path = REPO, plugins: Path | None = None) -> dict[str, str]:
    """Digests of the site, the rendered pages, the export and the JSON report of `source`'s example."""
    env = _environment(plugins)
    with tempfile.TemporaryDirectory(prefix="rolebook-digests-") as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("handbooks", "docs"):
            shutil.copytree(source / name, project / name)
        config = (source / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        rolebook = str(BIN / "rolebook")
        out: dict[str, str] = {}
        _run([str(BIN / "mkdocs"), "build", "--strict", "-d", "site"], project, env)
        out.update({f"site/{k}": v for k, v in _tree(project / "site").items()})
        _run([rolebook, "render", "handbooks", "-o", "rendered", "--today", TODAY], project, env)
        out.update({f"render/{k}": v for k, v in _tree(project / "rendered").items()})
        out["export"] = hashlib.sha256(_run([rolebook, "export", "handbooks"], project, env)).hexdigest()
        report = _run([rolebook, "check", "handbooks", "--format", "json", "--today", TODAY], project, env, ok=(0, 1))
        out["check.json"] = hashlib.sha256(report).hexdigest()
        for fmt in ("markdown", "json"):
            review = _run([rolebook, "review", "handbooks", "--format", fmt, "--today", TODAY], project, env)
            out[f"review.{fmt}"] = hashlib.sha256(review).hexdigest()
        out["schema.json"] = hashlib.sha256(_run([rolebook, "schema"], project, env)).hexdigest()
        out["schema.md"] = hashlib.sha256(_run([rolebook, "schema", "--format", "markdown"], project, env)).hexdigest()
    return out


def checkout(revision: str, into: Path) -> Path:
    """The tracked files of `revision` (one `git archive`), unpacked into `into`."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", revision],
                             capture_output=True, check=True, timeout=120).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def compare(revision: str) -> list[str]:
    """What differs between `revision`'s outputs and this checkout's: one line per file."""
    with tempfile.TemporaryDirectory(prefix="rolebook-baseline-") as tmp:
        base = checkout(revision, Path(tmp))
        before = digests(base, base / "plugins")
    after = digests()
    lines = []
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            lines.append(f"missing now: {name}")
        elif name not in before:
            lines.append(f"new: {name}")
        elif before[name] != after[name]:
            lines.append(f"changed: {name}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugins", type=Path, help="another checkout's plugins/ folder")
    parser.add_argument("--against", metavar="REV", help="compare with this git revision; exit 1 on a difference")
    args = parser.parse_args()
    if args.against:
        differences = compare(args.against)
        for line in differences:
            print(line)
        print(f"{len(differences)} difference(s) against {args.against}")
        return 1 if differences else 0
    source = args.plugins.resolve().parent if args.plugins else REPO
    json.dump(digests(source, args.plugins), sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
