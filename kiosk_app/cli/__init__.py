"""Support commands of ``kiosk-app`` for IT: ``provision``, ``doctor``, ``smoke-test``.

Each module has ``main(argv) -> exit code``; ``kiosk_app.__main__`` dispatches to them.
"""


def dispatch(command: str, argv: list[str]) -> int:
    """Run ``kiosk-app <command> ...``; returns the exit code."""
    if command == "doctor":
        from kiosk_app.cli import doctor

        return doctor.main(argv)
    if command == "provision":
        from kiosk_app.cli import provision

        return provision.main(argv)
    if command == "smoke-test":
        from kiosk_app.cli import smoke

        return smoke.main(argv)
    raise ValueError(f"unknown command {command!r}")
