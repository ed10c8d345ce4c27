"""Inputs, payloads and mutations of the catalogue's entities.

Each entity's fields are listed once; its create input requires the non-null ones and its update
input makes every field optional.
"""

from datetime import date, datetime

import strawberry

from resolvers.live.changes import ChangeFeed
from resolvers.live.events import EVENT_FEED
from resolvers.writes.activity import EVENT, PARTICIPANT, PARTICIPATION
from resolvers.writes.catalogue import ENROLLMENT, ORGANIZATION, PROGRAM
from resolvers.writes.engine import EntitySpec
from resolvers.writes.region import INNOVATION_PRODUCT, INNOVATION_SITE, ROADMAP_ITEM
from schema.enums import (
    DisabilityCategory,
    EnrollmentStatus,
    EventFormat,
    EventKind,
    EventLevel,
    FinancingSource,
    InnovationProductKind,
    InnovationSiteKind,
    InnovationSiteStatus,
    OlympiadStage,
    OrganizationKind,
    Orientation,
    ParticipantCategory,
    ParticipationResult,
    ProgramLevel,
    ProgramStatus,
    ProgramType,
    RoadmapItemStatus,
    Sex,
    StudyForm,
    TalentFocus,
)
from schema.events import Event
from schema.innovation import InnovationProduct, InnovationSite
from schema.organizations import Organization
from schema.participants import Participant
from schema.participations import Participation
from schema.programs import Enrollment, Program
from schema.roadmap import RoadmapItem
from schema.writes.common import (
    TargetInput,
    create_input,
    create_mutation,
    delete_mutation,
    fields,
    payload_type,
    update_input,
    update_mutation,
)

ID = strawberry.ID
SCHOOL_YEAR = "Учебный год (год начала: 2024 — это 2024/25)"
EXTERNAL_ID = "Идентификатор во внешней системе (ГИС, навигатор); уникален"


class EntityMutations:
    """The create input, update input, payload and mutations of one entity."""

    def __init__(
        self,
        spec: EntitySpec,
        field_name: str,
        title: str,
        entity: type,
        input_fields: dict,
        feed: ChangeFeed | None = None,
    ) -> None:
        name = spec.type_name
        self.spec = spec
        # Subscriptions hear of this entity's committed changes when it has a feed.
        self.feed = feed
        self.field_name = field_name
        self.create_input = create_input(f"Create{name}Input", f"Данные нового объекта: {title}", input_fields)
        self.update_input = update_input(
            f"Update{name}Input", f"Изменение объекта: {title}", input_fields, spec.immutable
        )
        self.payload = payload_type(f"{name}Payload", entity, field_name, f"Результат изменения: {title}")

    def create(self, description: str) -> object:
        return create_mutation(self.spec, self.create_input, self.payload, self.field_name, description, self.feed)

    def update(self, description: str) -> object:
        return update_mutation(
            self.spec, self.update_input, self.payload, self.field_name, description, feed=self.feed
        )

    def delete(self, description: str) -> object:
        return delete_mutation(self.spec, description, self.feed)


ORGANIZATIONS = EntityMutations(
    ORGANIZATION,
    "organization",
    "образовательная организация",
    Organization,
    fields(
        external_id=(str | None, EXTERNAL_ID),
        inn=(str | None, "ИНН: 10 цифр (12 — у индивидуальных предпринимателей) с верными контрольными цифрами; уникален"),
        name=(str, "Полное наименование"),
        short_name=(str | None, "Краткое наименование"),
        kind=(OrganizationKind, "Вид организации"),
        municipality_id=(ID, "Муниципальное образование (глобальный ID)"),
    ),
)

PROGRAMS = EntityMutations(
    PROGRAM,
    "program",
    "дополнительная общеобразовательная программа",
    Program,
    fields(
        external_id=(str | None, EXTERNAL_ID),
        title=(str, "Название"),
        description=(str | None, "Описание"),
        orientation=(Orientation, "Направленность"),
        program_type=(ProgramType | None, "Вид программы; по умолчанию общеразвивающая"),
        study_form=(StudyForm | None, "Форма обучения; по умолчанию очная"),
        levels=(list[ProgramLevel] | None, "Уровни программы"),
        is_network=(bool | None, "Реализуется в сетевой форме; по умолчанию нет"),
        uses_distance_learning=(bool | None, "Используются дистанционные технологии; по умолчанию нет"),
        is_adapted=(bool | None, "Адаптированная программа для обучающихся с ОВЗ; по умолчанию нет"),
        adapted_for=(list[DisabilityCategory] | None, "Категории ОВЗ, для которых программа адаптирована"),
        age_from=(int, "Возраст обучающихся от, лет"),
        age_to=(int, "Возраст обучающихся до, лет (включительно)"),
        hours=(int | None, "Объём, академических часов"),
        financing=(FinancingSource, "Источник финансирования"),
        capacity=(int | None, "Число мест"),
        status=(ProgramStatus | None, "Статус публикации; по умолчанию черновик"),
        school_year=(int, SCHOOL_YEAR),
        organization_id=(ID, "Организация, реализующая программу (глобальный ID)"),
        municipality_id=(ID | None, "Муниципальное образование; по умолчанию — организации"),
        partner_ids=(list[ID] | None, "Организации-партнёры по сетевой форме"),
    ),
)

