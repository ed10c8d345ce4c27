"""Mutations for results in bulk and for figures kept per school year."""

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from resolvers.writes.engine import UserError as ServiceError, WriteResult
from resolvers.writes.figures import set_child_population, set_indicator_target
from resolvers.writes.results import BulkOutcome, record_results
from schema.common import Info
from schema.enums import ParticipationResult
from schema.geography import Municipality
from schema.roadmap import Indicator
from db.enums import AuditAction
from schema.writes.common import Audited, UserError, in_transaction, to_user_errors

MAX_BULK_ITEMS = 1000


@strawberry.input(description="Результат участия, который ищется по внешним ID мероприятия и участника")
class ParticipationItemInput:
    event_external_id: str = strawberry.field(description="Внешний ID мероприятия")
    participant_external_id: str = strawberry.field(description="Внешний ID участника")
    result: ParticipationResult = strawberry.field(description="Результат")
    score: float | None = strawberry.field(
        default=strawberry.UNSET, description="Набранные баллы. Не передано — не меняется; null — очистить"
    )
    mentor_external_id: str | None = strawberry.field(
        default=strawberry.UNSET, description="Внешний ID наставника. Не передано — не меняется; null — очистить"
    )


@strawberry.input(description="Пакет результатов участия")
class RecordParticipationsInput:
    items: list[ParticipationItemInput] = strawberry.field(description=f"Результаты, не больше {MAX_BULK_ITEMS}")
    atomic: bool = strawberry.field(
        default=True, description="true — при любой ошибке не записывается ничего; false — записываются верные"
    )


@strawberry.type(description="Итог записи пакета результатов")
class RecordParticipationsPayload:
    created: int = strawberry.field(description="Создано новых результатов")
    updated: int = strawberry.field(description="Изменено существующих")
    unchanged: int = strawberry.field(description="Уже были записаны с теми же значениями")
    rejected: int = strawberry.field(description="Отклонено из-за ошибок (с atomic: true при ошибках ничего не записано)")
    user_errors: list[UserError] = strawberry.field(
        description="Ошибки по элементам: путь [\"input\", \"items\", номер с нуля, поле]"
    )


@strawberry.input(description="Целевое значение показателя на учебный год")
class SetIndicatorTargetInput:
    indicator_id: strawberry.ID = strawberry.field(description="Показатель (глобальный ID)")
    school_year: int = strawberry.field(description="Учебный год (год начала)")
    value: float = strawberry.field(description="Целевое значение")


@strawberry.input(description="Цель показателя, которую нужно удалить")
class RemoveIndicatorTargetInput:
    indicator_id: strawberry.ID = strawberry.field(description="Показатель (глобальный ID)")
    school_year: int = strawberry.field(description="Учебный год (год начала)")


@strawberry.type(description="Результат изменения целей показателя")
class IndicatorTargetPayload:
    indicator: Indicator | None = strawberry.field(description="Показатель с целями после изменения")
    user_errors: list[UserError] = strawberry.field(description="Ошибки в данных; пусто при успехе")


@strawberry.input(description="Численность детей 5–18 лет в муниципальном образовании по официальной статистике")
class SetChildPopulationInput:
    municipality_id: strawberry.ID = strawberry.field(description="Муниципальное образование (глобальный ID)")
    school_year: int = strawberry.field(description="Учебный год (год начала)")
    children: int = strawberry.field(description="Число детей от 5 до 18 лет")


@strawberry.input(description="Численность детей, которую нужно удалить")
class RemoveChildPopulationInput:
    municipality_id: strawberry.ID = strawberry.field(description="Муниципальное образование (глобальный ID)")
    school_year: int = strawberry.field(description="Учебный год (год начала)")


@strawberry.type(description="Результат изменения численности детей")
class ChildPopulationPayload:
    municipality: Municipality | None = strawberry.field(description="Муниципальное образование после изменения")
    user_errors: list[UserError] = strawberry.field(description="Ошибки в данных; пусто при успехе")


def item_errors(outcome: BulkOutcome, language: str) -> list[UserError]:
    errors: list[UserError] = []
    for position, error in outcome.errors:
        prefix = ("input", "items", str(position))
        (shown,) = to_user_errors([error], language, prefix=prefix)
        if shown.field is None:
            # An error of the whole item, such as FORBIDDEN, points at the item.
            shown.field = list(prefix)
        errors.append(shown)
    return errors


