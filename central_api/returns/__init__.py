"""Returns and refunds: return policy, refund quote, return numbers, the return endpoints."""
