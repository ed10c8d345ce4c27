"""Search and sort keys for Russian text.

SQLite's `lower()` and `LIKE` fold ASCII only and PostgreSQL's results depend on the database
collation, so names are compared through a key computed here, the same on both databases:
case-folded, `ё` read as `е`, quotes dropped and whitespace collapsed. Because the key contains
lower-case Cyrillic without `ё`, its byte order is the Russian alphabetical order. The text is
brought to Unicode NFC first, so composed and decomposed spellings of «ё» and «й» match.
"""

import re
import unicodedata

_QUOTES = str.maketrans("", "", "«»„“”\"'`")
_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Return the search key of `text`."""
    # NFC first, so that «е» followed by a combining diaeresis is read as «ё».
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е").translate(_QUOTES)
    return _SPACES.sub(" ", folded).strip()


def like_pattern(query: str) -> str:
    """Return a LIKE pattern (escape character `\\`) that finds `query` anywhere in a key."""
    key = normalize_text(query)
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
