"""The catalogue and stock: products, GTINs, availability (models, queries, router)."""
