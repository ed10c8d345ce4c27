"""docs/import.md names every column of every import kind, and its examples parse."""

from pathlib import Path

import pytest

from db.imports import KINDS, ImportKind, MunicipalityIndex, RowError, parse_file
from db.reference import municipalities

INDEX = MunicipalityIndex(
    (number, record.code, record.oktmo, record.name, record.kind)
    for number, record in enumerate(municipalities(), 1)
)
DOC = (Path(__file__).parents[2] / "docs" / "import.md").read_text("utf-8")


def section_of(kind: ImportKind) -> str:
    """Return the text from the kind's own heading, «### … (`kind`)», to the next heading."""
    start = next(
        index for index, line in enumerate(DOC.splitlines(keepends=True)) if line.startswith("### ") and f"(`{kind.name}`)" in line
    )
    text = "".join(DOC.splitlines(keepends=True)[start:])
    end = min((found for found in (text.find("\n### ", 1), text.find("\n## ", 1)) if found != -1), default=-1)
    return text if end == -1 else text[:end]


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda kind: kind.name)
def test_doc_lists_every_header(kind: ImportKind) -> None:
    section = section_of(kind)
    for column in kind.columns:
        assert f"`{column.key}`" in section, column.key
        for header in (column.header, *column.aliases):
            if header != "municipality":
                assert header in section, header


def test_doc_describes_running_imports() -> None:
    assert "## Запуск импорта" in DOC
    assert "talents import" in DOC


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda kind: kind.name)
def test_doc_examples_parse(kind: ImportKind) -> None:
    blocks = section_of(kind).split("```")[1::2]
    assert blocks
    for block in blocks:
        with parse_file(kind.name, block.strip("\n").encode(), "example.csv", INDEX) as result:
            items = list(result)
        assert result.file_errors == []
        assert result.warnings == []
        assert [item for item in items if isinstance(item, RowError)] == []
        assert len(items) == block.strip("\n").count("\n")
