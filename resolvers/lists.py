"""Entry points that turn connection arguments into a page, for root and nested lists."""

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import ColumnElement
from sqlalchemy.orm import InstrumentedAttribute

from resolvers.children import ChildCountLoader, ChildListRequest, ChildPageLoader
from resolvers.connections import ConnectionSpec, Page, fetch_page, parse_page, resolve_ordering
from resolvers.access import visibility_conditions
from resolvers.context import RequestContext


class OrderInput(Protocol):
    """An `XOrder` input: an enum field and a direction named ASC or DESC."""

    field: Any
    direction: Any


class PageArguments(Protocol):
    first: int | None
    after: str | None
    last: int | None
    before: str | None


def order_pairs(order_by: Sequence[OrderInput] | None) -> list[tuple[str, bool]] | None:
    if order_by is None:
        return None
    return [(order.field.name, order.direction.name == "DESC") for order in order_by]


async def root_connection(
    context: RequestContext,
    spec: ConnectionSpec,
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[OrderInput] | None,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Page:
    """Validate the arguments, then fetch one page of a root connection."""
    conditions = [*conditions, *visibility_conditions(context.viewer, spec.model)]
    ordering = resolve_ordering(spec, order_pairs(order_by))
    page = parse_page(first=first, after=after, last=last, before=before, scope=spec.name, ordering=ordering)
    return await fetch_page(context.read_sessions, spec, conditions, ordering, page)


async def child_connection(
    context: RequestContext,
    spec: ConnectionSpec,
    parent_column: InstrumentedAttribute[Any],
    parent_type: str,
    parent_id: int,
    conditions: Sequence[ColumnElement[bool]],
    arguments: tuple[Any, ...],
    order_by: Sequence[OrderInput] | None,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Page:
    """Validate the arguments, then load this parent's page together with its siblings'.

    `arguments` are the field's arguments other than the cursors; parents whose arguments are
    equal share one statement.
    """
    conditions = [*conditions, *visibility_conditions(context.viewer, spec.model)]
    pages = _child_loader(context, spec, parent_column, parent_type)
    ordering = resolve_ordering(spec, order_pairs(order_by))
    page = parse_page(
        first=first, after=after, last=last, before=before, scope=pages.scope(parent_id), ordering=ordering
    )

    arguments_key = repr((arguments, first, last, after, before))
    pages.register(arguments_key, ChildListRequest(tuple(conditions), ordering, page))
    return await pages.load((parent_id, arguments_key))


def _child_loader(
    context: RequestContext,
    spec: ConnectionSpec,
    parent_column: InstrumentedAttribute[Any],
    parent_type: str,
) -> ChildPageLoader:
    def create() -> ChildPageLoader:
        counter = ChildCountLoader(context.read_sessions, spec.model, parent_column)
        return ChildPageLoader(context.read_sessions, spec, parent_column, parent_type, counter)

    return context.loader(("children", spec.name, parent_column.key, parent_type), create)
