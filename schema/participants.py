"""Participants. Names, the birth date and the disability attributes are personal data."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from resolvers.audit import read_personal_field
from resolvers.loaders import load_row
from resolvers.participants import disability_categories_of
from resolvers.participations import PARTICIPATIONS, participation_conditions
from resolvers.programs import ENROLLMENTS, enrollment_conditions
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import DisabilityCategory, ParticipantCategory, Sex
from schema.participations import Participation, ParticipationFilter, ParticipationOrder
from schema.programs import Enrollment, EnrollmentFilter, EnrollmentOrder

if TYPE_CHECKING:
    from schema.geography import Municipality
    from schema.organizations import Organization

MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]

PERSONAL = " Персональные данные: доступно только ролям с правом на них, остальным — ошибка FORBIDDEN."
HEALTH = " Сведения о здоровье (152-ФЗ, ст. 10): доступно только с разрешением HEALTH_DATA."


@strawberry.type(description="Участник: обучающийся, педагог, руководитель или родитель")
class Participant(Node):
    is_type_of = model_type(models.Participant)

    external_id: str | None = strawberry.field(description="Идентификатор во внешней системе (ГИС)")
    category: ParticipantCategory = strawberry.field(description="Категория участника")
    grade: int | None = strawberry.field(description="Класс обучения (для обучающихся)")
    birth_year: int | None = strawberry.field(description="Год рождения")
    sex: Sex | None = strawberry.field(description="Пол")

    @strawberry.field(description="Муниципальное образование, где участник учится или работает")
    async def municipality(root: models.Participant, info: Info) -> MunicipalityRef:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Образовательная организация участника")
    async def organization(root: models.Participant, info: Info) -> OrganizationRef | None:
        return await load_row(info.context, models.Organization, root.organization_id)

    @strawberry.field(description="Фамилия." + PERSONAL)
    def last_name(root: models.Participant, info: Info) -> str | None:
        read_personal_field(info.context, root, "lastName")
        return root.last_name

    @strawberry.field(description="Имя." + PERSONAL)
    def first_name(root: models.Participant, info: Info) -> str | None:
        read_personal_field(info.context, root, "firstName")
        return root.first_name

    @strawberry.field(description="Отчество." + PERSONAL)
    def middle_name(root: models.Participant, info: Info) -> str | None:
        read_personal_field(info.context, root, "middleName")
        return root.middle_name

    @strawberry.field(description="Дата рождения." + PERSONAL)
    def birth_date(root: models.Participant, info: Info) -> date | None:
        read_personal_field(info.context, root, "birthDate")
        return root.birth_date

    @strawberry.field(description="Есть статус обучающегося с ОВЗ (заключение ПМПК)." + HEALTH)
    def has_disability_status(root: models.Participant, info: Info) -> bool | None:
        read_personal_field(info.context, root, "hasDisabilityStatus")
        return root.has_disability_status

    @strawberry.field(description="Категории ОВЗ по заключению ПМПК." + HEALTH)
    async def disability_categories(root: models.Participant, info: Info) -> list[DisabilityCategory] | None:
        read_personal_field(info.context, root, "disabilityCategories")
        return await disability_categories_of(info.context, root.id)

    @strawberry.field(description="Ребёнок-инвалид (заключение МСЭ)." + HEALTH)
    def is_disabled_child(root: models.Participant, info: Info) -> bool | None:
        read_personal_field(info.context, root, "isDisabledChild")
        return root.is_disabled_child

    @strawberry.field(description="Участие в мероприятиях")
    async def participations(
        root: models.Participant,
        info: Info,
        filter: ParticipationFilter | None = None,
        order_by: list[ParticipationOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Participation]:
        return await nested_connection(
            info, PARTICIPATIONS, models.Participation.participant_id, root, participation_conditions(filter),
            filter, order_by, first, after, last, before,
        )

    @strawberry.field(description="Зачисления на программы")
    async def enrollments(
        root: models.Participant,
        info: Info,
        filter: EnrollmentFilter | None = None,
        order_by: list[EnrollmentOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Enrollment]:
        return await nested_connection(
            info, ENROLLMENTS, models.Enrollment.participant_id, root, enrollment_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр участников; условия объединяются по И")
class ParticipantFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    external_ids: list[str] | None = strawberry.field(default=None, description="Любой из внешних идентификаторов")
    categories: list[ParticipantCategory] | None = strawberry.field(default=None, description="Любая из категорий")
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций (глобальные ID)"
    )
    grades: list[int] | None = strawberry.field(default=None, description="Любой из классов")
    birth_year_from: int | None = strawberry.field(default=None, description="Год рождения не раньше")
    birth_year_to: int | None = strawberry.field(default=None, description="Год рождения не позже")
    sexes: list[Sex] | None = strawberry.field(default=None, description="Любой из полов")


ParticipantOrderField, ParticipantOrder = order_types(
    "Participant",
    {
        "BIRTH_YEAR": ("Год рождения (без значения — в начале)", "Birth year (none first)"),
        "GRADE": ("Класс (без значения — в начале)", "Grade (none first)"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)
