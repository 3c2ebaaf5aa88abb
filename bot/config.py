"""Settings read once from the environment into a typed object, so every entry point agrees."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

import platformdirs

from bot.feedback.pseudonyms import MIN_KEY_LENGTH
from bot.matching.thresholds import Thresholds

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "vielfalt-bot"
DATABASE_NAME = "vielfalt.db"
SESSIONS_NAME = "sessions.yaml"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    """One unusable setting: ``key`` names its wording in German and English (``bot/operations/wording.py``),
    ``values`` fill it in; the front end picks the language."""

    key: str
    values: Mapping[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.key} {dict(self.values)}"


class ConfigError(Exception):
    """Settings that cannot be used; each problem names the variable and what is expected."""

    def __init__(self, key: str, **values: str | int) -> None:
        self.problems: tuple[Problem, ...] = (Problem(key, values),)
        super().__init__(str(self.problems[0]))

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> ConfigError:
        error = cls(problems[0].key, **problems[0].values)
        error.problems = tuple(problems)
        return error


class _Problems:
    """Reads every setting even after one failed, so an operator sees all problems at once, not one per start."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def read(self, parse: Callable[[], T], fallback: T) -> T:
        try:
            return parse()
        except ConfigError as error:
            self.found.extend(error.problems)
            return fallback

    def raise_any(self) -> None:
        if self.found:
            raise ConfigError.of(self.found)


@dataclass(frozen=True, slots=True)
class Settings:
    """``repr()`` leaves the pseudonym key out, so a logged or printed settings object never reveals it."""

    database_path: Path
    knowledge_dir: Path
    thresholds: Thresholds
    pseudonym_key: str | None = field(default=None, repr=False)
    retention_days: int | None = None
    allow_new_database: bool = False
    sessions_file: Path | None = None
    cache_dir: Path | None = None  # where the built matcher is kept between runs; None: nowhere

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        problems = _Problems()
        settings = cls(
            database_path=database_path(env),
            knowledge_dir=knowledge_dir(env),
            thresholds=problems.read(lambda: _thresholds(env), Thresholds()),
            pseudonym_key=problems.read(lambda: _pseudonym_key(env), None),
            retention_days=problems.read(lambda: retention_days(env), None),
            allow_new_database=env.get("VIELFALT_ALLOW_NEW_DB", "").strip() == "1",
            sessions_file=_optional_path(env, "VIELFALT_SESSIONS_FILE"),
            cache_dir=cache_dir(env),
        )
        problems.raise_any()
        return settings

    @property
    def data_dir(self) -> Path:
        """The folder that holds the database and everything kept beside it (key, heartbeat, exports)."""
        return self.database_path.parent

    @property
    def sessions_path(self) -> Path:
        """The event's sessions (see :mod:`bot.podium.sessions`): ``VIELFALT_SESSIONS_FILE``, else
        ``sessions.yaml`` in the data folder. Without the file, everything stays open."""
        return self.sessions_file or self.data_dir / SESSIONS_NAME

    @property
    def local_key_path(self) -> Path:
        """Where the console keeps its own pseudonym key when none is configured."""
        return self.data_dir / "pseudonym.key"


def data_dir(env: Mapping[str, str]) -> Path:
    """``VIELFALT_DATA_DIR``, else the platform's user data folder (``~/.local/share/vielfalt-bot`` on Linux):
    one known place, whatever the current folder is, so no command silently starts an empty database elsewhere.
    """
    configured = env.get("VIELFALT_DATA_DIR", "").strip()
    return Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir(env: Mapping[str, str]) -> Path:
    """``VIELFALT_CACHE_DIR``, else the platform's user cache folder (``~/.cache/vielfalt-bot`` on Linux)."""
    configured = env.get("VIELFALT_CACHE_DIR", "").strip()
    return Path(configured).expanduser() if configured else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def database_path(env: Mapping[str, str]) -> Path:
    """``VIELFALT_DB`` names the file itself and wins over ``VIELFALT_DATA_DIR``."""
    configured = env.get("VIELFALT_DB", "").strip()
    return Path(configured).expanduser() if configured else data_dir(env) / DATABASE_NAME


def _optional_path(env: Mapping[str, str], variable: str) -> Path | None:
    configured = env.get(variable, "").strip()
    return Path(configured).expanduser() if configured else None


def retention_days(env: Mapping[str, str]) -> int | None:
    return _positive_int(env, "VIELFALT_RETENTION_DAYS")


def knowledge_dir(env: Mapping[str, str]) -> Path:
    return Path(env.get("VIELFALT_KNOWLEDGE_DIR") or _default_knowledge_dir())


