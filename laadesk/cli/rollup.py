"""`laadesk rollup FOLDER --out FILE.db [--csv OUT] [--xlsx OUT] [--json]`: every workbook in a folder
into one database of what may leave government; exit 1 when any file could not be read."""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path
from typing import Any

from laadesk.cli.output import print_json, tell
from laadesk.core.errors import WorkbookProblem, WorkbookUnavailable
from laadesk.export.rollup_files import write_targets_csv, write_targets_xlsx
from laadesk.store.folder_reading import region_folder, workbook_files
from laadesk.store.opening import SQLITE_MAGIC
from laadesk.store.rollup import roll_up
from laadesk.store.rollup_file import check_out


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "rollup", help="roll every workbook in a folder up into one database (what may leave government)"
    )
    parser.add_argument("folder", type=Path, help="the folder of workbooks (its sub-folders too)")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.db", help="the roll-up database to write")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="also write the targets table as CSV")
    parser.add_argument("--xlsx", type=Path, metavar="OUT", help="also write the targets table as Excel")
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = region_folder(args.folder)
    tables = {kind: path for kind, path in (("csv", args.csv), ("xlsx", args.xlsx)) if path is not None}
    _check_outputs(args.out, tables)
    # Every output is written beside its place under a hidden name and all are moved into place only
    # once all are complete: a run that fails leaves no output, new or half-written.
    database = _beside(args.out)
    made = [(database, args.out)]
    try:
        rollup = roll_up(folder, workbook_files(folder), database)
        for kind, path in tables.items():
            made.append((_beside(path), path))
            (write_targets_csv if kind == "csv" else write_targets_xlsx)(database, made[-1][0])
        for temporary, path in made:
            os.replace(temporary, path)
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot write {made[-1][1]}: {error.strerror or error}.") from None
    except WorkbookProblem as problem:
        said = str(problem)  # about a file being written: named by the place it was meant for
        for temporary, path in made:
            said = said.replace(str(temporary), str(path))
        raise WorkbookUnavailable(said) from None
    finally:
        for temporary, _ in made:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
    written: dict[str, str | None] = {"csv": None, "xlsx": None}
    written.update({kind: str(path) for kind, path in tables.items()})
    for skipped in rollup.skipped:
        tell(f"skipped: {skipped.why}")
    if args.json:
        print_json(
            {
                "out": str(args.out),
                "areas": len(rollup.areas),
                "targets": rollup.targets,
                "skipped": [{"path": s.path, "reason": s.why} for s in rollup.skipped],
                **written,
            }
        )
    else:
        areas = f"{len(rollup.areas)} area{'s' if len(rollup.areas) != 1 else ''}"
        print(f"Rolled up {areas} ({rollup.targets} target rows) into {args.out}.")
        for kind, path in written.items():
            if path:
                print(f"The targets table is also in {path} ({kind.upper()}).")
        if rollup.skipped:
            print(
                f"{len(rollup.skipped)} file(s) could not be read and are not in it (listed above and in its "
                "'skipped' table)."
            )
    return 1 if rollup.skipped else 0


def _beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.new")


def _check_outputs(out: Path, tables: dict[str, Path]) -> None:
    """A sentence (WorkbookUnavailable) before anything is read when an output cannot or must not be written:
    the roll-up over anything but an older roll-up, a table file over a database (a workbook above all), a
    folder that does not exist, or two outputs to one file."""
    check_out(out)
    places = [out.resolve()]
    for kind, path in tables.items():
        if path.resolve() in places:
            raise WorkbookUnavailable(f"{path} is given for two outputs; give each output a file of its own.")
        places.append(path.resolve())
        if not path.parent.is_dir():
            raise WorkbookUnavailable(f"Cannot write {path}: the folder {path.parent} does not exist.")
        if path.is_dir():
            raise WorkbookUnavailable(f"Cannot write {path}: it is a folder.")
        if path.exists():
            try:
                with open(path, "rb") as handle:
                    header = handle.read(len(SQLITE_MAGIC))
            except OSError as error:
                raise WorkbookUnavailable(f"Cannot write {path}: {error.strerror or error}.") from None
            if header == SQLITE_MAGIC:
                raise WorkbookUnavailable(
                    f"{path} already exists and is a database (a workbook or a roll-up), not a {kind.upper()} "
                    "file; laadesk will not overwrite it."
                )
