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
