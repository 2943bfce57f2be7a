"""Domain models: the app's typed view of the central API's answers."""
