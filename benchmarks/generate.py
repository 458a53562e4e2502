"""Generate a large, clean handbook for benchmarks: N roles in T teams, 13 items a role.

    python benchmarks/generate.py OUT_DIR [--roles 1000] [--teams 20]

Every role has 4 outcomes, 4 outputs and 5 activities (13 items), links
across roles and teams, and passes `rolebook check` with zero findings, so a
benchmark measures the normal path rather than error reporting.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

CATEGORIES = ["relationships", "knowledge", "strategy", "alignment", "making", "operations"]
CADENCES = ["daily", "weekly", "biweekly", "monthly", "quarterly", "as-needed"]
KINDS = ["document", "code", "design", "analysis", "decision", "process", "other"]


def role_text(team: int, index: int, per_team: int, teams: int) -> str:
    manager = f"reports_to: role-{index // 4:03d}\n" if index else ("reports_to: team-00/role-000\n" if team else "")
    other_team = (team + 1) % teams
    lines = [
        f"title: Role {team:02d}-{index:03d}",
        f"summary: Generated role {index} of team {team}, used to measure build costs.",
        "purpose: |",
        f"  Role {index} exists so that the benchmark has *realistic* Markdown to render,",
        "  including [a link](https://example.com/) and a list:",
        "",
        "  - first point",
        "  - second point",
        manager.rstrip("\n"),
        "holders:",
        f"  - name: Person {team}-{index}",
        "    since: 2025-01-15",
        "tags: [generated]",
        "outcomes:",
    ]
    for o in range(4):
        lines += [
            f"  - id: outcome-{o}",
            f"    title: Deliverable {o} of role {index} shipped",
            f"    done_when: Deliverable {o} is in production and its checklist is signed off.",
            f"    due: 2027-0{1 + o}-15" if o % 2 == 0 else f"    due: 2027-Q{o + 1}",
            f"    owner: Person {team}-{index}",
            "    expectations: [Partners use it within a quarter.]",
        ]
    lines.append("outputs:")
    for o in range(4):
        target = f"outcome-{o}"
        extra = f", team-{other_team:02d}/role-{index % per_team:03d}#outcome-0" if o == 0 else ""
        lines += [
            f"  - id: output-{o}",
            f"    title: Output {o} of role {index}",
            f"    kind: {KINDS[(index + o) % len(KINDS)]}",
            f"    location: https://wiki.example.com/team-{team}/role-{index}/output-{o}",
            f"    contributes_to: [{target}{extra}]",
        ]
    lines.append("activities:")
    for a in range(5):
        lines += [
            f"  - id: activity-{a}",
            f"    title: Activity {a} of role {index}",
            f"    category: {CATEGORIES[(index + a) % len(CATEGORIES)]}",
            f"    cadence: {CADENCES[(index + a) % len(CADENCES)]}",
            f"    time_share: {10 + a}",
            f"    produces: [output-{a % 4}]",
            f"    advances: [outcome-{a % 4}]",
        ]
    lines += [
        "decision_rights: [Decides the order of its own backlog.]",
        "checklists:",
        "  weekly: [Review the week]",
        "onboarding:",
        "  first_week: [Read the outputs]",
    ]
    return "\n".join(lines) + "\n"


def generate(out: Path, roles: int = 1000, teams: int = 20) -> Path:
    if out.exists():
        shutil.rmtree(out)
    per_team = roles // teams
    for t in range(teams):
        folder = out / f"team-{t:02d}"
        folder.mkdir(parents=True)
        (folder / "_team.yml").write_text(
            f"title: Team {t:02d}\nsummary: Generated team {t}.\nlead: role-000\norder: {t}\n", encoding="utf-8"
        )
        for i in range(per_team):
            (folder / f"role-{i:03d}.yml").write_text(role_text(t, i, per_team, teams), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=20)
    args = parser.parse_args()
    generate(args.out, args.roles, args.teams)
    print(f"wrote {args.roles} roles in {args.teams} teams to {args.out}")


if __name__ == "__main__":
    main()
