"""Messages of subscriptions and the WebSocket connection, in Russian and English.

Close reasons of a WebSocket may hold at most 123 bytes of UTF-8, so the `live.close.*` messages
stay short.
"""

LIVE_MESSAGES: dict[str, tuple[str, str]] = {
    "live.overflow": (
        "Подписка отстала больше чем на {maximum} сообщений и завершена. Перечитайте данные запросом "
        "и подпишитесь снова.",
        "The subscription fell more than {maximum} messages behind and was ended. Re-read the data with "
        "a query and subscribe again.",
    ),
    "live.subscriptions_only": (
        "Через WebSocket выполняются только подписки (subscription). Запросы и мутации отправляйте "
        "методом POST на /graphql.",
        "Only subscriptions run over WebSocket. Send queries and mutations with POST to /graphql.",
    ),
    "live.too_many_subscriptions": (
        "На одном соединении не больше {maximum} подписок. Завершите ненужную подписку (complete) "
        "или откройте новое соединение.",
        "One connection takes at most {maximum} subscriptions. Complete one you no longer need or open "
        "another connection.",
    ),
    "live.too_many_connections": (
        "Сервер обслуживает максимальное число соединений для подписок ({maximum}). Повторите "
        "попытку через {retry_after} с.",
        "The server has the maximum number of subscription connections ({maximum}). Try again in {retry_after} s.",
    ),
    "feed.unknown_municipality": (
        "Муниципальное образование «{value}» не найдено. Укажите код справочника (например, MO15), "
        "код ОКТМО или глобальный ID муниципального образования.",
        'Municipality "{value}" not found. Pass a reference code (e.g. MO15), an OKTMO code or the '
        "municipality's global ID.",
    ),
    "live.close.two_keys": (
        "Два разных ключа API",
        "Two different API keys",
    ),
    "live.close.invalid_key": (
        "Ключ API недействителен",
        "Invalid API key",
    ),
    "live.close.malformed_key": (
        "Ключ API передан неверно",
        "Malformed API key",
    ),
    "live.close.key_revoked": (
        "Ключ API отозван или истёк",
        "API key revoked or expired",
    ),
    "live.close.unavailable": (
        "Проверка ключа API недоступна",
        "API key check unavailable",
    ),
}
