"""`talents import` and `importFile` on real files: idempotency, encodings, reports and atomicity."""

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, select

from db import models
from tests.conftest import Client
from tests.factories import Factory
from tests.keys import bearer

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"

# The fixture files in the order their references need.
CHAIN = [
    ("organizations", "organizations.csv"),
    ("programs", "programs.csv"),
    ("participants", "participants.csv"),
    ("events", "events_cp1251.csv"),
    ("participations", "participations_cp1251.csv"),
    ("population", "population.csv"),
]

COUNTED = [
    models.Organization, models.Program, models.Participant, models.Event, models.Participation,
    models.MunicipalityPopulation, models.program_levels, models.event_audiences, models.participant_disabilities,
]


def talents_import(database_url: str, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", "--database-url", database_url, "import", *map(str, arguments), "--no-progress"],
        capture_output=True, text=True, timeout=300, check=False,
    )


async def counts(factory: Factory) -> dict[str, int]:
    async with factory.engine.connect() as connection:
        return {
            getattr(table, "__tablename__", getattr(table, "name", "")): await connection.scalar(
                select(func.count()).select_from(table)
            )
            for table in COUNTED
        }


async def participation_rows(factory: Factory) -> list[tuple]:
    async with factory.engine.connect() as connection:
        statement = (
            select(
                models.Event.external_id, models.Participant.external_id, models.Participation.result,
                models.Participation.score, models.Participation.school_year, models.Participation.municipality_id,
            )
            .join(models.Event, models.Event.id == models.Participation.event_id)
            .join(models.Participant, models.Participant.id == models.Participation.participant_id)
            .order_by(models.Event.external_id, models.Participant.external_id)
        )
        return [tuple(row) for row in await connection.execute(statement)]


def import_chain(database_url: str, chain: list[tuple[str, str]]) -> None:
    for kind, name in chain:
        done = talents_import(database_url, kind, FIXTURES / name)
        assert done.returncode == 0, (name, done.stdout, done.stderr)


async def test_importing_same_files_twice_changes_nothing(database_url: str, factory: Factory) -> None:
    import_chain(database_url, CHAIN)
    first = await counts(factory)
    first_rows = await participation_rows(factory)

    for kind, name in CHAIN:
        again = talents_import(database_url, kind, FIXTURES / name)

        assert again.returncode == 0, again.stderr
        assert "создано 0, изменено 0" in again.stdout, (name, again.stdout)
    assert await counts(factory) == first
    assert await participation_rows(factory) == first_rows
    assert first["participations"] == 40
    assert first["organizations"] == 4


@pytest.mark.parametrize("events, participations", [
    ("events_utf8.csv", "participations_utf8.csv"),
    ("events.xlsx", "participations.xlsx"),
])
async def test_encodings_and_formats_give_same_database(
    database_url: str, factory: Factory, tmp_path: Path, events: str, participations: str
) -> None:
    import_chain(database_url, CHAIN)
    expected = await participation_rows(factory)

    # The other spellings of the same rows update nothing.
    for kind, name in [("events", events), ("participations", participations)]:
        done = talents_import(database_url, kind, FIXTURES / name)

        assert done.returncode == 0, done.stderr
        assert "создано 0, изменено 0" in done.stdout, (name, done.stdout)
    assert await participation_rows(factory) == expected


async def write_results_file(factory: Factory, path: Path, bad_lines: set[int]) -> None:
    """Write 1,000 result rows for 200 participants at 5 events; `bad_lines` get invalid values."""
    school = await factory.organization("МАОУ «СОШ № 100»")
    for number in range(200):
        await factory.participant(school, external_id=f"BULK-{number:03d}")
    for number in range(5):
        await factory.event(title=f"Конкурс {number}", external_id=f"BULK-EV-{number}")

    with path.open("w", encoding="cp1251", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["Мероприятие (внешний ID)", "Участник (внешний ID)", "Результат", "Баллы"])
        line = 1
        for event in range(5):
            for person in range(200):
                line += 1
                result = "чемпион" if line in bad_lines else "участник"
                writer.writerow([f"BULK-EV-{event}", f"BULK-{person:03d}", result, "12,5"])


