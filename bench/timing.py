"""Alternating timings: candidate, floor and naive take turns, so noise hits them alike."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Case:
    """One contender. `run(i)` does the work of round `i` (i picks a probe, a query...);
    `setup(i)` runs untimed just before it (clearing a cache for a cold measurement)."""

    name: str
    run: Callable[[int], object]
    setup: Callable[[int], object] | None = None
    rounds: int | None = None  # fewer rounds than the others (a slow naive peer)
    warmups: int | None = None
    first: object = None  # what an untimed first run returned (see naive_case)


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)

    def median_ms(self, name: str) -> float | None:
        values = self.samples.get(name)
        return statistics.median(values) * 1000 if values else None

    def rounds(self, name: str) -> int:
        return len(self.samples.get(name, ()))


def alternate(cases: list[Case], *, rounds: int = 7, warmups: int = 2) -> Timings:
    """Round-robin over the cases, rotated each round: `warmups` untimed rounds, then
    `rounds` timed ones.

    A case with fewer rounds (or warm-ups) simply stops taking turns once it has them."""
    timings = Timings({case.name: [] for case in cases})
    total = warmups + rounds
    for i in range(total):
        # Each round starts one case later, so no case always follows the same neighbour
        # (a naive peer's full scan leaves cold caches behind it).
        for case in cases[i % len(cases) :] + cases[: i % len(cases)]:
            case_warmups = warmups if case.warmups is None else case.warmups
            case_rounds = rounds if case.rounds is None else case.rounds
            if i >= case_warmups + case_rounds:
                continue
            if case.setup is not None:
                case.setup(i)
            started = time.perf_counter()
            case.run(i)
            elapsed = time.perf_counter() - started
            if i >= case_warmups:
                timings.samples[case.name].append(elapsed)
    return timings


def once_ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def naive_case(
    name: str, run: Callable[[int], object], *, slow_ms: float = 1500, slow_rounds: int = 3
) -> Case:
    """A naive peer, run once now (its warm-up): when that took more than `slow_ms`, it gets
    `slow_rounds` timed rounds instead of the full count, so one size stays within minutes."""
    results = []
    elapsed = once_ms(lambda: results.append(run(0)))
    if elapsed > slow_ms:
        return Case(name, run, rounds=slow_rounds, warmups=0, first=results[0])
    return Case(name, run, warmups=1, first=results[0])
