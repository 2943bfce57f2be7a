"""Click-and-collect pickups of the device's store: queue, lookup, QR, check-in, completion.

Every change is a conditional UPDATE on (id, version, status) inside a write session, run
through ``run_idempotent``: two devices completing one order at once get one success and one
``409 pickup-already-completed``; a retry with the same key replays the first answer.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, joinedload

from central_api.customers.models import Customer
from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order, OrderLine
from central_api.pickups.models import Pickup
from central_api.pickups.qr import BadPickupQr, PickupSigner, signer_for
from central_api.pickups.rules import (
    ACTIVE,
    COLLECTABLE,
    COMPLETED,
    ID_DOCUMENTS,
    Event,
    Status,
    accepted_methods,
    aware,
    effective_status,
    next_status,
    overdue_reason,
    pickup_code_digest,
)
from central_api.pickups.schemas import (
    CheckInIn,
    CheckInOut,
    CompleteIn,
    CompleteOut,
    PickupDetailOut,
    PickupKeyOut,
    PickupKeysOut,
    PickupLineOut,
    PickupOfflineOut,
    PickupQrOut,
    PickupSummaryOut,
)
from central_api.platform.auth import Principal, current_principal, require
from central_api.platform.deps import DB
from central_api.platform.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.like import ESCAPE, contains
from central_api.platform.occurred import Occurred
from central_api.platform.problems import Problem
from central_api.platform.sealed_replies import open_sealed, sealed_field
from central_api.staff.action_proofs import require_staff_or_proof

router = APIRouter(route_class=InlineReadRoute, prefix="/v1/pickups", tags=["pickups"])

Reader = Annotated[Principal, Depends(require("pickups:read"))]
CheckInner = Annotated[Principal, Depends(require("pickups:checkin"))]
# the hand-over's author: the staff member signed in, or the one a staff proof names
Completer = Annotated[Principal, Depends(require_staff_or_proof("pickups:complete"))]
Idem = Annotated[IdempotentRequest, Depends(idempotent_request)]
QR_GRACE = timedelta(days=30)


# -- helpers ------------------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now(UTC)


def _load(session: Session, order_number: str) -> Pickup | None:
    return session.scalars(
        select(Pickup)
        .join(Order, Pickup.order_id == Order.id)
        .where(Order.number == order_number.strip().upper())
        .options(
            joinedload(Pickup.order).selectinload(Order.lines).joinedload(OrderLine.product),
            joinedload(Pickup.order).joinedload(Order.customer),
            joinedload(Pickup.store),
        )
    ).first()


def _for_store(session: Session, order_number: str, principal: Principal) -> Pickup:
    pickup = _load(session, order_number)
    if pickup is None:
        raise Problem(
            404,
            "not-found",
            "Pickup not found",
            f"No pickup order has the number {order_number!r}.",
        )
    if pickup.store_id != principal.store_id:
        raise Problem(
            422,
            "pickup-other-store",
            "Order for another store",
            f"Order {pickup.order.number} is to be collected at {pickup.store.name} "
            f"({pickup.store.code}), not here.",
            store_code=pickup.store.code,
            store_name=pickup.store.name,
        )
    return pickup


def _customer_name(pickup: Pickup) -> str:
    customer = pickup.order.customer
    if customer is None:
        return pickup.order.guest_email or "-"
    return f"{customer.first_name} {customer.last_name}"


def _summary_fields(pickup: Pickup, now: datetime) -> dict[str, Any]:
    status = effective_status(pickup.status, pickup.expires_at, now)
    reason = overdue_reason(
        status, pickup.promised_at, pickup.expires_at, pickup.checked_in_at, now
    )
    return {
        "order_number": pickup.order.number,
        "store_code": pickup.store.code,
        "status": status,
        "customer_name": _customer_name(pickup),
        "alternate_person": pickup.alternate_person,
        "verification_method": pickup.verification_method,
        "accepted_methods": list(
            accepted_methods(pickup.verification_method, pickup.alternate_person is not None)
        ),
        "item_count": sum(line.quantity for line in pickup.order.lines),
        "promised_at": aware(pickup.promised_at),
        "ready_at": pickup.ready_at and aware(pickup.ready_at),
        "expires_at": aware(pickup.expires_at),
        "checked_in_at": pickup.checked_in_at and aware(pickup.checked_in_at),
        "completed_at": pickup.completed_at and aware(pickup.completed_at),
        "overdue": reason is not None,
        "overdue_reason": reason,
        "version": pickup.version,
    }


def _detail(pickup: Pickup, now: datetime) -> PickupDetailOut:
    completion: dict[str, Any] | None = json.loads(pickup.completion) if pickup.completion else None
    picked_by_line: dict[int, int] = {}
    if completion:
        for line in completion.get("lines", []):
            picked_by_line[int(line["line_no"])] = int(line["picked"])
        completion.pop("signature_svg_path", None)
    return PickupDetailOut(
        **_summary_fields(pickup, now),
        currency=pickup.order.currency,
        total=pickup.order.total,
        lines=[
            PickupLineOut(
                line_no=line.line_no,
                sku=line.sku,
                gtin=line.product.gtin,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                picked=picked_by_line.get(line.line_no),
            )
            for line in pickup.order.lines
        ],
        completion=completion,
    )


def _refuse_state(pickup: Pickup, status: str) -> Problem:
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


def _check_qr(signer: PickupSigner, token: str, pickup: Pickup) -> None:
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


def _check_code(code: str | None, pickup: Pickup) -> None:
    if code is None or code.strip() != pickup.pickup_code:
        raise Problem(
            422,
            "wrong-pickup-code",
            "Wrong pickup code",
            f"This is not the pickup code of order {pickup.order.number}.",
        )


# -- reads -------------------------------------------------------------------------------------
@router.get("/keys", response_model=PickupKeysOut)
def pickup_keys(db: DB, _p: Annotated[Principal, Depends(current_principal)]) -> PickupKeysOut:
    """Public keys that verify pickup QR codes offline (any enrolled device): every live key."""
    keys = signer_for(db).public_keys().items()
    return PickupKeysOut(keys=[PickupKeyOut(kid=kid, public_key=key) for kid, key in keys])


@router.get("", response_model=list[PickupSummaryOut])
def list_pickups(
    db: DB,
    principal: Reader,
    status: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Comma-separated statuses, or 'active' (default) or 'all'",
        ),
    ] = None,
    q: Annotated[str | None, Query(max_length=80, description="Order number or name")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> list[PickupSummaryOut]:
    """This store's pickups: customers waiting first, then oldest promised first."""
    now = _now()
    wanted_text = (status or "active").strip().lower()
    if wanted_text == "active":
        wanted: set[str] = {s.value for s in ACTIVE}
    elif wanted_text == "all":
        wanted = {s.value for s in Status}
    else:
        wanted = {part.strip() for part in wanted_text.split(",") if part.strip()}
        unknown = wanted - {s.value for s in Status}
        if unknown:
            raise Problem(
                422, "validation", "Invalid request", f"Unknown status {sorted(unknown)[0]!r}."
            )
    stmt = (
        select(Pickup)
        .join(Order, Pickup.order_id == Order.id)
        .outerjoin(Customer, Order.customer_id == Customer.id)
        .where(Pickup.store_id == principal.store_id)
        .options(
            joinedload(Pickup.order).selectinload(Order.lines),
            joinedload(Pickup.order).joinedload(Order.customer),
            joinedload(Pickup.store),
        )
    )
    if q and q.strip():
        like = contains(q.strip().lower())
        stmt = stmt.where(
            or_(
                func.lower(Order.number).like(like, escape=ESCAPE),
                func.lower(Customer.first_name + " " + Customer.last_name).like(
                    like, escape=ESCAPE
                ),
                func.lower(Customer.last_name).like(like, escape=ESCAPE),
                func.lower(func.coalesce(Pickup.alternate_person, "")).like(like, escape=ESCAPE),
            )
        )
    with db.session() as s:
        rows = [_summary_fields(p, now) for p in s.scalars(stmt).unique()]
    rows = [r for r in rows if r["status"] in wanted]

    def order_key(row: dict[str, Any]) -> tuple[int, datetime, datetime]:
        waiting = row["status"] == Status.CUSTOMER_WAITING
        return (
            0 if waiting else 1,
            row["checked_in_at"] if waiting else row["promised_at"],
            row["promised_at"],
        )

    rows.sort(key=order_key)
    return [PickupSummaryOut(**r) for r in rows[:limit]]


