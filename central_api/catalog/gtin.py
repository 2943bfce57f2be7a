"""GS1 check digits and GTIN normalisation (server side)."""


def gs1_check_digit(body: str) -> str:
    """Mod-10 check digit over the digits of ``body`` (weights 3,1 from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def make_gtin13(company_prefix: str, item_ref: int) -> str:
    ref_len = 12 - len(company_prefix)
    body = company_prefix + str(item_ref).zfill(ref_len)
    return body + gs1_check_digit(body)


def normalise_gtin(code: str) -> str | None:
    """GTIN-8/12/13/14 to GTIN-14, or None when it is not a valid GTIN."""
    code = code.strip()
    if not code.isdigit() or not code.isascii() or len(code) not in (8, 12, 13, 14):
        return None
    if gs1_check_digit(code[:-1]) != code[-1]:
        return None
    return code.zfill(14)
