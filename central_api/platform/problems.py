"""RFC 9457 problem details: every error the API returns has a stable ``type``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_BASE = "https://api.omnistore.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
#: a validation answer lists at most this many errors, each cut to ``MAX_TEXT`` characters
MAX_ERRORS = 10
MAX_TEXT = 200

log = logging.getLogger(__name__)


class Problem(Exception):
    """Raise anywhere in a handler to answer with problem+json."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.extensions = extensions

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.slug,
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        body.update(self.extensions)
        return body


def not_found(what: str, ident: str) -> Problem:
    return Problem(404, "not-found", f"{what} not found", f"No {what.lower()} matches {ident!r}.")


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    return JSONResponse(
        problem.body(instance), status_code=problem.status, media_type=PROBLEM_MEDIA_TYPE
    )


_STATUS_SLUGS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    413: ("body-too-large", "Request body too large"),
    414: ("uri-too-long", "Path too long"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation", "Invalid request"),
    429: ("rate-limited", "Too many requests"),
}


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug, title = _STATUS_SLUGS.get(exc.status_code, ("http-error", "HTTP error"))
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        response = problem_response(Problem(exc.status_code, slug, title, detail), request.url.path)
        response.headers.update(exc.headers or {})  # e.g. ``Allow`` on a 405
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Never the input back, and a bounded answer: a body of 100,000 bad lines got one
        # error per line (a 52 MB answer).
        found = exc.errors()
        errors = [
            {
                "location": ".".join(str(p) for p in err.get("loc", ()))[:MAX_TEXT],
                "message": str(err.get("msg", "invalid"))[:MAX_TEXT],
            }
            for err in found[:MAX_ERRORS]
        ]
        first = errors[0] if errors else {"location": "", "message": "invalid"}
        detail = f"{first['location']}: {first['message']}"
        more = {"more_errors": len(found) - MAX_ERRORS} if len(found) > MAX_ERRORS else {}
        return problem_response(
            Problem(422, "validation", "Invalid request", detail, errors=errors, **more),
            request.url.path,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            Problem(
                500, "internal", "Internal server error", "The server hit an unexpected error."
            ),
            request.url.path,
        )
