"""Rendering summaries and briefs as text, Markdown, HTML and JSON."""
