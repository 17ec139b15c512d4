"""The frozen `laadesk-cli` program's entry point (the window's is main.py)."""

from laadesk.cli.main import main

raise SystemExit(main())
