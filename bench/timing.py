"""Cases taking turns, so that the noise of a shared machine falls on all of them alike."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Case:
    """One contender: `run()` is timed, `setup()` runs untimed just before it (a cache cleared)."""

    name: str
    run: Callable[[], object]
    setup: Callable[[], object] | None = None
    rounds: int | None = None  # fewer timed rounds than the others (a slow naive peer)
    warmups: int | None = None
    first_ms: float | None = None  # a sample taken before the turns (see naive_case)


def seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def alternate(cases: list[Case], *, rounds: int = 7, warmups: int = 1) -> dict[str, float]:
    """The median of each case in ms: `warmups` untimed rounds, then `rounds` timed ones, each
    round starting one case later so that no case always follows the same neighbour."""
    samples = {case.name: [case.first_ms] if case.first_ms else [] for case in cases}
    for i in range(warmups + max(case.rounds or rounds for case in cases)):
        for case in cases[i % len(cases) :] + cases[: i % len(cases)]:
            case_warmups = warmups if case.warmups is None else case.warmups
            if i >= case_warmups + (case.rounds or rounds):
                continue
            if case.setup is not None:
                case.setup()
            elapsed = seconds(case.run)
            if i >= case_warmups:
                samples[case.name].append(elapsed * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def naive_case(name: str, run: Callable[[], object], *, slow_s: float = 1.5) -> Case:
    """A naive peer, run once now as its warm-up; when that took over `slow_s` (a DRF-gis view
    of 100,000 places takes most of a minute), it counts as a sample and one turn follows."""
    elapsed = seconds(run)
    if elapsed > slow_s:
        return Case(name, run, rounds=1, warmups=0, first_ms=elapsed * 1000)
    return Case(name, run, warmups=0)
