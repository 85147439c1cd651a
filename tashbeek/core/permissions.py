"""Role predicates shared by every app's rules.py.

Network-wide roles are Django groups (secretariat, steering committee); organisation roles
(focal person, staff) are affiliations, checked in members.rules. Results are memoised on the
user object for the request, because a page asks the same question many times."""

import rules

SECRETARIAT = "secretariat"
STEERING_COMMITTEE = "steering_committee"


def _group_names(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_tashbeek_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._tashbeek_groups = cached
    return cached


@rules.predicate
def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or SECRETARIAT in _group_names(user)


@rules.predicate
def is_committee_member(user) -> bool:
    return STEERING_COMMITTEE in _group_names(user)


is_signed_in = rules.is_authenticated
# Who must use a second factor and keep short sessions: the secretariat (and the operator,
# a superuser) and the steering committee.
is_privileged = is_secretariat | is_committee_member
