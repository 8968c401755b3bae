"""The frozen application's entry point: the same `budget-desk` command as the installed one."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
