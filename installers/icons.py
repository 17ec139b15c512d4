"""The application icon in every size a platform asks for, rendered from the one SVG at build time.

Qt's own SVG renderer draws the PNGs (it is in every PySide6 install, so Windows and macOS
builds need no extra tool); Pillow packs them into Windows' .ico and macOS' .icns.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # hicolor/NxN/apps
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


@dataclass(frozen=True)
class Icons:
    svg: Path
    png: dict[int, Path]
    ico: Path
    icns: Path


def render_png(svg: Path, size: int, out: Path) -> Path:
    """Draw the SVG into a size x size PNG with a transparent background."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"The icon {svg} is not an SVG file Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):  # the format follows the .png suffix
        raise SystemExit(f"Could not write the icon {out}.")
    return out


def render_icons(svg: Path, out_dir: Path, name: str) -> Icons:
    """Every PNG size, an .ico and an .icns of the icon, in out_dir (made afresh)."""
    from PIL import Image

    if not svg.is_file():
        raise SystemExit(f"The application icon's source {svg} is missing.")
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    png = {size: render_png(svg, size, out_dir / f"{name}-{size}.png") for size in PNG_SIZES}
    images = {}
    for size, path in png.items():
        with Image.open(path) as image:
            images[size] = image.convert("RGBA")
    ico = out_dir / f"{name}.ico"
    images[256].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    icns = out_dir / f"{name}.icns"
    images[1024].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    shutil.copy2(svg, out_dir / f"{name}.svg")
    return Icons(svg=out_dir / f"{name}.svg", png=png, ico=ico, icns=icns)
