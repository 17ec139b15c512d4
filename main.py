from laadesk.app import main

raise SystemExit(main())
