"""The Shanghai template: 9 tables in 元, 编制说明 and 其他相关情况说明 (部门 and 单位 documents)."""
