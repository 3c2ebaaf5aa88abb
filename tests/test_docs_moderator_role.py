"""Both organiser guides tell how members of the moderator role get to see the moderator commands (issue 14.17)."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tests.discord_harness import MODERATOR_COMMANDS

ENGLISH_NAMES = {
    "statistik": "statistics",
    "unbeantwortet": "unanswered",
    "thesen-posten": "post-theses",
    "podium-liste": "panel-queue",
    "sitzung": "session",
}


@pytest.mark.parametrize(
    ("guide", "heading", "where", "english"),
    [
        (
            "docs/veranstalter.md",
            "**Freigabe für die Moderationsrolle.**",
            "Servereinstellungen → Integrationen",
            False,
        ),
        ("docs/organisers.md", "**Override for the moderator role.**", "Server Settings → Integrations", True),
    ],
)
def test_the_guides_explain_the_per_command_override_for_the_moderator_role(
    guide: str, heading: str, where: str, english: bool
) -> None:
    text = (REPO / guide).read_text(encoding="utf-8")
    paragraph = text.split(heading, 1)[1].split("\n\n", 1)[0]
    assert f"*{where} → Vielfalt-Bot*" in paragraph
    assert "`VIELFALT_MODERATOR_ROLE`" in paragraph
    names = {ENGLISH_NAMES.get(name, name) if english else name for name in MODERATOR_COMMANDS}
    assert sorted(name for name in names if f"`/{name}`" not in paragraph) == []
