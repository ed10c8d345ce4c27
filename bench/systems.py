"""The three systems under test as server processes: start, wait, measure memory and CPU, stop."""

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import orjson
from sqlalchemy.engine import make_url

from bench.workloads import Request, Workload

ROOT = Path(__file__).resolve().parent.parent
POSTGRAPHILE_DIR = ROOT / "bench" / "postgraphile"
NODE = POSTGRAPHILE_DIR / "node_modules" / "node" / "bin" / "node"
START_TIMEOUT_SECONDS = 120
# Budgets far above what a benchmark spends, so that rate limiting never returns 429.
UNLIMITED_POINTS = str(10**12)

SYSTEMS = ("floor", "ours", "postgraphile")
LABELS = {"floor": "SQL-пол", "ours": "наш сервер", "postgraphile": "PostGraphile 5"}


@dataclass(frozen=True)
class Target:
    """The request one system gets for one workload: the path, the body and extra header lines."""

    path: str
    body: bytes
    headers: tuple[str, ...] = ()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_port(url: str, port: int, driver: str) -> str:
    """Return `url` pointing at 127.0.0.1:`port`, with the driver part of the scheme replaced."""
    parsed = make_url(url).set(drivername=driver, host="127.0.0.1", port=port)
    return parsed.render_as_string(hide_password=False)


class ServerProcess:
    """One system's server on its own port on 127.0.0.1."""

    def __init__(
        self, system: str, database_url: str, postgres_port: int, log_path: Path, ours_root: Path = ROOT
    ) -> None:
        self.system = system
        self.ours_root = ours_root
        self.port = free_port()
        self.log_path = log_path
        command, environment, cwd = self._command(database_url, postgres_port)
        self._log = log_path.open("ab")
        self.process = subprocess.Popen(
            command, cwd=cwd, env=environment, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_until_listening()

    def _command(self, database_url: str, postgres_port: int) -> tuple[list[str], dict[str, str], Path]:
        environment = dict(os.environ)
        if self.system == "ours":
            environment.update(
                TALENTS_DATABASE_URL=with_port(database_url, postgres_port, "postgresql+asyncpg"),
                TALENTS_LOG_LEVEL="WARNING",
                TALENTS_RATE_LIMIT_POINTS_PER_HOUR=UNLIMITED_POINTS,
                TALENTS_ANONYMOUS_POINTS_PER_HOUR=UNLIMITED_POINTS,
            )
            # What `talents serve --workers 1` runs, from the source tree `ours_root`, which may be
            # another checkout than this one (PYTHONPATH comes before the editable install).
            environment["PYTHONPATH"] = str(self.ours_root)
            python = ROOT / ".venv" / "bin" / "python"
            command = [str(python), "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
                       "--port", str(self.port), "--log-level", "warning"]
            return command, environment, self.ours_root
        if self.system == "floor":
            python = ROOT / ".venv" / "bin" / "python"
            dsn = with_port(database_url, postgres_port, "postgresql")
            return [str(python), "-m", "bench.floor", "--database-url", dsn, "--port", str(self.port)], environment, ROOT
        environment["GRAPHILE_ENV"] = "production"
        dsn = with_port(database_url, postgres_port, "postgres")
        return [str(NODE), "server.mjs", dsn, str(self.port)], environment, POSTGRAPHILE_DIR

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.system} exited with {self.process.returncode}; see {self.log_path}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.system} did not listen on port {self.port} within {START_TIMEOUT_SECONDS} s")

    def memory_kib(self) -> tuple[int, int]:
        """Return the process's current resident set size and its peak (VmRSS, VmHWM), in KiB."""
        values = {}
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    values[name] = int(rest.split()[0])
        return values["VmRSS"], values["VmHWM"]

    def cpu_seconds(self) -> float:
        """Return the user and system CPU time the process has used so far."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def target_for(system: str, workload: Workload, bench_key: str) -> Target | None:
    """Return the request `system` gets for `workload`, or None where it has no equivalent."""
    if system == "floor":
        return Target(f"/floor/{workload.name}", orjson.dumps({"variables": workload.ours.variables}))
    request: Request | None = workload.ours if system == "ours" else workload.postgraphile
    if request is None:
        return None
    body = orjson.dumps({"query": request.document, "variables": request.variables})
    headers = (f"Authorization: Bearer {bench_key}",) if system == "ours" and request.authorized else ()
    return Target("/graphql", body, headers)
