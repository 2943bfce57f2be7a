"""``kiosk-app doctor``: is this device ready to work? One verdict line per check.

    kiosk-app doctor [--config FILE] [--api-url URL] [--json] [--bundle support.zip]

Checks: configuration (files, layering, errors with file:line), enrollment, API
reachability and TLS, clock skew against the API's Date header, keyring backend, barcode
decoder backends (a real decode of a generated code), camera, outbox backlog, disk space,
log folder, provisioning trust key. Each prints ``OK``, ``WARN`` or ``FAIL`` with what to
do, or ``SKIPPED`` with why it could not run (``--no-camera``; the device identity without a
token or an API to ask): a skipped check is never counted as passed. The last line counts
them. Exit code: 0 when nothing FAILs (warnings and skipped checks allowed), 1 when any
check FAILs (an invalid config file included), 2 for bad arguments.

``--bundle FILE.zip`` also writes a support bundle (``support_bundle``): the report,
redacted effective settings with their sources, the config files with secrets removed, the
logs and the versions of everything. Nothing in it can enroll a device or call the API.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import sqlite3
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal, get_args

import httpx

from kiosk_app import __version__
from kiosk_app.cli.support_bundle import write_bundle
from kiosk_app.kernel.config import (
    ConfigError,
    LoadedSettings,
    Settings,
    load_settings_with_sources,
)
from kiosk_app.kernel.logging_setup import log_files

Status = Literal["OK", "WARN", "FAIL", "SKIPPED"]
STATUS_WIDTH = len("SKIPPED")  # the widest status
NAME_WIDTH = len("provisioning")  # the longest check name
SKEW_WARN_S = 30.0  # signed customer codes tolerate 30 s
SKEW_FAIL_S = 300.0
DISK_FAIL_BYTES = 200 * 1024 * 1024
DISK_WARN_BYTES = 1024 * 1024 * 1024
BACKLOG_WARN = 50
OLDEST_WARN_S = 3600.0


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    message: str
    fix: str = ""

    def line(self) -> str:
        """``STATUS  name  message`` in columns (as wide as SKIPPED and the longest name)."""
        text = f"{self.status:<{STATUS_WIDTH}}  {self.name:<{NAME_WIDTH}}  {self.message}"
        indent = " " * (STATUS_WIDTH + 2 + NAME_WIDTH + 2)  # what to do: under the message
        return text + (f"\n{indent}-> {self.fix}" if self.fix else "")


@dataclass
class Context:
    loaded: LoadedSettings | None
    config_file: Path | None
    health_response: httpx.Response | None = None
    device_token: tuple[tuple[str, str] | None] | None = None  # looked up once (the keyring)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-app doctor",
        description="Check that this device is ready: one OK/WARN/FAIL line per check, "
        "SKIPPED (with why) for a check that could not run.",
        epilog="exit codes: 0 nothing failed (warnings and skipped checks allowed), "
        "1 a check failed, 2 bad arguments",
    )
    parser.add_argument("--config", type=Path, help="user config file (default: see README)")
    parser.add_argument("--api-url", help="check this API instead of the configured one")
    parser.add_argument("--json", action="store_true", help="print the checks as JSON")
    parser.add_argument(
        "--bundle", type=Path, metavar="FILE.zip", help="also write a redacted support bundle"
    )
    parser.add_argument("--no-camera", action="store_true", help="skip the camera check")
    return parser


# -- checks ----------------------------------------------------------------------------------
def check_config(ctx: Context) -> Check:
    if ctx.loaded is None:
        raise AssertionError("handled by run_checks")
    files = ", ".join(str(f) for f in ctx.loaded.files) or "none (defaults and environment)"
    s = ctx.loaded.settings
    return Check(
        "config", "OK", f"store {s.store_code}, mode {s.mode}, API {s.api_url}; files: {files}"
    )


def _device_token(ctx: Context) -> tuple[str, str] | None:
    """(where, token) of the token the app starts with: its credential store (where the
    app keeps it after enrolling), else the configuration; None: not enrolled."""
    if ctx.device_token is None:
        from kiosk_app.app import build_app
        from kiosk_app.kernel.security.enrollment import stored_device_token

        s = _settings(ctx)
        ctx.device_token = (stored_device_token(s, build_app(s).credentials),)
    return ctx.device_token[0]


def check_enrollment(ctx: Context) -> Check:
    s = _settings(ctx)
    stored = _device_token(ctx)
    if stored is not None:
        return Check("enrollment", "OK", f"device token in the {stored[0]}")
    if s.enrollment_token:
        return Check("enrollment", "OK", "enrollment token configured: enrolls at start")
    return Check(
        "enrollment",
        "WARN",
        "not enrolled: the app opens its first-run screen",
        "scan a provisioning QR made with 'kiosk-app provision' on the device",
    )


def _tls_problem(exc: BaseException) -> str | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return str(seen.reason or seen)
        text = str(seen)
        if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
            return text
        seen = seen.__cause__ or seen.__context__
    return None


def check_api(ctx: Context) -> Check:
    s = _settings(ctx)
    url = s.api_url + "/v1/health"
    started = time.monotonic()
    try:
        with httpx.Client(
            timeout=httpx.Timeout(s.request_timeout_s, connect=s.connect_timeout_s)
        ) as http:
            response = http.get(url)
    except httpx.HTTPError as exc:
        tls = _tls_problem(exc)
        if tls:
            return Check(
                "api",
                "FAIL",
                f"TLS failed for {s.api_url}: {tls}",
                "install the company CA in the system store or fix the certificate",
            )
        return Check(
            "api",
            "FAIL",
            f"cannot reach {s.api_url}: {exc.__class__.__name__} {exc}",
            "check the network, proxy and api_url",
        )
    elapsed_ms = (time.monotonic() - started) * 1000
    if response.status_code != 200:
        return Check(
            "api",
            "FAIL",
            f"{url} answered HTTP {response.status_code}",
            "check api_url points at the central API (…/v1/health must answer 200)",
        )
    ctx.health_response = response
    version = ""
    with contextlib.suppress(ValueError, AttributeError):
        version = f", API {response.json().get('version', '?')}"
    if s.api_url.startswith("https://"):
        return Check("api", "OK", f"reachable over verified TLS in {elapsed_ms:.0f} ms{version}")
    local = re.match(r"http://(127\.|localhost|\[::1\])", s.api_url) is not None
    if local:
        return Check("api", "OK", f"reachable in {elapsed_ms:.0f} ms{version} (local, no TLS)")
    return Check(
        "api",
        "WARN",
        f"reachable in {elapsed_ms:.0f} ms{version} but NOT encrypted",
        "use an https:// api_url in stores",
    )


def check_device(ctx: Context) -> Check:
    s = _settings(ctx)
    stored = _device_token(ctx)
    if stored is None:
        return Check("device", "SKIPPED", "no device token to ask the API who we are")
    if ctx.health_response is None:
        return Check("device", "SKIPPED", "the API is unreachable: cannot ask who we are")
    try:
        response = httpx.get(
            s.api_url + "/v1/devices/me",
            timeout=s.request_timeout_s,
            headers={"Authorization": f"Bearer {stored[1]}"},
        )
    except httpx.HTTPError as exc:
        return Check("device", "WARN", f"could not ask the API who we are: {exc}")
    if response.status_code == 401:
        return Check(
            "device",
            "FAIL",
            "the API refuses this device token (revoked or wrong)",
            "re-provision the device with a new provisioning QR",
        )
    if response.status_code != 200:
        return Check("device", "WARN", f"/v1/devices/me answered HTTP {response.status_code}")
    me = response.json()
    store = me.get("store", {}).get("code", "?")
    verdict: Status = "OK" if store == s.store_code and me.get("mode") == s.mode else "WARN"
    fix = "" if verdict == "OK" else "the config and the enrolled device differ: re-provision"
    return Check(
        "device", verdict, f"enrolled as {me.get('name')} ({me.get('mode')}) in store {store}", fix
    )


def check_clock(ctx: Context) -> Check:
    response = ctx.health_response
    if response is None or "date" not in response.headers:
        return Check(
            "clock",
            "WARN",
            "no Date header to compare with (API unreachable)",
            "check time sync (timedatectl status / w32tm /query /status)",
        )
    server = parsedate_to_datetime(response.headers["date"]).timestamp()
    skew = time.time() - server
    text = f"local clock is {abs(skew):.0f} s {'ahead of' if skew > 0 else 'behind'} the API"
    if abs(skew) <= SKEW_WARN_S:
        return Check("clock", "OK", f"{text} (within {SKEW_WARN_S:.0f} s)")
    status: Status = "WARN" if abs(skew) <= SKEW_FAIL_S else "FAIL"
    return Check(
        "clock",
        status,
        text + ": signed customer codes will be refused",
        "enable NTP (timedatectl set-ntp true / w32tm /resync)",
    )


def check_keyring(ctx: Context) -> Check:
    """The device token and the read cache's key live in the OS keyring (never in files)."""
    from kiosk_app.kernel.security.credentials import probe_keyring

    status = probe_keyring()
    if status.usable:
        return Check("keyring", "OK", status.message)
    return Check(
        "keyring",
        "WARN",
        f"no secure OS keyring ({status.backend}): the device token stays in memory only and "
        "personal data is not cached",
        status.message,
    )


