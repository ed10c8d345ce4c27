"""API keys end to end: `talents keys` as a user runs it, and bearer authentication of the real app."""

import io
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.engine import make_url

from api.auth import KEY_PATTERN, PREFIX_LENGTH, hash_key
from api.cli import main
from api.keys_admin import KeyCommandError, parse_expiry
from db.enums import ApiKeyRole
from db.models import ApiKey, Base
from db.timezone import REGION_ZONE
from resolvers.access import Role
from resolvers.ids import encode_global_id
from tests.conftest import Client
from tests.factories import Factory

TALENTS = [sys.executable, "-m", "api.cli"]

VIEWER = "{ viewer { role healthData keyName organizations { externalId } municipalities { code } } }"

INVALID_KEY_RU = "Ключ API недействителен, отозван или истёк. Получите новый ключ у администратора."
INVALID_KEY_EN = "The API key is invalid, revoked or expired. Ask the administrator for a new key."


def talents(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TALENTS, "--database-url", database_url, *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def create_key(database_url: str, *arguments: str) -> tuple[int, str]:
    """Run `talents keys create` and return the new key's id and the key."""
    result = talents(database_url, "keys", "create", *arguments)
    assert result.returncode == 0, result.stderr
    key_id = int(re.search(r"Created API key (\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    return key_id, result.stdout.splitlines()[-1]


def bearer(key: str, language: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {key}"}
    if language:
        headers["Accept-Language"] = language
    return headers


async def viewer(client: Client, headers: dict[str, str]) -> dict[str, object]:
    response = await client.http.post("/graphql", json={"query": VIEWER}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["viewer"]


def assert_rejected(response, message: str, error: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == f'Bearer error="{error}"'
    assert response.json() == {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


async def set_oktmo(factory: Factory, code: str, oktmo: str) -> None:
    async with factory.engine.begin() as connection:
        await connection.execute(text("UPDATE municipalities SET oktmo = :oktmo WHERE code = :code"), {"oktmo": oktmo, "code": code})


async def count_keys(factory: Factory) -> int:
    async with factory.engine.connect() as connection:
        return (await connection.execute(select(func.count()).select_from(ApiKey))).scalar_one()


@contextmanager
def captured_logs() -> Iterator[io.StringIO]:
    """Capture every log record, SQL statements with their parameters and rows included."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    names = ["api", "resolvers", "db", "sqlalchemy.engine"]
    levels = {name: logging.getLogger(name).level for name in names}
    root = logging.getLogger()
    root.addHandler(handler)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield output
    finally:
        root.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


# --- roles ------------------------------------------------------------------------------------


def test_role_enums_agree() -> None:
    assert {role.value for role in Role} == {"ANONYMOUS"} | {role.value for role in ApiKeyRole}


async def test_no_header_is_anonymous(client: Client) -> None:
    assert await viewer(client, {}) == {
        "role": "ANONYMOUS",
        "healthData": False,
        "keyName": None,
        "organizations": [],
        "municipalities": [],
    }


async def test_each_role_authenticates(client: Client, factory: Factory, database_url: str) -> None:
    await factory.organization(external_id="school-5", inn="7451000005")
    await factory.organization(external_id="school-6", inn="7451000006")
    await set_oktmo(factory, "MO16", "75764000")
    cases = [
        (["--role", "ANALYST", "--name", "Аналитик"], "ANALYST", False, [], []),
        (
            ["--role", "OPERATOR", "--name", "Школы 5 и 6", "--organization", "school-5", "--organization", "7451000006"],
            "OPERATOR",
            False,
            ["school-5", "school-6"],
            [],
        ),
        (
            ["--role", "MUNICIPAL_COORDINATOR", "--name", "Координатор", "--municipality", "MO15",
             "--municipality", "75764000", "--health-data"],
            "MUNICIPAL_COORDINATOR",
            True,
            [],
            ["MO15", "MO16"],
        ),
        (["--role", "regional_admin", "--name", "  Министерство  ", "--health-data"], "REGIONAL_ADMIN", True, [], []),
    ]

    for arguments, role, health_data, organizations, municipalities in cases:
        _, key = create_key(database_url, *arguments)
        seen = await viewer(client, bearer(key))

        assert seen["role"] == role
        assert seen["healthData"] is health_data, role
        assert seen["keyName"] == arguments[3].strip(), role
        assert [entry["externalId"] for entry in seen["organizations"]] == organizations, role  # type: ignore[attr-defined]
        assert [entry["code"] for entry in seen["municipalities"]] == municipalities, role  # type: ignore[attr-defined]


async def test_scope_by_global_id(client: Client, factory: Factory, database_url: str) -> None:
    school = await factory.organization(external_id="school-7")
    chelyabinsk = factory.municipality_ids["MO15"]
    _, operator = create_key(
        database_url, "--role", "OPERATOR", "--name", "op", "--organization", encode_global_id("Organization", school)
    )
    _, coordinator = create_key(
        database_url,
        "--role",
        "MUNICIPAL_COORDINATOR",
        "--name",
        "co",
        "--municipality",
        encode_global_id("Municipality", chelyabinsk),
    )

    assert (await viewer(client, bearer(operator)))["organizations"] == [{"externalId": "school-7"}]
    assert (await viewer(client, bearer(coordinator)))["municipalities"] == [{"code": "MO15"}]


async def test_scheme_is_case_insensitive(client: Client, database_url: str) -> None:
    _, key = create_key(database_url, "--role", "ANALYST", "--name", "analyst")

    for scheme in ["bearer", "BEARER", "BeArEr"]:
        seen = await viewer(client, {"Authorization": f"{scheme} {key}"})
        assert seen["role"] == "ANALYST", scheme


# --- rejected credentials ---------------------------------------------------------------------


async def test_unknown_key_is_rejected(client: Client) -> None:
    unknown = "tal_" + "A" * 43

    for language, message in [(None, INVALID_KEY_RU), ("en", INVALID_KEY_EN), ("ru", INVALID_KEY_RU)]:
        response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(unknown, language))
        assert_rejected(response, message, "invalid_token")


async def test_key_not_in_key_format_is_rejected(client: Client) -> None:
    for token in ["secret", "tal_short", "tal_" + "A" * 44, "xyz_" + "A" * 43]:
        response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(token))
        assert_rejected(response, INVALID_KEY_RU, "invalid_token")


async def test_revoked_key_is_rejected(client: Client, database_url: str) -> None:
    key_id, key = create_key(database_url, "--role", "ANALYST", "--name", "revoked")
    assert (await viewer(client, bearer(key)))["role"] == "ANALYST"

    revoked = talents(database_url, "keys", "revoke", str(key_id))
    assert revoked.returncode == 0, revoked.stderr

    response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key))
    assert_rejected(response, INVALID_KEY_RU, "invalid_token")
    response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key, "en"))
    assert_rejected(response, INVALID_KEY_EN, "invalid_token")


async def test_expired_key_is_rejected(client: Client, factory: Factory, database_url: str) -> None:
    key_id, key = create_key(database_url, "--role", "ANALYST", "--name", "expiring", "--expires", "1h")
    assert (await viewer(client, bearer(key)))["role"] == "ANALYST"

    now = datetime.now(UTC)
    async with factory.engine.begin() as connection:
        await connection.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id)
            .values(created_at=now - timedelta(days=2), expires_at=now - timedelta(seconds=1))
        )

    response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key))
    assert_rejected(response, INVALID_KEY_RU, "invalid_token")
    response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key, "en"))
    assert_rejected(response, INVALID_KEY_EN, "invalid_token")


async def test_malformed_header_is_rejected(client: Client, database_url: str) -> None:
    _, key = create_key(database_url, "--role", "ANALYST", "--name", "analyst")
    malformed = "Заголовок Authorization должен иметь вид «Bearer <ключ API>». Без ключа API отправьте запрос без этого заголовка."

    for value in ["", "Bearer", f"Bearer {key} extra", f"Basic {key}", f"Token {key}", key, "Basic dXNlcjpwYXNz"]:
        response = await client.http.post("/graphql", json={"query": VIEWER}, headers={"Authorization": value})
        assert_rejected(response, malformed, "invalid_request")

    response = await client.http.post(
        "/graphql", json={"query": VIEWER}, headers=[("Authorization", f"Bearer {key}"), ("Authorization", f"Bearer {key}")]
    )
    assert_rejected(response, malformed, "invalid_request")

    response = await client.http.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": "Basic x", "Accept-Language": "en"}
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("The Authorization header must be")


async def test_rejection_is_http_401_for_every_request_form(client: Client) -> None:
    headers = bearer("tal_" + "B" * 43)
    get = await client.http.get("/graphql", params={"query": VIEWER}, headers=headers)
    graphql_response = await client.http.post(
        "/graphql",
        json={"query": VIEWER},
        headers={**headers, "Accept": "application/graphql-response+json"},
    )

    assert_rejected(get, INVALID_KEY_RU, "invalid_token")
    assert_rejected(graphql_response, INVALID_KEY_RU, "invalid_token")


async def test_exports_authenticate_too(client: Client, database_url: str) -> None:
    url = "/export/monitoring/participation.csv?groupBy=MUNICIPALITY"
    _, key = create_key(database_url, "--role", "ANALYST", "--name", "analyst")

    rejected = await client.http.get(url, headers=bearer("tal_" + "C" * 43, "en"))
    malformed = await client.http.get(url, headers={"Authorization": "Basic x"})
    accepted = await client.http.get(url, headers=bearer(key))
    anonymous = await client.http.get(url)

    assert_rejected(rejected, INVALID_KEY_EN, "invalid_token")
    assert malformed.status_code == 401
    assert accepted.status_code == 200, accepted.text
    assert anonymous.status_code == 200, anonymous.text


async def test_database_failure_is_503_not_anonymous(client: Client, factory: Factory, database_url: str) -> None:
    _, key = create_key(database_url, "--role", "ANALYST", "--name", "analyst")
    async with factory.engine.begin() as connection:
        await connection.execute(text("DROP TABLE api_key_municipalities"))

    response = await client.http.post(
        "/graphql", json={"query": VIEWER}, headers={**bearer(key, "en"), "X-Request-ID": "req-keys-1"}
    )

    assert response.status_code == 503
    assert "www-authenticate" not in response.headers
    assert response.json() == {
        "errors": [
            {
                "message": "The API key could not be checked because the database is unavailable. Retry later; "
                "if the error persists, report request id req-keys-1 to the administrator.",
                "extensions": {"code": "INTERNAL", "requestId": "req-keys-1"},
            }
        ]
    }


# --- last use ---------------------------------------------------------------------------------


async def test_last_used_written_at_most_once_a_minute(client: Client, factory: Factory, database_url: str) -> None:
    key_id, key = create_key(database_url, "--role", "ANALYST", "--name", "analyst")

    async def last_used() -> datetime | None:
        async with factory.engine.connect() as connection:
            return (await connection.execute(select(ApiKey.last_used_at).where(ApiKey.id == key_id))).scalar_one()

    def updates_since(start: int) -> int:
        return sum("UPDATE api_keys" in statement for statement in client.counter.statements[start:])

    assert await last_used() is None
    start = len(client.counter.statements)
    await viewer(client, bearer(key))
    first = await last_used()
    await viewer(client, bearer(key))
    await viewer(client, bearer(key))

    assert first is not None
    assert updates_since(start) == 1
    assert await last_used() == first

    two_minutes_ago = datetime.now(UTC) - timedelta(minutes=2)
    async with factory.engine.begin() as connection:
        await connection.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=two_minutes_ago))
    start = len(client.counter.statements)
    await viewer(client, bearer(key))

    assert updates_since(start) == 1
    later = await last_used()
    assert later is not None and later > two_minutes_ago + timedelta(minutes=1)


async def test_authentication_reads_key_in_one_query(client: Client, factory: Factory, database_url: str) -> None:
    for number in range(3):
        await factory.organization(external_id=f"school-{number}")
    arguments = [option for number in range(3) for option in ("--organization", f"school-{number}")]
    _, key = create_key(database_url, "--role", "OPERATOR", "--name", "operator", *arguments)
    await viewer(client, bearer(key))  # records the first use

    start = len(client.counter.statements)
    response = await client.http.post("/graphql", json={"query": "{ viewer { role } }"}, headers=bearer(key))

    assert response.json() == {"data": {"viewer": {"role": "OPERATOR"}}}
    assert len(client.counter.statements[start:]) == 1


# --- the CLI ----------------------------------------------------------------------------------


async def test_create_prints_key_once(client: Client, factory: Factory, database_url: str) -> None:
    await factory.organization(external_id="school-5")
    result = talents(
        database_url, "keys", "create", "--role", "OPERATOR", "--name", "Школа 5", "--organization", "school-5",
        "--expires", "2099-06-30",
    )

    assert result.returncode == 0, result.stderr
    keys = KEY_PATTERN.findall(result.stdout)
    assert len(keys) == 1
    key = keys[0]
    assert result.stdout.splitlines()[-1] == key
    assert "Created API key 1 «Школа 5»" in result.stdout
    assert "organisations: school-5" in result.stdout
    assert "expires: 2099-06-30 00:00+05:00" in result.stdout
    assert key not in result.stderr
    assert f"created API key 1 ({key[:PREFIX_LENGTH]})" in result.stderr


async def test_list_shows_keys_without_secrets(client: Client, factory: Factory, database_url: str) -> None:
    await factory.organization(external_id="school-5")
    await factory.organization(inn="7451000006")
    _, operator = create_key(
        database_url, "--role", "OPERATOR", "--name", "Школы", "--organization", "school-5",
        "--organization", "7451000006", "--health-data",
    )
    _, coordinator = create_key(
        database_url, "--role", "MUNICIPAL_COORDINATOR", "--name", "Координатор", "--municipality", "MO15",
        "--expires", "2099-01-01T12:30+03:00",
    )
    await viewer(client, bearer(operator))

    result = talents(database_url, "keys", "list")

    assert result.returncode == 0, result.stderr
    header, first, second = result.stdout.splitlines()
    assert header.split() == [
        "id", "prefix", "name", "role", "scope", "health", "data", "status", "created", "expires", "revoked",
        "last", "used",
    ]
    assert first.startswith(f"1   {operator[:PREFIX_LENGTH]}  Школы")
    assert "OPERATOR" in first
    assert "7451000006, school-5" in first
    assert " yes " in first
    assert " active " in first
    assert not first.endswith("never")  # the operator's key has been used
    assert second.startswith(f"2   {coordinator[:PREFIX_LENGTH]}  Координатор")
    assert "MO15" in second
    assert "2099-01-01 14:30+05:00" in second
    assert second.endswith("never")
    for key in (operator, coordinator):
        assert key not in result.stdout + result.stderr
        assert key[PREFIX_LENGTH:] not in result.stdout


async def test_list_of_no_keys(database_url: str) -> None:
    result = talents(database_url, "keys", "list")

    assert result.returncode == 0, result.stderr
    assert "No API keys yet" in result.stdout


async def test_revoke_by_id_prefix_or_key(client: Client, database_url: str) -> None:
    keys = [create_key(database_url, "--role", "ANALYST", "--name", f"analyst {number}") for number in range(3)]
    references = [str(keys[0][0]), keys[1][1][:PREFIX_LENGTH], keys[2][1]]

    for (key_id, key), reference in zip(keys, references, strict=True):
        first = talents(database_url, "keys", "revoke", reference)
        again = talents(database_url, "keys", "revoke", str(key_id))

        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith(f"Revoked API key {key_id} «analyst {key_id - 1}»")
        assert again.returncode == 0, again.stderr
        assert "was already revoked" in again.stdout
        assert "nothing changed" in again.stdout
        assert key not in first.stdout + first.stderr + again.stdout + again.stderr
        response = await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key))
        assert response.status_code == 401

    listing = talents(database_url, "keys", "list").stdout.splitlines()
    assert sum(" revoked " in line for line in listing[1:]) == 3


async def test_revoke_unknown_key_fails(database_url: str) -> None:
    for reference in ["42", "tal_nothing1", "tal_" + "D" * 43]:
        result = talents(database_url, "keys", "revoke", reference)

        assert result.returncode == 1, reference
        assert "no API key has the id or prefix" in result.stderr
        assert "D" * 20 not in result.stderr
        assert "Traceback" not in result.stderr


SCOPE_ERRORS = [
    (["--role", "OPERATOR", "--name", "x"], "role OPERATOR needs at least one --organization"),
    (["--role", "OPERATOR", "--name", "x", "--organization", "school-5", "--municipality", "MO15"],
     "role OPERATOR takes --organization, not --municipality"),
    (["--role", "MUNICIPAL_COORDINATOR", "--name", "x"], "role MUNICIPAL_COORDINATOR needs at least one --municipality"),
    (["--role", "MUNICIPAL_COORDINATOR", "--name", "x", "--municipality", "MO15", "--organization", "school-5"],
     "role MUNICIPAL_COORDINATOR takes --municipality, not --organization"),
    (["--role", "ANALYST", "--name", "x", "--organization", "school-5"],
     "role ANALYST covers the whole region and takes no --organization or --municipality"),
    (["--role", "REGIONAL_ADMIN", "--name", "x", "--municipality", "MO15"],
     "role REGIONAL_ADMIN covers the whole region and takes no --organization or --municipality"),
    (["--role", "ANALYST", "--name", "   "], "--name is empty"),
    (["--role", "ANALYST", "--name", "x" * 201], "--name is 201 characters long; the maximum is 200"),
    (["--role", "ANALYST", "--name", "x", "--expires", "2020-01-01"], "is not in the future (2020-01-01 00:00+05:00)"),
    (["--role", "ANALYST", "--name", "x", "--expires", "0d"], "is not in the future"),
    (["--role", "ANALYST", "--name", "x", "--expires", "soon"], "is not a date, a date and time or a duration"),
    (["--role", "ANALYST", "--name", "x", "--expires", "99999999999d"], "is not a date, a date and time or a duration"),
    (["--role", "GUEST", "--name", "x"], "invalid choice: 'GUEST'"),
]


def test_create_rejects_invalid_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The arguments are checked before the database is opened, so the command runs in-process here.
    database = tmp_path / "untouched.db"

    for arguments, message in SCOPE_ERRORS:
        try:
            code = main(["--database-url", f"sqlite+aiosqlite:///{database}", "keys", "create", *arguments])
        except SystemExit as exit:  # argparse exits by itself on an invalid choice
            code = exit.code  # type: ignore[assignment]
        stderr = capsys.readouterr().err

        assert code == 2, arguments
        assert message in stderr, (arguments, stderr)
        assert "Traceback" not in stderr
    assert not database.exists()


async def test_create_rejects_unknown_scope(factory: Factory, database_url: str) -> None:
    program = encode_global_id("Program", 1)
    cases = [
        (["--role", "OPERATOR", "--organization", "nowhere"], "--organization 'nowhere': no organisation has this"),
        (["--role", "MUNICIPAL_COORDINATOR", "--municipality", "MO99"], "--municipality 'MO99': no municipality has this"),
        (["--role", "OPERATOR", "--organization", program], f"'{program}' is the global ID of a Program"),
    ]

    for arguments, message in cases:
        result = talents(database_url, "keys", "create", "--name", "x", *arguments)

        assert result.returncode == 1, arguments
        assert message in result.stderr, (arguments, result.stderr)
        assert "Traceback" not in result.stderr
    assert await count_keys(factory) == 0


async def test_create_rejects_taken_name(factory: Factory, database_url: str) -> None:
    key_id, _ = create_key(database_url, "--role", "ANALYST", "--name", "Аналитик")
    assert talents(database_url, "keys", "revoke", str(key_id)).returncode == 0

    result = talents(database_url, "keys", "create", "--role", "ANALYST", "--name", " Аналитик ")

    assert result.returncode == 1
    assert f"an API key named «Аналитик» already exists (id {key_id})" in result.stderr
    assert await count_keys(factory) == 1


def test_help_of_keys_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for command in [["keys"], ["keys", "create"], ["keys", "list"], ["keys", "revoke"]]:
        with pytest.raises(SystemExit) as exit:
            main([*command, "--help"])
        output = capsys.readouterr().out

        assert exit.value.code == 0, command
        assert f"usage: talents {' '.join(command)}" in output, command


def test_demo_loads_into_database_with_only_keys(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'keys-first.db'}"
    assert talents(url, "db", "upgrade").returncode == 0
    create_key(url, "--role", "REGIONAL_ADMIN", "--name", "admin")

    loaded = talents(url, "demo", "--scale", "0.01", "--no-progress", "--if-empty")

    assert loaded.returncode == 0, loaded.stderr
    assert "demo region loaded" in loaded.stderr


def test_keys_on_unmigrated_database_fail_clearly(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"

    for arguments in [["list"], ["revoke", "1"], ["create", "--role", "ANALYST", "--name", "x"]]:
        result = talents(url, "keys", *arguments)

        assert result.returncode == 1, arguments
        assert "run `talents db upgrade` first" in result.stderr
        assert "Traceback" not in result.stderr


def test_expiry_forms() -> None:
    now = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)

    assert parse_expiry("90d", now) == now + timedelta(days=90)
    assert parse_expiry("12h", now) == now + timedelta(hours=12)
    assert parse_expiry("2w", now) == now + timedelta(weeks=2)
    assert parse_expiry("2027-06-30", now) == datetime(2027, 6, 30, tzinfo=REGION_ZONE)
    assert parse_expiry("2027-06-30T18:00", now) == datetime(2027, 6, 30, 13, 0, tzinfo=UTC)
    assert parse_expiry("2027-06-30T18:00+03:00", now) == datetime(2027, 6, 30, 15, 0, tzinfo=UTC)
    assert parse_expiry("2027-06-30T18:00Z", now) == datetime(2027, 6, 30, 18, 0, tzinfo=UTC)
    assert parse_expiry("2027-06-30", now).tzinfo is UTC
    for past in ["2026-12-05", "2026-12-05T14:59", "0h", "2026-12-05T10:00Z"]:
        with pytest.raises(KeyCommandError, match="not in the future"):
            parse_expiry(past, now)


# --- secrets ----------------------------------------------------------------------------------


async def test_keys_never_stored_in_clear(client: Client, factory: Factory, database_url: str) -> None:
    await factory.organization(external_id="school-5")
    created = [
        create_key(database_url, "--role", "OPERATOR", "--name", "operator", "--organization", "school-5"),
        create_key(database_url, "--role", "REGIONAL_ADMIN", "--name", "admin", "--health-data"),
    ]
    for _, key in created:
        await viewer(client, bearer(key))
    assert talents(database_url, "keys", "revoke", str(created[0][0])).returncode == 0

    values: list[str] = []
    async with factory.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in (await connection.execute(select(table))).all():
                values.extend(str(value) for value in row if value is not None)
    stored = "\n".join(values)

    for _, key in created:
        assert hash_key(key) in stored  # proves that the search covered the api_keys table
        assert key not in stored
        assert key[PREFIX_LENGTH:] not in stored
        assert key[PREFIX_LENGTH:][:16] not in stored

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database)  # type: ignore[arg-type]
        raw = b"".join(file.read_bytes() for file in path.parent.glob(path.name + "*"))
        for _, key in created:
            assert hash_key(key).encode() in raw
            assert key.encode() not in raw
            assert key[PREFIX_LENGTH:].encode() not in raw


async def test_keys_never_logged(client: Client, factory: Factory, database_url: str) -> None:
    await factory.organization(external_id="school-5")
    arguments = ["--role", "OPERATOR", "--name", "operator", "--organization", "school-5"]
    result = subprocess.run(
        [*TALENTS, "--database-url", database_url, "keys", "create", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "TALENTS_LOG_LEVEL": "DEBUG"},
    )
    assert result.returncode == 0, result.stderr
    key = result.stdout.splitlines()[-1]
    assert "created API key" in result.stderr
    assert key not in result.stderr
    assert result.stdout.count(key) == 1

    with captured_logs() as output:
        await viewer(client, bearer(key))
        await viewer(client, bearer(key, "en"))
        await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key[:-1] + "x"))
        await client.http.post("/graphql", json={"query": VIEWER}, headers={"Authorization": f"Basic {key}"})
        revoked = talents(database_url, "keys", "revoke", key)
        await client.http.post("/graphql", json={"query": VIEWER}, headers=bearer(key))

    logs = output.getvalue()
    assert "SELECT" in logs  # SQL statements with their parameters are part of what was searched
    assert "rejected an unknown API key" in logs
    assert "rejected a malformed Authorization header" in logs
    assert f"rejected API key 1 ({key[:PREFIX_LENGTH]}): revoked" in logs
    assert key not in logs
    assert key[PREFIX_LENGTH:] not in logs
    assert key[PREFIX_LENGTH:-1] not in logs
    assert revoked.returncode == 0
    assert key not in revoked.stdout + revoked.stderr
