"""Tools nobody here wrote, pointed at a built site: axe-core, the Nu HTML Checker, a link checker.

axe-core and vnu-jar come from npm, installed into .tools/ by `scripts/setup.sh --test`;
the Nu checker runs on Java (setup.sh installs a headless JRE where `java` is missing).
Each finding is kept only when its element is ours: inside the article, not Material's
header, navigation, search or footer.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of every kind the plugin generates (and the Markdown home page), by site-relative URL.
PAGE_KINDS = {
    "home": "",
    "role": "engineering/staff-engineer/",
    "onboarding": "engineering/staff-engineer/onboarding/",
    "team": "engineering/",
    "overview": "overview/",
    "changes": "changes/",
    "health": "health/",  # added by the health page work; tested whenever the build has it
    "person": "people/dana-lee/",  # person pages: the example handbook has _people.yml
    "people": "people/",
}
# What axe checks: WCAG 2.0/2.1 A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_kinds(site: Path) -> dict[str, str]:
    """The page kinds this build has (the health page only once it exists)."""
    return {kind: url for kind, url in PAGE_KINDS.items() if (site / url / "index.html").exists()}


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise RuntimeError(f"{what} is missing ({path}): run `scripts/setup.sh --test`")
    return path


# -- axe-core ------------------------------------------------------------------

def axe_violations(page, *, scope: str = "article") -> list[str]:
    """Run axe-core in a Playwright page; one line per violating element inside `scope`."""
    page.add_script_tag(path=str(require(AXE, "axe-core")))
    result = page.evaluate(
        """async ([scope, tags]) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            const out = [];
            for (const v of r.violations) for (const n of v.nodes) {
                const el = document.querySelector(n.target[0]);
                // targets inside shadow roots or iframes are lists: keep the outermost
                const inside = el ? !!el.closest(scope) : false;
                if (inside) out.push(`${v.id}: ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`);
            }
            return out;
        }""",
        [scope, AXE_TAGS],
    )
    return result


# -- the Nu HTML Checker -------------------------------------------------------

def article_documents(site: Path, urls: list[str]) -> dict[str, str]:
    """Each page's <article> wrapped in a minimal valid document: our markup, without Material's."""
    docs = {}
    for url in urls:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        article = page.select_one("article")
        assert article is not None, url
        docs[url] = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>check</title></head>'
                     f"<body><main>{article}</main></body></html>\n")
    return docs


def nu_errors(docs: dict[str, str]) -> list[str]:
    """The Nu HTML Checker's errors over the given documents, in one Java run."""
    require(VNU, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is missing: run `scripts/setup.sh --test` (installs a headless JRE)")
    with tempfile.TemporaryDirectory() as tmp:
        names = {}
        for i, (url, text) in enumerate(sorted(docs.items())):
            path = Path(tmp) / f"page{i}.html"
            path.write_text(text, encoding="utf-8")
            names[path.name] = url
        run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, sorted(Path(tmp).glob("*.html")))],
                             capture_output=True, text=True, timeout=300)
        report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    errors = []
    for m in report["messages"]:
        where = names.get((m.get("url") or "").rsplit("/", 1)[-1], m.get("url"))
        errors.append(f"{where}: line {m.get('lastLine')}: {m.get('message')} [{(m.get('extract') or '').strip()[:120]}]")
    return errors


# -- links and anchors ---------------------------------------------------------

def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def broken_links(site: Path) -> tuple[int, list[str]]:
    """Every link in every built page that stays in the site: (links checked, the broken ones).

    A link is broken when no file answers it, or its fragment names no element
    of the target page (fragments are percent-decoded, as a browser does).
    """
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {el["id"] for el in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(id=True)}
        return ids[path]

    checked, broken = 0, []
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        base = "http://site/" + rel
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = a["href"]
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith("//"):
                continue
            absolute = urljoin(base, href)
            target, anchor = urldefrag(absolute)
            path = site / unquote(urlsplit(target).path).lstrip("/")
            if path.is_dir() or target.endswith("/"):
                path = path / "index.html"
            checked += 1
            if not path.exists():
                broken.append(f"{rel}: {href!r} leads to no file")
            elif anchor and path.suffix == ".html" and unquote(anchor) not in ids_of(path):
                broken.append(f"{rel}: {href!r}: no element with id {unquote(anchor)!r}")
    return checked, broken
