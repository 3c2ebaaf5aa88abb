"""Fair timing shared by the benches: alternating rounds, every sample kept, p50 and p95 over all of them.

A bench compares the project with project-free raw code doing the same work, in the same process run. Rounds
alternate between the two sides so a noisy neighbour on this shared machine hits both alike, and nothing is
hidden by best-of-N: the percentiles are taken over every sample of every round.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

MIN_ROUNDS = 5


@dataclass
class Samples:
    label: str
    seconds: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return percentile(self.seconds, 50)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 95)


def percentile(values: Sequence[float], rank: float) -> float:
    """Nearest-rank percentile: a value that was really measured, never an interpolation between two."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(rank / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def alternate(sides: Mapping[str, Callable[[], float]], rounds: int = MIN_ROUNDS) -> dict[str, Samples]:
    """Runs each side once per round, in turn, ``rounds`` times; each call returns its own measured seconds."""
    samples = {label: Samples(label) for label in sides}
    for _ in range(max(rounds, MIN_ROUNDS)):
        for label, measure in sides.items():
            samples[label].seconds.append(measure())
    return samples


def outlier_share(values: Sequence[float], factor: float = 10) -> float:
    """The share of samples slower than ``factor`` times the median: stalls such as an fsync waiting for the disk,
    which a p95 can hide when they are rare."""
    median = statistics.median(values)
    return sum(1 for value in values if value > factor * median) / len(values)


def installed_environment() -> dict[str, str]:
    """This process's environment for timed child processes, minus ``PYTHONDONTWRITEBYTECODE``: an installed
    program runs from cached bytecode, and without it only the side with many modules of its own (the project)
    would compile them on every run. Run each command once, unmeasured, before timing it."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def process_seconds(command: Sequence[str], env: Mapping[str, str] | None = None) -> float:
    """Wall time of a whole process, start-up included, as a user waits for it."""
    start = time.perf_counter()
    subprocess.run(command, env=installed_environment() if env is None else env, capture_output=True, check=True)
    return time.perf_counter() - start


def ratios_per_round(subject: Samples, baseline: Samples) -> list[float]:
    return [mine / theirs for mine, theirs in zip(subject.seconds, baseline.seconds, strict=True)]


def describe_ratio(subject: Samples, baseline: Samples) -> str:
    ratios = ratios_per_round(subject, baseline)
    return (
        f"ratio p50 {subject.p50 / baseline.p50:.2f} "
        f"(per round: median {statistics.median(ratios):.2f}, max {max(ratios):.2f})"
    )
