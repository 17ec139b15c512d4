"""`python -m laadesk` runs the command line."""

from laadesk.cli.main import main

raise SystemExit(main())
