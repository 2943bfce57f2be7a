"""Start the reference central API as a child process (``kiosk-app --demo``, tests, bench).

The child binds port 0 and prints one JSON line with its URL; we wait for that line and
then for ``/v1/health`` to answer. The child dies with us (it is terminated on stop, and
it is put in its own process group so a Ctrl+C in the terminal reaches it only through us).
Without a ``db_url`` (nor ``KIOSK_API_DB``) the demo database goes in a temporary folder of
ours (in ``TMPDIR``), removed on stop once the child has exited, and when the start fails
or is interrupted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
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
    temp_dir: Path | None = None  # ours to remove: the fresh demo database's folder
    _stderr_lines: list[str] = field(default_factory=list)

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the child (kill it after ``timeout``), then remove our temporary folder."""
        _stop(self.process, timeout)
        if self.temp_dir is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _stop(process: subprocess.Popen[str], timeout: float) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)


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
    temp_dir = None
    if not db_url and not os.environ.get("KIOSK_API_DB"):  # that one is the server's default
        temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-demo-api-"))
        db_url = f"sqlite:///{temp_dir / 'central.db'}"
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
    try:
        process = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            start_new_session=True,
        )
    except BaseException:
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)
        raise
    server = DemoServer(url="", db_url=db_url or "", process=process, temp_dir=temp_dir)
    try:
        _wait_until_serving(server, timeout_s)
    except BaseException:  # a failed start, or Ctrl+C / SIGTERM while waiting: leave nothing
        server.stop()
        raise
    return server


def _wait_until_serving(server: DemoServer, timeout_s: float) -> None:
    """Read the child's first line (its URL) into ``server``, then wait for its health."""
    process = server.process
    stderr_lines = server._stderr_lines

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
        server.url, server.db_url = info["url"], info["db"]
    except (ValueError, KeyError) as exc:
        raise DemoServerError(f"Unexpected first line from the demo API: {line!r}") from exc
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DemoServerError("The demo central API exited:\n" + "".join(stderr_lines[-20:]))
        try:
            if httpx.get(server.url + "/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise DemoServerError(f"The demo central API did not answer within {timeout_s:.0f} s.")
