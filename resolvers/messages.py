"""User-facing messages in Russian (the default) and English.

Each message names the invalid value, the reason and what to do instead.
"""

from typing import Any

from resolvers.live.messages import LIVE_MESSAGES
from resolvers.writes.messages import WRITE_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    "page.negative": (
        "Аргумент {argument} не может быть отрицательным, передано {value}.",
        "Argument {argument} must not be negative, got {value}.",
    ),
    "page.too_large": (
        "Аргумент {argument} не может быть больше {maximum}, передано {value}. "
        "Следующие записи запросите по курсору pageInfo.endCursor.",
        "Argument {argument} must not exceed {maximum}, got {value}. "
        "Request the next records with the pageInfo.endCursor cursor.",
    ),
    "page.first_and_last": (
        "Передайте только один из аргументов first и last.",
        "Pass only one of the arguments first and last.",
    ),
    "cursor.malformed": (
        "Курсор {argument} «{cursor}» повреждён или выдан не этим API. "
        "Передайте cursor, startCursor или endCursor из ответа сервера без изменений.",
        "Cursor {argument} \"{cursor}\" is malformed or was not issued by this API. "
        "Pass cursor, startCursor or endCursor from a server response unchanged.",
    ),
    "cursor.foreign": (
        "Курсор {argument} выдан для другого списка или другой сортировки. "
        "Ожидался курсор списка {expected} с сортировкой {order}.",
        "Cursor {argument} belongs to another list or another order. "
        "Expected a cursor of the list {expected} ordered by {order}.",
    ),
    "order.repeated": (
        "Поле сортировки {field} указано в orderBy больше одного раза.",
        "Order field {field} appears in orderBy more than once.",
    ),
    "order.too_many": (
        "В orderBy можно указать не больше {maximum} полей, передано {value}.",
        "orderBy accepts at most {maximum} fields, got {value}.",
    ),
    "id.malformed": (
        "Идентификатор «{id}» не является глобальным ID этого API.",
        "\"{id}\" is not a global ID of this API.",
    ),
    "id.wrong_type": (
        "Идентификатор «{id}» относится к объекту типа {actual}, а в {argument} ожидается {expected}.",
        "ID \"{id}\" belongs to a {actual}, but {argument} expects a {expected}.",
    ),
    "nodes.too_many": (
        "Запрос nodes принимает не больше {maximum} идентификаторов, передано {value}.",
        "nodes accepts at most {maximum} IDs, got {value}.",
    ),
    "filter.too_many_values": (
        "Фильтр {field} принимает не больше {maximum} значений, передано {value}.",
        "Filter {field} accepts at most {maximum} values, got {value}.",
    ),
    "filter.search_too_long": (
        "Строка поиска длиннее {maximum} символов.",
        "The search string is longer than {maximum} characters.",
    ),
    "filter.empty_range": (
        "Диапазон {field}: начало {start} позже конца {end}.",
        "Range {field}: the start {start} is after the end {end}.",
    ),
    "filter.out_of_range": (
        "Значение {value} в {field} вне допустимого диапазона {minimum}–{maximum}.",
        "Value {value} in {field} is outside the allowed range {minimum}-{maximum}.",
    ),
    "filter.nul_character": (
        "Значение в {field} содержит символ NUL (\\u0000). Уберите его из строки.",
        "A value in {field} contains the NUL character (\\u0000). Remove it from the string.",
    ),
    "enum.unknown": (
        "Перечисление «{name}» не найдено. Доступные перечисления: {names}.",
        "Enumeration \"{name}\" not found. Available enumerations: {names}.",
    ),
    "people.forbidden": (
        "Сведения об участниках, их участии и зачислениях доступны только по ключу API оператора, "
        "муниципального координатора или регионального администратора; роль {role} видит только "
        "агрегаты мониторинга.",
        "Participants, their participations and enrolments are available only with the API key of an "
        "operator, a municipal coordinator or the regional admin; role {role} sees monitoring aggregates "
        "only.",
    ),
    "audit.forbidden": (
        "Журнал аудита доступен только региональному администратору; ваша роль — {role}.",
        "The audit trail is available to the regional admin only; your role is {role}.",
    ),
    "personal.forbidden": (
        "Поле {field} содержит персональные данные и недоступно вашей роли ({role}).",
        "Field {field} contains personal data and is not available to your role ({role}).",
    ),
    "datetime.no_offset": (
        "Значение DateTime «{value}» без смещения часового пояса. Добавьте смещение, например +05:00 или Z.",
        "DateTime \"{value}\" has no time zone offset. Add one, e.g. +05:00 or Z.",
    ),
    "datetime.malformed": (
        "Значение DateTime «{value}» не в формате ISO 8601, например 2024-09-01T10:00:00+05:00.",
        "DateTime \"{value}\" is not ISO 8601, e.g. 2024-09-01T10:00:00+05:00.",
    ),
    "request.syntax": (
        "Синтаксическая ошибка в запросе GraphQL: {detail}",
        "{detail}",
    ),
    "request.invalid": (
        "Запрос не соответствует схеме GraphQL: {detail}",
        "{detail}",
    ),
    "request.variable": (
        "Неверное значение переменной: {detail}",
        "{detail}",
    ),
    "request.http": (
        "Некорректный HTTP-запрос GraphQL: {detail}",
        "Invalid GraphQL HTTP request: {detail}",
    ),
    "auth.invalid_key": (
        "Ключ API недействителен, отозван или истёк. Получите новый ключ у администратора.",
        "The API key is invalid, revoked or expired. Ask the administrator for a new key.",
    ),
    "auth.malformed_header": (
        "Заголовок Authorization должен иметь вид «Bearer <ключ API>». Без ключа API отправьте запрос "
        "без этого заголовка.",
        "The Authorization header must be \"Bearer <API key>\". To call the API without a key, omit the "
        "header.",
    ),
    "auth.unavailable": (
        "Не удалось проверить ключ API: база данных недоступна. Повторите запрос позже; если ошибка "
        "повторяется, сообщите администратору идентификатор запроса {request_id}.",
        "The API key could not be checked because the database is unavailable. Retry later; if the error "
        "persists, report request id {request_id} to the administrator.",
    ),
    "relation.missing": (
        "Связанный объект {type} с ключом {id} отсутствует в базе: данные несогласованы. "
        "Сообщите администратору.",
        "The related {type} with key {id} is missing from the database, so the data is inconsistent. "
        "Report it to the administrator.",
    ),
    "monitoring.too_many_dimensions": (
        "Группировать можно не больше чем по {maximum} измерениям, передано {value}.",
        "Group by at most {maximum} dimensions, got {value}.",
    ),
    "monitoring.repeated_dimension": (
        "Измерение {dimension} указано в groupBy больше одного раза.",
        "Dimension {dimension} appears in groupBy more than once.",
    ),
    "monitoring.unknown_municipality": (
        "Муниципальное образование «{id}» не найдено.",
        "Municipality \"{id}\" not found.",
    ),
    "monitoring.too_many_years": (
        "Динамику можно построить не больше чем за {maximum} учебных лет, запрошено {value}.",
        "Trends span at most {maximum} school years, got {value}.",
    ),
    "monitoring.school_year_in_trend": (
        "Динамика уже строится по учебным годам: уберите SCHOOL_YEAR из groupBy.",
        "Trends are already by school year: remove SCHOOL_YEAR from groupBy.",
    ),
    "alert.participation_drop": (
        "{municipality}: число участников мероприятий снизилось на {percent} % к прошлому учебному году.",
        "{municipality}: the number of event participants fell by {percent} % against the previous school year.",
    ),
    "alert.strong_growth": (
        "{municipality}: число участников мероприятий выросло на {percent} % к прошлому учебному году.",
        "{municipality}: the number of event participants grew by {percent} % against the previous school year.",
    ),
    "alert.coverage_below_target": (
        "{municipality}: охват детей 5–18 лет дополнительным образованием {value} % — ниже цели {target} %.",
        "{municipality}: coverage of children aged 5-18 by additional education is {value} %, below the "
        "{target} % target.",
    ),
    "alert.no_disabled_participants": (
        "{municipality}: есть адаптированные программы ({programs}), но в мероприятиях не участвовал ни один "
        "обучающийся с ОВЗ.",
        "{municipality}: there are adapted programmes ({programs}), but no student with a disability status "
        "took part in events.",
    ),
    "alert.low_winners_share": (
        "{municipality}: доля победителей и призёров {share} % — намного ниже региональной ({regional} %).",
        "{municipality}: the share of winners and prize winners is {share} %, far below the regional "
        "{regional} %.",
    ),
    "export.unknown_parameter": (
        "Неизвестный параметр «{name}». Допустимые параметры: {allowed}.",
        "Unknown parameter \"{name}\". Allowed parameters: {allowed}.",
    ),
    "export.repeated_parameter": (
        "Параметр «{name}» указан больше одного раза. Значения списка перечислите через запятую.",
        "Parameter \"{name}\" appears more than once. Separate list values with commas.",
    ),
    "export.missing_parameter": (
        "Не указан обязательный параметр «{name}».",
        "Required parameter \"{name}\" is missing.",
    ),
    "export.invalid_integer": (
        "Параметр «{name}»: «{value}» не целое число. Укажите целое число, например 2024.",
        "Parameter \"{name}\": \"{value}\" is not an integer. Pass an integer, e.g. 2024.",
    ),
    "export.invalid_number": (
        "Параметр «{name}»: «{value}» не число. Дробную часть отделяйте точкой, например 12.5.",
        "Parameter \"{name}\": \"{value}\" is not a number. Use a decimal point, e.g. 12.5.",
    ),
    "export.invalid_boolean": (
        "Параметр «{name}»: «{value}» не логическое значение. Укажите true или false.",
        "Parameter \"{name}\": \"{value}\" is not a boolean. Pass true or false.",
    ),
    "export.unknown_enum_value": (
        "Параметр «{name}»: значение «{value}» недопустимо. Допустимые значения: {allowed}.",
        "Parameter \"{name}\": value \"{value}\" is invalid. Allowed values: {allowed}.",
    ),
    "monitoring.too_many_rows": (
        "В ответе было бы {value} строк, а допускается не больше {maximum}. Уберите измерение из groupBy "
        "или сузьте фильтр.",
        "The answer would have {value} rows, but at most {maximum} are allowed. Remove a dimension from "
        "groupBy or narrow the filter.",
    ),
    "monitoring.threshold_out_of_range": (
        "Порог {field} = {value} вне допустимого диапазона {minimum}–{maximum}.",
        "Threshold {field} = {value} is outside the allowed range {minimum}-{maximum}.",
    ),
    "internal": (
        "Внутренняя ошибка сервера. Сообщите администратору идентификатор запроса {request_id}.",
        "Internal server error. Report request id {request_id} to the administrator.",
    ),
}


def render_message(key: str, language: str, params: dict[str, Any]) -> str:
    """Return the message `key` in `language` ("ru" or "en") with `params` filled in."""
    russian, english = MESSAGES[key]
    template = english if language == "en" else russian
    return template.format(**params)


MESSAGES.update(WRITE_MESSAGES)
MESSAGES.update(LIVE_MESSAGES)
