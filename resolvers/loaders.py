"""Generic DataLoaders, created once per request through `RequestContext.loader`."""

import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute
from strawberry.dataloader import DataLoader

from resolvers.context import RequestContext
from resolvers.errors import ApiError, ErrorCode

logger = logging.getLogger(__name__)


class RowByIdLoader(DataLoader[int, Any]):
    """Loads rows of `model` by primary key: one result per key, in key order, None if missing."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], model: type) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions
        self.model = model

    async def _load(self, keys: Sequence[int]) -> list[Any]:
        statement = select(self.model).where(self.model.id.in_(sorted(set(keys))))
        async with self.sessions() as session:
            found = {row.id: row for row in (await session.scalars(statement)).all()}
        return [found.get(key) for key in keys]


class ValuesByOwnerLoader(DataLoader[int, list[Any]]):
    """Loads the values an owner has in an association table: one sorted list per key."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        table: Table,
        owner_column: str,
        value_column: str,
    ) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions
        self.owner = table.c[owner_column]
        self.value = table.c[value_column]

    async def _load(self, keys: Sequence[int]) -> list[list[Any]]:
        statement = select(self.owner, self.value).where(self.owner.in_(sorted(set(keys))))
        values: dict[int, list[Any]] = defaultdict(list)
        async with self.sessions() as session:
            for owner_id, value in (await session.execute(statement)):
                values[owner_id].append(value)
        return [sorted(values.get(key, []), key=str) for key in keys]


class CountByOwnerLoader(DataLoader[int, int]):
    """Counts rows per owner id under fixed conditions: one count per key, 0 when none."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        owner_column: InstrumentedAttribute[int],
        conditions: Sequence[ColumnElement[bool]] = (),
        distinct_column: InstrumentedAttribute[Any] | None = None,
    ) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions
        self.owner = owner_column
        self.conditions = conditions
        self.distinct_column = distinct_column

    async def _load(self, keys: Sequence[int]) -> list[int]:
        measure = func.count(func.distinct(self.distinct_column)) if self.distinct_column else func.count()
        statement = (
            select(self.owner, measure)
            .where(self.owner.in_(sorted(set(keys))), *self.conditions)
            .group_by(self.owner)
        )
        async with self.sessions() as session:
            found = dict((await session.execute(statement)).all())
        return [found.get(key, 0) for key in keys]


def row_by_id(context: RequestContext, model: type) -> RowByIdLoader:
    return context.loader(("row", model), lambda: RowByIdLoader(context.read_sessions, model))


def values_by_owner(
    context: RequestContext, table: Table, owner_column: str, value_column: str
) -> ValuesByOwnerLoader:
    return context.loader(
        ("values", table.name, value_column),
        lambda: ValuesByOwnerLoader(context.read_sessions, table, owner_column, value_column),
    )


async def load_row(context: RequestContext, model: type, pk: int | None) -> Any:
    """Return the row that a foreign key `pk` refers to, or None when `pk` is None.

    Raises a NOT_FOUND error when the referenced row is missing: foreign keys prevent that, so it
    means the database was changed around them, and a null would silently hide it.
    """
    if pk is None:
        return None
    row = await row_by_id(context, model).load(pk)
    if row is None:
        logger.warning("%s %s is referenced but missing (request %s)", model.__name__, pk, context.request_id)
        raise ApiError(ErrorCode.NOT_FOUND, "relation.missing", type=model.__name__, id=pk)
    return row


async def load_rows(context: RequestContext, model: type, pks: Sequence[int]) -> list[Any]:
    rows = await row_by_id(context, model).load_many(list(pks))
    return [row for row in rows if row is not None]


class RowsByOwnerLoader(DataLoader[int, list[Any]]):
    """Loads every row of a model that belongs to an owner: one list per key, by primary key."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], owner_column: InstrumentedAttribute[int]
    ) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions
        self.owner = owner_column
        self.model = owner_column.class_

    async def _load(self, keys: Sequence[int]) -> list[list[Any]]:
        primary_key = self.model.__mapper__.primary_key
        statement = select(self.model).where(self.owner.in_(sorted(set(keys)))).order_by(*primary_key)
        rows: dict[int, list[Any]] = defaultdict(list)
        async with self.sessions() as session:
            for row in (await session.scalars(statement)).all():
                rows[getattr(row, self.owner.key)].append(row)
        return [rows.get(key, []) for key in keys]


def rows_by_owner(context: RequestContext, owner_column: InstrumentedAttribute[int]) -> RowsByOwnerLoader:
    return context.loader(
        ("rows", owner_column.class_, owner_column.key),
        lambda: RowsByOwnerLoader(context.read_sessions, owner_column),
    )


def count_by_owner(
    context: RequestContext,
    name: str,
    owner_column: InstrumentedAttribute[int],
    conditions: Sequence[ColumnElement[bool]] = (),
    distinct_column: InstrumentedAttribute[Any] | None = None,
) -> CountByOwnerLoader:
    return context.loader(
        ("count", name),
        lambda: CountByOwnerLoader(context.read_sessions, owner_column, conditions, distinct_column),
    )
