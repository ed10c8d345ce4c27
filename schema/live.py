"""Subscriptions: committed changes delivered over WebSocket (graphql-transport-ws)."""

from collections.abc import AsyncGenerator, AsyncIterator
from datetime import datetime
from typing import Annotated

import strawberry

from db import models
from resolvers.live.broker import LiveMessage
from resolvers.live.changes import ChangeAction as ChangeActionValue
from resolvers.live.events import event_changes
from resolvers.live.publications import published_publications
from resolvers.ids import encode_global_id
from resolvers.nodes import TYPE_NAMES
from schema.common import Info
from schema.enums import register_labels
from schema.events import Event, EventFilter
from schema.publications import Publication, PublicationFilter

ChangeAction = strawberry.enum(ChangeActionValue, description="Что произошло с объектом")
register_labels(
    ChangeAction,
    {
        "CREATED": ("Добавлен", "Created"),
        "UPDATED": ("Изменён", "Updated"),
        "DELETED": ("Удалён", "Deleted"),
    },
)


@strawberry.type(description="Изменение мероприятия, сохранённое в базе")
class EventChange:
    action: ChangeAction = strawberry.field(description="Что произошло: добавлено, изменено или удалено")
    event_id: strawberry.ID = strawberry.field(description="Глобальный ID мероприятия; есть и у удалённого")
    changed_at: datetime = strawberry.field(description="Когда изменение было сохранено")
    event: Event | None = strawberry.field(description="Мероприятие в его текущем виде; null, если оно удалено")


def _event_change(message: LiveMessage, event: models.Event | None) -> EventChange:
    return EventChange(
        action=ChangeActionValue(message.action),
        event_id=strawberry.ID(encode_global_id(TYPE_NAMES[models.Event], message.entity_id)),
        changed_at=datetime.fromisoformat(message.at),
        event=event,  # type: ignore[arg-type]
    )


@strawberry.type(
    description="Подписки по протоколу graphql-transport-ws на WS /graphql: сообщение приходит, когда "
    "изменение сохранено в базе"
)
class Subscription:
    @strawberry.subscription(
        description="Мероприятия, которые добавили, изменили или удалили после начала подписки. Фильтр "
        "тот же, что у списка events; изменённое мероприятие приходит, если фильтру соответствует его новый "
        "или прежний вид, а удалённое — если фильтру соответствовал его вид перед удалением"
    )
    async def event_changed(
        self,
        info: Info,
        filter: Annotated[
            EventFilter | None, strawberry.argument(description="Какие мероприятия присылать; без фильтра — все")
        ] = None,
    ) -> AsyncGenerator[EventChange, None]:
        # Checked before the stream starts, so that an invalid filter ends the subscription with an error message.
        changes = event_changes(info.context, filter)
        return _event_changes(changes)

    @strawberry.subscription(
        description="Публикации, которые стали опубликованными после начала подписки, в том числе созданные "
        "сразу опубликованными. Фильтр тот же, что у списка publications; приходят только публикации, "
        "которые роль вызывающего видит в этом списке"
    )
    async def publication_published(
        self,
        info: Info,
        filter: Annotated[
            PublicationFilter | None,
            strawberry.argument(description="Какие публикации присылать; без фильтра — все видимые"),
        ] = None,
    ) -> AsyncGenerator[Publication, None]:
        # Checked before the stream starts, so that an invalid filter ends the subscription with an error message.
        return published_publications(info.context, filter)  # type: ignore[return-value]


async def _event_changes(
    changes: AsyncIterator[tuple[LiveMessage, models.Event | None]],
) -> AsyncGenerator[EventChange, None]:
    async for message, event in changes:
        yield _event_change(message, event)
