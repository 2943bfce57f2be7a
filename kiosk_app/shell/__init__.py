"""The shell package."""
