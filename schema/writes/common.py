"""Shared parts of every mutation: user errors, input and payload builders, and the transaction."""

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Optional

import strawberry
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import AuditAction
from resolvers.audit import audit_event
from resolvers.context import RequestContext
from resolvers.live.broker import LiveMessage
from resolvers.live.changes import ChangeAction, ChangeFeed
from resolvers.live.outbox import publish_staged, stage, take_staged
from resolvers.messages import render_message
from resolvers.writes.engine import EntitySpec, UserError as ServiceError, WriteFailed, WriteResult
from resolvers.writes.engine import create_entity, delete_entity, is_check_violation, is_transient, load_for_write, update_entity
from resolvers.writes.rules import Invalid, Reference, camel_case
from schema.common import Info
from schema.enums import register_labels

logger = logging.getLogger(__name__)


@strawberry.enum(description="Код ошибки в данных мутации")
class UserErrorCode(Enum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    FORBIDDEN = "FORBIDDEN"


register_labels(
    UserErrorCode,
    {
        "INVALID": ("Значение недопустимо", "Invalid value"),
        "NOT_FOUND": ("Объект не найден", "Not found"),
        "CONFLICT": (
            "Противоречит существующим данным: значение уже занято или на объект есть ссылки",
            "Conflicts with stored data: the value is taken or other records refer to the object",
        ),
        "FORBIDDEN": ("Роли вызывающего это изменение не разрешено", "The caller's role may not make this change"),
    },
)


@strawberry.type(description="Ошибка в данных мутации, которую может исправить пользователь")
class UserError:
    field: list[str] | None = strawberry.field(
        description="Путь к полю во входных данных, например [\"input\", \"title\"]; null, если ошибка не относится к одному полю"
    )
    code: UserErrorCode = strawberry.field(description="Код ошибки")
    message: str = strawberry.field(description="Сообщение на языке запроса")


@strawberry.type(description="Результат удаления")
class DeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="Глобальный ID удалённого объекта; null, если удаления не было")
    user_errors: list[UserError] = strawberry.field(description="Ошибки в данных; пусто при успехе")


@dataclass(frozen=True)
class InputField:
    annotation: Any
    description: str


def fields(**specs: tuple[Any, str]) -> dict[str, InputField]:
    return {name: InputField(annotation, description) for name, (annotation, description) in specs.items()}


def _is_optional(annotation: Any) -> bool:
    return type(None) in getattr(annotation, "__args__", ())


def create_input(name: str, description: str, input_fields: Mapping[str, InputField]) -> type:
    """Build a create input: non-null fields are required, the others may be omitted."""
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__annotations__": annotations}
    for field_name, spec in input_fields.items():
        annotations[field_name] = spec.annotation
        if _is_optional(spec.annotation):
            namespace[field_name] = strawberry.field(default=strawberry.UNSET, description=spec.description)
        else:
            namespace[field_name] = strawberry.field(description=spec.description)
    return strawberry.input(type(name, (), namespace), description=description)


def update_input(name: str, description: str, input_fields: Mapping[str, InputField], immutable: tuple[str, ...] = ()) -> type:
    """Build an update input: `id` and every field optional with no default, so that an omitted
    field keeps its stored value and an explicit null clears it."""
    annotations: dict[str, Any] = {"id": strawberry.ID}
    namespace: dict[str, Any] = {
        "__annotations__": annotations,
        "id": strawberry.field(description="Глобальный ID изменяемого объекта"),
    }
    for field_name, spec in input_fields.items():
        if field_name in immutable:
            continue
        annotations[field_name] = Optional[spec.annotation]  # noqa: UP045 - built at run time
        namespace[field_name] = strawberry.field(
            default=strawberry.UNSET, description=f"{spec.description}. Не передано — не меняется; null — очистить"
        )
    return strawberry.input(type(name, (), namespace), description=description)


def payload_type(name: str, entity: type, field_name: str, description: str) -> type:
    namespace = {
        "__annotations__": {field_name: Optional[entity], "user_errors": list[UserError]},  # noqa: UP045
        field_name: strawberry.field(description="Объект после изменения; null, если изменение не выполнено"),
        "user_errors": strawberry.field(description="Ошибки в данных; пусто при успехе"),
    }
    return strawberry.type(type(name, (), namespace), description=description)


