"""Everything that imports PySide6: windows, models, dialogs."""

from laadesk.ui.import_check import quicken

quicken()
