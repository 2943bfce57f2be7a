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
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from central_api.catalog.models import Stock
from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order, OrderLine, Tender
from central_api.platform.auth import Principal, require
from central_api.platform.deps import DB
from central_api.platform.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.occurred import Occurred
from central_api.platform.problems import Problem, not_found
from central_api.returns import policy
from central_api.returns.models import Return, ReturnLine
from central_api.returns.numbering import next_return_number
from central_api.returns.refunds import LineFacts, Quote, RefundExceedsTenders, TenderFacts, quote
from central_api.returns.schemas import (
    ApprovalIn,
    ApprovalOut,
    LineRefundOut,
    OrderLineOut,
    OrderOut,
    QuoteIn,
    QuoteOut,
    ReturnIn,
    ReturnLineOut,
    ReturnOut,
    ReturnPolicyOut,
    TenderOut,
    TenderRefundOut,
)
from central_api.staff.service import as_utc, check_approver, record_approval, verify_approval
from central_api.stores.models import Location

router = APIRouter(route_class=InlineReadRoute, prefix="/v1", tags=["returns"])

ReturnsReader = Annotated[Principal, Depends(require("returns:read"))]
ReturnsWriter = Annotated[Principal, Depends(require("returns:write"))]
RETURN_APPROVAL = "return.approve"


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


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


def _load_order(session: Session, number: str) -> Order:
    order = session.scalars(select(Order).where(Order.number == number.strip().upper())).first()
    if order is None:
        raise not_found("Order", number)
    return order


def _line_reason(order: Order, line: OrderLine, now: datetime) -> str | None:
    return policy.line_block_reason(
        order_status=order.status,
        delivered_at=order.delivered_at,
        final_sale=line.final_sale,
        hygiene=line.hygiene,
        quantity=line.quantity,
        returned_qty=line.returned_qty,
        now=now,
    )


def _order_out(order: Order, now: datetime) -> OrderOut:
    lines = []
    for line in order.lines:
        reason = _line_reason(order, line, now)
        lines.append(
            OrderLineOut(
                line_no=line.line_no,
                sku=line.sku,
                gtin=line.product.gtin,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                returned_qty=line.returned_qty,
                returnable_qty=0 if reason else line.quantity - line.returned_qty,
                not_returnable_reason=reason,
                final_sale=line.final_sale,
                hygiene=line.hygiene,
            )
        )
    customer = order.customer
    return OrderOut(
        number=order.number,
        channel=order.channel,
        status=order.status,
        created_at=policy.as_utc(order.created_at),
        delivered_at=policy.as_utc(order.delivered_at) if order.delivered_at else None,
        days_since_delivery=policy.days_since(order.delivered_at, now),
        within_window=order.delivered_at is not None
        and not policy.outside_window(order.delivered_at, now),
        currency=order.currency,
        subtotal=order.subtotal,
        discount_total=order.discount_total,
        shipping_fee=order.shipping_fee,
        total=order.total,
        promo_code=order.promo_code,
        customer_number=customer.customer_number if customer else None,
        customer_name=f"{customer.first_name} {customer.last_name}" if customer else None,
        lines=lines,
        tenders=[
            TenderOut(
                sequence=t.sequence,
                kind=t.kind,
                reference=t.reference,
                amount=t.amount,
                refunded=t.refunded,
            )
            for t in order.tenders
        ],
    )


@router.get("/orders/{number}", response_model=OrderOut)
def get_order(number: str, db: DB, _p: ReturnsReader) -> OrderOut:
    """The order with, per line, the quantity returnable now and why a line is not."""
    with db.session() as s:
        return _order_out(_load_order(s, number), datetime.now(UTC))


# -- quote -----------------------------------------------------------------------------------


def _check_selection(order: Order, wanted: list[tuple[int, int]], now: datetime) -> dict[int, int]:
    """line_no → quantity, or the refusal (unknown line, not returnable, too many)."""
    by_no = {line.line_no: line for line in order.lines}
    returning: dict[int, int] = {}
    for line_no, qty in wanted:
        line = by_no.get(line_no)
        if line is None:
            raise Problem(
                422,
                "unknown-line",
                "Unknown order line",
                f"Order {order.number} has no line {line_no}.",
            )
        if line_no in returning:
            raise Problem(
                422, "duplicate-line", "Line listed twice", f"Line {line_no} is listed twice."
            )
        reason = _line_reason(order, line, now)
        if reason is not None and reason != policy.ALREADY_RETURNED:
            raise Problem(
                422,
                "line-not-returnable",
                "Line not returnable",
                f"Line {line_no} ({line.name}) cannot be returned: {reason}.",
                line_no=line_no,
                reason=reason,
            )
        left = line.quantity - line.returned_qty
        if qty > left:
            raise Problem(
                409,
                "quantity-exceeds-returnable",
                "More than can be returned",
                f"Line {line_no}: {qty} asked, {left} left to return "
                f"({line.quantity} bought, {line.returned_qty} already returned).",
                line_no=line_no,
                returnable_qty=left,
            )
        returning[line_no] = qty
    return returning


