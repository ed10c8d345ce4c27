"""Turning GraphQL errors into responses: localised, coded, and masked when unexpected."""

import logging
from typing import Any

from graphql import GraphQLError

from resolvers.errors import ApiError, ErrorCode
from resolvers.messages import render_message

logger = logging.getLogger(__name__)


def format_error(error: GraphQLError, language: str, request_id: str) -> dict[str, Any]:
    """Return the response entry for `error`, never exposing the text of an unexpected exception."""
    original = error.original_error
    if original is None or not error.path:
        # Parsing, validation and variable coercion: the message describes the request itself.
        return _entry(error, error.message, _document_error_code(error))

    if isinstance(original, ApiError):
        message = render_message(original.message_key, language, original.params)
        return _entry(error, message, original.code.value)

    logger.error(
        "unexpected error at %s (request %s)",
        ".".join(str(part) for part in error.path or []),
        request_id,
        exc_info=original,
    )
    message = render_message("internal", language, {"request_id": request_id})
    entry = _entry(error, message, ErrorCode.INTERNAL.value)
    entry["extensions"]["requestId"] = request_id
    return entry


def _document_error_code(error: GraphQLError) -> str:
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if error.path or error.message.startswith("Variable "):
        return ErrorCode.BAD_USER_INPUT.value
    return "GRAPHQL_VALIDATION_FAILED"


def _entry(error: GraphQLError, message: str, code: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"message": message}
    if error.locations:
        entry["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        entry["path"] = list(error.path)
    entry["extensions"] = {"code": code}
    return entry
