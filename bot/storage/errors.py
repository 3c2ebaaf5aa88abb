"""The storage error type, apart from the database module so front ends can catch it without loading aiosqlite."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database that cannot be opened or is newer than this program, in words an operator understands."""
