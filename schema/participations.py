"""Participation in events and its results."""

from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from db.timezone import school_year_label
from resolvers.loaders import load_row
from schema.common import Info, Node, model_type, order_types
from schema.enums import EventKind, EventLevel, OlympiadStage, ParticipationResult

if TYPE_CHECKING:
    from schema.events import Event
    from schema.geography import Municipality
    from schema.organizations import Organization
    from schema.participants import Participant

EventRef = Annotated["Event", strawberry.lazy("schema.events")]
MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]
ParticipantRef = Annotated["Participant", strawberry.lazy("schema.participants")]


@strawberry.type(description="Участие в мероприятии и его результат")
class Participation(Node):
    is_type_of = model_type(models.Participation)

    result: ParticipationResult = strawberry.field(description="Результат участия")
    score: float | None = strawberry.field(description="Набранные баллы")
    school_year: int = strawberry.field(description="Учебный год мероприятия (год начала)")

    @strawberry.field(description="Учебный год в виде «2024/25»")
    def school_year_label(root: models.Participation) -> str:
        return school_year_label(root.school_year)

    @strawberry.field(description="Участник")
    async def participant(root: models.Participation, info: Info) -> ParticipantRef:
        return await load_row(info.context, models.Participant, root.participant_id)

    @strawberry.field(description="Мероприятие")
    async def event(root: models.Participation, info: Info) -> EventRef:
        return await load_row(info.context, models.Event, root.event_id)

    @strawberry.field(description="Наставник (педагог), подготовивший участника")
    async def mentor(root: models.Participation, info: Info) -> ParticipantRef | None:
        return await load_row(info.context, models.Participant, root.mentor_id)

    @strawberry.field(description="Муниципальное образование, где участник учился на момент мероприятия")
    async def municipality(root: models.Participation, info: Info) -> MunicipalityRef:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Организация, где участник учился на момент мероприятия")
    async def organization(root: models.Participation, info: Info) -> OrganizationRef | None:
        return await load_row(info.context, models.Organization, root.organization_id)


@strawberry.input(description="Фильтр участий; списки означают «любое из», условия объединяются по И")
class ParticipationFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    participant_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из участников")
    event_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любое из мероприятий")
    mentor_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из наставников")
    results: list[ParticipationResult] | None = strawberry.field(default=None, description="Любой из результатов")
    school_years: list[int] | None = strawberry.field(default=None, description="Любой из учебных годов")
    school_year_from: int | None = strawberry.field(default=None, description="Учебный год не раньше")
    school_year_to: int | None = strawberry.field(default=None, description="Учебный год не позже")
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций (глобальные ID)"
    )
    event_kinds: list[EventKind] | None = strawberry.field(default=None, description="Любой из видов мероприятия")
    event_levels: list[EventLevel] | None = strawberry.field(
        default=None, description="Любой из уровней мероприятия"
    )
    olympiad_stages: list[OlympiadStage] | None = strawberry.field(
        default=None, description="Любой из этапов всероссийской олимпиады"
    )


ParticipationOrderField, ParticipationOrder = order_types(
    "Participation",
    {
        "SCHOOL_YEAR": ("Учебный год", "School year"),
        "SCORE": ("Баллы (без значения — в начале)", "Score (none first)"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)
