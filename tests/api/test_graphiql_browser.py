"""GraphiQL in headless Chromium: the page loads every file from this server and runs an example.

Chromium is Debian's /usr/bin/chromium, which .ci/run installs, and Playwright drives it without
downloading a browser of its own. Every host name but 127.0.0.1 resolves to nothing, and the test also
records every request the page makes. Without Chromium, Playwright or GraphiQL's files the test is
skipped, except in CI, where it fails.
"""

import importlib.util
import json
import re
from pathlib import Path

import httpx

from api.graphiql import EXAMPLES, asset_urls
from tests.api.ci import require
from tests.api.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGUMENTS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
DEMO_SCALE = 0.01
TIMEOUT_MS = 30_000


def test_graphiql_runs_example_offline(tmp_path: Path) -> None:
    require(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    require(
        importlib.util.find_spec("playwright") is not None,
        "Playwright is not installed: pip install -e '.[test]'",
    )
    require(asset_urls() is not None, "GraphiQL's files are not installed: make graphiql-assets")
    from playwright.sync_api import Route, expect, sync_playwright

    first = EXAMPLES[0]
    with live_server(tmp_path, demo_scale=DEMO_SCALE) as base_url, sync_playwright() as playwright:
        expected = httpx.post(
            f"{base_url}/graphql",
            json={"query": first["query"], "variables": json.loads(first["variables"])},
            trust_env=False,
        ).json()["data"]["programs"]
        assert expected["nodes"], "the demo region has no program for the first example"

        requested: list[str] = []
        blocked: list[str] = []

        def only_this_server(route: Route) -> None:
            if route.request.url.startswith(f"{base_url}/"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGUMENTS,
        )
        try:
            context.route("**/*", only_this_server)
            context.on("request", lambda request: requested.append(request.url))
            page = context.new_page()
            page_errors: list[str] = []
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.set_default_timeout(TIMEOUT_MS)

            response = page.goto(f"{base_url}/graphql")
            assert response is not None and response.status == 200
            assert response.headers["content-type"].startswith("text/html")

            tabs = page.locator(".graphiql-tab")
            tabs.first.wait_for()
            assert tabs.all_inner_texts() == [_operation_name(example["query"]) for example in EXAMPLES]

            page.get_by_role("button", name=re.compile("Execute query")).click()
            result = page.locator(".result-window")
            expect(result).to_contain_text('"totalCount"', timeout=TIMEOUT_MS)
            # The result editor indents with no-break spaces.
            result_text = result.inner_text().replace("\xa0", " ")
        finally:
            context.close()

    assert f'"totalCount": {expected["totalCount"]}' in result_text
    assert expected["nodes"][0]["title"] in result_text
    assert '"errors"' not in result_text
    assert not page_errors
    assert not blocked, f"the page asked other hosts: {blocked}"
    assert all(url.startswith(f"{base_url}/") for url in requested), requested
    for name in ("graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "graphiql.min.js"):
        assert any(f"/graphiql-assets/{name}?v=" in url for url in requested), name


def _operation_name(document: str) -> str:
    found = re.search(r"^(?:query|subscription) (\w+)", document, re.MULTILINE)
    assert found, document
    return found.group(1)
