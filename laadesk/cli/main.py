"""`laadesk` command: argument parsing, dispatch, and the promise of no tracebacks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from laadesk import __version__
from laadesk.cli import (
    agreed,
    attachments,
    compare,
    council_copy,
    demo,
    demo_region,
    export,
    history,
    importing,
    indicators,
    info,
    merge,
    new,
    qa,
    refresh,
    region,
    rollup,
    validate,
)
from laadesk.core.errors import WorkbookProblem

# Exit statuses are part of the contract other tools rely on.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2
EXIT_BUG = 3

COMMANDS = (
    new,
    info,
    importing,
    validate,
    export,
    indicators,
    demo,
    demo_region,
    council_copy,
    history,
    agreed,
    compare,
    merge,
    refresh,
    region,
    rollup,
    qa,
    attachments,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="laadesk",
        description="The Local Area Agreement workbook, from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"laadesk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _use_utf8_output()
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except WorkbookProblem as problem:
        print(f"laadesk: {problem}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("laadesk: interrupted; nothing more was written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        log = _write_crash_log(error, args.command)
        print(
            f"laadesk: something went wrong inside laadesk (a bug, not your file). "
            f"Details are in {log}; please send them to the laadesk team.",
            file=sys.stderr,
        )
        return EXIT_BUG


def _use_utf8_output() -> None:
    """Titles carry curly quotes and pound signs; never die printing them on a cp1252 console."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _write_crash_log(error: Exception, command: str) -> str:
    """The crash log's path, or a note that none could be written: the sentence must be said either way."""
    from laadesk.store.crash_log import write_crash_log

    try:
        return str(write_crash_log(error, program=f"laadesk {command} (command line)"))
    except OSError:
        return "(no log could be written)"
