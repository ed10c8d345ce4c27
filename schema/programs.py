"""Additional education programmes and enrolments on them."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from db.timezone import school_year_label
from resolvers.access import is_row_visible
from resolvers.loaders import load_row
from resolvers.programs import (
    ENROLLMENTS,
    enrolled_count,
    enrollment_conditions,
    program_adapted_for_of,
    program_levels_of,
    program_partners_of,
)
from schema.common import After, Before, Connection, First, Info, Last, Node, model_type, nested_connection, order_types
from schema.enums import (
    DisabilityCategory,
    EnrollmentStatus,
    FinancingSource,
    Orientation,
    ProgramLevel,
    ProgramStatus,
    ProgramType,
    StudyForm,
)

if TYPE_CHECKING:
    from schema.geography import Municipality
    from schema.organizations import Organization
    from schema.participants import Participant

MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]
ParticipantRef = Annotated["Participant", strawberry.lazy("schema.participants")]

SCHOOL_YEAR_DESCRIPTION = "Учебный год (год начала: 2024 — это 2024/25)"
SCHOOL_YEAR_LABEL_DESCRIPTION = "Учебный год в виде «2024/25»"


@strawberry.type(description="Зачисление участника на программу в учебном году")
class Enrollment(Node):
    is_type_of = model_type(models.Enrollment)

    school_year: int = strawberry.field(description=SCHOOL_YEAR_DESCRIPTION)
    status: EnrollmentStatus = strawberry.field(description="Статус зачисления")
    enrolled_at: datetime = strawberry.field(description="Дата и время зачисления")

    @strawberry.field(description=SCHOOL_YEAR_LABEL_DESCRIPTION)
    def school_year_label(root: models.Enrollment) -> str:
        return school_year_label(root.school_year)

    @strawberry.field(description="Участник")
    async def participant(root: models.Enrollment, info: Info) -> ParticipantRef:
        return await load_row(info.context, models.Participant, root.participant_id)

    @strawberry.field(description="Программа; null, если программа не опубликована, а роль видит только опубликованные")
    async def program(root: models.Enrollment, info: Info) -> "Program | None":
        program = await load_row(info.context, models.Program, root.program_id)
        return program if is_row_visible(info.context.viewer, program) else None


@strawberry.input(description="Фильтр зачислений; условия объединяются по И")
class EnrollmentFilter:
    statuses: list[EnrollmentStatus] | None = strawberry.field(default=None, description="Любой из статусов")
    school_years: list[int] | None = strawberry.field(default=None, description="Любой из учебных годов")


EnrollmentOrderField, EnrollmentOrder = order_types(
    "Enrollment",
    {
        "ENROLLED_AT": ("Дата зачисления", "Enrollment time"),
        "SCHOOL_YEAR": ("Учебный год", "School year"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)


@strawberry.type(description="Дополнительная общеобразовательная программа")
class Program(Node):
    is_type_of = model_type(models.Program)

    external_id: str | None = strawberry.field(description="Идентификатор во внешней системе (навигатор, ГИС)")
    title: str = strawberry.field(description="Название")
    description: str | None = strawberry.field(description="Описание")
    orientation: Orientation = strawberry.field(description="Направленность")
    program_type: ProgramType = strawberry.field(description="Вид программы")
    study_form: StudyForm = strawberry.field(description="Форма обучения")
    is_network: bool = strawberry.field(description="Реализуется в сетевой форме")
    uses_distance_learning: bool = strawberry.field(
        description="Используются дистанционные образовательные технологии"
    )
    is_adapted: bool = strawberry.field(description="Адаптированная программа для обучающихся с ОВЗ")
    age_from: int = strawberry.field(description="Возраст обучающихся от, лет")
    age_to: int = strawberry.field(description="Возраст обучающихся до, лет (включительно)")
    hours: int | None = strawberry.field(description="Объём программы, академических часов")
    financing: FinancingSource = strawberry.field(description="Источник финансирования")
    capacity: int | None = strawberry.field(description="Число мест")
    status: ProgramStatus = strawberry.field(description="Статус публикации")
    school_year: int = strawberry.field(description=SCHOOL_YEAR_DESCRIPTION)
    created_at: datetime = strawberry.field(description="Когда запись создана")
    updated_at: datetime = strawberry.field(description="Когда запись последний раз изменена")

    @strawberry.field(description=SCHOOL_YEAR_LABEL_DESCRIPTION)
    def school_year_label(root: models.Program) -> str:
        return school_year_label(root.school_year)

    @strawberry.field(description="Уровни программы")
    async def levels(root: models.Program, info: Info) -> list[ProgramLevel]:
        return await program_levels_of(info.context, root.id)

    @strawberry.field(description="Категории обучающихся с ОВЗ, для которых программа адаптирована")
    async def adapted_for(root: models.Program, info: Info) -> list[DisabilityCategory]:
        return await program_adapted_for_of(info.context, root.id)

    @strawberry.field(description="Организация, реализующая программу")
    async def organization(root: models.Program, info: Info) -> OrganizationRef:
        return await load_row(info.context, models.Organization, root.organization_id)

    @strawberry.field(description="Организации-партнёры по сетевой форме")
    async def partners(root: models.Program, info: Info) -> list[OrganizationRef]:
        return await program_partners_of(info.context, root.id)

    @strawberry.field(description="Муниципальное образование, где реализуется программа")
    async def municipality(root: models.Program, info: Info) -> MunicipalityRef:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Число зачисленных на программу, не считая отчисленных")
    async def enrolled_count(root: models.Program, info: Info) -> int:
        return await enrolled_count(info.context, root.id)

    @strawberry.field(description="Зачисления на программу")
    async def enrollments(
        root: models.Program,
        info: Info,
        filter: EnrollmentFilter | None = None,
        order_by: list[EnrollmentOrder] | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Enrollment]:
        return await nested_connection(
            info, ENROLLMENTS, models.Enrollment.program_id, root, enrollment_conditions(filter),
            filter, order_by, first, after, last, before,
        )


@strawberry.input(description="Фильтр программ; списки означают «любое из», условия объединяются по И")
class ProgramFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Любой из глобальных ID")
    external_ids: list[str] | None = strawberry.field(default=None, description="Любой из внешних идентификаторов")
    orientations: list[Orientation] | None = strawberry.field(default=None, description="Любая из направленностей")
    program_types: list[ProgramType] | None = strawberry.field(default=None, description="Любой из видов")
    levels: list[ProgramLevel] | None = strawberry.field(default=None, description="Есть любой из уровней")
    study_forms: list[StudyForm] | None = strawberry.field(default=None, description="Любая из форм обучения")
    financing: list[FinancingSource] | None = strawberry.field(
        default=None, description="Любой из источников финансирования"
    )
    statuses: list[ProgramStatus] | None = strawberry.field(default=None, description="Любой из статусов")
    school_years: list[int] | None = strawberry.field(default=None, description="Любой из учебных годов")
    school_year_from: int | None = strawberry.field(default=None, description="Учебный год не раньше")
    school_year_to: int | None = strawberry.field(default=None, description="Учебный год не позже")
    is_network: bool | None = strawberry.field(default=None, description="Сетевая форма")
    uses_distance_learning: bool | None = strawberry.field(default=None, description="Дистанционные технологии")
    is_adapted: bool | None = strawberry.field(default=None, description="Адаптированная программа")
    adapted_for: list[DisabilityCategory] | None = strawberry.field(
        default=None, description="Адаптирована для любой из категорий ОВЗ"
    )
    age: int | None = strawberry.field(default=None, description="Подходит ребёнку этого возраста, лет")
    hours_from: int | None = strawberry.field(default=None, description="Объём не меньше, часов")
    hours_to: int | None = strawberry.field(default=None, description="Объём не больше, часов")
    organization_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любая из организаций (глобальные ID)"
    )
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )
    search: str | None = strawberry.field(
        default=None, description="Подстрока названия без учёта регистра и различия ё/е"
    )


ProgramOrderField, ProgramOrder = order_types(
    "Program",
    {
        "TITLE": ("Название по алфавиту", "Title, alphabetically"),
        "CREATED_AT": ("Дата создания", "Creation time"),
        "UPDATED_AT": ("Дата изменения", "Last change time"),
        "SCHOOL_YEAR": ("Учебный год", "School year"),
        "AGE_FROM": ("Возраст от", "Minimum age"),
        "HOURS": ("Объём, часов (без значения — как 0)", "Hours (none counts as 0)"),
        "CAPACITY": ("Число мест (без значения — как 0)", "Places (none counts as 0)"),
        "ID": ("Порядок добавления", "Order of creation"),
    },
)
