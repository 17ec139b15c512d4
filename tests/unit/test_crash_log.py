"""The crash log both the window and the command line write: what it holds, and that none is overwritten."""

from __future__ import annotations

import platform
from datetime import datetime
from pathlib import Path

import pytest

from laadesk import __version__
from laadesk.store.crash_log import MARKER, add_to_crash_log, logs_folder, write_crash_log

WHEN = datetime(2026, 11, 26, 14, 15, 2)


def raised(error: Exception) -> Exception:
    """The error with its traceback, as a handler receives it."""
    try:
        raise error
    except Exception as caught:
        return caught


def failing_lookup() -> Exception:
    """A fault with a cause, so the log must hold both tracebacks."""
    targets: dict[str, float] = {}
    try:
        try:
            targets["NI 116"] += 1
        except KeyError as missing:
            raise ValueError("the target table has no row for NI 116") from missing
    except ValueError as error:
        return error
    return AssertionError("the lookup did not fail")


def test_a_log_holds_the_marker_where_it_ran_and_the_whole_traceback(user_data: Path) -> None:
    workbook = Path("/home/officer/Kingsmere.laa")
    log = write_crash_log(
        failing_lookup(),
        program="laadesk window",
        workbook=workbook,
        thread="MainThread",
        details=(("Qt", "6.11.3"),),
        when=WHEN,
    )
    assert log == user_data / "logs" / "crash-20261126-141502.txt" == logs_folder() / log.name
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == MARKER
    assert lines[2].startswith("time: 2026-11-26T14:15:02")
    assert lines[3:10] == [
        f"laadesk: {__version__} (from source)",
        "program: laadesk window",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        "Qt: 6.11.3",
        f"workbook: {workbook}",
        "thread: MainThread",
    ]
    text = "\n".join(lines)
    assert "KeyError: 'NI 116'" in text and "The above exception was the direct cause" in text
    assert text.endswith("ValueError: the target table has no row for NI 116")
    assert "in failing_lookup" in text


def test_without_a_workbook_the_log_says_none_was_open(user_data: Path) -> None:
    log = write_crash_log(raised(RuntimeError("x")), program="laadesk info (command line)")
    text = log.read_text(encoding="utf-8")
    assert "workbook: (none open)" in text and "thread:" not in text


def test_two_crashes_in_the_same_second_each_keep_their_log(user_data: Path) -> None:
    first = write_crash_log(raised(RuntimeError("first")), program="laadesk window", when=WHEN)
    second = write_crash_log(raised(RuntimeError("second")), program="laadesk export (command line)", when=WHEN)
    third = write_crash_log(raised(RuntimeError("third")), program="laadesk window", when=WHEN)
    assert [first.name, second.name, third.name] == [
        "crash-20261126-141502.txt",
        "crash-20261126-141502-2.txt",
        "crash-20261126-141502-3.txt",
    ]
    assert "RuntimeError: first" in first.read_text(encoding="utf-8")
    assert "RuntimeError: second" in second.read_text(encoding="utf-8")


def test_faults_that_follow_are_added_to_the_same_log(user_data: Path) -> None:
    log = write_crash_log(raised(RuntimeError("first")), program="laadesk window", when=WHEN)
    add_to_crash_log(log, raised(RuntimeError("again")), thread="worker", when=WHEN)
    text = log.read_text(encoding="utf-8")
    assert "--- and again at 2026-11-26T14:15:02" in text and "(thread: worker) ---" in text
    assert text.index("RuntimeError: first") < text.index("RuntimeError: again")


def test_a_file_name_python_could_not_decode_is_still_written(user_data: Path) -> None:
    # Linux hands Python undecodable bytes in names as lone surrogates; UTF-8 cannot encode those.
    log = write_crash_log(raised(FileNotFoundError(f"no such file: Kingsmere{chr(0xDCFF)}.laa")), program="x")
    assert "no such file: Kingsmere\\udcff.laa" in log.read_text(encoding="utf-8")


def test_no_log_where_the_logs_folder_cannot_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("LAADESK_DATA_DIR", str(blocked))
    with pytest.raises(OSError):
        write_crash_log(raised(RuntimeError("x")), program="laadesk window")
