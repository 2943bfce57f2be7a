"""RFC 9457 problem details: every error the API returns has a stable ``type``."""

from __future__ import annotations

import logging
import traceback
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


def _database_error(exc: BaseException) -> BaseException | None:
    """The database driver's error in ``exc``'s chain, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if type(current).__module__.split(".")[0] in ("psycopg", "sqlite3", "sqlalchemy"):
            return getattr(current, "orig", None) or current
        current = current.__cause__ or current.__context__
    return None


def log_unexpected(method: str, path: str, exc: Exception) -> None:
    """Log an unhandled error. A database's message names the values it refused (PostgreSQL:
    ``DETAIL: Key (email)=(...)``), which ``hide_parameters`` does not cover: for those, the
    log keeps the error's kind, its SQLSTATE and where it happened, never its text."""
    database = _database_error(exc)
    if database is None:
        log.exception("unhandled error on %s %s", method, path)
        return
    kind = f"{type(database).__module__}.{type(database).__qualname__}"
    state = getattr(database, "sqlstate", None) or getattr(database, "sqlite_errorname", None)
    where = "".join(traceback.format_tb(exc.__traceback__))
    log.error(
        "unhandled error on %s %s: %s (SQLSTATE %s), message withheld\n%s",
        method,
        path,
        kind,
        state,
        where,
    )


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
        log_unexpected(request.method, request.url.path, exc)
        return problem_response(
            Problem(
                500, "internal", "Internal server error", "The server hit an unexpected error."
            ),
            request.url.path,
        )
