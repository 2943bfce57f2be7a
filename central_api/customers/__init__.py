"""Customer 360: profile and loyalty, cart, orders, recommendations, loyalty codes (rules, access,
queries, service, router)."""
