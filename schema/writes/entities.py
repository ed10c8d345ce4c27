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
from resolvers.writes.publications import COMMUNITY_MEMBER, EFFECTIVE_PRACTICE, PROFESSIONAL_COMMUNITY, PUBLICATION
from resolvers.writes.region import INNOVATION_PRODUCT, INNOVATION_SITE, ROADMAP_ITEM
from schema.enums import (
    CommunityMemberRole,
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
    PracticeStatus,
    ProgramLevel,
    ProgramStatus,
    ProgramType,
    PublicationKind,
    PublicationStatus,
    RecognitionLevel,
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
from schema.publications import CommunityMember, EffectivePractice, ProfessionalCommunity, Publication
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

    def set_status(self, description: str, status: object, input_type: type = TargetInput) -> object:
        """Build a mutation that moves the entity to `status`, with the other fields of `input_type`."""
        return update_mutation(
            self.spec, input_type, self.payload, self.field_name, description, fixed={"status": status}, feed=self.feed
        )


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
        community_id=(ID | None, "Профессиональное сообщество, которое проводит мероприятие"),
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


@strawberry.input(description="Ссылка на документ или страницу")
class LinkInput:
    title: str = strawberry.field(description="Название ссылки, до 300 символов")
    url: str = strawberry.field(description="Адрес http или https")


PUBLICATIONS = EntityMutations(
    PUBLICATION,
    "publication",
    "публикация",
    Publication,
    fields(
        title=(str, "Заголовок"),
        summary=(str | None, "Краткое содержание (анонс), до 1000 символов"),
        body=(str, "Текст на русском языке в разметке Markdown"),
        kind=(PublicationKind, "Вид публикации"),
        status=(
            PublicationStatus | None,
            "Статус; по умолчанию черновик. Публикует и архивирует модератор: муниципальный координатор "
            "или региональный администратор",
        ),
        audiences=(list[ParticipantCategory] | None, "Для кого публикация; по умолчанию для всех категорий"),
        municipality_id=(ID | None, "Муниципальное образование; null — публикация для всей области"),
        organization_id=(ID | None, "Организация-автор; null — публикация регионального органа управления"),
        event_id=(ID | None, "Мероприятие, о котором публикация"),
        innovation_site_id=(ID | None, "Инновационная площадка, о которой публикация"),
        program_id=(ID | None, "Программа, о которой публикация"),
        roadmap_item_id=(ID | None, "Пункт дорожной карты, о котором публикация"),
        attachments=(list[LinkInput] | None, "Вложения: ссылки на документы, не больше 20; заменяют прежние"),
    ),
)

PROFESSIONAL_COMMUNITIES = EntityMutations(
    PROFESSIONAL_COMMUNITY,
    "professional_community",
    "профессиональное сообщество",
    ProfessionalCommunity,
    fields(
        title=(str, "Название"),
        topic=(str, "Тема работы сообщества"),
        description=(str | None, "Описание"),
        orientation=(Orientation | None, "Направленность"),
        coordinating_organization_id=(ID, "Организация-координатор (глобальный ID)"),
        member_organization_ids=(list[ID] | None, "Организации — участники сообщества, не больше 200"),
        founded_on=(date | None, "Дата создания; по умолчанию сегодня"),
        closed_on=(date | None, "Дата прекращения работы"),
    ),
)

COMMUNITY_MEMBERS = EntityMutations(
    COMMUNITY_MEMBER,
    "community_member",
    "участник профессионального сообщества",
    CommunityMember,
    fields(
        community_id=(ID, "Сообщество (глобальный ID); после создания не меняется"),
        participant_id=(ID, "Педагог или руководитель (глобальный ID участника); после создания не меняется"),
        role=(CommunityMemberRole | None, "Роль в сообществе; по умолчанию участник"),
        joined_on=(date | None, "Дата вступления; по умолчанию сегодня"),
        left_on=(date | None, "Дата выхода из сообщества"),
    ),
)

EFFECTIVE_PRACTICES = EntityMutations(
    EFFECTIVE_PRACTICE,
    "effective_practice",
    "эффективная практика",
    EffectivePractice,
    fields(
        title=(str, "Название"),
        summary=(str, "Краткое описание практики"),
        orientation=(Orientation | None, "Направленность"),
        target_audience=(str | None, "Целевая аудитория своими словами"),
        audiences=(list[ParticipantCategory] | None, "Для кого практика: категории участников"),
        author_ids=(
            list[ID] | None,
            "Авторы — педагоги и руководители (глобальные ID участников), не больше 20; их имена публикуются "
            "вместе с практикой",
        ),
        organization_id=(ID, "Организация, где сложилась практика (глобальный ID)"),
        community_id=(ID | None, "Профессиональное сообщество, в котором практика представлена"),
        innovation_site_id=(ID | None, "Инновационная площадка; по умолчанию площадка продукта"),
        innovation_product_id=(ID | None, "Инновационный продукт, на котором основана практика"),
        recognition_level=(RecognitionLevel | None, "Высший уровень признания"),
        materials=(list[LinkInput] | None, "Материалы: ссылки, не больше 20; заменяют прежние"),
        status=(
            PracticeStatus | None,
            "Статус; по умолчанию подана (SUBMITTED). REVIEWED, PUBLISHED и REJECTED ставит модератор",
        ),
        review_comment=(str | None, "Комментарий эксперта; пишет модератор, при отклонении обязателен"),
    ),
)


@strawberry.input(description="Практика и необязательный комментарий эксперта")
class ReviewPracticeInput:
    id: strawberry.ID = strawberry.field(description="Глобальный ID практики")
    review_comment: str | None = strawberry.field(
        default=strawberry.UNSET, description="Комментарий эксперта. Не передано — не меняется; null — очистить"
    )


@strawberry.input(description="Отклоняемая практика и комментарий эксперта: что исправить")
class RejectPracticeInput:
    id: strawberry.ID = strawberry.field(description="Глобальный ID практики")
    review_comment: str = strawberry.field(description="Комментарий эксперта; обязателен")


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

    create_publication = PUBLICATIONS.create("Добавить публикацию; без модератора — только черновик")
    update_publication = PUBLICATIONS.update(
        "Изменить публикацию; опубликованную или архивную меняет только модератор"
    )
    publish_publication = PUBLICATIONS.set_status(
        "Опубликовать публикацию (модератор); время первой публикации ставит сервер", PublicationStatus.PUBLISHED
    )
    archive_publication = PUBLICATIONS.set_status("Перевести публикацию в архив (модератор)", PublicationStatus.ARCHIVED)
    delete_publication = PUBLICATIONS.delete("Удалить публикацию; опубликованную или архивную удаляет только модератор")

    create_professional_community = PROFESSIONAL_COMMUNITIES.create("Добавить профессиональное сообщество")
    update_professional_community = PROFESSIONAL_COMMUNITIES.update("Изменить профессиональное сообщество")
    delete_professional_community = PROFESSIONAL_COMMUNITIES.delete(
        "Удалить сообщество вместе со списком участников; его практики и мероприятия остаются без сообщества"
    )

    create_community_member = COMMUNITY_MEMBERS.create("Включить педагога или руководителя в сообщество")
    update_community_member = COMMUNITY_MEMBERS.update("Изменить роль или даты участия в сообществе")
    delete_community_member = COMMUNITY_MEMBERS.delete("Удалить ошибочную запись об участии в сообществе")

    create_effective_practice = EFFECTIVE_PRACTICES.create("Подать эффективную практику на рассмотрение")
    update_effective_practice = EFFECTIVE_PRACTICES.update(
        "Изменить практику; организация меняет её только до рассмотрения"
    )
    review_effective_practice = EFFECTIVE_PRACTICES.set_status(
        "Отметить практику как рассмотренную экспертом (модератор)", PracticeStatus.REVIEWED, ReviewPracticeInput
    )
    publish_effective_practice = EFFECTIVE_PRACTICES.set_status(
        "Опубликовать практику (модератор); время первой публикации ставит сервер",
        PracticeStatus.PUBLISHED,
        ReviewPracticeInput,
    )
    reject_effective_practice = EFFECTIVE_PRACTICES.set_status(
        "Отклонить практику с комментарием эксперта (модератор)", PracticeStatus.REJECTED, RejectPracticeInput
    )
    delete_effective_practice = EFFECTIVE_PRACTICES.delete(
        "Удалить практику; рассмотренную или опубликованную удаляет только модератор"
    )

    create_roadmap_item = ROADMAP_ITEMS.create("Добавить пункт дорожной карты")
    update_roadmap_item = ROADMAP_ITEMS.update("Изменить пункт дорожной карты")
    delete_roadmap_item = ROADMAP_ITEMS.delete("Удалить пункт дорожной карты; мероприятия и показатели остаются без пункта")
