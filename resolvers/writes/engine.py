"""Create, update and delete one entity through its `EntitySpec`.

The caller owns the session and the transaction: a mutation commits after one call, an import
commits after a chunk of rows. Every expected failure comes back as a `UserError`, and nothing is
written when any check fails. A constraint that still fires, because two writers raced for the same
external id, is reported as a CONFLICT instead of driver text.
"""

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.text import normalize_text
from resolvers.access import Role, Scope, Viewer, may_write, may_write_anything
from resolvers.nodes import NODE_MODELS
from resolvers.writes.rules import Invalid, Reference, References, Rule

logger = logging.getLogger(__name__)

State = dict[str, Any]


@dataclass(frozen=True)
class UserError:
    """An expected failure of a write: the input path, a code and a message key with parameters."""

    field: tuple[str, ...] | None
    code: str
    message_key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Association:
    """Values of an entity kept in a separate table: programme levels, event audiences, partners."""

    table: Table
    owner_column: str
    value_column: str


@dataclass(frozen=True)
class DeleteGuard:
    """Rows that must not exist for a delete to go ahead, and the message that names them."""

    column: Any
    message_key: str


@dataclass(frozen=True)
class EntitySpec:
    model: type
    type_name: str
    rules: Mapping[str, Rule]
    scope_of: Callable[[AsyncSession, State], Awaitable[Scope]]
    associations: Mapping[str, Association] = field(default_factory=dict)
    # Column groups whose values are unique in the table; a taken value is a CONFLICT on the
    # group's first field.
    unique: tuple[tuple[str, ...], ...] = ()
    # Fields that identify the row and cannot change after create.
    immutable: tuple[str, ...] = ()
    # Columns joined into `search_key`, when the model has one.
    search_source: tuple[str, ...] = ()
    # Cross-field checks on the whole state after the change: errors for fields that disagree.
    check: Callable[[State], Iterable[UserError]] | None = None
    # Fills columns derived from others (the school year of an event) before the row is written.
    complete: Callable[[AsyncSession, State], Awaitable[None]] | None = None
    # Runs after an update was flushed, with the names of the changed columns.
    after_update: Callable[[AsyncSession, Any, set[str]], Awaitable[None]] | None = None
    delete_guards: tuple[DeleteGuard, ...] = ()
    # Values of fields omitted on create: constants, or functions called at the time of the write.
    defaults: Mapping[str, Any] = field(default_factory=dict)
    # Fields that only the regional admin may set to anything but their default.
    regional_fields: tuple[str, ...] = ()
    # Who may make a change beyond the row's scope, such as moderation: errors for a change the
    # viewer's role may not make, given the state before ({} on create) and after (None on delete).
    authorize_change: Callable[[Viewer, State, State | None], Iterable[UserError]] | None = None
    # Checks that read other rows, such as a member's category. They run after authorization, so
    # a caller without access learns nothing about those rows.
    validate: Callable[[AsyncSession, State], Awaitable[Iterable[UserError]]] | None = None


@dataclass
class WriteResult:
    row: Any = None
    errors: list[UserError] = field(default_factory=list)
    # Whether anything was stored; an update that repeats the stored values changes nothing.
    changed: bool = False
    # Whether a new row was inserted.
    created: bool = False
    # Rows written by a bulk write, for the audit trail; a single write names its `row`.
    written_ids: list[int] = field(default_factory=list)


