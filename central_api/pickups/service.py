"""The pickup use cases behind the router: a store's pickup and what it shows, the checks
of a QR code, a pickup code and the handed-over lines, checking a customer in, handing
an order over."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order
from central_api.pickups.models import Pickup
from central_api.pickups.qr import BadPickupQr, PickupSigner
from central_api.pickups.queries import for_store
from central_api.pickups.rules import (
    COLLECTABLE,
    COMPLETED,
    ID_DOCUMENTS,
    Event,
    Status,
    accepted_methods,
    aware,
    effective_status,
    next_status,
)
from central_api.pickups.schemas import (
    CheckInIn,
    CheckInOut,
    CompleteIn,
    CompleteOut,
)
from central_api.platform.auth import Principal
from central_api.platform.idempotency import Collided
from central_api.platform.occurred import Occurred
from central_api.platform.problems import Problem

QR_GRACE = timedelta(days=30)


# -- helpers ------------------------------------------------------------------------------------
def utc_now() -> datetime:
    return datetime.now(UTC)


def refuse_state(pickup: Pickup, status: str) -> Problem:
    number = pickup.order.number
    if status in COMPLETED:
        when = pickup.completed_at and aware(pickup.completed_at).isoformat()
        return Problem(
            409,
            "pickup-already-completed",
            "Already collected",
            f"Order {number} was already handed over ({status}).",
            status_now=status,
            completed_at=when,
        )
    if status == Status.CANCELLED:
        return Problem(409, "pickup-cancelled", "Order cancelled", f"Order {number} was cancelled.")
    if status == Status.EXPIRED:
        return Problem(
            409,
            "pickup-expired",
            "Pickup expired",
            f"Order {number} was not collected in time and has expired.",
            expired_at=aware(pickup.expires_at).isoformat(),
        )
    if status == Status.PREPARING:
        return Problem(
            409, "pickup-not-ready", "Not ready yet", f"Order {number} is still being prepared."
        )
    return Problem(409, "pickup-state", "Not allowed now", f"Order {number} is {status}.")


def check_qr(signer: PickupSigner, token: str, pickup: Pickup) -> None:
    try:
        claims = signer.verify(token)
    except BadPickupQr as exc:
        raise Problem(
            422, "invalid-pickup-qr", "Invalid pickup QR code", f"The QR code is not ours: {exc}."
        ) from None
    if claims.get("o") != pickup.order.number or claims.get("s") != pickup.store.code:
        raise Problem(
            422,
            "invalid-pickup-qr",
            "Invalid pickup QR code",
            f"This QR code is for order {claims.get('o')} at {claims.get('s')}, "
            f"not order {pickup.order.number}.",
        )


def check_code(code: str | None, pickup: Pickup) -> None:
    if code is None or code.strip() != pickup.pickup_code:
        raise Problem(
            422,
            "wrong-pickup-code",
            "Wrong pickup code",
            f"This is not the pickup code of order {pickup.order.number}.",
        )


def units(pickup: Pickup) -> int:
    return sum(line.quantity for line in pickup.order.lines)


def verify_person(body: CompleteIn, pickup: Pickup, signer: PickupSigner) -> None:
    v = body.verification
    allowed = accepted_methods(pickup.verification_method, pickup.alternate_person is not None)
    if v.method not in allowed:
        raise Problem(
            422,
            "verification-method-not-allowed",
            "Verification not accepted",
            f"Order {pickup.order.number} must be verified by {' or '.join(allowed)}.",
            accepted_methods=list(allowed),
        )
    if v.method == "pickup_code":
        check_code(v.pickup_code, pickup)
    elif v.method == "signed_qr":
        check_qr(signer, v.qr_token or "", pickup)
    else:
        if v.id_document_type not in ID_DOCUMENTS:
            raise Problem(
                422,
                "id-document-required",
                "ID document required",
                "Say which identity document was checked.",
            )
        if v.method == "alternate_person":
            given = " ".join((v.person_name or "").lower().split())
            expected = " ".join((pickup.alternate_person or "").lower().split())
            if not given or given != expected:
                raise Problem(
                    422,
                    "alternate-person-mismatch",
                    "Not the person named on the order",
                    f"Order {pickup.order.number} may be collected by the person named on it.",
                )


def check_lines(body: CompleteIn, pickup: Pickup) -> tuple[int, int, int]:
    by_no = {line.line_no: line for line in pickup.order.lines}
    seen: set[int] = set()
    picked = missing = damaged = 0
    for result in body.lines:
        line = by_no.get(result.line_no)
        problem: str | None = None
        if line is None:
            problem = f"Order {pickup.order.number} has no line {result.line_no}."
        elif result.line_no in seen:
            problem = f"Line {result.line_no} appears twice."
        elif result.picked + result.missing + result.damaged != line.quantity:
            problem = (
                f"Line {result.line_no}: picked + missing + damaged must equal the ordered "
                f"{line.quantity}."
            )
        elif (result.missing or result.damaged) and not (result.reason or "").strip():
            problem = f"Line {result.line_no}: say why items are missing or damaged."
        if problem:
            raise Problem(422, "invalid-pickup-lines", "Invalid item check", problem)
        seen.add(result.line_no)
        picked += result.picked
        missing += result.missing
        damaged += result.damaged
    absent = sorted(set(by_no) - seen)
    if absent:
        raise Problem(
            422,
            "invalid-pickup-lines",
            "Invalid item check",
            f"Line {absent[0]} is not accounted for.",
        )
    return picked, missing, damaged


def check_in_pickup(
    session: Session, order_number: str, body: CheckInIn, principal: Principal, signer: PickupSigner
) -> tuple[int, Any]:
    """The transaction of ``POST /v1/pickups/{order_number}/check-in``."""
    pickup = for_store(session, order_number, principal)
    if body.qr_token:
        check_qr(signer, body.qr_token, pickup)
    elif body.pickup_code:
        check_code(body.pickup_code, pickup)
    elif principal.mode == "kiosk":
        raise Problem(
            422,
            "verification-required",
            "QR code or pickup code required",
            "A kiosk checks a customer in with their pickup QR code or pickup code.",
        )
    now = utc_now()
    status = effective_status(pickup.status, pickup.expires_at, now)
    target = next_status(status, Event.CHECK_IN)
    if target is None:
        raise refuse_state(pickup, status)
    first_name = pickup.order.customer.first_name if pickup.order.customer else ""
    already = status == Status.CUSTOMER_WAITING
    if already:
        checked_in = aware(pickup.checked_in_at or now)
    else:
        result = session.execute(
            update(Pickup)
            .where(
                Pickup.id == pickup.id,
                Pickup.version == pickup.version,
                Pickup.status == status,
            )
            .values(status=target.value, checked_in_at=now, version=Pickup.version + 1)
        )
        if int(getattr(result, "rowcount", 0) or 0) != 1:  # changed meanwhile: run again
            raise Collided
        emit(session, shapes.pickup_changed(pickup, "pickup.checked_in", status, target, now))
        checked_in = now
    return 200, CheckInOut(
        order_number=pickup.order.number,
        status=Status.CUSTOMER_WAITING.value,
        checked_in_at=checked_in,
        first_name=first_name,
        already_checked_in=already,
    )


def complete_pickup(
    session: Session,
    order_number: str,
    body: CompleteIn,
    principal: Principal,
    signer: PickupSigner,
    occurred: Occurred,
) -> tuple[int, Any]:
    """The transaction of ``POST /v1/pickups/{order_number}/complete``: exactly once per
    order, whatever the number of devices."""
    pickup = for_store(session, order_number, principal)
    now = utc_now()
    status = effective_status(pickup.status, pickup.expires_at, now)
    if status not in COLLECTABLE:
        raise refuse_state(pickup, status)
    verify_person(body, pickup, signer)
    picked, missing, damaged = check_lines(body, pickup)
    target = next_status(
        status, Event.COLLECT_PART if picked < units(pickup) else Event.COLLECT_ALL
    )
    if target is None or picked == 0:
        raise Problem(
            422,
            "invalid-pickup-lines",
            "Nothing handed over",
            "At least one item must be handed over; cancel the order instead.",
        )
    handed_over = occurred.or_now(now)
    staff_id, staff_name = (
        (principal.staff.staff_id, principal.staff.name) if principal.staff else (None, None)
    )
    completion = {
        "lines": [line.model_dump() for line in body.lines],
        "verification": body.verification.model_dump(exclude={"pickup_code", "qr_token"}),
        "associate": staff_id,
        "associate_name": staff_name,
        "device": principal.subject,
        "signed": body.signature_svg_path is not None,
        "signature_svg_path": body.signature_svg_path,
        "completed_at": handed_over.isoformat(),
        "recorded_at": now.isoformat(),
    }
    result = session.execute(
        update(Pickup)
        .where(
            Pickup.id == pickup.id,
            Pickup.version == pickup.version,
            Pickup.status.in_([s.value for s in COLLECTABLE]),
        )
        .values(
            status=target.value,
            completed_at=handed_over,
            completion_recorded_at=now,
            completion=json.dumps(completion),
            version=Pickup.version + 1,
        )
    )
    if int(getattr(result, "rowcount", 0) or 0) != 1:
        # Lost the race (only possible without serialised writers, e.g. PostgreSQL).
        session.rollback()
        fresh = for_store(session, order_number, principal)
        raise refuse_state(fresh, fresh.status)
    session.execute(
        update(Order)
        .where(Order.id == pickup.order_id)
        .values(status="delivered", delivered_at=handed_over, version=Order.version + 1)
    )
    emit(session, shapes.pickup_changed(pickup, "pickup.completed", status, target, handed_over))
    return 200, CompleteOut(
        order_number=pickup.order.number,
        status=target.value,
        completed_at=handed_over,
        recorded_at=now,
        associate=staff_id,
        associate_name=staff_name,
        picked_units=picked,
        missing_units=missing,
        damaged_units=damaged,
        version=pickup.version + 1,
    )
