"""Opaque global IDs: base64url of `Type:primary key`."""

import base64
import binascii
from functools import lru_cache

from resolvers.errors import bad_input

# Primary keys are 32-bit integers on PostgreSQL.
MAX_PRIMARY_KEY = 2**31 - 1


# Pages show the same rows again and again; a bounded cache skips the encoding for them.
@lru_cache(maxsize=8192)
def encode_global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def split_global_id(value: str) -> tuple[str, int]:
    """Return the type name and primary key of a global ID, or raise BAD_USER_INPUT.

    Only the canonical spelling is accepted, so that one entity never has two IDs that compare
    unequal as strings (no padding, leading zeros or non-ASCII digits).
    """
    try:
        padded = value + "=" * (-len(value) % 4)
        type_name, _, raw_pk = base64.urlsafe_b64decode(padded.encode("ascii")).decode().partition(":")
        pk = int(raw_pk)
    except (ValueError, binascii.Error, UnicodeError):
        raise bad_input("id.malformed", id=value[:64]) from None
    if not type_name or not 0 < pk <= MAX_PRIMARY_KEY or encode_global_id(type_name, pk) != value:
        raise bad_input("id.malformed", id=value[:64])
    return type_name, pk


def decode_global_id(value: str, expected_type: str, argument: str) -> int:
    """Return the primary key of a global ID that must belong to `expected_type`."""
    type_name, pk = split_global_id(value)
    if type_name != expected_type:
        raise bad_input(
            "id.wrong_type", id=value[:64], actual=type_name, expected=expected_type, argument=argument
        )
    return pk
