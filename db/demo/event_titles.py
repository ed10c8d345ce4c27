"""Word material for demo event titles: olympiad subjects, event names and adult topics."""

from dataclasses import dataclass
from enum import Enum

from db.enums import EventKind, EventLevel, OlympiadStage, Orientation

TECHNICAL = Orientation.TECHNICAL
NATURAL_SCIENCE = Orientation.NATURAL_SCIENCE
SPORTS = Orientation.PHYSICAL_CULTURE_SPORTS
ARTS = Orientation.ARTS
TOURISM = Orientation.TOURISM_LOCAL_HISTORY
SOCIAL = Orientation.SOCIAL_HUMANITARIAN


@dataclass(frozen=True)
class OlympiadSubject:
    name: str
    # The subject after «по»: «олимпиада по математике».
    dative: str
    orientation: Orientation
    # Relative number of olympiad events in the subject.
    weight: float


# The subjects of the all-Russian school olympiad (всероссийская олимпиада школьников).
OLYMPIAD_SUBJECTS = (
    OlympiadSubject("английский язык", "английскому языку", SOCIAL, 1.0),
    OlympiadSubject("астрономия", "астрономии", NATURAL_SCIENCE, 0.5),
    OlympiadSubject("биология", "биологии", NATURAL_SCIENCE, 1.0),
    OlympiadSubject("география", "географии", NATURAL_SCIENCE, 0.8),
    OlympiadSubject("информатика", "информатике", TECHNICAL, 0.9),
    OlympiadSubject("искусство (МХК)", "искусству (МХК)", ARTS, 0.5),
    OlympiadSubject("испанский язык", "испанскому языку", SOCIAL, 0.15),
    OlympiadSubject("история", "истории", SOCIAL, 1.0),
    OlympiadSubject("итальянский язык", "итальянскому языку", SOCIAL, 0.1),
    OlympiadSubject("китайский язык", "китайскому языку", SOCIAL, 0.15),
    OlympiadSubject("литература", "литературе", SOCIAL, 1.0),
    OlympiadSubject("математика", "математике", NATURAL_SCIENCE, 1.2),
    OlympiadSubject("немецкий язык", "немецкому языку", SOCIAL, 0.5),
    OlympiadSubject(
        "основы безопасности и защиты Родины", "основам безопасности и защиты Родины", SOCIAL, 0.7
    ),
    OlympiadSubject("обществознание", "обществознанию", SOCIAL, 1.0),
    OlympiadSubject("право", "праву", SOCIAL, 0.7),
    OlympiadSubject("русский язык", "русскому языку", SOCIAL, 1.2),
    OlympiadSubject("труд (технология)", "труду (технологии)", TECHNICAL, 0.8),
    OlympiadSubject("физика", "физике", NATURAL_SCIENCE, 1.0),
    OlympiadSubject("физическая культура", "физической культуре", SPORTS, 0.9),
    OlympiadSubject("французский язык", "французскому языку", SOCIAL, 0.3),
    OlympiadSubject("химия", "химии", NATURAL_SCIENCE, 0.9),
    OlympiadSubject("экология", "экологии", NATURAL_SCIENCE, 0.7),
    OlympiadSubject("экономика", "экономике", SOCIAL, 0.6),
)

STAGE_ADJECTIVES = {
    OlympiadStage.SCHOOL: "Школьный",
    OlympiadStage.MUNICIPAL: "Муниципальный",
    OlympiadStage.REGIONAL: "Региональный",
    OlympiadStage.FINAL: "Заключительный",
}


class Gender(Enum):
    MASCULINE = 0
    FEMININE = 1
    NEUTER = 2


M, F, N = Gender.MASCULINE, Gender.FEMININE, Gender.NEUTER

# The level adjective in the masculine, feminine and neuter: «Региональный конкурс».
LEVEL_ADJECTIVES = {
    EventLevel.SCHOOL: ("Школьный", "Школьная", "Школьное"),
    EventLevel.MUNICIPAL: ("Муниципальный", "Муниципальная", "Муниципальное"),
    EventLevel.REGIONAL: ("Региональный", "Региональная", "Региональное"),
    EventLevel.INTERREGIONAL: ("Межрегиональный", "Межрегиональная", "Межрегиональное"),
    EventLevel.ALL_RUSSIAN: ("Всероссийский", "Всероссийская", "Всероссийское"),
    EventLevel.INTERNATIONAL: ("Международный", "Международная", "Международное"),
}


@dataclass(frozen=True)
class EventName:
    """A children's event name after its level adjective, with its grammatical gender."""

    phrase: str
    gender: Gender
    orientation: Orientation | None

    def title(self, level: EventLevel) -> str:
        return f"{LEVEL_ADJECTIVES[level][self.gender.value]} {self.phrase}"


