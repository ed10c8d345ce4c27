"""Reading CSV and XLSX files: encodings, delimiters, quoting, empty rows and line numbers."""

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from db.imports import SourceRow, TableError, read_table
from db.imports.tables import cell_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"


def read_all(data: bytes, filename: str = "file.csv") -> tuple[list[str], list[SourceRow]]:
    with read_table(data, filename) as table:
        return table.header, list(table.rows)


def workbook_bytes(*rows: list[object]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_read_table_utf8_without_bom() -> None:
    with read_table("Имя;Фамилия\nАнна;Тестова\n".encode(), "file.csv") as table:
        assert table.encoding == "utf-8"
        assert table.header == ["Имя", "Фамилия"]
        assert list(table.rows) == [SourceRow(2, ["Анна", "Тестова"])]


def test_read_table_strips_bom() -> None:
    with read_table("\ufeffИмя;Фамилия\nАнна;Тестова\n".encode(), "file.csv") as table:
        assert table.encoding == "utf-8-sig"
        assert table.header == ["Имя", "Фамилия"]


def test_read_table_detects_cp1251() -> None:
    with read_table("Имя;Фамилия\nАлёна;Тестова\n".encode("cp1251"), "file.csv") as table:
        assert table.encoding == "cp1251"
        assert table.header == ["Имя", "Фамилия"]
        assert next(table.rows).cells == ["Алёна", "Тестова"]


def test_read_table_detects_cp1251_past_first_chunk() -> None:
    # The first megabyte is ASCII, so only the end of the file shows that it is not UTF-8.
    data = b"a;b\n" + b"x;y\n" * 300_000 + "Ёж;ё\n".encode("cp1251")
    header, rows = read_all(data)
    assert header == ["a", "b"]
    assert rows[-1].cells == ["Ёж", "ё"]
    assert rows[-1].line == 300_002


def test_read_table_rejects_unknown_encoding() -> None:
    # 0x98 is the one byte that Windows-1251 leaves undefined.
    with pytest.raises(TableError) as caught:
        read_table(b"a;b\n\x98;c\n", "file.csv")
    assert "Windows-1251" in caught.value.message.ru
    assert "0x98" in caught.value.message.en


def test_read_table_rejects_bom_with_invalid_utf8() -> None:
    with pytest.raises(TableError) as caught:
        read_table(b"\xef\xbb\xbfa;b\n\xc0;c\n", "file.csv")
    assert "BOM" in caught.value.message.ru


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        # A comma inside a header does not outvote the semicolons.
        ("Объём, часов;b;c\n1;2;3\n", ";"),
        # Delimiters inside quotes are not counted.
        ('"a;x;y;z",b,c\n1,2,3\n', ","),
    ],
)
def test_read_table_sniffs_delimiter(text: str, delimiter: str) -> None:
    with read_table(text.encode(), "file.csv") as table:
        assert table.delimiter == delimiter
        assert len(table.header) == 3
        assert next(table.rows).cells == ["1", "2", "3"]


def test_read_table_quoted_fields_keep_delimiters_and_newlines() -> None:
    data = 'id;Описание;Уровень\n1;"Первая строка\nвторая; с разделителем";"базовый; продвинутый"\n2;x;y\n'
    _, rows = read_all(data.encode())
    assert rows[0] == SourceRow(2, ["1", "Первая строка\nвторая; с разделителем", "базовый; продвинутый"])
    # The second record starts on line 4, because the first spans lines 2 and 3.
    assert rows[1] == SourceRow(4, ["2", "x", "y"])


def test_read_table_skips_blank_lines_and_empty_rows() -> None:
    data = "\n;;\na;b\n\n1;2\n;;\n  ;  \n3;4\n"
    with read_table(data.encode(), "file.csv") as table:
        assert table.header_line == 3
        assert [row.line for row in table.rows] == [5, 8]


def test_read_table_ignores_trailing_empty_columns() -> None:
    header, rows = read_all("a;b;;;\n1;2;;;\n3;;;;\n".encode())
    assert header == ["a", "b"]
    assert rows[0].cells == ["1", "2"]
    assert rows[1].cells == ["3"]


def test_read_table_keeps_inner_empty_cells() -> None:
    _, rows = read_all("a;b;c\n;;3\n".encode())
    assert rows[0].cells == ["", "", "3"]


def test_read_table_counts_old_mac_line_ends() -> None:
    _, rows = read_all(b"a;b\r1;2\r3;4\r")
    assert [row.line for row in rows] == [2, 3]


