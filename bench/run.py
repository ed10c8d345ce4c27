"""Run the benchmarks: our server side by side with the SQL floor and PostGraphile, in one run.

Usage:
    .venv/bin/python -m bench.run --reuse                       # everything; what `make bench` runs
    .venv/bin/python -m bench.run --reuse --only ours --workload W1 --quick
    .venv/bin/python -m bench.run --scale 0.125 --quick         # a small smoke run

Steps: prepare the PostgreSQL database (bench.region), then for each system in turn start its
server on 127.0.0.1 and measure every workload: one checked request, a warm-up, the latency with
one client, the throughput with 16 clients, then memory growth over 10,000 mixed requests. A
separate pass restarts each server behind a counting proxy (bench.pgproxy) to count SQL
statements per request. W5 times `talents import participations` through bench.imports.

A full run (all systems and workloads, not --quick) writes docs/benchmarks.md and
bench/results/last-run.json. Other runs print their table and compare with the floor and
PostGraphile of that last full run. The load generator (bench.loadgen) is a separate process
whose CPU time is reported, because on two cores it competes with the server it measures.
"""

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson

from bench import report
from bench.pgproxy import CountingProxy
from bench.region import PreparedDatabase, create_bench_key, describe_shape, prepare_postgres
from bench.systems import ROOT, SYSTEMS, ServerProcess, Target, target_for
from bench.workloads import W4_PROGRAM_SQL, Workload, build_workloads

RESULTS_PATH = ROOT / "bench" / "results" / "last-run.json"
WORKLOADS = ("W1", "W2", "W3", "W4")
CONCURRENCY = 16


@dataclass(frozen=True)
class Phases:
    warmup_requests: int
    latency_requests: int
    latency_seconds: float
    throughput_seconds: float
    count_requests: int
    # Requests per half of the memory-growth phase; 0 skips the phase. A half also ends after
    # growth_seconds, and the report then names the requests it reached.
    growth_requests: int
    growth_seconds: float


FULL = Phases(100, 1000, 20, 15, 20, 5000, 240)
QUICK = Phases(30, 300, 8, 5, 10, 0, 0)


@dataclass
class Measurement:
    system: str
    workload: str
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    latency_requests: int = 0
    requests_per_second: float = 0.0
    throughput_requests: int = 0
    failures: int = 0
    # CPU of the load generator over the throughput phase, as a share of one core.
    client_cpu_share: float = 0.0
    server_cpu_ms_per_request: float = 0.0
    statements: float | None = None
    control_statements: float | None = None
    pings: float | None = None
    statement_texts: list[str] = field(default_factory=list)


@dataclass
class Memory:
    system: str
    peak_kib: int = 0
    rss_at_5000_kib: int = 0
    rss_at_10000_kib: int = 0
    # Requests sent in each half of the growth phase: 5,000 each unless a half ran out of time.
    growth_requests: list[int] = field(default_factory=list)

    @property
    def growth(self) -> float | None:
        if not self.rss_at_5000_kib:
            return None
        return (self.rss_at_10000_kib - self.rss_at_5000_kib) / self.rss_at_5000_kib


@dataclass
class Context:
    database: PreparedDatabase
    workloads: dict[str, Workload]
    bench_key: str
    phases: Phases
    work_dir: Path
    ours_root: Path
    # The `data` of the first response of each system to each workload, for the check.
    answers: dict[tuple[str, str], Any] = field(default_factory=dict)


# Measuring one system.


def run_loadgen(port: int, targets: list[Target], work_dir: Path, *arguments: str) -> dict[str, Any]:
    plan = work_dir / f"plan-{port}.json"
    plan.write_text(
        json.dumps([{"path": t.path, "body": t.body.decode(), "headers": list(t.headers)} for t in targets]),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "bench.loadgen", "--port", str(port), "--plan", str(plan), *arguments]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"bench.loadgen failed: {completed.stderr[-2000:]}")
    result = json.loads(completed.stdout)
    if result["failures"]:
        raise RuntimeError(f"{result['failures']} requests failed, the first with {result['first_failure']}")
    return result


def fetch_data(port: int, target: Target) -> Any:
    """Send one request, fail on any GraphQL error, and return the response's `data`."""
    headers = {"Content-Type": "application/json"}
    for line in target.headers:
        name, _, value = line.partition(":")
        headers[name] = value.strip()
    response = httpx.post(f"http://127.0.0.1:{port}{target.path}", content=target.body, headers=headers, timeout=120)
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"request to {target.path} failed with {response.status_code}: {str(body)[:500]}")
    return body["data"]


