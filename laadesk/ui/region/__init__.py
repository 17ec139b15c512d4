"""The region desk: every area's workbook in a shared folder at once, read-only (File > Open Region Folder...)."""
