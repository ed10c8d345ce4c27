"""Logging configuration, applied once by the app and the CLI.

Every record carries the request id and the GraphQL operation name of the request being served
(or "-" outside a request), in text and in JSON output alike.
"""

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(operation)s]: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(operation)s %(message)s"

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")
current_operation: ContextVar[str] = ContextVar("current_operation", default="-")


class RequestFields(logging.Filter):
    """Adds the current request id and operation name to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        record.operation = current_operation.get()
        return True


def configure_logging(level: str, log_format: str = "text") -> None:
    """Send the project's logs to stderr as text lines or as one JSON object per line."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestFields())
    if log_format == "json":
        handler.setFormatter(JsonFormatter(JSON_FIELDS, rename_fields={"levelname": "level", "asctime": "time"}))
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))

    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    for name in ("api", "resolvers", "db"):
        logging.getLogger(name).setLevel(level)
