"""``kiosk-app --help`` lists every command the dispatcher knows, each with its summary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk_app.__main__ import main
from kiosk_app.cli import COMMANDS, Command

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_every_command_with_a_description() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk_app", "--help"],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(COMMANDS) >= 6
    for command in COMMANDS:
        line = re.search(rf"^  {re.escape(command.name)} +(\S.*)$", result.stdout, re.M)
        assert line is not None, f"{command.name} missing from --help:\n{result.stdout}"
        assert line.group(1) == command.summary
        assert len(line.group(0)) <= 80, line.group(0)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_listed_command_is_dispatched(
    command: Command, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kiosk-app NAME --help`` reaches that command's own parser (not the GUI's)."""
    name = command.name
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: kiosk-app {name}" in capsys.readouterr().out


def test_unknown_command_names_the_real_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docter"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'docter'" in err
    assert all(c.name in err for c in COMMANDS)
