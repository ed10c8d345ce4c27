"""Search keys fold case, read ё as е, drop quotes and collapse spaces."""

import pytest

from db.text import like_pattern, normalize_text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Берёзовский", "березовский"),
        ("ЁЛОЧКА", "елочка"),
        ("МАОУ «СОШ № 15»", "маоу сош № 15"),
        ("  Юный   эколог ", "юный эколог"),
        ("Lego-РОБОТЫ", "lego-роботы"),
    ],
)
def test_normalize_text(text: str, key: str) -> None:
    assert normalize_text(text) == key


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("100%_a\\") == "%100\\%\\_a\\\\%"
