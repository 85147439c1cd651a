"""The audit actions of members, applications, decisions and dues, with the labels the audit
log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "members.organisation.created": _("Organisation added"),
        "members.organisation.updated": _("Organisation profile changed"),
        "members.affiliation.created": _("Person joined an organisation's staff"),
        "members.affiliation.removed": _("Person removed from an organisation's staff"),
        "members.invitation.sent": _("Staff invitation sent"),
        "members.application.started": _("Application started"),
        "members.application.updated": _("Application changed"),
        "members.application.document_added": _("Council resolution uploaded"),
        "members.application.submitted": _("Application submitted"),
        "members.application.resubmitted": _("Application submitted again"),
        "members.application.information_requested": _("Committee asked for information"),
        "members.application.answered": _("Applicant answered"),
        "members.application.commented": _("Internal comment on an application"),
        "members.application.withdrawn": _("Application withdrawn"),
        "members.application.accepted": _("Application accepted"),
        "members.application.rejected": _("Application rejected"),
        "members.membership.suspended": _("Membership suspended"),
        "members.membership.reinstated": _("Membership reinstated"),
        "members.membership.ended": _("Membership cancelled"),
        "members.membership.withdrawn": _("Member withdrew"),
        "members.decision.reinstated": _("Suspension lifted at its end date"),
        "members.decision.withdrawn": _("Decision withdrawn"),
        "members.fee_schedule.created": _("Fee schedule created"),
        "members.fee_schedule.updated": _("Fee schedule changed"),
        "members.dues.generated": _("Dues generated for the year"),
        "members.payment.recorded": _("Payment recorded"),
        "members.due.waived": _("Due waived"),
    },
    fields={
        "created": _("dues created"),
        "possible_duplicate": _("possible duplicate"),
        "themes": _("themes"),
        "payment_minor": _("payment"),
        "paid_on": _("paid on"),
        "reference": _("reference"),
    },
)
