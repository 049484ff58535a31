"""Amounts of money. They are integer fen everywhere (in the database, the API and the acts); `yuan` is the one
place that writes them as yuan, for pages, notices, letters and messages (the `yuan` template filter adds the unit)."""

from __future__ import annotations


def yuan(fen: int) -> str:
    """An amount in fen as yuan with two decimals (8000 → "80.00", 5 → "0.05", -1250 → "-12.50")."""
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole}.{cents:02d}"
