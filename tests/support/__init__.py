"""What the test suites share: handbooks written to temporary folders, real sites, a browser, the corpus."""
