"""Efficiency indicators: pre-aggregated figures, if any."""
