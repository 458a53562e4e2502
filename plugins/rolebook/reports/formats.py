"""`rolebook check --format sarif|gitlab`: findings for code-scanning dashboards.

- SARIF 2.1.0, which GitHub code scanning reads (`github/codeql-action/upload-sarif`):
  one rule per RB code with its help text, one result per finding.
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

# What each rule means and what to do, as the contract's rule table says it.
HELP = {
    "RB001": "The file is not readable: YAML syntax, not UTF-8, over 1 MiB, a duplicate key, or aliases expanding past "
             "10,000 nodes. Fix the file at the position given.",
    "RB002": "The file does not follow the role schema: a missing required field, an unknown field, a wrong type or "
             "value, or a bad id. The message names the field and what it accepts.",
    "RB003": "Duplicate id: an item id used twice in a role, or two roles with one id in a team. Rename one.",
    "RB004": "A reference (item, role or team) does not resolve. Fix the id or add what it points at.",
    "RB005": "A link uses a scheme other than http, https, mailto or a relative path. Use one of those.",
    "RB006": "`reports_to` forms a cycle. Break it by pointing one role at another manager.",
    "RB101": "Activity without purpose: it produces no output and advances no outcome. Link it with `produces:` or "
             "`advances:`, or drop it.",
    "RB102": "Output that contributes to no outcome. Add `contributes_to:` or drop it.",
    "RB103": "Outcome that no activity or output leads to. Link an activity (`advances:`) or output (`contributes_to:`).",
    "RB104": "Outcome owner is a collective (\"the team\", \"everyone\", \"we\", \"tbd\"). Name one person or one role.",
    "RB105": "Outcome reads as impact: it commits to a metric the role does not control (revenue, adoption, "
             "engagement...). Move the metric to `expectations`.",
    "RB106": "Outcome without `due`. Add a date (YYYY-MM-DD) or a quarter (YYYY-Qn).",
    "RB107": "Activity `time_share` totals over 100. Lower the shares.",
    "RB108": "Output without `location`: it fails the lottery test. Say where it lives.",
    "RB109": "Active role that owns no outcome. Add an outcome, or mark the role draft or retired.",
    "RB110": "Vacant role: no holders. Add `holders:` when someone takes it.",
    "RB111": "Reference to a retired role. Point at the role that took its work over.",
    "RB112": "Outcome not verifiable: its `done_when` names nothing anyone could check on the due date. Name an "
             "artefact, event, state, count or decision.",
    "RB113": "Open outcome past its due date at the build date. Mark it done or dropped, or re-date it.",
    "RB114": "Active role due for review. Review the file with its holder and set `reviewed:`.",
    "RB115": "Text left from the `rolebook new` template (placeholder summary, purpose or items). Replace it.",
    "RB116": "A file or folder under the handbooks folder looks like part of the handbook but is not read. "
             "Rename or move it.",
}

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
            "fullDescription": {"text": HELP.get(code, RULES[code].summary)},
            "help": {"text": HELP.get(code, RULES[code].summary)},
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
