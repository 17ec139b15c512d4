"""Fonts and icons the tables share, each made once (a QFont or QIcon per cell showed in profiles)."""

from __future__ import annotations

import functools

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from laadesk.core.rules import Severity


@functools.cache
def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@functools.cache
def italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


@functools.cache
def struck() -> QFont:
    font = QFont()
    font.setStrikeOut(True)
    return font


def severity_icon(severity: Severity) -> QIcon:
    """The style's error or warning icon."""
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)
