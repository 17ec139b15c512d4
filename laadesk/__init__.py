"""laadesk: the Local Area Agreement negotiator's workbook."""

__version__ = "0.1.0"
