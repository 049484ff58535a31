"""Supervision keeps its own records (alerts, supervision acts, explanations)."""
