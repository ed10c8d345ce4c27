"""Rules that clean and check one input value of a write.

A rule returns the value to store or raises `Invalid` with a message key. Mutations and file
imports pass values through the same rules, so a row that one accepts the other accepts too.
"""

import math
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from db.identifiers import is_valid_inn
from resolvers.ids import MAX_PRIMARY_KEY, split_global_id
from resolvers.errors import ApiError

# Calendar bounds of every date and moment the region's records may carry.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_MOMENT = datetime(2100, 12, 31, tzinfo=UTC)

# Characters below U+0020 other than tab, line feed and carriage return, DEL, and the bidirectional
# embedding, override and isolate controls, which can make text display other than it reads.
_CONTROL_CHARACTERS = (
    frozenset(chr(code) for code in range(32)) - {"\t", "\n", "\r"}
) | frozenset("\x7f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _has_visible_character(text: str) -> bool:
    """Return whether `text` has a letter, digit, punctuation mark or symbol, not only blanks and marks."""
    return any(unicodedata.category(character)[0] in "LNPS" and character not in "\u3164\u2800" for character in text)


class Invalid(Exception):
    """A value that breaks its rule: the message key and its parameters."""

    def __init__(self, message_key: str, code: str = "INVALID", **params: Any) -> None:
        super().__init__(message_key)
        self.message_key = message_key
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Rule:
    # A required value must be given on create and cannot be cleared with null on update.
    required: bool = False

    def clean(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Text(Rule):
    max_length: int = 500
    multiline: bool = False

    def clean(self, value: Any) -> str | None:
        if not isinstance(value, str):
            raise Invalid("write.not_text")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate, which a multipart request can carry in its JSON.
            raise Invalid("write.invalid_unicode") from None
        text = value.strip()
        if any(character in _CONTROL_CHARACTERS for character in text) or (
            not self.multiline and any(character in "\n\r\t" for character in text)
        ):
            raise Invalid("write.control_character")
        if not self.multiline:
            text = " ".join(text.split())
        if len(text) > self.max_length:
            raise Invalid("write.too_long", maximum=self.max_length, length=len(text))
        if not text or not _has_visible_character(text):
            if self.required:
                raise Invalid("write.empty")
            return None
        return text


@dataclass(frozen=True)
class Code(Rule):
    """An identifier of another system: printable, no spaces inside."""

    max_length: int = 64

    def clean(self, value: Any) -> str | None:
        text = Text(max_length=self.max_length).clean(value)
        if text is None:
            if self.required:
                raise Invalid("write.empty")
            return None
        if any(character.isspace() or not character.isprintable() for character in text):
            raise Invalid("write.code_spaces", value=text[:64])
        return text


@dataclass(frozen=True)
class Inn(Rule):
    def clean(self, value: Any) -> str | None:
        text = Text(max_length=20).clean(value)
        if text is None:
            return None
        digits = text.replace(" ", "")
        if not is_valid_inn(digits):
            raise Invalid("write.inn_invalid", value=text)
        return digits


@dataclass(frozen=True)
class Integer(Rule):
    minimum: int = 0
    maximum: int = MAX_PRIMARY_KEY

    def clean(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid("write.not_integer")
        if not self.minimum <= value <= self.maximum:
            raise Invalid("write.out_of_range", value=value, minimum=self.minimum, maximum=self.maximum)
        return value


@dataclass(frozen=True)
class Number(Rule):
    minimum: float = 0.0
    maximum: float = 1e9

    def clean(self, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise Invalid("write.not_number")
        if not self.minimum <= value <= self.maximum:
            raise Invalid(
                "write.out_of_range", value=f"{value:g}", minimum=f"{self.minimum:g}", maximum=f"{self.maximum:g}"
            )
        return float(value)


@dataclass(frozen=True)
class Flag(Rule):
    def clean(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid("write.not_boolean")
        return value


@dataclass(frozen=True)
class Choice(Rule):
    enum: type[Enum] | None = None

    def clean(self, value: Any) -> Enum:
        assert self.enum is not None
        try:
            return self.enum(value.value if isinstance(value, Enum) else value)
        except ValueError:
            allowed = ", ".join(member.value for member in self.enum)
            raise Invalid("write.unknown_choice", value=str(value)[:64], allowed=allowed) from None


@dataclass(frozen=True)
class Choices(Rule):
    """A set of enum values kept in an association table; duplicates collapse."""

    enum: type[Enum] | None = None

    def clean(self, value: Any) -> list[Enum]:
        if not isinstance(value, list | tuple):
            raise Invalid("write.not_list")
        choice = Choice(enum=self.enum)
        return sorted({choice.clean(item) for item in value}, key=lambda member: member.value)


@dataclass(frozen=True)
class Day(Rule):
    def clean(self, value: Any) -> date:
        if isinstance(value, datetime) or not isinstance(value, date):
            raise Invalid("write.not_date")
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise Invalid(
                "write.date_out_of_range",
                value=value.isoformat(),
                minimum=EARLIEST_DATE.isoformat(),
                maximum=LATEST_DATE.isoformat(),
            )
        return value


@dataclass(frozen=True)
class Moment(Rule):
    def clean(self, value: Any) -> datetime:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise Invalid("write.not_moment")
        moment = value.astimezone(UTC)
        if not EARLIEST_MOMENT <= moment <= LATEST_MOMENT:
            raise Invalid("write.moment_out_of_range", value=value.isoformat())
        return moment


@dataclass(frozen=True)
class Link(Rule):
    """An http or https address."""

    def clean(self, value: Any) -> str | None:
        text = Text(max_length=2000).clean(value)
        if text is None:
            return None
        scheme, separator, rest = text.partition("://")
        if not separator or scheme.lower() not in ("http", "https") or not rest or " " in text:
            raise Invalid("write.not_link", value=text[:200])
        return text


@dataclass(frozen=True)
class Links(Rule):
    """A list of titled links, given as objects or mappings with `title` and `url`; stored as
    `[{"title": …, "url": …}]` in the given order."""

    max_items: int = 20

    def clean(self, value: Any) -> list[dict[str, str]]:
        if not isinstance(value, list | tuple):
            raise Invalid("write.not_list")
        if len(value) > self.max_items:
            raise Invalid("write.too_many_items", maximum=self.max_items, value=len(value))
        cleaned = []
        for item in value:
            title = item.get("title") if isinstance(item, dict) else getattr(item, "title", None)
            url = item.get("url") if isinstance(item, dict) else getattr(item, "url", None)
            title = Text(required=True, max_length=300).clean(title) if title is not None else None
            url = Link().clean(url) if url is not None else None
            if title is None or url is None:
                raise Invalid("write.link_incomplete")
            cleaned.append({"title": title, "url": url})
        return cleaned


@dataclass(frozen=True)
class Reference(Rule):
    """Another entity by global ID (from GraphQL) or primary key (from an import)."""

    type_name: str = ""

    def clean(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 < value <= MAX_PRIMARY_KEY:
                raise Invalid("write.reference_not_found", code="NOT_FOUND", value=str(value))
            return value
        if not isinstance(value, str):
            raise Invalid("write.not_id")
        try:
            type_name, pk = split_global_id(value)
        except ApiError:
            raise Invalid("write.malformed_id", value=value[:64]) from None
        if type_name != self.type_name:
            raise Invalid("write.wrong_id_type", value=value[:64], actual=type_name, expected=self.type_name)
        return pk


@dataclass(frozen=True)
class References(Rule):
    type_name: str = ""
    max_items: int = 50

    def clean(self, value: Any) -> list[int]:
        if not isinstance(value, list | tuple):
            raise Invalid("write.not_list")
        if len(value) > self.max_items:
            raise Invalid("write.too_many_items", maximum=self.max_items, value=len(value))
        reference = Reference(type_name=self.type_name)
        return sorted({reference.clean(item) for item in value})


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