@router.get("/offline", response_model=list[PickupOfflineOut])
def pickups_for_offline(
    db: DB,
    principal: Reader,
    limit: Annotated[int, Query(ge=1, le=200)] = 200,
) -> list[PickupOfflineOut]:
    """This store's collectable pickups in full, for a device to hand them over offline.

    Lines for the item check, and a digest of the pickup code (not the code) so a typed code
    can be checked without the network. Customers waiting first, then oldest promised.
    """
    now = _now()
    with db.session() as s:
        pickups = s.scalars(
            select(Pickup)
            .where(Pickup.store_id == principal.store_id, Pickup.status.in_(list(COLLECTABLE)))
            .options(
                joinedload(Pickup.order).selectinload(Order.lines).joinedload(OrderLine.product),
                joinedload(Pickup.order).joinedload(Order.customer),
                joinedload(Pickup.store),
            )
        ).unique()
        rows = [
            PickupOfflineOut(
                **_detail(p, now).model_dump(),
                pickup_code_digest=pickup_code_digest(p.order.number, p.pickup_code),
            )
            for p in pickups
        ]
    rows = [r for r in rows if r.status in COLLECTABLE]  # not expired meanwhile
    rows.sort(key=lambda r: (r.status != Status.CUSTOMER_WAITING.value, r.promised_at))
    return rows[:limit]


