"""Turning the rows of a table into records of an import kind, with every problem found."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from db.imports.columns import Binding, ImportKind, ParseContext, absent_columns, match_header
from db.imports.kinds import import_kind
from db.imports.messages import Message, message
from db.imports.municipalities import MunicipalityIndex
from db.imports.tables import SourceRow, Table, TableError, cell_text, is_blank, read_table
from db.imports.values import InvalidValue
from db.timezone import REGION_ZONE

_TAB = Message("табуляция", "tab")


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A valid row: `values` has every record key of its kind (see db.imports.kinds)."""

    line: int
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem of one cell or one row.

    `column` is the header as written in the file (None for the whole row) and `value` the cell's
    text as the user sees it.
    """

    line: int
    column: str | None
    value: str | None
    message_ru: str
    message_en: str

    def message(self, language: str = "ru") -> str:
        return self.message_en if language == "en" else self.message_ru


@dataclass(frozen=True, slots=True)
class FileIssue:
    """A problem of the file as a whole, or a warning; `line` is the header's line where known."""

    line: int | None
    column: str | None
    message_ru: str
    message_en: str

    def message(self, language: str = "ru") -> str:
        return self.message_en if language == "en" else self.message_ru


class ParseResult:
    """The outcome of parsing a file: header problems at once, then the rows as a stream.

    Iterate the result once to get, in file order, a `ParsedRow` for each valid row and one or more
    `RowError` for each rejected row. Any `file_errors` reject the whole file. Most of them are
    known before the first row. A CSV that breaks off mid-file adds one when iteration reaches the
    break, so check `file_errors` again after iterating.
    """

    def __init__(
        self,
        kind: str,
        columns: dict[str, str],
        file_errors: list[FileIssue],
        warnings: list[FileIssue],
    ) -> None:
        self.kind = kind
        # The record keys the file has a column for, with the header as written. A caller
        # updating existing records can leave the other columns untouched.
        self.columns = columns
        self.file_errors = file_errors
        self.warnings = warnings
        self.rows_read = 0
        self.rows_rejected = 0
        self._rows: Iterator[ParsedRow | RowError] = iter(())

    def __iter__(self) -> Iterator[ParsedRow | RowError]:
        return self._rows

    def close(self) -> None:
        """Stop reading and release the file, if `parse_file` opened it."""
        close = getattr(self._rows, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> "ParseResult":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def parse_records(
    kind: str,
    table: Table,
    municipalities: MunicipalityIndex,
    *,
    today: date | None = None,
) -> ParseResult:
    """Match the header of `table` to the columns of `kind` and parse its rows lazily.

    `today` is the region's local date that birth dates are checked against (default: now).
    The caller keeps ownership of `table` and closes it.

    Raises:
        ValueError: `kind` is not an import kind.
    """
    import_spec = import_kind(kind)
    matched = match_header(table.header, import_spec)
    result = ParseResult(
        kind,
        {binding.column.key: binding.header for binding in matched.bindings},
        [_file_issue(table.header_line, column, problem) for column, problem in matched.errors],
        [_file_issue(table.header_line, column, problem) for column, problem in matched.warnings],
    )
    if not result.file_errors:
        context = ParseContext(municipalities, today or datetime.now(REGION_ZONE).date())
        reader = _RowReader(import_spec, matched.bindings, table, context)
        result._rows = _parse_rows(result, reader, table)
    return result


def parse_file(
    kind: str,
    source: Path | bytes,
    filename: str,
    municipalities: MunicipalityIndex,
    *,
    today: date | None = None,
) -> ParseResult:
    """Read `source` with `read_table` and parse it; a file that cannot be read is a file error.

    The file is closed when the rows are exhausted or the result is closed.

    Raises:
        ValueError: `kind` is not an import kind.
        OSError: the path cannot be opened.
    """
    import_kind(kind)
    try:
        table = read_table(source, filename)
    except TableError as error:
        return ParseResult(kind, {}, [_file_issue(error.line, None, error.message)], [])
    try:
        result = parse_records(kind, table, municipalities, today=today)
    except BaseException:
        table.close()
        raise
    result._rows = _closing(result._rows, table)
    return result


def _closing(rows: Iterator[ParsedRow | RowError], table: Table) -> Iterator[ParsedRow | RowError]:
    try:
        yield from rows
    finally:
        table.close()


def _parse_rows(result: ParseResult, reader: "_RowReader", table: Table) -> Iterator[ParsedRow | RowError]:
    try:
        for row in table.rows:
            result.rows_read += 1
            outcome = reader.read(row)
            if isinstance(outcome, ParsedRow):
                yield outcome
            else:
                result.rows_rejected += 1
                yield from outcome
    except TableError as error:
        result.file_errors.append(_file_issue(error.line, None, error.message))


class _RowReader:
    """Parses the rows of one file: one instance per file, because it remembers the keys seen.

    Those keys are the only state kept across rows: one short tuple and a line number per row.
    """

    def __init__(
        self, kind: ImportKind, bindings: list[Binding], table: Table, context: ParseContext
    ) -> None:
        self.kind = kind
        self.bindings = bindings
        self.context = context
        self.width = len(table.header)
        self.delimiter = table.delimiter if table.format == "csv" else None
        self.absent = [(column.key, column.default) for column in absent_columns(bindings, kind)]
        self.binding_of = {binding.column.key: binding for binding in bindings}
        # For each unique key of the kind, the line where each value was first seen.
        self.seen: list[dict[tuple[Any, ...], int]] = [{} for _ in kind.unique]

    def read(self, row: SourceRow) -> ParsedRow | list[RowError]:
        errors: list[RowError] = []
        values: dict[str, Any] = {}
        cells = row.cells
        if self.delimiter is not None and len(cells) > self.width:
            delimiter = _TAB if self.delimiter == "\t" else self.delimiter
            too_many = message(
                "row.too_many_cells", count=len(cells), columns=self.width, delimiter=delimiter
            )
            errors.append(_row_error(row.line, None, None, too_many))

        for binding in self.bindings:
            column = binding.column
            cell = cells[binding.index] if binding.index < len(cells) else None
            if is_blank(cell):
                if column.required:
                    required = message("value.required", header=binding.header)
                    errors.append(_row_error(row.line, binding.header, "", required))
                values[column.key] = column.default
                continue
            try:
                values[column.key] = column.parse(cell, self.context)
            except InvalidValue as error:
                text = cell_text(cell)
                errors.extend(
                    _row_error(row.line, binding.header, text, problem) for problem in error.messages
                )

        for key, default in self.absent:
            values[key] = default
        for key, problem in self.kind.complete(values, self.context):
            errors.append(self._error_at(row, key, problem))
        errors.extend(self._duplicates(row, values))
        return errors or ParsedRow(row.line, values)

    def _duplicates(self, row: SourceRow, values: dict[str, Any]) -> list[RowError]:
        errors = []
        for keys, seen in zip(self.kind.unique, self.seen):
            identity = tuple(values.get(key) for key in keys)
            if None in identity:
                continue
            first_line = seen.setdefault(identity, row.line)
            if first_line != row.line:
                fields = [(self.binding_of[key].header, self._cell_text(row, key)) for key in keys]
                described = Message(
                    ", ".join(f"«{header}» = {text}" for header, text in fields),
                    ", ".join(f'"{header}" = {text}' for header, text in fields),
                )
                duplicate = message("row.duplicate", line=first_line, fields=described)
                errors.append(self._error_at(row, keys[0], duplicate))
        return errors

    def _error_at(self, row: SourceRow, key: str | None, problem: Message) -> RowError:
        binding = self.binding_of.get(key) if key is not None else None
        if binding is None:
            return _row_error(row.line, None, None, problem)
        return _row_error(row.line, binding.header, self._cell_text(row, key), problem)

    def _cell_text(self, row: SourceRow, key: str) -> str:
        index = self.binding_of[key].index
        return cell_text(row.cells[index]) if index < len(row.cells) else ""


def _row_error(line: int, column: str | None, value: str | None, problem: Message) -> RowError:
    return RowError(line, column, value, problem.ru, problem.en)


def _file_issue(line: int | None, column: str | None, problem: Message) -> FileIssue:
    return FileIssue(line, column, problem.ru, problem.en)