THRESHOLD_VARIABLES = {
    "answer": "VIELFALT_ANSWER_THRESHOLD",
    "suggest": "VIELFALT_SUGGEST_THRESHOLD",
    "margin": "VIELFALT_ANSWER_MARGIN",
}


def _thresholds(env: Mapping[str, str]) -> Thresholds:
    defaults = Thresholds()
    values = {field.name: getattr(defaults, field.name) for field in fields(Thresholds)}
    for name, variable in THRESHOLD_VARIABLES.items():
        raw = env.get(variable)
        if raw:
            values[name] = _score(variable, raw)
    thresholds = Thresholds(**values)
    if thresholds.suggest > thresholds.answer:
        raise ConfigError("thresholds_crossed", suggest=f"{thresholds.suggest:g}", answer=f"{thresholds.answer:g}")
    return thresholds


def _score(variable: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError("score_not_a_number", variable=variable, raw=raw) from None
    if not 0 <= value <= 100:
        raise ConfigError("score_out_of_range", variable=variable, raw=f"{value:g}")
    return value


def _pseudonym_key(env: Mapping[str, str]) -> str | None:
    key = env.get("VIELFALT_PSEUDONYM_KEY", "").strip()
    if key and len(key) < MIN_KEY_LENGTH:
        raise ConfigError("key_too_short", minimum=MIN_KEY_LENGTH, command=GENERATE_KEY_COMMAND)
    return key or None


NEW_DATABASE_HELP = (
    "start a new, empty database although files show an earlier one existed here (or VIELFALT_ALLOW_NEW_DB=1)"
)
GENERATE_KEY_COMMAND = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def _positive_int(env: Mapping[str, str], variable: str) -> int | None:
    raw = env.get(variable, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError("days_invalid", variable=variable, raw=raw)
    return int(raw)


def _default_knowledge_dir() -> Path:
    """The repository's ``knowledge/`` when running from a checkout, otherwise ``./knowledge``."""
    bundled = _PACKAGE_ROOT / "knowledge"
    return bundled if bundled.is_dir() else Path("knowledge")


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    """What only the Discord front end needs; the CLI and console run without any of it. ``repr()`` leaves the
    token out."""

    token: str = field(repr=False)
    guild_ids: tuple[int, ...] = ()
    moderator_role: str | None = None
    api_base: str | None = None
    gateway_url: str | None = None
    qa_channel_ids: tuple[int, ...] = ()
    podium_channel_id: int | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DiscordSettings:
        env = os.environ if environ is None else environ
        problems = _Problems()
        settings = cls(
            token=problems.read(lambda: _token(env), ""),
            guild_ids=problems.read(lambda: _ids(env, "VIELFALT_GUILD_IDS"), ()),
            moderator_role=env.get("VIELFALT_MODERATOR_ROLE", "").strip() or None,
            api_base=problems.read(lambda: _url(env, "DISCORD_API_BASE"), None),
            gateway_url=problems.read(lambda: _url(env, "DISCORD_GATEWAY_URL"), None),
            qa_channel_ids=problems.read(lambda: _ids(env, "VIELFALT_QA_CHANNEL_IDS"), ()),
            podium_channel_id=problems.read(lambda: _one_id(env, "VIELFALT_PODIUM_CHANNEL_ID"), None),
        )
        problems.raise_any()
        return settings

    @property
    def needs_message_content(self) -> bool:
        """Only answering every message in Q&A channels needs the privileged message content intent."""
        return bool(self.qa_channel_ids)


def _token(env: Mapping[str, str]) -> str:
    token = env.get("DISCORD_TOKEN", "").strip()
    if not token:
        raise ConfigError("token_missing")
    return token


def _ids(env: Mapping[str, str], variable: str) -> tuple[int, ...]:
    raw = env.get(variable, "")
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise ConfigError("ids_invalid", variable=variable, raw=raw)
    return tuple(int(part) for part in parts)


def _one_id(env: Mapping[str, str], variable: str) -> int | None:
    found = _ids(env, variable)
    if len(found) > 1:
        raise ConfigError("ids_invalid", variable=variable, raw=env.get(variable, ""))
    return found[0] if found else None


def _url(env: Mapping[str, str], variable: str) -> str | None:
    raw = env.get(variable, "").strip()
    if raw and not raw.startswith(("http://", "https://", "ws://", "wss://")):
        raise ConfigError("url_invalid", variable=variable, raw=raw)
    return raw.rstrip("/") or None