async def test_bad_rows_are_reported_and_the_rest_stored(database_url: str, factory: Factory, tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    report = tmp_path / "report.csv"
    await write_results_file(factory, source, bad_lines={17, 500, 1001})

    done = talents_import(database_url, "participations", source, "--report", report)

    assert done.returncode == 1, done.stderr
    assert await counts(factory) == {**await counts(factory), "participations": 997}
    rows = list(csv.reader(io.StringIO(report.read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Строка", "Столбец", "Значение", "Причина"]
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        ("17", "Результат", "чемпион"), ("500", "Результат", "чемпион"), ("1001", "Результат", "чемпион"),
    ]


async def test_atomic_import_with_bad_rows_stores_nothing(database_url: str, factory: Factory, tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    await write_results_file(factory, source, bad_lines={17, 500, 1001})

    done = talents_import(database_url, "participations", source, "--atomic")

    assert done.returncode == 1
    assert "Ничего не сохранено" in done.stdout
    assert (await counts(factory))["participations"] == 0


async def test_dry_run_stores_nothing(database_url: str, factory: Factory) -> None:
    done = talents_import(database_url, "organizations", FIXTURES / "organizations.csv", "--dry-run")

    assert done.returncode == 0, done.stderr
    assert "создано 4" in done.stdout
    assert "пробный запуск" in done.stdout
    assert (await counts(factory))["organizations"] == 0


async def test_file_without_required_column_is_rejected(database_url: str, factory: Factory, tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    source.write_text("Участник (внешний ID);Результат\nP1;победитель\n", encoding="utf-8")

    done = talents_import(database_url, "participations", source, "--language", "en")

    assert done.returncode == 2
    assert "Nothing was stored" in done.stdout
    assert (tmp_path / "results.csv.errors.csv").exists()


async def test_ambiguous_municipality_is_reported(database_url: str, factory: Factory, tmp_path: Path) -> None:
    import_chain(database_url, CHAIN[:1])
    report = tmp_path / "report.csv"

    done = talents_import(database_url, "programs", FIXTURES / "programs_legacy.csv", "--report", report)

    assert done.returncode == 1
    text = report.read_text("utf-8-sig")
    assert "Троицкий городской округ (MO12) или Троицкий муниципальный округ (MO39)" in text
    async with factory.engine.connect() as connection:
        orientations = set((await connection.scalars(select(models.Program.orientation))).all())
    assert orientations == {"SOCIAL_HUMANITARIAN"}


IMPORT_FILE = """
mutation($input: ImportFileInput!) {
  importFile(input: $input) {
    rows created updated unchanged rejected stored
    rowErrors { line column value message }
    userErrors { code }
  }
}
"""


async def upload(client: Client, headers: dict[str, str], kind: str, path: Path, **flags: bool) -> dict:
    operations = {"query": IMPORT_FILE, "variables": {"input": {"kind": kind, "file": None, **flags}}}
    response = await client.http.post(
        "/graphql",
        data={"operations": orjson.dumps(operations).decode(), "map": orjson.dumps({"0": ["variables.input.file"]}).decode()},
        files={"0": (path.name, path.read_bytes(), "text/csv")},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]["importFile"]


async def test_upload_shares_the_import_path(client: Client, factory: Factory) -> None:
    headers = await bearer(factory, "REGIONAL_ADMIN")

    first = await upload(client, headers, "ORGANIZATIONS", FIXTURES / "organizations.xlsx")
    again = await upload(client, headers, "ORGANIZATIONS", FIXTURES / "organizations.csv")
    dry = await upload(client, headers, "PROGRAMS", FIXTURES / "programs_legacy.csv", dryRun=True)

    assert (first["rows"], first["created"], first["stored"]) == (4, 4, True)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert dry["stored"] is False
    assert dry["rejected"] == 2
    assert {error["line"] for error in dry["rowErrors"]} == {3, 4}
    assert (await counts(factory))["programs"] == 0


async def test_upload_needs_a_writing_role(client: Client, factory: Factory) -> None:
    for headers in ({}, await bearer(factory, "ANALYST")):
        payload = await upload(client, headers, "ORGANIZATIONS", FIXTURES / "organizations.csv")

        assert payload["userErrors"] == [{"code": "FORBIDDEN"}]
        assert payload["stored"] is False
    assert (await counts(factory))["organizations"] == 0


async def test_operator_import_is_limited_to_its_organizations(client: Client, factory: Factory) -> None:
    admin = await bearer(factory, "REGIONAL_ADMIN")
    await upload(client, admin, "ORGANIZATIONS", FIXTURES / "organizations.csv")
    async with factory.engine.connect() as connection:
        own = await connection.scalar(select(models.Organization.id).where(models.Organization.external_id == "ORG-T01"))
    operator = await bearer(factory, "OPERATOR", organizations=(own,))

    payload = await upload(client, operator, "PROGRAMS", FIXTURES / "programs.csv")

    async with factory.engine.connect() as connection:
        owners = set((await connection.scalars(select(models.Program.organization_id))).all())
    assert owners == {own}
    assert payload["created"] >= 1
    assert payload["rejected"] == payload["rows"] - payload["created"]
    assert all("FORBIDDEN" not in error["message"] for error in payload["rowErrors"])


async def test_cli_rejects_bad_paths_before_storing(database_url: str, factory: Factory, tmp_path: Path) -> None:
    source = FIXTURES / "organizations.csv"
    cases = [
        (["organizations", tmp_path], "это каталог"),
        (["organizations", tmp_path / "missing.csv"], "не найден"),
        (["organizations", source, "--report", tmp_path / "no" / "report.csv"], "каталог для отчёта"),
        (["organizations", source, "--report", source], "поверх импортируемого файла"),
    ]
    for arguments, expected in cases:
        done = talents_import(database_url, *arguments)

        assert done.returncode == 2, arguments
        assert expected in done.stderr, (arguments, done.stderr)
        assert "Traceback" not in done.stderr
    assert (await counts(factory))["organizations"] == 0


def test_cli_reports_unmigrated_database(tmp_path: Path) -> None:
    done = talents_import(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}", "organizations", FIXTURES / "organizations.csv")

    assert done.returncode == 2
    assert "talents db upgrade" in done.stderr
    assert "Traceback" not in done.stderr
    assert "SELECT" not in done.stderr


async def test_workbook_that_unpacks_too_large_is_rejected(database_url: str, factory: Factory, tmp_path: Path) -> None:
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 210_000_000)

    done = talents_import(database_url, "population", source)

    assert done.returncode == 2
    assert source.stat().st_size < 1_000_000
    assert "распаковывается" in (tmp_path / "bomb.xlsx.errors.csv").read_text("utf-8-sig")
