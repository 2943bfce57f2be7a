"""The flows package."""
