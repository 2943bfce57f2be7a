"""Click-and-collect pickups of the device's store: queue, lookup, QR, check-in, completion.

Every change is a conditional UPDATE on (id, version, status) inside a write session, run
through ``run_idempotent``: two devices completing one order at once get one success and one
``409 pickup-already-completed``; a retry with the same key replays the first answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from central_api.customers.models import Customer
from central_api.orders.models import Order, OrderLine
from central_api.pickups.models import Pickup
from central_api.pickups.qr import signer_for
from central_api.pickups.queries import detail, for_store, summary_fields
from central_api.pickups.rules import (
    ACTIVE,
    COLLECTABLE,
    Status,
    aware,
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
    PickupOfflineOut,
    PickupQrOut,
    PickupSummaryOut,
)
from central_api.pickups.service import QR_GRACE, check_in_pickup, complete_pickup, utc_now
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
    now = utc_now()
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
        rows = [summary_fields(p, now) for p in s.scalars(stmt).unique()]
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
    now = utc_now()
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
                **detail(p, now).model_dump(),
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
    now = utc_now()
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
        return detail(active[0], now)


@router.get("/{order_number}", response_model=PickupDetailOut)
def get_pickup(order_number: str, db: DB, principal: Reader) -> PickupDetailOut:
    with db.session() as s:
        return detail(for_store(s, order_number, principal), utc_now())


# -- writes ------------------------------------------------------------------------------------
@router.post("/{order_number}/qr", response_model=PickupQrOut)
def issue_qr(
    order_number: str, request: Request, db: DB, principal: Reader, idem: Idem
) -> JSONResponse:
    """Sign the pickup QR that the confirmation email carries (resend to the customer).

    The QR is a credential (check-in, hand-over): its replay record keeps it sealed."""
    signer = signer_for(db)

    def work(session: Session) -> tuple[int, Any]:
        pickup = for_store(session, order_number, principal)
        now = utc_now()
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

    return run_idempotent(
        db,
        principal.key,
        idem,
        lambda session: check_in_pickup(session, order_number, body, principal, signer),
    )


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

    return run_idempotent(
        db,
        principal.key,
        idem,
        lambda session: complete_pickup(session, order_number, body, principal, signer, occurred),
    )
