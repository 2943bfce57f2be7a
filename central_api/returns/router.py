"""Returns of delivered orders: policy, order lookup, refund quote, manager approval, return.

Two devices racing to return the same units are decided by a conditional UPDATE of
``OrderLine.returned_qty`` inside one write transaction: the second gets 409
``quantity-exceeds-returnable`` and nothing of its return is applied.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from central_api.platform.auth import Principal, require
from central_api.platform.deps import DB
from central_api.platform.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.occurred import Occurred
from central_api.platform.problems import not_found
from central_api.returns import policy
from central_api.returns.models import Return
from central_api.returns.queries import load_order, order_out
from central_api.returns.schemas import (
    ApprovalIn,
    ApprovalOut,
    LineRefundOut,
    OrderOut,
    QuoteIn,
    QuoteOut,
    ReturnIn,
    ReturnOut,
    ReturnPolicyOut,
)
from central_api.returns.service import (
    RETURN_APPROVAL,
    check_selection,
    quote_for,
    record_return,
    tenders_out,
)
from central_api.staff.service import as_utc, check_approver, record_approval

router = APIRouter(route_class=InlineReadRoute, prefix="/v1", tags=["returns"])

ReturnsReader = Annotated[Principal, Depends(require("returns:read"))]
ReturnsWriter = Annotated[Principal, Depends(require("returns:write"))]
# -- policy ----------------------------------------------------------------------------------


@router.get("/return-policy", response_model=ReturnPolicyOut)
def get_return_policy(_p: ReturnsReader) -> ReturnPolicyOut:
    return ReturnPolicyOut(
        window_days=policy.WINDOW_DAYS,
        extended_window_days=policy.EXTENDED_WINDOW_DAYS,
        non_returnable=list(policy.NON_RETURNABLE_FLAGS),
        shipping_refunded="whole_order_only",
        approval_outside_window=True,
        approval_refund_above=policy.APPROVAL_REFUND_ABOVE,
        reason_codes=list(policy.REASON_CODES),
        conditions=list(policy.CONDITIONS),
        dispositions=list(policy.DISPOSITIONS),
        default_disposition=dict(policy.DEFAULT_DISPOSITION),
        default_condition=dict(policy.DEFAULT_CONDITION),
        sellable_conditions=list(policy.SELLABLE_CONDITIONS),
        refund_methods=list(policy.REFUND_METHODS),
        tender_refund_order=list(policy.TENDER_REFUND_ORDER),
    )


# -- order -----------------------------------------------------------------------------------


@router.get("/orders/{number}", response_model=OrderOut)
def get_order(number: str, db: DB, _p: ReturnsReader) -> OrderOut:
    """The order with, per line, the quantity returnable now and why a line is not."""
    with db.session() as s:
        return order_out(load_order(s, number), datetime.now(UTC))


@router.post("/orders/{number}/refund-quote", response_model=QuoteOut)
def refund_quote(number: str, body: QuoteIn, db: DB, _p: ReturnsReader) -> QuoteOut:
    """What returning these quantities would refund, and to which tenders. Changes nothing."""
    now = datetime.now(UTC)
    with db.session() as s:
        order = load_order(s, number)
        returning = check_selection(order, [(x.line_no, x.quantity) for x in body.lines], now)
        q = quote_for(order, returning, body.refund_method)
        reasons = policy.approval_reasons(order.delivered_at, q.total, now)
        return QuoteOut(
            order_number=order.number,
            currency=order.currency,
            refund_method=body.refund_method,
            lines=[LineRefundOut.model_validate(x, from_attributes=True) for x in q.lines],
            shipping_refund=q.shipping_refund,
            total=q.total,
            tenders=tenders_out(q),
            approval_required=bool(reasons),
            approval_reasons=reasons,
        )


@router.post("/returns/approvals", response_model=ApprovalOut)
def approve(body: ApprovalIn, request: Request, db: DB, principal: ReturnsWriter) -> ApprovalOut:
    """A manager's ID + PIN → an approval of returns of one order on this device (24 h).

    No Idempotency-Key (nothing but the approval changes; a retry records another one): the
    PIN is checked and never stored; the approval is recorded like ``/v1/staff/approvals``
    (only its token's hash is kept) and the return is checked against that record.
    """
    manager = check_approver(request, principal, body.manager_id, body.pin, RETURN_APPROVAL)
    order_number = body.order_number.strip().upper()
    with db.write_session() as session:
        token, record = record_approval(
            session,
            approver=manager,
            requester=principal.staff,
            action=RETURN_APPROVAL,
            subject=order_number,
            device_id=principal.subject,
            now=datetime.now(UTC),
        )
        session.commit()
    return ApprovalOut(
        approval_token=token,
        manager_id=manager.staff_id,
        manager_name=manager.name,
        order_number=order_number,
        expires_at=as_utc(record.expires_at),
    )


# -- the return ------------------------------------------------------------------------------


@router.post(
    "/returns",
    status_code=201,
    response_model=ReturnOut,
    responses={
        403: {"description": "manager-approval-required, invalid-approval, forbidden"},
        404: {"description": "order not found"},
        409: {"description": "quantity-exceeds-returnable, refund-changed"},
        422: {"description": "line-not-returnable, unknown-line, disposition-not-allowed"},
    },
)
def create_return(
    body: ReturnIn,
    request: Request,
    db: DB,
    principal: ReturnsWriter,
    idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
    occurred: Occurred,
) -> JSONResponse:
    """Record a return at the calling device's store; refunds, restocks, answers the receipt.

    ``created_at`` is when the return was made on the device (``Occurred-At``), ``recorded_at``
    when the server received it; ``staff_id`` who was signed in on the device. The policy
    (window, approval) is applied at the server's time."""

    return run_idempotent(
        db, principal.key, idem, lambda session: record_return(session, body, principal, occurred)
    )


@router.get("/returns/{number}", response_model=ReturnOut)
def get_return(number: str, db: DB, _p: ReturnsReader) -> Any:
    """A return's receipt, for a reprint."""
    with db.session() as s:
        record = s.scalars(select(Return).where(Return.number == number.strip().upper())).first()
        if record is None:
            raise not_found("Return", number)
        return json.loads(record.receipt)
