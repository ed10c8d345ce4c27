"""Settings reject what cannot work, naming the setting; the language comes from the header."""

import pytest
from pydantic import ValidationError

from api.language import pick_language
from api.settings import Settings


def test_settings_reject_unsupported_driver() -> None:
    with pytest.raises(ValidationError, match="database_url"):
        Settings(database_url="mysql://root@localhost/test")


def test_settings_reject_malformed_url() -> None:
    with pytest.raises(ValidationError, match="database_url"):
        Settings(database_url="not a url")


def test_settings_reject_unknown_log_level() -> None:
    with pytest.raises(ValidationError, match="log_level"):
        Settings(log_level="LOUD")


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "ru"),
        ("", "ru"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        ("de-DE,en;q=0.5", "en"),
        ("de-DE", "ru"),
        ("en;q=0.5,ru;q=0.5", "ru"),
        ("en;q=bogus", "ru"),
    ],
)
def test_pick_language(header: str | None, language: str) -> None:
    assert pick_language(header) == language
