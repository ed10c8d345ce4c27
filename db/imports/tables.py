"""Reading a CSV or XLSX file as a header row and a stream of data rows.

CSV files may be UTF-8 (with or without a byte order mark) or Windows-1251, separated by `;`, `,`
or tabs. XLSX files are read from their first sheet in openpyxl's read-only mode. Either way the
rows are streamed, so a file of any length is read in bounded memory.
"""

import codecs
import csv
import io
import logging
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain
from pathlib import Path
from typing import BinaryIO, Literal, Protocol
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from db.imports.messages import Message, message

logger = logging.getLogger(__name__)

Cell = str | int | float | bool | datetime | date | time | timedelta | None

DELIMITERS = (";", "\t", ",")

_ZIP_MAGIC = b"PK\x03\x04"
# Old binary Excel (.xls) files are OLE2 compound documents.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_CHUNK_BYTES = 1 << 20
# The unpacked size of a workbook that is read at all: about 150 bytes of XML per cell make this
# roughly a million cells, several times the 100,000-row files the import is sized for.
MAX_XLSX_UNPACKED_BYTES = 200_000_000

_XLSX_ERRORS = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, EOFError, ParseError)


class _CsvReader(Protocol):
    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


class TableError(ValueError):
    """Raised when a file cannot be read as a table at all; `message` is the reason in both languages."""

    def __init__(self, message: Message, line: int | None = None) -> None:
        super().__init__(message.en)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A non-empty data row; `line` is the line (CSV) or row (XLSX) number where it starts."""

    line: int
    cells: list[Cell]


@dataclass
class Table:
    """The header of a file and an iterator over its data rows, which can be consumed once.

    Iterating `rows` raises `TableError` if the file turns out to be broken past the header. Close
    the table (or use it as a context manager) to release the file.
    """

    header: list[str]
    header_line: int
    rows: Iterator[SourceRow]
    format: Literal["csv", "xlsx"]
    encoding: str | None = None
    delimiter: str | None = None
    _resources: ExitStack = field(default_factory=ExitStack, repr=False)

    def close(self) -> None:
        self._resources.close()

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_table(source: Path | bytes, filename: str) -> Table:
    """Open `source` (a path, or the bytes of an upload named `filename`) as a table.

    The format is recognised from the content: a ZIP archive is read as XLSX, anything else as
    CSV. Leading empty rows are skipped; the first non-empty row is the header.

    Raises:
        TableError: the file is empty, an old .xls, an unreadable workbook, or a text file in
            neither UTF-8 nor Windows-1251.
        OSError: the path cannot be opened.
    """
    resources = ExitStack()
    stream = resources.enter_context(_open_binary(source))
    try:
        magic = stream.read(len(_ZIP_MAGIC))
        stream.seek(0)
        if magic == _OLE2_MAGIC:
            raise TableError(message("file.xls"))
        if magic == _ZIP_MAGIC:
            return _read_xlsx(stream, filename, resources)
        return _read_csv(stream, resources)
    except BaseException:
        resources.close()
        raise


def cell_text(cell: Cell) -> str:
    """Return a cell as text the way a spreadsheet user reads it: 9.0 as "9", a date as 01.09.2024."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return _datetime_text(cell)
    if isinstance(cell, date):
        return cell.strftime("%d.%m.%Y")
    return str(cell)


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _open_binary(source: Path | bytes) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    return source.open("rb")


def _read_csv(stream: BinaryIO, resources: ExitStack) -> Table:
    encoding = _detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    resources.callback(text.detach)

    skipped_lines = 0
    for header_text in text:
        if header_text.strip(" \t\r\n;,"):
            break
        skipped_lines += 1
    else:
        raise TableError(message("file.empty"))

    delimiter = _sniff_delimiter(header_text)
    reader = csv.reader(chain([header_text], text), delimiter=delimiter)
    header_cells = next(reader)
    header = [cell.strip().lstrip("\ufeff") for cell in _trim(header_cells)]
    rows = _csv_rows(reader, skipped_lines)
    return Table(header, skipped_lines + 1, rows, "csv", encoding, delimiter, resources)


def _detect_encoding(stream: BinaryIO) -> str:
    """Return "utf-8-sig", "utf-8" or "cp1251": strict UTF-8 if the whole file decodes, else cp1251."""
    start = stream.read(len(codecs.BOM_UTF8))
    stream.seek(0)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError(message("file.utf16"))
    has_bom = start == codecs.BOM_UTF8
    problem = _first_decoding_error(stream, "utf-8")
    if problem is None:
        return "utf-8-sig" if has_bom else "utf-8"
    if has_bom:
        raise TableError(message("file.bom_not_utf8", byte=problem[0], position=problem[1]))
    problem = _first_decoding_error(stream, "cp1251")
    if problem is not None:
        raise TableError(message("file.encoding", byte=problem[0], position=problem[1]))
    return "cp1251"


