"""Monitoring: participation statistics, coverage, trends, alerts and indicators."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from db.timezone import school_year_label
from resolvers.loaders import load_row
from resolvers.monitoring import alerts as alert_rules
from resolvers.monitoring import coverage as coverage_rules
from resolvers.monitoring import indicators as indicator_rules
from resolvers.monitoring import information as information_rules
from resolvers.monitoring import participation as participation_stats
from resolvers.monitoring import trends as trend_rules
from resolvers.monitoring.dimensions import ParticipationDimension as DimensionEnum
from resolvers.monitoring.export_links import export_links
from schema.common import Info
from schema.enums import (
    EventKind,
    EventLevel,
    OlympiadStage,
    Orientation,
    ParticipantCategory,
    ParticipationResult,
    Sex,
    register_labels,
)

if TYPE_CHECKING:
    from schema.geography import Municipality
    from schema.organizations import Organization

MunicipalityRef = Annotated["Municipality", strawberry.lazy("schema.geography")]
OrganizationRef = Annotated["Organization", strawberry.lazy("schema.organizations")]

ParticipationDimension = strawberry.enum(DimensionEnum, description="Измерение группировки статистики участия")
register_labels(
    ParticipationDimension,
    {
        "MUNICIPALITY": ("Муниципальное образование", "Municipality"),
        "ORGANIZATION": ("Образовательная организация", "Organisation"),
        "SCHOOL_YEAR": ("Учебный год", "School year"),
        "ORIENTATION": ("Направленность", "Orientation"),
        "EVENT_LEVEL": ("Уровень мероприятия", "Event level"),
        "EVENT_KIND": ("Вид мероприятия", "Event kind"),
        "OLYMPIAD_STAGE": ("Этап олимпиады", "Olympiad stage"),
        "RESULT": ("Результат участия", "Result"),
        "PARTICIPANT_CATEGORY": ("Категория участника", "Participant category"),
        "SEX": ("Пол", "Sex"),
        "GRADE": ("Класс", "Grade"),
        "DISABILITY_STATUS": ("Статус ОВЗ", "Disability status"),
        "IN_FEDERAL_LIST": ("Мероприятие из федерального перечня", "Event in the federal list"),
    },
)


@strawberry.type(description="Доля: числитель, знаменатель и значение от 0 до 1; сохраняет исходные числа для пересчёта")
class Share:
    numerator: int | None = strawberry.field(description="Числитель")
    denominator: int | None = strawberry.field(description="Знаменатель")

    @strawberry.field(description="Числитель, делённый на знаменатель (от 0 до 1, не проценты); null при нулевом знаменателе")
    def value(root: participation_stats.Share) -> float | None:
        return root.value


@strawberry.type(description="Ключи группы: значения измерений, по которым группировали; null — не группировали")
class ParticipationGroupKeys:
    # The root fields load these rows for every group at once (participation_stats.attach_related).
    @strawberry.field(description="Муниципальное образование; null, если не группировали по нему")
    def municipality(root: participation_stats.StatsRow) -> MunicipalityRef | None:
        return root.related.get("municipality")

    @strawberry.field(description="Организация; null, если не группировали по ней или организация не указана")
    def organization(root: participation_stats.StatsRow) -> OrganizationRef | None:
        return root.related.get("organization")

    @strawberry.field(description="Учебный год (год начала)")
    def school_year(root: participation_stats.StatsRow) -> int | None:
        return root.keys.get("school_year")

    @strawberry.field(description="Учебный год в виде «2024/25»")
    def school_year_label(root: participation_stats.StatsRow) -> str | None:
        year = root.keys.get("school_year")
        return school_year_label(year) if year is not None else None

    @strawberry.field(description="Направленность мероприятия")
    def orientation(root: participation_stats.StatsRow) -> Orientation | None:
        return root.keys.get("orientation")

    @strawberry.field(description="Уровень мероприятия")
    def event_level(root: participation_stats.StatsRow) -> EventLevel | None:
        return root.keys.get("event_level")

    @strawberry.field(description="Вид мероприятия")
    def event_kind(root: participation_stats.StatsRow) -> EventKind | None:
        return root.keys.get("event_kind")

    @strawberry.field(description="Этап всероссийской олимпиады")
    def olympiad_stage(root: participation_stats.StatsRow) -> OlympiadStage | None:
        return root.keys.get("olympiad_stage")

    @strawberry.field(description="Результат участия")
    def result(root: participation_stats.StatsRow) -> ParticipationResult | None:
        return root.keys.get("result")

    @strawberry.field(description="Категория участника")
    def participant_category(root: participation_stats.StatsRow) -> ParticipantCategory | None:
        return root.keys.get("participant_category")

    @strawberry.field(description="Пол")
    def sex(root: participation_stats.StatsRow) -> Sex | None:
        return root.keys.get("sex")

    @strawberry.field(description="Класс")
    def grade(root: participation_stats.StatsRow) -> int | None:
        return root.keys.get("grade")

    @strawberry.field(description="Есть ли у участников статус ОВЗ")
    def disability_status(root: participation_stats.StatsRow) -> bool | None:
        return root.keys.get("disability_status")

    @strawberry.field(description="Мероприятие из федерального перечня")
    def in_federal_list(root: participation_stats.StatsRow) -> bool | None:
        return root.keys.get("in_federal_list")



@strawberry.type(description="Строка статистики участия: ключи группировки и показатели")
class ParticipationStatsRow(ParticipationGroupKeys):
    participations: int | None = strawberry.field(description="Число участий; null в скрытой ячейке")
    participants: int | None = strawberry.field(
        description="Число разных участников (человек); null в скрытой ячейке. Не складывается по строкам: "
        "один человек может попасть в несколько строк"
    )
    winners: int | None = strawberry.field(description="Число участий с результатом «победитель»")
    prize_winners: int | None = strawberry.field(description="Число участий с результатом «призёр»")
    suppressed: bool = strawberry.field(
        description="Ячейка скрыта: она описывает меньше людей, чем порог, или скрыта, чтобы её нельзя было вычислить"
    )

    @strawberry.field(description="Доля участий, завершившихся победой или призовым местом")
    def winners_and_prize_winners_share(root: participation_stats.StatsRow) -> Share:
        return root.winners_and_prize_winners_share  # type: ignore[return-value]


@strawberry.type(description="Ссылки на те же числа в виде файлов для Excel")
class ExportUrls:
    csv: str = strawberry.field(description="CSV в UTF-8 с BOM и разделителем «;»")
    xlsx: str = strawberry.field(description="Книга Excel с русскими заголовками")


def _links(root: object) -> ExportUrls:
    links = getattr(root, "export_links", None) or {"csv": "", "xlsx": ""}
    return ExportUrls(csv=links["csv"], xlsx=links["xlsx"])


@strawberry.type(description="Статистика участия в мероприятиях")
class ParticipationStats:
    rows: list[ParticipationStatsRow] = strawberry.field(description="Строки по сочетаниям ключей группировки")
    total: ParticipationStatsRow = strawberry.field(description="Итог по всем участиям под фильтром")
    as_of: datetime = strawberry.field(description="Момент данных, из которых посчитаны числа")
    suppression_threshold: int = strawberry.field(
        description="Порог: ячейки о меньшем числе людей скрываются для ролей без доступа к персональным данным"
    )
    grouped_by: list[ParticipationDimension] = strawberry.field(description="Измерения группировки запроса")

    @strawberry.field(description="Скачать эти числа: относительные адреса CSV и XLSX с теми же аргументами")
    def export_urls(root: participation_stats.ParticipationStats) -> ExportUrls:
        return _links(root)


@strawberry.input(description="Фильтр статистики участия; списки означают «любое из», условия объединяются по И")
class ParticipationStatsFilter:
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
    event_levels: list[EventLevel] | None = strawberry.field(default=None, description="Любой из уровней")
    event_kinds: list[EventKind] | None = strawberry.field(default=None, description="Любой из видов")
    olympiad_stages: list[OlympiadStage] | None = strawberry.field(default=None, description="Любой из этапов")
    orientations: list[Orientation] | None = strawberry.field(default=None, description="Любая из направленностей")
    participant_categories: list[ParticipantCategory] | None = strawberry.field(
        default=None, description="Любая из категорий участников"
    )
    has_disability_status: bool | None = strawberry.field(default=None, description="Участники со статусом ОВЗ")
    in_federal_list: bool | None = strawberry.field(default=None, description="Мероприятия федерального перечня")
    results: list[ParticipationResult] | None = strawberry.field(default=None, description="Любой из результатов")


CoverageDimension = strawberry.enum(coverage_rules.CoverageDimension, description="Измерение группировки охвата")
register_labels(
    CoverageDimension,
    {
        "MUNICIPALITY": ("Муниципальное образование", "Municipality"),
        "ORIENTATION": ("Направленность программы", "Programme orientation"),
        "DISABILITY_STATUS": ("Статус ОВЗ", "Disability status"),
    },
)
MonitoringMetric = strawberry.enum(trend_rules.MonitoringMetric, description="Показатель для динамики")
register_labels(
    MonitoringMetric,
    {
        "PARTICIPATIONS": ("Число участий", "Participations"),
        "PARTICIPANTS": ("Число участников", "Participants"),
        "WINNERS": ("Число победителей", "Winners"),
        "PRIZE_WINNERS": ("Число призёров", "Prize winners"),
        "WINNERS_AND_PRIZE_WINNERS_SHARE": ("Доля победителей и призёров", "Share of winners and prize winners"),
    },
)
AlertKind = strawberry.enum(alert_rules.AlertKind, description="Вид сигнала мониторинга")
register_labels(
    AlertKind,
    {
        "PARTICIPATION_DROP": ("Снижение участия", "Participation drop"),
        "COVERAGE_BELOW_TARGET": ("Охват ниже цели", "Coverage below target"),
        "NO_DISABLED_PARTICIPANTS": ("Нет участников с ОВЗ", "No participants with a disability status"),
        "LOW_WINNERS_SHARE": ("Низкая доля победителей и призёров", "Low share of winners and prize winners"),
        "STRONG_GROWTH": ("Сильный рост участия", "Strong growth"),
    },
)
AlertSeverity = strawberry.enum(alert_rules.AlertSeverity, description="Характер сигнала")
register_labels(
    AlertSeverity,
    {"PROBLEM": ("Проблема", "Problem"), "POSITIVE": ("Положительная динамика", "Positive trend")},
)


@strawberry.type(description="Строка охвата: ключи группы, число охваченных детей и численность детей")
class CoverageRow:
    @strawberry.field(description="Муниципальное образование; null, если не группировали по нему")
    async def municipality(root: coverage_rules.CoverageRow, info: Info) -> MunicipalityRef | None:
        return await load_row(info.context, models.Municipality, root.keys.get("municipality_id"))

    @strawberry.field(description="Направленность программы; null, если не группировали по ней")
    def orientation(root: coverage_rules.CoverageRow) -> Orientation | None:
        return root.keys.get("orientation")

    @strawberry.field(description="Статус ОВЗ; null, если не группировали по нему")
    def disability_status(root: coverage_rules.CoverageRow) -> bool | None:
        return root.keys.get("disability_status")

    enrolled_children: int | None = strawberry.field(
        description="Разные обучающиеся 5–18 лет (по году рождения), зачисленные на программы в учебном году "
        "и не отчисленные; null в скрытой ячейке"
    )
    child_population: int | None = strawberry.field(
        description="Численность детей 5–18 лет; null, если неизвестна (для групп по статусу ОВЗ её нет)"
    )
    target: float = strawberry.field(description="Целевой охват, доля от 0 до 1")
    suppressed: bool = strawberry.field(description="Ячейка скрыта как малая или вычислимая из других")

    @strawberry.field(description="Охват: зачисленные дети, делённые на численность детей")
    def coverage(root: coverage_rules.CoverageRow) -> Share:
        return root.coverage  # type: ignore[return-value]

    @strawberry.field(description="Достигнута ли цель; null, если охват не вычисляется")
    def meets_target(root: coverage_rules.CoverageRow) -> bool | None:
        return root.meets_target


@strawberry.type(description="Охват детей 5–18 лет дополнительным образованием")
class CoverageStats:
    school_year: int = strawberry.field(description="Учебный год (год начала)")
    rows: list[CoverageRow] = strawberry.field(description="Строки по группам")
    total: CoverageRow = strawberry.field(description="Итог по региону")
    target: float = strawberry.field(description="Целевой охват, доля от 0 до 1 (по умолчанию 0,8)")
    as_of: datetime = strawberry.field(description="Момент данных")
    suppression_threshold: int = strawberry.field(description="Порог скрытия малых ячеек")
    grouped_by: list[CoverageDimension] = strawberry.field(description="Измерения группировки")

    @strawberry.field(description="Скачать эти числа: относительные адреса CSV и XLSX с теми же аргументами")
    def export_urls(root: coverage_rules.CoverageStats) -> ExportUrls:
        return _links(root)


@strawberry.type(description="Точка динамики: значение показателя в учебном году и изменение к прошлому году")
class TrendPoint:
    school_year: int = strawberry.field(description="Учебный год (год начала)")
    value: float | None = strawberry.field(description="Значение; null, если ячейка скрыта или доля не определена")
    change: float | None = strawberry.field(description="Изменение к предыдущему году в единицах показателя")
    change_percent: float | None = strawberry.field(
        description="Изменение к предыдущему году в процентах; null, если предыдущее значение 0 или неизвестно"
    )
    suppressed: bool = strawberry.field(description="Ячейка скрыта как малая или вычислимая из других")

    @strawberry.field(description="Учебный год в виде «2024/25»")
    def school_year_label(root: trend_rules.TrendPoint) -> str:
        return school_year_label(root.school_year)


AS_OF = "Момент данных, из которых посчитаны числа"
LIST_EXPORT = "Скачать весь ответ этого поля: относительные адреса CSV и XLSX с теми же аргументами"


@strawberry.type(description="Ряд динамики одной группы")
class TrendSeries(ParticipationGroupKeys):
    points: list[TrendPoint] = strawberry.field(description="Точки по учебным годам по порядку")
    as_of: datetime = strawberry.field(description=AS_OF)

    @strawberry.field(description=LIST_EXPORT)
    def export_urls(root: trend_rules.TrendSeries) -> ExportUrls:
        return _links(root)


@strawberry.input(description="Какие сигналы показать")
class AlertFilter:
    kinds: list[AlertKind] | None = strawberry.field(default=None, description="Любой из видов")
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID)"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )


@strawberry.input(description="Пороги сигналов")
class AlertThresholds:
    participation_drop_percent: float = strawberry.field(
        default=20.0, description="Снижение числа участников к прошлому году, %, начиная с которого есть сигнал"
    )
    growth_percent: float = strawberry.field(default=30.0, description="Рост числа участников, %, для сигнала о росте")
    winners_share_ratio: float = strawberry.field(
        default=0.5,
        description="Сигнал, если доля победителей и призёров ниже региональной, умноженной на это число",
    )
    min_participations: int = strawberry.field(
        default=50, description="Минимум участий в муниципалитете, чтобы сравнивать долю победителей"
    )


@strawberry.type(description="Сигнал мониторинга: проблема или положительная динамика")
class MonitoringAlert:
    kind: AlertKind = strawberry.field(description="Вид сигнала")
    severity: AlertSeverity = strawberry.field(description="Проблема или положительная динамика")
    metric: str = strawberry.field(description="Показатель, по которому сработал сигнал")
    value: float | None = strawberry.field(description="Значение показателя")
    comparison_value: float | None = strawberry.field(
        description="С чем сравнивали: прошлый год, цель или региональное значение"
    )
    message: str = strawberry.field(description="Что не так и где, на языке запроса")
    as_of: datetime = strawberry.field(description=AS_OF)

    @strawberry.field(description=LIST_EXPORT)
    def export_urls(root: alert_rules.Alert) -> ExportUrls:
        return _links(root)

    @strawberry.field(description="Муниципальное образование")
    async def municipality(root: alert_rules.Alert, info: Info) -> MunicipalityRef | None:
        return await load_row(info.context, models.Municipality, root.municipality_id)

    @strawberry.field(description="Организация, если сигнал о ней")
    async def organization(root: alert_rules.Alert, info: Info) -> OrganizationRef | None:
        return await load_row(info.context, models.Organization, root.organization_id)


@strawberry.type(description="Целевой показатель: цель на учебный год и фактическое значение")
class IndicatorValue:
    code: str = strawberry.field(description="Код показателя")
    title: str = strawberry.field(description="Наименование")
    unit: str = strawberry.field(description="Единица измерения")
    target: float | None = strawberry.field(description="Цель на учебный год; null, если не задана")
    actual: float | None = strawberry.field(description="Фактическое значение; null, если не вычисляется или скрыто")
    as_of: datetime = strawberry.field(description=AS_OF)

    @strawberry.field(description=LIST_EXPORT)
    def export_urls(root: indicator_rules.IndicatorValue) -> ExportUrls:
        return _links(root)

    @strawberry.field(description="Достигнута ли цель; null, если цель или факт неизвестны")
    def achieved(root: indicator_rules.IndicatorValue) -> bool | None:
        return root.achieved


InformationDimension = strawberry.enum(
    information_rules.InformationDimension, description="Измерение группировки мониторинга информирования"
)
register_labels(
    InformationDimension,
    {
        "MUNICIPALITY": ("Муниципальное образование", "Municipality"),
        "SCHOOL_YEAR": ("Учебный год", "School year"),
    },
)


@strawberry.type(
    description="Строка мониторинга информирования: ключи группы и числа публикаций, сообществ, их участников "
    "и опубликованных практик"
)
class InformationStatsRow:
    @strawberry.field(description="Муниципальное образование; null, если не группировали по нему или это публикации для всей области")
    async def municipality(root: information_rules.InformationRow, info: Info) -> MunicipalityRef | None:
        return await load_row(info.context, models.Municipality, root.keys.get("municipality_id"))

    @strawberry.field(
        description="При группировке по муниципальным образованиям true в строке публикаций для всей области "
        "(у неё municipality = null); без этой группировки null"
    )
    def region_wide(root: information_rules.InformationRow) -> bool | None:
        if "municipality_id" not in root.keys:
            return None
        return root.keys["municipality_id"] is None

    @strawberry.field(description="Учебный год (год начала); null, если не группировали по нему")
    def school_year(root: information_rules.InformationRow) -> int | None:
        return root.keys.get("school_year")

    @strawberry.field(description="Учебный год в виде «2024/25»")
    def school_year_label(root: information_rules.InformationRow) -> str | None:
        year = root.keys.get("school_year")
        return school_year_label(year) if year is not None else None

    publications: int = strawberry.field(
        description="Публикации, впервые опубликованные в учебном году (сейчас опубликованные или в архиве), "
        "по муниципальному образованию, которому они адресованы"
    )
    communities: int = strawberry.field(
        description="Профессиональные сообщества, работавшие хотя бы день учебного года, по муниципальному "
        "образованию организации-координатора"
    )
    members: int = strawberry.field(
        description="Разные педагоги и руководители, состоявшие в сообществах хотя бы день учебного года, по их "
        "муниципальному образованию. Не складывается по строкам: человек может попасть в несколько лет"
    )
    published_practices: int = strawberry.field(
        description="Опубликованные эффективные практики, впервые опубликованные в учебном году, по муниципальному "
        "образованию организации"
    )


@strawberry.type(
    description="Мониторинг информирования участников: публикации, профессиональные сообщества, их участники и "
    "опубликованные практики. Числа не описывают детей, поэтому малые ячейки не скрываются"
)
class InformationStats:
    rows: list[InformationStatsRow] = strawberry.field(description="Строки по сочетаниям ключей группировки")
    total: InformationStatsRow = strawberry.field(
        description="Итог за весь период: сообщества и участники посчитаны по одному разу"
    )
    from_school_year: int = strawberry.field(description="Первый учебный год периода")
    to_school_year: int = strawberry.field(description="Последний учебный год периода")
    as_of: datetime = strawberry.field(description="Момент данных, из которых посчитаны числа")
    grouped_by: list[InformationDimension] = strawberry.field(description="Измерения группировки запроса")


@strawberry.input(description="Фильтр мониторинга информирования")
class InformationStatsFilter:
    municipality_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (глобальные ID); публикации для всей области не входят"
    )
    municipality_codes: list[str] | None = strawberry.field(
        default=None, description="Любое из муниципальных образований (код справочника или ОКТМО)"
    )


@strawberry.type(description="Мониторинг участия и результатов: агрегаты без персональных данных")
class Monitoring:
    @strawberry.field(description="Статистика участия, сгруппированная по 0–4 измерениям, со скрытием малых ячеек")
    async def participation(
        self,
        info: Info,
        group_by: Annotated[
            list[ParticipationDimension], strawberry.argument(description="Измерения группировки, не больше четырёх")
        ],
        filter: ParticipationStatsFilter | None = None,
    ) -> ParticipationStats:
        stats = await participation_stats.participation_stats(info.context, filter, group_by)
        await participation_stats.attach_related(info.context, stats.rows)
        stats.export_links = export_links("participation", {"group_by": group_by}, filter)
        return stats  # type: ignore[return-value]

    @strawberry.field(description="Охват детей 5–18 лет дополнительным образованием против цели")
    async def coverage(
        self,
        info: Info,
        school_year: Annotated[int, strawberry.argument(description="Учебный год (год начала)")],
        group_by: Annotated[list[CoverageDimension], strawberry.argument(description="Измерения группировки")],
    ) -> CoverageStats:
        stats = await coverage_rules.coverage_stats(info.context, school_year, group_by)
        stats.export_links = export_links("coverage", {"school_year": school_year, "group_by": group_by})
        return stats  # type: ignore[return-value]

    @strawberry.field(description="Динамика показателя по учебным годам: ряд на группу")
    async def trends(
        self,
        info: Info,
        metric: Annotated[MonitoringMetric, strawberry.argument(description="Показатель")],
        from_school_year: Annotated[int, strawberry.argument(description="Первый учебный год")],
        to_school_year: Annotated[int, strawberry.argument(description="Последний учебный год")],
        group_by: Annotated[
            list[ParticipationDimension], strawberry.argument(description="Измерения групп, не больше трёх")
        ],
    ) -> list[TrendSeries]:
        series = await trend_rules.trends(info.context, metric, from_school_year, to_school_year, group_by)
        await participation_stats.attach_related(info.context, series)
        arguments = {
            "metric": metric,
            "from_school_year": from_school_year,
            "to_school_year": to_school_year,
            "group_by": group_by,
        }
        links = export_links("trends", arguments)
        for item in series:
            item.export_links = links
        return series  # type: ignore[return-value]

    @strawberry.field(description="Сигналы для управленческих решений: проблемы и положительная динамика")
    async def alerts(
        self,
        info: Info,
        school_year: Annotated[int, strawberry.argument(description="Учебный год (год начала)")],
        filter: AlertFilter | None = None,
        thresholds: AlertThresholds | None = None,
    ) -> list[MonitoringAlert]:
        found = await alert_rules.alerts(info.context, school_year, filter, thresholds)
        arguments = {"school_year": school_year, **(vars(thresholds) if thresholds is not None else {})}
        links = export_links("alerts", arguments, filter)
        for alert in found:
            alert.export_links = links
        return found  # type: ignore[return-value]

    @strawberry.field(
        description="Информирование участников: публикации, профессиональные сообщества, их участники и опубликованные "
        "практики по муниципальным образованиям и учебным годам"
    )
    async def information(
        self,
        info: Info,
        from_school_year: Annotated[int, strawberry.argument(description="Первый учебный год (год начала)")],
        to_school_year: Annotated[
            int, strawberry.argument(description="Последний учебный год; период не длиннее 20 лет")
        ],
        group_by: Annotated[
            list[InformationDimension], strawberry.argument(description="Измерения группировки: 0, 1 или 2")
        ],
        filter: InformationStatsFilter | None = None,
    ) -> InformationStats:
        stats = await information_rules.information_stats(
            info.context,
            from_school_year,
            to_school_year,
            group_by,
            filter.municipality_ids if filter is not None else None,
            filter.municipality_codes if filter is not None else None,
        )
        return stats  # type: ignore[return-value]

    @strawberry.field(description="Целевые показатели программы: цель и факт за учебный год")
    async def indicators(
        self,
        info: Info,
        school_year: Annotated[int, strawberry.argument(description="Учебный год (год начала)")],
        municipality_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Муниципальное образование; без него — регион")
        ] = None,
    ) -> list[IndicatorValue]:
        values = await indicator_rules.indicators(info.context, school_year, municipality_id)
        links = export_links("indicators", {"school_year": school_year, "municipality_id": municipality_id})
        for value in values:
            value.export_links = links
        return values  # type: ignore[return-value]
