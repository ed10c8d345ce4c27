"""Links from monitoring results to the same numbers as CSV and XLSX downloads."""

import dataclasses
from enum import Enum
from typing import Any
from urllib.parse import urlencode

EXPORT_PATH_PREFIX = "/export/monitoring"
FORMATS = ("csv", "xlsx")


def camel_case(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def query_value(value: Any) -> str | None:
    """Write one argument as the export routes read it: lists comma-separated, booleans lower case."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ",".join(item for item in (query_value(element) for element in value) if item is not None)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def export_links(kind: str, arguments: dict[str, Any], filter: Any = None) -> dict[str, str]:
    """Return the download URL of each format for `kind` with these GraphQL arguments.

    `arguments` are named as in Python (snake case). The fields of an input object `filter` are
    added at the top level, because the export routes take them there.
    """
    values = dict(arguments)
    if filter is not None:
        values.update({field.name: getattr(filter, field.name) for field in dataclasses.fields(filter)})
    pairs = [(camel_case(name), query_value(value)) for name, value in values.items()]
    query = urlencode([(name, value) for name, value in pairs if value is not None], safe=",")
    return {fmt: f"{EXPORT_PATH_PREFIX}/{kind}.{fmt}" + (f"?{query}" if query else "") for fmt in FORMATS}
