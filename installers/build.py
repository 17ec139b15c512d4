"""Build laadesk's installer for the platform this runs on, then prove the frozen program works.

The chain: render the icons from resources/icon/laadesk.svg, freeze laadesk with PyInstaller
(installers/laadesk.spec: one folder with `laadesk` and `laadesk-cli`), make the platform's
package (Linux: a tarball with install.sh; Windows: an NSIS installer; macOS: laadesk.app in a
.dmg), then run the frozen program's smoke test and its command line on a demo workbook.

Usage, with the Python that has laadesk and its build extra (pip install -e ".[build]"):

    .venv/bin/python installers/build.py [--dist DIR] [--work DIR] [--keep-unused]

Prints one line per step and a summary (sizes, times); writes the summary to WORK/build-summary.json.
Exits 1 with a sentence saying what failed and where its log is.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from installers import product
from installers.icons import Icons, render_icons

ROOT = product.ROOT
SPEC = ROOT / "installers" / "laadesk.spec"
NSIS_SCRIPT = ROOT / "installers" / "windows" / "laadesk.nsi"
SMOKE_TIMEOUT_S = 300
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
EXE_SUFFIX = ".exe" if WINDOWS else ""


class BuildFailed(Exception):
    """A step failed; str() is the sentence printed."""


def say(line: str) -> None:
    print(line, flush=True)


@contextmanager
def step(name: str, work: Path) -> Iterator[None]:
    """A step of the chain: a fault in it becomes one sentence, its traceback a file in work."""
    try:
        yield
    except (BuildFailed, KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:
        log = work / "build-failure.txt"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        raise BuildFailed(f"{name} failed ({type(error).__name__}: {error}); the details are in {log}") from None


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under folder (symbolic links count as nothing)."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# -- the steps -------------------------------------------------------------------------------


def check_tools() -> str | None:
    """Everything the chain needs, checked before anything is built; returns makensis on Windows."""
    missing = []
    for module in ("PyInstaller", "PIL", "PySide6.QtSvg"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module.split(".")[0])
    if missing:
        raise BuildFailed(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed for {sys.executable}: "
            f'run `{sys.executable} -m pip install -e ".[build]"` in {ROOT} first'
        )
    if not WINDOWS:
        return None
    candidates = [shutil.which("makensis")]
    candidates += [
        str(Path(os.environ.get(v, "")) / "NSIS" / "makensis.exe") for v in ("ProgramFiles(x86)", "ProgramFiles")
    ]
    makensis = next((c for c in candidates if c and Path(c).is_file()), None)
    if makensis is None:
        raise BuildFailed("makensis (NSIS 3) was not found on PATH or in Program Files: install NSIS first")
    return makensis


def windows_version_file(work: Path) -> Path:
    """The version resource Explorer shows in the .exe files' properties (PyInstaller's text format)."""
    version = product.version()
    numbers = tuple(int(n) for n in product.windows_version(version).split("."))
    strings = {
        "CompanyName": product.PUBLISHER,
        "FileDescription": f"{product.NAME}: {product.SUMMARY}",
        "FileVersion": version,
        "InternalName": product.NAME,
        "LegalCopyright": "MIT licence",
        "OriginalFilename": f"{product.NAME}.exe",
        "ProductName": product.NAME,
        "ProductVersion": version,
    }
    table = ", ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    path = work / "windows-version.txt"
    path.write_text(
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3F, flags=0x0, OS=0x40004,\n"
        "    fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        f"  kids=[StringFileInfo([StringTable('040904B0', [{table}])]),\n"
        "        VarFileInfo([VarStruct('Translation', [1033, 1200])])]\n"
        ")\n",
        encoding="utf-8",
    )
    return path


def freeze(icons: Icons, dist: Path, work: Path, keep_unused: bool) -> Path:
    """Run PyInstaller on the spec; returns the one-folder bundle."""
    log = work / "pyinstaller.log"
    env = dict(os.environ)
    env["LAADESK_ICONS"] = str(icons.ico.parent)
    env["LAADESK_VERSION_FILE"] = str(windows_version_file(work))
    env["LAADESK_KEEP_UNUSED"] = "1" if keep_unused else "0"
    # The methods @dataclass compiles at each start, compiled once for the bundle (laadesk/record_methods.py;
    # the spec takes resources/ whole, record_methods/ with it).
    kept = subprocess.run([sys.executable, "-m", "laadesk.record_methods"], capture_output=True, text=True, check=False)
    if kept.returncode != 0:
        raise BuildFailed(f"keeping the record classes' methods failed:\n{kept.stderr[-2000:]}")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(SPEC)]
    with log.open("w", encoding="utf-8") as output:
        done = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, env=env, check=False)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        raise BuildFailed(f"PyInstaller failed (exit status {done.returncode}); the whole log is in {log}:\n{tail}")
    bundle = dist / product.NAME
    if not (bundle / f"{product.NAME}{EXE_SUFFIX}").is_file():
        raise BuildFailed(f"PyInstaller finished but {bundle} holds no {product.NAME}{EXE_SUFFIX}; see {log}")
    return bundle


def package_linux(bundle: Path, icons: Icons, dist: Path) -> Path:
    from installers import linux_package

    staged = linux_package.stage(bundle, icons, dist)
    archive = linux_package.tarball(staged)
    shutil.rmtree(staged)
    return archive


def package_windows(makensis: str, bundle: Path, icons: Icons, dist: Path, work: Path) -> Path:
    version = product.version()
    installer = dist / f"{product.NAME}-{version}-setup.exe"
    command = [
        makensis,
        "-V2",
        "-WX",  # a warning is a failure: the script is checked on Linux with -WX too
        f"-DVERSION={version}",
        f"-DWIN_VERSION={product.windows_version(version)}",
        f"-DBUNDLE_DIR={bundle}",
        f"-DICON={icons.ico}",
        f"-DOUTFILE={installer}",
        str(NSIS_SCRIPT),
    ]
    run_logged(command, work / "makensis.log", "makensis")
    return installer


def package_macos(bundle_app: Path, dist: Path, work: Path) -> Path:
    image = dist / f"{product.NAME}-{product.version()}-macos.dmg"
    image.unlink(missing_ok=True)
    command = ["hdiutil", "create", "-volname", product.NAME, "-srcfolder", str(bundle_app), "-ov", "-format", "UDZO"]
    run_logged([*command, str(image)], work / "hdiutil.log", "hdiutil")
    return image


def run_logged(command: Sequence[str], log: Path, name: str) -> None:
    with log.open("w", encoding="utf-8") as output:
        done = subprocess.run(list(command), stdout=output, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        raise BuildFailed(f"{name} failed (exit status {done.returncode}); the whole log is in {log}:\n{tail}")


def unpack(archive: Path, into: Path) -> Path:
    """The program as a person gets it: unpacked from the tarball (install.sh copies this folder)."""
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    return into / archive.name.removesuffix(".tar.gz") / product.NAME


def smoke_test(program: Path, work: Path) -> dict[str, float]:
    """`laadesk --smoke-test` on the frozen program; returns its times in seconds."""
    report = work / "smoke-test.txt"
    env = dict(os.environ)
    launched = time.time()
    env["LAADESK_LAUNCHED_AT"] = repr(launched)  # lets it report its first paint as time from launch
    command = [str(program), "--smoke-test", "--smoke-test-report", str(report)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"the frozen {program.name} --smoke-test did not finish in {SMOKE_TIMEOUT_S} s") from None
    elapsed = time.time() - launched
    lines = report.read_text(encoding="utf-8").splitlines() if report.is_file() else done.stdout.splitlines()
    for line in lines:
        say(f"    {line}")
    if done.returncode != 0:
        last = lines[-1] if lines else (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise BuildFailed(f"the frozen program failed its smoke test (exit status {done.returncode}): {last}")
    paint = next(
        (re.search(r"first paint (\d+) ms after launch", line) for line in lines if "first paint" in line), None
    )
    return {
        "smoke_test_s": round(elapsed, 2),
        "first_paint_after_launch_s": int(paint.group(1)) / 1000 if paint else -1,
    }


def cli_checks(program: Path) -> str:
    """The frozen command line: version, a demo workbook, validate, export both packs."""
    with tempfile.TemporaryDirectory(prefix="laadesk-cli-") as scratch:
        folder = Path(scratch)
        env = dict(os.environ, LAADESK_DATA_DIR=str(folder / "data"))

        def run(*arguments: str, ok: tuple[int, ...] = (0,)) -> str:
            done = subprocess.run([str(program), *arguments], env=env, capture_output=True, text=True, check=False)
            if done.returncode not in ok:
                said = (done.stderr.strip() or done.stdout.strip() or "nothing").splitlines()[-1]
                raise BuildFailed(f"the frozen `{program.name} {' '.join(arguments)}` exited {done.returncode}: {said}")
            return done.stdout.strip()

        version = run("--version")
        workbook = folder / "demo.laa"
        run("demo", str(workbook))
        run("validate", str(workbook), ok=(0, 1))  # 1: the demo has problems listed, by design
        pdf, xlsx = folder / "pack.pdf", folder / "pack.xlsx"
        run("export", str(workbook), "--pdf", str(pdf), "--xlsx", str(xlsx))
        for path in (pdf, xlsx):
            if not path.is_file() or path.stat().st_size == 0:
                raise BuildFailed(f"the frozen `{program.name} export` wrote no {path.suffix} pack")
        return f"{version}; demo, validate and export (PDF {megabytes(pdf.stat().st_size)}) work"


# -- the chain ---------------------------------------------------------------------------------


def build(dist: Path, work: Path, keep_unused: bool) -> dict[str, object]:
    summary: dict[str, object] = {"platform": sys.platform, "version": product.version()}
    makensis = check_tools()
    dist.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)

    with step("rendering the icons", work):
        icons = render_icons(product.ICON_SVG, work / "icons", product.NAME)
    say(f"icons      {len(icons.png)} PNG sizes, {icons.ico.name}, {icons.icns.name} in {icons.ico.parent}")

    started = time.time()
    with step("freezing laadesk", work):
        bundle = freeze(icons, dist, work, keep_unused)
    size, files = folder_size(bundle)
    summary |= {"freeze_s": round(time.time() - started, 1), "bundle_bytes": size, "bundle_files": files}
    excluded = "nothing left out" if keep_unused else "unused Qt and codecs left out"
    say(f"bundle     {bundle}: {megabytes(size)} in {files} files ({excluded}), {summary['freeze_s']} s")

    started = time.time()
    scratch = Path(tempfile.mkdtemp(prefix="laadesk-build-"))
    try:
        with step("packaging and smoke-testing", work):
            if WINDOWS:
                package = package_windows(str(makensis), bundle, icons, dist, work)
                program_folder = bundle
            elif MACOS:
                app = dist / f"{product.NAME}.app"
                package = package_macos(app, dist, work)
                program_folder = app / "Contents" / "MacOS"
            else:
                package = package_linux(bundle, icons, dist)
                program_folder = unpack(package, scratch)
            summary |= {"package": str(package), "package_bytes": package.stat().st_size}
            say(f"package    {package}: {megabytes(package.stat().st_size)}, {time.time() - started:.1f} s")

            say(f"smoke test {program_folder / (product.NAME + EXE_SUFFIX)} --smoke-test")
            summary |= smoke_test(program_folder / f"{product.NAME}{EXE_SUFFIX}", work)
            say(f"cli        {cli_checks(program_folder / f'{product.CLI_NAME}{EXE_SUFFIX}')}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    (work / "build-summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    first_paint = summary["first_paint_after_launch_s"]
    say(
        f"done       bundle {megabytes(size)}, package {megabytes(int(str(summary['package_bytes'])))}, "
        f"smoke test {summary['smoke_test_s']} s, first paint {first_paint} s after launch"
    )
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and smoke-test laadesk's installer for this platform.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle and package go")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="icons, PyInstaller's work, logs")
    parser.add_argument(
        "--keep-unused",
        action="store_true",
        help="keep the Qt files and modules laadesk never uses (to measure what leaving them out saves)",
    )
    args = parser.parse_args(argv)
    try:
        build(args.dist.resolve(), args.work.resolve(), args.keep_unused)
    except BuildFailed as failure:
        print(f"build.py: {failure}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build.py: interrupted.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
