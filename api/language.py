"""The caller's language from `Accept-Language`: Russian unless English is preferred."""

SUPPORTED = ("ru", "en")
DEFAULT = "ru"


def pick_language(header: str | None) -> str:
    """Return "en" or "ru": the supported language with the highest q-value, Russian on a tie."""
    if not header:
        return DEFAULT

    best_language, best_quality = DEFAULT, 0.0
    for part in header.split(","):
        tag, _, parameters = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in SUPPORTED:
            continue
        quality = _quality(parameters)
        if quality > best_quality or (quality == best_quality and primary == DEFAULT):
            best_language, best_quality = primary, quality
    return best_language


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.strip() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0
