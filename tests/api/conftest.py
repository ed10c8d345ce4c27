"""Fixtures of the API tests that need a real server."""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from api.app import create_app
from api.settings import Settings
from tests.api.live_ws import Live, serve
from tests.factories import Factory
from tests.keys import bearer


@pytest.fixture
async def live(request: pytest.FixtureRequest, database_url: str, factory: Factory) -> AsyncIterator[Live]:
    """The app on this test's database, served by uvicorn on 127.0.0.1; takes `settings` markers."""
    overrides: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("settings"))):
        overrides.update(marker.kwargs)
    app = create_app(Settings(database_url=database_url, **overrides))
    async with serve(app) as address:
        yield Live(address, app, await bearer(factory, "REGIONAL_ADMIN"), factory)
