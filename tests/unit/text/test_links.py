"""RB005 and the renderer agree with browsers on links that leave the site (issue 25, item 7)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from rolebook.text import html as safe_text
from rolebook.text.links import is_allowed, link_problems

OFF_SITE = ["//evil.example/x", "/\\evil.example", "\\\\evil.example", "\\/evil.example", " //evil.example",
            "/\t/evil.example", "/\n/evil.example", "\\\t\\evil.example"]
ON_SITE = ["/docs/page/", "../team/role/", "#outcome-x", "page.md", "https://example.com/x", "mailto:a@example.com",
           "a\\b"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_scheme_relative_forms_are_refused_and_dropped(target):
    assert not is_allowed(target)  # a location: field, as a browser would follow it
    if not any(c.isspace() for c in target):  # in Markdown a link target has no blanks
        assert link_problems(f"see [x]({target})")
        page = BeautifulSoup(safe_text.block(f"see [x]({target})"), "html.parser")
        assert page.find("a") is not None or "evil" in page.get_text()
        assert all(not a.get("href") or is_allowed(a["href"]) for a in page.find_all("a"))


@pytest.mark.parametrize("target", ON_SITE)
def test_links_that_stay_or_are_allowed_pass(target):
    assert is_allowed(target) and not link_problems(f"see [x]({target})")


def test_rb005_reports_the_backslash_form():
    problems = link_problems("[x](/\\evil.example)")
    assert problems and "//" in problems[0]
