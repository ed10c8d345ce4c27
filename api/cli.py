"""The `talents` command: serve the API, migrate the database, load the demo region, import files,
manage API keys."""

import argparse
import asyncio
import logging
import os
import sys
import time

from pydantic import ValidationError

from api.import_cli import add_import_command
from api.keys_cli import add_keys_commands
from api.logging_setup import configure_logging
from api.settings import Settings

logger = logging.getLogger("api.cli")

GRACEFUL_SHUTDOWN_SECONDS = 30


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        settings = Settings(**({"database_url": arguments.database_url} if arguments.database_url else {}))
    except ValidationError as error:
        print(f"talents: invalid setting: {error.errors()[0]['loc'][0]}: {error.errors()[0]['msg']}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    try:
        return arguments.handler(arguments, settings)
    except KeyboardInterrupt:
        print("talents: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="talents", description="Talents API: GraphQL over the region's talents programme.")
    parser.add_argument(
        "--database-url",
        help="database URL, given before the command (default: TALENTS_DATABASE_URL or "
        "sqlite+aiosqlite:///talents.db)",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve GraphQL over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="TCP port (default: 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    serve.set_defaults(handler=run_serve)

    database = commands.add_parser("db", help="manage the database schema")
    database_commands = database.add_subparsers(required=True, metavar="ACTION")
    upgrade = database_commands.add_parser("upgrade", help="apply migrations up to a revision")
    upgrade.add_argument("revision", nargs="?", default="head", help="target revision (default: head)")
    upgrade.set_defaults(handler=run_upgrade)
    downgrade = database_commands.add_parser("downgrade", help="revert migrations down to a revision")
    downgrade.add_argument("revision", help="target revision, or 'base' to remove every table")
    downgrade.set_defaults(handler=run_downgrade)

    schema = commands.add_parser("schema", help="print the GraphQL schema (SDL) or write it to a file")
    schema.add_argument("--output", help="file to write, e.g. schema.graphql (default: standard output)")
    schema.set_defaults(handler=run_schema)

    demo = commands.add_parser("demo", help="load the synthetic demo region into an empty, migrated database")
    demo.add_argument("--scale", type=float, default=1.0, help="size factor; 1.0 is about 250,000 participations")
    demo.add_argument("--seed", type=int, default=20240901, help="random seed; the same seed gives the same data")
    demo.add_argument("--no-progress", action="store_true", help="do not show progress bars")
    demo.add_argument(
        "--if-empty", action="store_true", help="do nothing, successfully, when the database already has data"
    )
    demo.set_defaults(handler=run_demo)

    add_keys_commands(commands)
    add_import_command(commands)
    return parser


def run_serve(arguments: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    if arguments.workers < 1:
        print("talents serve: --workers must be at least 1", file=sys.stderr)
        return 2

    if arguments.workers > 1 and settings.database_url.startswith("sqlite"):
        logger.warning(
            "on SQLite a subscription hears only of changes made in its own worker process; "
            "run one worker, or use PostgreSQL, whose LISTEN/NOTIFY reaches every worker"
        )
    # The app factory reads its settings from the environment, in every worker process.
    os.environ["TALENTS_DATABASE_URL"] = settings.database_url
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=arguments.host,
        port=arguments.port,
        workers=arguments.workers,
        log_level=settings.log_level.lower(),
        # On SIGTERM, requests in flight get this long to finish before the workers stop.
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    return 0


def run_schema(arguments: argparse.Namespace, settings: Settings) -> int:
    from api.app import build_schema

    text = build_schema(settings).as_str() + "\n"
    if arguments.output:
        with open(arguments.output, "w", encoding="utf-8") as file:
            file.write(text)
        logger.info("schema written to %s", arguments.output)
    else:
        sys.stdout.write(text)
    return 0


def run_upgrade(arguments: argparse.Namespace, settings: Settings) -> int:
    from db.migrations import upgrade

    upgrade(settings.database_url, arguments.revision)
    logger.info("database migrated to %s", arguments.revision)
    return 0


def run_downgrade(arguments: argparse.Namespace, settings: Settings) -> int:
    from db.migrations import downgrade

    downgrade(settings.database_url, arguments.revision)
    logger.info("database reverted to %s", arguments.revision)
    return 0


def run_demo(arguments: argparse.Namespace, settings: Settings) -> int:
    from db.demo import DemoError, database_has_data, load_demo, scaled_size
    from db.engine import create_engine

    if arguments.scale <= 0:
        print("talents demo: --scale must be positive", file=sys.stderr)
        return 2

    async def load() -> dict[str, int] | None:
        engine = create_engine(settings.database_url)
        try:
            if arguments.if_empty and await database_has_data(engine):
                return None
            # Progress bars only make sense on a terminal; in a pipe they become one long line.
            progress = not arguments.no_progress and sys.stderr.isatty()
            return await load_demo(engine, scaled_size(arguments.scale), seed=arguments.seed, progress=progress)
        finally:
            await engine.dispose()

    started = time.perf_counter()
    try:
        counts = asyncio.run(load())
    except DemoError as error:
        print(f"talents demo: {error}", file=sys.stderr)
        return 1
    if counts is None:
        logger.info("demo region not loaded: the database already has data")
        return 0
    logger.info(
        "demo region loaded in %.1f s: %s",
        time.perf_counter() - started,
        ", ".join(f"{table} {count}" for table, count in counts.items()),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
