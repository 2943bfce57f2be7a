"""The returns flow."""
