"""Use cases the screens call: each is a coroutine over the API client, tested directly."""
