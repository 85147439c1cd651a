"""Writes of the members app (one typed, audited function per action)."""

from .applications import (  # noqa: F401
    APPLICATION_FIELDS,
    FOCAL_FIELDS,
    MOTIVATION_FIELDS,
    ORGANISATION_FIELDS,
    StaleState,
    application_answer,
    application_comment,
    application_document_add,
    application_request_information,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
    likely_duplicates,
    missing_for_submission,
    reviewers,
)
from .decisions import (  # noqa: F401
    TRANSITIONS,
    application_accept,
    application_reject,
    membership_decide,
    suspensions_lift_expired,
)
from .dues import (  # noqa: F401
    bands_errors,
    compute_fee,
    due_waive,
    dues_generate,
    fee_for,
    payment_record,
    schedule_save,
)
from .organisations import (  # noqa: F401
    INVITATION_DAYS,
    PROFILE_FIELDS,
    SECRETARIAT_FIELDS,
    affiliation_remove,
    invitation_accept,
    invitation_from_token,
    organisation_create,
    organisation_index_names,
    organisation_update,
    staff_invite,
)
