"""Money as integer minor units plus an ISO 4217 currency code: no floats anywhere."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

# Currencies of the network's countries whose minor unit is not the cent.
EXPONENTS = {"JOD": 3, "TND": 3, "KWD": 3, "BHD": 3, "OMR": 3, "LYD": 3, "IQD": 3, "JPY": 0}
CURRENCIES = ["EUR", "USD", "MAD", "TND", "DZD", "EGP", "JOD", "LBP", "ILS", "MRU", "LYD", "IQD"]


def exponent(currency: str) -> int:
    return EXPONENTS.get((currency or "").upper(), 2)


def to_minor(amount: Decimal | str | int, currency: str) -> int:
    """Major units (a Decimal or its text) → integer minor units, rounded half up."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    return int((value * 10 ** exponent(currency)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_major(minor: int, currency: str) -> Decimal:
    places = exponent(currency)
    return (Decimal(minor) / 10**places).quantize(Decimal(1).scaleb(-places))


def format_money(minor: int | None, currency: str) -> str:
    """12345, "MAD" → "123.45 MAD" in the reader's locale (separators follow the language)."""
    if minor is None:
        return "—"
    places = exponent(currency)
    return f"{number_format(to_major(minor, currency), places, force_grouping=True)} {currency}"
