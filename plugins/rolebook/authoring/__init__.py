"""Writing new files for editors: `rolebook new` (a role to fill in) and `rolebook init` (a repository)."""
