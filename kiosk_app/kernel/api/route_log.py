"""What the API client logs of a request: its route, never its ids or its query.

A URL carries what the associate typed (a customer's name or e-mail in ``?q=``), loyalty
numbers, signed codes and order numbers in its path. The log keeps the shape of the route
(``GET /v1/customers/{id}/cart``), the answer's status and the time it took: enough for IT
to follow what the app did, nothing about whom.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("kiosk_app.api")

# a path segment that names something (has a digit, a dot, is long) rather than a resource;
# the API version (v1) is part of the route
_ID_SEGMENT = re.compile(r"^(?!v\d+$)(?=.*[\d.%@+~])|^.{25,}$")


def route_template(path: str) -> str:
    """``/v1/customers/C0000004/cart?x=1`` → ``/v1/customers/{id}/cart``."""
    bare = path.split("?", 1)[0].split("#", 1)[0]
    return "/".join("{id}" if _ID_SEGMENT.search(part) else part for part in bare.split("/"))


def log_request(method: str, path: str, outcome: str, elapsed_s: float) -> None:
    log.info("%s %s -> %s (%.0f ms)", method, route_template(path), outcome, elapsed_s * 1000)
