"""Keyed pseudonyms: stored values cannot be traced back to Discord accounts, or to each other, without the key.

Three kinds of value are derived with HMAC-SHA-256 and the secret key, each in its own domain:

- the **participant pseudonym** ``P = HMAC(key, "platform:user_id")`` marks a person's named feedback;
- an **anonymous pseudonym** ``A = HMAC(key, "anonymous" | P | thesis_id)`` marks that person's anonymous
  feedback on one thesis (stance history and comments on it), a different value for every thesis;
- the **audit actor** ``HMAC(key, "audit" | P[:12])[:12]`` marks a moderator's actions in the audit log;
- an **anonymous podium question** carries ``HMAC(key, "podium" | P | nonce)`` with a random nonce stored in its
  row: every anonymous question gets a value of its own, unlinkable even to the same person's other questions;
- a **vote** on a podium question is stored as ``HMAC(key, "vote" | P | question_id)``: one value per person and
  question (so a second click finds and withdraws it), unlinkable across questions and to every other row, so the
  votes table reveals nothing but counts.

Without the key, the database, its backups and every export hold only unrelated random-looking values, so an
anonymous row cannot be joined to the same person's named rows, their anonymous rows on other theses, or their
moderator actions. With the key and the person's id, the bot recomputes P, then A for every thesis id in the
database, to show, edit, withdraw and delete that person's anonymous feedback. A and the actor are derived
from P (not from the Discord id) so that rows stored before this scheme could be re-keyed by a migration. In the
same way it recomputes the podium value for each anonymous question's nonce and the vote value for each question
id to find that person's questions and votes.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.storage.files import make_private_folder, open_private

MIN_KEY_LENGTH = 16
ACTOR_LENGTH = 12
_SEPARATOR = "\x1f"


class Pseudonymizer:
    def __init__(self, key: str) -> None:
        if len(key) < MIN_KEY_LENGTH:
            raise ValueError(f"the pseudonym key must have at least {MIN_KEY_LENGTH} characters")
        self._key = key.encode()

    def __repr__(self) -> str:
        return "Pseudonymizer(key=<hidden>)"

    def pseudonym(self, platform: str, user_id: str) -> str:
        return self._digest(f"{platform}:{user_id}")

    def anonymous_pseudonym(self, pseudonym: str, thesis_id: str) -> str:
        return self._digest(_SEPARATOR.join(("anonymous", pseudonym, thesis_id)))

    def audit_actor(self, actor: str) -> str:
        """``actor`` is the first characters of a participant pseudonym (what the audit log stored before)."""
        return self._digest(_SEPARATOR.join(("audit", actor[:ACTOR_LENGTH])))[:ACTOR_LENGTH]

    def podium_pseudonym(self, pseudonym: str, nonce: str) -> str:
        return self._digest(_SEPARATOR.join(("podium", pseudonym, nonce)))

    def voter(self, pseudonym: str, question_id: int) -> str:
        return self._digest(_SEPARATOR.join(("vote", pseudonym, str(question_id))))

    def owner(self, platform: str, user_id: str) -> Owner:
        pseudonym = self.pseudonym(platform, user_id)
        return Owner(pseudonym, self)

    def _digest(self, message: str) -> str:
        return hmac.digest(self._key, message.encode(), "sha256").hex()  # OpenSSL one-shot, same value


@dataclass(frozen=True, slots=True)
class Owner:
    """One person as the store sees them: every value their rows can carry, derivable only with the key."""

    pseudonym: str
    _keys: Pseudonymizer

    def for_row(self, thesis_id: str, anonymous: bool) -> str:
        return self._keys.anonymous_pseudonym(self.pseudonym, thesis_id) if anonymous else self.pseudonym

    def all_pseudonyms(self, thesis_ids: Iterable[str]) -> list[str]:
        """The named pseudonym and the anonymous one for each thesis id."""
        return [self.pseudonym, *(self._keys.anonymous_pseudonym(self.pseudonym, t) for t in sorted(set(thesis_ids)))]

    def for_question(self, anonymous: bool, nonce: str | None) -> str:
        """The value a podium question of this person carries; ``nonce`` is required for an anonymous one."""
        if not anonymous:
            return self.pseudonym
        if nonce is None:
            raise ValueError("an anonymous podium question needs its nonce")
        return self._keys.podium_pseudonym(self.pseudonym, nonce)

    def voter(self, question_id: int) -> str:
        return self._keys.voter(self.pseudonym, question_id)

    @property
    def audit_actor(self) -> str:
        return self._keys.audit_actor(self.pseudonym)


def local_key(path: Path) -> str:
    """The console's own key, created once in the data folder with owner-only permissions.

    Written aside and linked into place, so two consoles starting at once agree on one complete key.
    """
    if not path.is_file():
        make_private_folder(path.parent)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        with open_private(partial, encoding="utf-8") as file:
            file.write(secrets.token_hex(32) + "\n")
        try:
            os.link(partial, path)
        except FileExistsError:
            pass
        finally:
            partial.unlink()
    return path.read_text(encoding="utf-8").strip()
