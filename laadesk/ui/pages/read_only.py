"""Turning a page's editing controls off when the workbook is open read-only.

Another laadesk has the workbook open (or the file cannot be written), so nothing on a page may
start an edit: tables open no editor and take no drops, text can be read, selected and copied
but not typed into, choices show their value but do not change, and the buttons that add,
remove or move things are hidden. Searches and filters (a page's `reading_controls`) keep
working. Each page only grows this once, on a workbook that stays read-only while it is open;
pages that enable and disable buttons as the selection moves cannot bring a hidden one back.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from laadesk.ui.widgets.controls import ADDS_RECORDS

# Widgets whose own parts (a line edit's clear button, a combo's popup list) are left alone.
_COMPOUND = (QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


def make_read_only(page: QWidget, reading_controls: Iterable[QWidget]) -> None:
    keep = set(reading_controls)
    for widget in page.findChildren(QWidget):
        if _part_of(widget, page, keep):
            continue
        if widget.property(ADDS_RECORDS):
            widget.hide()
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
            widget.setReadOnly(True)
        elif isinstance(widget, QComboBox) or (isinstance(widget, QAbstractButton) and widget.isCheckable()):
            # Shows its value as before; neither mouse nor keys can change it, whatever the page
            # later does with setEnabled as the selection moves.
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        elif isinstance(widget, QAbstractButton):
            widget.hide()


def _part_of(widget: QWidget, page: QWidget, keep: set[QWidget]) -> bool:
    """A reading control, or a part inside one or inside a compound widget."""
    if widget in keep:
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if parent in keep or isinstance(parent, _COMPOUND):
            return True
        parent = parent.parentWidget()
    return False
