"""Stores and warehouses: where they are (models, queries) and GET /v1/stores."""
