"""The return use cases behind the router: the order as returnable, the refund quote, who
approved, recording a return (refunds, restock, receipt)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from fastapi.encoders import jsonable_encoder
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from central_api.catalog.models import Stock
from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order, OrderLine, Tender
from central_api.platform.auth import Principal
from central_api.platform.idempotency import Collided
from central_api.platform.occurred import Occurred
from central_api.platform.problems import Problem
from central_api.returns import policy
from central_api.returns.models import Return, ReturnLine
from central_api.returns.numbering import next_return_number
from central_api.returns.queries import line_reason, load_order
from central_api.returns.refunds import LineFacts, Quote, RefundExceedsTenders, TenderFacts, quote
from central_api.returns.schemas import (
    ReturnIn,
    ReturnLineOut,
    ReturnOut,
    TenderRefundOut,
)
from central_api.staff.service import verify_approval
from central_api.stores.models import Location

RETURN_APPROVAL = "return.approve"


def rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


# -- order -----------------------------------------------------------------------------------


# -- quote -----------------------------------------------------------------------------------


def check_selection(order: Order, wanted: list[tuple[int, int]], now: datetime) -> dict[int, int]:
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
        reason = line_reason(order, line, now)
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


def quote_for(order: Order, returning: dict[int, int], method: str) -> Quote:
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


def tenders_out(q: Quote) -> list[TenderRefundOut]:
    return [
        TenderRefundOut(sequence=t.sequence, kind=t.kind, reference=t.reference, amount=t.amount)
        for t in q.tenders
    ]


# -- manager approval --------------------------------------------------------------------------
REASON_ACTIONS = {
    policy.OUTSIDE_WINDOW: "return.outside_window",
    policy.ABOVE_THRESHOLD: "return.over_threshold",
}


def approved_by(
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


def restock(session: Session, location_id: int, product_id: int, qty: int, now: datetime) -> None:
    done = session.execute(
        update(Stock)
        .where(Stock.location_id == location_id, Stock.product_id == product_id)
        .values(on_hand=Stock.on_hand + qty, updated_at=now)
    )
    if rowcount(done) == 0:
        session.execute(
            insert(Stock).values(
                location_id=location_id,
                product_id=product_id,
                on_hand=qty,
                reserved=0,
                updated_at=now,
            )
        )


def record_return(
    session: Session, body: ReturnIn, principal: Principal, occurred: Occurred
) -> tuple[int, Any]:
    """The transaction of ``POST /v1/returns``: refunds, restocks, answers the receipt."""
    now = datetime.now(UTC)
    made_at = occurred.or_now(now)
    order = load_order(session, body.order_number)
    _refuse_bad_dispositions(body)
    returning = check_selection(order, [(x.line_no, x.quantity) for x in body.lines], now)
    q = quote_for(order, returning, body.refund_method)
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
        approved_by(session, body.approval_token, order, principal, reasons) if reasons else None
    )
    by_no = {line.line_no: line for line in order.lines}
    _take_back(session, order, by_no, returning, q)
    for line in body.lines:
        if line.disposition == "back_to_stock":
            product_id = by_no[line.line_no].product_id
            restock(session, principal.store_id, product_id, line.quantity, now)
    store = session.get(Location, principal.store_id)
    assert store is not None
    number = next_return_number(session, principal.store_code)  # a sequence on PostgreSQL
    out = _receipt(number, body, order, store, principal, made_at, now, q, by_no, approver, reasons)
    record = _return_row(out, order, store, body, principal, q, by_no, reasons)
    session.add(record)
    session.flush()
    emit(
        session,
        shapes.return_recorded(out, order, store),
        *shapes.restocked(body.lines, by_no, store),
    )
    return 201, out


def _refuse_bad_dispositions(body: ReturnIn) -> None:
    """Only an item as new goes back to stock."""
    for line in body.lines:
        if line.disposition == "back_to_stock" and line.condition not in policy.SELLABLE_CONDITIONS:
            raise Problem(
                422,
                "disposition-not-allowed",
                "Cannot go back to stock",
                f"Line {line.line_no} is {line.condition}: only an item as new goes back to stock.",
                line_no=line.line_no,
            )


def _take_back(
    session: Session,
    order: Order,
    by_no: dict[int, OrderLine],
    returning: dict[int, int],
    q: Quote,
) -> None:
    """Count the units returned and the refunds on their tenders, or 409 when another device
    took them first."""
    # The race guard: never more than bought minus already returned, whoever commits first.
    for line_no, qty in returning.items():
        target = by_no[line_no]
        done = session.execute(
            update(OrderLine)
            .where(OrderLine.id == target.id, OrderLine.returned_qty + qty <= OrderLine.quantity)
            .values(returned_qty=OrderLine.returned_qty + qty)
        )
        if rowcount(done) != 1:
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
        if rowcount(done) != 1:  # another refund of this tender committed meanwhile
            raise Collided


def _receipt(
    number: str,
    body: ReturnIn,
    order: Order,
    store: Location,
    principal: Principal,
    made_at: datetime,
    now: datetime,
    q: Quote,
    by_no: dict[int, OrderLine],
    approver: str | None,
    reasons: list[str],
) -> ReturnOut:
    """The receipt the return answers (and keeps, for a reprint)."""
    staff_id = principal.staff.staff_id if principal.staff else None
    refunds = {x.line_no: x for x in q.lines}
    return ReturnOut(
        return_number=number,
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
        tenders=tenders_out(q),
        approved_by=approver,
        approval_reasons=reasons,
    )


def _return_row(
    out: ReturnOut,
    order: Order,
    store: Location,
    body: ReturnIn,
    principal: Principal,
    q: Quote,
    by_no: dict[int, OrderLine],
    reasons: list[str],
) -> Return:
    """The return's row, with the receipt it answered."""
    record = Return(
        number=out.return_number,
        order_id=order.id,
        store_id=store.id,
        device_id=principal.subject,
        staff_id=out.staff_id,
        created_at=out.created_at,
        recorded_at=out.recorded_at,
        refund_method=body.refund_method,
        lines_refund=q.total - q.shipping_refund,
        shipping_refund=q.shipping_refund,
        total=q.total,
        approved_by=out.approved_by,
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
    return record
