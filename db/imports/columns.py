"""Columns of an import kind and matching them to the header row of a file."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from db.imports.messages import Message, join_all, join_alternatives, message
from db.imports.municipalities import MunicipalityIndex
from db.imports.tables import Cell
from db.imports.vocabulary import spelling_key


@dataclass(frozen=True)
class ParseContext:
    municipalities: MunicipalityIndex
    # The region's local date, against which birth dates are checked.
    today: date


Parser = Callable[[Cell, ParseContext], Any]


@dataclass(frozen=True)
class Column:
    """A column of an import kind.

    `key` is the record key (a model column name), which is also accepted as a header. `header` is
    the Russian header that messages and docs use, and `aliases` are other accepted headers. A
    required column must be in the file and filled in every row. An empty cell or a column missing
    from the file gives `default`.
    """

    key: str
    header: str
    parse: Parser
    aliases: tuple[str, ...] = ()
    required: bool = False
    default: Any = None

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, *self.aliases, self.key)


Problem = tuple[str | None, Message]
"""A problem of a row: the key of the column it concerns (or None) and the message."""

Completion = Callable[[dict[str, Any], ParseContext], list[Problem]]


def _complete_nothing(values: dict[str, Any], context: ParseContext) -> list[Problem]:
    return []


@dataclass(frozen=True)
class ImportKind:
    """An import kind: the columns of its files and the checks of its rows.

    `complete` runs after the cells of a row have been parsed: it checks values against each other
    and fills in values that depend on others. A key whose cell failed to parse is absent from
    `values` there; an empty cell is None.
    """

    name: str
    # The kind in a phrase such as «при импорте организаций» / "when importing organisations".
    genitive: Message
    columns: tuple[Column, ...]
    # Groups of keys of which the file must have at least one column.
    one_of: tuple[tuple[str, ...], ...] = ()
    # Keys that identify a record: two rows of one file must not share their values.
    unique: tuple[tuple[str, ...], ...] = ()
    complete: Completion = _complete_nothing
    _by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_header: dict[str, Column] = {}
        for column in self.columns:
            for header in column.headers:
                existing = by_header.setdefault(header_key(header), column)
                if existing is not column:
                    raise ValueError(
                        f"{self.name}: header {header!r} of {column.key} is taken by {existing.key}"
                    )
        object.__setattr__(self, "_by_header", by_header)

    def column_of(self, header: str) -> Column | None:
        return self._by_header.get(header_key(header))

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def header_key(text: str) -> str:
    """Return the key a header is matched by: case, «ё», spaces, `_` and a trailing `*` or `:` ignored."""
    return spelling_key(text.replace("_", " ").strip().strip("*:").strip())


@dataclass(frozen=True)
class Binding:
    """A column of the file: its 0-based position, the header as written and the kind's column."""

    index: int
    header: str
    column: Column


@dataclass
class HeaderMatch:
    """The columns of a file that the kind uses, and the problems of its header.

    Each problem is the header it concerns as written (or None) and the message.
    """

    bindings: list[Binding]
    errors: list[tuple[str | None, Message]]
    warnings: list[tuple[str | None, Message]]


def match_header(header: list[str], kind: ImportKind) -> HeaderMatch:
    """Match the headers of a file to the columns of `kind`.

    Unknown and blank headers are warnings; a column given twice and a required column missing are
    errors that reject the file.
    """
    result = HeaderMatch([], [], [])
    bound: dict[str, Binding] = {}
    for index, text in enumerate(header):
        if not text:
            result.warnings.append((None, message("header.blank", number=index + 1)))
            continue
        column = kind.column_of(text)
        if column is None:
            result.warnings.append((text, message("header.unknown", header=text, kind=kind.genitive)))
            continue
        binding = Binding(index, text, column)
        first = bound.setdefault(column.key, binding)
        if first is binding:
            result.bindings.append(binding)
        else:
            result.errors.append((text, _duplicate_message(first, binding)))

    for column in kind.columns:
        if column.required and column.key not in bound:
            headers = join_alternatives([_quoted(text) for text in column.headers])
            result.errors.append((None, message("header.missing", header=column.header, headers=headers)))
    for keys in kind.one_of:
        if not any(key in bound for key in keys):
            headers = join_all([_quoted(kind.column(key).header) for key in keys])
            result.errors.append((None, message("header.missing_one_of", headers=headers)))
    return result


def _duplicate_message(first: Binding, second: Binding) -> Message:
    return message(
        "header.duplicate",
        first=first.header,
        first_number=first.index + 1,
        second=second.header,
        second_number=second.index + 1,
        header=first.column.header,
    )


def _quoted(text: str) -> Message:
    return Message(f"«{text}»", f'"{text}"')


def absent_columns(bindings: Iterable[Binding], kind: ImportKind) -> list[Column]:
    """Return the columns of `kind` that the file does not have."""
    present = {binding.column.key for binding in bindings}
    return [column for column in kind.columns if column.key not in present]