def _quote(order: Order, returning: dict[int, int], method: str) -> Quote:
    try:
        return quote(
            [
                LineFacts(ln.line_no, ln.quantity, ln.unit_price, ln.returned_qty)
                for ln in order.lines
            ],
            order.discount_total,
            order.shipping_fee,
            [
                TenderFacts(t.sequence, t.kind, t.reference, t.amount, t.refunded)
                for t in order.tenders
            ],
            returning,
            method,
        )
    except RefundExceedsTenders as exc:
        raise Problem(409, "tenders-exhausted", "Tenders already refunded", str(exc)) from exc


def _tenders_out(q: Quote) -> list[TenderRefundOut]:
    return [
        TenderRefundOut(sequence=t.sequence, kind=t.kind, reference=t.reference, amount=t.amount)
        for t in q.tenders
    ]


@router.post("/orders/{number}/refund-quote", response_model=QuoteOut)
def refund_quote(number: str, body: QuoteIn, db: DB, _p: ReturnsReader) -> QuoteOut:
    """What returning these quantities would refund, and to which tenders. Changes nothing."""
    now = datetime.now(UTC)
    with db.session() as s:
        order = _load_order(s, number)
        returning = _check_selection(order, [(x.line_no, x.quantity) for x in body.lines], now)
        q = _quote(order, returning, body.refund_method)
        reasons = policy.approval_reasons(order.delivered_at, q.total, now)
        return QuoteOut(
            order_number=order.number,
            currency=order.currency,
            refund_method=body.refund_method,
            lines=[
                LineRefundOut(
                    line_no=x.line_no,
                    quantity=x.quantity,
                    gross=x.gross,
                    discount=x.discount,
                    refund=x.refund,
                )
                for x in q.lines
            ],
            shipping_refund=q.shipping_refund,
            total=q.total,
            tenders=_tenders_out(q),
            approval_required=bool(reasons),
            approval_reasons=reasons,
        )


# -- manager approval --------------------------------------------------------------------------
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


REASON_ACTIONS = {
    policy.OUTSIDE_WINDOW: "return.outside_window",
    policy.ABOVE_THRESHOLD: "return.over_threshold",
}


def _approved_by(
    session: Session, token: str | None, order: Order, principal: Principal, reasons: list[str]
) -> str:
    """Who approved, from the server's own approval record (``verify_approval``): one from
    ``/v1/returns/approvals`` covers every reason, one from ``/v1/staff/approvals`` the one
    action it names."""
    needed = {REASON_ACTIONS[reason] for reason in reasons}
    actions = (RETURN_APPROVAL, *needed) if len(needed) == 1 else (RETURN_APPROVAL,)
    record = verify_approval(
        session, token, action=actions, subject=order.number, principal=principal
    )
    return record.approver.staff_id


# -- the return ------------------------------------------------------------------------------


def _next_return_number(session: Session, store_code: str) -> str:
    return next_return_number(session, store_code)  # ``central_api.returns.numbering``


