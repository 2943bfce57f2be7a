"""Deterministic demo data: the same seed always gives the same stores, products and stock."""
