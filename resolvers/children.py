"""Connections nested under a parent row, loaded for many parents in one statement.

`municipalities { organizations(first: 5) { … } }` requests up to five organisations of every
municipality on the page. One query per parent would grow with the page, so the loaders here
take every parent of a request with the same arguments and run one statement that numbers the
rows within each parent (`row_number() OVER (PARTITION BY parent …)`).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute, aliased
from strawberry.dataloader import DataLoader

from db.pagination import order_clauses
from resolvers.connections import (
    ConnectionSpec,
    Ordering,
    Page,
    PageRequest,
    assemble_page,
    page_conditions,
)

ChildKey = tuple[int, str]


@dataclass(frozen=True)
class ChildListRequest:
    conditions: tuple[ColumnElement[bool], ...]
    ordering: Ordering
    page: PageRequest


class ChildPageLoader(DataLoader[ChildKey, Page]):
    """Loads pages of `spec` rows per parent id; keys are (parent id, arguments key).

    Register the arguments with `register` before loading. Returns one page per key, in key order.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        spec: ConnectionSpec,
        parent_column: InstrumentedAttribute[Any],
        parent_type: str,
        counter: "ChildCountLoader",
    ) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions
        self.spec = spec
        self.parent_column = parent_column
        self.parent_type = parent_type
        self.counter = counter
        self.requests: dict[str, ChildListRequest] = {}

    def scope(self, parent_id: int) -> str:
        return f"{self.parent_type}:{parent_id}/{self.spec.name}"

    def register(self, arguments_key: str, request: ChildListRequest) -> None:
        self.requests.setdefault(arguments_key, request)
        self.counter.conditions.setdefault(arguments_key, request.conditions)

    async def _load(self, keys: Sequence[ChildKey]) -> list[Page]:
        parents_by_arguments: dict[str, list[int]] = defaultdict(list)
        for parent_id, arguments_key in keys:
            parents_by_arguments[arguments_key].append(parent_id)

        pages: dict[ChildKey, Page] = {}
        for arguments_key, parent_ids in parents_by_arguments.items():
            request = self.requests[arguments_key]
            rows_by_parent = await self._fetch(request, parent_ids)
            for parent_id in parent_ids:
                pages[(parent_id, arguments_key)] = self._page(
                    parent_id, arguments_key, request, rows_by_parent.get(parent_id, [])
                )
        return [pages[key] for key in keys]

    async def _fetch(self, request: ChildListRequest, parent_ids: list[int]) -> dict[int, list[Any]]:
        page = request.page
        model = self.spec.model
        position = (
            func.row_number()
            .over(
                partition_by=self.parent_column,
                order_by=order_clauses(request.ordering.sort_keys, reverse=page.backward),
            )
            .label("position")
        )
        numbered = (
            select(model, position)
            .where(
                self.parent_column.in_(sorted(set(parent_ids))),
                *request.conditions,
                *page_conditions(request.ordering, page),
            )
            .subquery()
        )
        row = aliased(model, numbered)
        statement = (
            select(row)
            .where(numbered.c.position <= page.limit + 1)
            .order_by(numbered.c[self.parent_column.key], numbered.c.position)
        )
        async with self.sessions() as session:
            fetched = (await session.scalars(statement)).all()

        rows_by_parent: dict[int, list[Any]] = defaultdict(list)
        for fetched_row in fetched:
            rows_by_parent[getattr(fetched_row, self.parent_column.key)].append(fetched_row)
        return rows_by_parent

    def _page(
        self, parent_id: int, arguments_key: str, request: ChildListRequest, rows: list[Any]
    ) -> Page:
        async def count() -> int:
            return await self.counter.load((parent_id, arguments_key))

        return assemble_page(
            rows, page=request.page, ordering=request.ordering, scope=self.scope(parent_id), count=count
        )


class ChildCountLoader(DataLoader[ChildKey, int]):
    """Counts `model` rows per parent id under registered conditions, one statement per set."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        model: type,
        parent_column: InstrumentedAttribute[Any],
    ) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions
        self.model = model
        self.parent_column = parent_column
        self.conditions: dict[str, tuple[ColumnElement[bool], ...]] = {}

    async def _load(self, keys: Sequence[ChildKey]) -> list[int]:
        parents_by_arguments: dict[str, list[int]] = defaultdict(list)
        for parent_id, arguments_key in keys:
            parents_by_arguments[arguments_key].append(parent_id)

        counts: dict[ChildKey, int] = {}
        for arguments_key, parent_ids in parents_by_arguments.items():
            statement = (
                select(self.parent_column, func.count())
                .where(self.parent_column.in_(sorted(set(parent_ids))), *self.conditions[arguments_key])
                .group_by(self.parent_column)
            )
            async with self.sessions() as session:
                found = dict((await session.execute(statement)).all())
            for parent_id in parent_ids:
                counts[(parent_id, arguments_key)] = found.get(parent_id, 0)
        return [counts[key] for key in keys]