class WriteFailed(Exception):
    """Raised inside a transaction to roll it back with these user errors."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(f"{len(errors)} user errors")
        self.errors = errors


def clean_values(spec: EntitySpec, values: Mapping[str, Any], *, creating: bool) -> tuple[State, list[UserError]]:
    """Clean every given value by its rule; on create, also require the required fields."""
    cleaned: State = {}
    errors: list[UserError] = []
    for name, value in values.items():
        rule = spec.rules[name]
        if value is None:
            if rule.required:
                key = "write.required" if creating else "write.cannot_clear"
                errors.append(UserError((name,), "INVALID", key))
            else:
                cleaned[name] = [] if name in spec.associations else None
            continue
        try:
            cleaned[name] = rule.clean(value)
        except Invalid as problem:
            errors.append(UserError((name,), problem.code, problem.message_key, problem.params))

    if creating:
        for name, rule in spec.rules.items():
            if rule.required and name not in values and name not in spec.defaults:
                errors.append(UserError((name,), "INVALID", "write.required"))
    return cleaned, errors


async def missing_references(session: AsyncSession, spec: EntitySpec, cleaned: State) -> list[UserError]:
    """Return a NOT_FOUND error for each referenced entity that does not exist."""
    errors: list[UserError] = []
    for name, value in cleaned.items():
        rule = spec.rules[name]
        if value is None or not isinstance(rule, Reference | References):
            continue
        model = NODE_MODELS[rule.type_name]
        requested = value if isinstance(value, list) else [value]
        if not requested:
            continue
        found = set((await session.scalars(select(model.id).where(model.id.in_(requested)))).all())
        for pk in requested:
            if pk not in found:
                errors.append(
                    UserError((name,), "NOT_FOUND", "write.reference_not_found", {"value": rule.type_name})
                )
                break
    return errors


async def taken_values(session: AsyncSession, spec: EntitySpec, state: State, own_id: int | None) -> list[UserError]:
    """Return a CONFLICT error for each unique column whose value another row already has."""
    errors: list[UserError] = []
    for names in spec.unique:
        values = [state.get(name) for name in names]
        if any(value is None for value in values):
            continue
        statement = select(spec.model.id).where(
            *(getattr(spec.model, name) == value for name, value in zip(names, values, strict=True))
        )
        if own_id is not None:
            statement = statement.where(spec.model.id != own_id)
        if (await session.scalar(statement.limit(1))) is not None:
            key = "write.taken" if len(names) == 1 else "write.duplicate"
            errors.append(UserError((names[0],), "CONFLICT", key, {"value": values[0]}))
    return errors


def column_state(row: Any, spec: EntitySpec) -> State:
    return {column.key: getattr(row, column.key) for column in spec.model.__table__.columns}


async def association_values(session: AsyncSession, spec: EntitySpec, owner_id: int) -> State:
    values: State = {}
    for name, association in spec.associations.items():
        table = association.table
        statement = select(table.c[association.value_column]).where(table.c[association.owner_column] == owner_id)
        values[name] = sorted((await session.scalars(statement)).all(), key=str)
    return values


async def write_associations(session: AsyncSession, spec: EntitySpec, owner_id: int, state: State, names: Iterable[str]) -> None:
    for name in names:
        association = spec.associations[name]
        table = association.table
        await session.execute(delete(table).where(table.c[association.owner_column] == owner_id))
        rows = [{association.owner_column: owner_id, association.value_column: value} for value in state[name]]
        if rows:
            await session.execute(insert(table), rows)


async def authorize(session: AsyncSession, spec: EntitySpec, viewer: Viewer, state: State) -> list[UserError]:
    scope = await spec.scope_of(session, state)
    if may_write(viewer, scope):
        return []
    return forbidden(viewer).errors


def regional_field_errors(spec: EntitySpec, viewer: Viewer, before: State, after: State) -> list[UserError]:
    """Return a FORBIDDEN error for each regional field that someone other than the regional admin changes."""
    if viewer.role is Role.REGIONAL_ADMIN:
        return []
    return [
        UserError((name,), "FORBIDDEN", "write.regional_field")
        for name in spec.regional_fields
        if after.get(name) != before.get(name, spec.defaults.get(name))
    ]


def change_errors(spec: EntitySpec, viewer: Viewer, before: State, after: State | None) -> list[UserError]:
    """Return the errors of `spec.authorize_change` for this change, if the spec has the rule."""
    if spec.authorize_change is None:
        return []
    return list(spec.authorize_change(viewer, before, after))


async def validation_errors(session: AsyncSession, spec: EntitySpec, state: State) -> list[UserError]:
    """Return the errors of the spec's cross-field and cross-row checks on the whole state."""
    errors = list(spec.check(state)) if spec.check is not None else []
    if not errors and spec.validate is not None:
        errors += await spec.validate(session, state)
    return errors


def forbidden(viewer: Viewer) -> WriteResult:
    return WriteResult(errors=[UserError(None, "FORBIDDEN", "write.forbidden", {"role": viewer.role.value})])


def set_search_key(spec: EntitySpec, state: State) -> None:
    if spec.search_source:
        parts = [state.get(name) or "" for name in spec.search_source]
        # Case folding can lengthen text («ß» becomes «ss»), so the key is cut to its column.
        length = spec.model.__table__.c.search_key.type.length
        state["search_key"] = normalize_text(" ".join(part for part in parts if part))[:length]


async def create_entity(session: AsyncSession, spec: EntitySpec, viewer: Viewer, values: Mapping[str, Any]) -> WriteResult:
    """Validate `values` and insert a new row; the caller commits."""
    if not may_write_anything(viewer):
        return forbidden(viewer)
    cleaned, errors = clean_values(spec, values, creating=True)
    if errors:
        return WriteResult(errors=errors)
    errors = await missing_references(session, spec, cleaned)
    if errors:
        return WriteResult(errors=errors)

    state: State = {name: value() if callable(value) else value for name, value in spec.defaults.items()}
    state.update(cleaned)
    for name in spec.associations:
        state.setdefault(name, [])
    if spec.complete is not None:
        await spec.complete(session, state)
    # A caller who may not write here learns nothing about the stored data.
    errors = (
        await authorize(session, spec, viewer, state)
        or regional_field_errors(spec, viewer, {}, state)
        or change_errors(spec, viewer, {}, state)
    )
    if errors:
        return WriteResult(errors=errors)
    errors = await validation_errors(session, spec, state)
    errors += await taken_values(session, spec, state, None)
    if errors:
        return WriteResult(errors=errors)

    set_search_key(spec, state)
    columns = {column.key for column in spec.model.__table__.columns}
    row = spec.model(**{name: value for name, value in state.items() if name in columns})
    session.add(row)
    await flush_checked(session)
    await write_associations(session, spec, row.id, state, spec.associations)
    return WriteResult(row=row, changed=True, created=True)


