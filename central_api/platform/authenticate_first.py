"""Every route that needs a caller authenticates it before anything else.

FastAPI parses the JSON body before it runs any dependency, and answers a malformed one 422;
other dependencies (the ``Idempotency-Key``) may refuse before the caller's. A stranger got
400/422 from any route, which tells the body's shape to someone who may not call it. A route
whose dependencies include ``current_principal`` now resolves it first (the principal cache
makes the dependency's own resolution a hit); public routes (health, enrollment) are as
before.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from central_api.platform.auth import current_principal

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def needs_principal(dependant: Dependant) -> bool:
    return dependant.call is current_principal or any(
        needs_principal(sub) for sub in dependant.dependencies
    )


class AuthenticateFirstRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        if not needs_principal(self.dependant):
            return handler

        async def authenticated(request: Request) -> Response:
            await current_principal(request)
            return await handler(request)

        return authenticated
