"""The item-data roles laadesk's tables share beyond Qt's own, and the index type they take."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole  # a Python value that sorts as a person expects (NI 9 before NI 10)
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1  # [(label, text)] a choice or tick-list editor offers
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # the key of the row's record (an indicator's code, a note's id)
