"""Small GS1 helpers the decoders need to classify numeric codes."""


def gs1_check_digit(digits: str) -> int:
    """Return the GS1 mod-10 check digit for ``digits`` (the payload without it)."""
    if not digits.isdigit():
        raise ValueError(f"GS1 check digit needs digits only, got {digits!r}")
    total = 0
    for position, char in enumerate(reversed(digits)):
        weight = 3 if position % 2 == 0 else 1
        total += int(char) * weight
    return (10 - total % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    """True when ``code`` is all digits and ends with its GS1 mod-10 check digit."""
    if len(code) < 2 or not code.isdigit():
        return False
    return gs1_check_digit(code[:-1]) == int(code[-1])


def is_itf14(text: str) -> bool:
    """True for a 14-digit ITF payload with a valid check digit (a GTIN-14)."""
    return len(text) == 14 and has_valid_check_digit(text)
