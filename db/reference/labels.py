"""Russian and English labels of every enumeration value, for descriptions and UI selects."""

from enum import Enum

from db import enums

Label = tuple[str, str]

LABELS: dict[type[Enum], tuple[Label, dict[str, Label]]] = {
    enums.MunicipalityKind: (
        ("Вид муниципального образования", "Kind of municipality"),
        {
            "URBAN_OKRUG": ("Городской округ", "Urban okrug"),
            "MUNICIPAL_OKRUG": ("Муниципальный округ", "Municipal okrug"),
            "MUNICIPAL_DISTRICT": ("Муниципальный район", "Municipal district"),
        },
    ),
    enums.OrganizationKind: (
        ("Вид образовательной организации", "Kind of educational organisation"),
        {
            "SCHOOL": ("Общеобразовательная организация", "School"),
            "ADDITIONAL_EDUCATION": (
                "Организация дополнительного образования",
                "Additional education organisation",
            ),
            "PRESCHOOL": ("Дошкольная образовательная организация", "Preschool"),
            "COLLEGE": ("Профессиональная образовательная организация", "College"),
            "UNIVERSITY": ("Образовательная организация высшего образования", "University"),
            "OTHER": ("Иная организация", "Other"),
        },
    ),
    enums.Orientation: (
        ("Направленность дополнительной общеобразовательной программы", "Programme orientation"),
        {
            "TECHNICAL": ("Техническая", "Technical"),
            "NATURAL_SCIENCE": ("Естественнонаучная", "Natural science"),
            "PHYSICAL_CULTURE_SPORTS": ("Физкультурно-спортивная", "Physical culture and sports"),
            "ARTS": ("Художественная", "Arts"),
            "TOURISM_LOCAL_HISTORY": ("Туристско-краеведческая", "Tourism and local history"),
            "SOCIAL_HUMANITARIAN": ("Социально-гуманитарная", "Social and humanitarian"),
        },
    ),
    enums.ProgramType: (
        ("Вид программы", "Programme type"),
        {
            "GENERAL_DEVELOPMENTAL": ("Общеразвивающая", "General developmental"),
            "PRE_PROFESSIONAL": ("Предпрофессиональная", "Pre-professional"),
        },
    ),
    enums.ProgramLevel: (
        ("Уровень программы", "Programme level"),
        {
            "STARTER": ("Стартовый (ознакомительный)", "Starter"),
            "BASIC": ("Базовый", "Basic"),
            "ADVANCED": ("Продвинутый (углублённый)", "Advanced"),
        },
    ),
    enums.StudyForm: (
        ("Форма обучения", "Form of study"),
        {
            "FULL_TIME": ("Очная", "Full-time"),
            "PART_TIME": ("Очно-заочная", "Part-time"),
            "EXTRAMURAL": ("Заочная", "Extramural"),
        },
    ),
    enums.FinancingSource: (
        ("Источник финансирования", "Financing source"),
        {
            "FREE": ("Бюджет (бесплатно)", "Budget (free)"),
            "CERTIFICATE": ("Сертификат ПФДО", "Additional education certificate"),
            "PAID": ("Платные услуги", "Paid"),
        },
    ),
    enums.ProgramStatus: (
        ("Статус программы", "Programme status"),
        {
            "DRAFT": ("Черновик", "Draft"),
            "PUBLISHED": ("Опубликована", "Published"),
            "ARCHIVED": ("В архиве", "Archived"),
        },
    ),
    enums.DisabilityCategory: (
        ("Категория обучающихся с ОВЗ", "Disability category"),
        {
            "DEAF": ("Глухие", "Deaf"),
            "HARD_OF_HEARING": ("Слабослышащие и позднооглохшие", "Hard of hearing"),
            "BLIND": ("Слепые", "Blind"),
            "VISUALLY_IMPAIRED": ("Слабовидящие", "Visually impaired"),
            "SEVERE_SPEECH_DISORDER": ("С тяжёлыми нарушениями речи", "Severe speech disorder"),
            "MUSCULOSKELETAL_DISORDER": (
                "С нарушениями опорно-двигательного аппарата",
                "Musculoskeletal disorder",
            ),
            "DEVELOPMENTAL_DELAY": ("С задержкой психического развития", "Developmental delay"),
            "AUTISM_SPECTRUM": ("С расстройствами аутистического спектра", "Autism spectrum"),
            "INTELLECTUAL_DISABILITY": (
                "С умственной отсталостью (интеллектуальными нарушениями)",
                "Intellectual disability",
            ),
            "MULTIPLE_SEVERE_DISABILITIES": (
                "Со сложными (тяжёлыми множественными) нарушениями развития",
                "Multiple severe disabilities",
            ),
            "OTHER": ("Иные ограничения здоровья", "Other"),
        },
    ),
    enums.ParticipantCategory: (
        ("Категория участника", "Participant category"),
        {
            "STUDENT": ("Обучающийся", "Student"),
            "TEACHER": ("Педагог", "Teacher"),
            "MANAGER": ("Руководитель, управленческая команда", "Manager"),
            "PARENT": ("Родитель (законный представитель)", "Parent or guardian"),
        },
    ),
    enums.Sex: (
        ("Пол", "Sex"),
        {"MALE": ("Мужской", "Male"), "FEMALE": ("Женский", "Female")},
    ),
    enums.EnrollmentStatus: (
        ("Статус зачисления", "Enrollment status"),
        {
            "ENROLLED": ("Зачислен", "Enrolled"),
            "COMPLETED": ("Завершил обучение", "Completed"),
            "WITHDRAWN": ("Отчислен", "Withdrawn"),
        },
    ),
    enums.InnovationSiteKind: (
        ("Вид инновационной площадки", "Kind of innovation site"),
        {
            "REGIONAL_INNOVATION_SITE": (
                "Региональная инновационная площадка",
                "Regional innovation site",
            ),
            "INTERNSHIP_SITE": ("Стажировочная площадка", "Internship site"),
            "RESOURCE_CENTER": ("Ресурсный центр", "Resource centre"),
            "DISCUSSION_PLATFORM": ("Дискуссионная площадка", "Discussion platform"),
        },
    ),
    enums.InnovationSiteStatus: (
        ("Статус инновационной площадки", "Innovation site status"),
        {
            "APPLIED": ("Подана заявка", "Applied"),
            "ACTIVE": ("Действует", "Active"),
            "EXTENDED": ("Статус продлён", "Extended"),
            "COMPLETED": ("Работа завершена", "Completed"),
            "REVOKED": ("Статус отозван", "Revoked"),
        },
    ),
    enums.TalentFocus: (
        ("Направление работы с талантами", "Talent focus"),
        {
            "IDENTIFICATION": ("Выявление", "Identification"),
            "SUPPORT": ("Поддержка", "Support"),
            "DEVELOPMENT": ("Развитие", "Development"),
        },
    ),
    enums.InnovationProductKind: (
        ("Вид инновационного продукта", "Kind of innovation product"),
        {
            "MODULAR_COURSE": ("Модульный курс", "Modular course"),
            "METHODICAL_MATERIAL": ("Методические материалы", "Methodical material"),
            "PROGRAM": ("Программа", "Programme"),
            "RECORDING": ("Видеозапись", "Recording"),
            "OTHER": ("Иной продукт", "Other"),
        },
    ),
    enums.EventKind: (
        ("Вид мероприятия", "Event kind"),
        {
            "OLYMPIAD": ("Олимпиада", "Olympiad"),
            "CONTEST": ("Конкурс", "Contest"),
            "CONFERENCE": ("Конференция", "Conference"),
            "FESTIVAL": ("Фестиваль", "Festival"),
            "PROJECT_SESSION": ("Проектная сессия", "Project session"),
            "METHODICAL_SESSION": ("Методическая сессия", "Methodical session"),
            "MASTER_CLASS": ("Мастер-класс", "Master class"),
            "WEBINAR": ("Вебинар", "Webinar"),
            "INTERNSHIP": ("Стажировка", "Internship"),
            "FOCUS_GROUP": ("Фокус-группа", "Focus group"),
            "DISCUSSION": ("Дискуссионная площадка", "Discussion"),
            "OTHER": ("Иное мероприятие", "Other"),
        },
    ),
    enums.EventLevel: (
        ("Уровень мероприятия", "Event level"),
        {
            "SCHOOL": ("Школьный", "School"),
            "MUNICIPAL": ("Муниципальный", "Municipal"),
            "REGIONAL": ("Региональный", "Regional"),
            "INTERREGIONAL": ("Межрегиональный", "Interregional"),
            "ALL_RUSSIAN": ("Всероссийский", "All-Russian"),
            "INTERNATIONAL": ("Международный", "International"),
        },
    ),
    enums.OlympiadStage: (
        ("Этап всероссийской олимпиады школьников", "All-Russian olympiad stage"),
        {
            "SCHOOL": ("Школьный этап", "School stage"),
            "MUNICIPAL": ("Муниципальный этап", "Municipal stage"),
            "REGIONAL": ("Региональный этап", "Regional stage"),
            "FINAL": ("Заключительный этап", "Final stage"),
        },
    ),
    enums.EventFormat: (
        ("Формат мероприятия", "Event format"),
        {
            "ONLINE": ("Дистанционно", "Online"),
            "OFFLINE": ("Очно", "Offline"),
            "HYBRID": ("Смешанный формат", "Hybrid"),
        },
    ),
    enums.ParticipationResult: (
        ("Результат участия", "Participation result"),
        {
            "PARTICIPANT": ("Участник", "Participant"),
            "PRIZE_WINNER": ("Призёр", "Prize winner"),
            "WINNER": ("Победитель", "Winner"),
            "LAUREATE": ("Лауреат", "Laureate"),
            "DIPLOMA_HOLDER": ("Дипломант", "Diploma holder"),
        },
    ),
    enums.RoadmapItemStatus: (
        ("Статус пункта дорожной карты", "Roadmap item status"),
        {
            "PLANNED": ("Запланирован", "Planned"),
            "IN_PROGRESS": ("Выполняется", "In progress"),
            "DONE": ("Выполнен", "Done"),
            "OVERDUE": ("Просрочен", "Overdue"),
        },
    ),
    enums.PublicationKind: (
        ("Вид публикации", "Publication kind"),
        {
            "NEWS": ("Новость", "News"),
            "ANNOUNCEMENT": ("Объявление", "Announcement"),
            "REPORT": ("Отчёт", "Report"),
            "METHODICAL_LETTER": ("Методическое письмо", "Methodical letter"),
        },
    ),
    enums.PublicationStatus: (
        ("Статус публикации", "Publication status"),
        {
            "DRAFT": ("Черновик", "Draft"),
            "PUBLISHED": ("Опубликована", "Published"),
            "ARCHIVED": ("В архиве", "Archived"),
        },
    ),
    enums.CommunityMemberRole: (
        ("Роль в профессиональном сообществе", "Role in a professional community"),
        {
            "LEADER": ("Руководитель сообщества", "Community leader"),
            "MEMBER": ("Участник сообщества", "Community member"),
        },
    ),
    enums.PracticeStatus: (
        ("Статус эффективной практики", "Effective practice status"),
        {
            "SUBMITTED": ("Подана на рассмотрение", "Submitted"),
            "REVIEWED": ("Рассмотрена экспертом", "Reviewed"),
            "PUBLISHED": ("Опубликована", "Published"),
            "REJECTED": ("Отклонена", "Rejected"),
        },
    ),
    enums.RecognitionLevel: (
        ("Уровень признания практики", "Level of recognition"),
        {
            "SCHOOL": ("Уровень организации", "School"),
            "MUNICIPAL": ("Муниципальный", "Municipal"),
            "REGIONAL": ("Региональный", "Regional"),
            "ALL_RUSSIAN": ("Всероссийский", "All-Russian"),
        },
    ),
}
