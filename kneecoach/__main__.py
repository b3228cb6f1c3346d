from kneecoach.cli import main

raise SystemExit(main())
