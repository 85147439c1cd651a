"""Fee computation, property-tested: floor ≤ fee ≤ cap, never decreasing with population,
bands contiguous."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tashbeek.members.services import bands_errors, compute_fee

populations = st.integers(min_value=0, max_value=20_000_000)
money = st.integers(min_value=0, max_value=10_000_000)
rates = st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False, allow_infinity=False)
factors = st.decimals(min_value=0, max_value=1, places=3, allow_nan=False, allow_infinity=False)


@st.composite
def floor_and_cap(draw):
    floor = draw(money)
    cap = draw(st.one_of(st.none(), st.integers(min_value=floor, max_value=20_000_000)))
    return floor, cap


@st.composite
def valid_bands(draw):
    """Contiguous bands from 0, open-ended, amounts non-decreasing."""
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=5_000_000), max_size=6)))
    amounts = sorted(draw(st.lists(money, min_size=len(cuts) + 1, max_size=len(cuts) + 1)))
    lows = [0, *cuts]
    highs = [c - 1 for c in cuts] + [None]
    return list(zip(lows, highs, amounts, strict=True))


@settings(max_examples=300)
@given(populations, rates, floor_and_cap(), factors)
def test_per_inhabitant_fee_stays_between_floor_and_cap(population, rate, bounds, factor):
    floor, cap = bounds
    fee = compute_fee(
        method="per_inhabitant",
        population=population,
        rate=rate,
        floor=floor,
        cap=cap,
        factor=factor,
    )
    assert floor <= fee
    assert cap is None or fee <= cap


@settings(max_examples=300)
@given(populations, populations, rates, floor_and_cap(), factors)
def test_per_inhabitant_fee_never_decreases_with_population(a, b, rate, bounds, factor):
    floor, cap = bounds
    small, large = sorted((a, b))

    def fee(p):
        return compute_fee(
            method="per_inhabitant", population=p, rate=rate, floor=floor, cap=cap, factor=factor
        )

    assert fee(small) <= fee(large)


@settings(max_examples=300)
@given(valid_bands(), populations, populations, floor_and_cap(), factors)
def test_band_fee_bounded_and_monotonic(bands, a, b, bounds, factor):
    floor, cap = bounds
    assert bands_errors(bands) == []
    small, large = sorted((a, b))

    def fee(p):
        return compute_fee(
            method="bands", population=p, bands=bands, floor=floor, cap=cap, factor=factor
        )

    assert floor <= fee(small) <= fee(large)
    assert cap is None or fee(large) <= cap


@given(valid_bands(), populations)
def test_every_population_falls_in_exactly_one_band(bands, population):
    matching = [b for b in bands if b[0] <= population and (b[1] is None or population <= b[1])]
    assert len(matching) == 1


@given(valid_bands().filter(lambda b: len(b) >= 2), st.integers(min_value=1, max_value=1000))
def test_gaps_and_overlaps_are_refused(bands, shift):
    gap = [*bands]
    low, high, amount = gap[1]
    gap[1] = (low + shift, high if high is None or high >= low + shift else low + shift, amount)
    assert bands_errors(gap)
    overlap = [*bands]
    overlap[1] = (max(0, low - shift), high, amount)
    if overlap[1][0] != low:
        assert bands_errors(overlap)


def test_band_rules_in_words():
    assert bands_errors([]) != []
    assert bands_errors([(1, None, 100)])  # does not start at 0
    assert bands_errors([(0, 999, 100), (1000, 4999, 200)])  # closed at the top
    assert bands_errors([(0, 999, 300), (1000, None, 200)])  # cheaper for bigger
    assert bands_errors([(0, 999, 100), (1000, None, 200)]) == []


def test_worked_examples():
    # Aourir, 35,000 inhabitants at 0.50 MAD: 17,500 MAD; half for means: 8,750 MAD.
    assert compute_fee(method="per_inhabitant", population=35_000, rate=Decimal(50)) == 1_750_000
    assert (
        compute_fee(
            method="per_inhabitant", population=35_000, rate=Decimal(50), factor=Decimal("0.5")
        )
        == 875_000
    )
    # A village of 900 pays the floor; a city of 2 million the cap.
    kwargs = {"method": "per_inhabitant", "rate": Decimal(50), "floor": 100_000, "cap": 5_000_000}
    assert compute_fee(population=900, **kwargs) == 100_000
    assert compute_fee(population=2_000_000, **kwargs) == 5_000_000
    # Unknown population pays the floor rather than nothing.
    assert compute_fee(population=None, **kwargs) == 100_000
