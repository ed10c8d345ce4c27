"""The SQL floor: each workload as one hand-written SQL statement that builds the finished JSON in
PostgreSQL, sent through asyncpg and served as bytes from a bare Starlette route.

Usage:
    .venv/bin/python -m bench.floor --database-url postgresql://postgres@127.0.0.1:5432/talents_bench --port 8090

POST /floor/W1 with a JSON body `{"variables": {...}}` (the variables our server takes) returns
the body our server returns for the same variables. Nothing is parsed or validated beyond the
variables, no one is authenticated, and no GraphQL runs: this is the least work any server can do
for these responses, the floor the other columns are compared with.
"""

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.workloads import build_workloads

POOL_SIZE = 10


async def keep_connection_state(_connection: asyncpg.Connection) -> None:
    """Skip asyncpg's reset query on release: the floor leaves no session state behind."""


def create_app(database_url: str) -> Starlette:
    # W4's programme only matters to the workload's variables, which each request brings.
    workloads = build_workloads(w4_program_id=1)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(
            database_url, min_size=POOL_SIZE, max_size=POOL_SIZE, reset=keep_connection_state
        )
        try:
            yield
        finally:
            await app.state.pool.close()

    async def run_workload(request: Request) -> Response:
        workload = workloads.get(request.path_params["name"])
        if workload is None:
            return Response(b'{"errors":[{"message":"unknown workload"}]}', 404, media_type="application/json")
        variables = orjson.loads(await request.body()).get("variables") or {}
        parameters = workload.floor_parameters(variables)
        async with request.app.state.pool.acquire() as connection:
            body = await connection.fetchval(workload.floor_sql, *parameters)
        return Response(body.encode(), media_type="application/json")

    return Starlette(routes=[Route("/floor/{name}", run_workload, methods=["POST"])], lifespan=lifespan)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="asyncpg DSN, e.g. postgresql://postgres@127.0.0.1/db")
    parser.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1")
    arguments = parser.parse_args()
    uvicorn.run(create_app(arguments.database_url), host="127.0.0.1", port=arguments.port, log_level="warning")


if __name__ == "__main__":
    main()
