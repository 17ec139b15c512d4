"""The headless command line: new, info, import, validate, export, indicators, demo."""
