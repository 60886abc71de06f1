"""Rendering functions that turn validated partnership documents into Markdown for the handbook."""
