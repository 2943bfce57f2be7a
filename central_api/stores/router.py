from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from central_api.platform.deps import DB, StoresReader
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.problems import not_found
from central_api.stores.models import Location
from central_api.stores.schemas import StoreOut

router = APIRouter(route_class=InlineReadRoute, prefix="/v1/stores", tags=["stores"])


@router.get("", response_model=list[StoreOut])
def list_stores(db: DB, _p: StoresReader) -> list[Location]:
    with db.session() as s:
        return list(s.scalars(select(Location).order_by(Location.code)))


@router.get("/{code}", response_model=StoreOut)
def get_store(code: str, db: DB, _p: StoresReader) -> Location:
    with db.session() as s:
        loc = s.scalars(select(Location).where(Location.code == code.upper())).first()
        if loc is None:
            raise not_found("Store", code)
        return loc
