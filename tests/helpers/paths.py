"""Where the checkout is, for tests that run commands in it or read its files."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
