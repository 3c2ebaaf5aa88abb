"""``vielfalt-bot export --format csv`` against a project-free script writing the same file, as whole processes.

The baseline (``bench/raw_export.py``) imports nothing from ``bot`` and loads no knowledge base: same SQL, same
columns and thesis titles, same CSV quoting and formula neutralising; the bench checks that both files are
identical before it times anything. Both sides are fresh processes of the same interpreter, alternating over the
rounds, so both pay for start-up as a user waits for it; one unmeasured run of each first, so both start from
cached bytecode as an installed program does (see ``installed_environment``). Wall time p50/p95 over all rounds
and the ratio per round (CPU time too, which other programs on a shared machine disturb less), and each process's
own peak memory (VmHWM) at 10,000 and 100,000 rows.
Run: python -m bench.export_throughput
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bench import _schema
from bench._timing import MIN_ROUNDS, Samples, describe_ratio, installed_environment

ROOT = Path(__file__).resolve().parent.parent
THESES_FILE = ROOT / "knowledge" / "theses.yaml"
RAW_SCRIPT = Path(__file__).resolve().parent / "raw_export.py"
SIZES = {10_000: 1.5, 100_000: 1.2}  # rows -> target ratio CLI ÷ raw, at most
ROUNDS = MIN_ROUNDS
KEY = "benchmark-key-0123456789"
THESES = ("these-daueraufgabe", "these-koordination", "these-gesamtkonzept", "these-innenstadt", "these-austausch")
STANCES = ("zustimmung", "teilweise", "ablehnung", "neutral")
COMMENTS = (
    "Das sehe ich genauso, vor allem für kleinere Städte mit wenig Personal.",
    "Die Koordination klappt bei uns nur, weil eine Person sich verantwortlich fühlt; das reicht nicht.",
    "=SUMME(A1:A9) sollte nie als Formel ankommen",
    "Zwei Punkte: erstens Geld; zweitens Zeit.\n-Und drittens Geduld.",
    "Gute These",
)
PEAK_MARKER = "PEAK_KB"
# Runs a script, or a module after -m, as python would, and prints the process's own peak resident memory on exit.
# Not getrusage or wait4: their maxrss includes the size of the benchmark process itself, inherited through fork.
_MEASURED = f"""
import atexit, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print("{PEAK_MARKER}", kib, file=sys.stderr)
atexit.register(peak)
if sys.argv[1] == "-m":
    sys.argv = sys.argv[2:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    sys.argv = sys.argv[1:]
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def prepare(path: Path, rows: int) -> None:
    """Half stances, half comments, from a few thousand participants over a conference day; some anonymous, a few
    with text a spreadsheet would take for a formula. Written project-free with the project's schema."""
    people = max(10, rows // 20)
    with closing(_schema.create(str(path))) as connection:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO stances (pseudonym, thesis_id, stance, anonymous, display_name, channel, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'discord', ?)",
            (_row(number, people, STANCES[number % len(STANCES)]) for number in range(rows // 2)),
        )
        connection.executemany(
            "INSERT INTO comments (pseudonym, thesis_id, body, anonymous, display_name, channel, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'discord', ?)",
            (_row(number, people, COMMENTS[number % len(COMMENTS)]) for number in range(rows - rows // 2)),
        )
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _row(number: int, people: int, value: str) -> tuple[object, ...]:
    person = number % people
    anonymous = number % 7 == 0
    name = None if anonymous else ("@Maria" if person % 50 == 0 else f"Person {person}")
    moment = f"2026-11-25T{9 + number // 3600 % 9:02d}:{number // 60 % 60:02d}:{number % 60:02d}.{number:06d}+00:00"
    return (f"{person:064x}", THESES[number % len(THESES)], value, int(anonymous), name, moment)


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds, as a user waits for it
    cpu: float  # seconds of user and system time, all threads: less disturbed by other programs on the machine
    peak: int  # KiB


def run(command: Sequence[str], env: dict[str, str]) -> Run:
    """One whole process, with the peak memory it reports itself (see _MEASURED)."""
    start = time.perf_counter()
    measured = [sys.executable, "-c", _MEASURED, *command]
    process = subprocess.Popen(measured, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    with process.stderr:
        errors = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, int(errors.rsplit(PEAK_MARKER, 1)[1].split()[0]))


def commands(database: Path, out: Path) -> dict[str, list[str]]:
    return {
        "cli": ["-m", "bot", "export", "--format", "csv", "--out", str(out.with_suffix(".cli.csv"))],
        "raw": [str(RAW_SCRIPT), str(database), str(THESES_FILE), str(out.with_suffix(".raw.csv"))],
    }


def measure(rows: int, folder: Path, env: dict[str, str]) -> dict[str, list[Run]]:
    database = folder / f"{rows}.db"
    prepare(database, rows)
    env = {**env, "VIELFALT_DB": str(database)}
    runs: dict[str, list[Run]] = {"cli": [], "raw": []}
    warm_up = folder / f"warm-up-{rows}"
    for command in commands(database, warm_up).values():
        run(command, env)
    for number in range(ROUNDS):
        out = folder / f"out-{rows}-{number}"
        sides = list(commands(database, out).items())
        for side, command in sides if number % 2 == 0 else reversed(sides):  # neither always goes first
            runs[side].append(run(command, env))
        cli, raw = out.with_suffix(".cli.csv"), out.with_suffix(".raw.csv")
        if cli.read_bytes() != raw.read_bytes():
            raise SystemExit(f"the baseline wrote a different file than the CLI ({raw} vs {cli}): not the same work")
        cli.unlink()
        raw.unlink()
    return runs


def main() -> None:
    env = {**installed_environment(), "VIELFALT_PSEUDONYM_KEY": KEY}
    print(f"CSV export, whole processes, {ROUNDS} alternating rounds ({sys.executable}); both files identical")
    with tempfile.TemporaryDirectory() as folder:
        for rows, target in SIZES.items():
            runs = measure(rows, Path(folder), env)
            wall = {side: Samples(side, [one.wall for one in runs[side]]) for side in runs}
            cpu = {side: Samples(side, [one.cpu for one in runs[side]]) for side in runs}
            print(f"\n{rows:,} rows")
            for side, label in (("cli", "vielfalt-bot export"), ("raw", "raw script, same file")):
                print(
                    f"  {label:22} wall p50 {wall[side].p50 * 1000:6.1f} ms  p95 {wall[side].p95 * 1000:6.1f} ms  "
                    f"cpu p50 {cpu[side].p50 * 1000:6.1f} ms  "
                    f"peak memory {statistics.median(one.peak for one in runs[side]) / 1024:5.1f} MB"
                )
            print(f"  CLI ÷ raw, wall: {describe_ratio(wall['cli'], wall['raw'])}  target <= {target}")
            print(f"  CLI ÷ raw, cpu:  {describe_ratio(cpu['cli'], cpu['raw'])}")


if __name__ == "__main__":
    main()
