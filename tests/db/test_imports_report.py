"""The CSV error report: Excel-friendly encoding, delimiter, headers and both languages."""

import csv
import io
from pathlib import Path

from db.imports import FileIssue, RowError, write_error_report

PROBLEMS = [
    FileIssue(1, "Примечание", "Столбец «Примечание» будет пропущен.", 'Column "Примечание" is skipped.'),
    RowError(4, "Результат", "чемпион", "Неизвестный результат «чемпион».", 'Unknown result "чемпион".'),
    RowError(
        7, None, None, "В строке 5 значений; проверьте кавычки.", "The row has 5 values; check the quotes."
    ),
]


def test_write_error_report_russian(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    assert write_error_report(PROBLEMS, path) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Строка", "Столбец", "Значение", "Причина"],
        ["1", "Примечание", "", "Столбец «Примечание» будет пропущен."],
        ["4", "Результат", "чемпион", "Неизвестный результат «чемпион»."],
        ["7", "", "", "В строке 5 значений; проверьте кавычки."],
    ]


def test_write_error_report_english(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_error_report(PROBLEMS, path, language="en")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=","))
    assert rows[0] == ["Line", "Column", "Value", "Reason"]
    assert rows[2] == ["4", "Результат", "чемпион", 'Unknown result "чемпион".']


def test_write_error_report_to_stream() -> None:
    stream = io.StringIO(newline="")
    write_error_report(PROBLEMS[1:2], stream)
    assert (
        stream.getvalue()
        == "\ufeffСтрока;Столбец;Значение;Причина\r\n4;Результат;чемпион;Неизвестный результат «чемпион».\r\n"
    )


def test_write_error_report_defuses_formulas() -> None:
    stream = io.StringIO(newline="")
    write_error_report([RowError(2, "Баллы", '=HYPERLINK("x")', "не число", "not a number")], stream)
    line = stream.getvalue().splitlines()[1]
    assert line.startswith('2;Баллы;"\'=HYPERLINK(""x"")";')
