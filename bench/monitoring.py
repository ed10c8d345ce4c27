"""Time the monitoring queries through the real app on a demo region of a chosen size.

Usage:
    python bench/monitoring.py --database-url sqlite+aiosqlite:///bench.db --scale 1
    python bench/monitoring.py --database-url postgresql+asyncpg://postgres@127.0.0.1/bench --scale 8

The database must be migrated; it is filled with the demo region unless --skip-load is given and
it already has data. Scale 1 is the demo (250,000 participations), scale 8 is region scale
(2,000,000). Prints the median and 95th percentile of each query over --runs runs, after one
warm-up run that also refreshes the monitoring summary.
"""

import argparse
import asyncio
import platform
import statistics
import time

import httpx

from api.app import create_app
from api.settings import Settings
from db.demo import database_has_data, load_demo, scaled_size
from db.engine import create_engine

QUERIES = {
    "participation MUNICIPALITY x SCHOOL_YEAR": """{ monitoring { participation(groupBy: [MUNICIPALITY, SCHOOL_YEAR]) {
        asOf total { participants } rows { municipality { name } schoolYear participations participants winners
        prizeWinners winnersAndPrizeWinnersShare { value } suppressed } } } }""",
    "participation EVENT_LEVEL x RESULT, 2023-2024": """{ monitoring { participation(groupBy: [EVENT_LEVEL, RESULT],
        filter: {schoolYearFrom: 2023}) { total { participants } rows { eventLevel result participations participants } } } }""",
    "participation ORIENTATION x DISABILITY_STATUS": """{ monitoring { participation(groupBy: [ORIENTATION, DISABILITY_STATUS])
        { rows { orientation disabilityStatus participations participants suppressed } } } }""",
    "coverage MUNICIPALITY": """{ monitoring { coverage(schoolYear: 2024, groupBy: [MUNICIPALITY]) {
        total { coverage { value } } rows { municipality { name } enrolledChildren childPopulation coverage { value } } } } }""",
    "trends PARTICIPANTS by MUNICIPALITY": """{ monitoring { trends(metric: PARTICIPANTS, fromSchoolYear: 2020,
        toSchoolYear: 2024, groupBy: [MUNICIPALITY]) { municipality { name } points { value change changePercent } } } }""",
    "alerts": """{ monitoring { alerts(schoolYear: 2024) { kind municipality { name } value comparisonValue message } } }""",
    "indicators": """{ monitoring { indicators(schoolYear: 2024) { code target actual achieved } } }""",
}


async def prepare(url: str, scale: float, skip_load: bool) -> None:
    engine = create_engine(url)
    try:
        if skip_load and await database_has_data(engine):
            return
        started = time.perf_counter()
        counts = await load_demo(engine, scaled_size(scale), progress=True)
        print(f"loaded {counts['participations']:,} participations in {time.perf_counter() - started:.1f} s")
    finally:
        await engine.dispose()


async def measure(url: str, runs: int) -> None:
    app = create_app(Settings(database_url=url, log_level="WARNING"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600) as http:
            print(f"{'query':48} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8}")
            for name, document in QUERIES.items():
                first = await timed(http, document)
                times = [await timed(http, document) for _ in range(runs)]
                p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
                print(f"{name:48} {first:9.1f} {statistics.median(times):8.1f} {p95:8.1f}")


async def timed(http: httpx.AsyncClient, document: str) -> float:
    started = time.perf_counter()
    response = await http.post("/graphql", json={"query": document})
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json()
    if "errors" in body:
        raise SystemExit(f"query failed: {body['errors'][0]['message']}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="migrated database to fill and query")
    parser.add_argument("--scale", type=float, default=1.0, help="demo size factor (8 is region scale)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query after the warm-up")
    parser.add_argument("--skip-load", action="store_true", help="reuse data already in the database")
    arguments = parser.parse_args()

    print(f"machine: {platform.machine()}, {platform.processor() or 'unknown CPU'}, Python {platform.python_version()}")
    asyncio.run(prepare(arguments.database_url, arguments.scale, arguments.skip_load))
    asyncio.run(measure(arguments.database_url, arguments.runs))


if __name__ == "__main__":
    main()
