"""Builds each knowledge base's matcher once per process: the same files give the same matcher.

The key is a hash of every knowledge file's name and content, so an edited file (a moderator's reload) builds
a new matcher while the CLI, the tests and a reload of unchanged files reuse the one already built.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.knowledge.loader import EXTENSIONS, load_knowledge
from bot.matching.matcher import Matcher
from bot.matching.thresholds import Thresholds

MAX_CACHED = 4
_built: dict[tuple[str, Thresholds], Matcher] = {}


def knowledge_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(p for p in directory.iterdir() if p.suffix in EXTENSIONS and p.is_file()):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def matcher_for(directory: Path, thresholds: Thresholds) -> Matcher:
    """Raises :class:`~bot.knowledge.errors.KnowledgeError` when ``knowledge/`` does not validate."""
    key = (knowledge_digest(directory), thresholds)
    if key not in _built:
        if len(_built) >= MAX_CACHED:
            _built.pop(next(iter(_built)))
        _built[key] = Matcher(load_knowledge(directory), thresholds)
    return _built[key]
