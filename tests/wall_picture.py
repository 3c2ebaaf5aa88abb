"""Takes the picture of the projector wall shown in the README and the organiser guides.

Run: python -m tests.wall_picture docs/projektorwand.png (needs Debian's chromium and chromium-driver). It fills a
fresh database in a temporary folder with an example event (nothing of it is real), serves the wall and takes a
1600 × 900 screenshot as a projector would show it.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from bot.config import Settings
from bot.feedback.model import Stance, Submission
from bot.matching.matcher import Thresholds
from bot.podium.model import Action
from bot.services import open_services
from bot.web.wall import WallOptions, serve_wall
from tests.browser import browser_missing, chromium
from tests.conftest import KNOWLEDGE_DIR
from tests.podium_helpers import person, session, write_sessions

QUESTIONS = (
    ("Wer bezahlt die Koordinationsstelle, wenn die Förderung ausläuft?", False, 23),
    ("Wie haben Sie Eigentümer leerer Ladenlokale erreicht?", True, 17),
    ("Welche Rolle spielten Vereine beim Ankommen?", False, 12),
    ("Was würden Sie einer Stadt raten, die heute anfängt?", True, 9),
    ("Wie wurden Zugewanderte selbst an der Planung beteiligt?", False, 6),
)
STANCES = {
    "these-daueraufgabe": (14, 6, 2, 3),
    "these-koordination": (18, 4, 1, 2),
    "these-gesamtkonzept": (9, 8, 5, 3),
}


async def _example(folder: Path) -> Settings:
    settings = Settings(folder / "vielfalt.db", KNOWLEDGE_DIR, Thresholds(), pseudonym_key="wall-picture-0123456789")
    write_sessions(
        settings.sessions_path,
        {**session("podium-1", theses=[1, 2, 3]), "name": {"de": "Podium 1: Integration als Daueraufgabe"}},
        show_names=True,
    )
    async with open_services(settings) as services:
        voter = 1000
        for number, (text, anonymous, votes) in enumerate(QUESTIONS):
            stored = await services.podium.submit(
                person(number, ["Anna K.", "", "Mehmet Y.", "", "Jana R."][number]),
                text,
                anonymous=anonymous,
                channel="x",
            )
            assert stored.question is not None
            for _ in range(votes):
                await services.podium.toggle_vote(person(voter), stored.question.id)
                voter += 1
            if number == 0:
                await services.podium.moderate(person(999), stored.question.id, Action.HIGHLIGHT)
        for thesis, counts in STANCES.items():
            for stance, count in zip(Stance, counts, strict=True):
                for _ in range(count):
                    await services.feedback.submit(person(voter), Submission(thesis, stance), channel="x")
                    voter += 1
    return settings


async def take(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = await _example(Path(folder))
        async with open_services(settings) as services, serve_wall(services, WallOptions(port=0)) as wall:
            url = f"http://127.0.0.1:{wall.port}/"

            def shoot() -> None:
                with chromium(Path(folder) / "profile") as driver:
                    driver.get(url)
                    time.sleep(1.0)  # fonts and the first pushed state
                    driver.save_screenshot(str(target))

            await asyncio.to_thread(shoot)


def main() -> None:
    missing = browser_missing()
    if missing:
        sys.exit(f"the picture {missing}")
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/projektorwand.png")
    asyncio.run(take(target.resolve()))
    print(f"written: {target}")


if __name__ == "__main__":
    main()
