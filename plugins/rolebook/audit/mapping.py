"""An event to one of the role's activities, in the order of the format (role-format.md, section 7):

1. `[rb:<activity-id>]` in the title or description (an explicit tag wins);
2. a CATEGORIES value equal to an activity's id or title (case-insensitive);
3. the activities' `match:` patterns on the title or a category, in file order: plain text is
   found case-insensitively anywhere, `re:` is a regular expression searched case-insensitively;
4. otherwise "unmapped". Private and confidential events are "private" before any of this: their
   text is never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rolebook.audit.calendar_file import Event
from rolebook.model.format import Activity

PRIVATE, UNMAPPED = "private", "unmapped"
TAG = re.compile(r"\[rb:([a-z0-9][a-z0-9-]{0,62})\]", re.IGNORECASE)


@dataclass(frozen=True)
class Mapped:
    key: str  # an activity id, PRIVATE or UNMAPPED
    how: str  # "tag", "category", "match", "" (unmapped or private)


class ActivityMatcher:
    def __init__(self, activities: list[Activity]):
        self.ids = {a.id for a in activities}
        self.by_name = {}
        for a in activities:
            self.by_name.setdefault(a.title.casefold(), a.id)
            self.by_name.setdefault(a.id, a.id)
        self.patterns: list[tuple[str, object]] = []
        for a in activities:
            for pattern in a.match:
                if pattern.startswith("re:"):
                    self.patterns.append((a.id, re.compile(pattern[3:], re.IGNORECASE)))
                else:
                    self.patterns.append((a.id, pattern.casefold()))

    def map(self, event: Event) -> Mapped:
        if event.private:
            return Mapped(PRIVATE, "")
        for text in (event.title, event.description):
            for tag in TAG.findall(text):
                if tag.lower() in self.ids:
                    return Mapped(tag.lower(), "tag")
        for category in event.categories:
            found = self.by_name.get(category.strip().casefold())
            if found:
                return Mapped(found, "category")
        texts = [event.title, *event.categories]
        folded = [t.casefold() for t in texts]
        for activity_id, pattern in self.patterns:
            if isinstance(pattern, str):
                if any(pattern in t for t in folded):
                    return Mapped(activity_id, "match")
            elif any(pattern.search(t) for t in texts):
                return Mapped(activity_id, "match")
        return Mapped(UNMAPPED, "")
