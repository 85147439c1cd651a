"""How a ballot is counted: quorum, majority and an election's winners. Pure functions, so the
rules can be tested as a grid without a database."""

from dataclasses import dataclass


def quorum_met(*, turnout: int, electorate: int, percent: int) -> bool:
    """At least `percent` % of the electorate took part (an empty electorate never decides)."""
    return electorate > 0 and turnout * 100 >= percent * electorate


def motion_adopted(*, votes_for: int, against: int, abstain: int, majority: str) -> bool:
    """simple: more for than against; absolute: more than half of all votes cast, abstentions
    included; two_thirds: at least two thirds of the votes for or against."""
    if majority == "absolute":
        return votes_for * 2 > votes_for + against + abstain
    if majority == "two_thirds":
        return votes_for > 0 and votes_for * 3 >= (votes_for + against) * 2
    return votes_for > against


@dataclass(frozen=True)
class Candidate:
    option_id: int
    votes: int
    # Lower comes first in a tie under the seniority rule (e.g. the member-since date).
    seniority: tuple


def election_winners(
    candidates: list[Candidate], *, seats: int, tie_rule: str
) -> tuple[list[int], bool]:
    """The winners by votes and whether a tie for the last seat was left unresolved. Under
    "seniority" the longest-standing member wins a tie; under "unresolved" the tied
    candidates for the last seat are all left out and the tie is reported."""
    ranked = sorted(candidates, key=lambda c: (-c.votes, c.seniority, c.option_id))
    ranked = [c for c in ranked if c.votes > 0]
    if len(ranked) <= seats:
        return [c.option_id for c in ranked], False
    boundary = ranked[seats - 1].votes
    if ranked[seats].votes != boundary or tie_rule == "seniority":
        return [c.option_id for c in ranked[:seats]], False
    return [c.option_id for c in ranked if c.votes > boundary], True