async def update_entity(session: AsyncSession, spec: EntitySpec, viewer: Viewer, row: Any, values: Mapping[str, Any]) -> WriteResult:
    """Apply the given `values` to `row`; an omitted field keeps its value, None clears it."""
    if not may_write_anything(viewer):
        return forbidden(viewer)
    cleaned, errors = clean_values(spec, values, creating=False)
    errors += [UserError((name,), "INVALID", "write.immutable") for name in spec.immutable if name in values]
    if errors:
        return WriteResult(errors=errors)
    errors = await missing_references(session, spec, cleaned)
    if errors:
        return WriteResult(errors=errors)

    before = column_state(row, spec)
    before.update(await association_values(session, spec, row.id))
    # The caller must be allowed to write the row where it is now and where the change puts it.
    errors = await authorize(session, spec, viewer, before)
    if errors:
        return WriteResult(errors=errors)

    state = {**before, **cleaned}
    if spec.complete is not None:
        await spec.complete(session, state)
    errors = (
        await authorize(session, spec, viewer, state)
        or regional_field_errors(spec, viewer, before, state)
        or change_errors(spec, viewer, before, state)
    )
    if errors:
        return WriteResult(errors=errors)
    errors = await validation_errors(session, spec, state)
    errors += await taken_values(session, spec, state, row.id)
    if errors:
        return WriteResult(errors=errors)

    set_search_key(spec, state)
    changed = {name for name, value in state.items() if before.get(name) != value}
    if not changed:
        return WriteResult(row=row)

    associations = changed & set(spec.associations)
    for name in changed - associations:
        setattr(row, name, state[name])
    await flush_checked(session)
    await write_associations(session, spec, row.id, state, associations)
    if spec.after_update is not None:
        await spec.after_update(session, row, changed)
    return WriteResult(row=row, changed=True)


async def delete_entity(session: AsyncSession, spec: EntitySpec, viewer: Viewer, row: Any) -> WriteResult:
    """Delete `row` unless a guard finds rows that depend on it."""
    if not may_write_anything(viewer):
        return forbidden(viewer)
    state = column_state(row, spec)
    errors = await authorize(session, spec, viewer, state) or change_errors(spec, viewer, state, None)
    if errors:
        return WriteResult(errors=errors)
    for guard in spec.delete_guards:
        count = await session.scalar(select(func.count()).where(guard.column == row.id))
        if count:
            errors.append(UserError(None, "CONFLICT", guard.message_key, {"count": count}))
    if errors:
        return WriteResult(errors=errors)
    await session.delete(row)
    await flush_checked(session)
    return WriteResult(row=row, changed=True)


async def flush_checked(session: AsyncSession) -> None:
    """Flush pending changes, turning a constraint violation into a CONFLICT for the caller to roll back."""
    try:
        await session.flush()
    except IntegrityError as error:
        # The driver's text stays in the log. A CHECK constraint means values the rules above
        # missed; anything else means another writer got there first.
        logger.info("write rejected by a database constraint: %s", error.orig)
        if is_check_violation(error):
            raise WriteFailed([UserError(None, "INVALID", "write.check_failed")]) from None
        raise WriteFailed([UserError(None, "CONFLICT", "write.conflict")]) from None


def is_check_violation(error: IntegrityError) -> bool:
    """Return whether a CHECK constraint failed: SQLSTATE 23514 on PostgreSQL, its message on SQLite."""
    return getattr(error.orig, "sqlstate", None) == "23514" or "CHECK constraint failed" in str(error.orig)


async def load_for_write(session: AsyncSession, spec: EntitySpec, pk: int) -> Any:
    """Return the row with primary key `pk`, locked for update on PostgreSQL, or None."""
    return await session.get(spec.model, pk, with_for_update=True)


def is_transient(error: DBAPIError) -> bool:
    """Return whether repeating the transaction may succeed: a unique key taken by a concurrent
    writer, a deadlock or serialization failure on PostgreSQL, or a busy SQLite database."""
    if isinstance(error, IntegrityError):
        return True
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate in ("40P01", "40001") or "database is locked" in str(error.orig)
