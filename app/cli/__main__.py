"""`python -m app.cli`: the budget-desk command line."""

import sys

from app.cli.main import main

sys.exit(main())
