"""Checks of real-world identifiers that arrive from people and other systems."""

# Weights of the ИНН control digits, as the Federal Tax Service defines them (order of the Ministry of
# Taxes of Russia of 3 March 2004 № БГ-3-09/178): ten-digit numbers have one control digit, twelve-digit
# numbers two.
_INN_10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_12_FIRST_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN_12_SECOND_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _control_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False)) % 11 % 10


def is_valid_inn(inn: str) -> bool:
    """Return whether `inn` is a ten-digit (organisation) or twelve-digit ИНН with correct control digits."""
    if not inn.isascii() or not inn.isdigit():
        return False
    if len(inn) == 10:
        return _control_digit(inn, _INN_10_WEIGHTS) == int(inn[9])
    if len(inn) == 12:
        return (
            _control_digit(inn, _INN_12_FIRST_WEIGHTS) == int(inn[10])
            and _control_digit(inn, _INN_12_SECOND_WEIGHTS) == int(inn[11])
        )
    return False
