"""The frozen application's entry point: the same `budget-desk` command as the installed one."""

import multiprocessing
import sys

from app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `pdf --units` runs its documents in worker processes
    sys.exit(main())
