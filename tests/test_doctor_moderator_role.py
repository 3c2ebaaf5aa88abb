"""``doctor`` says how the moderator role is matched, what the running bot found, and that its members need a
per-command override to see the moderator commands (issues 14.15 and 14.17)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.operations.checks import moderator_role
from bot.operations.doctor import render_report
from bot.operations.heartbeat import Heartbeat, heartbeat_file, write_heartbeat


def _env(tmp_path: Path, role: str, found: str | None = None) -> dict[str, str]:
    database = tmp_path / "vielfalt.db"
    if found is not None:
        write_heartbeat(heartbeat_file(database), Heartbeat(datetime.now(UTC), 1, 40.0, found))
    return {"VIELFALT_MODERATOR_ROLE": role, "VIELFALT_DB": str(database)}


@pytest.mark.parametrize(
    ("role", "found", "status", "key"),
    [
        ("900000000000000060", None, "ok", "moderator_role_id"),
        ("900000000000000060", "id", "ok", "moderator_role_id"),
        ("900000000000000060", "name", "note", "moderator_role_matched_by_name"),
        ("Orga-Team", "name", "note", "moderator_role_name"),
        ("Orga-Team", "ambiguous", "problem", "moderator_role_ambiguous"),
        ("Orga-Team", "missing", "problem", "moderator_role_not_found"),
    ],
)
def test_doctor_says_how_the_moderator_role_is_matched(
    tmp_path: Path, role: str, found: str | None, status: str, key: str
) -> None:
    first, override = moderator_role(_env(tmp_path, role, found))
    assert (first.status, first.key) == (status, key)
    assert (override.status, override.key) == ("note", "moderator_role_override")


def test_without_a_moderator_role_doctor_says_only_manage_server_counts(tmp_path: Path) -> None:
    [finding] = moderator_role({"VIELFALT_DB": str(tmp_path / "vielfalt.db")})
    assert finding.key == "moderator_role_missing"


def test_the_report_tells_where_to_allow_the_role_and_warns_about_a_shared_name(tmp_path: Path) -> None:
    german = render_report(moderator_role(_env(tmp_path, "Orga-Team", "ambiguous")), "de")
    english = render_report(moderator_role(_env(tmp_path, "Orga-Team", "ambiguous")), "en")
    assert "PROBLEM  Moderationsrolle: Auf dem Server heißen mehrere Rollen „Orga-Team“" in german
    assert "Servereinstellungen → Integrationen → Vielfalt-Bot" in german
    assert "several roles on the server are named 'Orga-Team'" in english
    assert "Server Settings → Integrations → Vielfalt-Bot" in english
