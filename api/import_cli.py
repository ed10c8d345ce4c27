"""`talents import KIND FILE`: load a CSV or XLSX export into the database.

The command runs on the server with direct database access, so it writes as the regional admin.
Its summary and error report are in Russian unless `--language en` is given.
"""

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from tqdm import tqdm

from api.settings import Settings
from db.engine import create_engine, create_session_factory
from db.imports import write_error_report
from resolvers.access import Role, Viewer
from resolvers.writes.imports import IMPORT_KINDS, ImportOutcome, run_import

logger = logging.getLogger(__name__)

# Exit codes: every row stored; some rows rejected; the file itself rejected or unreadable.
EXIT_OK = 0
EXIT_ROWS_REJECTED = 1
EXIT_FILE_REJECTED = 2

SUMMARY = {
    "ru": "{kind}: строк {rows}, создано {created}, изменено {updated}, без изменений {unchanged}, отклонено {rejected}.",
    "en": "{kind}: {rows} rows, {created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected.",
}
SUMMARY_NOT_STORED = {
    "ru": "{kind}: строк {rows}; было бы создано {created}, изменено {updated}, без изменений {unchanged}; "
    "отклонено {rejected}.",
    "en": "{kind}: {rows} rows; {created} would be created, {updated} updated, {unchanged} unchanged; "
    "{rejected} rejected.",
}
NOTHING_STORED = {
    "ru": "Ничего не сохранено: {reason}.",
    "en": "Nothing was stored: {reason}.",
}
REASONS = {
    "dry_run": ("пробный запуск (--dry-run)", "a dry run (--dry-run)"),
    "atomic": ("в файле есть ошибки, а задан --atomic", "the file has errors and --atomic was given"),
    "file": ("файл отклонён целиком", "the whole file was rejected"),
}
REPORT_WRITTEN = {
    "ru": "Отчёт об ошибках: {path}",
    "en": "Error report: {path}",
}


def add_import_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "import",
        help="import a CSV or XLSX file (see docs/import.md)",
        description="Import a CSV (UTF-8 or Windows-1251, ; or , delimited) or XLSX file. Importing "
        "the same file again changes nothing. Exit status: 0 all rows stored, 1 some rows rejected, "
        "2 the file rejected.",
    )
    command.add_argument("kind", choices=IMPORT_KINDS, help="what the file contains")
    command.add_argument("file", type=Path, help="the CSV or XLSX file")
    command.add_argument("--dry-run", action="store_true", help="check every row and store nothing")
    command.add_argument("--atomic", action="store_true", help="store nothing unless every row is valid")
    command.add_argument(
        "--report",
        type=Path,
        help="where to write the error report (CSV); default: FILE with the suffix .errors.csv next to it",
    )
    command.add_argument("--language", choices=("ru", "en"), default="ru", help="language of the summary and report")
    command.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    command.set_defaults(handler=run_import_command)


FAILURES = {
    "missing": ("файл {path} не найден", "{path}: no such file"),
    "directory": ("{path} — это каталог, а не файл", "{path} is a directory, not a file"),
    "unreadable": ("не удалось прочитать {path}: {error}", "cannot read {path}: {error}"),
    "report_directory": (
        "каталог для отчёта {path} не существует",
        "the directory of the report {path} does not exist",
    ),
    "report_is_input": (
        "отчёт об ошибках записался бы поверх импортируемого файла {path}; укажите другой --report",
        "the error report would overwrite the imported file {path}; give another --report",
    ),
    "report_unwritable": ("не удалось записать отчёт {path}: {error}", "cannot write the report {path}: {error}"),
    "database": (
        "база данных недоступна или не обновлена ({error}); выполните talents db upgrade",
        "the database is unreachable or not migrated ({error}); run talents db upgrade",
    ),
}


