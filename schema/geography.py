"""Municipalities."""

from typing import Annotated

import strawberry

from db import models
from resolvers.geography import child_population
from resolvers.organizations import ORGANIZATIONS, organization_conditions
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import MunicipalityKind
from schema.organizations import Organization, OrganizationFilter, OrganizationOrder


@strawberry.type(description="Муниципальное образование Челябинской области")
class Municipality(Node):
    is_type_of = model_type(models.Municipality)

    code: str = strawberry.field(
        description="Код муниципального образования в справочнике API (постоянный, уникальный)"
    )
    oktmo: str | None = strawberry.field(description="Код ОКТМО, если он подтверждён")
    name: str = strawberry.field(description="Наименование")
    kind: MunicipalityKind = strawberry.field(description="Вид муниципального образования")

    @strawberry.field(
        description="Число детей в возрасте 5–18 лет в учебном году по данным официальной статистики; "
        "null, если данных нет"
    )
    async def child_population(
        root: models.Municipality,
        info: Info,
        school_year: Annotated[int, strawberry.argument(description="Учебный год (год начала: 2024 — это 2024/25)")],
    ) -> int | None:
        return await child_population(info.context, root.id, school_year)

    @strawberry.field(description="Образовательные организации муниципального образования")
    async def organizations(
        root: models.Municipality,
        info: Info,
        filter: OrganizationFilter | None = None,
        order_by: list[OrganizationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Organization]:
        return await nested_connection(
            info, ORGANIZATIONS, models.Organization.municipality_id, root, organization_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр муниципальных образований; условия объединяются по И")
class MunicipalityFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    codes: list[str] | None = strawberry.field(default=None, description="Любой из кодов справочника API")
    oktmo_codes: list[str] | None = strawberry.field(default=None, description="Любой из кодов ОКТМО")
    kinds: list[MunicipalityKind] | None = strawberry.field(default=None, description="Любой из видов")
    search: str | None = strawberry.field(
        default=None, description="Подстрока наименования без учёта регистра и различия ё/е"
    )


MunicipalityOrderField, MunicipalityOrder = order_types(
    "Municipality",
    {"NAME": ("Наименование по алфавиту", "Name, alphabetically"), "CODE": ("Код справочника API", "Reference code"), "ID": ("Порядок добавления", "Order of creation")},
)
