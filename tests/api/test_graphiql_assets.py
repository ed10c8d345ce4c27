"""GraphiQL's files come from this server with long cache headers. Without them the page explains why."""

import re
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from api.graphiql import ASSETS_PATH, CACHE_CONTROL, EXAMPLES, GraphiQLAssets, asset_urls
from tests.api.ci import require
from tests.conftest import Client

EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
HTML = {"Accept": "text/html"}


async def test_page_loads_editor_files_from_this_server(client: Client) -> None:
    require(asset_urls() is not None, "GraphiQL's files are not installed: make graphiql-assets")

    page = (await client.http.get("/graphql", headers=HTML)).text
    urls = re.findall(r'(?:src|href)="(graphiql-assets/[^"]+)"', page)

    assert not EXTERNAL_URL.search(page)
    assert sorted(url.split("?")[0] for url in urls) == [
        "graphiql-assets/graphiql.min.css",
        "graphiql-assets/graphiql.min.js",
        "graphiql-assets/react-dom.production.min.js",
        "graphiql-assets/react.production.min.js",
    ]
    for url in urls:
        # The page is /graphql, so its relative URLs resolve from the root.
        response = await client.http.get(f"/{url}")
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == CACHE_CONTROL
        assert response.headers["content-type"].split(";")[0] in {"text/javascript", "text/css"}


async def test_missing_files_page_explains_install(
    client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("api.graphiql.ASSETS_DIRECTORY", tmp_path / "missing")

    response = await client.http.get("/graphql", headers=HTML)

    assert response.status_code == 200
    page = response.text
    assert "Файлы редактора GraphiQL не установлены" in page
    assert "make graphiql-assets" in page
    assert "<script" not in page
    assert not EXTERNAL_URL.search(page)
    for example in EXAMPLES:
        assert example["query"].splitlines()[0] in page


async def test_missing_editor_files_are_not_found(tmp_path: Path) -> None:
    app = Starlette(routes=[Mount(ASSETS_PATH, app=GraphiQLAssets(tmp_path / "missing"))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        response = await http.get(f"{ASSETS_PATH}/graphiql.min.js")

    assert response.status_code == 404


@pytest.mark.settings(graphiql=False)
async def test_no_editor_files_without_graphiql(client: Client) -> None:
    response = await client.http.get(f"{ASSETS_PATH}/graphiql.min.js")

    assert response.status_code == 404
