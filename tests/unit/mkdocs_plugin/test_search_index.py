"""Our pages' empty search sections leave Material's index; everything else stays as Material wrote it."""

from __future__ import annotations

import json

from rolebook.mkdocs_plugin.search_index import compact, compact_file

INDEX = {"config": {"lang": ["en"]}, "docs": [
    {"location": "t/r/", "title": "Role", "text": "<p>Summary</p> Held by: Nadia"},
    {"location": "t/r/#purpose", "title": "Purpose", "text": "<p>Why it exists</p>"},
    {"location": "t/r/#where-the-time-goes", "title": "Where the time goes", "text": ""},
    {"location": "t/r/#checklist-weekly", "title": "Weekly plan", "text": " "},
    {"location": "t/r/#output-spec", "title": "Spec", "text": ""},
    {"location": "t/r/#outcome-live", "title": "Live", "text": "Done when: it is live"},
    {"location": "guide/#empty-heading", "title": "Empty heading", "text": ""},
]}


def test_empty_sections_of_generated_pages_go_items_and_other_pages_stay():
    docs = compact(INDEX, {"t/r/"})["docs"]
    assert [d["location"] for d in docs] == ["t/r/", "t/r/#outcome-live", "guide/#empty-heading"]
    # the purpose's words and an output's title join the page's entry: they still find the role
    assert docs[0]["text"] == "<p>Summary</p> Held by: Nadia <p>Why it exists</p> <p>Spec</p>"
    assert INDEX["docs"][0]["text"] == "<p>Summary</p> Held by: Nadia"  # the input is not changed
    assert compact(INDEX, set()) == INDEX  # nothing generated: untouched


def test_the_file_is_rewritten_only_when_something_goes(tmp_path):
    (tmp_path / "search").mkdir()
    path = tmp_path / "search/search_index.json"
    path.write_text(json.dumps(INDEX))
    assert compact_file(tmp_path, {"t/r/"}) == 4
    assert len(json.loads(path.read_text())["docs"]) == 3
    assert compact_file(tmp_path, {"t/r/"}) == 0
    assert compact_file(tmp_path / "nowhere", {"t/r/"}) is None
