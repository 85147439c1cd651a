"""Members' slots (core.slots): higher apps act on a membership decision (governance puts it
in the decisions register, links it to the meeting where it was taken, and ends the seats of a
member that is suspended or leaves)."""

from tashbeek.core.slots import Slot

# provider(*, decision: MembershipDecision, by, meeting: int | None) -> {} — called inside the
# decision's transaction; `meeting` is the key of the meeting the decider chose from
# DECISION_MEETINGS (a provider refuses one it does not accept with a ValidationError).
MEMBERSHIP_DECIDED = Slot("membership decided")

# provider() -> {"meetings": [(key, label), ...]} — the meetings a committee decision may say it
# was taken at, most recent first (governance offers its bodies' meetings already held).
DECISION_MEETINGS = Slot("decision meetings")

# provider(*, organisation: Organisation, user) -> {app: html} — sections of the profile page
# (cooperation lists the organisation's agreements and joint projects).
ORGANISATION_PAGE = Slot("organisation page")
