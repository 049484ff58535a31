"""Shared Chinese full-text search (jieba → PostgreSQL full-text search / SQLite FTS5).

The contract for other apps is the module docstring of `zhengwu.search.services`.
"""
