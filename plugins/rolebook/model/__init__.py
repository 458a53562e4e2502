"""The format and the loaded handbook: what every other stage reads.

Typed models (the single source of truth for the file format), the rule table, source positions,
the loaded `Handbook` with its link index, ids, the site plan and pure facts (review rhythm,
checklists). Imports only `rolebook.i18n` and `rolebook.text`."""
