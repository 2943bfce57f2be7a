"""The customer flow."""
