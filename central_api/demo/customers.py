"""Customers with loyalty, consents, addresses and online carts."""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from central_api.catalog.models import Product
from central_api.customers.models import Address, CartLine, Customer
from central_api.customers.rules import tier_for
from central_api.demo.people import FIRST_NAMES, LAST_NAMES, STREETS
from central_api.stores.models import Location

LOYALTY_PREFIX = "7810"


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def loyalty_number(serial: int) -> str:
    body = LOYALTY_PREFIX + str(serial).zfill(11)
    return body + luhn_check_digit(body)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def generate_customers(
    session: Session,
    rng: random.Random,
    now: datetime,
    stores: list[Location],
    products: list[Product],
    count: int = 240,
) -> list[Customer]:
    customers: list[Customer] = []
    used_emails: set[str] = set()
    for i in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{_ascii(first)}.{_ascii(last)}@example.com"
        n = 2
        while email in used_emails:
            email = f"{_ascii(first)}.{_ascii(last)}{n}@example.com"
            n += 1
        used_emails.add(email)
        points = int(rng.paretovariate(1.3) * 300) if rng.random() > 0.1 else 0
        store = rng.choice(stores)
        customer = Customer(
            customer_number=f"C{i:07d}",
            loyalty_number=loyalty_number(1000 + i * 7),
            first_name=first,
            last_name=last,
            email=email,
            phone="+336" + "".join(str(rng.randint(0, 9)) for _ in range(8)),
            tier=tier_for(points),
            points=points,
            consent_email=rng.random() < 0.6,
            consent_sms=rng.random() < 0.3,
            preferred_store_id=store.id,
            created_at=now - timedelta(days=rng.randint(30, 2000)),
        )
        customer.addresses = [
            Address(
                label="Domicile",
                line1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                line2=None if rng.random() < 0.8 else f"Appartement {rng.randint(1, 60)}",
                postcode=store.postcode[:2] + str(rng.randint(0, 999)).zfill(3),
                city=store.city,
                country="FR",
            )
        ]
        if rng.random() < 0.25:
            customer.addresses.append(
                Address(
                    label="Travail",
                    line1=f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
                    line2=None,
                    postcode=store.postcode,
                    city=store.city,
                    country="FR",
                )
            )
        customers.append(customer)
    session.add_all(customers)
    session.flush()
    # About 40 % have something in their online cart.
    for customer in customers:
        if rng.random() < 0.4:
            for product in rng.sample(products, rng.randint(1, 4)):
                session.add(
                    CartLine(
                        customer_id=customer.id,
                        product_id=product.id,
                        quantity=rng.choice((1, 1, 1, 2)),
                        added_at=now - timedelta(hours=rng.randint(1, 24 * 20)),
                    )
                )
    return customers
