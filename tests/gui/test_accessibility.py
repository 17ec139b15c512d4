"""Every interactive control on every page has a name a screen reader can say, and Tab reaches it."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from laadesk.ui.window.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the combo or spin box around it carries the name
        if widget.parent() is not None and type(widget.parent()).__name__ == "QCalendarWidget":
            continue
        if not spoken_name(widget).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName() or ''} in {type(root).__name__}")
    return missing


def test_every_page_control_has_a_spoken_name(window: MainWindow) -> None:
    missing = []
    checked = 0
    for page in window.pages:
        window.show_page(page.title)
        missing += unnamed_controls(page)
        checked += sum(1 for w in page.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisibleTo(page))
    assert missing == []
    assert checked > 80  # the check looked at the pages' real controls


def test_main_window_and_start_page_controls_are_named(window: MainWindow) -> None:
    window.set_workbook(None)
    assert unnamed_controls(window) == []


def test_page_controls_take_keyboard_focus(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    unreachable = []
    for page in window.pages:
        window.show_page(page.title)
        for widget in page.findChildren(QWidget):
            # Headers are reached through their table; buttons through their shortcuts and Tab.
            if isinstance(widget, (QHeaderView, QAbstractButton)) or not isinstance(widget, INTERACTIVE):
                continue
            shown = widget.isVisibleTo(page) and widget.isEnabled()
            if shown and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                unreachable.append(f"{type(widget).__name__} '{spoken_name(widget)}' on {page.title}")
    assert unreachable == []
