"""Entry points that turn connection arguments into a page, for root and nested lists."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement
from sqlalchemy.orm import InstrumentedAttribute

from resolvers.access import visibility_conditions
from resolvers.children import ChildCountLoader, ChildListRequest, ChildPageLoader
from resolvers.connections import (
    ConnectionSpec,
    Ordering,
    Page,
    PageRequest,
    fetch_page,
    parse_page,
    resolve_ordering,
)
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
    request = root_page_request(
        context, spec, conditions, order_by, first=first, after=after, last=last, before=before
    )
    return await fetch_page(context.read_sessions, spec, request.conditions, request.ordering, request.page)


@dataclass(frozen=True)
class RootPageRequest:
    """A root connection's validated arguments: every condition, the ordering and the page."""

    conditions: list[ColumnElement[bool]]
    ordering: Ordering
    page: PageRequest


def root_page_request(
    context: RequestContext,
    spec: ConnectionSpec,
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[OrderInput] | None,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> RootPageRequest:
    """Add the viewer's visibility conditions and validate the ordering and page arguments.

    Raises BAD_USER_INPUT or FORBIDDEN before any SQL runs.
    """
    conditions = [*conditions, *visibility_conditions(context.viewer, spec.model)]
    ordering = resolve_ordering(spec, order_pairs(order_by))
    page = parse_page(first=first, after=after, last=last, before=before, scope=spec.name, ordering=ordering)
    return RootPageRequest(conditions, ordering, page)


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
