"""Log lines carry the request id and the operation name; JSON output is one object per line."""

import io
import json
import logging

import pytest
from sqlalchemy import text

from tests.conftest import Client
from tests.factories import Factory


@pytest.mark.settings(log_format="json")
async def test_json_log_line_names_request_and_operation(client: Client, factory: Factory) -> None:
    # The app installed its handler on the root logger; read what it writes.
    output = io.StringIO()
    logging.getLogger().handlers[0].setStream(output)  # type: ignore[attr-defined]
    await factory.event()
    async with factory.engine.begin() as connection:
        await connection.execute(text("DROP TABLE event_audiences"))

    await client.http.post(
        "/graphql",
        json={"query": "query Broken { events { nodes { audiences } } }"},
        headers={"X-Request-ID": "req-json-1"},
    )

    lines = [json.loads(line) for line in output.getvalue().splitlines()]
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["request_id"] == "req-json-1"
    assert error["operation"] == "Broken"
    assert error["name"] == "api.errors"
    assert "unexpected error" in error["message"]
