"""Errors that resolvers raise for expected failures.

An `ApiError` carries a code for `extensions.code` and a message key; the HTTP layer renders the
message in the caller's language from `resolvers.messages`. Anything else that escapes a resolver
is unexpected and reaches the client masked.
"""

from enum import Enum
from typing import Any


class ErrorCode(str, Enum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INTERNAL = "INTERNAL"
    # A subscription that fell too far behind the messages was ended; the client re-reads and resubscribes.
    SUBSCRIPTION_OVERFLOW = "SUBSCRIPTION_OVERFLOW"


class ApiError(Exception):
    """An expected failure with a code and a localised message."""

    def __init__(self, code: ErrorCode, message_key: str, **params: Any) -> None:
        super().__init__(message_key)
        self.code = code
        self.message_key = message_key
        self.params = params


def bad_input(message_key: str, **params: Any) -> ApiError:
    return ApiError(ErrorCode.BAD_USER_INPUT, message_key, **params)


def forbidden(message_key: str, **params: Any) -> ApiError:
    return ApiError(ErrorCode.FORBIDDEN, message_key, **params)
