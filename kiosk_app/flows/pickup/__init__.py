"""The pickup flow."""
