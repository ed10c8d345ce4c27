"""GraphQL over HTTP: graphql-http's audit of a live server finds no error, warning or notice.

The audit is the npm package graphql-http, pinned in tests/http_audit/package-lock.json. The test
installs it with `npm ci` when it is missing or older than the lock file. Without Node.js and npm
the test is skipped, except in CI, where it fails.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.api.ci import require
from tests.api.live_server import live_server

AUDIT_DIRECTORY = Path(__file__).resolve().parents[1] / "http_audit"
NPM_SECONDS = 300
AUDIT_SECONDS = 120


@pytest.fixture(scope="module")
def node() -> str:
    """Return the node executable, with the audit's packages installed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    require(
        node is not None and npm is not None,
        "Node.js and npm are not installed: the GraphQL-over-HTTP audit runs graphql-http on Node.js",
    )
    assert node is not None and npm is not None
    installed = AUDIT_DIRECTORY / "node_modules" / ".package-lock.json"
    lock = AUDIT_DIRECTORY / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=AUDIT_DIRECTORY,
            check=True,
            timeout=NPM_SECONDS,
        )
    return node


def test_graphql_over_http_audit_passes(node: str, tmp_path: Path) -> None:
    with live_server(tmp_path) as base_url:
        audit = subprocess.run(
            [node, "audit.mjs", f"{base_url}/graphql"],
            cwd=AUDIT_DIRECTORY,
            capture_output=True,
            text=True,
            timeout=AUDIT_SECONDS,
        )

    # audit.mjs exits with 1 when some result is not ok, and with another code when it could not run.
    assert audit.returncode in {0, 1}, audit.stderr
    results = json.loads(audit.stdout)
    assert results, "the audit ran no check"
    failures = [
        f"{result['status']} {result['id']} {result['name']}: {result['reason']}\n    response: {result['response']}"
        for result in results
        if result["status"] != "ok"
    ]
    assert not failures, f"{len(failures)} of {len(results)} audits are not ok:\n" + "\n".join(failures)
