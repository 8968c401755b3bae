"""Renderers: the disclosure PDF (reportlab) and the Excel workbooks (openpyxl)."""
