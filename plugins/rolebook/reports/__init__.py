"""Model and findings to data and text: export, health report, changes, output formats."""
