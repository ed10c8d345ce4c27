"""A relation whose row is missing is reported as an error, never as a silent null."""

from sqlalchemy import text

from tests.conftest import Client
from tests.factories import Factory


async def delete_around_foreign_keys(factory: Factory, statement: str) -> None:
    async with factory.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            await connection.execute(text("PRAGMA foreign_keys = OFF"))
        else:
            await connection.execute(text("SET session_replication_role = replica"))
        await connection.execute(text(statement))
        await connection.commit()
        if connection.dialect.name == "sqlite":
            await connection.execute(text("PRAGMA foreign_keys = ON"))


async def test_missing_required_relation_is_an_error(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.program(school)
    await delete_around_foreign_keys(factory, f"DELETE FROM organizations WHERE id = {school}")

    body = await client.query("{ programs { nodes { title organization { name } } } }")

    error = body["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["path"] == ["programs", "nodes", 0, "organization"]
    assert "Organization" in error["message"]


async def test_missing_optional_relation_is_an_error(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.event(organizer_id=school)
    await delete_around_foreign_keys(factory, f"DELETE FROM organizations WHERE id = {school}")

    body = await client.query("{ events { nodes { title organizer { name } } } }")

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["path"] == ["events", "nodes", 0, "organizer"]
