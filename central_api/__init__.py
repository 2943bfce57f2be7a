"""Reference implementation of the central commerce API (FastAPI + SQLAlchemy)."""

__version__ = "0.1.0"
