"""Our pages' empty search sections leave Material's index; everything else stays as Material wrote it."""

from __future__ import annotations

import json

from rolebook.mkdocs_plugin.search_index import compact, compact_file

INDEX = {"config": {"lang": ["en"]}, "docs": [
    {"location": "t/r/", "title": "Role", "text": "<p>Summary</p> Held by: Nadia"},
    {"location": "t/r/#where-the-time-goes", "title": "Where the time goes", "text": ""},
    {"location": "t/r/#checklist-weekly", "title": "Weekly plan", "text": " "},
    {"location": "t/r/#output-spec", "title": "Spec", "text": ""},
    {"location": "t/r/#outcome-live", "title": "Live", "text": "Done when: it is live"},
    {"location": "guide/#empty-heading", "title": "Empty heading", "text": ""},
]}


def test_empty_sections_of_generated_pages_go_items_and_other_pages_stay():
    kept = [d["location"] for d in compact(INDEX, {"t/r/"})["docs"]]
    assert kept == ["t/r/", "t/r/#output-spec", "t/r/#outcome-live", "guide/#empty-heading"]
    assert compact(INDEX, set()) == INDEX  # nothing generated: untouched


def test_the_file_is_rewritten_only_when_something_goes(tmp_path):
    (tmp_path / "search").mkdir()
    path = tmp_path / "search/search_index.json"
    path.write_text(json.dumps(INDEX))
    assert compact_file(tmp_path, {"t/r/"}) == 2
    assert len(json.loads(path.read_text())["docs"]) == 4
    assert compact_file(tmp_path, {"t/r/"}) == 0
    assert compact_file(tmp_path / "nowhere", {"t/r/"}) is None
