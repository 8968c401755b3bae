"""The Qt (PySide6) application over the core's services."""
