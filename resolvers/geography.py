"""Municipalities: the root list, filters and child population."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader

from db.models import Municipality, MunicipalityPopulation
from resolvers.connections import ConnectionSpec, OrderField
from resolvers.context import RequestContext
from resolvers.filters import SCHOOL_YEARS, Conditions, any_of, check_bounds, ids_any_of, search

if TYPE_CHECKING:
    from schema.geography import MunicipalityFilter

MUNICIPALITIES = ConnectionSpec(
    name="municipalities",
    model=Municipality,
    order_fields={
        "NAME": OrderField(Municipality.search_key, str),
        "CODE": OrderField(Municipality.code, str),
        "ID": OrderField(Municipality.id, int),
    },
    default_order=(("NAME", False),),
)


def municipality_conditions(filter: "MunicipalityFilter | None") -> Conditions:
    conditions: Conditions = []
    if filter is None:
        return conditions
    ids_any_of(conditions, Municipality.id, filter.ids, "Municipality", "filter.ids")
    any_of(conditions, Municipality.code, filter.codes, "filter.codes")
    any_of(conditions, Municipality.oktmo, filter.oktmo_codes, "filter.oktmoCodes")
    any_of(conditions, Municipality.kind, filter.kinds, "filter.kinds")
    search(conditions, Municipality.search_key, filter.search)
    return conditions


def municipality_scope(
    conditions: Conditions,
    column: ColumnElement[Any],
    ids: Sequence[str] | None,
    codes: Sequence[str] | None,
    prefix: str = "filter",
) -> None:
    """Add filters by municipality global IDs and by municipality codes or OKTMO codes."""
    ids_any_of(conditions, column, ids, "Municipality", f"{prefix}.municipalityIds")
    if codes is not None:
        matching: Conditions = []
        any_of(matching, Municipality.code, codes, f"{prefix}.municipalityCodes")
        by_oktmo: Conditions = []
        any_of(by_oktmo, Municipality.oktmo, codes, f"{prefix}.municipalityCodes")
        conditions.append(
            column.in_(select(Municipality.id).where(matching[0] | by_oktmo[0]))
        )


class ChildPopulationLoader(DataLoader[tuple[int, int], int | None]):
    """Loads children aged 5-18 by (municipality id, school year): None where no figure exists."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(load_fn=self._load)
        self.sessions = sessions

    async def _load(self, keys: Sequence[tuple[int, int]]) -> list[int | None]:
        table = MunicipalityPopulation
        statement = select(table.municipality_id, table.school_year, table.children_5_18).where(
            tuple_(table.municipality_id, table.school_year).in_(sorted(set(keys)))
        )
        async with self.sessions() as session:
            found = {
                (municipality_id, school_year): children
                for municipality_id, school_year, children in (await session.execute(statement))
            }
        return [found.get(key) for key in keys]


async def child_population(context: RequestContext, municipality_id: int, school_year: int) -> int | None:
    check_bounds(school_year, SCHOOL_YEARS, "schoolYear")
    loader = context.loader("child_population", lambda: ChildPopulationLoader(context.read_sessions))
    return await loader.load((municipality_id, school_year))
