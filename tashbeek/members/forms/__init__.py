"""Forms of the members app."""

from .applications import (  # noqa: F401
    ApplicationFocalForm,
    ApplicationMotivationForm,
    ApplicationOrganisationForm,
    DecisionForm,
    DocumentForm,
    MembershipDecisionForm,
    MessageForm,
    QueueFilterForm,
    SubmitForm,
)
from .dues import (  # noqa: F401
    BandFormSet,
    DuesFilterForm,
    FeeScheduleForm,
    PaymentForm,
    ReductionFormSet,
    WaiveForm,
    filled,
)
from .organisations import (  # noqa: F401
    DirectoryFilterForm,
    InviteForm,
    OrganisationForm,
    ReasonForm,
)
