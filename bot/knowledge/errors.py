"""The knowledge base's error type, apart from the loader so front ends can catch it without loading pydantic."""

from __future__ import annotations

from collections.abc import Sequence


class KnowledgeError(Exception):
    """Raised with every problem found, each already formatted for the curator."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)
