"""Budget Desk core: records, catalogs, the profiles' tables, checks and the budget file."""

__version__ = "0.1.0"
