"""The directory's name search against the plain answer: a name holds every term."""

import random

import numpy as np
import pytest

from tashbeek.members.selectors.directory_names import Names

LETTERS = "abeouلنرو ي"  # few letters, so short terms often match; a space, as in real names


def _plain(names: list[str], terms: list[str]) -> list[int]:
    return [row for row, name in enumerate(names) if all(term in name for term in terms)]


@pytest.fixture(scope="module")
def folded():
    rng = random.Random(3)
    names = ["".join(rng.choices(LETTERS, k=rng.randint(1, 14))).strip() for _ in range(3_000)]
    return [*names, "", "a", "نو", "ab"]  # empty and shorter than a trigram


def _terms(rng: random.Random) -> list[str]:
    words = ["".join(rng.choices(LETTERS.replace(" ", ""), k=rng.randint(1, 4))) for _ in "xyz"]
    return words[: rng.randint(1, 3)]


def test_every_mix_of_short_and_long_terms_agrees_with_the_plain_answer(folded):
    names = Names(folded)
    rng = random.Random(11)
    for _ in range(400):
        terms = _terms(rng)
        assert np.flatnonzero(names.containing(terms)).tolist() == _plain(folded, terms), terms


@pytest.mark.parametrize(
    "terms",
    [["a"], ["ab"], ["نو"], ["ن"], ["a", "b"], ["a", "نو"], ["zz"], ["z"], ["ab", "abc"]],
)
def test_short_terms_find_names_shorter_than_a_trigram(folded, terms):
    found = np.flatnonzero(Names(folded).containing(terms)).tolist()
    assert found == _plain(folded, terms)


def test_a_short_term_is_answered_from_the_postings_without_comparing_every_name(
    folded, monkeypatch
):
    names = Names(folded)
    names.grams  # noqa: B018 (built on the first search, as in a request)
    compared = []
    find = np.strings.find
    monkeypatch.setattr(
        np.strings, "find", lambda array, term: compared.append(len(array)) or find(array, term)
    )
    assert names.containing(["ab"]).sum() == len(_plain(folded, ["ab"]))
    assert compared == [len(names.short_rows)]  # only the names shorter than a trigram
