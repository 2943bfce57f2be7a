"""Endless aisle: fulfilment options, reservations, order numbers, the endless-aisle endpoints."""
