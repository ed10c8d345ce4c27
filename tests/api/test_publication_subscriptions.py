"""`publicationPublished` over a real WebSocket: sent when a publication becomes PUBLISHED,
through the filter and access rules of the publications list."""

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db import models
from db.enums import AuditAction, ParticipantCategory, ProgramStatus, PublicationKind, PublicationStatus
from db.text import normalize_text
from resolvers.access import Role, Viewer
from resolvers.context import RequestContext
from resolvers.ids import encode_global_id
from resolvers.writes.engine import WriteResult
from schema.writes.common import Audited, in_transaction
from tests.api.live_ws import Live, live_client, wait_for
from tests.factories import CHELYABINSK
from tests.keys import bearer

PUBLISHED = """
subscription Published($filter: PublicationFilter) {
  publicationPublished(filter: $filter) { id title status publishedAt municipality { code } program { title } }
}
"""

ADMIN = Viewer(role=Role.REGIONAL_ADMIN)


async def write(live: Live, change: Callable[[AsyncSession], Awaitable[models.Publication]]) -> int:
    """Run `change` as a mutation of the app would: in a transaction of `in_transaction`, with the app's broker."""
    context = RequestContext(read_sessions=live.app.state.sessions, viewer=ADMIN, live=live.app.state.live)

    async def operation(session: AsyncSession) -> WriteResult:
        row = await change(session)
        await session.flush()
        return WriteResult(row=row, changed=True)

    result = await in_transaction(context, operation, Audited(AuditAction.UPDATE, "Publication"))
    assert result.errors == []
    return result.row.id


def new_publication(
    title: str, status: PublicationStatus, **values: object
) -> Callable[[AsyncSession], Awaitable[models.Publication]]:
    async def add(session: AsyncSession) -> models.Publication:
        now = datetime.now(UTC)
        row = models.Publication(
            title=title,
            body="Текст публикации.",
            kind=PublicationKind.NEWS,
            status=status,
            published_at=now if status is PublicationStatus.PUBLISHED else None,
            attachments=[],
            search_key=normalize_text(title),
            **values,
        )
        session.add(row)
        return row

    return add


def set_status(
    publication_id: int, status: PublicationStatus, **values: object
) -> Callable[[AsyncSession], Awaitable[models.Publication]]:
    async def change(session: AsyncSession) -> models.Publication:
        row = await session.get(models.Publication, publication_id)
        assert row is not None
        row.status = status
        for name, value in values.items():
            setattr(row, name, value)
        return row

    return change


