"""PySide6 presentation: screens render core state and call core services."""
