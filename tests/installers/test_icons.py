"""The application icon: every size rendered from the SVG, legible small, drawn alike by Qt and librsvg."""

from __future__ import annotations

from pathlib import Path

from installer_helpers import run
from PIL import Image, ImageChops, ImageStat

from installers import product
from installers.icons import ICNS_SIZES, ICO_SIZES, PNG_SIZES, Icons, render_png

NAVY = (0x1F, 0x3A, 0x5F)
ORANGE = (0xC8, 0x64, 0x1E)
WHITE = (0xFF, 0xFF, 0xFF)


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], slack: int = 24) -> bool:
    return pixel[3] == 255 and all(abs(p - c) <= slack for p, c in zip(pixel, colour))


def opened(path: Path) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        return image


def test_every_size_is_rendered_and_packed(icons: Icons) -> None:
    for size in PNG_SIZES:
        assert opened(icons.png[size]).size == (size, size)
    assert opened(icons.ico).info["sizes"] == {(s, s) for s in ICO_SIZES}
    icns = opened(icons.icns)
    assert icns.size == (max(ICNS_SIZES), max(ICNS_SIZES))
    assert (256, 256, 1) in icns.info["sizes"]


def test_at_16_pixels_the_icon_keeps_its_navy_sheet_and_orange_tick(icons: Icons) -> None:
    image = opened(icons.png[16]).convert("RGBA")
    data = image.tobytes()
    pixels = [tuple(data[i : i + 4]) for i in range(0, len(data), 4)]
    assert sum(near(p, NAVY) for p in pixels) >= 40  # the tile and the target rows
    assert sum(near(p, WHITE) for p in pixels) >= 30  # the sheet
    assert sum(near(p, ORANGE, slack=40) for p in pixels) >= 3  # the tick
    assert image.getpixel((0, 0))[3] < 128  # rounded corners, not a square


def test_librsvg_draws_the_icon_as_qt_does(tmp_path: Path) -> None:
    """File managers draw the scalable icon with librsvg; the build renders with Qt. Both must agree."""
    qt = render_png(product.ICON_SVG, 64, tmp_path / "qt.png")
    done = run(["rsvg-convert", "-w", "64", "-h", "64", product.ICON_SVG, "-o", tmp_path / "rsvg.png"])
    assert done.returncode == 0, done.stderr
    difference = ImageChops.difference(opened(qt).convert("RGBA"), opened(tmp_path / "rsvg.png").convert("RGBA"))
    assert max(ImageStat.Stat(difference).mean) < 3.0  # anti-aliasing differs a little, shapes not at all
