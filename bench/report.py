"""Targets judged PASS/FAIL, the tables printed at each size and bench/results.json."""

import json
import operator
import os
import platform
import traceback
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt}
# No target below the millisecond: in a ratio, a shorter median counts as one millisecond.
FELT_MS = 1.0


def felt(ms: float) -> float:
    return max(ms, FELT_MS)


@dataclass
class Target:
    what: str
    value: float | None  # None: not measurable in this run (the note says why)
    op: str
    limit: float
    unit: str = "×"
    note: str = ""

    @property
    def passed(self) -> bool | None:
        return None if self.value is None else OPERATORS[self.op](self.value, self.limit)

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]

    def __str__(self) -> str:
        value = "n/a" if self.value is None else f"{number(self.value)}{self.unit}"
        note = f"; {self.note}" if self.note else ""
        return (
            f"[{self.verdict}] {self.what}: {value} "
            f"(target {self.op} {self.limit:g}{self.unit}){note}"
        )


@dataclass
class Section:
    """One table at one size: medians by row and column, and the targets judged on them."""

    title: str
    unit: str = "ms"
    rows: dict[str, dict[str, float | None]] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # column: the most it may grow from the smallest size to the largest (see across_sizes)
    scaled: dict[str, float] = field(default_factory=dict)


def number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def guarded(title: str, run) -> list[Section]:
    """The sections of a case, or one failing section saying why it did not run: the site is
    being rewritten while we measure it, and one broken view must not lose the other figures."""
    try:
        return run()
    except Exception as error:  # reported as a failed target, with its cause
        traceback.print_exc()
        target = Target("runs without error", 0, ">=", 1, unit="", note=f"{error!r}"[:300])
        return [Section(f"{title}: did not run", targets=[target])]


def print_section(section: Section) -> None:
    print(f"\n{section.title}")
    columns = list(dict.fromkeys(column for row in section.rows.values() for column in row))
    if columns:
        width = max(len(label) for label in section.rows) + 2
        print(f"  {section.unit:<{width}}" + "".join(f"{column:>14}" for column in columns))
        for label, row in section.rows.items():
            cells = "".join(f"{number(row.get(column)):>14}" for column in columns)
            print(f"  {label:<{width}}{cells}")
    for target in section.targets:
        print(f"  {target}")
    for note in section.notes:
        print(f"  · {note}")


def across_sizes(small: list[Section], large: list[Section], sizes: str) -> Section:
    """Each scaled column at the largest size against the smallest (titles name no size)."""
    before = {
        (section.title, label, column): row.get(column)
        for section in small
        for label, row in section.rows.items()
        for column in section.scaled
    }
    result = Section(f"From {sizes}")
    for section in large:
        for label, row in section.rows.items():
            for column, limit in section.scaled.items():
                was, now = before.get((section.title, label, column)), row.get(column)
                if was is not None and now is not None:
                    note = f"{number(was)} → {number(now)} ms"
                    what = f"{label} {column}: {sizes}"
                    result.targets.append(
                        Target(what, felt(now) / felt(was), "<=", limit, note=note)
                    )
    return result


def print_summary(targets: list[tuple[str, Target]]) -> int:
    """Every target of the run; returns how many failed."""
    print("\nSummary of the targets\n======================")
    for scope, target in targets:
        print(f"  {scope:<9} {target}")
    failed = sum(target.passed is False for _, target in targets)
    judged = sum(target.passed is not None for _, target in targets)
    print(f"\n{judged - failed}/{judged} targets judged pass, {failed} fail.")
    return failed


def write_json(*, environment: dict, sections: dict, seconds: float) -> Path:
    def section(item: Section) -> dict:
        data = asdict(item)
        for target, raw in zip(item.targets, data["targets"], strict=True):
            raw["verdict"] = target.verdict
        return data

    data = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment,
        "seconds": seconds,
        "load_average_at_end": os.getloadavg(),
        "sections": {
            str(scope): [section(item) for item in items] for scope, items in sections.items()
        },
    }
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    return RESULTS


def environment() -> dict:
    """Where the figures come from (the machine is shared: the load average explains noise)."""
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), postgis_full_version()")
        postgresql, postgis = cursor.fetchone()
    cpus = [
        line.split(":", 1)[1].strip()
        for line in Path("/proc/cpuinfo").read_text().splitlines()
        if line.startswith("model name")
    ]
    return {
        "cpu": f"{cpus[0] if cpus else '?'} ×{os.cpu_count()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgresql,
        "postgis": postgis,
        "load_average_at_start": os.getloadavg(),
    }
