"""The audit actions of cooperation, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "cooperation.agreement.declared": _("Agreement declared"),
        "cooperation.agreement.updated": _("Agreement changed"),
        "cooperation.agreement.confirmed": _("Agreement confirmed by a party"),
        "cooperation.agreement.signed": _("Agreement signed by every party"),
        "cooperation.agreement.ended": _("Agreement ended"),
        "cooperation.project.created": _("Joint project started"),
        "cooperation.project.updated": _("Joint project changed"),
        "cooperation.project.partners": _("Project partners changed"),
        "cooperation.project.status": _("Project status changed"),
        "cooperation.milestone.added": _("Milestone added"),
        "cooperation.milestone.updated": _("Milestone changed"),
        "cooperation.issue.raised": _("Risk or challenge raised"),
        "cooperation.issue.resolved": _("Risk or challenge resolved"),
        "cooperation.update.posted": _("Project update posted"),
        "cooperation.budget_line.added": _("Budget line added"),
        "cooperation.budget_line.updated": _("Budget line changed"),
        "cooperation.funding.added": _("Funding added"),
        "cooperation.funding.updated": _("Funding changed"),
        "cooperation.expense.recorded": _("Expense recorded"),
        "cooperation.indicator.added": _("Indicator added"),
        "cooperation.indicator.updated": _("Indicator changed"),
        "cooperation.measurement.recorded": _("Indicator value recorded"),
        "cooperation.service.created": _("Shared service added"),
        "cooperation.service.updated": _("Shared service changed"),
        "cooperation.service.joined": _("Authority joined a shared service"),
        "cooperation.service.left": _("Authority left a shared service"),
        "cooperation.service.usage": _("Use of a shared service recorded"),
        "cooperation.service.contributions": _("Contributions to a shared service computed"),
        "cooperation.contribution.paid": _("Contribution payment recorded"),
        "cooperation.document.added": _("Project or tender document added"),
        "cooperation.tender.opened": _("Joint tender opened"),
        "cooperation.tender.demand": _("Quantities declared for a joint tender"),
        "cooperation.tender.published": _("Joint tender published"),
        "cooperation.tender.evaluation": _("Joint tender bids under evaluation"),
        "cooperation.tender.cancelled": _("Joint tender cancelled"),
        "cooperation.tender.awarded": _("Lot of a joint tender awarded"),
    }
)
