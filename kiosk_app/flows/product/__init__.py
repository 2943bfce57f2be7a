"""The product flow."""
