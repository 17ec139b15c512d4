"""The Story of place page: sections in order, their text, evidence and linked indicators."""