@router.get("/by-code/{pickup_code}", response_model=PickupDetailOut)
def pickup_by_code(pickup_code: str, db: DB, principal: Reader) -> PickupDetailOut:
    """The active pickup of this store with this 6-digit code."""
    code = pickup_code.strip()
    if len(code) != 6 or not code.isdigit():
        raise Problem(
            422, "wrong-pickup-code", "Wrong pickup code", "A pickup code has six digits."
        )
    now = _now()
    with db.session() as s:
        candidates = list(
            s.scalars(
                select(Pickup)
                .where(Pickup.store_id == principal.store_id, Pickup.pickup_code == code)
                .options(
                    joinedload(Pickup.order)
                    .selectinload(Order.lines)
                    .joinedload(OrderLine.product),
                    joinedload(Pickup.order).joinedload(Order.customer),
                    joinedload(Pickup.store),
                )
            ).unique()
        )
        active = [p for p in candidates if p.status in ACTIVE] or candidates
        if not active:
            raise Problem(
                404,
                "wrong-pickup-code",
                "Wrong pickup code",
                f"No pickup order of this store has the code {code}.",
            )
        return _detail(active[0], now)


@router.get("/{order_number}", response_model=PickupDetailOut)
def get_pickup(order_number: str, db: DB, principal: Reader) -> PickupDetailOut:
    with db.session() as s:
        return _detail(_for_store(s, order_number, principal), _now())


# -- writes ------------------------------------------------------------------------------------
@router.post("/{order_number}/qr", response_model=PickupQrOut)
def issue_qr(
    order_number: str, request: Request, db: DB, principal: Reader, idem: Idem
) -> JSONResponse:
    """Sign the pickup QR that the confirmation email carries (resend to the customer).

    The QR is a credential (check-in, hand-over): its replay record keeps it sealed."""
    signer = signer_for(db)

    def work(session: Session) -> tuple[int, Any]:
        pickup = _for_store(session, order_number, principal)
        now = _now()
        expires = aware(pickup.expires_at) + QR_GRACE
        token = signer.sign(
            pickup.order.number, pickup.store.code, int(now.timestamp()), int(expires.timestamp())
        )
        out = PickupQrOut(order_number=pickup.order.number, token="", expires_at=expires)
        return 200, {**out.model_dump(exclude={"token"}), **sealed_field(request, "token", token)}

    return open_sealed(request, run_idempotent(db, principal.key, idem, work), "token")


