"""The audit actions of needs and offers, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "needs.need.created": _("Need posted"),
        "needs.need.updated": _("Need changed"),
        "needs.need.status": _("Need marked solved, closed or open"),
        "needs.need.matched": _("Need told of a matching experience"),
        "needs.offer.created": _("Offer of expertise posted"),
        "needs.offer.updated": _("Offer of expertise changed"),
        "needs.offer.withdrawn": _("Offer of expertise withdrawn"),
    }
)
