"""The pickup state machine, every (status, event) pair, and the verification policy."""

from __future__ import annotations

import itertools

import pytest

from central_api.pickups import rules as pickup_rules
from kiosk_app.flows.pickup.rules import (
    ACTIVE,
    COLLECTABLE,
    COMPLETED,
    TERMINAL,
    PickupEvent,
    PickupStatus,
    TransitionRefused,
    VerificationMethod,
    accepted_methods,
    allowed_events,
    apply,
    can,
    collect_event,
    same_person_name,
)

S, E = PickupStatus, PickupEvent
EXPECTED: dict[tuple[PickupStatus, PickupEvent], PickupStatus] = {
    (S.PREPARING, E.MARK_READY): S.READY,
    (S.PREPARING, E.CANCEL): S.CANCELLED,
    (S.READY, E.CHECK_IN): S.CUSTOMER_WAITING,
    (S.READY, E.COLLECT_ALL): S.COLLECTED,
    (S.READY, E.COLLECT_PART): S.PARTIALLY_COLLECTED,
    (S.READY, E.CANCEL): S.CANCELLED,
    (S.READY, E.EXPIRE): S.EXPIRED,
    (S.CUSTOMER_WAITING, E.CHECK_IN): S.CUSTOMER_WAITING,
    (S.CUSTOMER_WAITING, E.COLLECT_ALL): S.COLLECTED,
    (S.CUSTOMER_WAITING, E.COLLECT_PART): S.PARTIALLY_COLLECTED,
    (S.CUSTOMER_WAITING, E.CANCEL): S.CANCELLED,
    (S.CUSTOMER_WAITING, E.EXPIRE): S.EXPIRED,
}


@pytest.mark.parametrize(("status", "event"), list(itertools.product(S, E)))
def test_every_pair(status: PickupStatus, event: PickupEvent) -> None:
    expected = EXPECTED.get((status, event))
    assert can(status, event) is (expected is not None)
    if expected is None:
        with pytest.raises(TransitionRefused):
            apply(status, event)
    else:
        assert apply(status, event) is expected


@pytest.mark.parametrize(("status", "event"), list(itertools.product(S, E)))
def test_server_and_app_agree(status: PickupStatus, event: PickupEvent) -> None:
    server = pickup_rules.next_status(status.value, pickup_rules.Event(event.value))
    assert (server.value if server else None) == (
        EXPECTED[(status, event)].value if (status, event) in EXPECTED else None
    )


def test_terminal_states_have_no_way_out_and_collection_happens_once() -> None:
    assert {S.COLLECTED, S.PARTIALLY_COLLECTED, S.CANCELLED, S.EXPIRED} == TERMINAL
    for status in TERMINAL:
        assert allowed_events(status) == frozenset()
    assert set(S) == ACTIVE | TERMINAL and not ACTIVE & TERMINAL
    for status in COMPLETED:
        for event in (E.COLLECT_ALL, E.COLLECT_PART):
            assert not can(status, event)
    # every path through the machine collects at most once
    for path in itertools.product(E, repeat=4):
        for start in ACTIVE:
            status, collections = start, 0
            for event in path:
                if can(status, event):
                    status = apply(status, event)
                    collections += event in (E.COLLECT_ALL, E.COLLECT_PART)
            assert collections <= 1
    assert {s for s in S if can(s, E.COLLECT_ALL)} == COLLECTABLE


def test_collect_event() -> None:
    assert collect_event(3, 3) is E.COLLECT_ALL
    assert collect_event(1, 3) is E.COLLECT_PART
    for bad in ((0, 3), (4, 3), (-1, 3)):
        with pytest.raises(ValueError):
            collect_event(*bad)


def test_verification_policy_matches_the_server() -> None:
    M = VerificationMethod
    assert accepted_methods("pickup_code", False) == (M.PICKUP_CODE, M.SIGNED_QR, M.ID_CHECK)
    assert accepted_methods("signed_qr", False) == (M.PICKUP_CODE, M.SIGNED_QR, M.ID_CHECK)
    assert accepted_methods("id_check", False) == (M.ID_CHECK,)
    assert accepted_methods("id_check", True) == (M.ID_CHECK, M.ALTERNATE_PERSON)
    for configured in ("pickup_code", "signed_qr", "id_check"):
        for alternate in (False, True):
            assert [m.value for m in accepted_methods(configured, alternate)] == list(
                pickup_rules.accepted_methods(configured, alternate)
            )
    assert same_person_name("  anne   MOREL ", "Anne Morel")
    assert not same_person_name("", "Anne Morel")
    assert not same_person_name("Anne Roux", "Anne Morel")
