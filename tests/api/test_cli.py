"""The `talents` command as a user runs it: help, migrations, demo and a live server."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

TALENTS = [sys.executable, "-m", "api.cli"]


def talents(*arguments: str, database: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    prefix = ["--database-url", f"sqlite+aiosqlite:///{database}"] if database else []
    return subprocess.run(
        [*TALENTS, *prefix, *arguments], capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("cli") / "demo.db"
    assert talents("db", "upgrade", database=database).returncode == 0
    loaded = talents("demo", "--scale", "0.02", "--no-progress", database=database)
    assert loaded.returncode == 0, loaded.stderr
    return database


def test_help_of_every_command() -> None:
    for command in [[], ["serve"], ["db"], ["db", "upgrade"], ["db", "downgrade"], ["demo"]]:
        result = talents(*command, "--help")
        assert result.returncode == 0, command
        assert "usage: talents" in result.stdout, command


def test_demo_fills_database(demo_database: Path) -> None:
    with sqlite3.connect(demo_database) as connection:
        municipalities = connection.execute("SELECT count(*) FROM municipalities").fetchone()[0]
        participations = connection.execute("SELECT count(*) FROM participations").fetchone()[0]

    assert municipalities == 43
    assert participations > 1000


def test_demo_into_filled_database_fails_clearly(demo_database: Path) -> None:
    result = talents("demo", "--no-progress", database=demo_database)

    assert result.returncode == 1
    assert "talents demo:" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_rejects_non_positive_scale(tmp_path: Path) -> None:
    result = talents("demo", "--scale", "0", database=tmp_path / "x.db")

    assert result.returncode == 2
    assert "--scale" in result.stderr


def test_invalid_database_url_names_the_setting() -> None:
    result = talents("--database-url", "mysql://localhost/x", "db", "upgrade")

    assert result.returncode == 2
    assert "database_url" in result.stderr


def test_serve_answers_graphql(demo_database: Path) -> None:
    port = free_port()
    environment = {**os.environ, "TALENTS_DATABASE_URL": f"sqlite+aiosqlite:///{demo_database}"}
    server = subprocess.Popen(
        [*TALENTS, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        response = httpx.post(f"{url}/graphql", json={"query": "{ municipalities { totalCount } }"}, timeout=10)
        assert response.json() == {"data": {"municipalities": {"totalCount": 43}}}
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_demo_if_empty_skips_filled_database(demo_database: Path) -> None:
    result = talents("demo", "--if-empty", "--no-progress", database=demo_database)

    assert result.returncode == 0
    assert "already has data" in result.stderr