def measure_system(context: Context, system: str, names: list[str]) -> tuple[list[Measurement], Memory]:
    targets = {name: target_for(system, context.workloads[name], context.bench_key) for name in names}
    targets = {name: target for name, target in targets.items() if target is not None}
    phases = context.phases
    server = ServerProcess(system, context.database.url, 5432, context.work_dir / f"{system}.log", context.ours_root)
    measurements = []
    memory = Memory(system)
    try:
        for name, target in targets.items():
            print(f"[{system}] {name}", flush=True)
            context.answers[(system, name)] = fetch_data(server.port, target)
            run_loadgen(server.port, [target], context.work_dir, "--mode", "latency",
                        "--requests", str(phases.warmup_requests), "--seconds", "60")
            latency = run_loadgen(server.port, [target], context.work_dir, "--mode", "latency",
                                  "--requests", str(phases.latency_requests), "--seconds", str(phases.latency_seconds))
            cpu_before = server.cpu_seconds()
            throughput = run_loadgen(server.port, [target], context.work_dir, "--mode", "throughput",
                                     "--concurrency", str(CONCURRENCY), "--seconds", str(phases.throughput_seconds))
            server_cpu = server.cpu_seconds() - cpu_before
            measurements.append(
                Measurement(
                    system,
                    name,
                    p50_ms=latency["p50_ms"],
                    p99_ms=latency["p99_ms"],
                    latency_requests=latency["requests"],
                    requests_per_second=throughput["requests_per_second"],
                    throughput_requests=throughput["requests"],
                    client_cpu_share=throughput["client_cpu_seconds"] / throughput["elapsed_seconds"],
                    server_cpu_ms_per_request=server_cpu * 1000 / max(1, throughput["requests"]),
                )
            )
        if phases.growth_requests and targets:
            print(f"[{system}] memory growth over {2 * phases.growth_requests:,} requests", flush=True)
            mixed = list(targets.values())
            for half in ("rss_at_5000_kib", "rss_at_10000_kib"):
                result = run_loadgen(server.port, mixed, context.work_dir, "--mode", "throughput", "--concurrency",
                                     str(CONCURRENCY), "--requests", str(phases.growth_requests),
                                     "--seconds", str(phases.growth_seconds))
                memory.growth_requests.append(result["requests"])
                setattr(memory, half, server.memory_kib()[0])
        memory.peak_kib = server.memory_kib()[1]
    finally:
        server.stop()
    return measurements, memory


def count_statements(context: Context, system: str, measurements: list[Measurement]) -> None:
    """Restart `system` behind the counting proxy and store statements per request."""
    proxy = CountingProxy()
    proxy.start()
    try:
        log = context.work_dir / f"{system}-counting.log"
        server = ServerProcess(system, context.database.url, proxy.port, log, context.ours_root)
        try:
            for measurement in measurements:
                target = target_for(system, context.workloads[measurement.workload], context.bench_key)
                assert target is not None
                for _ in range(3):
                    fetch_data(server.port, target)
                before = proxy.counts.snapshot()
                proxy.counts.texts.clear()
                for _ in range(context.phases.count_requests):
                    fetch_data(server.port, target)
                after = proxy.counts.snapshot()
                requests = context.phases.count_requests
                measurement.statements, measurement.control_statements, measurement.pings = (
                    (end - start) / requests for start, end in zip(before, after, strict=True)
                )
                measurement.statement_texts = [
                    f"{count / requests:g} × {text}" for text, count in proxy.counts.texts.most_common(12)
                ]
        finally:
            server.stop()
    finally:
        proxy.stop()


# The check that the three systems return the same data.


def check_answers(context: Context) -> dict[str, str]:
    """Return, per workload compared with another system, 'ok' or what differs."""
    verdicts = {}
    for name, workload in context.workloads.items():
        ours = context.answers.get(("ours", name))
        if ours is None:
            continue
        problems = []
        compared = False
        floor = context.answers.get(("floor", name))
        if floor is not None:
            compared = True
            if floor != ours:
                problems.append("SQL-пол вернул другие данные")
        postgraphile = context.answers.get(("postgraphile", name))
        if postgraphile is not None and workload.canonical_postgraphile is not None:
            compared = True
            if workload.canonical_postgraphile(postgraphile) != workload.canonical_ours(ours):
                problems.append("PostGraphile вернул другие данные")
        if compared:
            verdicts[name] = "; ".join(problems) or "ok"
    return verdicts


# W5.


def run_import_benchmark(work_dir: Path) -> list[dict[str, Any]]:
    """Time the 100,000-row participation import on PostgreSQL with bench.imports."""
    from bench import imports

    region = imports.generate_region(imports.TARGET_ROWS, imports.SEED)
    folder = work_dir / "imports"
    backend_folder = folder / "postgresql"
    backend_folder.mkdir(parents=True, exist_ok=True)
    imports.write_participations_csv(region, folder / "participations.csv")
    imports.write_participations_xlsx(region, folder / "participations.xlsx")
    runs = imports.bench_postgres(region, folder, backend_folder, imports.DEFAULT_POSTGRES_URL)
    return [
        {"name": run.name, "rows": run.rows, "seconds": run.seconds, "targeted": run.targeted,
         "peak_rss_kib": run.peak_rss_kib}
        for run in runs
    ]


# The run.


