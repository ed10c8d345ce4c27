"""Time `talents import participations` on a 100,000-row file, on SQLite and on PostgreSQL.

Usage:
    .venv/bin/python -m bench.imports
    .venv/bin/python -m bench.imports --rows 100000 --database both \
        --postgres-url postgresql+asyncpg://postgres@127.0.0.1:5432

Each backend gets a fresh database: an SQLite file in a temporary folder, or a throwaway
PostgreSQL database on 127.0.0.1 that is dropped afterwards. The script migrates it with
`talents db upgrade`, then writes the base data as import files (organisations, participants,
events) and loads them with `talents import`, the command under test. The participations file has
one row per distinct (event, participant) pair: a CSV in Windows-1251 with `;`, decimal commas and
Russian result words, and the same rows as XLSX.

Every import runs as its own `talents import` process. Timed runs, in order: a CSV dry run, the
first CSV import, a CSV re-import (which must create and update nothing), then, after the
participations are deleted, the first XLSX import and an XLSX re-import. The time is the wall
time of the whole process, interpreter start included. Peak RSS is that process's maximum resident
set size, read from os.wait4.

The target is 60 s per 100,000 participation rows, on both backends, for every timed run. A
smaller file gets the same 60 s, and a larger one proportionally more. The script exits with
status 1 when a run misses the target, and with status 2 when an import fails or reports wrong
counts.
"""

import argparse
import asyncio
import csv
import os
import platform
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import create_engine

TARGET_SECONDS = 60.0
TARGET_ROWS = 100_000

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432"
# The only host the script creates and drops databases on.
POSTGRES_HOST = "127.0.0.1"

# Participants per event, and events per student on average, in the generated region.
ROWS_PER_EVENT = 250
EVENTS_PER_STUDENT = 20
STUDENTS_PER_TEACHER = 50
ORGANIZATIONS = 60
SEED = 20250401

# The summary line of `talents import`. A run that stores nothing prints "было бы создано" (would be created).
SUMMARY = re.compile(
    r"строк (?P<rows>\d+)[,;] (?:было бы )?создано (?P<created>\d+), изменено (?P<updated>\d+), "
    r"без изменений (?P<unchanged>\d+)[,;] отклонено (?P<rejected>\d+)\. \((?P<seconds>[\d.]+) s\)"
)

PARTICIPATION_HEADER = ["Мероприятие (внешний ID)", "Участник (внешний ID)", "Результат", "Баллы", "Наставник (внешний ID)"]
# Result words as a region's spreadsheets spell them, with their share of the rows.
RESULT_WORDS = [
    ("участник", 0.62),
    ("призёр", 0.14),
    ("победитель", 0.06),
    ("лауреат II степени", 0.06),
    ("лауреат 1-й степени", 0.04),
    ("дипломант III степени", 0.05),
    ("Призер", 0.03),
]

LAST_NAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров"]
FIRST_NAMES = {"м": ["Александр", "Максим", "Артём", "Михаил", "Иван"], "ж": ["Анна", "Мария", "София", "Алиса", "Ева"]}
MIDDLE_NAMES = {"м": ["Андреевич", "Сергеевич", "Олегович"], "ж": ["Андреевна", "Сергеевна", "Олеговна"]}
EVENT_KINDS = [("олимпиада", True), ("конкурс", False), ("фестиваль", False), ("конференция", False)]
EVENT_LEVELS = ["школьный", "муниципальный", "региональный"]
ORIENTATIONS = ["техническая", "естественнонаучная", "художественная", "социально-гуманитарная"]


@dataclass
class Run:
    backend: str
    name: str
    rows: int
    seconds: float
    peak_rss_kib: int
    # The time `talents import` prints for its own work, without interpreter start and imports.
    cli_seconds: float
    counts: dict[str, int]
    # Whether the 60 s target applies: only participation imports are held to it.
    targeted: bool
    # The machine's 1-minute load average when the run ended; other processes inflate the times.
    load_average: float

    @property
    def limit(self) -> float:
        """Return the allowed seconds: 60 s up to 100,000 rows, growing in proportion beyond."""
        return TARGET_SECONDS * max(1.0, self.rows / TARGET_ROWS)

    @property
    def ratio(self) -> float:
        return self.seconds / self.limit


class BenchFailed(Exception):
    """An import failed or reported counts other than expected."""


# The generated region.


@dataclass
class Region:
    organizations: list[str]
    students: list[str]
    teachers: list[str]
    events: list[str]
    # (event, participant, mentor or "", score text or "", result word) per participations row.
    participations: list[tuple[str, str, str, str, str]]


