"""The audit trail records writes and personal reads, without values, for the regional admin."""

from datetime import date
from pathlib import Path

import orjson
from sqlalchemy import select

from db import models
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import bearer

AUDIT = """
query Audit($filter: AuditEventFilter) {
  auditEvents(filter: $filter, first: 50) {
    nodes { apiKeyId role requestId operation action entityType entityIds fields }
  }
}
"""


async def stored_events(factory: Factory) -> list[models.AuditEvent]:
    async with factory.engine.connect() as connection:
        return list((await connection.execute(select(models.AuditEvent).order_by(models.AuditEvent.id))).all())


async def test_personal_read_is_recorded_without_values(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    student = await factory.participant(school, last_name="Редкофамильная", birth_date=date(2011, 3, 14))
    admin = await bearer(factory, "REGIONAL_ADMIN")

    body = await client.query(
        "query ReadNames { participants { nodes { lastName birthDate grade } } }", headers=admin
    )
    audit = await client.query(AUDIT, {"filter": {"actions": ["READ_PERSONAL"]}}, headers=admin)

    assert body["data"]["participants"]["nodes"][0]["lastName"] == "Редкофамильная"
    (event,) = audit["data"]["auditEvents"]["nodes"]
    assert event["action"] == "READ_PERSONAL"
    assert event["operation"] == "ReadNames"
    assert event["entityType"] == "Participant"
    assert event["entityIds"] == [student]
    assert event["fields"] == ["birthDate", "lastName"]
    assert event["role"] == "REGIONAL_ADMIN"
    assert event["apiKeyId"] is not None
    for row in await stored_events(factory):
        text = " ".join(str(value) for value in row)
        assert "Редкофамильная" not in text
        assert "2011-03-14" not in text


async def test_forbidden_or_plain_read_is_not_recorded(client: Client, factory: Factory) -> None:
    await factory.participant(await factory.organization())
    analyst = await bearer(factory, "ANALYST")
    admin = await bearer(factory, "REGIONAL_ADMIN")

    await client.query("{ participants { nodes { lastName } } }", headers=analyst)
    await client.query("{ participants { nodes { grade } } }", headers=admin)

    assert await stored_events(factory) == []


async def test_writes_are_recorded_with_field_names(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    program = await factory.program(school)
    admin = await bearer(factory, "REGIONAL_ADMIN")
    document = """mutation Rename($input: UpdateProgramInput!) {
      updateProgram(input: $input) { userErrors { code } }
    }"""

    await client.query(document, {"input": {"id": encode_global_id("Program", program), "title": "Новое название", "hours": 36}}, headers=admin)
    await client.query(document, {"input": {"id": encode_global_id("Program", program), "title": "Новое название", "hours": 36}}, headers=admin)
    audit = await client.query(AUDIT, headers=admin)

    # The repeated update changed nothing, so only the first is recorded.
    (event,) = audit["data"]["auditEvents"]["nodes"]
    assert (event["action"], event["entityType"], event["entityIds"]) == ("UPDATE", "Program", [program])
    assert event["fields"] == ["hours", "title"]
    assert event["operation"] == "Rename"


async def test_rejected_write_is_not_recorded(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    program = await factory.program(school)
    operator = await bearer(factory, "OPERATOR", organizations=(await factory.organization(),))

    await client.query(
        'mutation { updateProgram(input: {id: "%s", title: "x"}) { userErrors { code } } }' % encode_global_id("Program", program),
        headers=operator,
    )

    assert await stored_events(factory) == []


async def test_bulk_results_are_recorded(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    await factory.participant(school, external_id="P1")
    await factory.event(external_id="E1")
    admin = await bearer(factory, "REGIONAL_ADMIN")

    await client.query(
        'mutation { recordParticipations(input: {items: [{eventExternalId: "E1", participantExternalId: "P1", result: WINNER}]}) { created } }',
        headers=admin,
    )

    (event,) = await stored_events(factory)
    assert event.entity_type == "Participation"
    assert event.action == "UPDATE"
    assert len(orjson.loads(event.entity_ids)) == 1


async def test_imports_are_recorded(client: Client, factory: Factory) -> None:
    admin = await bearer(factory, "REGIONAL_ADMIN")
    path = Path(__file__).parent.parent / "fixtures" / "imports" / "organizations.csv"
    operations = '{"query": "mutation Load($input: ImportFileInput!) { importFile(input: $input) { created } }", "variables": {"input": {"kind": "ORGANIZATIONS", "file": null}}}'

    response = await client.http.post(
        "/graphql",
        data={"operations": operations, "map": '{"0": ["variables.input.file"]}'},
        files={"0": (path.name, path.read_bytes(), "text/csv")},
        headers=admin,
    )

    assert response.json()["data"]["importFile"]["created"] == 4
    (event,) = await stored_events(factory)
    assert (event.action, event.entity_type, event.operation) == ("IMPORT", "organizations", "Load")
    assert len(event.entity_ids.split(",")) == 4


async def test_only_regional_admin_reads_the_trail(client: Client, factory: Factory) -> None:
    school = await factory.organization()
    callers = [
        {},
        await bearer(factory, "ANALYST"),
        await bearer(factory, "OPERATOR", organizations=(school,)),
        await bearer(factory, "MUNICIPAL_COORDINATOR", municipalities=(factory.municipality_ids["MO15"],)),
    ]
    for headers in callers:
        body = await client.query(AUDIT, headers=headers)

        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
