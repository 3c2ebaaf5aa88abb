"""Plain-text tables for the terminal: aligned columns, numbers to the right, the last column free in width."""

from __future__ import annotations

from collections.abc import Sequence


def table(headers: Sequence[str], rows: Sequence[Sequence[str | int]]) -> str:
    """Numbers are right-aligned; the last column is not padded, so long titles or details never push the
    others apart."""
    cells = [[str(value) for value in row] for row in [headers, *rows]]
    numeric = [all(isinstance(row[column], int) for row in rows) for column in range(len(headers))]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    lines = []
    for row in cells:
        parts = [
            value.rjust(widths[column]) if numeric[column] else value.ljust(widths[column])
            for column, value in enumerate(row[:-1])
        ]
        lines.append("  ".join([*parts, row[-1]]).rstrip())
    return "\n".join(lines)