@strawberry.type
class BulkMutation:
    @strawberry.mutation(
        description="Записать до 1000 результатов участия за запрос (всех псевдонимов вместе). Повторная отправка "
        "тех же данных ничего не меняет"
    )
    async def record_participations(
        self, info: Info, input: Annotated[RecordParticipationsInput, strawberry.argument(description="Пакет результатов")]
    ) -> RecordParticipationsPayload:
        context = info.context
        context.bulk_items += len(input.items)
        if context.bulk_items > MAX_BULK_ITEMS:
            # Counted over the whole request, so that aliases of this field cannot send more.
            error = ServiceError(
                ("items",), "INVALID", "write.too_many_records", {"maximum": MAX_BULK_ITEMS, "value": context.bulk_items}
            )
            return RecordParticipationsPayload(
                created=0, updated=0, unchanged=0, rejected=len(input.items),
                user_errors=to_user_errors([error], context.language),
            )
        items = [{name: value for name, value in vars(item).items() if value is not strawberry.UNSET} for item in input.items]
        outcome = BulkOutcome()

        async def operation(session: AsyncSession) -> WriteResult:
            nonlocal outcome
            outcome = await record_results(session, context.viewer, items, atomic=input.atomic)
            # Rejected items do not roll back the accepted ones unless the batch is atomic.
            return WriteResult(changed=bool(outcome.written_ids), written_ids=outcome.written_ids)

        fields = ("result", "score", "mentor_id")
        await in_transaction(context, operation, Audited(AuditAction.UPDATE, "Participation", fields))
        return RecordParticipationsPayload(
            created=outcome.created,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            rejected=outcome.rejected,
            user_errors=item_errors(outcome, context.language),
        )

    @strawberry.mutation(description="Задать целевое значение показателя на учебный год")
    async def set_indicator_target(
        self, info: Info, input: Annotated[SetIndicatorTargetInput, strawberry.argument(description="Показатель, год и цель")]
    ) -> IndicatorTargetPayload:
        context = info.context
        result = await in_transaction(
            context,
            lambda session: set_indicator_target(session, context.viewer, input.indicator_id, input.school_year, input.value),
            Audited(AuditAction.UPDATE, "IndicatorTarget", ("school_year", "value")),
        )
        return IndicatorTargetPayload(indicator=result.row, user_errors=to_user_errors(result.errors, context.language))

    @strawberry.mutation(description="Удалить цель показателя на учебный год")
    async def remove_indicator_target(
        self, info: Info, input: Annotated[RemoveIndicatorTargetInput, strawberry.argument(description="Показатель и год")]
    ) -> IndicatorTargetPayload:
        context = info.context
        result = await in_transaction(
            context,
            lambda session: set_indicator_target(
                session, context.viewer, input.indicator_id, input.school_year, None, remove=True
            ),
            Audited(AuditAction.DELETE, "IndicatorTarget", ("school_year",)),
        )
        return IndicatorTargetPayload(indicator=result.row, user_errors=to_user_errors(result.errors, context.language))

    @strawberry.mutation(description="Задать численность детей 5–18 лет в муниципальном образовании на учебный год")
    async def set_child_population(
        self, info: Info, input: Annotated[SetChildPopulationInput, strawberry.argument(description="Муниципалитет, год и число детей")]
    ) -> ChildPopulationPayload:
        context = info.context
        result = await in_transaction(
            context,
            lambda session: set_child_population(
                session, context.viewer, input.municipality_id, input.school_year, input.children
            ),
            Audited(AuditAction.UPDATE, "MunicipalityPopulation", ("school_year", "children")),
        )
        return ChildPopulationPayload(municipality=result.row, user_errors=to_user_errors(result.errors, context.language))

    @strawberry.mutation(description="Удалить численность детей муниципального образования на учебный год")
    async def remove_child_population(
        self, info: Info, input: Annotated[RemoveChildPopulationInput, strawberry.argument(description="Муниципалитет и год")]
    ) -> ChildPopulationPayload:
        context = info.context
        result = await in_transaction(
            context,
            lambda session: set_child_population(
                session, context.viewer, input.municipality_id, input.school_year, None, remove=True
            ),
            Audited(AuditAction.DELETE, "MunicipalityPopulation", ("school_year",)),
        )
        return ChildPopulationPayload(municipality=result.row, user_errors=to_user_errors(result.errors, context.language))
