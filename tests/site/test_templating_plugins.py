"""Other plugins never evaluate role text: mkdocs-macros-plugin (render_by_default: true)
enabled on the example site plus a hostile role, in git with two releases so the
changes page carries the role text too.

Before: `{{ 7*191 }}` became 1337 in diagram labels, `{{ config.extra }}` printed
the site's secrets into a tooltip, a `{%` split across lines gave "Macro Syntax Error".
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from support.handbooks import EXAMPLE
from support.sites import build, project

pytestmark = pytest.mark.site

SECRET = "s3cr3t-token-from-extra"
HOSTILE = """\
title: "{{ 7*191 }} Herald"
summary: "Reads {{ config.extra }} aloud."
holders:
  - name: "{{ 7*191 }}"
outcomes:
  - id: leak
    title: "Leak {{ config.extra }}"
    done_when: |
      Nothing breaks {%
      if true %} across {% endif
      %} lines.
    due: 2026-12-31
    owner: "{{ 7*191 }}"
  - id: braces
    title: "{{ 7*191 }}"
    done_when: "{% raw %} {{ config.extra.secret }} {{ secret }} {# c #}"
    due: 2026-12-31
    owner: "{{ 7*191 }}"
outputs:
  - id: memo
    title: "Memo {{ 7*191 }}"
    kind: document
    location: "notes/{{ 7*191 }}"
    contributes_to: [leak]
activities:
  - id: shout
    title: "Shout {%"
    category: operations
    cadence: weekly
    time_share: 10
    produces: [memo]
    advances: [braces]
"""
GIT = ["git", "-c", "user.email=t@example.com", "-c", "user.name=T", "-c", "commit.gpgsign=false"]


def git(*args, cwd):
    env = dict(os.environ, GIT_COMMITTER_DATE="2026-10-01T10:00:00Z", GIT_AUTHOR_DATE="2026-10-01T10:00:00Z",
               HOME=str(cwd), GIT_CONFIG_NOSYSTEM="1")
    subprocess.run([*GIT, *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def macro_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("macros")
    config = project(root, handbooks=EXAMPLE, extra_config=f"extra:\n  secret: {SECRET}\n")
    text = config.read_text().replace("plugins:\n  - search\n", "plugins:\n  - search\n  - macros\n")
    config.write_text(text)
    (root / "docs" / "macro-probe.md").write_text("# Probe\n\nSix times seven is {{ 6*7 }}.\n")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "first", cwd=root)
    git("tag", "v1.0.0", cwd=root)
    (root / "handbooks" / "engineering" / "herald.yml").write_text(HOSTILE)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "hostile", cwd=root)
    git("tag", "v1.1.0", cwd=root)
    result, site = build(config, strict=False)
    assert result.returncode == 0, result.stderr
    return result, site


def test_macros_plugin_is_active_on_ordinary_pages(macro_site):
    _, site = macro_site
    assert "Six times seven is 42." in (site / "macro-probe" / "index.html").read_text()


def test_nothing_evaluated_in_generated_pages(macro_site):
    result, site = macro_site
    assert "Macro Syntax Error" not in result.stdout + result.stderr
    pages = {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".svg")}
    for path, text in pages.items():
        assert not re.search(r"(?<![0-9a-f])1337(?![0-9a-f])", text), path  # not inside a hash
        assert SECRET not in text, path
        assert "Macro Syntax Error" not in text, path
    herald = pages[site / "engineering" / "herald" / "index.html"]
    # the role text is shown as written, in the heading, the diagram's labels and tooltips
    assert "{{ 7*191 }} Herald" in herald.replace("&#123;", "{").replace("&#125;", "}")
    changes = pages[site / "changes" / "index.html"].replace("&#123;", "{").replace("&#125;", "}")
    assert "{{ 7*191 }} Herald" in changes


def test_generated_pages_opt_out_in_front_matter(macro_site):
    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings

    result = build_handbook(Settings(handbooks_dir=EXAMPLE, history=False, cache_dir=None), memory_cache={})
    for src_uri, markdown in result.pages.items():
        assert markdown.startswith("---\nrender_macros: false\n"), src_uri
    assert "search:\n  boost: 0.5\n" in result.pages["engineering/cto/onboarding.md"].split("---\n")[1]


def test_role_text_in_pages_and_svg_carries_no_braces(macro_site, tmp_path):
    """Defence in depth: even with the front matter removed, no `{{`/`{%` reaches a templating plugin."""
    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings

    hb = tmp_path / "handbooks"
    shutil.copytree(EXAMPLE, hb)
    (hb / "engineering" / "herald.yml").write_text(HOSTILE)
    result = build_handbook(Settings(handbooks_dir=hb, history=False, cache_dir=None), memory_cache={})
    for src_uri, markdown in result.pages.items():
        body = markdown.split("---\n", 2)[2]
        for token in ("{{", "{%", "{#", "%}", "}}"):
            assert token not in body, (src_uri, token)
