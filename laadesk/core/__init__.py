"""Pure domain: records, rules, edits and the exchange layout. No Qt, no sqlite3, no files."""
