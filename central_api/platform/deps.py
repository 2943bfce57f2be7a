"""Shared FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from central_api.platform.auth import Principal, require
from central_api.platform.db import Database


async def get_db(request: Request) -> Database:
    """A coroutine: nothing blocks here, so no hop to the thread pool."""
    db: Database = request.app.state.db
    return db


DB = Annotated[Database, Depends(get_db)]
CatalogReader = Annotated[Principal, Depends(require("catalog:read"))]
StockReader = Annotated[Principal, Depends(require("stock:read"))]
StoresReader = Annotated[Principal, Depends(require("stores:read"))]
