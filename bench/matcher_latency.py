"""Per-question latency of the matcher against raw ``rapidfuzz.process.extractOne`` over the same variants.

Prints numbers only; targets are judged by reading them (ratios within one run), never asserted in tests.
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
from bot.knowledge.model import Entry, KnowledgeBase, Variant
from bot.knowledge.schema import Localized
from bot.knowledge.yaml_source import read_yaml
from bot.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_VARIANTS = 50_000
VARIANTS_PER_ENTRY = 10
ROUNDS = 3


def per_call_ms(function: Callable[[str], object], questions: Sequence[str]) -> list[float]:
    """Best of a few rounds per question, so a noisy neighbour on a shared machine inflates less."""
    best = [float("inf")] * len(questions)
    for _ in range(ROUNDS):
        for index, question in enumerate(questions):
            start = time.perf_counter_ns()
            function(question)
            best[index] = min(best[index], (time.perf_counter_ns() - start) / 1e6)
    return best


def synthetic_knowledge(real: KnowledgeBase, variants: int, seed: int = 7) -> KnowledgeBase:
    """Entries whose questions recombine the real vocabulary, so lengths and words stay realistic."""
    rng = random.Random(seed)
    words = sorted({w for e in real.entries for v in e.variants for w in v.text.split() if w.isalpha()})
    entries = list(real.entries)
    for number in range(variants // VARIANTS_PER_ENTRY):
        texts = tuple(
            Variant(" ".join(rng.sample(words, rng.randint(3, 9))) + "?", "de") for _ in range(VARIANTS_PER_ENTRY)
        )
        text = Localized(de=" ".join(rng.sample(words, 40)))
        entries.append(
            Entry(
                f"synthetisch-{number}",
                "projekt",
                Localized(de=f"Synthetisch {number}"),
                text,
                ("https://example.org/",),
                texts,
            )
        )
    return KnowledgeBase(tuple(entries), real.towns, real.theses, real.thesis_label, real.scopes, real.synonyms)


def report(label: str, knowledge: KnowledgeBase, questions: Sequence[str]) -> None:
    built = time.perf_counter()
    matcher = Matcher(knowledge)
    build_seconds = time.perf_counter() - built
    texts = [v.text for e in knowledge.entries for v in e.variants]
    rows = {
        "matcher.match": per_call_ms(matcher.match, questions),
        "extractOne default (WRatio)": per_call_ms(lambda q: process.extractOne(q, texts), questions),
        "extractOne scorer=ratio": per_call_ms(lambda q: process.extractOne(q, texts, scorer=fuzz.ratio), questions),
    }
    ours = statistics.mean(rows["matcher.match"])
    print(
        f"\n{label}: {len(texts)} variants ({matcher.variant_count} after de-duplication), "
        f"{len(questions)} questions, index built in {build_seconds:.2f} s"
    )
    print(f"  {'call':32} {'mean ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'matcher / this':>15}")
    for name, times in rows.items():
        mean = statistics.mean(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"  {name:32} {mean:9.3f} {statistics.median(times):8.3f} {p95:8.3f} {ours / mean:14.2f}x")


def main() -> None:
    real = load_knowledge(ROOT / "knowledge")
    cases = read_yaml(ROOT / "tests" / "eval" / "questions.yaml")
    questions = [str(case["question"]) for case in cases]
    report("shipped knowledge base", real, questions)
    report("synthetic knowledge base", synthetic_knowledge(real, SYNTHETIC_VARIANTS), questions)


if __name__ == "__main__":
    main()
