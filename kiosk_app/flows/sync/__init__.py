"""The sync flow."""
