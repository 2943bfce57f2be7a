"""Customer 360: profile and loyalty, online cart, orders, recommendations, loyalty codes.

Who may read what:

* associate devices (scope ``customers:read``) search customers and read everything;
* kiosk devices (scope ``customers:self``) never list or search: they read one customer's
  profile (masked), cart and recommendations only with a genuine, current signed loyalty
  code naming that customer, passed as ``code``.

``{ref}`` in the paths is a customer number (``C0000001``) or a loyalty card number
(16 digits), so a scanned card opens every panel at once without a lookup first.
Stock "here" is always the calling device's store.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from central_api.catalog.queries import find_product
from central_api.catalog.schemas import ProductOut
from central_api.customers.access import Signer, authorise, refuse_kiosk, verified_number
from central_api.customers.loyalty import LOYALTY_CODE_PREFIX
from central_api.customers.models import Customer
from central_api.customers.queries import (
    CART_LINES,
    PRODUCTS_BY_SKUS,
    find_customer,
    find_customer_ids,
    open_order_summaries,
    order_page,
)
from central_api.customers.recommendations import for_customer, for_product
from central_api.customers.rules import (
    LOYALTY_NUMBER,
)
from central_api.customers.schemas import (
    AvailabilityBatchIn,
    AvailabilityBatchOut,
    CartLineOut,
    CartOut,
    CustomerOut,
    CustomerPageOut,
    CustomerSummaryOut,
    LoyaltyCodeIn,
    LoyaltyCodeOut,
    LoyaltyKeyOut,
    LoyaltyKeysOut,
    OrderPageOut,
    OrderSummaryOut,
    RecommendationsOut,
)
from central_api.customers.service import availability_for, profile, recommendations_out
from central_api.platform.auth import Principal, current_principal, require
from central_api.platform.deps import DB
from central_api.platform.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.like import ESCAPE, contains
from central_api.platform.problems import Problem
from central_api.platform.sealed_replies import open_sealed, sealed_field

router = APIRouter(route_class=InlineReadRoute, prefix="/v1", tags=["customers"])

Associate = Annotated[Principal, Depends(require("customers:read"))]
AnyDevice = Annotated[Principal, Depends(current_principal)]
CodeParam = Annotated[str | None, Query(max_length=1024, description="Signed LOY1 code (kiosk)")]


# -- endpoints ----------------------------------------------------------------------------
@router.get("/customers", response_model=CustomerPageOut)
def search_customers(
    db: DB,
    _p: Associate,
    q: Annotated[str, Query(min_length=2, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> CustomerPageOut:
    """Search by name ("marie dupont"), e-mail, phone or loyalty / customer number."""
    text = q.strip().lower()
    digits = re.sub(r"[^0-9]", "", text)
    conditions: list[Any] = [func.lower(Customer.email).like(contains(text), escape=ESCAPE)]
    words = [w for w in re.split(r"\s+", text) if w]
    if words:
        full = func.lower(Customer.first_name + " " + Customer.last_name)
        conditions.append(
            func.lower(Customer.last_name + " " + Customer.first_name).like(
                contains(text), escape=ESCAPE
            )
        )
        name_match = [full.like(contains(w), escape=ESCAPE) for w in words]
        conditions.append(name_match[0] if len(name_match) == 1 else and_(*name_match))
    if len(digits) >= 4:
        conditions.append(Customer.loyalty_number.like(f"%{digits}%"))
        phone_digits = digits[1:] if digits.startswith("0") else digits
        conditions.append(Customer.phone.like(f"%{phone_digits}%"))
    conditions.append(func.lower(Customer.customer_number) == text)
    stmt = select(Customer).where(or_(*conditions))
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        found = s.scalars(
            stmt.options(selectinload(Customer.addresses))
            .order_by(Customer.last_name, Customer.first_name, Customer.customer_number)
            .limit(limit)
            .offset(offset)
        ).all()
        return CustomerPageOut(
            items=[
                CustomerSummaryOut(
                    customer_number=c.customer_number,
                    loyalty_number=c.loyalty_number,
                    first_name=c.first_name,
                    last_name=c.last_name,
                    email=c.email,
                    phone=c.phone,
                    city=c.addresses[0].city if c.addresses else None,
                    tier=c.tier,
                    points=c.points,
                )
                for c in found
            ],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/customers/{ref}", response_model=CustomerOut)
def get_customer(
    ref: str, db: DB, principal: AnyDevice, sign: Signer, code: CodeParam = None
) -> CustomerOut:
    """Profile, loyalty tier and points, consents, addresses (masked for a kiosk)."""
    with db.reading() as s:
        customer = find_customer(s, ref)
        masked = authorise(principal, customer, code, sign)
        return profile(s, customer, masked)


@router.get("/customers/{ref}/cart", response_model=CartOut)
def get_cart(
    ref: str, db: DB, principal: AnyDevice, sign: Signer, code: CodeParam = None
) -> CartOut:
    """The online cart with stock here and the nearest other store having each line."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)
        authorise(principal, customer, code, sign)
        lines = s.execute(CART_LINES, {"customer_id": customer.id}).all()  # line + product
        stock = availability_for(s, principal.store_id, lines)
        out_lines = [
            CartLineOut(
                product=ProductOut.model_validate(line),
                quantity=line.quantity,
                added_at=line.added_at,
                line_total=line.price * line.quantity,
                availability=stock[line.id],
            )
            for line in lines
        ]
        return CartOut(
            customer_number=customer.customer_number,
            store_code=principal.store_code,
            lines=out_lines,
            item_count=sum(line.quantity for line in out_lines),
            total=sum((line.line_total for line in out_lines), start=Decimal("0.00")),
            currency=lines[0].currency if lines else "EUR",
        )