def given_values(data: Any) -> dict[str, Any]:
    """Return the fields of an input object that the caller gave, explicit nulls included."""
    return {
        name: value
        for name, value in vars(data).items()
        if value is not strawberry.UNSET and name != "id"
    }


def to_user_errors(errors: list[ServiceError], language: str, prefix: tuple[str, ...] = ("input",)) -> list[UserError]:
    return [
        UserError(
            field=[*prefix, *(camel_case(part) for part in error.field)] if error.field is not None else None,
            code=UserErrorCode(error.code),
            message=render_message(error.message_key, language, dict(error.params)),
        )
        for error in errors
    ]


# Attempts of a write that meets a concurrent one, before the caller is asked to repeat it.
WRITE_ATTEMPTS = 3


@dataclass(frozen=True)
class Audited:
    """The audit trail's record of a write: the action, the entity type and the field names."""

    action: AuditAction
    entity_type: str
    fields: tuple[str, ...] = ()


async def in_transaction(
    context: RequestContext, operation: Callable[[AsyncSession], Awaitable[WriteResult]], audited: Audited
) -> WriteResult:
    """Run a write in its own transaction: commit when it changed something, roll back on errors.

    The audit entry is stored in the same transaction as the write. The returned row is re-read
    after the commit, so the payload shows the committed state, and the request's DataLoaders are
    dropped so that later fields see the change. Live messages that the operation staged in its
    session are published once, after the commit; a rolled-back attempt's messages are dropped
    with its session.
    """
    staged: list[LiveMessage] = []
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        async with context.write_sessions() as session:
            try:
                result = await operation(session)
                if result.errors:
                    await session.rollback()
                    return result
                if result.changed:
                    ids = result.written_ids or ([result.row.id] if result.row is not None else [])
                    fields = [camel_case(name) for name in audited.fields]
                    session.add(audit_event(context, audited.action, audited.entity_type, ids, fields))
                await session.commit()
                staged = take_staged(session)
            except WriteFailed as failure:
                await session.rollback()
                if attempt == WRITE_ATTEMPTS or failure.errors[0].code != "CONFLICT":
                    return WriteResult(errors=failure.errors)
                logger.info("write conflicted with a concurrent one, attempt %d; retrying", attempt)
                continue
            except DBAPIError as error:
                await session.rollback()
                if isinstance(error, IntegrityError) and is_check_violation(error):
                    logger.info("write rejected by a CHECK constraint: %s", error.orig)
                    return WriteResult(errors=[ServiceError(None, "INVALID", "write.check_failed")])
                if not is_transient(error):
                    raise
                # A concurrent writer inserted the same key, a deadlock was broken or SQLite was
                # busy. The next attempt reads the other writer's rows and decides again.
                logger.info("write failed on attempt %d of %d: %s", attempt, WRITE_ATTEMPTS, error.orig)
                if attempt == WRITE_ATTEMPTS:
                    return WriteResult(errors=[ServiceError(None, "CONFLICT", "write.conflict")])
                continue
            if result.changed and result.row is not None and result.row in session:
                await session.refresh(result.row)
            break
    context.clear_loaders()
    await publish_staged(context.live, staged)
    return result


async def stage_change(
    session: AsyncSession,
    feed: ChangeFeed | None,
    action: ChangeAction,
    result: WriteResult,
    previous: dict[str, Any] | None = None,
) -> WriteResult:
    """Stage the live message of a successful create or update; other results pass unchanged."""
    if feed is not None and result.changed and not result.errors and result.row is not None:
        stage(session, await feed.message(session, action, result.row, previous))
    return result


async def delete_with_message(
    session: AsyncSession, spec: EntitySpec, context: RequestContext, row: Any, feed: ChangeFeed | None
) -> WriteResult:
    """Delete `row`, staging its live message from the row's values before they are gone."""
    message = await feed.message(session, ChangeAction.DELETED, row) if feed is not None else None
    result = await delete_entity(session, spec, context.viewer, row)
    if message is not None and result.changed and not result.errors:
        stage(session, message)
    return result


