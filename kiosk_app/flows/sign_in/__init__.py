"""The sign in flow."""
