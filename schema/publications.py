"""Publications, professional communities of teachers and their effective practices."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from resolvers.access import can_read_personal_field, is_row_visible
from resolvers.audit import read_personal_field
from resolvers.errors import forbidden
from resolvers.events import EVENTS, event_conditions
from resolvers.loaders import load_row
from resolvers.publications import (
    COMMUNITY_MEMBERS,
    EFFECTIVE_PRACTICES,
    current_members_count,
    links_of,
    member_conditions,
    member_organizations_of,
    practice_audiences_of,
    practice_authors_of,
    practice_conditions,
    publication_audiences_of,
)
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import (
    CommunityMemberRole,
    Orientation,
    ParticipantCategory,
    PracticeStatus,
    PublicationKind,
    PublicationStatus,
    RecognitionLevel,
)
from schema.events import Event, EventFilter, EventOrder

if TYPE_CHECKING:
    from schema.geography import Municipality
    from schema.innovation import InnovationProduct, InnovationSite
    from schema.organizations import Organization
    from schema.participants import Participant
    from schema.programs import Program
    from schema.roadmap import RoadmapItem

InnovationProductRef = Annotated["InnovationProduct", strawberry.lazy("schema.innovation")]
InnovationSiteRef = Annotated["InnovationSite", strawberry.lazy("schema.innovation")]
MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]
ParticipantRef = Annotated["Participant", strawberry.lazy("schema.participants")]
ProgramRef = Annotated["Program", strawberry.lazy("schema.programs")]
RoadmapItemRef = Annotated["RoadmapItem", strawberry.lazy("schema.roadmap")]

PERSONAL = " Персональные данные: доступно только ролям с правом на них, остальным — ошибка FORBIDDEN."
PUBLISHED_AT = "Когда впервые опубликована; задаёт сервер, null до публикации"


@strawberry.type(description="Ссылка на файл или страницу: вложение публикации или материал практики")
class Link:
    title: str = strawberry.field(description="Название ссылки")
    url: str = strawberry.field(description="Адрес (http или https)")


@strawberry.type(description="Публикация: новость, объявление, отчёт или методическое письмо")
class Publication(Node):
    is_type_of = model_type(models.Publication)

    title: str = strawberry.field(description="Заголовок")
    summary: str | None = strawberry.field(description="Краткое содержание (анонс) для списков и лент")
    body: str = strawberry.field(description="Текст на русском языке в разметке Markdown")
    kind: PublicationKind = strawberry.field(description="Вид публикации")
    status: PublicationStatus = strawberry.field(description="Статус: черновик, опубликована или в архиве")
    published_at: datetime | None = strawberry.field(description=PUBLISHED_AT)
    created_at: datetime = strawberry.field(description="Когда запись создана")
    updated_at: datetime = strawberry.field(description="Когда запись последний раз изменена")

    @strawberry.field(description="Для кого публикация: категории участников")
    async def audiences(root: models.Publication, info: Info) -> list[ParticipantCategory]:
        return await publication_audiences_of(info.context, root.id)

    @strawberry.field(description="Муниципальное образование; null — публикация для всей области")
    async def municipality(root: models.Publication, info: Info) -> MunicipalityRef | None:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Организация-автор; null — публикация регионального органа управления образованием")
    async def organization(root: models.Publication, info: Info) -> OrganizationRef | None:
        return await load_row(info.context, models.Organization, root.organization_id)

    @strawberry.field(description="Мероприятие, к которому относится публикация")
    async def event(root: models.Publication, info: Info) -> Event | None:
        return await load_row(info.context, models.Event, root.event_id)

    @strawberry.field(description="Инновационная площадка, к которой относится публикация")
    async def innovation_site(root: models.Publication, info: Info) -> InnovationSiteRef | None:
        return await load_row(info.context, models.InnovationSite, root.innovation_site_id)

    @strawberry.field(
        description="Программа, к которой относится публикация; null, если программа не опубликована, "
        "а роль видит только опубликованные"
    )
    async def program(root: models.Publication, info: Info) -> ProgramRef | None:
        program = await load_row(info.context, models.Program, root.program_id)
        return program if program is not None and is_row_visible(info.context.viewer, program) else None

    @strawberry.field(description="Пункт дорожной карты, к которому относится публикация")
    async def roadmap_item(root: models.Publication, info: Info) -> RoadmapItemRef | None:
        return await load_row(info.context, models.RoadmapItem, root.roadmap_item_id)

    @strawberry.field(description="Вложения: ссылки на документы и страницы")
    def attachments(root: models.Publication) -> list[Link]:
        return links_of(root.attachments)  # type: ignore[return-value]


@strawberry.input(description="Фильтр публикаций; списки означают «любое из», условия объединяются по И")
class PublicationFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    kinds: list[PublicationKind] | None = strawberry.field(default=None, description="Любой из видов")
    statuses: list[PublicationStatus] | None = strawberry.field(
        default=None, description="Любой из статусов; без ключа API видны только опубликованные"
    )
    audiences: list[ParticipantCategory] | None = strawberry.field(
        default=None, description="Адресована любой из категорий участников"
    )
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )
    include_region_wide: bool | None = strawberry.field(
        default=None,
        description="Вместе с фильтром по муниципальным образованиям вернуть и публикации для всей области: "
        "так собирается лента «новости области и своего муниципалитета»",
    )
    region_wide: bool | None = strawberry.field(
        default=None, description="true — только публикации для всей области; false — только муниципальные"
    )
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций-авторов (глобальные ID)"
    )
    event_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="О любом из мероприятий")
    innovation_site_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="О любой из инновационных площадок"
    )
    program_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="О любой из программ")
    roadmap_item_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="О любом из пунктов дорожной карты"
    )
    published_at_from: datetime | None = strawberry.field(default=None, description="Опубликована не раньше")
    published_at_to: datetime | None = strawberry.field(default=None, description="Опубликована не позже")
    search: str | None = strawberry.field(default=None, description="Подстрока заголовка без учёта регистра и ё/е")


PublicationOrderField, PublicationOrder = order_types(
    "Publication",
    {
        "PUBLISHED_AT": ("Дата публикации (неопубликованные — раньше всех)", "Publication time (unpublished first)"),
        "TITLE": ("Заголовок по алфавиту", "Title, alphabetically"),
        "CREATED_AT": ("Дата создания", "Creation time"),
        "UPDATED_AT": ("Дата изменения", "Last change time"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)


async def _person_of(member: models.CommunityMember, info: Info) -> models.Participant:
    return await load_row(info.context, models.Participant, member.participant_id)


@strawberry.type(
    description="Участник профессионального сообщества: педагог или руководитель. Категория и организация "
    "видны всем, фамилия, имя и отчество — только ролям с правом на персональные данные участника"
)
class CommunityMember(Node):
    is_type_of = model_type(models.CommunityMember)

    role: CommunityMemberRole = strawberry.field(description="Роль в сообществе")
    joined_on: date = strawberry.field(description="Дата вступления")
    left_on: date | None = strawberry.field(description="Дата выхода; null — состоит в сообществе")

    @strawberry.field(description="Сообщество")
    async def community(root: models.CommunityMember, info: Info) -> "ProfessionalCommunity":
        return await load_row(info.context, models.ProfessionalCommunity, root.community_id)

    @strawberry.field(description="Категория участника: педагог или руководитель")
    async def category(root: models.CommunityMember, info: Info) -> ParticipantCategory:
        person = await _person_of(root, info)
        return person.category

    @strawberry.field(description="Организация, где работает участник")
    async def organization(root: models.CommunityMember, info: Info) -> OrganizationRef | None:
        person = await _person_of(root, info)
        return await load_row(info.context, models.Organization, person.organization_id)

    @strawberry.field(description="Муниципальное образование, где работает участник")
    async def municipality(root: models.CommunityMember, info: Info) -> MunicipalityRef:
        person = await _person_of(root, info)
        return await load_row(info.context, models.Municipality, person.municipality_id)

    @strawberry.field(description="Фамилия." + PERSONAL)
    async def last_name(root: models.CommunityMember, info: Info) -> str | None:
        person = await _person_of(root, info)
        read_personal_field(info.context, person, "lastName")
        return person.last_name

    @strawberry.field(description="Имя." + PERSONAL)
    async def first_name(root: models.CommunityMember, info: Info) -> str | None:
        person = await _person_of(root, info)
        read_personal_field(info.context, person, "firstName")
        return person.first_name

    @strawberry.field(description="Отчество." + PERSONAL)
    async def middle_name(root: models.CommunityMember, info: Info) -> str | None:
        person = await _person_of(root, info)
        read_personal_field(info.context, person, "middleName")
        return person.middle_name

    @strawberry.field(
        description="Участник как запись реестра участников; доступно тем же ролям, что и персональные данные, "
        "остальным — ошибка FORBIDDEN"
    )
    async def participant(root: models.CommunityMember, info: Info) -> ParticipantRef | None:
        person = await _person_of(root, info)
        if not can_read_personal_field(info.context.viewer, person, "participant"):
            raise forbidden("personal.forbidden", field="participant", role=info.context.viewer.role.value)
        return person


@strawberry.input(description="Фильтр участников сообщества; условия объединяются по И")
class CommunityMemberFilter:
    roles: list[CommunityMemberRole] | None = strawberry.field(default=None, description="Любая из ролей")
    categories: list[ParticipantCategory] | None = strawberry.field(
        default=None, description="Любая из категорий участников"
    )
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Работает в любой из организаций (глобальные ID)"
    )
    active_on: date | None = strawberry.field(default=None, description="Состоит в сообществе в эту дату")


CommunityMemberOrderField, CommunityMemberOrder = order_types(
    "CommunityMember",
    {"JOINED_ON": ("Дата вступления", "Date of joining"), "ID": ("Порядок добавления", "Order of creation")},
)


@strawberry.type(
    description="Автор эффективной практики. Имя автора публикуется вместе с практикой (публичное авторство); "
    "другие сведения о нём здесь не показываются"
)
class PracticeAuthor:
    last_name: str = strawberry.field(description="Фамилия")
    first_name: str = strawberry.field(description="Имя")
    middle_name: str | None = strawberry.field(description="Отчество")

    @strawberry.field(description="Фамилия, имя и отчество одной строкой")
    def full_name(root: models.Participant) -> str:
        return " ".join(part for part in (root.last_name, root.first_name, root.middle_name) if part)

    @strawberry.field(description="Организация, где работает автор")
    async def organization(root: models.Participant, info: Info) -> OrganizationRef | None:
        return await load_row(info.context, models.Organization, root.organization_id)


@strawberry.type(description="Эффективная практика выявления и поддержки одарённых детей")
class EffectivePractice(Node):
    is_type_of = model_type(models.EffectivePractice)

    title: str = strawberry.field(description="Название")
    summary: str = strawberry.field(description="Краткое описание практики")
    orientation: Orientation | None = strawberry.field(description="Направленность")
    target_audience: str | None = strawberry.field(
        description="Целевая аудитория своими словами, например «обучающиеся 5–7 классов»"
    )
    recognition_level: RecognitionLevel | None = strawberry.field(
        description="Высший уровень признания практики: организации, муниципальный, региональный, всероссийский"
    )
    status: PracticeStatus = strawberry.field(description="Статус рассмотрения")
    review_comment: str | None = strawberry.field(description="Комментарий эксперта; обязателен при отклонении")
    published_at: datetime | None = strawberry.field(description=PUBLISHED_AT)
    created_at: datetime = strawberry.field(description="Когда практика подана")
    updated_at: datetime = strawberry.field(description="Когда запись последний раз изменена")

    @strawberry.field(description="Для кого практика: категории участников")
    async def audiences(root: models.EffectivePractice, info: Info) -> list[ParticipantCategory]:
        return await practice_audiences_of(info.context, root.id)

    @strawberry.field(description="Авторы-педагоги по алфавиту")
    async def authors(root: models.EffectivePractice, info: Info) -> list[PracticeAuthor]:
        return await practice_authors_of(info.context, root.id)  # type: ignore[return-value]

    @strawberry.field(description="Организация, где сложилась практика")
    async def organization(root: models.EffectivePractice, info: Info) -> OrganizationRef:
        return await load_row(info.context, models.Organization, root.organization_id)

    @strawberry.field(description="Муниципальное образование организации")
    async def municipality(root: models.EffectivePractice, info: Info) -> MunicipalityRef:
        organization = await load_row(info.context, models.Organization, root.organization_id)
        return await load_row(info.context, models.Municipality, organization.municipality_id)

    @strawberry.field(description="Профессиональное сообщество, в котором представлена практика")
    async def community(root: models.EffectivePractice, info: Info) -> "ProfessionalCommunity | None":
        return await load_row(info.context, models.ProfessionalCommunity, root.community_id)

    @strawberry.field(description="Инновационная площадка, из работы которой выросла практика")
    async def innovation_site(root: models.EffectivePractice, info: Info) -> InnovationSiteRef | None:
        return await load_row(info.context, models.InnovationSite, root.innovation_site_id)

    @strawberry.field(description="Инновационный продукт, на котором основана практика")
    async def innovation_product(root: models.EffectivePractice, info: Info) -> InnovationProductRef | None:
        return await load_row(info.context, models.InnovationProduct, root.innovation_product_id)

    @strawberry.field(description="Материалы: ссылки на описания, разработки, записи")
    def materials(root: models.EffectivePractice) -> list[Link]:
        return links_of(root.materials)  # type: ignore[return-value]


@strawberry.input(description="Фильтр эффективных практик; списки означают «любое из», условия объединяются по И")
class EffectivePracticeFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    statuses: list[PracticeStatus] | None = strawberry.field(
        default=None, description="Любой из статусов; без ключа API видны только опубликованные"
    )
    orientations: list[Orientation] | None = strawberry.field(default=None, description="Любая из направленностей")
    audiences: list[ParticipantCategory] | None = strawberry.field(
        default=None, description="Для любой из категорий участников"
    )
    recognition_levels: list[RecognitionLevel] | None = strawberry.field(
        default=None, description="Любой из уровней признания"
    )
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций (глобальные ID)"
    )
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Организация в любом из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Организация в любом из муниципальных образований (код справочника или ОКТМО)"
    )
    community_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любое из сообществ")
    innovation_site_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из инновационных площадок"
    )
    innovation_product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любой из инновационных продуктов"
    )
    author_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Среди авторов любой из участников (глобальные ID)"
    )
    published_at_from: datetime | None = strawberry.field(default=None, description="Опубликована не раньше")
    published_at_to: datetime | None = strawberry.field(default=None, description="Опубликована не позже")
    search: str | None = strawberry.field(default=None, description="Подстрока названия без учёта регистра и ё/е")


EffectivePracticeOrderField, EffectivePracticeOrder = order_types(
    "EffectivePractice",
    {
        "PUBLISHED_AT": ("Дата публикации (неопубликованные — раньше всех)", "Publication time (unpublished first)"),
        "TITLE": ("Название по алфавиту", "Title, alphabetically"),
        "CREATED_AT": ("Дата подачи", "Submission time"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)


@strawberry.type(description="Сетевое профессиональное сообщество педагогов")
class ProfessionalCommunity(Node):
    is_type_of = model_type(models.ProfessionalCommunity)

    title: str = strawberry.field(description="Название")
    topic: str = strawberry.field(description="Тема работы сообщества")
    description: str | None = strawberry.field(description="Описание")
    orientation: Orientation | None = strawberry.field(description="Направленность")
    founded_on: date = strawberry.field(description="Дата создания")
    closed_on: date | None = strawberry.field(description="Дата прекращения работы; null — действует")

    @strawberry.field(description="Организация-координатор сообщества")
    async def coordinating_organization(root: models.ProfessionalCommunity, info: Info) -> OrganizationRef:
        return await load_row(info.context, models.Organization, root.coordinating_organization_id)

    @strawberry.field(description="Муниципальное образование организации-координатора")
    async def municipality(root: models.ProfessionalCommunity, info: Info) -> MunicipalityRef:
        coordinator = await load_row(info.context, models.Organization, root.coordinating_organization_id)
        return await load_row(info.context, models.Municipality, coordinator.municipality_id)

    @strawberry.field(description="Организации — участники сообщества")
    async def member_organizations(root: models.ProfessionalCommunity, info: Info) -> list[OrganizationRef]:
        return await member_organizations_of(info.context, root.id)

    @strawberry.field(description="Сколько человек состоит в сообществе сегодня")
    async def members_count(root: models.ProfessionalCommunity, info: Info) -> int:
        return await current_members_count(info.context, root.id)

    @strawberry.field(description="Участники сообщества: педагоги и руководители, в том числе вышедшие")
    async def members(
        root: models.ProfessionalCommunity,
        info: Info,
        filter: CommunityMemberFilter | None = None,
        order_by: list[CommunityMemberOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CommunityMember]:
        return await nested_connection(
            info, COMMUNITY_MEMBERS, models.CommunityMember.community_id, root, member_conditions(filter),
            filter, order_by, first, after, last, before,
        )

    @strawberry.field(description="Мероприятия сообщества")
    async def events(
        root: models.ProfessionalCommunity,
        info: Info,
        filter: EventFilter | None = None,
        order_by: list[EventOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Event]:
        return await nested_connection(
            info, EVENTS, models.Event.community_id, root, event_conditions(filter),
            filter, order_by, first, after, last, before,
        )

    @strawberry.field(description="Эффективные практики сообщества (без ключа — только опубликованные)")
    async def practices(
        root: models.ProfessionalCommunity,
        info: Info,
        filter: EffectivePracticeFilter | None = None,
        order_by: list[EffectivePracticeOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[EffectivePractice]:
        return await nested_connection(
            info, EFFECTIVE_PRACTICES, models.EffectivePractice.community_id, root,
            practice_conditions(info.context.viewer, filter), filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр профессиональных сообществ; списки означают «любое из», условия объединяются по И")
class ProfessionalCommunityFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    orientations: list[Orientation] | None = strawberry.field(default=None, description="Любая из направленностей")
    coordinating_organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций-координаторов (глобальные ID)"
    )
    member_organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Среди организаций-участников любая из этих (глобальные ID)"
    )
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Координатор в любом из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Координатор в любом из муниципальных образований (код справочника или ОКТМО)"
    )
    active_on: date | None = strawberry.field(default=None, description="Действует в эту дату")
    search: str | None = strawberry.field(
        default=None, description="Подстрока названия или темы без учёта регистра и ё/е"
    )


ProfessionalCommunityOrderField, ProfessionalCommunityOrder = order_types(
    "ProfessionalCommunity",
    {
        "TITLE": ("Название по алфавиту", "Title, alphabetically"),
        "FOUNDED_ON": ("Дата создания", "Foundation date"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)
