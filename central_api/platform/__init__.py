"""What every domain stands on: database, settings, keys, authentication (principals, scopes),
idempotency, problem answers, request guard, workers, numbering, masking. Never imports a
domain."""
