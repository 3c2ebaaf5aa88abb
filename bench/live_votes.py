"""A full hall voting: 500 participants vote on 20 podium questions within 10 s, on 127.0.0.1.

Each round starts the real bot against the fake Discord (which enforces Discord's per-channel rate limit on message
edits), publishes 20 questions through /podium, serves the projector wall and follows its server-sent events.
Then 500 participants cast 4 votes each (2,000 votes) through the podium service at random moments spread over
10 s. The bench checks and prints:

- every vote counted exactly once (the per-question counts against what was cast, and the vote rows),
- how far behind the last vote the wall showed the final state (target <= 1 s),
- the Discord message edits: how many, the most in any 5 s window of the channel, any 429 (target: none), and
  how long after the last vote every published question showed its final count,
- vote latency (call to confirmed commit) of the service, against project-free raw sqlite3 doing the same write
  (the vote row and the per-question counter in one transaction, WAL, synchronous=FULL, one commit per vote),
  in alternating rounds, p50 and p95 over every vote.

Run: python -m bench.live_votes [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench._timing import MIN_ROUNDS, Samples
from bot.config import Settings
from bot.feedback.model import Identity
from bot.matching.matcher import Thresholds
from bot.web.wall import WallOptions, serve_wall
from cogs.live import EDIT_INTERVAL_SECONDS
from tests.discord_harness import running_bot
from tests.fake_discord import EDIT_WINDOW_SECONDS, EDITS_PER_WINDOW, FakeDiscord, Member

ROOT = Path(__file__).resolve().parent.parent
PARTICIPANTS = 500
QUESTIONS = 20
VOTES_EACH = 4
SPREAD_SECONDS = 10.0
SETTLE_SECONDS = 60.0
SEED = 2026
TOPICS = (
    "Wer bezahlt die Koordination nach dem Projektende",
    "Wie erreicht man Eigentümer leerer Läden",
    "Welche Rolle spielt das Ehrenamt in Kleinstädten",
    "Wie gelingt Sprachförderung für Erwachsene",
    "Was brauchen Vereine, um Zugewanderte aufzunehmen",
    "Wie wird der Wohnungsmarkt in Mittelstädten entlastet",
    "Welche Förderprogramme passen für kleine Kommunen",
    "Wie bindet man Unternehmen in die Integration ein",
    "Was hat der Austausch zwischen den Partnerstädten gebracht",
    "Wie misst man Erfolg bei Integrationsprojekten",
    "Welche Bedeutung haben Innenstädte als Begegnungsort",
    "Wie bleiben junge Familien in ländlichen Zentren",
    "Wer übernimmt Verantwortung in der Verwaltung",
    "Wie wirkt Zuwanderung auf den Einzelhandel",
    "Welche Fehler sollte man vermeiden",
    "Wie werden Schulen in Quartiersarbeit einbezogen",
    "Was kostet ein Integrationsmanagement pro Jahr",
    "Wie beteiligt man Migrantenorganisationen an Planungen",
    "Welche Daten fehlen den Kommunen",
    "Wie geht es mit dem Positionspapier politisch weiter",
)


@dataclass
class Round:
    votes: int = 0
    counted_right: bool = False
    vote_rows: int = 0
    wall_lag: float | None = None
    edits: int = 0
    max_edits_per_window: int = 0
    rate_limited: int = 0
    discord_lag: float | None = None
    latencies: list[float] = field(default_factory=list)


def _plan(rng: random.Random) -> list[tuple[float, int, int]]:
    """(moment, participant, question index) for every vote; earlier questions are more popular, and the last
    vote goes to the most popular one, so that the final state is one the last vote changed."""
    weights = [QUESTIONS - index for index in range(QUESTIONS)]
    votes = []
    for participant in range(PARTICIPANTS):
        chosen: set[int] = set()
        while len(chosen) < VOTES_EACH:
            chosen.add(rng.choices(range(QUESTIONS), weights)[0])
        votes += [(rng.uniform(0, SPREAD_SECONDS * 0.98), participant, question) for question in sorted(chosen)]
    votes.sort()
    last = max(range(len(votes)), key=lambda i: (votes[i][2] == 0, -i))  # a vote for question 0 …
    _, participant, question = votes.pop(last)
    votes.append((SPREAD_SECONDS, participant, question))  # … moved to the very end
    return votes


async def _follow_wall(url: str, states: list[tuple[float, dict[str, Any]]], arrived: asyncio.Event) -> None:
    async with aiohttp.ClientSession() as http, http.get(url) as stream:
        event = None
        async for raw in stream.content:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event == "state":
                states.append((time.monotonic(), json.loads(line.removeprefix("data: "))))
                arrived.set()


async def service_round(folder: Path, number: int, rng: random.Random) -> Round:
    settings = Settings(
        folder / f"service-{number}.db", ROOT / "knowledge", Thresholds(), pseudonym_key="benchmark-key-0123456789"
    )
    result = Round()
    async with running_bot(settings, fake=FakeDiscord()) as (fake, bot):
        podium = bot.services.podium
        for index in range(QUESTIONS):
            asker = Member(910000000000000000 + index, f"Gast {index}")
            text = f"{TOPICS[index]}?"
            options = [{"name": "frage", "type": 3, "value": text}]
            await fake.answer_to(fake.slash("podium", options, member=asker))
        question_ids = [q.id for q in sorted(await podium.queue(sort="time"), key=lambda q: q.id)]
        await bot.get_cog("LiveCog").update()  # type: ignore[union-attr]
        plan = _plan(rng)
        expected = dict.fromkeys(question_ids, 0)
        for _, _, question in plan:
            expected[question_ids[question]] += 1
        edits_before = len(fake.edits())
        states: list[tuple[float, dict[str, Any]]] = []
        arrived = asyncio.Event()
        async with serve_wall(bot.services, WallOptions(port=0)) as wall:
            follower = asyncio.create_task(_follow_wall(f"http://127.0.0.1:{wall.port}/events", states, arrived))
            start = time.monotonic()
            last_commit = 0.0

            async def cast(moment: float, participant: int, question: int) -> None:
                nonlocal last_commit
                await asyncio.sleep(max(0.0, start + moment - time.monotonic()))
                began = time.perf_counter()
                await podium.toggle_vote(Identity("discord", str(800000 + participant), None), question_ids[question])
                result.latencies.append(time.perf_counter() - began)
                last_commit = max(last_commit, time.monotonic())

            await asyncio.gather(*(cast(*vote) for vote in plan))
            final_board = await podium.board(limit=6)
            final = [(q.id, q.votes) for q in final_board.top]
            deadline = time.monotonic() + SETTLE_SECONDS
            while not _shown(states, final) and time.monotonic() < deadline:
                arrived.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(arrived.wait(), deadline - time.monotonic())
            arrival = next((at for at, state in states if _top(state) == final and at >= last_commit - 1), None)
            result.wall_lag = None if arrival is None else max(0.0, arrival - last_commit)
            follower.cancel()
        result.votes = len(plan)
        stored = {q.id: q.votes for q in await podium.queue()}
        result.vote_rows = await podium.store.vote_count()
        result.counted_right = stored == expected and result.vote_rows == len(plan)
        result.discord_lag = await _discord_caught_up(bot, last_commit)
        edits = fake.edits()[edits_before:]
        result.edits = len(edits)
        result.max_edits_per_window = _busiest_window([edit.at for edit in edits])
        result.rate_limited = sum("rate limited" in violation for violation in fake.take_violations())
    return result


def _top(state: dict[str, Any]) -> list[tuple[int, int]]:
    return [(int(q["id"]), int(q["votes"])) for q in state["top"]]


def _shown(states: list[tuple[float, dict[str, Any]]], final: list[tuple[int, int]]) -> bool:
    return any(_top(state) == final for _, state in states)


async def _discord_caught_up(bot: Any, last_commit: float) -> float | None:
    """Seconds after the last vote until every published question's message showed its final count."""
    store = bot.services.podium.store
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        messages = await store.live_messages()
        current = True
        for message in messages:
            question = await bot.services.podium.question(int(message.ref))
            if question is not None and message.shown != f"{question.status.value}|{question.votes}|0":
                current = False
                break
        if current:
            return time.monotonic() - last_commit
        await asyncio.sleep(0.1)
    return None


