"""Issue 20: what the people pass costs in a 1,000-role build, side by side with the whole build.

    python benchmarks/bench_people.py [--roles 1000] [--rounds 3]

Generates the handbook (generate.py), writes a `_people.yml` naming every holder (with a GitHub
handle and a time zone), then times, in alternating rounds, the whole `rolebook.render` (load,
check, diagrams, every page, roles.json) and the people pass alone on the loaded handbook: reading
`_people.yml`, the people rules (RB117, RB118, RB120, RB121), the person pages and roles.json's
`people`. Prints both medians and the ratio; the target is under 5%.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

import rolebook  # noqa: E402
from rolebook.checks import people as people_rules  # noqa: E402
from rolebook.loading.loader import load_handbook  # noqa: E402
from rolebook.loading.parse_memo import ParseMemo  # noqa: E402
from rolebook.loading.people_file import read_people  # noqa: E402
from rolebook.model.people import person_id_for  # noqa: E402
from rolebook.pages.renderer import Renderer, SiteData  # noqa: E402
from rolebook.reports.export import people_entries  # noqa: E402


def write_people(handbooks: Path) -> int:
    handbook = load_handbook(handbooks)
    names = sorted({h.name for e in handbook.roles() for h in e.role.holders if h.name})
    lines = ["people:"]
    for name in names:
        pid = person_id_for(name)
        lines += [f"  - id: {pid}", f"    name: {name}", f"    github: {pid[:39].strip('-')}", "    time_zone: Europe/Berlin"]
    (handbooks / "_people.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(names)


PHASES = ("file", "rules", "pages", "json")


def people_pass(handbooks: Path, handbook) -> dict[str, float]:
    """Seconds per phase of the people pass: reading `_people.yml`, the rules, the pages, roles.json's `people`."""
    times, start = {}, time.perf_counter()
    read_people(handbook, handbooks / "_people.yml", None, str(handbooks.resolve()), ParseMemo())
    times["file"], start = time.perf_counter() - start, time.perf_counter()
    for check in (people_rules.unknown_names, people_rules.overbooked_people, people_rules.uncovered_roles,
                  people_rules.people_file_problems, people_rules.people_folder_taken):
        list(check(handbook))
    times["rules"], start = time.perf_counter() - start, time.perf_counter()
    renderer = Renderer(handbook, data=SiteData(today=handbook_day()))
    for page in renderer.pages:
        if page.kind in ("people", "person"):
            renderer.render(page)
    times["pages"], start = time.perf_counter() - start, time.perf_counter()
    people_entries(handbook)
    times["json"] = time.perf_counter() - start
    return times


def handbook_day():
    import datetime as dt

    return dt.date(2026, 11, 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rolebook-bench-people-") as tmp:
        handbooks = generate(Path(tmp) / "handbooks", roles=args.roles)
        count = write_people(handbooks)
        settings = rolebook.Settings(handbooks_dir=handbooks, cache_dir=Path(tmp) / "cache", history=False)
        whole, part = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            result = rolebook.render(settings=settings)
            whole.append(time.perf_counter() - start)
            assert sum(1 for p in result.pages if p.startswith("people/")) == count + 1
            handbook = load_handbook(handbooks)
            part.append(people_pass(handbooks, handbook))
        w = statistics.median(whole)
        p = statistics.median(sum(times.values()) for times in part)
        print(f"{args.roles} roles, {count} people, {args.rounds} rounds (medians)")
        print(f"{'whole build (rolebook.render)':<40}{w:8.2f} s")
        print(f"{'people pass (file, rules, pages, json)':<40}{p:8.3f} s")
        for phase in PHASES:
            print(f"{'  ' + phase:<40}{statistics.median(times[phase] for times in part):8.3f} s")
        print(f"{'people pass / whole build':<40}{p / w:8.1%}   (target < 5%)")


if __name__ == "__main__":
    main()
