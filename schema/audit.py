"""The audit trail as the regional admin reads it."""

from datetime import datetime

import orjson
import strawberry
from sqlalchemy import ColumnElement

from db import enums, models
from resolvers.access import Role
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.errors import forbidden
from resolvers.filters import Conditions, any_of, equals, in_range
from resolvers.lists import root_connection
from schema.common import After, Before, Connection, First, Info, Last, order_types
from schema.enums import register_labels

AuditAction = strawberry.enum(enums.AuditAction, description="Действие, записанное в журнал аудита")
register_labels(
    AuditAction,
    {
        "CREATE": ("Создание", "Create"),
        "UPDATE": ("Изменение", "Update"),
        "DELETE": ("Удаление", "Delete"),
        "IMPORT": ("Импорт файла", "File import"),
        "READ_PERSONAL": ("Чтение персональных данных", "Read of personal data"),
    },
)

AUDIT_EVENTS = ConnectionSpec(
    name="auditEvents",
    model=models.AuditEvent,
    order_fields={
        "OCCURRED_AT": OrderField(models.AuditEvent.occurred_at, datetime),
        "ID": OrderField(models.AuditEvent.id, int),
    },
    default_order=(("OCCURRED_AT", True),),
)

AuditEventOrderField, AuditEventOrder = order_types(
    "AuditEvent",
    {"OCCURRED_AT": ("Время события", "Time of the event"), "ID": ("Порядок записи", "Order of recording")},
)


@strawberry.type(description="Запись журнала аудита: кто, когда и какие поля изменил или прочитал; значений полей нет")
class AuditEvent:
    occurred_at: datetime = strawberry.field(description="Когда")
    api_key_id: int | None = strawberry.field(description="Номер ключа API (talents keys list); null — без ключа")
    role: str = strawberry.field(description="Роль вызывающего")
    request_id: str = strawberry.field(description="Идентификатор запроса (заголовок X-Request-Id)")
    operation: str | None = strawberry.field(description="Имя операции GraphQL или команда")
    action: AuditAction = strawberry.field(description="Действие")
    entity_type: str = strawberry.field(description="Тип объектов, например Participant")

    @strawberry.field(description="Первичные ключи затронутых объектов")
    def entity_ids(root: models.AuditEvent) -> list[int]:
        return orjson.loads(root.entity_ids)

    @strawberry.field(description="Имена полей, которые были записаны или прочитаны")
    def fields(root: models.AuditEvent) -> list[str]:
        return orjson.loads(root.fields)


@strawberry.input(description="Фильтр журнала аудита; условия объединяются по И")
class AuditEventFilter:
    actions: list[AuditAction] | None = strawberry.field(default=None, description="Любое из действий")
    api_key_id: int | None = strawberry.field(default=None, description="Только этот ключ API")
    entity_type: str | None = strawberry.field(default=None, description="Только этот тип объектов")
    occurred_from: datetime | None = strawberry.field(default=None, description="Не раньше (включительно)")
    occurred_to: datetime | None = strawberry.field(default=None, description="Не позже (включительно)")


def audit_conditions(filter: AuditEventFilter | None) -> list[ColumnElement[bool]]:
    conditions: Conditions = []
    if filter is None:
        return conditions
    event = models.AuditEvent
    any_of(conditions, event.action, filter.actions, "actions")
    equals(conditions, event.api_key_id, filter.api_key_id)
    equals(conditions, event.entity_type, filter.entity_type)
    in_range(conditions, event.occurred_at, filter.occurred_from, filter.occurred_to, "occurred")
    return conditions


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Журнал аудита: записи и чтения персональных данных; только для регионального администратора")
    async def audit_events(
        self,
        info: Info,
        filter: AuditEventFilter | None = None,
        order_by: list[AuditEventOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[AuditEvent]:
        viewer = info.context.viewer
        if viewer.role is not Role.REGIONAL_ADMIN:
            raise forbidden("audit.forbidden", role=viewer.role.value)
        page = await root_connection(
            info.context, AUDIT_EVENTS, audit_conditions(filter), order_by,
            first=first, after=after, last=last, before=before,
        )
        return Connection(page=page)
