"""`rolebook audit`: a real week from a calendar file against a role's planned time shares.

Private by construction: it reads local files only (never a URL), keeps private and confidential
events as "private" time without their titles, reports aggregates (titles only with
`--show-events`), and writes nothing unless asked (`--write`). Nothing of it reaches the site.

- `calendar_file`: an iCalendar or CSV export to busy events, bounded (size, instances), every
  problem a one-line `InputError` or a counted skip;
- `working_time`: the window and working hours in the holder's zone, overlaps counted once;
- `mapping`: an event to an activity (`[rb:<id>]`, then CATEGORIES, then `match:`);
- `week_report`: planned against actual, flags, suggested time shares, Markdown and JSON;
- `write_back`: the suggested shares into the role file, keeping its comments and layout.
"""
