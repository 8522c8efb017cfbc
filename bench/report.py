"""Rows of figures, targets with PASS/FAIL, the printed tables and bench/results.json."""

import json
import operator
import os
import platform
import traceback
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
OPERATORS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, "==": operator.eq}
# "≥ 100× faster than the naive peer" is a claim at scale: a full scan of 10,000 rows is
# itself fast. Below this size the speed-up is reported, not judged.
AT_SCALE = 100_000


@dataclass
class Target:
    goal: str  # "G1", "G5"...
    what: str  # "cold ≤ 1.3× floor"
    value: float | None
    op: str
    limit: float

    @property
    def passed(self) -> bool | None:
        return None if self.value is None else OPERATORS[self.op](self.value, self.limit)

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]


@dataclass
class Row:
    case: str
    label: str
    candidate_ms: float | None = None
    floor_ms: float | None = None
    naive_ms: float | None = None
    rounds: dict[str, int] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    samples_ms: dict[str, list[float]] = field(default_factory=dict)

    @classmethod
    def measured(cls, case: str, label: str, timings) -> "Row":
        """A row from alternated timings: the medians of candidate, floor and naive."""
        return cls(
            case,
            label,
            candidate_ms=timings.median_ms("candidate"),
            floor_ms=timings.median_ms("floor"),
            naive_ms=timings.median_ms("naive"),
            rounds={name: timings.rounds(name) for name in timings.samples},
            samples_ms={
                name: [round(value * 1000, 3) for value in values]
                for name, values in timings.samples.items()
            },
        )

    def speedup_target(self, what: str, limit: float, *, size: int) -> None:
        """`≥ limit×` faster than the naive peer, judged from AT_SCALE places."""
        if size >= AT_SCALE:
            self.targets.append(Target(self.case, what, self.speedup, ">=", limit))
        else:
            self.notes.append(f"{what}: judged from {AT_SCALE:,} places (here {size:,})")

    @property
    def ratio_floor(self) -> float | None:
        if self.candidate_ms and self.floor_ms:
            return self.candidate_ms / self.floor_ms
        return None

    @property
    def speedup(self) -> float | None:
        if self.candidate_ms and self.naive_ms:
            return self.naive_ms / self.candidate_ms
        return None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["ratio_floor"] = self.ratio_floor
        data["speedup_vs_naive"] = self.speedup
        for target, raw in zip(self.targets, data["targets"], strict=True):
            raw["verdict"] = target.verdict
        return data


@dataclass
class SizeReport:
    size: int
    published: int
    seed_seconds: float
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×" if value < 100 else f"{value:.0f}×"


def _value(target: Target) -> str:
    if target.value is None:
        return "n/a"
    return f"{target.value:.3g}" if abs(target.value) < 1000 else f"{target.value:.0f}"


def guarded(case: str, label: str, run) -> list:
    """The rows of one case, or a failing row saying why it could not run (the app is being
    edited while we measure it: one broken view must not lose the other figures)."""
    try:
        rows = run()
    except Exception as error:  # reported as a failed target, with its cause
        traceback.print_exc()
        row = Row(case, f"{label}: did not run")
        row.targets.append(Target(case, "runs without error", 0.0, "==", 1))
        row.notes.append(f"{type(error).__name__}: {error}")
        return [row]
    return rows if isinstance(rows, list) else [rows]


def print_size(report: SizeReport) -> None:
    def count(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    title = (
        f"N = {count(report.size)} places ({count(report.published)} published): seeded in "
        f"{report.seed_seconds:.1f} s, measured in {report.seconds:.0f} s"
    )
    print(f"\n{title}\n{'=' * len(title)}")
    header = f"{'case':<46}{'cand ms':>10}{'floor ms':>10}{'naive ms':>11}{'c/floor':>9}"
    print(f"{header}{'naive/c':>9}")
    for row in report.rows:
        print(
            f"{row.case + ' ' + row.label:<46.46}{_ms(row.candidate_ms):>10}"
            f"{_ms(row.floor_ms):>10}{_ms(row.naive_ms):>11}{_x(row.ratio_floor):>9}"
            f"{_x(row.speedup):>9}"
        )
    print("targets:")
    for row in report.rows:
        for target in row.targets:
            print(
                f"  [{target.verdict}] {target.goal} {row.label}: {target.what} "
                f"(measured {_value(target)}, target {target.op} {target.limit:g})"
            )
    notes = [(row, note) for row in report.rows for note in row.notes]
    notes += [
        (row, "rounds " + ", ".join(f"{name} {count}" for name, count in row.rounds.items()))
        for row in report.rows
        if len(set(row.rounds.values())) > 1
    ]
    if notes:
        print("notes:")
        for row, note in notes:
            print(f"  {row.case} {row.label}: {note}")


def print_browser(rows: list[Row]) -> None:
    print("\nBrowser (Chromium, gunicorn)\n============================")
    for row in rows:
        if "total_brotli11" in row.extra:
            print("  map page JS + CSS (every script, stylesheet and worker script loaded by /):")
            for item in row.extra["files"]:
                print(
                    f"    {item['url']:<58} {item['resource_type']:<11} {item['bytes']:>8,} B"
                    f" -> brotli-11 {item['brotli11']:>7,} B (served {item['served_encoding']})"
                )
            print(f"    total brotli-11: {row.extra['total_brotli11']:,} B")
            continue
        if row.candidate_ms is not None:
            print(f"  {row.label}: time to first marker {row.candidate_ms:.0f} ms (median)")
        else:
            print(f"  {row.label}")
        for note in row.notes:
            print(f"    {note}")
    for row in rows:
        for target in row.targets:
            print(
                f"  [{target.verdict}] {target.goal} {row.label}: {target.what} = {_value(target)}"
            )


def print_summary(reports: list[SizeReport], browser_rows: list[Row]) -> int:
    """Every target of the run; returns how many failed."""
    print("\nSummary of the targets\n======================")
    lines = [
        (f"N={report.size:,}".replace(",", " "), row, target)
        for report in reports
        for row in report.rows
        for target in row.targets
    ]
    lines += [("browser", row, target) for row in browser_rows for target in row.targets]
    for scope, row, target in lines:
        print(
            f"  [{target.verdict}] {scope:<10} {target.goal} {row.label}: {target.what} "
            f"= {_value(target)}"
        )
    failed = sum(1 for *_, target in lines if target.passed is False)
    print(f"\n{len(lines) - failed}/{len(lines)} targets pass, {failed} fail.")
    return failed


def write_json(*, environment: dict, reports: list[SizeReport], extra: dict, seconds: float):
    data = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment,
        "total_seconds": seconds,
        "load_average_at_end": os.getloadavg(),
        "sizes": [
            {
                "size": report.size,
                "published": report.published,
                "seed_seconds": report.seed_seconds,
                "seconds": report.seconds,
                "rows": [row.as_dict() for row in report.rows],
            }
            for report in reports
        ],
        **extra,
    }
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    return RESULTS


def environment(connection) -> dict:
    import django
    import psycopg
    import rest_framework
    import rest_framework_gis

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), postgis_lib_version(), postgis_full_version()")
        postgres, postgis, postgis_full = cursor.fetchone()
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "postgis": postgis,
        "postgis_full": postgis_full,
        "django": django.get_version(),
        "djangorestframework": rest_framework.VERSION,
        "djangorestframework_gis": getattr(rest_framework_gis, "__version__", "?"),
        "psycopg": psycopg.__version__,
        # The machine is shared: a high load average explains noisy absolute times.
        "load_average_at_start": os.getloadavg(),
    }