def _first_decoding_error(stream: BinaryIO, encoding: str) -> tuple[int, int] | None:
    """Return the first undecodable byte and its offset, reading the stream in chunks, then rewind."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    try:
        while chunk := stream.read(_CHUNK_BYTES):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return error.object[error.start], offset - pending + error.start
            offset += len(chunk)
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            return error.object[error.start], offset - pending + error.start
        return None
    finally:
        stream.seek(0)


def _sniff_delimiter(line: str) -> str:
    """Return the delimiter that occurs most often outside quotes in the header line (`;` on a tie)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in counts:
            counts[character] += 1
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def _csv_rows(reader: _CsvReader, skipped_lines: int) -> Iterator[SourceRow]:
    # `reader.line_num` counts the physical lines read so far, so a record that spans several
    # lines starts one line after the previous record ended.
    previous_end = skipped_lines + reader.line_num
    try:
        for cells in reader:
            line = previous_end + 1
            previous_end = skipped_lines + reader.line_num
            if any(cell.strip() for cell in cells):
                yield SourceRow(line, _trim(cells))
    except csv.Error as error:
        line = skipped_lines + reader.line_num
        logger.info("malformed CSV at line %d: %s", line, error)
        if "field larger than field limit" in str(error):
            problem = message("file.csv_cell_too_long", line=line, maximum=csv.field_size_limit())
        else:
            problem = message("file.csv_malformed", line=line)
        raise TableError(problem, line) from error


def _read_xlsx(stream: BinaryIO, filename: str, resources: ExitStack) -> Table:
    _check_unpacked_size(stream, filename)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except _XLSX_ERRORS as error:
        raise _unreadable_workbook(filename, error) from error
    resources.callback(workbook.close)
    if not workbook.worksheets:
        raise TableError(message("file.xlsx_no_sheet", filename=filename))

    sheet = workbook.worksheets[0]
    # Some writers store a wrong sheet size, which would cut rows or columns short.
    sheet.reset_dimensions()
    # In read-only mode openpyxl yields an empty row for every missing row, so counting gives the
    # row numbers that Excel shows.
    numbered_rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    first_row = _first_non_empty(numbered_rows, filename)
    if first_row is None:
        raise TableError(message("file.empty"))

    header_line, header_cells = first_row
    header = [cell_text(cell).strip() for cell in _trim(list(header_cells))]
    rows = _xlsx_rows(numbered_rows, filename)
    return Table(header, header_line, rows, "xlsx", _resources=resources)


def _check_unpacked_size(stream: BinaryIO, filename: str) -> None:
    """Reject a workbook whose parts unpack to more than `MAX_XLSX_UNPACKED_BYTES`.

    An XLSX file is a zip archive, so a small upload can unpack to gigabytes (one huge cell, or
    millions of rows), which openpyxl would hold in memory.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _unreadable_workbook(filename, error) from error
    finally:
        stream.seek(0)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise TableError(
            message("file.xlsx_too_large", filename=filename, megabytes=unpacked // 1_000_000, maximum=MAX_XLSX_UNPACKED_BYTES // 1_000_000)
        )


def _first_non_empty(
    numbered_rows: Iterator[tuple[int, tuple[Cell, ...]]], filename: str
) -> tuple[int, tuple[Cell, ...]] | None:
    try:
        for line, cells in numbered_rows:
            if not all(is_blank(cell) for cell in cells):
                return line, cells
    except _XLSX_ERRORS as error:
        raise _unreadable_workbook(filename, error) from error
    return None


def _xlsx_rows(numbered_rows: Iterator[tuple[int, tuple[Cell, ...]]], filename: str) -> Iterator[SourceRow]:
    try:
        for line, cells in numbered_rows:
            if not all(is_blank(cell) for cell in cells):
                yield SourceRow(line, _trim(list(cells)))
    except _XLSX_ERRORS as error:
        raise _unreadable_workbook(filename, error) from error


def _unreadable_workbook(filename: str, error: Exception) -> TableError:
    # The library's own text is English and names its internals, so it goes to the log only.
    logger.info("cannot read %s as a workbook: %s", filename, str(error) or type(error).__name__)
    return TableError(message("file.xlsx_unreadable", filename=filename))


def _trim(cells: list[Cell]) -> list[Cell]:
    """Drop trailing empty cells, which spreadsheet programs often write."""
    end = len(cells)
    while end and is_blank(cells[end - 1]):
        end -= 1
    return cells if end == len(cells) else cells[:end]


def _datetime_text(moment: datetime) -> str:
    if moment.tzinfo is None and moment.time() == time():
        return moment.strftime("%d.%m.%Y")
    text = moment.strftime("%d.%m.%Y %H:%M:%S" if moment.second else "%d.%m.%Y %H:%M")
    if moment.tzinfo is not None:
        text += moment.strftime(" %z")
    return text
