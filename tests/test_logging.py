"""Logs are structured events at chosen levels, in text or JSON, and never carry what participants wrote."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings
from bot.feedback.model import Identity, Stance, Submission
from bot.logs import LogSettings, configure_logging
from bot.services import open_services
from tests.cli_helpers import run_cli
from tests.discord_harness import running_bot


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    yield
    root.handlers[:], level = saved
    root.setLevel(level)


def _json_lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.usefixtures("restore_logging")
def test_json_format_writes_one_object_per_event_with_its_context() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("info", "json"), stream)
    logging.getLogger("bot.example").info("feedback stored", extra={"thesis": "these-3"})
    [event] = _json_lines(stream)
    assert event["event"] == "feedback stored"
    assert (event["level"], event["logger"], event["thesis"]) == ("info", "bot.example", "these-3")
    assert str(event["timestamp"]).endswith("Z")


@pytest.mark.usefixtures("restore_logging")
def test_text_format_puts_context_as_key_value_pairs() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("info", "text"), stream)
    logging.getLogger("bot.example").warning("export written", extra={"rows": 12})
    line = stream.getvalue()
    assert "[warning" in line
    assert "export written" in line
    assert "rows=12" in line


@pytest.mark.usefixtures("restore_logging")
def test_events_below_the_level_are_dropped() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("warning", "json"), stream)
    logging.getLogger("bot.example").info("chatty")
    logging.getLogger("bot.example").error("important")
    assert [event["event"] for event in _json_lines(stream)] == ["important"]


@pytest.mark.usefixtures("restore_logging")
def test_debug_level_keeps_libraries_that_log_raw_payloads_at_info() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("debug", "json"), stream)
    logging.getLogger("discord.gateway").debug("WebSocket Event: message content")
    logging.getLogger("discord.http").debug("POST /interactions/1/token/callback with payload")
    logging.getLogger("discord.webhook.async_").debug("Webhook ID 1 with token")
    logging.getLogger("discord.client").debug("Dispatching event interaction")
    logging.getLogger("discord.state").debug("GUILD_MEMBER_UPDATE referencing an unknown member ID: 1")
    logging.getLogger("aiosqlite").debug("executing with parameters")
    logging.getLogger("bot.example").debug("our own detail")
    assert [event["event"] for event in _json_lines(stream)] == ["our own detail"]


@pytest.mark.usefixtures("restore_logging")
def test_json_tracebacks_do_not_include_local_variables() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("info", "json"), stream)
    secret_comment = "Mein persönlicher Kommentar"
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("bot.example").exception("failed")
    [event] = _json_lines(stream)
    assert "ValueError: boom" in str(event["exception"])
    assert secret_comment not in stream.getvalue()


@pytest.mark.usefixtures("restore_logging")
async def test_stored_feedback_is_logged_without_the_comment_or_the_person(settings: Settings) -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("debug", "json"), stream)
    async with open_services(settings) as services:
        thesis = services.questions.knowledge.theses[0].id
        await services.feedback.submit(
            Identity("discord", "123456789", "Erika Muster"),
            Submission(thesis, Stance.AGREE, "Sehr geheimer Kommentar", anonymous=False),
            channel="discord",
        )
    [stored] = [event for event in _json_lines(stream) if event["event"] == "feedback stored"]
    assert (stored["thesis"], stored["stance"], stored["comment"]) == (thesis, True, True)
    assert "Sehr geheimer Kommentar" not in stream.getvalue()
    assert "Erika" not in stream.getvalue()
    assert "123456789" not in stream.getvalue()


def test_settings_prefer_the_option_over_the_environment_over_the_default() -> None:
    environ = {"VIELFALT_LOG_LEVEL": "ERROR", "VIELFALT_LOG_FORMAT": "json"}
    assert LogSettings.resolve("debug", None, environ, "info") == LogSettings("debug", "json")
    assert LogSettings.resolve(None, None, environ, "info") == LogSettings("error", "json")
    assert LogSettings.resolve(None, None, {}, "info") == LogSettings("info", "text")


def test_an_unknown_level_in_the_environment_is_refused_with_the_variable_named() -> None:
    with pytest.raises(ConfigError) as raised:
        LogSettings.resolve(None, None, {"VIELFALT_LOG_LEVEL": "loud"}, "info")
    [problem] = raised.value.problems
    assert (problem.key, problem.values["variable"]) == ("choice_invalid", "VIELFALT_LOG_LEVEL")


def test_cli_logs_go_to_stderr_so_stdout_stays_machine_readable(tmp_path: Path) -> None:
    result = run_cli(
        ["ask", "--json", "--log-level", "debug", "--log-format", "json", "Wer hat das Projekt geleitet?"],
        {"VIELFALT_DB": str(tmp_path / "x.db")},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "answer"
    events = {json.loads(line)["event"] for line in result.stderr.splitlines()}
    assert {"knowledge base loaded", "database opened", "question matched"} <= events


def test_an_unknown_log_level_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(["kb", "check", "--log-level", "loud"], {"VIELFALT_DB": str(tmp_path / "x.db")})
    assert result.returncode == 2
    assert "invalid choice: 'loud'" in result.stderr


@pytest.mark.usefixtures("restore_logging")
async def test_debug_logs_of_a_running_bot_hold_no_tokens_ids_or_question_texts(settings: Settings) -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("debug", "text"), stream)
    question = "Was meint eigentlich die Wetterfee dazu?"
    async with running_bot(settings) as (fake, _):
        payload = fake.slash("frage", [{"name": "frage", "type": 3, "value": question}])
        await fake.run_interaction(payload)
        secrets = [payload["token"], fake.token, str(fake.participant_id), question]
    log = stream.getvalue()
    assert "Dispatching event interaction" in log or "question matched" in log, "debug logging was on"
    assert [secret for secret in secrets if secret in log] == []


@pytest.mark.usefixtures("restore_logging")
def test_a_rate_limit_warning_names_no_interaction_token() -> None:
    stream = io.StringIO()
    configure_logging(LogSettings("warning", "json"), stream)
    url = "https://discord.com/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246c2VjcmV0/callback"
    logging.getLogger("discord.http").warning("We are being rate limited. %s %s responded with 429.", "POST", url)
    [event] = _json_lines(stream)
    assert "aW50ZXJhY3Rpb246c2VjcmV0" not in str(event["event"])
    assert "1234567890123456789" not in str(event["event"])
    assert "/interactions/<id>/<token>/callback" in str(event["event"])
