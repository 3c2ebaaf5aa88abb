"""Per-question latency of the matcher beside raw rapidfuzz over the matcher's own keys, in the same run.

Rows: the shipped knowledge base and synthetic ones with 50,000 and 200,000 question variants. Baselines are
project-free: ``process.extractOne(scorer=ratio)`` and ``process.extract(scorer=ratio, limit=20)`` get the
list of the matcher's keys (every indexed question variant as its sorted words) and the lower-cased question,
nothing else from ``bot``. Five alternating rounds (matcher, extractOne, extract, per question); p50 and p95
are taken over all samples. Matcher construction time is printed too. Targets are judged by reading the
numbers; nothing here is asserted by a test.

Run: python -m bench.matcher_latency
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.knowledge.loader import load_knowledge
from bot.knowledge.model import Entry, Fact, KnowledgeBase, Source, Variant
from bot.knowledge.schema import Localized
from bot.knowledge.yaml_source import read_yaml
from bot.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_SIZES = (50_000, 200_000)
VARIANTS_PER_FACT = 10
ROUNDS = 5
SOURCE = Source("https://example.org/", "example")


def synthetic_knowledge(real: KnowledgeBase, variants: int, seed: int = 7) -> KnowledgeBase:
    """Real entries plus facts whose sentences and questions recombine the real vocabulary."""
    rng = random.Random(seed)
    texts = [v.text for e in real.entries for f in e.facts for v in f.variants]
    words = sorted({w for text in texts for w in text.split() if w.isalpha()})
    entries = list(real.entries)
    for number in range(variants // VARIANTS_PER_FACT):
        questions = tuple(
            Variant(" ".join(rng.sample(words, rng.randint(3, 9))) + "?", "de") for _ in range(VARIANTS_PER_FACT)
        )
        sentence = Localized(de=" ".join(rng.sample(words, 25)), en=" ".join(rng.sample(words, 25)))
        fact = Fact(f"synthetisch-{number}#1", sentence, (SOURCE,), questions)
        title = Localized(de=f"Synthetisch {number}")
        entries.append(Entry(f"synthetisch-{number}", "projekt", title, (fact,), ()))
    return KnowledgeBase(tuple(entries), real.towns, real.theses, real.thesis_label, real.scopes, real.synonyms)


def percentile(samples: Sequence[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function: Callable[[str], object], question: str) -> float:
    start = time.perf_counter_ns()
    function(question)
    return (time.perf_counter_ns() - start) / 1e6


def report(label: str, knowledge: KnowledgeBase, questions: Sequence[str]) -> None:
    started = time.perf_counter()
    matcher = Matcher(knowledge)
    build_seconds = time.perf_counter() - started
    keys = [variant.key for variant in matcher.indexed_variants()]
    lowered = [question.lower() for question in questions]
    calls: dict[str, Callable[[str], object]] = {
        "matcher.match": matcher.match,
        "extractOne(scorer=ratio)": lambda q: process.extractOne(q, keys, scorer=fuzz.ratio),
        "extract(scorer=ratio, limit=20)": lambda q: process.extract(q, keys, scorer=fuzz.ratio, limit=20),
    }
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(ROUNDS):
        for question, lower in zip(questions, lowered, strict=True):
            samples["matcher.match"].append(timed(matcher.match, question))
            for name in list(calls)[1:]:
                samples[name].append(timed(calls[name], lower))
    ours = statistics.median(samples["matcher.match"])
    print(
        f"\n{label}: {len(keys)} question variants over {matcher.fact_count} facts; "
        f"matcher built in {build_seconds:.2f} s; {len(questions)} questions x {ROUNDS} rounds"
    )
    print(f"  {'call':34} {'p50 ms':>8} {'p95 ms':>8} {'matcher p50 / this p50':>24}")
    for name, times in samples.items():
        p50 = statistics.median(times)
        print(f"  {name:34} {p50:8.3f} {percentile(times, 0.95):8.3f} {ours / p50:23.2f}x")


def main() -> None:
    real = load_knowledge(ROOT / "knowledge")
    cases = read_yaml(ROOT / "tests" / "eval" / "facts_tune.yaml")
    questions = [str(case["q"]) for case in cases]
    report("shipped knowledge base", real, questions)
    for size in SYNTHETIC_SIZES:
        report(f"synthetic knowledge base ({size:,} variants)", synthetic_knowledge(real, size), questions)


if __name__ == "__main__":
    main()