def check_decoders(ctx: Context) -> Check:
    import numpy as np
    import zxingcpp

    from kiosk_app.hardware.decoding import DecoderUnavailable, decoder_names, make_decoder

    sample = "3760123000017"
    image = np.asarray(
        zxingcpp.create_barcode(sample, zxingcpp.BarcodeFormat.EAN13).to_image(scale=3),
        dtype=np.uint8,
    )
    wanted = _settings(ctx).decoder
    results: dict[str, str] = {}
    for name in decoder_names():
        try:
            codes = make_decoder(name).decode(image)
        except (DecoderUnavailable, OSError, RuntimeError) as exc:
            results[name] = f"unavailable ({exc})"
            continue
        results[name] = "ok" if any(c.text == sample for c in codes) else "decodes nothing"
    summary = ", ".join(f"{n}: {r if r == 'ok' else r.split(' (')[0]}" for n, r in results.items())
    if results.get(wanted) != "ok":
        return Check(
            "decoders",
            "FAIL",
            f"configured decoder {wanted} is not working ({results.get(wanted)})",
            'install libzbar0 or set decoder = "zxing"',
        )
    others = [n for n, r in results.items() if r != "ok"]
    if others:
        return Check("decoders", "WARN", summary, "optional: install libzbar0 for pyzbar")
    return Check("decoders", "OK", summary)


