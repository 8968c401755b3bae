"""Reading published disclosure PDFs: the text of each page, the template, its tables, the rules."""
