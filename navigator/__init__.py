"""Threshold navigator: the data model, validator and CLI (navigator.model, navigator.cli).

The decision core, when it arrives, lives in its own pure subpackage and imports nothing from here.
"""
