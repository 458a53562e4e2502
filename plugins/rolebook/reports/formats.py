"""Findings as `rolebook check --format` writes them: text, github, json, sarif, gitlab; one function each.

- text: one line per finding (`path:line:col: severity code message`) and a count;
- github: workflow commands (`::error file=...::`) that GitHub shows on the diff;
- json: the findings and their count by severity;
- SARIF 2.1.0, which GitHub code scanning reads (`github/codeql-action/upload-sarif`):
  one rule per RB code with its help text (from the rule table, `rolebook.model.rules`),
  one result per finding.
- GitLab Code Quality (a JSON list of issues, `artifacts: reports: codequality:`).

All are pure functions of the findings: same findings, same bytes (`format_findings` picks one
by name). Paths are written relative to the current folder (`display_paths`), so run the command
from the repository root. Every line of text a role contributes goes through `text.log_line`: a
finding is one line whatever the file says.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import PurePath
from typing import Iterable
from urllib.parse import quote

from rolebook.i18n import N_, Message, Nn_, _, value
from rolebook.model.findings import RULES, Finding, Severity, summarize
from rolebook.text.log_line import one_line

INFORMATION_URI = "https://pypi.org/project/rolebook/"

# The closing line of `--format text`: "1 error, 2 warnings, 0 info in 15 roles".
SUMMARY = N_("{errors}, {warnings}, {infos} in {roles}")
ERRORS = Nn_("{n} error", "{n} errors")
WARNINGS = Nn_("{n} warning", "{n} warnings")
INFOS = Nn_("{n} info", "{n} info")
ROLES = Nn_("{n} role", "{n} roles")
UNEXPORTED = Nn_("{n} file could not be read and is not exported: {names}; run `rolebook check`",
                 "{n} files could not be read and are not exported: {names}; run `rolebook check`")

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.OFF: "none"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


def _fingerprints(findings: Iterable[Finding]) -> list[str]:
    """A stable id per finding: code, file and message (not the line, so edits above it keep it), numbered on repeats."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = hashlib.sha256(f"{f.code}\0{PurePath(f.path).as_posix()}\0{f.message}".encode()).hexdigest()
        seen[base] = seen.get(base, 0) + 1
        out.append(hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest())
    return out


def sarif_report(findings: list[Finding], version: str) -> dict:
    """A SARIF 2.1.0 log with one run: every rule, and a result per finding."""
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": _(RULES[code].summary)},
            "fullDescription": {"text": RULES[code].help},
            "help": {"text": RULES[code].help},
            "defaultConfiguration": {"level": _SARIF_LEVEL[RULES[code].severity]},
        }
        for code in codes
    ]
    results = []
    for f, fingerprint in zip(findings, _fingerprints(findings)):
        result = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.shown()},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": f.line, "startColumn": f.column},
                }
            }],
            "partialFingerprints": {"rolebookFinding/v1": fingerprint},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "rolebook", "version": version, "informationUri": INFORMATION_URI,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def gitlab_report(findings: list[Finding]) -> list[dict]:
    """A GitLab Code Quality report: one issue per finding."""
    return [
        {
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.shown()}",
            "categories": ["Style"],
            "severity": _GITLAB_SEVERITY.get(f.severity, "info"),
            "fingerprint": fingerprint,
            "location": {"path": PurePath(f.path).as_posix(), "lines": {"begin": f.line}},
        }
        for f, fingerprint in zip(findings, _fingerprints(findings))
    ]


def text_line(f: Finding) -> str:
    """A finding for `--format text`: one line whatever the role says (see `text.log_line`)."""
    return one_line(f"{f.path}:{f.line}:{f.column}: {value(f.severity.value)} {f.code} {f.shown()}")


def text_report(findings: list[Finding], roles: int) -> str:
    """`--format text`: a line per finding, then `1 error, 2 warnings, 0 info in 15 roles`."""
    counts = summarize(findings)
    lines = [text_line(f) for f in findings]
    lines.append(Message(SUMMARY, errors=Message(ERRORS, n=counts["error"]), warnings=Message(WARNINGS, n=counts["warning"]),
                         infos=Message(INFOS, n=counts["info"]), roles=Message(ROLES, n=roles)).render())
    return "".join(line + "\n" for line in lines)


def github_annotation(f: Finding) -> str:
    """A finding as a GitHub workflow command, escaped the way the runner reads it."""
    level = {"error": "error", "warning": "warning"}.get(f.severity.value, "notice")
    message = f"{f.code} {f.shown()}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    message = one_line(message)  # the other line breaks (U+2028, NEL, VT...) as visible escapes
    path = f.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={path},line={f.line},col={f.column}::{message}"


def github_report(findings: list[Finding]) -> str:
    """`--format github`: one annotation per finding (nothing at all when there is none)."""
    return "".join(github_annotation(f) + "\n" for f in findings)


def json_report(findings: list[Finding]) -> str:
    """`--format json`: `{"findings": [...], "summary": {"error": n, "warning": n, "info": n}}`."""
    data = {"findings": [f.as_dict() for f in findings], "summary": summarize(findings)}
    return json.dumps(data, indent=2) + "\n"


FORMATS = ("text", "github", "json", "sarif", "gitlab")


def format_findings(fmt: str, findings: list[Finding], *, roles: int, version: str) -> str:
    """The findings in format `fmt` (one of FORMATS), as the command prints them."""
    if fmt == "text":
        return text_report(findings, roles)
    if fmt == "github":
        return github_report(findings)
    if fmt == "json":
        return json_report(findings)
    if fmt == "sarif":
        return json.dumps(sarif_report(findings, version), indent=2, ensure_ascii=False) + "\n"
    if fmt == "gitlab":
        return json.dumps(gitlab_report(findings), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def display_path(path: str) -> str:
    """A path as a person at this terminal would type it: relative to the current folder when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if rel.startswith("..") else rel


def display_paths(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with their paths as `display_path` writes them."""
    return [dataclasses.replace(f, path=display_path(f.path)) for f in findings]


def unexported_note(unreadable: list) -> str:
    """`rolebook export`'s warning for the files it could not read (the first five named)."""
    names = ", ".join(display_path(str(p)) for p in unreadable[:5])
    return "rolebook: " + Message(UNEXPORTED, n=len(unreadable), names=names).render()
