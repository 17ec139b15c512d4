"""A bug in the `laadesk` command: exit 3, one sentence naming the log, and the log from the shared writer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.cli import cli_env

from laadesk import __version__
from laadesk.store.crash_log import MARKER

# The command line with a bug planted in `laadesk info`, run as a person runs it.
PLANTED = """
import sys
import laadesk.cli.info

def run(args):
    raise RuntimeError("planted fault in laadesk info")

laadesk.cli.info.run = run
from laadesk.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""
SENTENCE = (
    "laadesk: something went wrong inside laadesk (a bug, not your file). "
    "Details are in {log}; please send them to the laadesk team."
)


def run_planted(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PLANTED, *args],
        env=cli_env(data_dir),
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_bug_exits_3_and_names_the_log_the_shared_writer_wrote(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    done = run_planted(data_dir, "info", "kingsmere.laa")
    assert done.returncode == 3, done.stderr
    logs = sorted((data_dir / "logs").glob("crash-*.txt"))
    assert len(logs) == 1
    assert done.stderr == SENTENCE.format(log=logs[0]) + "\n"
    assert done.stdout == "" and "Traceback" not in done.stderr
    text = logs[0].read_text(encoding="utf-8")
    assert text.startswith(MARKER)
    assert f"laadesk: {__version__}" in text and "program: laadesk info (command line)" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: planted fault in laadesk info" in text


def test_each_bug_leaves_its_own_log(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = run_planted(data_dir, "info", "a.laa")
    second = run_planted(data_dir, "info", "b.laa")
    assert (first.returncode, second.returncode) == (3, 3)
    logs = sorted((data_dir / "logs").glob("crash-*.txt"))
    assert len(logs) == 2  # in the same second or not, the second did not overwrite the first
    assert {str(log) for log in logs} == {
        done.stderr.split("Details are in ")[1].split(";")[0] for done in (first, second)
    }


def test_when_no_log_can_be_written_the_sentence_still_says_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.write_text("a file where the data folder should be", encoding="utf-8")
    done = run_planted(data_dir, "info", "kingsmere.laa")
    assert done.returncode == 3
    assert done.stderr == SENTENCE.format(log="(no log could be written)") + "\n"