ENROLLMENTS = EntityMutations(
    ENROLLMENT,
    "enrollment",
    "зачисление на программу",
    Enrollment,
    fields(
        participant_id=(ID, "Участник (глобальный ID); после создания не меняется"),
        program_id=(ID, "Программа (глобальный ID); после создания не меняется"),
        school_year=(int, SCHOOL_YEAR),
        status=(EnrollmentStatus | None, "Статус; по умолчанию зачислен"),
        enrolled_at=(datetime | None, "Дата и время зачисления; по умолчанию сейчас"),
    ),
)

PARTICIPANTS = EntityMutations(
    PARTICIPANT,
    "participant",
    "участник",
    Participant,
    fields(
        external_id=(str | None, EXTERNAL_ID),
        category=(ParticipantCategory | None, "Категория; по умолчанию обучающийся"),
        municipality_id=(ID, "Муниципальное образование (глобальный ID)"),
        organization_id=(ID | None, "Организация, где участник учится или работает"),
        grade=(int | None, "Класс, 0–11"),
        birth_year=(int | None, "Год рождения; по умолчанию из даты рождения"),
        sex=(Sex | None, "Пол"),
        last_name=(str, "Фамилия (персональные данные)"),
        first_name=(str, "Имя (персональные данные)"),
        middle_name=(str | None, "Отчество (персональные данные)"),
        birth_date=(date | None, "Дата рождения (персональные данные)"),
        has_disability_status=(bool | None, "Статус ОВЗ по заключению ПМПК (сведения о здоровье)"),
        is_disabled_child=(bool | None, "Статус ребёнка-инвалида (сведения о здоровье)"),
        disability_categories=(list[DisabilityCategory] | None, "Категории ОВЗ (сведения о здоровье)"),
    ),
)

EVENTS = EntityMutations(
    EVENT,
    "event",
    "мероприятие",
    Event,
    fields(
        external_id=(str | None, EXTERNAL_ID),
        title=(str, "Название"),
        kind=(EventKind, "Вид мероприятия"),
        level=(EventLevel, "Уровень"),
        olympiad_stage=(OlympiadStage | None, "Этап всероссийской олимпиады школьников; только для олимпиад"),
        format=(EventFormat | None, "Формат; по умолчанию очный"),
        starts_at=(datetime, "Начало; по нему определяется учебный год"),
        ends_at=(datetime | None, "Окончание; по умолчанию совпадает с началом"),
        orientation=(Orientation | None, "Направленность"),
        subject=(str | None, "Предмет олимпиады или конкурса"),
        audiences=(list[ParticipantCategory] | None, "Категории участников"),
        in_federal_list=(bool | None, "Входит в федеральный перечень олимпиад и конкурсов"),
        organizer_id=(ID | None, "Организатор (глобальный ID организации)"),
        innovation_site_id=(ID | None, "Инновационная площадка, которая проводит мероприятие"),
        municipality_id=(ID | None, "Муниципальное образование; null — региональное мероприятие"),
        roadmap_item_id=(ID | None, "Пункт дорожной карты"),
    ),
    feed=EVENT_FEED,
)

PARTICIPATIONS = EntityMutations(
    PARTICIPATION,
    "participation",
    "результат участия",
    Participation,
    fields(
        event_id=(ID, "Мероприятие (глобальный ID); после создания не меняется"),
        participant_id=(ID, "Участник (глобальный ID); после создания не меняется"),
        result=(ParticipationResult, "Результат"),
        score=(float | None, "Набранные баллы"),
        mentor_id=(ID | None, "Наставник (глобальный ID участника-педагога)"),
    ),
)

