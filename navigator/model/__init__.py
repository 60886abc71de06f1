"""Loading, validating and exporting the partnership YAML under thresholds/ (never imported by the core)."""
