"""Model to Markdown pages through Jinja2 templates."""