@router.get("/customers/{ref}/orders", response_model=OrderPageOut)
def get_orders(
    ref: str,
    db: DB,
    principal: Associate,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> OrderPageOut:
    """Order history, online and in store, newest first."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)  # the caller's store is known: no store lookup
        items, total = order_page(s, principal.store_id, customer.id, limit=limit, offset=offset)
        return OrderPageOut(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/customers/{ref}/open-orders", response_model=list[OrderSummaryOut])
def get_open_orders(ref: str, db: DB, principal: Associate) -> list[OrderSummaryOut]:
    """Orders not finished yet, pickups at this store first (ready ones before the others)."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)
        out = open_order_summaries(s, principal.store_id, customer.id)
        rank = {"ready": 0, "customer_waiting": 0, "preparing": 1}

        def key(o: OrderSummaryOut) -> tuple[int, int]:
            if o.pickup is None:
                return (3, 0)
            return (0 if o.pickup.at_this_store else 2, rank.get(o.pickup.status, 1))

        return sorted(out, key=key)  # stable: newest first inside each group


@router.get("/customers/{ref}/recommendations", response_model=RecommendationsOut)
def customer_recommendations(
    ref: str,
    db: DB,
    principal: AnyDevice,
    sign: Signer,
    code: CodeParam = None,
    limit: Annotated[int, Query(ge=1, le=24)] = 8,
) -> RecommendationsOut:
    """From co-purchases of what they bought and have in their cart; not what they own."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)
        authorise(principal, customer, code, sign)
        recs = for_customer(s, customer.id, principal.store_id, limit)
        return recommendations_out(principal.store_code, "customer", recs)


@router.get("/products/sku/{sku}/recommendations", response_model=RecommendationsOut)
def product_recommendations(
    sku: str,
    db: DB,
    principal: Annotated[Principal, Depends(require("catalog:read"))],
    limit: Annotated[int, Query(ge=1, le=24)] = 8,
) -> RecommendationsOut:
    """'Goes well with': styles most often bought together with this one."""
    with db.reading() as s:
        product = find_product(s, sku)
        recs = for_product(s, product, principal.store_id, limit)
        return recommendations_out(principal.store_code, "product", recs)


@router.post("/availability/batch", response_model=AvailabilityBatchOut)
def availability_batch(
    body: AvailabilityBatchIn,
    db: DB,
    principal: Annotated[Principal, Depends(require("stock:read"))],
) -> AvailabilityBatchOut:
    """Many SKUs in one call (a whole cart): here, nearest store having it, warehouse.

    A read: it changes nothing, so it needs no Idempotency-Key (one is accepted).
    """
    wanted = list(dict.fromkeys(s.strip().upper() for s in body.skus if s.strip()))
    with db.reading() as s:
        products = s.execute(PRODUCTS_BY_SKUS, {"skus": wanted}).all()
        by_sku = {p.sku.upper(): p for p in products}
        stock = availability_for(s, principal.store_id, products)
        return AvailabilityBatchOut(
            store_code=principal.store_code,
            items=[stock[by_sku[sku].id] for sku in wanted if sku in by_sku],
            unknown=[sku for sku in wanted if sku not in by_sku],
        )


@router.get("/loyalty/keys", response_model=LoyaltyKeysOut)
def loyalty_keys(_p: AnyDevice, sign: Signer) -> LoyaltyKeysOut:
    """The Ed25519 public keys that check signed loyalty codes offline (every live key id:
    the current one and those retired recently enough that their codes have not expired)."""
    return LoyaltyKeysOut(
        prefix=LOYALTY_CODE_PREFIX,
        keys=[
            LoyaltyKeyOut(kid=kid, alg="Ed25519", public_key=public)
            for kid, public in sign.public_keys().items()
        ],
    )


@router.get("/loyalty/resolve", response_model=CustomerOut)
def resolve_loyalty(
    db: DB,
    principal: AnyDevice,
    sign: Signer,
    number: Annotated[str | None, Query(max_length=32)] = None,
    code: CodeParam = None,
) -> CustomerOut:
    """Loyalty card number (associate) or signed code (any device) → the customer's profile."""
    if code:
        loyalty_number = verified_number(code, sign)
    elif number:
        if "customers:read" not in principal.scopes:
            raise refuse_kiosk(principal, "only accepts the signed code from the customer's app")
        loyalty_number = re.sub(r"\s", "", number)
        if not LOYALTY_NUMBER.fullmatch(loyalty_number):
            raise Problem(
                422, "validation", "Invalid request", "number: a loyalty number has 16 digits"
            )
    else:
        raise Problem(422, "validation", "Invalid request", "Give number or code.")
    with db.reading() as s:
        customer = find_customer(s, loyalty_number)
        masked = authorise(principal, customer, code, sign)
        return profile(s, customer, masked)


@router.post("/customers/{ref}/loyalty-code", status_code=201, response_model=LoyaltyCodeOut)
def issue_loyalty_code(
    ref: str,
    request: Request,
    db: DB,
    principal: Annotated[Principal, Depends(require("loyalty:issue"))],
    sign: Signer,
    idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
    body: LoyaltyCodeIn | None = None,
) -> JSONResponse:
    """A signed short-lived ``LOY1`` code for the customer (what their phone app shows); its
    replay record keeps it sealed (``central_api.platform.sealed_replies``)."""
    ttl = (body or LoyaltyCodeIn()).ttl_s

    def work(session: Session) -> tuple[int, Any]:
        customer = find_customer(session, ref)
        code, iat, exp = sign.issue(customer.loyalty_number, ttl_s=ttl)
        out = LoyaltyCodeOut(code="", kid=sign.kid, issued_at=iat, expires_at=exp)
        return 201, {**out.model_dump(exclude={"code"}), **sealed_field(request, "code", code)}

    return open_sealed(request, run_idempotent(db, principal.key, idem, work), "code")