@router.post("/{order_number}/check-in", response_model=CheckInOut)
def check_in(
    order_number: str, body: CheckInIn, db: DB, principal: CheckInner, idem: Idem
) -> JSONResponse:
    """The customer is here (kiosk QR scan, or told an associate): status → customer_waiting.

    A kiosk must present the signed QR or the pickup code; an associate may omit both only
    with a staff member signed in (or under the store's ``optional`` policy), as for every
    other staff action: an unattended tablet checks nobody in on its word alone.
    """
    signer = signer_for(db)
    unproven = not body.qr_token and not body.pickup_code
    attended = principal.staff is not None or not principal.staff_required
    if unproven and principal.mode != "kiosk" and not attended:
        raise Problem(
            403,
            "staff-sign-in-required",
            "Staff sign-in required",
            "Sign in, or scan the customer's pickup QR code or enter their pickup code.",
            action="pickup.check_in",
        )

    def work(session: Session) -> tuple[int, Any]:
        pickup = _for_store(session, order_number, principal)
        if body.qr_token:
            _check_qr(signer, body.qr_token, pickup)
        elif body.pickup_code:
            _check_code(body.pickup_code, pickup)
        elif principal.mode == "kiosk":
            raise Problem(
                422,
                "verification-required",
                "QR code or pickup code required",
                "A kiosk checks a customer in with their pickup QR code or pickup code.",
            )
        now = _now()
        status = effective_status(pickup.status, pickup.expires_at, now)
        target = next_status(status, Event.CHECK_IN)
        if target is None:
            raise _refuse_state(pickup, status)
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
            if int(getattr(result, "rowcount", 0) or 0) != 1:
                raise Problem(409, "pickup-changed", "Changed meanwhile", "Try again.")
            emit(session, shapes.pickup_changed(pickup, "pickup.checked_in", status, target, now))
            checked_in = now
        return 200, CheckInOut(
            order_number=pickup.order.number,
            status=Status.CUSTOMER_WAITING.value,
            checked_in_at=checked_in,
            first_name=first_name,
            already_checked_in=already,
        )

    return run_idempotent(db, principal.key, idem, work)


@router.post(
    "/{order_number}/complete",
    response_model=CompleteOut,
    responses={
        409: {"description": "pickup-already-completed, pickup-cancelled, pickup-expired, …"},
        422: {"description": "wrong-pickup-code, invalid-pickup-qr, invalid-pickup-lines, …"},
    },
)
def complete(
    order_number: str,
    body: CompleteIn,
    db: DB,
    principal: Completer,
    idem: Idem,
    occurred: Occurred,
) -> JSONResponse:
    """Hand the order over: per-line picked / missing / damaged quantities, how the person was
    verified. Exactly once per order, whatever the number of devices.

    Who handed it over is the staff member signed in on the device (``X-Staff-Token``), or,
    for a write queued offline, the one its ``staff_proof`` names; never a name in the body;
    ``completed_at`` is when it happened on the device (``Occurred-At``),
    ``recorded_at`` when the server received it."""
    signer = signer_for(db)

    def work(session: Session) -> tuple[int, Any]:
        pickup = _for_store(session, order_number, principal)
        now = _now()
        status = effective_status(pickup.status, pickup.expires_at, now)
        if status not in COLLECTABLE:
            raise _refuse_state(pickup, status)
        _verify_person(body, pickup, signer)
        picked, missing, damaged = _check_lines(body, pickup)
        target = next_status(
            status, Event.COLLECT_PART if picked < _units(pickup) else Event.COLLECT_ALL
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
            fresh = _for_store(session, order_number, principal)
            raise _refuse_state(fresh, fresh.status)
        session.execute(
            update(Order)
            .where(Order.id == pickup.order_id)
            .values(status="delivered", delivered_at=handed_over, version=Order.version + 1)
        )
        emit(
            session, shapes.pickup_changed(pickup, "pickup.completed", status, target, handed_over)
        )
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

    return run_idempotent(db, principal.key, idem, work)


def _units(pickup: Pickup) -> int:
    return sum(line.quantity for line in pickup.order.lines)


def _verify_person(body: CompleteIn, pickup: Pickup, signer: PickupSigner) -> None:
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
        _check_code(v.pickup_code, pickup)
    elif v.method == "signed_qr":
        _check_qr(signer, v.qr_token or "", pickup)
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


def _check_lines(body: CompleteIn, pickup: Pickup) -> tuple[int, int, int]:
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
