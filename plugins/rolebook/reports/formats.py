"""`rolebook check --format sarif|gitlab`: findings for code-scanning dashboards.

- SARIF 2.1.0, which GitHub code scanning reads (`github/codeql-action/upload-sarif`):
  one rule per RB code with its help text (from the rule table, `rolebook.model.rules`),
  one result per finding.
- GitLab Code Quality (a JSON list of issues, `artifacts: reports: codequality:`).

Both are pure functions of the findings: same findings, same bytes. Paths are
written as the text format shows them (relative to the current folder), so
run the command from the repository root.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Iterable
from urllib.parse import quote

from rolebook.model.findings import RULES, Finding, Severity

INFORMATION_URI = "https://pypi.org/project/rolebook/"

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
            "shortDescription": {"text": RULES[code].summary},
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
            "message": {"text": f.message},
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
            "description": f"{f.code} {f.message}",
            "categories": ["Style"],
            "severity": _GITLAB_SEVERITY.get(f.severity, "info"),
            "fingerprint": fingerprint,
            "location": {"path": PurePath(f.path).as_posix(), "lines": {"begin": f.line}},
        }
        for f, fingerprint in zip(findings, _fingerprints(findings))
    ]
