"""The customer's online cart, as other channels change it.

An order placed for a customer in the store (endless aisle) buys what their online cart
held: those quantities leave the cart in the same transaction, so no channel offers to
order them again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from central_api.customers.models import CartLine


def take_from_cart(session: Session, customer_id: int, bought: Iterable[tuple[int, int]]) -> None:
    """Remove ``(product_id, quantity)`` bought by the customer from their online cart."""
    for product_id, quantity in bought:
        line = session.scalars(
            select(CartLine).where(
                CartLine.customer_id == customer_id, CartLine.product_id == product_id
            )
        ).first()
        if line is None:
            continue
        if line.quantity > quantity:
            line.quantity -= quantity
        else:
            session.execute(delete(CartLine).where(CartLine.id == line.id))
