"""Keyed pseudonyms: stored ids cannot be traced back to Discord accounts without the secret key."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

MIN_KEY_LENGTH = 16


class Pseudonymizer:
    def __init__(self, key: str) -> None:
        if len(key) < MIN_KEY_LENGTH:
            raise ValueError(f"the pseudonym key must have at least {MIN_KEY_LENGTH} characters")
        self._key = key.encode()

    def pseudonym(self, platform: str, user_id: str) -> str:
        return hmac.new(self._key, f"{platform}:{user_id}".encode(), hashlib.sha256).hexdigest()


def local_key(path: Path) -> str:
    """The console's own key, created once next to its database with owner-only permissions."""
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(key + "\n")
    return key
