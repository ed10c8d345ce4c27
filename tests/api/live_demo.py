"""A live server on a small demo region with a REGIONAL_ADMIN key, for tests of real GraphQL clients.

The key is created through `talents keys create`, as an administrator would create it, after
`live_server` has migrated the database and loaded the demo.
"""

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from api.auth import KEY_PATTERN
from tests.api.live_server import TALENTS, live_server

# About 5,000 participations and 120 programmes: several pages of 100 in a connection.
DEMO_SCALE = 0.02
KEY_SECONDS = 60


@dataclass(frozen=True)
class LiveDemo:
    graphql_url: str
    key: str


@contextmanager
def live_demo(directory: Path, *, key_name: str) -> Iterator[LiveDemo]:
    """Serve the demo region from `directory` and yield its GraphQL URL and a REGIONAL_ADMIN key."""
    with live_server(directory, demo_scale=DEMO_SCALE) as base_url:
        key = create_key(directory, role="REGIONAL_ADMIN", name=key_name)
        yield LiveDemo(graphql_url=f"{base_url}/graphql", key=key)


def create_key(directory: Path, *, role: str, name: str) -> str:
    """Create an API key in the database that `live_server` made in `directory` and return it."""
    # As in live_server: no TALENTS_ variable from the caller's environment, no .env from the project.
    environment = {variable: value for variable, value in os.environ.items() if not variable.startswith("TALENTS_")}
    database_url = f"sqlite+aiosqlite:///{directory / 'talents.db'}"
    created = subprocess.run(
        [*TALENTS, "--database-url", database_url, "keys", "create", "--role", role, "--name", name],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=KEY_SECONDS,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    # The key is the last line of the output, after a summary of the key's role and scope.
    key = created.stdout.strip().splitlines()[-1]
    assert KEY_PATTERN.fullmatch(key), created.stdout
    return key
