"""Members' slots (core.slots): higher apps act on a membership decision (governance puts it
in the decisions register and ends the seats of a member that is suspended or leaves)."""

from tashbeek.core.slots import Slot

# provider(*, decision: MembershipDecision, by) -> {} — called inside the decision's transaction.
MEMBERSHIP_DECIDED = Slot("membership decided")

# provider(*, organisation: Organisation, user) -> {app: html} — sections of the profile page
# (cooperation lists the organisation's agreements and joint projects).
ORGANISATION_PAGE = Slot("organisation page")
