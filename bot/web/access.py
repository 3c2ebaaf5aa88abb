"""Who may see the wall: anyone on this machine; from other machines only with the secret token in the link.

Kept apart from the server so that ``doctor`` can print the link without loading aiohttp or the services.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TOKEN_LENGTH = 32
TOKEN_VARIABLE = "VIELFALT_WALL_TOKEN"


def derive_token(pseudonym_key: str) -> str:
    """A secret for the wall's link that needs no file: a keyed hash of its own, revealing nothing of the key."""
    return hmac.new(pseudonym_key.encode(), b"projector-wall", hashlib.sha256).hexdigest()[:TOKEN_LENGTH]


def wall_token(env: Mapping[str, str], pseudonym_key: str | None, local_key: Path | None = None) -> str | None:
    """``VIELFALT_WALL_TOKEN`` if set (to change the link without changing the key), else derived from the
    pseudonym key, or from the console's local key where that is the one in use; None when there is no key yet."""
    configured = env.get(TOKEN_VARIABLE, "").strip()
    if configured:
        return configured
    if pseudonym_key:
        return derive_token(pseudonym_key)
    if local_key is not None and local_key.is_file():
        return derive_token(local_key.read_text(encoding="utf-8").strip())
    return None


def is_public(host: str) -> bool:
    """Anything but a loopback address (127.0.0.0/8, ::1, localhost) may be reachable from other machines."""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


def wall_url(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