def _busiest_window(moments: list[float]) -> int:
    return max((sum(1 for other in moments if at <= other < at + EDIT_WINDOW_SECONDS) for at in moments), default=0)


def raw_round(folder: Path, number: int, rng: random.Random) -> list[float]:
    """The same votes, written by plain sqlite3: vote row and counter in one transaction per vote."""
    latencies = []
    with closing(sqlite3.connect(folder / f"raw-{number}.db", isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY, votes INTEGER NOT NULL DEFAULT 0)")
        connection.execute(
            "CREATE TABLE votes (question_id INTEGER NOT NULL, voter TEXT NOT NULL, PRIMARY KEY (question_id, voter)) "
            "WITHOUT ROWID"
        )
        connection.executemany("INSERT INTO questions (id) VALUES (?)", [(i,) for i in range(QUESTIONS)])
        for _, participant, question in _plan(rng):
            began = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO votes VALUES (?, ?)", (question, f"voter-{participant}"))
            connection.execute("UPDATE questions SET votes = votes + 1 WHERE id = ?", (question,))
            connection.execute("COMMIT")
            latencies.append(time.perf_counter() - began)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=MIN_ROUNDS)
    args = parser.parse_args()
    rounds: list[Round] = []
    service, raw = Samples("service"), Samples("raw sqlite3")
    with tempfile.TemporaryDirectory() as folder:
        for number in range(max(args.rounds, MIN_ROUNDS)):
            result = asyncio.run(service_round(Path(folder), number, random.Random(SEED + number)))
            rounds.append(result)
            service.seconds += result.latencies
            raw.seconds += raw_round(Path(folder), number, random.Random(SEED + number))
            print(
                f"round {number + 1}: {result.votes} votes, counted exactly once: {result.counted_right} "
                f"({result.vote_rows} vote rows); wall {_seconds(result.wall_lag)} behind the last vote; "
                f"{result.edits} Discord edits, at most {result.max_edits_per_window} per {EDIT_WINDOW_SECONDS:g} s "
                f"(limit {EDITS_PER_WINDOW}), {result.rate_limited} rate-limited; all messages current "
                f"{_seconds(result.discord_lag)} after the last vote",
                flush=True,
            )
    lags = [r.wall_lag for r in rounds if r.wall_lag is not None]
    print()
    print(
        f"{PARTICIPANTS} participants x {VOTES_EACH} votes on {QUESTIONS} questions within {SPREAD_SECONDS:g} s, "
        f"{len(rounds)} rounds"
    )
    print(f"  every vote counted exactly once in every round: {all(r.counted_right for r in rounds)}")
    print(f"  wall behind the last vote: max {max(lags, default=float('nan')):.3f} s (target <= 1 s)")
    print(
        f"  Discord: edits per round {[r.edits for r in rounds]}, busiest {EDIT_WINDOW_SECONDS:g} s window "
        f"{max(r.max_edits_per_window for r in rounds)} (limit {EDITS_PER_WINDOW}), 429s "
        f"{sum(r.rate_limited for r in rounds)}; per message at most one edit per {EDIT_INTERVAL_SECONDS:g} s"
    )
    print(f"  vote latency, call to confirmed commit, p50 / p95 over {len(service.seconds)} votes:")
    for samples in (service, raw):
        print(f"    {samples.label:12} {samples.p50 * 1000:7.2f} ms / {samples.p95 * 1000:7.2f} ms")
    print(
        "  (raw sqlite3 writes one vote at a time, unloaded; the service takes 200 votes/s from many participants "
        "at once and shares commits)"
    )


def _seconds(value: float | None) -> str:
    return "never (not within the settle time)" if value is None else f"{value:.3f} s"


if __name__ == "__main__":
    main()
