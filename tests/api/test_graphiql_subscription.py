"""GraphiQL's example subscription in headless Chromium: the page subscribes over WebSocket and
shows a change that another client commits.

Like tests/api/test_graphiql_browser.py, it drives Debian's /usr/bin/chromium and is skipped without
Chromium, Playwright or GraphiQL's files, except in CI, where it fails.
"""

import importlib.util
import json
import re
import subprocess
from pathlib import Path

import httpx

from api.graphiql import EXAMPLES, asset_urls
from tests.api.ci import require
from tests.api.live_server import TALENTS, live_server
from tests.api.test_graphiql_browser import CHROMIUM, CHROMIUM_ARGUMENTS, DEMO_SCALE, TIMEOUT_MS

# Events created at most while waiting for the page's subscription to receive one.
ATTEMPTS = 10
# Clicks on Execute, each followed by up to 5 s of waiting for the page to open a WebSocket.
CLICKS = 3

CREATE_EVENT = """
mutation Create($input: CreateEventInput!) { createEvent(input: $input) { event { id } userErrors { message } } }
"""


def create_event(base_url: str, key: str, title: str, municipality_id: str) -> str:
    """Create an event in the municipality through the HTTP API and return its global ID."""
    variables = {
        "input": {
            "title": title,
            "kind": "FESTIVAL",
            "level": "MUNICIPAL",
            "startsAt": "2027-04-10T10:00:00+05:00",
            "municipalityId": municipality_id,
        }
    }
    body = httpx.post(
        f"{base_url}/graphql",
        json={"query": CREATE_EVENT, "variables": variables},
        headers={"Authorization": f"Bearer {key}"},
        trust_env=False,
    ).json()
    assert body["data"]["createEvent"]["userErrors"] == [], body
    return body["data"]["createEvent"]["event"]["id"]


def create_admin_key(directory: Path) -> str:
    """Create a regional admin's key in the live server's database and return it."""
    database = f"sqlite+aiosqlite:///{directory / 'talents.db'}"
    printed = subprocess.run(
        [*TALENTS, "--database-url", database, "keys", "create", "--role", "REGIONAL_ADMIN", "--name", "browser test"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found = re.search(r"tal_[A-Za-z0-9_-]{43}", printed.stdout + printed.stderr)
    assert found, printed
    return found.group()


def test_graphiql_subscription_shows_change(tmp_path: Path) -> None:
    require(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    require(importlib.util.find_spec("playwright") is not None, "Playwright is not installed: pip install -e '.[test]'")
    require(asset_urls() is not None, "GraphiQL's files are not installed: make graphiql-assets")
    from playwright.sync_api import expect, sync_playwright

    (example,) = [example for example in EXAMPLES if "\nsubscription EventChanges" in example["query"]]
    municipality_code = json.loads(example["variables"])["municipality"]
    # The demo region brings the reference municipalities that the example filters by.
    with live_server(tmp_path, demo_scale=DEMO_SCALE) as base_url, sync_playwright() as playwright:
        key = create_admin_key(tmp_path)
        found = httpx.post(
            f"{base_url}/graphql",
            json={
                "query": "query($codes: [String!]) { municipalities(filter: {codes: $codes}) { nodes { id } } }",
                "variables": {"codes": [municipality_code]},
            },
            trust_env=False,
        ).json()
        municipality_id = found["data"]["municipalities"]["nodes"][0]["id"]

        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGUMENTS
        )
        try:
            page = context.new_page()
            page_errors: list[str] = []
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{base_url}/graphql")
            page.locator(".graphiql-tab").first.wait_for()
            page.locator(".graphiql-tab", has_text="EventChanges").click()
            expect(page.locator(".graphiql-query-editor")).to_contain_text("subscription EventChanges")

            sockets: list[str] = []
            page.on("websocket", lambda socket: sockets.append(socket.url))
            # On a busy machine GraphiQL may take the first click before the tab's query is in its
            # state and run nothing; a second click then starts the subscription.
            for _ in range(CLICKS):
                page.get_by_role("button", name=re.compile("Execute query")).click()
                for _ in range(50):
                    if sockets:
                        break
                    page.wait_for_timeout(100)
                if sockets:
                    break
            assert sockets, "GraphiQL opened no WebSocket"

            # A change committed before the server has registered the subscription reaches nobody,
            # and the page cannot tell when that happened. So the test creates events until one
            # shows, a second apart; the page normally shows the first.
            result = page.locator(".result-window")
            for attempt in range(1, ATTEMPTS + 1):
                title = f"Фестиваль технического творчества № {attempt}"
                created = create_event(base_url, key, title, municipality_id)
                try:
                    expect(result).to_contain_text(title, timeout=1000)
                    break
                except AssertionError:
                    continue
            result_text = result.inner_text().replace("\xa0", " ")
        finally:
            context.close()

    assert sockets == [base_url.replace("http://", "ws://") + "/graphql"]
    assert title in result_text
    assert '"action": "CREATED"' in result_text
    assert f'"eventId": "{created}"' in result_text
    assert not page_errors