def generate_region(rows: int, seed: int) -> Region:
    """Generate ids for a region with exactly `rows` distinct (event, participant) pairs."""
    generator = random.Random(seed)
    students_count = max(ROWS_PER_EVENT, rows // EVENTS_PER_STUDENT)
    events_count = -(-rows // ROWS_PER_EVENT)
    organizations = [f"BENCH-ORG-{number:03d}" for number in range(ORGANIZATIONS)]
    students = [f"BENCH-P-{number:06d}" for number in range(students_count)]
    teachers = [f"BENCH-T-{number:05d}" for number in range(max(1, students_count // STUDENTS_PER_TEACHER))]
    events = [f"BENCH-EV-{number:05d}" for number in range(events_count)]

    words = [word for word, _share in RESULT_WORDS]
    shares = [share for _word, share in RESULT_WORDS]
    participations = []
    for index, event in enumerate(events):
        count = min(ROWS_PER_EVENT, rows - index * ROWS_PER_EVENT)
        for student in generator.sample(students, count):
            mentor = generator.choice(teachers) if generator.random() < 0.3 else ""
            score = f"{generator.randrange(0, 10000) / 100:.2f}".replace(".", ",") if generator.random() < 0.6 else ""
            participations.append((event, student, mentor, score, generator.choices(words, shares)[0]))
    return Region(organizations, students, teachers, events, participations)


def write_base_files(region: Region, folder: Path, seed: int) -> list[tuple[str, Path]]:
    """Write the organisations, participants and events that the participations refer to."""
    generator = random.Random(seed + 1)
    municipality = {ref: f"MO{generator.randrange(1, 44):02d}" for ref in region.organizations}

    organizations = folder / "organizations.csv"
    with organizations.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["Внешний ID", "Полное наименование", "Вид организации", "Муниципальное образование"])
        for number, ref in enumerate(region.organizations):
            kind = "школа" if number % 4 else "организация дополнительного образования"
            writer.writerow([ref, f"Условная организация № {number + 1}", kind, municipality[ref]])

    participants = folder / "participants.csv"
    with participants.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(
            ["Внешний ID", "Категория", "Муниципальное образование", "Организация (ИНН или внешний ID)",
             "Класс", "Пол", "Фамилия", "Имя", "Отчество", "Дата рождения"]
        )
        for category, people in (("обучающийся", region.students), ("педагог", region.teachers)):
            for ref in people:
                organization = generator.choice(region.organizations)
                sex = generator.choice("мж")
                last_name = generator.choice(LAST_NAMES) + ("а" if sex == "ж" else "")
                if category == "обучающийся":
                    grade = generator.randrange(1, 12)
                    born = date(2024 - 7 - grade, 1, 1) + timedelta(days=generator.randrange(365))
                    grade_text, born_text = str(grade), born.strftime("%d.%m.%Y")
                else:
                    grade_text, born_text = "", ""
                writer.writerow(
                    [ref, category, municipality[organization], organization, grade_text, sex, last_name,
                     generator.choice(FIRST_NAMES[sex]), generator.choice(MIDDLE_NAMES[sex]), born_text]
                )

    events = folder / "events.csv"
    with events.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(
            ["Внешний ID", "Название мероприятия", "Вид мероприятия", "Уровень", "Этап олимпиады", "Начало",
             "Направленность", "Организатор (ИНН или внешний ID)", "Муниципальное образование"]
        )
        for number, ref in enumerate(region.events):
            kind, olympiad = generator.choice(EVENT_KINDS)
            level = generator.choice(EVENT_LEVELS)
            organizer = generator.choice(region.organizations)
            starts = date(2024, 9, 2) + timedelta(days=generator.randrange(270))
            writer.writerow(
                [ref, f"Условное мероприятие № {number + 1}", kind, level, f"{level} этап" if olympiad else "",
                 starts.strftime("%d.%m.%Y"), generator.choice(ORIENTATIONS), organizer, municipality[organizer]]
            )
    return [("organizations", organizations), ("participants", participants), ("events", events)]


def participation_lines(region: Region) -> Iterator[list[str]]:
    for event, participant, mentor, score, result in region.participations:
        yield [event, participant, result, score, mentor]


def write_participations_csv(region: Region, path: Path) -> None:
    with path.open("w", encoding="cp1251", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(PARTICIPATION_HEADER)
        writer.writerows(participation_lines(region))


def write_participations_xlsx(region: Region, path: Path) -> None:
    """Write the rows as text cells, except scores, which are numbers as Excel stores them."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Результаты")
    sheet.append(PARTICIPATION_HEADER)
    for event, participant, result, score, mentor in participation_lines(region):
        sheet.append([event, participant, result, float(score.replace(",", ".")) if score else None, mentor or None])
    workbook.save(path)


# Running `talents`.


def talents_command(database_url: str, *arguments: str | Path) -> list[str]:
    return [sys.executable, "-m", "api.cli", "--database-url", database_url, *map(str, arguments)]


def run_measured(command: list[str], log: Path) -> tuple[int, str, float, int]:
    """Run `command` and return its exit status, output, wall seconds and peak RSS in KiB.

    os.wait4 reports the resource usage of this one process. RUSAGE_CHILDREN would instead report
    the maximum over every child reaped so far.
    """
    with log.open("w+", encoding="utf-8") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text_output = output.read()
    # ru_maxrss is in KiB on Linux.
    return process.returncode, text_output, seconds, usage.ru_maxrss


def run_import(
    backend: str, name: str, database_url: str, kind: str, path: Path, folder: Path, *flags: str, targeted: bool
) -> Run:
    log = folder / f"{backend}-{name.replace(' ', '-')}.log"
    command = talents_command(database_url, "import", kind, path, "--no-progress", *flags)
    status, output, seconds, peak = run_measured(command, log)
    found = SUMMARY.search(output)
    if status != 0 or found is None:
        raise BenchFailed(f"{backend} {name}: `talents import` exited with {status}:\n{output[-3000:]}")
    counts = {key: int(value) for key, value in found.groupdict().items() if key != "seconds"}
    return Run(
        backend, name, counts["rows"], seconds, peak, float(found["seconds"]), counts, targeted, os.getloadavg()[0]
    )


def expect(run: Run, **expected: int) -> None:
    wrong = {key: (run.counts[key], value) for key, value in expected.items() if run.counts[key] != value}
    if wrong:
        described = ", ".join(f"{key} {got} (expected {value})" for key, (got, value) in wrong.items())
        raise BenchFailed(f"{run.backend} {run.name}: {described}")


async def scalar(database_url: str, statement: str) -> int:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            return (await connection.execute(text(statement))).scalar() or 0
    finally:
        await engine.dispose()


async def delete_participations(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM participations"))
    finally:
        await engine.dispose()


def bench_backend(backend: str, database_url: str, region: Region, files: Path, folder: Path) -> list[Run]:
    """Migrate the database, load the base data and time the participation imports."""
    rows = len(region.participations)
    print(f"[{backend}] migrating", flush=True)
    status, output, _seconds, _peak = run_measured(talents_command(database_url, "db", "upgrade"), folder / f"{backend}-upgrade.log")
    if status != 0:
        raise BenchFailed(f"{backend}: `talents db upgrade` exited with {status}:\n{output[-3000:]}")

    runs = []
    for kind, path in write_base_files(region, folder, SEED):
        print(f"[{backend}] importing base data: {kind}", flush=True)
        run = run_import(backend, kind, database_url, kind, path, folder, targeted=False)
        expect(run, rejected=0)
        runs.append(run)

    csv_file, xlsx_file = files / "participations.csv", files / "participations.xlsx"
    timed = [
        ("csv dry run", csv_file, ("--dry-run",), {"created": rows}),
        ("csv first import", csv_file, (), {"created": rows}),
        ("csv re-import", csv_file, (), {"created": 0, "updated": 0, "unchanged": rows}),
        ("xlsx first import", xlsx_file, (), {"created": rows}),
        ("xlsx re-import", xlsx_file, (), {"created": 0, "updated": 0, "unchanged": rows}),
    ]
    for name, path, flags, expected in timed:
        if name == "xlsx first import":
            asyncio.run(delete_participations(database_url))
        print(f"[{backend}] {name}", flush=True)
        run = run_import(backend, name, database_url, "participations", path, folder, *flags, targeted=True)
        expect(run, rows=rows, rejected=0, **expected)
        stored = asyncio.run(scalar(database_url, "SELECT count(*) FROM participations"))
        if stored != (0 if name == "csv dry run" else rows):
            raise BenchFailed(f"{backend} {name}: the database has {stored} participations")
        runs.append(run)
    return runs


# Databases.


def check_postgres_url(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or parsed.host != POSTGRES_HOST:
        raise SystemExit(f"bench.imports: --postgres-url must be a PostgreSQL server on {POSTGRES_HOST}, got {url!r}")


async def postgres_admin(server_url: str, statement: str) -> None:
    engine = create_engine(make_url(server_url).set(database="postgres").render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def bench_sqlite(region: Region, files: Path, folder: Path) -> list[Run]:
    database = folder / "bench.db"
    return bench_backend("sqlite", f"sqlite+aiosqlite:///{database}", region, files, folder)


def bench_postgres(region: Region, files: Path, folder: Path, server_url: str) -> list[Run]:
    name = f"talents_bench_imports_{uuid.uuid4().hex[:8]}"
    asyncio.run(postgres_admin(server_url, f'CREATE DATABASE "{name}"'))
    try:
        database_url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        return bench_backend("postgresql", database_url, region, files, folder)
    finally:
        asyncio.run(postgres_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def postgres_version(server_url: str) -> str:
    engine = create_engine(make_url(server_url).set(database="postgres").render_as_string(hide_password=False))
    try:
        async with engine.connect() as connection:
            return str((await connection.execute(text("SHOW server_version"))).scalar())
    finally:
        await engine.dispose()


# Report.


def describe_machine() -> str:
    memory_kib = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            memory_kib = int(meminfo.readline().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), cpu)
    except OSError:
        pass
    return (
        f"machine: {cpu}, {os.cpu_count()} cores, {memory_kib / 1024 / 1024:.1f} GiB RAM, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def describe_code() -> str:
    """Return the commit under test and whether the import code differs from it."""
    root = Path(__file__).resolve().parent.parent
    paths = ["api/import_cli.py", "db/imports", "resolvers/writes", "db/models", "alembic/versions"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", *paths], cwd=root, capture_output=True, text=True, check=True
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "code: not a git checkout"
    changed = [line[3:] for line in changed if line]
    return f"code: commit {commit}" + (f", uncommitted changes in {', '.join(changed)}" if changed else "")


def print_table(runs: list[Run]) -> None:
    header = (
        f"{'backend':10} {'run':20} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'peak RSS MiB':>12} "
        f"{'in CLI s':>8} {'/ target':>9} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        ratio = f"{run.ratio:9.2f}" if run.targeted else f"{'':9}"
        print(
            f"{run.backend:10} {run.name:20} {run.rows:8d} {run.seconds:8.1f} {run.rows / run.seconds:8.0f} "
            f"{run.peak_rss_kib / 1024:12.0f} {run.cli_seconds:8.1f} {ratio} {run.load_average:5.1f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=TARGET_ROWS, help="participation rows in the file (default: 100000)")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both", help="backends to time")
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_POSTGRES_URL,
        help=f"PostgreSQL server on {POSTGRES_HOST} to create the throwaway database on (default: {DEFAULT_POSTGRES_URL})",
    )
    parser.add_argument("--work-dir", type=Path, help="keep the files, logs and SQLite database here instead of a temporary folder")
    arguments = parser.parse_args()
    if arguments.rows < 1:
        parser.error("--rows must be at least 1")
    backends = ["sqlite", "postgresql"] if arguments.database == "both" else [arguments.database]
    if "postgresql" in backends:
        check_postgres_url(arguments.postgres_url)

    print(describe_machine())
    print(describe_code())
    print(f"load average at start: {os.getloadavg()[0]:.1f} (1 min)")
    if "postgresql" in backends:
        print(f"PostgreSQL {asyncio.run(postgres_version(arguments.postgres_url))} at {make_url(arguments.postgres_url).host}")
    region = generate_region(arguments.rows, SEED)
    print(
        f"region: {len(region.organizations)} organisations, {len(region.students)} students, "
        f"{len(region.teachers)} teachers, {len(region.events)} events, {len(region.participations)} participation rows"
    )

    with tempfile.TemporaryDirectory(prefix="bench-imports-") as temporary:
        folder = arguments.work_dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        write_participations_csv(region, folder / "participations.csv")
        write_participations_xlsx(region, folder / "participations.xlsx")
        print(
            f"files: participations.csv {(folder / 'participations.csv').stat().st_size / 1e6:.1f} MB (Windows-1251, ;), "
            f"participations.xlsx {(folder / 'participations.xlsx').stat().st_size / 1e6:.1f} MB"
        )

        runs: list[Run] = []
        try:
            for backend in backends:
                backend_folder = folder / backend
                backend_folder.mkdir(exist_ok=True)
                if backend == "sqlite":
                    runs += bench_sqlite(region, folder, backend_folder)
                else:
                    runs += bench_postgres(region, folder, backend_folder, arguments.postgres_url)
        except BenchFailed as failure:
            print_table(runs)
            print(f"bench.imports: {failure}", file=sys.stderr)
            return 2

    print()
    print_table(runs)
    missed = [run for run in runs if run.targeted and run.ratio >= 1]
    print()
    print(
        f"target: {TARGET_SECONDS:.0f} s per {TARGET_ROWS:,} participation rows; '/ target' is seconds over that limit; "
        "'load' is the 1-minute load average when the run ended"
    )
    if missed:
        for run in missed:
            print(f"MISSED: {run.backend} {run.name}: {run.seconds:.1f} s, limit {run.limit:.1f} s")
        return 1
    print("target met by every participation import")
    return 0


if __name__ == "__main__":
    sys.exit(main())
