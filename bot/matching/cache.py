"""Builds each knowledge base's matcher once: once per process, and once per machine through a cache file.

The key is a hash of every knowledge file's name and content, so an edited file (a moderator's reload) builds
a new matcher while the CLI, the tests and a reload of unchanged files reuse the one already built. Building
takes about 0.2 s, reading the cache file about 0.02 s: every command that answers questions starts that much
sooner. The file's name also hashes the program's code, the thresholds, the Python version and the versions of the
libraries that shape the index, so a changed program never reads a stale matcher.

The cache holds only what ``knowledge/`` says (no personal data). It is a pickle, so it is read only from a folder
and file that belong to the user running the program and that nobody else can write; anything else, or a file
that cannot be read, is ignored and the matcher is built as if there were no cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import threading
from importlib import metadata
from pathlib import Path

from bot.knowledge.loader import EXTENSIONS, load_knowledge
from bot.matching.matcher import Matcher
from bot.matching.thresholds import Thresholds
from bot.storage.files import make_private_folder, open_private

log = logging.getLogger(__name__)

MAX_CACHED = 4
PREFIX = "matcher-"
SUFFIX = ".pickle"
_CODE = Path(__file__).resolve().parent.parent  # the bot package
_LIBRARIES = ("pydantic", "PyStemmer", "RapidFuzz", "simplemma", "stop-words")
_OTHERS_MAY_WRITE = 0o022
_built: dict[tuple[str, Thresholds], Matcher] = {}


def knowledge_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    if directory.is_dir():
        for path in sorted(p for p in directory.iterdir() if p.suffix in EXTENSIONS and p.is_file()):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def matcher_for(directory: Path, thresholds: Thresholds, cache_dir: Path | None = None) -> Matcher:
    """Raises :class:`~bot.knowledge.errors.KnowledgeError` when ``knowledge/`` does not validate; without
    ``cache_dir`` nothing is read from or written to disk, and nothing about the cache ever fails a caller."""
    key = (knowledge_digest(directory), thresholds)
    if key not in _built:
        if len(_built) >= MAX_CACHED:
            _built.pop(next(iter(_built)))
        name = _file_name(*key) if cache_dir else None
        cached = _read(cache_dir / name) if cache_dir and name else None
        if cached is None:
            cached = Matcher(load_knowledge(directory), thresholds)
            if cache_dir and name:
                _write(cache_dir, name, cached)
        _built[key] = cached
    return _built[key]


def _file_name(knowledge: str, thresholds: Thresholds) -> str | None:
    """A hash of all that shapes the built matcher: the knowledge, the thresholds, every module of ``bot`` (the
    loader also takes texts from :mod:`bot.texts`), Python and the libraries; None when it cannot be known."""
    try:
        versions = "|".join(metadata.version(library) for library in _LIBRARIES)
        digest = hashlib.sha256(f"{knowledge}|{thresholds!r}|{sys.version}|{versions}".encode())
        for path in sorted(_CODE.rglob("*.py")):
            digest.update(str(path.relative_to(_CODE)).encode())
            digest.update(path.read_bytes())
    except (OSError, metadata.PackageNotFoundError) as error:
        log.info("matcher cache not used", extra={"error": type(error).__name__})
        return None
    return f"{PREFIX}{digest.hexdigest()[:32]}{SUFFIX}"


def _read(path: Path) -> Matcher | None:
    try:
        if not (_private(path.parent) and _private(path)):
            return None
        with path.open("rb") as file:
            matcher = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged or foreign file: build instead, as without a cache
        log.warning("matcher cache ignored", extra={"path": str(path), "error": type(error).__name__})
        return None
    return matcher if isinstance(matcher, Matcher) else None


def _private(path: Path) -> bool:
    status = path.stat()
    return status.st_uid == os.getuid() and not status.st_mode & _OTHERS_MAY_WRITE


def _write(folder: Path, name: str, matcher: Matcher) -> None:
    """Written beside its final name and renamed, so a program starting at the same moment never reads half a
    file; only the newest few matchers are kept (one per knowledge state and thresholds in use)."""
    partial = folder / f"{name}.{os.getpid()}.{threading.get_ident()}.partial"
    try:
        make_private_folder(folder)
        with open_private(partial, "wb") as file:
            pickle.dump(matcher, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, folder / name)
        kept = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in kept[MAX_CACHED:]:
            old.unlink(missing_ok=True)
    except Exception as error:  # a cache that cannot be written only costs the next start its build
        log.info("matcher cache not written", extra={"folder": str(folder), "error": type(error).__name__})
    finally:
        partial.unlink(missing_ok=True)