async def prepare(arguments: argparse.Namespace) -> tuple[PreparedDatabase, str, int]:
    database = await prepare_postgres(arguments.scale, reuse=arguments.reuse)
    key = await create_bench_key(database.url)
    connection = await asyncpg.connect(database.url.replace("postgresql+asyncpg", "postgresql"))
    try:
        program_id = await connection.fetchval(W4_PROGRAM_SQL)
    finally:
        await connection.close()
    return database, key, program_id


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of region scale (default: 1)")
    parser.add_argument("--reuse", action="store_true", help="keep a loaded benchmark database of this scale")
    parser.add_argument("--only", default=",".join(SYSTEMS), help="systems, comma-separated: floor,ours,postgraphile")
    parser.add_argument("--workload", default=",".join(WORKLOADS), help="workloads, comma-separated: W1,W2,W3,W4")
    parser.add_argument("--quick", action="store_true", help="shorter phases, no memory growth and no W5")
    parser.add_argument("--skip-import", action="store_true", help="leave out W5, the import benchmark")
    parser.add_argument("--no-count", action="store_true", help="leave out the statement-counting pass")
    parser.add_argument(
        "--ours-root", type=Path, default=ROOT,
        help="source tree of the server to measure as ours, e.g. an unpacked older commit (default: this one)",
    )
    parser.add_argument("--report", type=Path, help="write this Markdown file and the results JSON beside it, even for a partial run")
    arguments = parser.parse_args()
    arguments.systems = [name.strip() for name in arguments.only.split(",") if name.strip()]
    arguments.names = [name.strip().upper() for name in arguments.workload.split(",") if name.strip()]
    unknown = [name for name in arguments.systems if name not in SYSTEMS]
    unknown += [name for name in arguments.names if name not in WORKLOADS]
    if unknown:
        parser.error(f"unknown system or workload: {', '.join(unknown)}")
    arguments.full = (
        not arguments.quick and set(arguments.systems) == set(SYSTEMS) and set(arguments.names) == set(WORKLOADS)
    )
    return arguments


def main() -> int:
    arguments = parse_arguments()
    # SIGTERM unwinds like Ctrl-C, so that the finally blocks stop the servers this run started.
    signal.signal(signal.SIGTERM, lambda _number, _frame: sys.exit(143))
    started = time.monotonic()
    load_average = os.getloadavg()[0]
    database, key, program_id = asyncio.run(prepare(arguments))
    print(f"database: {'reused' if database.reused else 'loaded'}, load {database.load_seconds:.0f} s; "
          f"{describe_shape(database)}", flush=True)

    phases = QUICK if arguments.quick else FULL
    with tempfile.TemporaryDirectory(prefix="bench-run-") as temporary:
        context = Context(database, build_workloads(program_id), key, phases, Path(temporary), arguments.ours_root.resolve())
        measurements: list[Measurement] = []
        memories: list[Memory] = []
        # Our server goes first: its first W3 request fills the monitoring summary the floor reads.
        for system in sorted(arguments.systems, key=["ours", "floor", "postgraphile"].index):
            measured, memory = measure_system(context, system, arguments.names)
            if not arguments.no_count:
                print(f"[{system}] counting statements", flush=True)
                count_statements(context, system, measured)
            measurements += measured
            memories.append(memory)
        verdicts = check_answers(context)
        imports_runs = []
        if not arguments.quick and not arguments.skip_import:
            print("[W5] import of 100,000 participation rows", flush=True)
            imports_runs = run_import_benchmark(context.work_dir)

    results = {
        "environment": report.describe_environment(arguments.ours_root.resolve()),
        "database": {"scale": arguments.scale, "load_seconds": database.load_seconds, "shape": database.shape},
        "phases": asdict(phases),
        "load_average_at_start": load_average,
        "load_average_at_end": os.getloadavg()[0],
        "duration_seconds": time.monotonic() - started,
        "measurements": [asdict(measurement) for measurement in measurements],
        "memory": [asdict(memory) | {"growth": memory.growth} for memory in memories],
        "checks": verdicts,
        "imports": imports_runs,
        "w4_program_id": program_id,
    }
    previous = None if arguments.full else report.load_results(RESULTS_PATH)
    if previous is not None and previous["database"]["scale"] != arguments.scale:
        previous = None
    print()
    print(report.text_table(results, previous))
    markdown_path = arguments.report or (ROOT / "docs" / "benchmarks.md" if arguments.full else None)
    if markdown_path is not None:
        results_path = RESULTS_PATH if markdown_path == ROOT / "docs" / "benchmarks.md" else markdown_path.with_suffix(".json")
        results_path.parent.mkdir(parents=True, exist_ok=True)
        results_path.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
        report.write_markdown(results, markdown_path)
        print(f"\nwrote {markdown_path} and {results_path}")
    failed = [name for name, verdict in verdicts.items() if verdict != "ok"]
    if failed:
        print(f"CHECK FAILED: {', '.join(f'{name}: {verdicts[name]}' for name in failed)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
