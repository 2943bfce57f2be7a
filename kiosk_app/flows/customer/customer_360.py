"""Customer 360: everything about the customer in front of you, in one round trip.

:class:`Customer360` starts every panel request at once (profile, online cart, open orders,
recent orders, recommendations) and exposes one :class:`RemoteValue` per panel, so each
panel fills as its own answer arrives and a failed panel fails alone (its own retry).
Opening another customer cancels what is in flight; a stale answer can never overwrite a
newer customer (RemoteValue's generation check, plus cancellation here).

Loyalty codes:

* a static card number is resolved by the API (associate devices only: a card number is
  no proof that its holder is in front of a kiosk);
* a signed ``LOY1`` code is verified OFFLINE with the public key(s) the API publishes,
  fetched once and cached: an expired, forged or malformed code is refused with a clear
  reason and no customer request at all.

Kiosk mode shows only the customer's own profile (masked), cart and recommendations; the
order panels stay idle and are never requested.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk_app.flows.customer.api import CustomerApi
from kiosk_app.kernel.models.customer import (
    Cart,
    CustomerPage,
    CustomerProfile,
    OrderPage,
    OrderSummary,
    Recommendations,
)
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.privacy import mask_profile
from kiosk_app.kernel.remote_state import RemoteValue
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan.results import GS1Element, LoyaltyCard, SignedLoyaltyCode
from kiosk_app.kernel.scan.signed_codes import (
    LOYALTY_PREFIX,
    ExpiredCode,
    ForgedCode,
    MalformedCode,
    NotYetValidCode,
    UnknownKeyId,
    b64url_decode,
    verify_signed_code,
)
from kiosk_app.kernel.scan.store_codes import is_loyalty_card_number

PANELS = ("profile", "cart", "open_orders", "orders", "recommendations")
KIOSK_PANELS = ("profile", "cart", "recommendations")


class RefusalReason(StrEnum):
    EXPIRED = "expired"
    FORGED = "forged"
    MALFORMED = "malformed"
    NOT_YET_VALID = "not_yet_valid"
    KEYS_UNAVAILABLE = "keys_unavailable"
    CARD_NOT_ACCEPTED = "card_not_accepted"  # a static card at a kiosk


class LoyaltyRefusal(Exception):
    """A loyalty code that cannot open a customer; ``detail`` is English, for logs."""

    def __init__(self, reason: RefusalReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class CustomerKey:
    """Which customer to show: ``ref`` is a customer or loyalty number; ``code`` the signed
    code that proves the customer is here (sent by a kiosk), ``source`` how we got it."""

    ref: str
    code: str | None = None
    source: str = "search"  # search | card | signed_code


class LoyaltyVerifier:
    """Checks signed loyalty codes offline; the public keys are fetched once, then cached."""

    def __init__(self, api: CustomerApi, *, clock: Callable[[], float] = time.time) -> None:
        self._api = api
        self._clock = clock
        self._keys: dict[str, Ed25519PublicKey] | None = None
        self._fetching: asyncio.Future[dict[str, Ed25519PublicKey]] | None = None
        self.fetch_count = 0

    @property
    def has_keys(self) -> bool:
        return self._keys is not None

    async def keys(self, *, refresh: bool = False) -> dict[str, Ed25519PublicKey]:
        if self._keys is not None and not refresh:
            return self._keys
        if self._fetching is None or self._fetching.done():
            self._fetching = asyncio.ensure_future(self._fetch())
        # shield: one caller's cancellation must not cancel the fetch the others share
        return await asyncio.shield(self._fetching)

    async def _fetch(self) -> dict[str, Ed25519PublicKey]:
        self.fetch_count += 1
        published = await self._api.loyalty_keys()
        keys = {
            k.kid: Ed25519PublicKey.from_public_bytes(b64url_decode(k.public_key))
            for k in published.keys
            if k.alg == "Ed25519"
        }
        self._keys = keys
        return keys

    async def verify(self, token: str) -> str:
        """The loyalty number a genuine, current code names; :class:`LoyaltyRefusal` if not."""
        try:
            keys = await self.keys()
        except Exception as error:
            raise LoyaltyRefusal(
                RefusalReason.KEYS_UNAVAILABLE, f"cannot fetch the loyalty keys: {error}"
            ) from error
        try:
            try:
                verified = verify_signed_code(
                    token, keys, self._clock(), expected_prefix=LOYALTY_PREFIX
                )
            except UnknownKeyId:  # maybe a key rotation: fetch the keys again, once
                keys = await self.keys(refresh=True)
                verified = verify_signed_code(
                    token, keys, self._clock(), expected_prefix=LOYALTY_PREFIX
                )
        except ExpiredCode as error:
            raise LoyaltyRefusal(RefusalReason.EXPIRED, str(error)) from None
        except NotYetValidCode as error:
            raise LoyaltyRefusal(RefusalReason.NOT_YET_VALID, str(error)) from None
        except ForgedCode as error:
            raise LoyaltyRefusal(RefusalReason.FORGED, str(error)) from None
        except MalformedCode as error:
            raise LoyaltyRefusal(RefusalReason.MALFORMED, str(error)) from None
        number = verified.claims.get("n")
        if not isinstance(number, str) or not is_loyalty_card_number(number):
            raise LoyaltyRefusal(RefusalReason.MALFORMED, "the code names no valid card number")
        return number


def ready_pickups_here(orders: list[OrderSummary]) -> list[OrderSummary]:
    """Open orders whose pickup can be handed over now, in this store."""
    return [o for o in orders if o.pickup is not None and o.pickup.collectable_here]


class Customer360:
    """One RemoteValue per panel; every request for a customer in flight at once."""

    def __init__(
        self,
        api: CustomerApi,
        *,
        mode: str = "associate",
        verifier: LoyaltyVerifier | None = None,
        orders_limit: int = 6,
        recommendations_limit: int = 8,
    ) -> None:
        self.api = api
        self.mode = mode
        self.verifier = verifier or LoyaltyVerifier(api)
        self.orders_limit = orders_limit
        self.recommendations_limit = recommendations_limit
        self.profile: RemoteValue[CustomerProfile] = RemoteValue()
        self.cart: RemoteValue[Cart] = RemoteValue()
        self.open_orders: RemoteValue[list[OrderSummary]] = RemoteValue()
        self.orders: RemoteValue[OrderPage] = RemoteValue()
        self.recommendations: RemoteValue[Recommendations] = RemoteValue()
        self.search_results: RemoteValue[CustomerPage] = RemoteValue()
        self.current: Observable[CustomerKey | None] = Observable(None)
        self.refusal: Observable[LoyaltyRefusal | None] = Observable(None)
        #: online-cart lines (SKUs) the associate will fetch from the shop floor
        self.floor_picks: Observable[frozenset[str]] = Observable(frozenset())
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._opening = 0  # generation of open_* calls, for the offline verification step

    # -- panels ----------------------------------------------------------------------------
    @property
    def kiosk(self) -> bool:
        return self.mode == "kiosk"

    def panel_names(self) -> tuple[str, ...]:
        return KIOSK_PANELS if self.kiosk else PANELS

    def panel(self, name: str) -> RemoteValue[Any]:
        if name not in PANELS:
            raise KeyError(name)
        value: RemoteValue[Any] = getattr(self, name)
        return value

    def _fetcher(self, name: str, key: CustomerKey) -> Callable[[], Awaitable[Any]]:
        api, ref, code = self.api, key.ref, key.code
        if name == "profile":
            return lambda: self._fetch_profile(key)
        if name == "cart":
            return lambda: api.cart(ref, code)
        if name == "open_orders":
            return lambda: api.open_orders(ref)
        if name == "orders":
            return lambda: api.orders(ref, self.orders_limit)
        if name == "recommendations":
            return lambda: api.recommendations(ref, code, self.recommendations_limit)
        raise KeyError(name)

    async def _fetch_profile(self, key: CustomerKey) -> CustomerProfile:
        if key.source == "signed_code" and key.code:
            profile = await self.api.resolve_code(key.code)
        elif key.source == "card":
            profile = await self.api.resolve_number(key.ref)
        else:
            profile = await self.api.profile(key.ref, key.code)
        return mask_profile(profile) if self.kiosk else profile

    # -- bringing the online cart into the store --------------------------------------------
    def toggle_floor_pick(self, sku: str) -> frozenset[str]:
        """Mark (or unmark) a cart line to fetch from the shop floor for the customer."""
        picks = set(self.floor_picks.value)
        picks.symmetric_difference_update({sku})
        self.floor_picks.set(frozenset(picks))
        return self.floor_picks.value

    def lines_to_order(self) -> list[tuple[str, int]]:
        """Cart lines this store cannot hand over now (not enough here): what an
        endless-aisle order should carry, as (sku, quantity). Lines in stock here are
        fetched from the floor instead (``floor_picks``)."""
        state = self.cart.state.value
        cart = getattr(state, "value", None)
        if not isinstance(cart, Cart):
            return []
        return [
            (line.product.sku, line.quantity)
            for line in cart.lines
            if line.availability.here < line.quantity
        ]

    # -- opening ---------------------------------------------------------------------------
    def cancel(self) -> None:
        """Cancel every request in flight (a new customer, or the screen closes)."""
        self._opening += 1
        for task in self._tasks.values():
            task.cancel()
        self._tasks = {}

    def clear(self) -> None:
        """Forget the customer (kiosk idle timeout, sign-out): panels back to Idle."""
        self.cancel()
        for name in PANELS:
            self.panel(name).clear()
        self.current.set(None)
        self.refusal.set(None)
        self.floor_picks.set(frozenset())

    async def open(self, key: CustomerKey) -> None:
        """Start every panel's request at once; returns when the last one has answered."""
        self.cancel()
        self.refusal.set(None)
        if self.current.value is None or self.current.value.ref != key.ref:
            self.floor_picks.set(frozenset())
        self.current.set(key)
        for name in PANELS:
            if name not in self.panel_names():
                self.panel(name).clear()
        label = key.ref
        tasks = {
            name: asyncio.ensure_future(self.panel(name).load(label, self._fetcher(name, key)))
            for name in self.panel_names()
        }
        self._tasks = dict(tasks)
        try:
            await asyncio.gather(*tasks.values())
        except asyncio.CancelledError:
            for task in tasks.values():
                task.cancel()
            raise

    async def open_destination(self, destination: Destination) -> None:
        """Open what a scan routed to "customer" names (card, signed code, GSRN)."""
        scan = destination.scan
        if isinstance(scan, SignedLoyaltyCode):
            await self.open_signed_code(scan.token)
        elif isinstance(scan, LoyaltyCard):
            await self.open_card(scan.number)
        elif isinstance(scan, GS1Element) and scan.gsrn:
            await self.open_card(scan.gsrn)
        elif destination.key.startswith(LOYALTY_PREFIX + "."):
            await self.open_signed_code(destination.key)
        else:
            await self.open_card(destination.key)

    async def open_card(self, number: str) -> None:
        """A static loyalty card: the API resolves it (never at a kiosk)."""
        if self.kiosk:
            self._refuse(
                LoyaltyRefusal(
                    RefusalReason.CARD_NOT_ACCEPTED,
                    "a kiosk only accepts the signed code from the customer's app",
                )
            )
            return
        await self.open(CustomerKey(number, None, "card"))

    async def open_signed_code(self, token: str) -> None:
        """Verify offline first; a refused code makes no customer request."""
        self.cancel()
        mine = self._opening
        try:
            number = await self.verifier.verify(token)
        except LoyaltyRefusal as refusal:
            if mine == self._opening:
                self._refuse(refusal)
            return
        if mine != self._opening:  # a newer customer was opened while we fetched keys
            return
        await self.open(CustomerKey(number, token, "signed_code"))

    async def search(self, query: str) -> CustomerPage | None:
        """Search by name, e-mail, phone or number (associate only; a kiosk never lists)."""
        text = query.strip()
        if self.kiosk or len(text) < 2:
            self.search_results.clear()
            return None
        return await self.search_results.load(text, lambda: self.api.search(text))

    async def open_customer(self, customer_number: str) -> None:
        """From a search result (associate)."""
        await self.open(CustomerKey(customer_number, None, "search"))

    def _refuse(self, refusal: LoyaltyRefusal) -> None:
        self.cancel()
        for name in PANELS:
            self.panel(name).clear()
        self.current.set(None)
        self.refusal.set(refusal)

    async def refresh(self, names: tuple[str, ...] = ("cart", "open_orders", "orders")) -> None:
        """Something this customer did went through (an order placed for them, a pickup
        handed over, a return): fetch those panels again, in place."""
        if self.current.value is None:
            return
        shown = [name for name in names if name in self.panel_names()]
        await asyncio.gather(*(self.panel(name).refresh() for name in shown))

    async def retry(self, name: str) -> None:
        """Load one panel again (its Retry button); the other panels are left alone."""
        if name not in self.panel_names() or self.current.value is None:
            return
        previous = self._tasks.get(name)
        if previous is not None and not previous.done():
            previous.cancel()
        task = asyncio.ensure_future(self.panel(name).retry())
        self._tasks[name] = task
        await task
