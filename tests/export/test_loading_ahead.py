"""The editor loads the pack writers on a background thread before the first export."""

from __future__ import annotations

import subprocess
import sys

LOADED = ("reportlab.platypus", "openpyxl", "laadesk.export.pdf_pack", "laadesk.export.xlsx_targets")
LOAD_AHEAD = f"""
import sys
from laadesk.export.packs import load_pack_writers
assert not any(name.startswith(("reportlab", "openpyxl")) for name in sys.modules), "loaded too early"
load_pack_writers()
from reportlab.pdfbase import pdfmetrics
print(" ".join(name for name in {LOADED!r} if name in sys.modules))
print(" ".join(sorted(name for name in pdfmetrics.getRegisteredFontNames() if name.startswith("DejaVu"))))
"""


def test_loading_ahead_leaves_an_export_nothing_to_load() -> None:
    done = subprocess.run([sys.executable, "-c", LOAD_AHEAD], capture_output=True, text=True, check=True, timeout=120)
    modules, fonts = done.stdout.splitlines()
    assert modules.split() == list(LOADED)
    assert fonts.split() == ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"]
