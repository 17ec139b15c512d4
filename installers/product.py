"""What every installer says about laadesk: names, version, the workbook file type, what Qt to leave out.

The PyInstaller spec, the Linux package, the NSIS script's defines and the macOS Info.plist all
read these, so a name or the file type is written down once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

NAME = "laadesk"  # the window's executable, the .desktop file, the icon name
CLI_NAME = "laadesk-cli"  # the command line, in the same folder
SUMMARY = "The Local Area Agreement negotiator's workbook"
PUBLISHER = "laadesk"

WORKBOOK_EXTENSION = "laa"
WORKBOOK_MIME_TYPE = "application/x-laadesk-workbook"
WORKBOOK_DESCRIPTION = "laadesk workbook"
WORKBOOK_ICON_NAME = "application-x-laadesk-workbook"  # freedesktop icon name of the MIME type
WINDOWS_PROG_ID = "laadesk.Workbook"

# Placeholder reverse-DNS names: change them (and re-sign) once the project owns a domain.
BUNDLE_IDENTIFIER = "org.laadesk.laadesk"
WORKBOOK_UTI = "org.laadesk.workbook"

ICON_SVG = ROOT / "resources" / "icon" / "laadesk.svg"

# Qt modules laadesk never imports (`grep -rn "PySide6\." laadesk`: QtCore, QtGui, QtWidgets,
# QtCharts). PyInstaller collects a Qt module only when something imports it, so these mostly
# guard against a dependency pulling one in; the files below are what the imported ones drag along.
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtConcurrent",
    "QtDBus",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
)
# reportlab loads PIL and uharfbuzz while writing the PDF: they stay, less Pillow's AVIF and WebP
# codecs, colour management and Tk bridge (with their libraries, about 6 MB), which it never uses.
UNUSED_PYTHON_MODULES = (
    "tkinter",
    "pydoc_data",
    "lib2to3",
    "IPython",
    "numpy",
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingtk",
    "PIL.ImageTk",
)


def version() -> str:
    """laadesk's version, read from the package without importing it (and so without Qt)."""
    text = (ROOT / "laadesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("laadesk/__init__.py has no __version__ line; the installers need one.")
    return found.group(1)


def windows_version(text: str) -> str:
    """A four-part numeric version as Windows' VIProductVersion wants it ("0.1.0" -> "0.1.0.0")."""
    numbers = [int(n) for n in re.findall(r"\d+", text)[:4]]
    return ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))


def mac_info_plist() -> dict[str, Any]:
    """Info.plist entries beyond PyInstaller's own: .laa is laadesk's own document type."""
    return {
        "CFBundleName": NAME,
        "CFBundleDisplayName": NAME,
        "CFBundleShortVersionString": version(),
        "CFBundleVersion": version(),
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        "NSHumanReadableCopyright": f"{PUBLISHER}, MIT licence",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": WORKBOOK_DESCRIPTION,
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [WORKBOOK_UTI],
                "CFBundleTypeIconFile": f"{NAME}.icns",
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": WORKBOOK_UTI,
                "UTTypeDescription": WORKBOOK_DESCRIPTION,
                "UTTypeConformsTo": ["public.data", "public.database"],
                "UTTypeIconFile": f"{NAME}.icns",
                "UTTypeTagSpecification": {
                    "public.filename-extension": [WORKBOOK_EXTENSION],
                    "public.mime-type": [WORKBOOK_MIME_TYPE],
                },
            }
        ],
    }


# Files the imported Qt modules drag along that laadesk never loads, matched as parts of a file's
# path inside the bundle (Linux, Windows and macOS spellings). What each costs is in README.md.
UNUSED_QT_FILES: tuple[str, ...] = (
    # Qt's own translations: laadesk speaks English only and installs no QTranslator.
    "PySide6/Qt/translations/",
    "PySide6/translations/",
    # The on-screen keyboard plugin, which brings QML and Qt Quick; PDF thumbnails as an image format.
    "qtvirtualkeyboardplugin",
    "imageformats/libqpdf",
    "imageformats/qpdf",
    "Qt6VirtualKeyboard",
    "QtVirtualKeyboard",
    "Qt6Qml",
    "QtQml",
    "Qt6Quick",
    "QtQuick",
    "Qt6Pdf",
    "QtPdf",
    # Embedded-device platforms and input (framebuffer, EGL full screen, VNC, evdev, TUIO).
    "egldeviceintegrations/",
    "plugins/generic/",
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqminimalegl",
    "platforms/libqvnc",
    "platforms/libqvkkhrdisplay",
    "Qt6EglFS",
    "Qt6EglFs",
    # The GTK theme plugin links the system's GTK against the bundle's older GLib; the XDG portal
    # theme (kept) gives native file dialogs without that mix.
    "platformthemes/libqgtk3",
    # Networking: laadesk opens no connection (TLS backends, network status plugins).
    "plugins/tls/",
    "plugins/networkinformation/",
    "Qt6Network",
    "QtNetwork",
)


def is_unused_qt_file(destination: str) -> bool:
    """Whether a bundle file (its path inside the folder) is one of UNUSED_QT_FILES."""
    name = destination.replace("\\", "/")
    return any(part in name for part in UNUSED_QT_FILES)
