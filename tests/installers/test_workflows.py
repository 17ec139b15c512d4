"""The Windows and macOS CI workflows: valid YAML that builds, installs and smoke-tests (they run on GitHub only)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from installer_helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def steps_text(path: Path) -> tuple[dict[str, object], str]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    runs = "\n".join(str(step.get("run", "")) for step in job["steps"])
    return job, runs


@pytest.mark.parametrize(
    ("name", "runner", "musts"),
    [
        (
            "windows-installer.yml",
            "windows-latest",
            ["installers\\build.py", "setup.exe", "/S", "--smoke-test", "uninstall.exe"],
        ),
        ("macos-app.yml", "macos-latest", ["installers/build.py", "Info.plist", "org.laadesk.workbook"]),
    ],
)
def test_the_workflow_builds_and_tries_the_installer(name: str, runner: str, musts: list[str]) -> None:
    job, runs = steps_text(WORKFLOWS / name)
    assert job["runs-on"] == runner
    for must in musts:
        assert must in runs, f"{name} never mentions {must}"
    assert '".[build]"' in runs  # the build tools come from pyproject's build extra
