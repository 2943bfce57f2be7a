"""The OpenAPI document says what the API really does (#20; checked by Schemathesis).

FastAPI's generated document knew nothing of how callers authenticate, of the
``Idempotency-Key`` every write needs, nor of the ``application/problem+json`` answers
(``central_api.platform.problems``). This adds them, route by route, from what each route
depends on:

* ``deviceToken`` (``Authorization: Bearer dvc_…``) on every route that resolves a caller,
  optionally with ``staffToken`` (``X-Staff-Token: stf_…``);
* a required ``Idempotency-Key`` header on the writes that take one;
* the problems a route can answer, with the ``Problem`` schema: 400 (bad key, a NUL), 401 and
  403 when it has a caller, 404 with path parameters, 409/413/503 on writes, 414 (path too
  long), 422 (invalid input), 423/429 where a PIN is checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from central_api.platform.authenticate_first import needs_principal
from central_api.platform.idempotency import MAX_KEY_LENGTH, idempotent_request
from central_api.platform.problems import PROBLEM_MEDIA_TYPE

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
    },
    "additionalProperties": True,
}
DESCRIPTIONS = {
    400: "Bad request (Idempotency-Key missing or invalid, a NUL character)",
    401: "No valid device token, or the staff session ended",
    403: "Not allowed for this device, role or store",
    404: "Not found",
    409: "Conflict (state changed, idempotency key in use)",
    413: "Request body too large",
    414: "Path too long",
    422: "Invalid request",
    423: "Locked after too many wrong PINs",
    429: "Too many wrong PINs from this device",
    503: "Busy: try again",
}
PIN_ROUTES = {"/v1/staff/sessions", "/v1/staff/approvals", "/v1/returns/approvals"}


def _uses(dependant: Dependant, names: set[str]) -> bool:
    call = getattr(dependant.call, "__name__", "")
    return call in names or any(_uses(sub, names) for sub in dependant.dependencies)


def _idempotent(route: APIRoute) -> bool:
    return _uses(route.dependant, {idempotent_request.__name__, "keyed_idempotent_request"})


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` with the completed document (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            complete(document, app)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: dict[str, Any], app: FastAPI) -> None:
    components = document.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components["securitySchemes"] = {
        "deviceToken": {"type": "http", "scheme": "bearer", "description": "dvc_… device token"},
        "staffToken": {
            "type": "apiKey",
            "in": "header",
            "name": "X-Staff-Token",
            "description": "stf_… token of the staff member signed in on this device",
        },
    }
    for route in _api_routes(app.routes):
        if not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = document["paths"].get(route.path_format, {}).get(method.lower())
            if operation is not None:
                _complete_operation(operation, route, method)


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """Every ``APIRoute``, also inside the routers FastAPI keeps as included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(included.routes)


def _complete_operation(operation: dict[str, Any], route: APIRoute, method: str) -> None:
    secured = needs_principal(route.dependant)
    write = method != "GET"
    if secured:
        operation["security"] = [{"deviceToken": [], "staffToken": []}, {"deviceToken": []}]
    if _idempotent(route):
        operation.setdefault("parameters", []).append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": True,
                "description": "One key per intended change; a retry sends the same key.",
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_KEY_LENGTH,
                    "pattern": "^[!-~]+$",
                },
            }
        )
    statuses = {400, 414, 422}
    if secured:
        statuses |= {401, 403}
    if route.dependant.path_params:
        statuses.add(404)
    if write:
        statuses |= {409, 413, 503}
    if route.path_format in PIN_ROUTES:
        statuses |= {423, 429}
    responses = operation.setdefault("responses", {})
    for status in sorted(statuses):
        entry = responses.setdefault(str(status), {"description": DESCRIPTIONS[status]})
        entry["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
