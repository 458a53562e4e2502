"""Model to findings, pure: no files, no git, no clock (the build date comes in `Timing`)."""
