"""Running the real `laadesk` command in a subprocess, as a person at a terminal does, and checking it never crashed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
VENV_BIN = Path(sys.executable).parent

# Run as root (CI containers), a process reads and writes any file; without these capabilities it
# cannot read a file with no read permission, nor write into a write-protected folder, as any
# officer's account could not.
WITHOUT_ROOTS_POWERS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@dataclass(frozen=True)
class Result:
    """A finished run: what was asked, the exit status, what it printed, and how long it took."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str
    seconds: float = 0.0

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def describe(self) -> str:
        return f"laadesk {' '.join(self.args)} -> exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def cli_env(data_dir: Path) -> dict[str, str]:
    """The environment for a run: every per-user folder inside the test's own directory."""
    env = dict(os.environ)
    home = data_dir.parent / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        LAADESK_DATA_DIR=str(data_dir),
        XDG_DATA_HOME=str(home / "share"),
        XDG_CONFIG_HOME=str(home / "config"),
        HOME=str(home),
    )
    return env


def check_no_crash(result: Result, data_dir: Path) -> None:
    """Never a traceback, and never the 'something went wrong inside laadesk' exit."""
    assert "Traceback" not in result.err, result.describe()
    assert "Traceback" not in result.out, result.describe()
    if result.code == 3:
        logs = sorted((data_dir / "logs").glob("crash-*.txt")) if (data_dir / "logs").is_dir() else []
        detail = logs[-1].read_text(encoding="utf-8") if logs else "(no crash log)"
        raise AssertionError(f"laadesk crashed (exit 3)\n{result.describe()}\n--- crash log\n{detail}")


class Cli:
    """Runs `python -m laadesk` in one working folder with its own per-user data folder."""

    def __init__(self, cwd: Path, data_dir: Path) -> None:
        self.cwd = cwd
        self.data_dir = data_dir
        cwd.mkdir(parents=True, exist_ok=True)
        data_dir.mkdir(parents=True, exist_ok=True)

    def __call__(
        self,
        *args: str | Path,
        expect: int | None = 0,
        env: Mapping[str, str] | None = None,
        unprivileged: bool = False,
        timeout: float = 120,
    ) -> Result:
        """One run; it must exit with `expect` (None: any status). Unprivileged: without root's powers over
        files. A run longer than timeout fails the test as a hang."""
        argv = tuple(str(a) for a in args)
        started = time.monotonic()
        try:
            done = subprocess.run(
                [
                    *(WITHOUT_ROOTS_POWERS if unprivileged and os.geteuid() == 0 else []),
                    sys.executable,
                    "-m",
                    "laadesk",
                    *argv,
                ],
                cwd=self.cwd,
                env={**cli_env(self.data_dir), **(env or {})},
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"laadesk {' '.join(argv)} hung: no answer in {timeout} s") from None
        result = Result(
            argv,
            done.returncode,
            done.stdout.decode("utf-8", errors="replace"),
            done.stderr.decode("utf-8", errors="replace"),
            time.monotonic() - started,
        )
        check_no_crash(result, self.data_dir)
        if expect is not None:
            assert result.code == expect, result.describe()
        return result

    def path(self, name: str) -> Path:
        return self.cwd / name

    def copy_in(self, source: Path, name: str) -> Path:
        target = self.cwd / name
        shutil.copyfile(source, target)
        return target
