"""The History page: every change to the workbook, newest first, filtered by person, day and indicator."""