def test_read_table_empty_file() -> None:
    for data in (b"", b"\n\n", b";;;\n", b"\xef\xbb\xbf"):
        with pytest.raises(TableError) as caught:
            read_table(data, "empty.csv")
        assert caught.value.message.ru == "Файл пуст: в нём нет строки заголовка."


def test_read_table_empty_workbook() -> None:
    with pytest.raises(TableError) as caught:
        read_table(workbook_bytes([], [None, "  "]), "empty.xlsx")
    assert caught.value.message.ru == "Файл пуст: в нём нет строки заголовка."


def test_read_table_reads_path(tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes("a;b\n1;2\n".encode("cp1251"))
    with read_table(path, path.name) as table:
        assert list(table.rows) == [SourceRow(2, ["1", "2"])]


def test_read_table_reports_broken_csv_while_iterating() -> None:
    huge = "x" * 200_000
    with read_table(f'a;b\n1;2\n3;"{huge}"\n'.encode(), "file.csv") as table:
        assert next(table.rows).line == 2
        with pytest.raises(TableError) as caught:
            next(table.rows)
    assert caught.value.line == 3
    assert "строке 3" in caught.value.message.ru
    assert "длиннее 131072 символов" in caught.value.message.ru
    assert "field limit" not in caught.value.message.ru


def test_read_table_xlsx_header_after_empty_rows() -> None:
    data = workbook_bytes([], [None, None], ["ИНН", "Название"], [], [7451234567, "Тестовая школа"])
    with read_table(data, "file.xlsx") as table:
        assert table.format == "xlsx"
        assert table.header_line == 3
        assert table.header == ["ИНН", "Название"]
        assert list(table.rows) == [SourceRow(5, [7451234567, "Тестовая школа"])]


def test_read_table_xlsx_keeps_cell_types() -> None:
    data = workbook_bytes(
        ["a", "b", "c", "d", "e"],
        [9.0, 87.5, date(2024, 9, 1), datetime(2024, 9, 1, 10, 30), True],
    )
    _, rows = read_all(data, "file.xlsx")
    integral, fraction, day, moment, flag = rows[0].cells
    assert integral == 9
    assert fraction == 87.5
    # openpyxl reads a date cell as a date-time at midnight.
    assert day == datetime(2024, 9, 1)
    assert moment == datetime(2024, 9, 1, 10, 30)
    assert flag is True


def test_read_table_xlsx_trims_trailing_empty_cells() -> None:
    data = workbook_bytes(["a", "b", None, None], ["1", None, None, "  "])
    header, rows = read_all(data, "file.xlsx")
    assert header == ["a", "b"]
    assert rows[0].cells == ["1"]


def test_read_table_xlsx_fixture_has_numeric_inn() -> None:
    with read_table(FIXTURES / "organizations.xlsx", "organizations.xlsx") as table:
        first = next(table.rows)
    assert table.header_line == 2
    assert first.line == 3
    assert first.cells[1] == 7400000015
    assert first.cells[5] == 75701000


def test_read_table_rejects_xls() -> None:
    with pytest.raises(TableError) as caught:
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.xls")
    assert ".xlsx" in caught.value.message.ru


def test_read_table_rejects_broken_xlsx() -> None:
    with pytest.raises(TableError) as caught:
        read_table(b"PK\x03\x04not really a zip archive", "broken.xlsx")
    assert "«broken.xlsx»" in caught.value.message.ru
    # The library's English text stays out of the Russian message.
    assert "zip" not in caught.value.message.ru


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_read_table_rejects_utf16(encoding: str) -> None:
    data = "Муниципальное образование;Учебный год\nMO15;2024\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data

    with pytest.raises(TableError) as caught:
        read_table(data, "file.csv")

    assert "UTF-16" in caught.value.message.ru


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("  как есть ", "  как есть "),
        (7451234567, "7451234567"),
        (9.0, "9"),
        (87.5, "87.5"),
        (True, "TRUE"),
        (date(2024, 9, 1), "01.09.2024"),
        (datetime(2024, 9, 1), "01.09.2024"),
        (datetime(2024, 9, 1, 10, 5), "01.09.2024 10:05"),
        (datetime(2024, 9, 1, 10, 5, 30), "01.09.2024 10:05:30"),
    ],
)
def test_cell_text(cell: object, text: str) -> None:
    assert cell_text(cell) == text  # type: ignore[arg-type]
