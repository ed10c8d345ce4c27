"""Events for children and for the adults around them."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from db.timezone import school_year_label
from resolvers.events import event_audiences_of, participants_count
from resolvers.loaders import load_row
from resolvers.participations import PARTICIPATIONS, participation_conditions
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import EventFormat, EventKind, EventLevel, OlympiadStage, Orientation, ParticipantCategory
from schema.participations import Participation, ParticipationFilter, ParticipationOrder

if TYPE_CHECKING:
    from schema.geography import Municipality
    from schema.innovation import InnovationSite
    from schema.organizations import Organization
    from schema.publications import ProfessionalCommunity
    from schema.roadmap import RoadmapItem

InnovationSiteRef = Annotated["InnovationSite", strawberry.lazy("schema.innovation")]
MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]
RoadmapItemRef = Annotated["RoadmapItem", strawberry.lazy("schema.roadmap")]
ProfessionalCommunityRef = Annotated["ProfessionalCommunity", strawberry.lazy("schema.publications")]


@strawberry.type(description="Мероприятие: олимпиада, конкурс, конференция, методическое мероприятие и другие")
class Event(Node):
    is_type_of = model_type(models.Event)

    external_id: str | None = strawberry.field(description="Идентификатор во внешней системе (ГИС)")
    title: str = strawberry.field(description="Название")
    kind: EventKind = strawberry.field(description="Вид мероприятия")
    level: EventLevel = strawberry.field(description="Уровень мероприятия")
    olympiad_stage: OlympiadStage | None = strawberry.field(
        description="Этап всероссийской олимпиады школьников (только для олимпиад)"
    )
    format: EventFormat = strawberry.field(description="Формат проведения")
    starts_at: datetime = strawberry.field(description="Начало (время региона, UTC+5)")
    ends_at: datetime = strawberry.field(description="Окончание (время региона, UTC+5)")
    school_year: int = strawberry.field(
        description="Учебный год по дате начала в местном времени региона (год начала: 2024 — это 2024/25)"
    )
    orientation: Orientation | None = strawberry.field(description="Направленность")
    subject: str | None = strawberry.field(description="Предмет (для олимпиад)")
    in_federal_list: bool = strawberry.field(
        description="Входит в федеральный перечень олимпиад и иных интеллектуальных и творческих конкурсов"
    )

    @strawberry.field(description="Учебный год в виде «2024/25»")
    def school_year_label(root: models.Event) -> str:
        return school_year_label(root.school_year)

    @strawberry.field(description="Для кого мероприятие: категории участников")
    async def audiences(root: models.Event, info: Info) -> list[ParticipantCategory]:
        return await event_audiences_of(info.context, root.id)

    @strawberry.field(description="Организатор")
    async def organizer(root: models.Event, info: Info) -> OrganizationRef | None:
        return await load_row(info.context, models.Organization, root.organizer_id)

    @strawberry.field(description="Инновационная площадка, на базе которой проходит мероприятие")
    async def innovation_site(root: models.Event, info: Info) -> InnovationSiteRef | None:
        return await load_row(info.context, models.InnovationSite, root.innovation_site_id)

    @strawberry.field(
        description="Муниципальное образование (для школьного и муниципального уровня); null — региональное и выше"
    )
    async def municipality(root: models.Event, info: Info) -> MunicipalityRef | None:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Пункт дорожной карты, по которому проводится мероприятие")
    async def roadmap_item(root: models.Event, info: Info) -> RoadmapItemRef | None:
        return await load_row(info.context, models.RoadmapItem, root.roadmap_item_id)

    @strawberry.field(description="Профессиональное сообщество педагогов, которое проводит мероприятие")
    async def community(root: models.Event, info: Info) -> ProfessionalCommunityRef | None:
        return await load_row(info.context, models.ProfessionalCommunity, root.community_id)

    @strawberry.field(description="Число разных участников мероприятия")
    async def participants_count(root: models.Event, info: Info) -> int:
        return await participants_count(info.context, root.id)

    @strawberry.field(description="Участие в мероприятии и результаты")
    async def participations(
        root: models.Event,
        info: Info,
        filter: ParticipationFilter | None = None,
        order_by: list[ParticipationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Participation]:
        return await nested_connection(
            info, PARTICIPATIONS, models.Participation.event_id, root, participation_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр мероприятий; списки означают «любое из», условия объединяются по И")
class EventFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    external_ids: list[str] | None = strawberry.field(default=None, description="Любой из внешних идентификаторов")
    kinds: list[EventKind] | None = strawberry.field(default=None, description="Любой из видов")
    levels: list[EventLevel] | None = strawberry.field(default=None, description="Любой из уровней")
    olympiad_stages: list[OlympiadStage] | None = strawberry.field(
        default=None, description="Любой из этапов всероссийской олимпиады"
    )
    formats: list[EventFormat] | None = strawberry.field(default=None, description="Любой из форматов")
    orientations: list[Orientation] | None = strawberry.field(default=None, description="Любая из направленностей")
    subjects: list[str] | None = strawberry.field(default=None, description="Любой из предметов (точное название)")
    audiences: list[ParticipantCategory] | None = strawberry.field(
        default=None, description="Рассчитано на любую из категорий участников"
    )
    in_federal_list: bool | None = strawberry.field(default=None, description="Входит в федеральный перечень")
    school_years: list[int] | None = strawberry.field(default=None, description="Любой из учебных годов")
    school_year_from: int | None = strawberry.field(default=None, description="Учебный год не раньше")
    school_year_to: int | None = strawberry.field(default=None, description="Учебный год не позже")
    starts_at_from: datetime | None = strawberry.field(default=None, description="Начинается не раньше")
    starts_at_to: datetime | None = strawberry.field(default=None, description="Начинается не позже")
    organizer_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из организаторов")
    innovation_site_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из инновационных площадок"
    )
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )
    roadmap_item_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любой из пунктов дорожной карты"
    )
    community_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из профессиональных сообществ"
    )
    search: str | None = strawberry.field(default=None, description="Подстрока названия без учёта регистра и ё/е")


EventOrderField, EventOrder = order_types(
    "Event",
    {
        "STARTS_AT": ("Дата начала", "Start time"),
        "TITLE": ("Название по алфавиту", "Title, alphabetically"),
        "SCHOOL_YEAR": ("Учебный год", "School year"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)
