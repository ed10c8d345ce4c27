"""The error report of an import: a CSV file that Excel opens with the Cyrillic intact."""

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from db.imports.records import FileIssue, RowError

REPORT_HEADERS = {
    "ru": ("Строка", "Столбец", "Значение", "Причина"),
    "en": ("Line", "Column", "Value", "Reason"),
}
# Excel splits a CSV by the list separator of the system's locale: `;` in Russian, `,` in English.
REPORT_DELIMITERS = {"ru": ";", "en": ","}

# A spreadsheet program runs a cell that starts with one of these as a formula, so echoed values
# get a leading apostrophe, which Excel hides.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_error_report(
    problems: Iterable[RowError | FileIssue], target: Path | TextIO, language: str = "ru"
) -> int:
    """Write `problems` as a CSV report in UTF-8 with a byte order mark and return their number.

    The columns are «Строка», «Столбец», «Значение», «Причина» (Line, Column, Value, Reason with
    `language="en"`), separated by `;` in Russian and `,` in English. `target` is a path or a text
    stream opened with `newline=""`.
    """
    language = "en" if language == "en" else "ru"
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8", newline="") as stream:
            return _write(problems, stream, language)
    return _write(problems, target, language)


def _write(problems: Iterable[RowError | FileIssue], stream: TextIO, language: str) -> int:
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=REPORT_DELIMITERS[language])
    writer.writerow(REPORT_HEADERS[language])
    count = 0
    for problem in problems:
        value = problem.value if isinstance(problem, RowError) else None
        writer.writerow(
            (
                "" if problem.line is None else problem.line,
                _spreadsheet_safe(problem.column or ""),
                _spreadsheet_safe(value or ""),
                problem.message(language),
            )
        )
        count += 1
    return count


def _spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
