"""Who may read a customer: associates always; a kiosk only with a signed loyalty code
naming that customer (then personal data is masked)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from central_api.customers.loyalty import LOYALTY_CODE_PREFIX, LoyaltySigner
from central_api.customers.queries import (
    CustomerIds,
    CustomerRow,
)
from central_api.platform.auth import Principal
from central_api.platform.problems import Problem


async def signer(request: Request) -> LoyaltySigner:
    """The server's loyalty signer, from its key file (a coroutine: no thread hop)."""
    existing: LoyaltySigner = request.app.state.loyalty_signer
    return existing


Signer = Annotated[LoyaltySigner, Depends(signer)]


def refuse_kiosk(principal: Principal, why: str) -> Problem:
    return Problem(403, "forbidden", "Not allowed", f"This {principal.mode} device {why}.")


def authorise(
    principal: Principal, customer: CustomerRow | CustomerIds, code: str | None, sign: LoyaltySigner
) -> bool:
    """Whether the caller may read this customer; True when personal data must be masked."""
    if "customers:read" in principal.scopes:
        return False
    if "customers:self" not in principal.scopes:
        raise refuse_kiosk(principal, "may not read customers")
    if not code:
        raise refuse_kiosk(principal, "may only show the customer named by a signed code")
    number = verified_number(code, sign)
    if number != customer.loyalty_number:
        raise refuse_kiosk(principal, "holds a code for another customer")
    return True


def verified_number(code: str, sign: LoyaltySigner) -> str:
    try:
        return sign.verify(code)
    except ValueError as error:
        raise Problem(
            403,
            "invalid-loyalty-code",
            "Loyalty code refused",
            f"The {LOYALTY_CODE_PREFIX} code is not valid: {error}.",
        ) from None
