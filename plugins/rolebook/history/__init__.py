"""The only code that runs git: last-changed dates, releases, the sources a diff compares."""
