"""The projects' one-sided rooms, now in the import (`app.imports.tables.rooms`): kept under this
name for the benchmarks and tests that import it from here."""

from app.imports.tables.rooms import (
    CARRIED,
    SWEEPS,
    THIS_YEAR,
    Bounds,
    Rooms,
    carried,
    printed,
    project_rooms,
    propagate,
    within,
)

__all__ = ["CARRIED", "SWEEPS", "THIS_YEAR", "Bounds", "Rooms", "carried", "printed",
           "project_rooms", "propagate", "within"]
