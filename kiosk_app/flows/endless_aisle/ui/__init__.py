"""The ui screens."""
