"""The workbook file: one SQLite file per area, its migrations, and the reference data."""
