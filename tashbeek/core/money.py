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


def split(total_minor: int, weights: dict) -> dict:
    """Share `total_minor` between the keys of `weights` in proportion to them, in whole
    minor units that always sum to the total: each gets the floor of its exact share, and
    the units left over go to the largest remainders (ties to the earlier key). Weights
    are non-negative numbers (ints or Decimals); all zero means equal shares."""
    if total_minor < 0:
        raise ValueError("a negative total cannot be split")
    keys = list(weights)
    if not keys:
        return {}
    values = [Decimal(str(weights[k])) for k in keys]
    if any(v < 0 for v in values):
        raise ValueError("weights cannot be negative")
    whole = sum(values)
    if whole == 0:
        values, whole = [Decimal(1)] * len(keys), Decimal(len(keys))
    exact = [Decimal(total_minor) * v / whole for v in values]
    shares = [int(e) for e in exact]  # floor: the shares are non-negative
    left = total_minor - sum(shares)
    order = sorted(range(len(keys)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return dict(zip(keys, shares, strict=True))