def check_camera(ctx: Context) -> Check:
    from kiosk_app.cli.camera_probe import probe_cameras

    probe = probe_cameras()
    said = f"; Qt Multimedia reported: {probe.reported[0]}" if probe.reported else ""
    if probe.error is not None:
        return Check(
            "camera",
            "WARN",
            f"Qt Multimedia cannot start: {probe.error}{said}",
            "scan with a USB/Bluetooth scanner, or install the camera driver",
        )
    if not probe.names:
        return Check(
            "camera",
            "WARN",
            "no camera found" + said,
            "fine with a hardware scanner; otherwise plug in or enable a camera",
        )
    found = f"{len(probe.names)} camera(s): {', '.join(probe.names)}"
    if probe.reported:
        return Check(
            "camera",
            "WARN",
            found + said,
            "the camera may not open: check its driver and that no other app holds it",
        )
    return Check("camera", "OK", found)


def outbox_backlog(path: Path) -> tuple[int, int, float | None]:
    """(pending, needs attention, age in seconds of the oldest pending); only reads."""
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as conn:  # WAL: needs -shm
        rows = dict(
            conn.execute("SELECT status, COUNT(*) FROM outbox_entries GROUP BY status").fetchall()
        )
        oldest = conn.execute(
            "SELECT MIN(created_at) FROM outbox_entries WHERE status IN ('pending', 'in_flight')"
        ).fetchone()[0]
    pending = int(rows.get("pending", 0)) + int(rows.get("in_flight", 0))
    attention = int(rows.get("conflict", 0)) + int(rows.get("failed", 0))
    return pending, attention, (time.time() - float(oldest)) if oldest is not None else None


def check_outbox(ctx: Context) -> Check:
    path = _settings(ctx).data_dir / "outbox.db"
    if not path.exists():
        return Check("outbox", "OK", f"empty (no {path.name} yet)")
    try:
        pending, attention, oldest = outbox_backlog(path)
    except sqlite3.Error as exc:
        return Check(
            "outbox",
            "FAIL",
            f"{path} cannot be read: {exc}",
            "do not delete it: send a support bundle (doctor --bundle)",
        )
    text = f"{pending} waiting to sync, {attention} need attention"
    if oldest is not None:
        text += f", oldest waiting {oldest / 60:.0f} min"
    if attention:
        return Check("outbox", "WARN", text, "open the app's sync screen and resolve them")
    if pending > BACKLOG_WARN or (oldest or 0) > OLDEST_WARN_S:
        return Check("outbox", "WARN", text, "the device has been offline: check the network")
    return Check("outbox", "OK", text)


