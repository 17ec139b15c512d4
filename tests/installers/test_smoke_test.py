"""`laadesk --smoke-test` from source: every step passes; a broken installation fails in one sentence."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from installer_helpers import REPO, run

STEPS = (
    "starting Qt",
    "building the demo workbook",
    "opening the main window",
    "visiting every page",
    "exporting the council pack",
    "reading the PDF pack back",
    "reading the Excel pack back",
    "closing the window",
)


def smoke_env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))


def test_the_smoke_test_passes_every_step_from_source(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    done = run(
        [sys.executable, REPO / "main.py", "--smoke-test", "--smoke-test-report", report], env=smoke_env(tmp_path)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0].removeprefix("ok").strip() for line in lines[1:-1]] == list(STEPS)
    assert "from source" in lines[0]
    assert lines[-1].startswith("laadesk smoke test passed in ")
    assert report.read_text(encoding="utf-8").splitlines() == lines
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("laadesk-smoke-*"))  # a passed test leaves nothing behind


def test_an_installation_without_its_resources_fails_in_one_sentence(tmp_path: Path) -> None:
    """What a bundle that forgot resources/ would do: the step and the missing file named, no traceback."""
    app = tmp_path / "app"
    shutil.copytree(REPO / "laadesk", app / "laadesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "main.py", app / "main.py")
    # -S: without site's .pth files the editable install's finder cannot send `laadesk` back to the checkout.
    env = smoke_env(tmp_path) | {"PYTHONPATH": os.pathsep.join([str(app), sysconfig.get_paths()["purelib"]])}
    done = run([sys.executable, "-S", app / "main.py", "--smoke-test"], env=env, cwd=tmp_path)
    assert done.returncode == 1
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
    missing = app / "resources" / "demo" / "kingsmere.toml"
    assert failed == [
        f"FAILED building the demo workbook: the demo workbook's source {missing} is missing, "
        "so this installation is incomplete."
    ]
    assert "Traceback" not in done.stdout + done.stderr
    details = Path(done.stdout.splitlines()[-1].split("details are in ")[1])
    assert "Traceback" in details.read_text(encoding="utf-8")  # the details are kept for whoever fixes it
