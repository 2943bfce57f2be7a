from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, or_, select

from central_api.catalog.gtin import normalise_gtin
from central_api.catalog.models import Product
from central_api.catalog.queries import availability, available_by_product, find_product
from central_api.catalog.schemas import AvailabilityOut, ProductOut, ProductPage, VariantOut
from central_api.platform.deps import DB, CatalogReader, StockReader
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.like import ESCAPE, contains
from central_api.platform.problems import Problem, not_found
from central_api.stores.queries import place_by_code

router = APIRouter(route_class=InlineReadRoute, prefix="/v1/products", tags=["products"])


@router.get("", response_model=ProductPage)
def search_products(
    db: DB,
    _p: CatalogReader,
    q: Annotated[str | None, Query(max_length=100)] = None,
    category: Annotated[str | None, Query(max_length=80)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ProductPage:
    stmt = select(Product)
    if q:
        like = contains(q.strip().lower())
        stmt = stmt.where(
            or_(
                func.lower(Product.name).like(like, escape=ESCAPE),
                func.lower(Product.brand).like(like, escape=ESCAPE),
                func.lower(Product.sku).like(like, escape=ESCAPE),
                Product.gtin.like(contains(q.strip()), escape=ESCAPE),
            )
        )
    if category:
        stmt = stmt.where(Product.category == category)
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        items = s.scalars(
            stmt.order_by(Product.style_code, Product.colour, Product.size_rank)
            .limit(limit)
            .offset(offset)
        ).all()
        return ProductPage(
            items=[ProductOut.model_validate(p) for p in items],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/gtin/{gtin}", response_model=ProductOut)
def product_by_gtin(gtin: str, db: DB, _p: CatalogReader) -> Product:
    normalised = normalise_gtin(gtin)
    if normalised is None:
        raise Problem(
            422,
            "invalid-gtin",
            "Invalid GTIN",
            f"{gtin!r} is not a valid GTIN-8/12/13/14 (length or check digit).",
        )
    with db.session() as s:
        product = s.scalars(select(Product).where(Product.gtin == normalised)).first()
        if product is None:
            raise not_found("Product", gtin)
        return product


@router.get("/sku/{sku}", response_model=ProductOut)
def product_by_sku(sku: str, db: DB, _p: CatalogReader) -> ProductOut:
    with db.reading() as s:
        return ProductOut.model_validate(find_product(s, sku))


@router.get("/sku/{sku}/variants", response_model=list[VariantOut])
def variants(
    sku: str,
    db: DB,
    principal: StockReader,
    store: Annotated[str | None, Query(max_length=16)] = None,
) -> list[VariantOut]:
    """Every variant of the product's style, with what is available in ``store``."""
    with db.session() as s:
        product = find_product(s, sku)
        here = place_by_code(s, store or principal.store_code)
        siblings = s.scalars(
            select(Product)
            .where(Product.style_code == product.style_code)
            .order_by(Product.colour, Product.size_rank)
        ).all()
        avail = available_by_product(s, here.id, [p.id for p in siblings])
        return [
            VariantOut(
                **ProductOut.model_validate(p).model_dump(), available_here=avail.get(p.id, 0)
            )
            for p in siblings
        ]


@router.get("/sku/{sku}/availability", response_model=AvailabilityOut)
def product_availability(
    sku: str,
    db: DB,
    principal: StockReader,
    store: Annotated[str | None, Query(max_length=16)] = None,
) -> AvailabilityOut:
    """Stock here, in other stores by distance from ``store``, and in warehouses."""
    with db.session() as s:
        product = find_product(s, sku)
        here = place_by_code(s, store or principal.store_code)
        return availability(s, product, here)
