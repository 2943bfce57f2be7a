"""Problem details and the engine's plain-Python event streams."""

from __future__ import annotations

import pytest

from kiosk_app.kernel.outbox import EventStream, Problem


def test_problem_from_a_problem_json_body_keeps_extensions() -> None:
    body = {"type": "https://x/problems/p", "title": "T", "status": 409, "detail": "D", "at": 1}
    problem = Problem.from_body(409, body)
    assert (problem.type, problem.title, problem.status, problem.detail) == (
        "https://x/problems/p",
        "T",
        409,
        "D",
    )
    assert problem.extensions == {"at": 1}
    assert Problem.from_json(problem.to_json()) == problem
    assert problem.summary() == "409 T: D"


def test_the_http_status_wins_over_the_bodys() -> None:
    assert Problem.from_body(422, {"status": 400}).status == 422
    assert Problem.from_body(None, {"status": 400}).status == 400


def test_a_non_json_error_page_still_makes_a_problem() -> None:
    problem = Problem.from_body(502, "<html>Bad gateway</html>")
    assert (problem.type, problem.status, problem.detail) == (
        "about:blank",
        502,
        "<html>Bad gateway</html>",
    )
    assert Problem.from_body(500, None).summary() == "500 about:blank"


@pytest.mark.usefixtures("expect_log_errors")
def test_a_failing_subscriber_does_not_stop_the_others() -> None:
    stream: EventStream[int] = EventStream()
    heard: list[int] = []

    def broken(value: int) -> None:
        raise RuntimeError("view gone")

    stream.subscribe(broken)
    unsubscribe = stream.subscribe(heard.append)
    stream.emit(1)
    unsubscribe()
    stream.emit(2)
    assert heard == [1]
