"""The Shanxi template (山西省): its 13 tables, the text of 第三部分, the bundled sample."""

NAME = "山西省（13张表）"
