"""`python -m app.cli`: the budget-desk command line."""

import sys

from app.cli.main import main

if __name__ == "__main__":  # `pdf --units` starts worker processes that import this module
    sys.exit(main())
