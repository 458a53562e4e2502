"""Model to DOT to safe SVG to figure; the `dot` runner and its cache."""