def _restock(session: Session, location_id: int, product_id: int, qty: int, now: datetime) -> None:
    done = session.execute(
        update(Stock)
        .where(Stock.location_id == location_id, Stock.product_id == product_id)
        .values(on_hand=Stock.on_hand + qty, updated_at=now)
    )
    if _rowcount(done) == 0:
        session.execute(
            insert(Stock).values(
                location_id=location_id,
                product_id=product_id,
                on_hand=qty,
                reserved=0,
                updated_at=now,
            )
        )


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

    def work(session: Session) -> tuple[int, Any]:
        now = datetime.now(UTC)
        made_at = occurred.or_now(now)
        staff_id = principal.staff.staff_id if principal.staff else None
        order = _load_order(session, body.order_number)
        for line in body.lines:
            if (
                line.disposition == "back_to_stock"
                and line.condition not in policy.SELLABLE_CONDITIONS
            ):
                raise Problem(
                    422,
                    "disposition-not-allowed",
                    "Cannot go back to stock",
                    f"Line {line.line_no} is {line.condition}: only an item as new goes back "
                    "to stock.",
                    line_no=line.line_no,
                )
        returning = _check_selection(order, [(x.line_no, x.quantity) for x in body.lines], now)
        q = _quote(order, returning, body.refund_method)
        if body.expected_total is not None and body.expected_total != q.total:
            raise Problem(
                409,
                "refund-changed",
                "The refund changed",
                f"The refund is now {q.total}, not {body.expected_total}: show the new quote.",
                total=str(q.total),
            )
        reasons = policy.approval_reasons(order.delivered_at, q.total, now)
        approver = (
            _approved_by(session, body.approval_token, order, principal, reasons)
            if reasons
            else None
        )
        by_no = {line.line_no: line for line in order.lines}
        # The race guard: never more than bought minus already returned, whoever commits first.
        for line_no, qty in returning.items():
            target = by_no[line_no]
            done = session.execute(
                update(OrderLine)
                .where(
                    OrderLine.id == target.id, OrderLine.returned_qty + qty <= OrderLine.quantity
                )
                .values(returned_qty=OrderLine.returned_qty + qty)
            )
            if _rowcount(done) != 1:
                raise Problem(
                    409,
                    "quantity-exceeds-returnable",
                    "More than can be returned",
                    f"Line {line_no} was returned meanwhile; reload the order.",
                    line_no=line_no,
                )
        tenders_by_seq = {t.sequence: t for t in order.tenders}
        for refund in q.tenders:
            if refund.sequence is None:
                continue
            tender = tenders_by_seq[refund.sequence]
            done = session.execute(
                update(Tender)
                .where(Tender.id == tender.id, Tender.refunded == tender.refunded)
                .values(refunded=tender.refunded + refund.amount)
            )
            if _rowcount(done) != 1:
                raise Problem(409, "conflict", "Conflict", "The tender changed meanwhile; retry.")
        for line in body.lines:
            if line.disposition == "back_to_stock":
                product_id = by_no[line.line_no].product_id
                _restock(session, principal.store_id, product_id, line.quantity, now)
        store = session.get(Location, principal.store_id)
        assert store is not None
        refunds = {x.line_no: x for x in q.lines}
        out = ReturnOut(
            return_number=_next_return_number(session, principal.store_code),
            order_number=order.number,
            store_code=store.code,
            store_name=store.name,
            device_id=principal.subject,
            staff_id=staff_id,
            created_at=made_at,
            recorded_at=now,
            currency=order.currency,
            refund_method=body.refund_method,
            lines=[
                ReturnLineOut(
                    line_no=x.line_no,
                    sku=by_no[x.line_no].sku,
                    name=by_no[x.line_no].name,
                    quantity=x.quantity,
                    reason=x.reason,
                    condition=x.condition,
                    disposition=x.disposition,
                    gross=refunds[x.line_no].gross,
                    discount=refunds[x.line_no].discount,
                    refund=refunds[x.line_no].refund,
                )
                for x in sorted(body.lines, key=lambda ln: ln.line_no)
            ],
            shipping_refund=q.shipping_refund,
            total=q.total,
            tenders=_tenders_out(q),
            approved_by=approver,
            approval_reasons=reasons,
        )
        record = Return(
            number=out.return_number,
            order_id=order.id,
            store_id=store.id,
            device_id=principal.subject,
            staff_id=staff_id,
            created_at=made_at,
            recorded_at=now,
            refund_method=body.refund_method,
            lines_refund=q.total - q.shipping_refund,
            shipping_refund=q.shipping_refund,
            total=q.total,
            approved_by=approver,
            approval_reasons=",".join(reasons) or None,
            receipt=json.dumps(jsonable_encoder(out)),
        )
        record.lines = [
            ReturnLine(
                order_line_id=by_no[x.line_no].id,
                line_no=x.line_no,
                quantity=x.quantity,
                reason=x.reason,
                condition=x.condition,
                disposition=x.disposition,
                refund=x.refund,
            )
            for x in out.lines
        ]
        session.add(record)
        session.flush()
        emit(
            session,
            shapes.return_recorded(out, order, store),
            *shapes.restocked(body.lines, by_no, store),
        )
        return 201, out

    return run_idempotent(db, principal.key, idem, work)


@router.get("/returns/{number}", response_model=ReturnOut)
def get_return(number: str, db: DB, _p: ReturnsReader) -> Any:
    """A return's receipt, for a reprint."""
    with db.session() as s:
        record = s.scalars(select(Return).where(Return.number == number.strip().upper())).first()
        if record is None:
            raise not_found("Return", number)
        return json.loads(record.receipt)
