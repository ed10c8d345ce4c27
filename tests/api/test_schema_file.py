"""The committed schema.graphql matches the schema the code builds."""

from pathlib import Path

from api.app import build_schema
from api.settings import Settings

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_file_matches_code() -> None:
    built = build_schema(Settings()).as_str() + "\n"

    # After a schema change, regenerate the file with `talents schema --output schema.graphql`.
    assert SCHEMA_FILE.read_text(encoding="utf-8") == built
