"""Models of the members app: organisations and staff, applications and decisions, dues."""

from .applications import (  # noqa: F401
    Application,
    ApplicationDocument,
    ApplicationMessage,
    MembershipDecision,
)
from .dues import Due, FeeBand, FeeReduction, FeeSchedule, Payment  # noqa: F401
from .organisations import (  # noqa: F401
    WORKING_LANGUAGES,
    Affiliation,
    Invitation,
    Organisation,
    Region,
)
