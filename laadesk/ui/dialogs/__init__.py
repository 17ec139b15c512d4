"""Dialogs the window opens for a moment: new workbook, export, backups, locks, workshop summary, a crash."""
