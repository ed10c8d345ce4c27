"""The Node.js GraphQL client graphql-request against a live server.

tests/clients_node/client.mjs queries, pages, writes and provokes errors through graphql-request
(pinned in tests/clients_node/package-lock.json) and prints what it received as JSON, which these
tests check. The packages are installed with `npm ci` when they are missing or older than the
lock file. Without Node.js and npm the tests are skipped, except in CI, where they fail.
"""

import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.api.ci import require
from tests.api.live_demo import live_demo

CLIENT_DIRECTORY = Path(__file__).resolve().parents[1] / "clients_node"
NPM_SECONDS = 300
CLIENT_SECONDS = 300


def install_packages(npm: str, directory: Path) -> None:
    """Run `npm ci` in `directory` unless node_modules is at least as new as package-lock.json."""
    installed = directory / "node_modules" / ".package-lock.json"
    lock = directory / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=directory,
        check=True,
        timeout=NPM_SECONDS,
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run client.mjs against a live demo server and return its JSON report."""
    node, npm = shutil.which("node"), shutil.which("npm")
    require(
        node is not None and npm is not None,
        "Node.js and npm are not installed: the graphql-request client test runs on Node.js",
    )
    assert node is not None and npm is not None
    install_packages(npm, CLIENT_DIRECTORY)

    with live_demo(tmp_path_factory.mktemp("graphql-request"), key_name="graphql-request client tests") as demo:
        run = subprocess.run(
            [node, "client.mjs", demo.graphql_url, demo.key],
            cwd=CLIENT_DIRECTORY,
            capture_output=True,
            text=True,
            timeout=CLIENT_SECONDS,
        )

    assert run.returncode == 0, f"client.mjs exited with {run.returncode}:\n{run.stderr}"
    return json.loads(run.stdout)


def test_variables_filter_programs_by_orientation(report: dict[str, Any]) -> None:
    overview = report["orientations"]

    assert overview["status"] == 200
    # graphql-request accepts application/graphql-response+json first, and the server uses it.
    assert overview["contentType"] == "application/graphql-response+json"
    assert len(overview["orientations"]) > 1
    for entry in overview["orientations"]:
        assert entry["nodes"] == entry["totalCount"], entry
        assert set(entry["nodeOrientations"]) <= {entry["orientation"]}, entry
    assert sum(entry["totalCount"] for entry in overview["orientations"]) == overview["programCount"]


def test_forward_pages_reach_the_end(report: dict[str, Any]) -> None:
    forward = report["forward"]

    assert forward["totalCount"] > forward["pageSize"], "the demo should fill several pages"
    assert forward["uniqueIds"] == forward["ids"]
    assert forward["ids"] == forward["totalCount"]
    assert forward["pages"] == math.ceil(forward["totalCount"] / forward["pageSize"])


def test_backward_pages_match_forward_order(report: dict[str, Any]) -> None:
    both_ways = report["bothWays"]

    assert both_ways["totalCount"] > both_ways["pageSize"], "the demo should fill several pages"
    assert len(set(both_ways["backward"])) == len(both_ways["backward"]) == both_ways["totalCount"]
    assert both_ways["backward"] == both_ways["forward"]


def test_update_with_title_keeps_other_fields(report: dict[str, Any]) -> None:
    created, updated = report["update"]["created"], report["update"]["updated"]

    assert created["userErrors"] == []
    assert updated["userErrors"] == []
    assert updated["program"] == {**created["program"], "title": "Робототехника: первые шаги"}


def test_same_batch_twice_is_unchanged(report: dict[str, Any]) -> None:
    bulk = report["bulk"]

    assert bulk["eventUserErrors"] == []
    assert bulk["items"] == 10
    assert bulk["first"] == {"created": 10, "updated": 0, "unchanged": 0, "rejected": 0, "userErrors": []}
    assert bulk["second"] == {"created": 0, "updated": 0, "unchanged": 10, "rejected": 0, "userErrors": []}
    assert bulk["changed"] == {"created": 0, "updated": 1, "unchanged": 9, "rejected": 0, "userErrors": []}


def test_malformed_global_id_is_bad_user_input(report: dict[str, Any]) -> None:
    response = report["malformedId"]

    # A field error still executes the operation, so even the GraphQL-over-HTTP media type keeps 200.
    assert response["status"] == 200
    assert response["contentType"] == "application/graphql-response+json"
    assert response["data"] == {"node": None}
    [error] = response["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["node"]
    # The request sent Accept-Language: en.
    assert error["message"] == '"not-a-global-id" is not a global ID of this API.'


def test_invalid_input_returns_user_errors(report: dict[str, Any]) -> None:
    program = report["userErrors"]["program"]
    recorded = report["userErrors"]["recordParticipations"]

    assert program["program"] is None
    [error] = program["userErrors"]
    assert error["field"] == ["input", "ageTo"]
    assert error["code"] == "INVALID"
    assert error["message"]

    # Both unknown ids are reported, and the item counts once among the rejected.
    assert recorded["rejected"] == 1
    assert recorded["created"] == 0
    assert [error["field"] for error in recorded["userErrors"]] == [
        ["input", "items", "0", "eventExternalId"],
        ["input", "items", "0", "participantExternalId"],
    ]
    assert {error["code"] for error in recorded["userErrors"]} == {"NOT_FOUND"}
