"""Readers of import files: CSV and XLSX rows parsed into records, with no database access.

    with read_table(path, path.name) as table:
        result = parse_records("participations", table, MunicipalityIndex(rows_from_database))
        for item in result:
            ...  # a ParsedRow to write, or a RowError to report
    if result.file_errors: ...  # the whole file is rejected

`parse_file` does both steps and closes the file itself. docs/import.md describes the columns of
each kind and the spellings of values that users may write.
"""

from db.imports.columns import Column, ImportKind
from db.imports.kinds import KINDS, import_kind
from db.imports.messages import Message
from db.imports.municipalities import MunicipalityIndex, MunicipalityRow
from db.imports.records import FileIssue, ParsedRow, ParseResult, RowError, parse_file, parse_records
from db.imports.report import write_error_report
from db.imports.tables import Cell, SourceRow, Table, TableError, read_table

__all__ = [
    "KINDS",
    "Cell",
    "Column",
    "FileIssue",
    "ImportKind",
    "Message",
    "MunicipalityIndex",
    "MunicipalityRow",
    "ParseResult",
    "ParsedRow",
    "RowError",
    "SourceRow",
    "Table",
    "TableError",
    "import_kind",
    "parse_file",
    "parse_records",
    "read_table",
    "write_error_report",
]
