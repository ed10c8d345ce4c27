"""Queries read from TALENTS_DATABASE_READ_URL when it is set; readiness checks the primary."""

import shutil
from pathlib import Path

import httpx
from sqlalchemy import insert

from api.app import create_app
from api.settings import Settings
from db import models
from db.engine import create_engine
from db.text import normalize_text


async def test_queries_go_to_read_replica(sqlite_template: Path, tmp_path: Path) -> None:
    primary, replica = tmp_path / "primary.db", tmp_path / "replica.db"
    shutil.copyfile(sqlite_template, primary)
    shutil.copyfile(sqlite_template, replica)
    engine = create_engine(f"sqlite+aiosqlite:///{replica}")
    async with engine.begin() as connection:
        await connection.execute(
            insert(models.Municipality),
            [{"code": "R1", "name": "Реплика", "kind": "URBAN_OKRUG", "search_key": normalize_text("Реплика")}],
        )
    await engine.dispose()

    settings = Settings(database_url=f"sqlite+aiosqlite:///{primary}", database_read_url=f"sqlite+aiosqlite:///{replica}")
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            response = await http.post("/graphql", json={"query": "{ municipalities { nodes { code } } }"})
            ready = await http.get("/ready")

    assert response.json() == {"data": {"municipalities": {"nodes": [{"code": "R1"}]}}}
    assert ready.status_code == 200
    assert app.state.engine.url.database == str(primary)
