"""Start the reference central API as a child process (``kiosk-app --demo``, tests, bench).

The child binds port 0 and prints one JSON line with its URL; we wait for that line and
then for ``/v1/health`` to answer. The child dies with us (it is terminated on stop, and
it is put in its own process group so a Ctrl+C in the terminal reaches it only through us).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx


class DemoServerError(RuntimeError):
    pass


@dataclass
class DemoServer:
    url: str
    db_url: str
    process: subprocess.Popen[str]
    log_path: Path | None = None
    _stderr_lines: list[str] = field(default_factory=list)

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_demo_server(
    *,
    db_url: str | None = None,
    seed: int = 42,
    latency_ms: int = 0,
    enrollment_token: str = "demo-enrollment",
    timeout_s: float = 60.0,
    extra_args: list[str] | None = None,
    port: int = 0,
    staff_sign_in: str = "optional",
    workers: int = 1,
) -> DemoServer:
    """Start the reference API. ``staff_sign_in`` defaults to "optional" here (tests and
    benchmarks act as a device); ``kiosk-app --demo`` asks for "required", as in a store.
    ``workers`` above 1 serves from that many processes (Linux; benchmarks)."""
    cmd = [
        sys.executable,
        "-m",
        "central_api",
        "--port",
        str(port),
        "--seed",
        str(seed),
        "--latency-ms",
        str(latency_ms),
        "--enrollment-token",
        enrollment_token,
        "--staff-sign-in",
        staff_sign_in,
    ]
    if db_url:
        cmd += ["--db", db_url]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    cmd += extra_args or []
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    stderr_lines: list[str] = []

    def _drain_stderr() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            stderr_lines.append(line)
            del stderr_lines[:-200]

    threading.Thread(target=_drain_stderr, daemon=True).start()
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_s
    line = process.stdout.readline()
    if not line:
        process.wait(5)
        raise DemoServerError("The demo central API did not start:\n" + "".join(stderr_lines[-20:]))
    threading.Thread(target=lambda: process.stdout and process.stdout.read(), daemon=True).start()
    try:
        info = json.loads(line)
        url, db = info["url"], info["db"]
    except (ValueError, KeyError) as exc:
        process.kill()
        raise DemoServerError(f"Unexpected first line from the demo API: {line!r}") from exc
    server = DemoServer(url=url, db_url=db, process=process, _stderr_lines=stderr_lines)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DemoServerError("The demo central API exited:\n" + "".join(stderr_lines[-20:]))
        try:
            if httpx.get(url + "/v1/health", timeout=1.0).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    server.stop()
    raise DemoServerError(f"The demo central API did not answer within {timeout_s:.0f} s.")
