"""The audit actions of the library, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "library.document.created": _("Document created"),
        "library.document.updated": _("Document changed"),
        "library.document.version_added": _("New version of a document"),
        "library.document.submit": _("Document sent for community review"),
        "library.document.return": _("Document returned to its author"),
        "library.document.adopt": _("Document adopted"),
        "library.document.publish": _("Document published"),
        "library.document.unpublish": _("Document unpublished"),
    }
)
