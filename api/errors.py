"""Turning GraphQL errors into responses: localised, coded, and masked when unexpected."""

import logging
import re
from typing import Any

from graphql import GraphQLError
from starlette.responses import JSONResponse

from resolvers.errors import ApiError, ErrorCode
from resolvers.messages import render_message

logger = logging.getLogger(__name__)

# graphql-core appends hints such as " Did you mean 'title'?" that name fields, types and enum values.
SUGGESTION = re.compile(r" Did you mean [^?]*\?")


class LimitError(Exception):
    """A request rejected by one of the API's limits, with its own error code and a localised message.

    Raised as the original error of a GraphQL error, or returned as an HTTP-level rejection built by
    `response`.
    """

    def __init__(
        self,
        code: str,
        message_key: str,
        *,
        status_code: int = 400,
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> None:
        super().__init__(message_key)
        self.code = code
        self.message_key = message_key
        self.status_code = status_code
        self.headers = headers or {}
        self.params = params

    def response(self, language: str) -> JSONResponse:
        """Return the rejection in the shape of every HTTP-level rejection: a GraphQL `errors` list."""
        message = render_message(self.message_key, language, self.params)
        body = {"errors": [{"message": message, "extensions": {"code": self.code}}]}
        return JSONResponse(body, status_code=self.status_code, headers=self.headers)


def format_errors(
    errors: list[GraphQLError], language: str, request_id: str, *, suggestions: bool = True
) -> list[dict[str, Any]]:
    """Return the response entries for `errors`; log unexpected ones once per request.

    Without `suggestions`, graphql-core's "Did you mean ...?" hints are removed from messages, so
    that guessing names does not reveal the schema.
    """
    entries = [format_error(error, language, request_id, suggestions=suggestions) for error in errors]
    unexpected = [error for error, entry in zip(errors, entries, strict=True) if entry["extensions"]["code"] == "INTERNAL"]
    if unexpected:
        first = unexpected[0]
        logger.error(
            "unexpected error at %s (request %s, %d unexpected errors in the response)",
            ".".join(str(part) for part in first.path or []),
            request_id,
            len(unexpected),
            exc_info=_innermost_error(first),
        )
    return entries


def format_error(
    error: GraphQLError, language: str, request_id: str, *, suggestions: bool = True
) -> dict[str, Any]:
    """Return the response entry for `error`, never exposing the text of an unexpected exception."""
    original = _innermost_error(error)
    if isinstance(original, ApiError):
        message = render_message(original.message_key, language, original.params)
        return _entry(error, message, original.code.value)

    if isinstance(original, LimitError):
        return _entry(error, render_message(original.message_key, language, original.params), original.code)

    if original is None or not error.path:
        # Parsing, validation and variable coercion: graphql-core's message describes the request.
        key, code = _request_error_kind(error)
        detail = error.message if suggestions else SUGGESTION.sub("", error.message)
        return _entry(error, render_message(key, language, {"detail": detail}), code)

    message = render_message("internal", language, {"request_id": request_id})
    entry = _entry(error, message, ErrorCode.INTERNAL.value)
    entry["extensions"]["requestId"] = request_id
    return entry


def _innermost_error(error: GraphQLError) -> Exception | None:
    """Return the exception behind `error`, unwrapping GraphQL errors that wrap others."""
    original = error.original_error
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


def _request_error_kind(error: GraphQLError) -> tuple[str, str]:
    """Return the message key and code of an error in the request document or its variables."""
    if error.message.startswith("Syntax Error"):
        return "request.syntax", "GRAPHQL_PARSE_FAILED"
    if error.path or error.message.startswith("Variable "):
        return "request.variable", ErrorCode.BAD_USER_INPUT.value
    return "request.invalid", "GRAPHQL_VALIDATION_FAILED"


def http_error_body(reason: str, language: str) -> dict[str, Any]:
    """Return the GraphQL response body for a request rejected before execution."""
    message = render_message("request.http", language, {"detail": reason})
    return {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}


def _entry(error: GraphQLError, message: str, code: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"message": message}
    if error.locations:
        entry["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        entry["path"] = list(error.path)
    entry["extensions"] = {"code": code}
    return entry