def fail(language: str, key: str, **values: object) -> int:
    russian, english = FAILURES[key]
    print("talents import: " + (english if language == "en" else russian).format(**values), file=sys.stderr)
    return EXIT_FILE_REJECTED


def check_paths(path: Path, report: Path, language: str) -> int | None:
    """Return an exit code when the input or the report path cannot work, before anything is stored."""
    if path.is_dir():
        return fail(language, "directory", path=path)
    if not path.is_file():
        return fail(language, "missing", path=path)
    try:
        with path.open("rb") as stream:
            stream.read(1)
    except OSError as error:
        return fail(language, "unreadable", path=path, error=error.strerror)
    if report.is_dir() or not report.parent.is_dir():
        return fail(language, "report_directory", path=report)
    if report.resolve() == path.resolve():
        return fail(language, "report_is_input", path=report)
    return None


def run_import_command(arguments: argparse.Namespace, settings: Settings) -> int:
    path: Path = arguments.file
    language = arguments.language
    report = arguments.report or path.with_name(f"{path.name}.errors.csv")
    failure = check_paths(path, report, language)
    if failure is not None:
        return failure
    show_progress = not arguments.no_progress and sys.stderr.isatty()

    async def work() -> ImportOutcome:
        engine = create_engine(settings.database_url)
        progress = tqdm(desc=path.name, unit=" rows", disable=not show_progress, file=sys.stderr)
        try:
            return await run_import(
                create_session_factory(engine),
                Viewer(role=Role.REGIONAL_ADMIN),
                arguments.kind,
                path,
                path.name,
                dry_run=arguments.dry_run,
                atomic=arguments.atomic,
                on_progress=lambda rows: progress.update(rows - progress.n),
                operation=f"talents import {arguments.kind} {path.name}",
            )
        finally:
            progress.close()
            await engine.dispose()

    started = time.perf_counter()
    try:
        outcome = asyncio.run(work())
    except OSError as error:
        return fail(language, "unreadable", path=path, error=error.strerror or error)
    except DBAPIError as error:
        # The driver's text can carry SQL and row values, so only its class is shown.
        logger.error("import of %s failed on the database: %s", path.name, error.orig)
        return fail(language, "database", error=type(error.orig).__name__)
    elapsed = time.perf_counter() - started

    for warning in outcome.warnings:
        print(warning.message(language), file=sys.stderr)
    summary = SUMMARY if outcome.written else SUMMARY_NOT_STORED
    print(
        summary[language].format(
            kind=arguments.kind, rows=outcome.rows, created=outcome.created, updated=outcome.updated,
            unchanged=outcome.unchanged, rejected=outcome.rejected,
        )
        + f" ({elapsed:.1f} s)"
    )
    if not outcome.written:
        if outcome.file_rejected:
            reason = "file"
        elif arguments.dry_run:
            reason = "dry_run"
        else:
            reason = "atomic"
        print(NOTHING_STORED[language].format(reason=REASONS[reason][0 if language == "ru" else 1]))

    if outcome.problems:
        try:
            write_error_report(outcome.problems, report, language=language)
        except OSError as error:
            return fail(language, "report_unwritable", path=report, error=error.strerror)
        print(REPORT_WRITTEN[language].format(path=report))
        for problem in outcome.problems[:10]:
            print(_problem_line(problem, language), file=sys.stderr)
        if len(outcome.problems) > 10:
            print(f"… {len(outcome.problems) - 10}", file=sys.stderr)
    if outcome.file_rejected:
        return EXIT_FILE_REJECTED
    return EXIT_ROWS_REJECTED if outcome.problems else EXIT_OK


def _problem_line(problem: object, language: str) -> str:
    line = getattr(problem, "line", None)
    column = getattr(problem, "column", None)
    where = ", ".join(part for part in (f"{'строка' if language == 'ru' else 'line'} {line}" if line else "", column or "") if part)
    return f"{where}: {problem.message(language)}" if where else problem.message(language)  # type: ignore[attr-defined]