CHILDREN_EVENT_NAMES = {
    EventKind.CONTEST: (
        EventName("конкурс технического творчества «Изобретатель»", M, TECHNICAL),
        EventName("конкурс по робототехнике «Роботы Урала»", M, TECHNICAL),
        EventName("конкурс юных программистов «Алгоритм»", M, TECHNICAL),
        EventName("конкурс 3D-моделирования «Объём»", M, TECHNICAL),
        EventName("экологический конкурс «Зелёная планета»", M, NATURAL_SCIENCE),
        EventName("конкурс исследовательских проектов «Юный естествоиспытатель»", M, NATURAL_SCIENCE),
        EventName("турнир юных математиков «Уральский квадрат»", M, NATURAL_SCIENCE),
        EventName("конкурс чтецов «Живое слово»", M, ARTS),
        EventName("конкурс детского рисунка «Южный Урал — мой край»", M, ARTS),
        EventName("вокальный конкурс «Звонкие голоса»", M, ARTS),
        EventName("конкурс хореографических коллективов «Танцевальная капель»", M, ARTS),
        EventName("первенство по мини-футболу среди школьных команд", N, SPORTS),
        EventName("шахматный турнир «Белая ладья»", M, SPORTS),
        EventName("турнир по волейболу «Серебряный мяч»", M, SPORTS),
        EventName("слёт юных туристов", M, TOURISM),
        EventName("конкурс краеведческих работ «Берёзовый край»", M, TOURISM),
        EventName("конкурс юных журналистов «Пресс-центр»", M, SOCIAL),
        EventName("конкурс социальных проектов «Я — гражданин»", M, SOCIAL),
        EventName("конкурс «Ученик года»", M, SOCIAL),
        EventName("конкурс знатоков права «Фемида»", M, SOCIAL),
    ),
    EventKind.CONFERENCE: (
        EventName("научно-практическая конференция школьников «Шаг в науку»", F, NATURAL_SCIENCE),
        EventName("конференция исследовательских работ «Юный исследователь»", F, NATURAL_SCIENCE),
        EventName("краеведческая конференция «Мой край — Южный Урал»", F, TOURISM),
        EventName("конференция проектных работ «Инженеры будущего»", F, TECHNICAL),
        EventName("экологическая конференция «Природа родного края»", F, NATURAL_SCIENCE),
        EventName("конференция школьников «Человек и общество»", F, SOCIAL),
    ),
    EventKind.FESTIVAL: (
        EventName("фестиваль детского творчества «Уральские самоцветы»", M, ARTS),
        EventName("фестиваль робототехники «Техносфера»", M, TECHNICAL),
        EventName("фестиваль народного творчества «Берёзка»", M, ARTS),
        EventName("спортивный фестиваль «Олимпийские надежды»", M, SPORTS),
        EventName("фестиваль детской журналистики «Медиапоток»", M, SOCIAL),
        EventName("театральный фестиваль «Золотой ключик»", M, ARTS),
        EventName("фестиваль ГТО среди обучающихся", M, SPORTS),
    ),
    EventKind.OTHER: (
        EventName("профильная смена «Академия талантов»", F, None),
        EventName("профильная смена «Инженерные каникулы»", F, TECHNICAL),
        EventName("профильная смена «Олимпийский резерв»", F, NATURAL_SCIENCE),
        EventName("летняя школа «Шаг в профессию»", F, SOCIAL),
    ),
}

# Online events that start around midnight at the turn of the school year.
BOUNDARY_EVENT_NAMES = (
    (EventKind.OTHER, EventName("онлайн-марафон «Навстречу учебному году»", M, SOCIAL)),
    (EventKind.CONTEST, EventName("онлайн-викторина «Первое сентября»", F, SOCIAL)),
    (EventKind.OTHER, EventName("ночной онлайн-квест «Последний день каникул»", M, TOURISM)),
)

# The noun an adult event's title starts with: «Вебинар «…»».
ADULT_EVENT_NOUNS = {
    EventKind.METHODICAL_SESSION: "Методический семинар",
    EventKind.WEBINAR: "Вебинар",
    EventKind.FOCUS_GROUP: "Фокус-группа",
    EventKind.PROJECT_SESSION: "Проектная сессия",
    EventKind.MASTER_CLASS: "Мастер-класс",
    EventKind.INTERNSHIP: "Стажировка",
    EventKind.DISCUSSION: "Дискуссионная площадка",
}

TEACHER_TOPICS = (
    "Выявление одарённости в начальной школе",
    "Индивидуальный образовательный маршрут одарённого ребёнка",
    "Наставничество в работе с одарёнными детьми",
    "Подготовка обучающихся к олимпиадам",
    "Психолого-педагогическое сопровождение одарённых детей",
    "Одарённые дети с ОВЗ: инклюзивные практики",
    "Сетевые программы дополнительного образования",
    "Проектная деятельность школьников",
    "Цифровые ресурсы для работы с одарёнными детьми",
    "Профориентация одарённых старшеклассников",
    "Дополнительное образование в сельской школе",
    "Работа с мотивацией обучающихся",
    "Исследовательская деятельность в дополнительном образовании",
    "Технологическое образование и инженерные классы",
    "Организация школьного этапа олимпиады",
    "Педагог-наставник: кадровый резерв",
)

PARENT_TOPICS = (
    "Как поддержать интерес ребёнка к учёбе",
    "Роль семьи в развитии способностей ребёнка",
    "Одарённый ребёнок в семье: трудности и решения",
    "Как выбрать кружок для ребёнка",
    "Олимпиады и конкурсы: что нужно знать родителям",
    "Навигатор дополнительного образования: запись на программы",
)