def check_disk(ctx: Context) -> Check:
    folder = _settings(ctx).data_dir
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    text = f"{free / 1024**3:.1f} GB free for {folder}"
    if free < DISK_FAIL_BYTES:
        return Check("disk", "FAIL", text, "free space: the outbox needs room to keep sales")
    if free < DISK_WARN_BYTES:
        return Check("disk", "WARN", text, "free some space soon")
    return Check("disk", "OK", text)


def check_logs(ctx: Context) -> Check:
    folder = _settings(ctx).log_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".doctor-probe"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return Check(
            "logs",
            "WARN",
            f"cannot write logs in {folder}: {exc.strerror}",
            "fix the folder's permissions or set log_dir",
        )
    count = len(log_files(folder))
    return Check("logs", "OK", f"{folder} ({count} file{'' if count == 1 else 's'})")


def check_trust(ctx: Context) -> Check:
    from kiosk_app.kernel.provisioning import NoTrustedKey, load_trusted_keys

    path = _settings(ctx).trusted_keys_file
    try:
        keys = load_trusted_keys(path)
    except NoTrustedKey as exc:
        needed = _settings(ctx).needs_provisioning
        return Check(
            "provisioning",
            "FAIL" if needed else "WARN",
            str(exc),
            "install IT's provisioning.pub (the package ships it)",
        )
    return Check("provisioning", "OK", f"{len(keys)} trusted key(s): {', '.join(keys)}")


CHECKS: list[Callable[[Context], Check]] = [
    check_config,
    check_enrollment,
    check_api,
    check_device,
    check_clock,
    check_keyring,
    check_decoders,
    check_camera,
    check_outbox,
    check_disk,
    check_logs,
    check_trust,
]


def _settings(ctx: Context) -> Settings:
    assert ctx.loaded is not None
    return ctx.loaded.settings


def run_checks(
    config_file: Path | None, overrides: dict[str, Any], *, camera: bool = True
) -> tuple[list[Check], Context]:
    try:
        loaded = load_settings_with_sources(config_file, overrides=overrides)
    except ConfigError as exc:
        fix = "fix the line named above (file:line), or remove the setting"
        return [Check("config", "FAIL", p, fix) for p in exc.problems], Context(None, config_file)
    ctx = Context(loaded, config_file)
    checks: list[Check] = []
    for fn in CHECKS:
        if fn is check_camera and not camera:
            checks.append(Check("camera", "SKIPPED", "not checked (--no-camera)"))
            continue
        try:
            checks.append(fn(ctx))
        except Exception as exc:  # a broken check must not hide the others
            name = fn.__name__.removeprefix("check_")
            checks.append(Check(name, "FAIL", f"check crashed: {exc!r}"))
    return checks, ctx


def verdict(checks: list[Check]) -> tuple[str, int]:
    """The last line and the exit code: skipped checks are counted apart, never as passed."""
    count = {status: sum(c.status == status for c in checks) for status in get_args(Status)}
    tally = f"{count['OK']} passed, {count['WARN']} warning(s), {count['SKIPPED']} skipped"
    if count["FAIL"]:
        return f"NOT READY: {count['FAIL']} failed, {tally}", 1
    return f"READY: {tally}", 0


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    overrides: dict[str, Any] = {"api_url": args.api_url}
    checks, ctx = run_checks(args.config, overrides, camera=not args.no_camera)
    text, code = verdict(checks)
    if args.json:
        print(
            json.dumps(
                {"checks": [asdict(c) for c in checks], "verdict": text, "exit_code": code},
                indent=2,
            )
        )
    else:
        print(f"kiosk-app {__version__} doctor")
        for check in checks:
            print(check.line())
        print(text)
    if args.bundle:
        report = "\n".join(c.line() for c in checks) + "\n" + text + "\n"
        checks_json = [asdict(c) for c in checks]
        write_bundle(args.bundle, report, checks_json, ctx.loaded, ctx.config_file)
        print(f"support bundle: {args.bundle}", file=sys.stderr if args.json else sys.stdout)
    return code