async def test_publication_published_on_status_change(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", PUBLISHED)
        await wait_for(lambda: live.subscribers() == 1)

        draft = await write(live, new_publication("Черновик объявления", PublicationStatus.DRAFT))
        await client.expect_silence()
        await write(live, set_status(draft, PublicationStatus.PUBLISHED, published_at=datetime.now(UTC)))
        published = (await client.next_payload("1", timeout=1.0))["data"]["publicationPublished"]

        # A change of a published publication, and archiving it, announce nothing new.
        await write(live, set_status(draft, PublicationStatus.PUBLISHED, title="Объявление, исправленное"))
        await write(live, set_status(draft, PublicationStatus.ARCHIVED))
        await client.expect_silence()
        # Back from the archive, it becomes PUBLISHED again.
        await write(live, set_status(draft, PublicationStatus.PUBLISHED))
        republished = (await client.next_payload("1"))["data"]["publicationPublished"]

    assert published["id"] == encode_global_id("Publication", draft)
    assert published["title"] == "Черновик объявления"
    assert published["status"] == "PUBLISHED"
    assert republished["title"] == "Объявление, исправленное"


async def test_publication_published_when_created_published(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", PUBLISHED)
        await wait_for(lambda: live.subscribers() == 1)
        created = await write(live, new_publication("Сразу опубликовано", PublicationStatus.PUBLISHED))
        payload = await client.next_payload("1", timeout=1.0)

    assert payload["data"]["publicationPublished"]["id"] == encode_global_id("Publication", created)


async def test_publication_published_filter(live: Live) -> None:
    zlatoust = live.factory.municipality_ids["MO02"]
    chelyabinsk = live.factory.municipality_ids[CHELYABINSK]
    variables = {"filter": {"municipalityCodes": ["MO02"], "includeRegionWide": True}}
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", PUBLISHED, variables)
        await wait_for(lambda: live.subscribers() == 1)

        await write(
            live, new_publication("Новость Челябинска", PublicationStatus.PUBLISHED, municipality_id=chelyabinsk)
        )
        local = await write(
            live, new_publication("Новость Златоуста", PublicationStatus.PUBLISHED, municipality_id=zlatoust)
        )
        first = (await client.next_payload("1"))["data"]["publicationPublished"]
        regional = await write(live, new_publication("Новость области", PublicationStatus.PUBLISHED))
        second = (await client.next_payload("1"))["data"]["publicationPublished"]
        await client.expect_silence()

    assert first["id"] == encode_global_id("Publication", local)
    assert first["municipality"] == {"code": "MO02"}
    assert second["id"] == encode_global_id("Publication", regional)
    assert second["municipality"] is None


async def test_publication_published_respects_role(live: Live) -> None:
    school = await live.factory.organization()
    draft_program = await live.factory.program(school, status=ProgramStatus.DRAFT, title="Программа в работе")
    admin = await bearer(live.factory, "REGIONAL_ADMIN")
    async with live_client(live.address) as anonymous, live_client(live.address, admin) as regional:
        await anonymous.init()
        await regional.init()
        await anonymous.subscribe("1", PUBLISHED)
        await regional.subscribe("1", PUBLISHED)
        await wait_for(lambda: live.subscribers() == 2)

        await write(live, new_publication("О новой программе", PublicationStatus.PUBLISHED, program_id=draft_program))
        seen_anonymously = (await anonymous.next_payload("1"))["data"]["publicationPublished"]
        seen_by_admin = (await regional.next_payload("1"))["data"]["publicationPublished"]

    # The list of publications hides an unpublished programme from anonymous callers; so does the subscription.
    assert seen_anonymously["program"] is None
    assert seen_by_admin["program"] == {"title": "Программа в работе"}


async def test_publication_published_bad_filter(live: Live) -> None:
    async with live_client(live.address, {"Accept-Language": "en"}) as client:
        await client.init()
        await client.subscribe("1", PUBLISHED, {"filter": {"eventIds": [encode_global_id("Program", 1)]}})
        message = await client.receive()

    assert message["type"] == "error"
    assert message["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "belongs to a Program" in message["payload"][0]["message"]


async def test_publication_published_audience_filter(live: Live) -> None:
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", PUBLISHED, {"filter": {"audiences": ["TEACHER"]}})
        await wait_for(lambda: live.subscribers() == 1)

        async def with_audience(category: ParticipantCategory, title: str) -> int:
            publication_id = await write(live, new_publication(title, PublicationStatus.DRAFT))
            async with AsyncSession(live.factory.engine) as session:
                await session.execute(
                    models.publication_audiences.insert().values(publication_id=publication_id, category=category)
                )
                await session.commit()
            return await write(live, set_status(publication_id, PublicationStatus.PUBLISHED))

        await with_audience(ParticipantCategory.PARENT, "Для родителей")
        for_teachers = await with_audience(ParticipantCategory.TEACHER, "Для педагогов")
        payload = await client.next_payload("1")
        await client.expect_silence()

    assert payload["data"]["publicationPublished"]["id"] == encode_global_id("Publication", for_teachers)


CREATE_PUBLICATION = """
mutation Create($input: CreatePublicationInput!) {
  createPublication(input: $input) { publication { id status } userErrors { field code message } }
}
"""

PUBLISH_PUBLICATION = """
mutation Publish($input: TargetInput!) {
  publishPublication(input: $input) { publication { id status } userErrors { field code message } }
}
"""


async def test_publication_published_by_mutations(live: Live) -> None:
    news = {"title": "Итоги муниципального этапа", "body": "Текст.", "kind": "NEWS"}
    async with live_client(live.address) as client:
        await client.init()
        await client.subscribe("1", PUBLISHED)
        await wait_for(lambda: live.subscribers() == 1)

        draft = await live.mutate(CREATE_PUBLICATION, {"input": news})
        await client.expect_silence()
        published = await live.mutate(PUBLISH_PUBLICATION, {"input": {"id": draft["publication"]["id"]}})
        on_publish = (await client.next_payload("1", timeout=1.0))["data"]["publicationPublished"]
        again = await live.mutate(PUBLISH_PUBLICATION, {"input": {"id": draft["publication"]["id"]}})
        await client.expect_silence()
        created = await live.mutate(
            CREATE_PUBLICATION, {"input": {**news, "title": "Сразу в ленту", "status": "PUBLISHED"}}
        )
        on_create = (await client.next_payload("1", timeout=1.0))["data"]["publicationPublished"]

    assert draft["publication"]["status"] == "DRAFT"
    assert published["userErrors"] == []
    assert again["userErrors"] == []
    assert on_publish["id"] == draft["publication"]["id"]
    assert on_publish["publishedAt"] is not None
    assert on_create["id"] == created["publication"]["id"]
