"""The endless aisle flow."""