INNOVATION_SITES = EntityMutations(
    INNOVATION_SITE,
    "innovation_site",
    "инновационная площадка",
    InnovationSite,
    fields(
        external_id=(str | None, EXTERNAL_ID),
        title=(str, "Тема инновационной деятельности"),
        kind=(InnovationSiteKind, "Вид площадки"),
        status=(InnovationSiteStatus | None, "Статус; по умолчанию заявка"),
        focus=(list[TalentFocus] | None, "Направления работы с талантами"),
        organization_id=(ID, "Организация-площадка (глобальный ID)"),
        partner_ids=(list[ID] | None, "Организации-партнёры"),
        start_date=(date, "Дата начала"),
        end_date=(date | None, "Дата окончания"),
        order_number=(str | None, "Номер приказа о присвоении статуса"),
        order_date=(date | None, "Дата приказа"),
        supervisor=(str | None, "Научный руководитель"),
        description=(str | None, "Описание"),
    ),
)

INNOVATION_PRODUCTS = EntityMutations(
    INNOVATION_PRODUCT,
    "innovation_product",
    "инновационный продукт",
    InnovationProduct,
    fields(
        site_id=(ID, "Инновационная площадка (глобальный ID)"),
        title=(str, "Название"),
        kind=(InnovationProductKind, "Вид продукта"),
        url=(str | None, "Ссылка (http или https)"),
        published_at=(datetime | None, "Когда опубликован"),
    ),
)

ROADMAP_ITEMS = EntityMutations(
    ROADMAP_ITEM,
    "roadmap_item",
    "пункт дорожной карты",
    RoadmapItem,
    fields(
        number=(str, "Номер пункта, например «1.2»; уникален"),
        title=(str, "Мероприятие дорожной карты"),
        section=(str | None, "Раздел"),
        responsible=(str | None, "Ответственные"),
        due_date=(date | None, "Срок"),
        status=(RoadmapItemStatus | None, "Статус; по умолчанию запланирован"),
        description=(str | None, "Описание"),
    ),
)


@strawberry.type(description="Изменение данных: каждая мутация возвращает объект и ошибки в данных (userErrors)")
class EntityMutation:
    create_organization = ORGANIZATIONS.create("Добавить образовательную организацию")
    update_organization = ORGANIZATIONS.update("Изменить образовательную организацию")
    delete_organization = ORGANIZATIONS.delete(
        "Удалить образовательную организацию, если у неё нет программ, площадок, участников, мероприятий и результатов"
    )

    create_program = PROGRAMS.create("Добавить программу")
    update_program = PROGRAMS.update("Изменить программу")
    archive_program = update_mutation(
        PROGRAM, TargetInput, PROGRAMS.payload, "program", "Перевести программу в архив",
        fixed={"status": ProgramStatus.ARCHIVED},
    )
    delete_program = PROGRAMS.delete("Удалить программу без зачислений; программу с зачислениями переведите в архив")

    create_enrollment = ENROLLMENTS.create("Зачислить участника на программу")
    update_enrollment = ENROLLMENTS.update("Изменить зачисление, например отметить отчисление")
    delete_enrollment = ENROLLMENTS.delete("Удалить ошибочное зачисление")

    create_participant = PARTICIPANTS.create("Добавить участника")
    update_participant = PARTICIPANTS.update(
        "Изменить участника; прежние результаты участия сохраняют класс и организацию на момент мероприятия"
    )
    delete_participant = PARTICIPANTS.delete("Удалить участника вместе с его зачислениями и результатами")

    create_event = EVENTS.create("Добавить мероприятие")
    update_event = EVENTS.update("Изменить мероприятие; сведения о нём в результатах участия обновляются")
    delete_event = EVENTS.delete("Удалить мероприятие без результатов участия")

    create_participation = PARTICIPATIONS.create("Записать результат участия")
    update_participation = PARTICIPATIONS.update("Изменить результат участия")
    delete_participation = PARTICIPATIONS.delete("Удалить результат участия")

    create_innovation_site = INNOVATION_SITES.create("Добавить инновационную площадку")
    update_innovation_site = INNOVATION_SITES.update("Изменить инновационную площадку, в том числе её статус")
    delete_innovation_site = INNOVATION_SITES.delete("Удалить площадку без продуктов и мероприятий")

    create_innovation_product = INNOVATION_PRODUCTS.create("Добавить инновационный продукт площадки")
    update_innovation_product = INNOVATION_PRODUCTS.update("Изменить инновационный продукт")
    delete_innovation_product = INNOVATION_PRODUCTS.delete("Удалить инновационный продукт")

    create_roadmap_item = ROADMAP_ITEMS.create("Добавить пункт дорожной карты")
    update_roadmap_item = ROADMAP_ITEMS.update("Изменить пункт дорожной карты")
    delete_roadmap_item = ROADMAP_ITEMS.delete("Удалить пункт дорожной карты; мероприятия и показатели остаются без пункта")
