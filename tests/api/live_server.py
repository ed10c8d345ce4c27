"""A real server for tests that talk to it from another process: `talents serve` on 127.0.0.1.

The database is an SQLite file migrated with `talents db upgrade`, optionally holding a small demo
region. The server runs from a temporary directory, so a `.env` file in the project is not read.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

STARTUP_SECONDS = 30
STOP_SECONDS = 10
# The `talents` command of this interpreter's environment.
TALENTS = [sys.executable, "-m", "api.cli"]


@contextmanager
def live_server(directory: Path, *, demo_scale: float | None = None) -> Iterator[str]:
    """Serve the API from `directory` on a free loopback port and yield its base URL."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("TALENTS_")
    } | {
        "TALENTS_DATABASE_URL": f"sqlite+aiosqlite:///{directory / 'talents.db'}",
        "TALENTS_LOG_LEVEL": "WARNING",
    }

    def talents(*arguments: str) -> None:
        subprocess.run([*TALENTS, *arguments], cwd=directory, env=environment, check=True, timeout=120)

    talents("db", "upgrade")
    if demo_scale is not None:
        talents("demo", "--scale", str(demo_scale), "--no-progress")

    port = free_port()
    log_path = directory / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [*TALENTS, "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=directory,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base_url, server, log_path)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(base_url: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{base_url}/ready", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server was not ready within {STARTUP_SECONDS} s:\n{log_path.read_text()}")
