"""Links between pages: `site_plan.relpath` answers as `posixpath.relpath` does, without the file system."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from rolebook.model.site_plan import Urls, relpath

PATHS = ["", ".", "a", "a/b", "a/b/c", "a/c", "ab", "ab/b", "b/a", "people", "people/dana-lee",
         "people/sam-roe", "engineering/cto", "engineering", "a/./b", "a//b", "a/b/", "x/y/z/w"]


@pytest.mark.parametrize("path,start", list(itertools.product(PATHS, PATHS)))
def test_relpath_is_posixpath_relpath_below_the_root(path, start):
    assert relpath(path or ".", start or ".") == posixpath.relpath(path or ".", start or ".")


def test_paths_that_leave_the_root_are_left_to_posixpath():
    for path, start in [("../a", "b"), ("a", "../b"), ("/a", "b"), ("a", "/b/c")]:
        assert relpath(path, start) == posixpath.relpath(path, start)


def test_links_between_person_role_and_people_pages():
    urls = Urls()
    assert urls.relative("people/dana-lee/index.md", "engineering/cto/index.md") == "../../engineering/cto/"
    assert urls.relative("people/dana-lee/index.md", "people/index.md") == "../"
    assert urls.relative("people/index.md", "people/dana-lee/index.md", "x") == "dana-lee/#x"
    assert Urls(directory_urls=False).relative("people/dana-lee/index.md", "a/b/index.md") == "../../a/b/index.html"
