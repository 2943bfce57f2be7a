"""The support commands of ``kiosk-app``: ``kiosk-app COMMAND ARGS...``.

``COMMANDS`` is the one list: ``kiosk_app.__main__`` dispatches through it and its
``--help`` lists every entry with its summary. Each module has ``main(argv) -> exit code``
and is imported only when its command runs (the GUI starts without them).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    summary: str  # one line of at most 64 characters
    module: str  # has ``main(argv: list[str]) -> int``


COMMANDS: tuple[Command, ...] = (
    Command(
        "parse",
        "what scanned or typed text is (GTIN, GS1, loyalty...), as JSON",
        "kiosk_app.cli.parse_cmd",
    ),
    Command(
        "decode",
        "decode the barcodes in image files as the camera would",
        "kiosk_app.cli.decode_cmd",
    ),
    Command(
        "doctor",
        "is this device ready? one OK/WARN/FAIL/SKIPPED line per check",
        "kiosk_app.cli.doctor",
    ),
    Command(
        "outbox",
        "list, retry or send the writes waiting for the central API",
        "kiosk_app.cli.outbox_cmd",
    ),
    Command(
        "provision",
        "make the signed QR code that sets up a new device in one scan",
        "kiosk_app.cli.provision",
    ),
    Command(
        "smoke-test",
        "start the real GUI against an API, screenshot it, exit 0 if OK",
        "kiosk_app.cli.smoke",
    ),
)
_BY_NAME = {command.name: command for command in COMMANDS}


def find(name: str) -> Command | None:
    return _BY_NAME.get(name)


def dispatch(command: str, argv: list[str]) -> int:
    """Run ``kiosk-app <command> ...``; returns the exit code."""
    found = find(command)
    if found is None:
        raise ValueError(f"unknown command {command!r}")
    main = importlib.import_module(found.module).main
    code: int = main(argv)
    return code


def commands_help() -> str:
    """The ``commands:`` section of ``kiosk-app --help``."""
    width = max(len(c.name) for c in COMMANDS) + 2
    lines = [f"  {c.name:<{width}}{c.summary}" for c in COMMANDS]
    return "commands (kiosk-app COMMAND --help for their options):\n" + "\n".join(lines)
