"""The first run flow."""
