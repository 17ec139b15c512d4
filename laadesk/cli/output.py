"""Printing for the CLI: JSON for tools, plain sentences for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def tell(message: str) -> None:
    print(message, file=sys.stderr)


def author(name: str | None) -> str | None:
    """The name given with --who, spaces tidied; None (the account name) when none was given."""
    return " ".join((name or "").split()) or None
