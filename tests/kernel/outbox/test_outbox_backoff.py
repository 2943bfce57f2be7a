"""Exponential backoff with full jitter."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk_app.kernel.outbox import BackoffPolicy


def test_ceiling_doubles_from_base_up_to_the_cap() -> None:
    policy = BackoffPolicy(base_s=0.5, cap_s=5.0)
    assert [policy.ceiling(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.ceiling(10_000) == 5.0


def test_full_jitter_scales_the_ceiling() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=60.0)
    assert policy.delay(3, lambda: 0.0) == 0.0
    assert policy.delay(3, lambda: 0.25) == 2.0


def test_retry_after_is_a_floor_and_is_clamped() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=10.0, max_retry_after_s=600.0)
    assert policy.delay(0, lambda: 0.5, retry_after=30.0) == 30.0
    assert policy.delay(5, lambda: 0.9, retry_after=1.0) == 9.0
    assert policy.delay(0, lambda: 0.5, retry_after=86_400.0) == 600.0
    assert policy.delay(0, lambda: 0.5, retry_after=-3.0) == 0.5


@given(failures=st.integers(0, 200), seed=st.integers(0, 2**32))
def test_delay_never_exceeds_the_cap(failures: int, seed: int) -> None:
    policy = BackoffPolicy(base_s=0.2, cap_s=30.0)
    delay = policy.delay(failures, random.Random(seed).random)
    assert 0.0 <= delay <= 30.0


def test_invalid_policies_are_refused() -> None:
    with pytest.raises(ValueError):
        BackoffPolicy(base_s=0.0)
    with pytest.raises(ValueError):
        BackoffPolicy(base_s=10.0, cap_s=1.0)