def on_stored_row(
    spec: EntitySpec, global_id: str, action: Callable[[AsyncSession, Any], Awaitable[WriteResult]]
) -> Callable[[AsyncSession], Awaitable[WriteResult]]:
    """Return an operation that runs `action` on the row `global_id` names, locked for the write.

    A malformed ID, an ID of another type and a missing row are user errors on the `id` field.
    """

    async def operation(session: AsyncSession) -> WriteResult:
        try:
            pk = Reference(type_name=spec.type_name).clean(global_id)
        except Invalid as problem:
            return WriteResult(errors=[ServiceError(("id",), problem.code, problem.message_key, problem.params)])
        row = await load_for_write(session, spec, pk)
        if row is None:
            return WriteResult(errors=[ServiceError(("id",), "NOT_FOUND", "write.not_found", {"value": spec.type_name})])
        return await action(session, row)

    return operation


def create_mutation(
    spec: EntitySpec, input_type: type, payload: type, field_name: str, description: str, feed: ChangeFeed | None = None
) -> Any:
    """Build a create mutation; with a `feed`, the new row is announced to its subscriptions."""

    async def resolve(info: Info, input: Annotated[input_type, strawberry.argument(description="Данные нового объекта")]) -> payload:  # type: ignore[valid-type]
        context = info.context
        values = given_values(input)

        async def create_and_stage(session: AsyncSession) -> WriteResult:
            result = await create_entity(session, spec, context.viewer, values)
            return await stage_change(session, feed, ChangeAction.CREATED, result)

        result = await in_transaction(
            context,
            create_and_stage,
            Audited(AuditAction.CREATE, spec.type_name, tuple(values)),
        )
        return payload(**{field_name: result.row, "user_errors": to_user_errors(result.errors, context.language)})

    return strawberry.mutation(resolver=resolve, description=description)


def update_mutation(
    spec: EntitySpec,
    input_type: type,
    payload: type,
    field_name: str,
    description: str,
    fixed: Mapping[str, Any] | None = None,
    feed: ChangeFeed | None = None,
) -> Any:
    """Build an update mutation; `fixed` values are applied on top of the input (archiving).

    With a `feed`, a change is announced to its subscriptions; an update that changes nothing is not.
    """

    async def update_and_stage(
        session: AsyncSession, row: Any, context: RequestContext, values: dict[str, Any]
    ) -> WriteResult:
        # Taken before the change, so that subscribers whose filter the row leaves hear of it.
        previous = await feed.snapshot(session, row) if feed is not None else None
        result = await update_entity(session, spec, context.viewer, row, values)
        return await stage_change(session, feed, ChangeAction.UPDATED, result, previous)

    async def resolve(info: Info, input: Annotated[input_type, strawberry.argument(description="Глобальный ID и изменяемые поля")]) -> payload:  # type: ignore[valid-type]
        context = info.context
        values = {**given_values(input), **(fixed or {})}
        operation = on_stored_row(
            spec, input.id, lambda session, row: update_and_stage(session, row, context, values)
        )
        result = await in_transaction(context, operation, Audited(AuditAction.UPDATE, spec.type_name, tuple(values)))
        return payload(**{field_name: result.row, "user_errors": to_user_errors(result.errors, context.language)})

    return strawberry.mutation(resolver=resolve, description=description)


@strawberry.input(description="Объект, который нужно удалить или перевести в архив")
class TargetInput:
    id: strawberry.ID = strawberry.field(description="Глобальный ID объекта")


def delete_mutation(spec: EntitySpec, description: str, feed: ChangeFeed | None = None) -> Any:
    """Build a delete mutation; with a `feed`, the deletion is announced to its subscriptions."""

    async def resolve(info: Info, input: Annotated[TargetInput, strawberry.argument(description="Удаляемый объект")]) -> DeletePayload:
        context = info.context
        operation = on_stored_row(
            spec, input.id, lambda session, row: delete_with_message(session, spec, context, row, feed)
        )
        result = await in_transaction(context, operation, Audited(AuditAction.DELETE, spec.type_name))
        deleted = None if result.errors else strawberry.ID(input.id)
        return DeletePayload(deleted_id=deleted, user_errors=to_user_errors(result.errors, context.language))

    return strawberry.mutation(resolver=resolve, description=description)
